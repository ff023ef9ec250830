package qa

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
)

// sitemapPaths reads dir/sitemap.xml and returns the URL path of each <loc>,
// relative to the origin. The site may have been built for another origin
// (its real base URL); only the path is kept, with the base URL's own path
// prefix removed so that it maps onto dir.
func sitemapPaths(dir, basePath string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		return nil, err
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(b, &sm); err != nil {
		return nil, fmt.Errorf("sitemap.xml: %w", err)
	}
	var out []string
	seen := map[string]bool{}
	for _, u := range sm.URLs {
		pu, err := url.Parse(u.Loc)
		if err != nil {
			return nil, fmt.Errorf("sitemap.xml: %q: %w", u.Loc, err)
		}
		p := pu.Path
		if basePath != "" && basePath != "/" && len(p) >= len(basePath) && p[:len(basePath)] == basePath {
			p = "/" + p[len(basePath):]
			if len(p) > 1 && p[1] == '/' {
				p = p[1:]
			}
		}
		if p == "" {
			p = "/"
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("sitemap.xml lists no URL")
	}
	return out, nil
}
