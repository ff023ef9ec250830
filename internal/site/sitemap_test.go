package site

import "testing"

// FuzzXMLText: the fast path (an address returned as it is) gives what
// encoding/xml's escaper gives, for any string.
func FuzzXMLText(f *testing.F) {
	for _, s := range []string{
		"https://example.org/fr/permis-unique/", "https://x.be/?a=1&b=2", `a"b'c<d>e`,
		"https://x.be/é/", "tab\there", "line\nend", "\x7f", "\xff", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := xmlText(s), escapeXML(s); got != want {
			t.Fatalf("xmlText(%q) = %q, encoding/xml gives %q", s, got, want)
		}
	})
}
