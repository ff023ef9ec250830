package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteSwapsWholeFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"a/index.html": []byte("one"), "stale.txt": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Files{"a/index.html": []byte("two")}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "a/index.html"))
	if err != nil || string(b) != "two" {
		t.Fatalf("got %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.txt")); !os.IsNotExist(err) {
		t.Error("a file of the previous build survived the swap")
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}
}

func TestWriteFailureLeavesPreviousOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"index.html": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	// A path that cannot be created (a file where a folder must go).
	err := Write(dir, Files{"x": []byte("file"), "x/y.html": []byte("bad")})
	if err == nil {
		t.Fatal("expected an error")
	}
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if string(b) != "good" {
		t.Fatalf("previous output changed: %q", b)
	}
}

func TestMinifyAndFingerprint(t *testing.T) {
	m := NewMinifier()
	for _, tc := range []struct{ name, in, want string }{
		{"a.css", "a {  color : red ; }", "a{color:red}"},
		{"a.svg", "<svg  viewBox=\"0 0 10 10\">\n  <g>  </g>\n</svg>", `<svg viewBox="0 0 10 10"><g/></svg>`},
		{"a.json", "{ \"a\" : [ 1, 2 ] }", `{"a":[1,2]}`},
		// Pages are served as the layouts write them (see mediaTypes).
		{"a.html", "<p>  a  </p>\n", "<p>  a  </p>\n"},
	} {
		if out, err := m.Minify(tc.name, []byte(tc.in)); err != nil || string(out) != tc.want {
			t.Errorf("Minify(%s) = %q, %v; want %q", tc.name, out, err, tc.want)
		}
	}
	if got := Fingerprint("css/site.css", []byte("x")); !strings.HasPrefix(got, "css/site.") || !strings.HasSuffix(got, ".css") || got == Fingerprint("css/site.css", []byte("y")) {
		t.Errorf("fingerprint %q", got)
	}
	if b, _ := m.Minify("robots.txt", []byte("a  b")); string(b) != "a  b" {
		t.Error("unknown types must pass through")
	}
}
