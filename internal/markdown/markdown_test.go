package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/cire-asbl/fabrique/internal/diag"
)

type fakeBlocks struct{}

func (fakeBlocks) Block(name, arg, lang string) (string, error) {
	return "<div data-" + name + "=\"" + arg + "\"></div>", nil
}

type fakeGlossary struct{}

func (fakeGlossary) Term(id, lang string) (string, string, bool) {
	if id != "permit" {
		return "", "", false
	}
	return "permis unique", "/" + lang + "/glossaire/#permit", true
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name, lang, in string
		want, notWant  []string
		problems       int
		msg            string // in the first problem
	}{
		{name: "raw html allowlist", lang: "en", in: "a<sup>1</sup> <span lang=\"fr\">oui</span> <script>x()</script> <b>b</b>",
			want:    []string{"<sup>1</sup>", `<span lang="fr">oui</span>`, "&lt;script&gt;", "&lt;b&gt;"},
			notWant: []string{"<script>", "<b>"}},
		{name: "html block escaped", lang: "en", in: "<div onclick=\"x\">hi</div>\n",
			want: []string{"&lt;div onclick"}, notWant: []string{"<div"}},
		{name: "french spacing", lang: "fr", in: "Attention : « délai » ! L'aide ? `a : b`",
			want: []string{"Attention\u202f:", "«\u202fdélai\u202f»", "\u202f!", "L’aide", "<code>a : b</code>"}},
		{name: "english untouched", lang: "en", in: "Note : it's", want: []string{"Note : it's"}},
		{name: "block directive", lang: "en", in: "Intro\n\n{calculator:renewal}\n\nEnd", want: []string{`<div data-calculator="renewal"></div>`}, notWant: []string{"<p><div"}},
		{name: "block directive inline is an error", lang: "en", in: "See {diagram:x} here", problems: 1},
		{name: "term first use links", lang: "fr", in: "Le {term:permit} et le {term:permit|permis}.",
			want: []string{`<a class="term" href="/fr/glossaire/#permit">permis unique</a>`, "et le permis."}},
		{name: "unknown term", lang: "en", in: "{term:nope}", problems: 1},
		{name: "unknown directive stays text", lang: "en", in: "{foo:bar}", want: []string{"{foo:bar}"}},
		{name: "misspelt directive", lang: "en", in: "The {trem:permit}.", problems: 1, msg: "did you mean {term:permit}?"},
		{name: "unclosed term", lang: "en", in: "The {term:permit|the permit.", problems: 1, msg: "on one line"},
		{name: "term in a table, | escaped", lang: "fr", in: "| a | b |\n| --- | --- |\n| {term:permit\\|permis} | x |\n",
			want: []string{`<td><a class="term" href="/fr/glossaire/#permit">permis</a></td>`, "<td>x</td>"}},
		{name: "term in a table, | not escaped", lang: "fr", in: "| a | b |\n| --- | --- |\n| {term:permit|permis} | x |\n", problems: 1, msg: `"{term:permit" is not a whole {term:…}: in a table, | ends the cell: write {term:id\|text}`},
		{name: "heading ids fold accents", lang: "fr", in: "## Où trouver de l'aide", want: []string{`id="ou-trouver-de-l-aide"`}},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := &Env{Lang: tt.lang, Path: "content/x.md", Source: []byte(tt.in), Problems: &diag.List{}, Blocks: fakeBlocks{}, Glossary: fakeGlossary{}}
			out, err := c.Convert(env, []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("missing %q in\n%s", w, s)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(s, w) {
					t.Errorf("unexpected %q in\n%s", w, s)
				}
			}
			for _, p := range env.Problems.Sorted() {
				if p.Line == 0 {
					t.Errorf("problem without a line: %v", p)
				}
			}
			if ps := env.Problems.Sorted(); tt.msg != "" && (len(ps) == 0 || !strings.Contains(ps[0].Msg, tt.msg)) {
				t.Errorf("problems %v, want one saying %q", ps, tt.msg)
			}
			if e, _ := env.Problems.Count(); e != tt.problems {
				t.Errorf("problems = %d, want %d: %v", e, tt.problems, env.Problems.Sorted())
			}
		})
	}
}

