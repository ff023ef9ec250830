package textdir

import "testing"

func TestFirstStrongAndOf(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"art. 75", "ltr"}, {"75, §2", ""}, {"(2) المادة", "rtl"}, {"", ""}, {"« CIRÉ »", "ltr"}, {"שלום", "rtl"},
	} {
		if got := FirstStrong(c.s); got != c.want {
			t.Errorf("FirstStrong(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	for code, want := range map[string]string{"ar": "rtl", "fa": "rtl", "he": "rtl", "ur": "rtl", "fr": "ltr", "de": "ltr", "es": "ltr", "it": "ltr", "tr": "ltr"} {
		if got := Of(code); got != want {
			t.Errorf("Of(%q) = %q, want %q", code, got, want)
		}
	}
	if got := HTML("art. 75 <b>", "ar"); got != "<bdi>art. 75 &lt;b&gt;</bdi>" {
		t.Errorf("HTML in ar = %q", got)
	}
	if got := HTML("art. 75", "fr"); got != "art. 75" {
		t.Errorf("HTML in fr = %q", got)
	}
	if got := HTML("المادة 75", "fr"); got != "<bdi>المادة 75</bdi>" {
		t.Errorf("Arabic in fr = %q", got)
	}
}
