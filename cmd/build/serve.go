package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/cire-asbl/fabrique/internal/serve"
)

// serve registers itself so main.go only maps words to work.
// serveCmd runs the live preview until interrupted.
func serveCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts serve.Options
	fs.StringVar(&opts.Src, "src", ".", "site root folder")
	fs.StringVar(&opts.Addr, "addr", serve.DefaultAddr, "listen address (loopback by default; another address needs -public)")
	fs.BoolVar(&opts.Public, "public", false, "allow -addr to be reachable from the network (e.g. -addr 0.0.0.0:1313 -public); prints a warning")
	fs.StringVar(&opts.BaseURL, "base", "", "base URL of the preview (default http://ADDR/)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	opts.Log = stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := serve.Run(ctx, opts); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
