package site

import (
	"github.com/cire-asbl/fabrique/internal/config"
	"github.com/cire-asbl/fabrique/internal/testsite"
	"testing"

	"github.com/cire-asbl/fabrique/internal/content"
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/markdown"
)

// FuzzPage feeds arbitrary bytes through front matter parsing and Markdown
// conversion with every extension enabled. Neither may panic (Generate's
// recover would hide a panic, so this calls the stages directly).
// Run: go test ./internal/site -run '^$' -fuzz FuzzPage -fuzztime 60s
func FuzzPage(f *testing.F) {
	seeds := []string{
		"---\ntitle: A\nkey: a\n---\nHello [@cire-2025, p. 5] {rule:x.y} {term:z|w} [^1]\n\n[^1]: n\n",
		"---\ntitle: A\nkey: a\nbrief:\n  - x: y\n---\n{calculator:renewal}\n",
		"---\n---\n",
		"---\ntitle: [\n---\n",
		"\ufeff---\r\ntitle: A\r\nkey: a\r\n---\r\n| a | b |\n|---|---|\n| [@x] | <span lang=\"fr\">y</span> |\n",
		"---\ntitle: A\nkey: a\n---\n[x](ref:a#b) <script> « a » ' ! {diagram:q}",
		"---\ntitle: A\nkey: a\n---\n| {term:z|w} | {term:z\\|w} | {rule:x.y |\n|---|---|---|\n| {trem:z} | {calculator: | x |\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	conv := markdown.New()
	// The fixture site's data, so citations, rule values and terms resolve
	// as in a build (and fail as in a build).
	m := loadDir(f, testsite.Dir(), "data", "site.toml")
	cfg, _ := config.Load(m)
	if cfg == nil {
		f.Fatal("site.toml does not load")
	}
	data := loadData(m, cfg, testWords(cfg), &diag.List{})
	f.Fuzz(func(t *testing.T, src []byte) {
		problems := &diag.List{}
		p := content.Parse("content/fr/f.md", "fr", src, problems)
		if p == nil {
			return
		}
		env := &markdown.Env{Lang: "fr", Path: p.Path, Source: p.Source, BodyOffset: p.BodyOffset, Problems: problems,
			Rules: data.rules, Citer: data.sources, Glossary: data.glossary}
		if _, err := conv.Convert(env, p.Body()); err != nil {
			t.Skip()
		}
	})
}
