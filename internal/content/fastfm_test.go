package content

import (
	"github.com/cire-asbl/fabrique/internal/diag"
	"github.com/cire-asbl/fabrique/internal/testsite"
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

// fastCases are front matters the fast path must accept or leave to the
// library (want false); every accepted one is also checked against the
// library by FuzzFastFrontMatter's seed run.
var fastCases = []struct {
	fm   string
	want bool
}{
	{"title: Un titre\nkey: a\nweight: 20\nmenu: true\n", true},
	{"title: \"Avec : deux-points\"\nlinkTitle: \"l'emploi\"\nbrief:\n  - \"Un\"\n  - deux mots\nkey: b\n", true},
	{"brief:\ntitle: x\n", true},
	{"title: Quoi ? Oui !\ndescription: s'arrête, «ici» ; là\n", true},
	{"title: a  b\n", true},
	{"title: a\ntitle: b\n", false}, // repeated key: the library says where
	{"titel: a\n", false},           // unknown key
	{"title: 2025\n", false},        // a number
	{"title: yes\n", false},         // a YAML 1.1 boolean
	{"title: ~\n", false},           // null
	{"title:\n", false},             // null
	{"title: a: b\n", false},        // a mapping
	{"title: a # note\n", false},    // a comment
	{"title: \"a\\\"b\"\n", false},  // an escape
	{"title: 'a'\n", false},         // single quotes
	{"title:  two spaces\n", false}, // leading space
	{"title: trailing \n", false},   // trailing space
	{"\ntitle: a\n", false},         // blank line
	{"title: a\r\n", false},         // CRLF
	{"  title: a\n", false},         // indented
	{"translatedFrom: 8b84421bc342\n", true},
	{"translatedFrom: 123456789012\n", false}, // a number
	{"translatedFrom: 1234e5678901\n", false}, // a float
	{"translatedFrom: 2025-12-01\n", false},   // a date
	{"title: 0xcafe\n", false},                // hex: the library reads 51966
	{"translatedFrom: 0xface12345a\n", false}, // hex
	{"brief:\n  - 0xA\n", false},              // hex: 10
	{"title: 0XCAFE\n", true},                 // only a lowercase 0x is hex
	{"translatedFrom: 0b84421bc34a\n", true},  // no letter is a binary digit
	{"title: 0o7a\n", true},                   // nor an octal one
	{"weight: 010\n", false},                  // octal in YAML 1.1
	{"weight: -1\n", false},                   // signed
	{"menu: yes\n", false},                    // YAML 1.1 boolean
	{"brief: [a, b]\n", false},                // flow sequence
	{"brief:\n- a\n", false},                  // item not indented
	{"brief:\n  - a: b\n", false},             // item is a mapping
	{"title: [a]\n", false},                   // flow sequence
	{"title: -a\n", false},                    // indicator first
	{"title: \"unterminated\n", false},        // quote
	{"description: \"a\" b\"\n", false},       // inner quote
	{"title: a:\n", false},                    // ends with a colon
	{"title: <<\n", true},                     // a merge key only before ": "
	{"title: a#b c\u00a0#d\n", true},          // "#" after no space or NBSP
	{"title: http://x.y/a?b=c&d\n", true},     // ":" not followed by a space
	{"title: a [b] {c} *d &e !f\n", true},     // indicators only first
	{"layout: sources\nsection: pathways\nstatus: not-reviewed\ntranslatedFrom: a0f13c0bed9c\nslug: a-propos\n", true},
}

func TestFastFrontMatter(t *testing.T) {
	for _, tc := range fastCases {
		var got FrontMatter
		if ok := fastFrontMatter([]byte(tc.fm), &got); ok != tc.want {
			t.Errorf("fastFrontMatter(%q) = %v, want %v", tc.fm, ok, tc.want)
		}
	}
}

// FuzzFastFrontMatter checks that whatever the fast path accepts, the YAML
// library decodes without error to the same values. Seeds: the cases above
// and the front matter of every page of the real site.
func FuzzFastFrontMatter(f *testing.F) {
	for _, tc := range fastCases {
		f.Add(tc.fm)
	}
	n := 0
	_ = fs.WalkDir(testsite.FS(), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := fs.ReadFile(testsite.FS(), p)
		if err != nil {
			return err
		}
		if fm, _, ok := splitFrontMatter(src); ok {
			f.Add(string(fm))
			n++
		}
		return nil
	})
	if n == 0 {
		f.Fatal("no content pages found for seeds")
	}
	f.Fuzz(func(t *testing.T, fm string) {
		var fast, lib FrontMatter
		if !fastFrontMatter([]byte(fm), &fast) {
			return
		}
		if !decodeFrontMatter("p.md", []byte(fm), &lib, &diag.List{}) {
			t.Fatalf("fast path accepted %q, the slow path (yamlpos) refuses it", fm)
		}
		if !reflect.DeepEqual(fast, lib) {
			t.Fatalf("%q:\nfast    %#v\nlibrary %#v", fm, fast, lib)
		}
	})
}

// TestRealContentTakesFastPath keeps the fast path useful: every page of
// the real site should go through it.
func TestRealContentTakesFastPath(t *testing.T) {
	_ = fs.WalkDir(testsite.FS(), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, _ := fs.ReadFile(testsite.FS(), p)
		fm, _, _ := splitFrontMatter(src)
		var got FrontMatter
		if !fastFrontMatter(fm, &got) {
			t.Errorf("%s: front matter goes to the slow path", p)
		}
		return nil
	})
}
