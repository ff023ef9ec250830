package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cire-asbl/fabrique/internal/diag"
)

// cldr is CLDR's cardinal category of 0, 1, 2, 3, 11 and 100 in each site
// language, written out from the CLDR plural rules (not from x/text), so
// the test fails if the library or our digit handling disagrees.
var cldr = map[string][6]string{
	"fr": {"one", "one", "other", "other", "other", "other"},
	"nl": {"other", "one", "other", "other", "other", "other"},
	"en": {"other", "one", "other", "other", "other", "other"},
	"es": {"other", "one", "other", "other", "other", "other"},
	"de": {"other", "one", "other", "other", "other", "other"},
	"ar": {"zero", "one", "two", "few", "many", "other"},
}

var numbers = [6]string{"0", "1", "2", "3", "11", "100"}

func TestPluralCategoriesAreCLDRs(t *testing.T) {
	for lang, want := range cldr {
		l := (&Set{}).Lang(lang)
		for i, n := range numbers {
			if got := l.Category(n); got != want[i] {
				t.Errorf("%s %s: category %q, CLDR says %q", lang, n, got, want[i])
			}
		}
	}
	if got := strings.Join(Categories("ar"), " "); got != "zero one two few many other" {
		t.Errorf("Arabic categories %q", got)
	}
	if got := strings.Join(Categories("fr"), " "); got != "one other" {
		t.Errorf("French categories %q", got)
	}
}

// files is a site's strings: French (the reference) and Arabic with every
// unit in its six forms, German with one unit form missing.
func files() fstest.MapFS {
	return fstest.MapFS{
		"i18n/fr.toml": {Data: []byte(`skip = "Aller au contenu"
months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
date_format = "{d} {month} {y}"
month_year_format = "{month} {y}"
day_first = "1er"
[numbers]
group = "\u202F"
decimal = ","
[units.day]
one = "{n} jour"
other = "{n} jours"
`)},
		"i18n/ar.toml": {Data: []byte(`skip = "انتقل إلى المحتوى"
months = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
month_aliases = [["جانفي"], ["فيفري"], [], ["أفريل"], ["ماي"], ["جوان"], ["جويلية", "يوليوز"], ["أوت", "غشت"], ["شتنبر"], [], ["نونبر"], ["دجنبر"]]
date_format = "{d} {month} {y}"
month_year_format = "{month} {y}"
[numbers]
group = ","
decimal = "."
[units.day]
zero = "{n} يوم"
one = "يوم واحد"
two = "يومان"
few = "{n} أيام"
many = "{n} يومًا"
other = "{n} يوم"
`)},
		"i18n/de.toml": {Data: []byte(`skip = "Zum Inhalt"
date_format = "{d}. {month} {y}"
[units.day]
other = "{n} Tage"
`)},
	}
}

func TestUnitsUseEveryCLDRForm(t *testing.T) {
	s, ps := Load(files(), "i18n", []string{"fr", "ar", "de"}, "fr")
	if e, _ := ps.Count(); e != 0 {
		t.Fatalf("errors: %v", ps.Sorted())
	}
	want := map[string][6]string{
		"fr": {"0 jour", "1 jour", "2 jours", "3 jours", "11 jours", "100 jours"},
		"ar": {"0 يوم", "يوم واحد", "يومان", "3 أيام", "11 يومًا", "100 يوم"},
		"de": {"0 Tage", "1 Tage", "2 Tage", "3 Tage", "11 Tage", "100 Tage"}, // "one" missing: warned, "other" stands in
	}
	for lang, w := range want {
		for i, n := range numbers {
			got, in, err := s.Lang(lang).Count("day", n)
			if err != nil || got != w[i] || in != lang {
				t.Errorf("%s Count(day, %s) = %q in %q, %v; want %q", lang, n, got, in, err, w[i])
			}
		}
	}
	msgs := problems(ps)
	if !strings.Contains(msgs, `i18n/de.toml: to translate: units.day: missing plural form(s) one`) {
		t.Errorf("the missing German form must be named:\n%s", msgs)
	}
	if strings.Contains(msgs, "ar.toml: to translate: units") {
		t.Errorf("Arabic has every form:\n%s", msgs)
	}
}

func TestMissingKeysFallBackToTheDefaultOnceEach(t *testing.T) {
	fs := files()
	fs["i18n/it.toml"] = &fstest.MapFile{Data: nil} // an empty strings file
	s, ps := Load(fs, "i18n", []string{"fr", "it", "de"}, "fr")
	if e, _ := ps.Count(); e != 0 {
		t.Fatalf("an empty strings file is warnings only: %v", ps.Sorted())
	}
	msgs := problems(ps)
	for _, k := range []string{"skip", "months", "date_format", "numbers.group", "month_year_format"} {
		if n := strings.Count(msgs, `it.toml: to translate: missing key "`+k+`"`); n != 1 {
			t.Errorf("key %s named %d times for it:\n%s", k, n, msgs)
		}
	}
	if strings.Contains(msgs, `missing key "day_first"`) {
		t.Errorf("day_first is French only:\n%s", msgs)
	}
	if strings.Contains(msgs, "i18n/fr.toml:") {
		t.Errorf("no warning on the default language's file:\n%s", msgs)
	}
	text, in := s.Lang("it").Text("skip")
	if text != "Aller au contenu" || in != "fr" {
		t.Errorf("it skip = %q in %q, want the French text marked fr", text, in)
	}
	if text, in := s.Lang("de").Text("skip"); text != "Zum Inhalt" || in != "de" {
		t.Errorf("de skip = %q in %q", text, in)
	}
	if got := s.Lang("it").Date(2025, 12, 1); got != "1er décembre 2025" {
		t.Errorf("it date falls back to French as a whole: %q", got)
	}
	if got := s.Lang("de").Date(2025, 12, 1); got != "1er décembre 2025" {
		// German has its own format but no month names yet (warned): the
		// date is written in French as a whole, never a mix.
		t.Errorf("de date = %q", got)
	}
}

