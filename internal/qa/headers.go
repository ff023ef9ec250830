package qa

import (
	"bufio"
	"bytes"
	"net/http"
	"strings"
)

// headerRule is one block of a _headers file (the format Netlify and
// Cloudflare Pages read): a path pattern on its own line, then indented
// "Name: value" lines that apply to every path the pattern matches.
type headerRule struct {
	pattern string
	header  http.Header
}

// parseHeaders reads a _headers file. Lines starting with # are comments.
// It is lenient on purpose: the gates only need the headers, and a malformed
// line is reported by the caller comparing the CSP, not here.
func parseHeaders(b []byte) []headerRule {
	var rules []headerRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			rules = append(rules, headerRule{pattern: trimmed, header: http.Header{}})
			continue
		}
		if len(rules) == 0 {
			continue
		}
		name, value, ok := strings.Cut(trimmed, ":")
		if !ok {
			continue
		}
		rules[len(rules)-1].header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	return rules
}

// match reports whether a _headers path pattern matches the URL path p.
// A "*" matches any run of characters (including "/"), as on those hosts.
func match(pattern, p string) bool {
	i := strings.IndexByte(pattern, '*')
	if i < 0 {
		return pattern == p
	}
	if !strings.HasPrefix(p, pattern[:i]) {
		return false
	}
	rest, p := pattern[i+1:], p[i:]
	if rest == "" {
		return true
	}
	for j := 0; j <= len(p); j++ {
		if match(rest, p[j:]) {
			return true
		}
	}
	return false
}

// headersFor returns the headers all matching rules give to path p, in
// file order.
func headersFor(rules []headerRule, p string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		if !match(r.pattern, p) {
			continue
		}
		for k, vs := range r.header {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
	}
	return h
}

// cspDirectives splits a policy into directive name → normalised value.
func cspDirectives(policy string) map[string]string {
	m := map[string]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		m[strings.ToLower(f[0])] = strings.Join(f[1:], " ")
	}
	return m
}

// metaIgnored lists directives a browser ignores in a <meta> policy (CSP 3,
// §6.4.1 and friends): a meta tag cannot carry them, so _headers may add them
// without the two policies disagreeing.
var metaIgnored = map[string]bool{
	"frame-ancestors": true, "report-uri": true, "report-to": true, "sandbox": true,
}

// cspMismatch compares the meta policy with the _headers one and describes
// the first difference, or returns "".
func cspMismatch(meta, header string) string {
	m, h := cspDirectives(meta), cspDirectives(header)
	for _, k := range sortedKeys(m) {
		hv, ok := h[k]
		if !ok {
			return "directive " + k + " is in the meta tag but not in _headers"
		}
		if hv != m[k] {
			return "directive " + k + ": meta tag says " + quote(m[k]) + ", _headers says " + quote(hv)
		}
	}
	for _, k := range sortedKeys(h) {
		if _, ok := m[k]; !ok && !metaIgnored[k] {
			return "directive " + k + " is in _headers but not in the meta tag"
		}
	}
	return ""
}

func quote(s string) string { return "\"" + s + "\"" }
