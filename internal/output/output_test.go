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
	out, err := m.Minify("a.html", []byte("<!DOCTYPE html>\n<html lang=\"fr\">  <p>  a  </p>\n</html>"))
	if err != nil || !strings.Contains(string(out), `<html lang="fr">`) || strings.Contains(string(out), "  ") {
		t.Fatalf("minified html = %q, %v", out, err)
	}
	if got := Fingerprint("css/site.css", []byte("x")); !strings.HasPrefix(got, "css/site.") || !strings.HasSuffix(got, ".css") || got == Fingerprint("css/site.css", []byte("y")) {
		t.Errorf("fingerprint %q", got)
	}
	if b, _ := m.Minify("robots.txt", []byte("a  b")); string(b) != "a  b" {
		t.Error("unknown types must pass through")
	}
}
