package qa

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// gnuLine is one line of `vnu --format gnu`:
// "file:/abs/path.html":12.3-12.9: error: message
var gnuLine = regexp.MustCompile(`^"?file:(.*?)"?:(\d+)\.(\d+)(?:-\d+\.\d+)?: (error|fatal|info|warning)[^:]*: (.*)$`)

// htmlFiles lists every .html file under dir, sorted.
func htmlFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// runVnu checks every HTML file under dir with the Nu HTML Checker in one
// Java process (its start-up costs about a second) and returns one finding
// per error, attributed to the page URL path of the file.
func runVnu(ctx context.Context, java, jar, dir string) ([]Finding, int, error) {
	files, err := htmlFiles(dir)
	if err != nil || len(files) == 0 {
		return nil, 0, err
	}
	args := append([]string{"-jar", jar, "--errors-only", "--format", "gnu", "--skip-non-html"}, files...)
	cmd := exec.CommandContext(ctx, java, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	var fs []Finding
	var unparsed []string
	for _, line := range strings.Split(out.String(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		m := gnuLine.FindStringSubmatch(line)
		if m == nil {
			unparsed = append(unparsed, line)
			continue
		}
		if m[4] == "info" || m[4] == "warning" {
			continue
		}
		fs = append(fs, Finding{
			Page:  pagePathOf(dir, m[1]),
			Check: "html-valid",
			Rule:  "vnu",
			Where: "line " + m[2] + ", column " + m[3],
			Msg:   m[5],
		})
	}
	if runErr != nil && len(fs) == 0 {
		// The checker failed without telling us about a page: that is a
		// broken gate, not a clean site.
		if _, ok := runErr.(*exec.ExitError); !ok || len(unparsed) > 0 {
			return nil, len(files), fmt.Errorf("vnu: %v: %s", runErr, strings.Join(unparsed, "\n"))
		}
		return nil, len(files), fmt.Errorf("vnu: %v with no error reported", runErr)
	}
	return fs, len(files), nil
}

// pagePathOf maps a file under dir to the URL path that serves it.
func pagePathOf(dir, file string) string {
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		return file
	}
	p := "/" + filepath.ToSlash(rel)
	if strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	return p
}
