// Command build builds the site, checks it, or serves it for preview.
//
//	go run ./cmd/build [flags]            build into public/
//	go run ./cmd/build check [flags]      validate everything, write nothing, print translation status
//	go run ./cmd/build serve [-addr a]    live preview (see internal/serve)
//	go run ./cmd/build new page fr/x      a new page; also: new translation nl fr/x, new language de
//
// Flags: -src DIR (site root, default .), -o DIR (output, default public),
// -base URL (absolute base URL, default from site.toml), -strict (warnings
// fail), -pdf (also print the leaflets to PDF with headless Chromium).
// Exit codes: 0 ok, 1 content or data errors, 2 usage (also an -o the
// build refuses to replace: see internal/output).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/output"
	"github.com/cire-asbl/fabrique/internal/site"
	"github.com/cire-asbl/fabrique/internal/srcdir"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if cmd == "serve" {
		return serveCmd(args, stdout, stderr)
	}
	if cmd == "new" {
		return newCmd(args, stdout, stderr)
	}
	if cmd != "build" && cmd != "check" {
		fmt.Fprintf(stderr, "unknown command %q: use build (default), check, serve or new%s\n", cmd, diag.DidYouMean(cmd, []string{"build", "check", "serve", "new"}))
		return 2
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts site.Options
	fs.StringVar(&opts.Src, "src", ".", "site root folder")
	fs.StringVar(&opts.Out, "o", "public", "output folder")
	fs.StringVar(&opts.BaseURL, "base", "", "absolute base URL (default: baseURL in site.toml)")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	pdf := fs.Bool("pdf", false, "also print every leaflet to PDF with headless Chromium (public/leaflets/{lang}/{pathway}.pdf)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opts.PDF = *pdf
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if cmd == "check" {
		res := site.Generate(srcdir.New(opts.Src), opts)
		printProblems(stderr, res.Problems, true)
		if res.Config != nil {
			printTranslations(stdout, res)
		}
		if res.Failed(opts.Strict) {
			return 1
		}
		fmt.Fprintln(stdout, "check: ok")
		return 0
	}
	// Pages link the leaflets' PDFs only when they will exist: -pdf with a
	// browser to print them (printLeaflets says so when there is none).
	opts.PDF = *pdf && findChromium() != ""
	res, err := site.Build(opts)
	printProblems(stderr, res.Problems, false)
	var refused *output.RefusedError
	if errors.As(err, &refused) {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "built %s\n", opts.Out)
	if *pdf {
		return printLeaflets(opts.Out, res.Leaflets, stdout, stderr)
	}
	return 0
}

// printProblems prints every problem. Texts to translate can number
// hundreds while a language is being added, and would bury an editor's real
// mistakes: a build prints one line per file for them, check lists each.
func printProblems(w io.Writer, l *diag.List, eachUntranslated bool) {
	if l == nil {
		return
	}
	perFile := map[string]int{}
	var files []string
	for _, p := range l.Sorted() {
		if p.Severity == diag.Untranslated && !eachUntranslated {
			if perFile[p.Path] == 0 {
				files = append(files, p.Path)
			}
			perFile[p.Path]++
			continue
		}
		fmt.Fprintln(w, p.Error())
	}
	for _, f := range files {
		fmt.Fprintf(w, "%s: to translate: %d text(s) not yet translated, shown in the default language meanwhile (go run ./cmd/build check lists each)\n", f, perFile[f])
	}
	e, wn := l.Count()
	if u := l.Untranslated(); u > 0 {
		fmt.Fprintf(w, "%d error(s), %d warning(s), %d text(s) to translate\n", e, wn, u)
	} else if e+wn > 0 {
		fmt.Fprintf(w, "%d error(s), %d warning(s)\n", e, wn)
	}
}

func printTranslations(w io.Writer, res *site.Result) {
	langs := res.Config.Codes()
	width := len("page")
	for _, e := range res.Translations {
		if len(e.Key) > width {
			width = len(e.Key)
		}
	}
	fmt.Fprintf(w, "%-*s", width+2, "page")
	for _, l := range langs {
		fmt.Fprintf(w, "%-14s", l)
	}
	fmt.Fprintln(w)
	for _, e := range res.Translations {
		fmt.Fprintf(w, "%-*s", width+2, e.Key)
		for _, l := range langs {
			st := e.Status(l)
			cell := st.String()
			if st == content.OK && e.Source != nil && e.ByLang[l] == e.Source {
				cell = "ok (source)"
			}
			fmt.Fprintf(w, "%-14s", cell)
		}
		fmt.Fprintln(w)
	}
	if len(res.Translations) > 0 && res.Translations[0].Source != nil {
		fmt.Fprintln(w, "\nA translation records the source version it was made from (translatedFrom); current versions:")
		for _, e := range res.Translations {
			if e.Source != nil {
				fmt.Fprintf(w, "  %-*s %s\n", width, e.Key, e.Source.SourceHash())
			}
		}
	}
}