func TestGlueNotes(t *testing.T) {
	for in, want := range map[string]string{
		`a <sup><a href="#note-1">1</a></sup> b`:                                `a<sup><a href="#note-1">1</a></sup> b`,
		"x \n\t<sup><a href=\"#note-2\">2</a></sup>":                            `x<sup><a href="#note-2">2</a></sup>`,
		`no notes here <sup>1</sup>`:                                            `no notes here <sup>1</sup>`,
		`<sup><a href="#note-1">1</a></sup> <sup><a href="#note-2">2</a></sup>`: `<sup><a href="#note-1">1</a></sup><sup class="note-sep" aria-hidden="true">,</sup><sup><a href="#note-2">2</a></sup>`,
	} {
		if got := string(glueNotes([]byte(in))); got != want {
			t.Errorf("glueNotes(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzAutolinkGate: whatever mayAutolink turns away converts the same with
// Linkify and without it, so choosing the pipeline changes no output.
func FuzzAutolinkGate(f *testing.F) {
	for _, s := range []string{
		"write to info@example.org or see www.example.org",
		"as the law says [@law, art. 3; @other].",
		"a b@ c @d", "{term:x}@y.be", "(http://x.be)", "*ftp://x*", "~www.x.be~",
		"mail me: _a@b.co_", "e-mail: a.b+c@d.eu.",
	} {
		f.Add(s)
	}
	with := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	without := goldmark.New()
	f.Fuzz(func(t *testing.T, s string) {
		if mayAutolink([]byte(s)) {
			return
		}
		var a, b bytes.Buffer
		if err := with.Convert([]byte(s), &a); err != nil {
			t.Skip(err)
		}
		if err := without.Convert([]byte(s), &b); err != nil {
			t.Skip(err)
		}
		if a.String() != b.String() {
			t.Fatalf("mayAutolink(%q) = false, but Linkify changes it:\n%s\nagainst\n%s", s, a.String(), b.String())
		}
	})
}

func TestMayAutolink(t *testing.T) {
	for s, want := range map[string]bool{
		"write to info@example.org":              true,
		"see www.example.org":                    true,
		"https://example.org":                    true,
		"as the law says [@law, art. 3; @other]": false,
		"nothing to link here":                   false,
		"a  \nhard break":                        true,
		"a\t\nhard break":                        true,
		"a \t\nhard break":                       true,
		"a  \r\nhard break":                      true,
		"a  \rhard break":                        true,
		"a \nsoft break":                         false,
		"a\r\nsoft break":                        false,
		"0\r \n0":                                true,
		"  \n":                                   true,
		"two  blanks inside a line\n":            false,
	} {
		if got := mayAutolink([]byte(s)); got != want {
			t.Errorf("mayAutolink(%q) = %v, want %v", s, got, want)
		}
	}
}

// glueNotesCopy is glueNotes as it was before it worked in place: the
// reference FuzzGlueNotes holds it to.
func glueNotesCopy(b []byte) []byte {
	if !bytes.Contains(b, noteRefStart) {
		return b
	}
	out := make([]byte, 0, len(b))
	for {
		i := bytes.Index(b, noteRefStart)
		if i < 0 {
			return append(out, b...)
		}
		j := i
		for j > 0 && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\n') {
			j--
		}
		out = append(out, b[:j]...)
		if bytes.HasSuffix(b[:j], []byte("</sup>")) {
			out = append(out, noteSep...)
		}
		out = append(out, noteRefStart...)
		b = b[i+len(noteRefStart):]
	}
}

func FuzzGlueNotes(f *testing.F) {
	for _, s := range []string{
		`a <sup><a href="#note-1">1</a></sup> b`,
		`<sup><a href="#note-1">1</a></sup> <sup><a href="#note-2">2</a></sup>`,
		"x \n\t<sup><a href=\"#note-2\">2</a></sup> and </sup>\n<sup><a href=\"#note-",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := string(glueNotesCopy([]byte(s)))
		if got := string(glueNotes([]byte(s))); got != want {
			t.Fatalf("glueNotes(%q) = %q, want %q", s, got, want)
		}
	})
}
