package typography

import "testing"

func TestFrench(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"rien à faire", "rien à faire"},
		{"Quoi ?", "Quoi\u202f?"},
		{"Attention : délai ; fin !", "Attention\u202f: délai\u202f; fin\u202f!"},
		{"Quoi\u00a0?", "Quoi\u202f?"},
		{"« permis »", "«\u202fpermis\u202f»"},
		{"«permis»", "«\u202fpermis\u202f»"},
		{"l'office d'aide", "l’office d’aide"},
		{"'cité'", "'cité'"}, // not between letters
		{"10:30", "10:30"},   // no space before the colon
		{"{rule:a.b} jours", "{rule:a.b} jours"},
		{"«»", "«\u202f»"}, // one space, not two (found by the idempotence check)
	} {
		got := Text("fr", tc.in)
		if got != tc.want {
			t.Errorf("Text(fr, %q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := Text("fr", got); again != got {
			t.Errorf("not idempotent: Text(fr, %q) = %q", got, again)
		}
		if got := Text("fr-BE", tc.in); got != tc.want {
			t.Errorf("Text(fr-BE, %q) = %q, want %q", tc.in, got, tc.want)
		}
		for _, lang := range []string{"nl", "en", "ar", "es", "de"} {
			if got := Text(lang, tc.in); got != tc.in {
				t.Errorf("Text(%s, %q) changed the text: %q", lang, tc.in, got)
			}
		}
	}
}

func FuzzFrenchIdempotent(f *testing.F) {
	for _, s := range []string{"Quoi ?", "« a »", "l'a", "a\u00a0: b", "«\u202f»", " ?'", "«»"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := French(s)
		if twice := French(once); twice != once {
			t.Errorf("French(%q) = %q, again %q", s, once, twice)
		}
	})
}