func TestDatesAndNumbers(t *testing.T) {
	s, _ := Load(files(), "i18n", []string{"fr", "ar"}, "fr")
	fr, ar := s.Lang("fr"), s.Lang("ar")
	for _, c := range []struct{ got, want string }{
		{fr.Date(2025, 12, 1), "1er décembre 2025"},
		{fr.Date(2024, 2, 29), "29 février 2024"},
		{fr.ISODate("bad"), "bad"},
		{fr.MonthYear(2025, 12), "décembre 2025"},
		{ar.Date(2025, 12, 1), "1 ديسمبر 2025"}, // Western digits, no "1er"
		{fr.Number("112000"), "112\u202f000"},
		{fr.Number("41.5"), "41,5"},
		{fr.Number("2025"), "2025"},
		{ar.Number("112000"), "112,000"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	al := ar.MonthAliases()
	if len(al) != 12 || al[6][1] != "يوليوز" {
		t.Errorf("aliases %v", al)
	}
}

func TestLanguageNamesFromCLDR(t *testing.T) {
	for _, c := range []struct{ in, code, want string }{
		{"fr", "nl", "néerlandais"}, {"nl", "fr", "Frans"}, {"en", "nl", "Dutch"},
		{"es", "fr", "francés"}, {"de", "fr", "Französisch"}, {"ar", "fr", "الفرنسية"},
	} {
		if got := Name(c.in, c.code); got != c.want {
			t.Errorf("Name(%s, %s) = %q, want %q", c.in, c.code, got, c.want)
		}
	}
	if got := SelfName("ar"); got != "العربية" {
		t.Errorf("SelfName(ar) = %q", got)
	}
}

func TestBadFiles(t *testing.T) {
	fs := files()
	fs["i18n/ar.toml"] = &fstest.MapFile{Data: []byte("skip = \n")}
	fs["i18n/de.toml"] = &fstest.MapFile{Data: []byte(`months = ["Januar"]` + "\n")}
	_, ps := Load(fs, "i18n", []string{"fr", "ar", "de", "xx"}, "fr")
	msgs := problems(ps)
	for _, want := range []string{
		"i18n/ar.toml:1:", // the parse error, with its position
		"i18n/de.toml: months must list the twelve month names (found 1)",
		"i18n/xx.toml: to translate: no interface strings",
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("want %q in:\n%s", want, msgs)
		}
	}
	if strings.Contains(msgs, `ar.toml: to translate: missing key`) {
		t.Errorf("a file that does not parse gets one error, not a list of keys:\n%s", msgs)
	}
}

func problems(ps *diag.List) string {
	var b strings.Builder
	for _, p := range ps.Sorted() {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// Interface strings are typeset as they are loaded, each with its own
// language's rules: a French string and its fallback in a language without
// it come out typeset in French, a Dutch string with the same marks stays as
// written; lists too.
func TestStringsAreTypesetAtLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/fr.toml": {Data: []byte("help = \"Besoin d'aide ?\"\nonly_fr = \"Notes : oui\"\nmonths_short = [\"l'a ?\"]\n")},
		"i18n/nl.toml": {Data: []byte("help = \"Hulp nodig ?\"\nmonths_short = [\"l'a ?\"]\n")},
	}
	s, _ := Load(fsys, "i18n", []string{"fr", "nl"}, "fr")
	for _, tt := range []struct{ lang, key, want, in string }{
		{"fr", "help", "Besoin d’aide\u202f?", "fr"},
		{"nl", "help", "Hulp nodig ?", "nl"},
		{"nl", "only_fr", "Notes\u202f: oui", "fr"},
	} {
		if got, in := s.Lang(tt.lang).Text(tt.key); got != tt.want || in != tt.in {
			t.Errorf("%s %s: %q (%s), want %q (%s)", tt.lang, tt.key, got, in, tt.want, tt.in)
		}
	}
	if got := s.Lang("fr").List("months_short"); len(got) != 1 || got[0] != "l’a\u202f?" {
		t.Errorf("French list: %q", got)
	}
	if got := s.Lang("nl").List("months_short"); len(got) != 1 || got[0] != "l'a ?" {
		t.Errorf("Dutch list: %q", got)
	}
}
