package markdown

import "testing"

func TestFrenchHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p title="a : b">Délai : <a href="x?y">l'office</a> !</p>`, "<p title=\"a : b\">Délai\u202f: <a href=\"x?y\">l’office</a>\u202f!</p>"},
		{`<p>Code : <code>a : b</code> <pre><code>x ? y</code></pre> fin ?</p>`, "<p>Code\u202f: <code>a : b</code> <pre><code>x ? y</code></pre> fin\u202f?</p>"},
		{"<p>sans rien</p>", "<p>sans rien</p>"},
	} {
		if got := string(FrenchHTML([]byte(tc.in))); got != tc.want {
			t.Errorf("FrenchHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Typography follows the lang of the element each text is in.
func TestTypographyFollowsLang(t *testing.T) {
	for _, tc := range []struct{ lang, in, want string }{
		{"fr", `<p>Note : <span lang="en">Note : it's</span> fin !</p>`, "<p>Note\u202f: <span lang=\"en\">Note : it's</span> fin\u202f!</p>"},
		{"fr", `<p><span lang="en">a <span>b : c</span> d ?</span> e ?</p>`, "<p><span lang=\"en\">a <span>b : c</span> d ?</span> e\u202f?</p>"},
		{"fr", `<p><span lang="en">a<br/>b ?</span><br> c ?</p>`, "<p><span lang=\"en\">a<br/>b ?</span><br> c\u202f?</p>"},
		{"en", `<p>Note : <span lang="fr">l'aide ?</span> it's</p>`, "<p>Note : <span lang=\"fr\">l’aide\u202f?</span> it's</p>"},
		{"en", `<p>Note : it's</p>`, `<p>Note : it's</p>`},
		{"fr", `<p lang="fr-BE">Quoi ?</p>`, "<p lang=\"fr-BE\">Quoi\u202f?</p>"},
	} {
		if got := string(TypographyHTML(tc.lang, []byte(tc.in))); got != tc.want {
			t.Errorf("TypographyHTML(%s, %q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}
