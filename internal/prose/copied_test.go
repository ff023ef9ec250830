package prose

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/analysis-8grams.txt from ../shared/seeds (needs the analysis)")

const (
	analysisPath = "../../../shared/seeds/000_68a26ca3929fa43b.txt"
	hashFile     = "analysis-8grams.txt"
)

var allowedTitles = AllowedTitles

func allowedSet() *HashSet {
	_, a := Protected()
	return a
}

// TestUpdateHashes regenerates the hash file. It is the only code that reads
// the analysis, and only with -update: a fresh clone has no ../shared.
func TestUpdateHashes(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate " + hashFile)
	}
	src, err := os.ReadFile(analysisPath)
	if err != nil {
		t.Fatal(err)
	}
	hs := Shingles(string(src))
	slices.Sort(hs) // numbers in order are hex strings of one width in order
	hs = slices.Compact(hs)
	var lines []string
	for _, h := range hs {
		lines = append(lines, fmt.Sprintf("%016x", h))
	}
	if err := os.WriteFile(hashFile, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d hashes", len(hs))
}

func loadHashes(t *testing.T) *HashSet {
	t.Helper()
	f, err := os.Open(hashFile)
	if err != nil {
		t.Fatalf("%v (regenerate with: go test ./internal/prose -run TestUpdateHashes -update)", err)
	}
	defer f.Close()
	var hs []uint64
	sc := bufio.NewScanner(f)
	prev := ""
	for sc.Scan() {
		h := sc.Text()
		if len(h) != 16 || h <= prev {
			t.Fatalf("%s: %q: want sorted unique 16-hex-digit hashes", hashFile, h)
		}
		prev = h
		n, err := ParseHash(h)
		if err != nil {
			t.Fatalf("%s: %v", hashFile, err)
		}
		hs = append(hs, n)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	// The analysis has about 3,700 words; far fewer hashes means a broken file.
	m := NewHashSet(hs...)
	if m.Len() < 3000 {
		t.Fatalf("%s holds %d hashes; expected the analysis's ~3,700", hashFile, m.Len())
	}
	return m
}

// TestHashFileMatchesAnalysis proves, without the analysis's text, that the
// hash file and the normaliser agree: the legal titles we quote are in the
// analysis, so their runs must be in the file — and the checker must flag
// them when they are not allowed.
func TestHashFileMatchesAnalysis(t *testing.T) {
	banned := loadHashes(t)
	title := allowedTitles[2] // directive 2009/52, quoted in the analysis's note 14
	hs := Shingles(title)
	for _, h := range hs {
		if !banned.Has(h) {
			t.Fatalf("run %016x of the 2009/52 title is not in %s: normaliser and hash file disagree", h, hashFile)
		}
	}
	text := "Intro line.\nVoir la " + strings.ToUpper(title[:1]) + title[1:] + " (note)."
	if got := Copied(text, banned, nil); len(got) == 0 || got[0].Line != 2 {
		t.Fatalf("checker did not flag a quoted title when it is not allowed: %v", got)
	}
	if got := Copied(text, banned, allowedSet()); len(got) != 0 {
		t.Fatalf("checker flagged an allowed title: %v", got)
	}
}

func TestCopied(t *testing.T) {
	source := "Le chat gris du voisin dort chaque après-midi sur le muret de l'école."
	banned := NewHashSet(Shingles(source)...)
	tests := []struct {
		name, text string
		wantLine   int // 0: no match
	}{
		{"verbatim", "Le chat gris du voisin dort chaque après-midi sur le muret.", 1},
		{"case and punctuation", "bla\n« LE CHAT, gris — du voisin ; dort chaque après midi ! »", 2},
		{"curly apostrophe", "x\ny\nchaque après-midi sur le muret de l’école", 3},
		{"across lines", "dort chaque\naprès-midi sur le\nmuret de l'école", 1},
		{"behind a citation", "dort chaque après-midi [@cire-2025, p. 5] sur le muret de l'école", 1},
		{"inclusive dot", "le chat gris du voi·sin dort chaque après-midi", 1},
		{"seven words only", "gris du voisin dort chaque après-midi", 0},
		{"paraphrase", "Tous les après-midis, le chat du voisin fait la sieste sur le mur de l'école.", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Copied(StripMarkup(tt.text), banned, nil)
			if tt.wantLine == 0 {
				if len(got) != 0 {
					t.Fatalf("flagged %v", got)
				}
				return
			}
			if len(got) == 0 || got[0].Line != tt.wantLine {
				t.Fatalf("got %v, want a match on line %d", got, tt.wantLine)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := Words("L’Office des étranger·ères — « 90 jours »\nRégion")
	var s []string
	for _, w := range got {
		s = append(s, w.Text)
	}
	want := "l office des étrangerères 90 jours région"
	if strings.Join(s, " ") != want {
		t.Fatalf("got %q, want %q", strings.Join(s, " "), want)
	}
	if got[len(got)-1].Line != 2 {
		t.Fatalf("last word on line %d, want 2", got[len(got)-1].Line)
	}
}

// shingleHash is the hash of a run of N words, computed from its
// definition (see the package comment).
func shingleHash(words []Word) uint64 {
	var h uint64
	for _, w := range words {
		h = h*rollPrime + fnv64a(w.Text)
	}
	return h
}

// The rolling hash Copied and Shingles compute must be shingleHash of each
// run, and the hand-written FNV-64a must be hash/fnv's.
func TestShingleHashRolls(t *testing.T) {
	for _, text := range []string{"a b c d e f g h", "l’Office des étrangers décide dans un délai de quatre mois, puis il se tait encore", "ÉCOLE ŒUVRE travailleur·euses 28/02/2026 x y z w"} {
		ws := Words(text)
		hs := Shingles(text)
		if len(hs) != max(0, len(ws)-N+1) {
			t.Fatalf("%q: %d runs for %d words", text, len(hs), len(ws))
		}
		for i, h := range hs {
			if want := shingleHash(ws[i : i+N]); h != want {
				t.Errorf("%q, run %d: rolled %016x, from the definition %016x", text, i, h, want)
			}
		}
		for _, w := range ws {
			f := fnv.New64a()
			f.Write([]byte(w.Text))
			if got := fnv64a(w.Text); got != f.Sum64() {
				t.Errorf("fnv64a(%q) = %x, hash/fnv %x", w.Text, got, f.Sum64())
			}
		}
	}
}

// StripMarkup was two regular expressions; the scan must find the same
// words on the same lines (it blanks byte by byte where they blanked rune by
// rune, which only changes how many spaces stand in between).
func FuzzStripMarkup(f *testing.F) {
	citeRe := regexp.MustCompile(`\[@[^\]]*\]`)
	hrefRe := regexp.MustCompile(`\]\([^)\s]*\)`)
	blank := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, s)
	}
	old := func(text string) string {
		text = citeRe.ReplaceAllStringFunc(text, blank)
		return hrefRe.ReplaceAllStringFunc(text, func(s string) string { return "]" + blank(s[1:]) })
	}
	for _, s := range []string{"voir [@loi-1980, art. 9] et [ici](ref:travail).", "](x[@y])", "[@a\n]](é)", "[[@", "](a b)", "[@é]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, want := Words(StripMarkup(text)), Words(old(text))
		if !slices.Equal(got, want) {
			t.Errorf("StripMarkup(%q): words %v, want %v", text, got, want)
		}
	})
}
