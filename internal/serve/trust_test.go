package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func getHost(t *testing.T, addr, host, target string) int {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, _ = io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Only loopback Host names (and the one -addr or -base names) are
// answered: a DNS-rebinding page on attacker.example gets 421.
func TestHostCheck(t *testing.T) {
	h := newHarness(t)
	ln := h.http.Listener.Addr().String()
	for host, want := range map[string]int{
		"attacker.example":       421,
		"attacker.example:1313":  421,
		"127.0.0.1.evil.example": 421,
		"":                       421,
		"localhost:1313":         200,
		"127.0.0.1":              200,
		"[::1]:1313":             200,
		"LOCALHOST.":             200,
	} {
		if got := getHost(t, ln, host, "/fr/about/"); got != want {
			t.Errorf("Host %q: %d, want %d", host, got, want)
		}
	}
	s := &Server{hosts: allowedHosts(Options{Addr: "192.0.2.7:1313", BaseURL: "http://preview.test:1313/"})}
	for host, want := range map[string]bool{"192.0.2.7:1313": true, "preview.test": true, "attacker.example": false} {
		if got := s.allowedHost(host); got != want {
			t.Errorf("with -addr/-base: Host %q allowed = %v", host, got)
		}
	}
}

// A non-loopback -addr needs Public.
func TestNonLoopbackNeedsPublic(t *testing.T) {
	h := newHarness(t)
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := Run(ctx, Options{Src: h.dir, Addr: addr})
		cancel()
		if err == nil || !strings.Contains(err.Error(), "-public") {
			t.Errorf("Run(%s) = %v, want a refusal naming -public", addr, err)
		}
	}
	for addr, want := range map[string]bool{"127.0.0.1:1": true, "localhost:1": true, "[::1]:1": true, "10.0.0.1:1": false, ":1": false} {
		if got, _ := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%s) = %v", addr, got)
		}
	}
}

// At most MaxClients live-reload streams are held; the next gets 503, and
// a slot frees when a client leaves.
func TestClientCap(t *testing.T) {
	h := newHarness(t) // holds no stream itself
	ln := h.http.Listener.Addr().String()
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	open := func() (net.Conn, int) {
		c, err := net.Dial("tcp", ln)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.WriteString(c, "GET /_serve/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		return c, resp.StatusCode
	}
	h.srv.mu.RLock()
	already := len(h.srv.subs)
	h.srv.mu.RUnlock()
	for i := already; i < MaxClients; i++ {
		c, code := open()
		conns = append(conns, c)
		if code != 200 {
			t.Fatalf("client %d: %d", i, code)
		}
	}
	c, code := open()
	c.Close()
	if code != 503 {
		t.Errorf("client over the cap: %d, want 503", code)
	}
	conns[0].Close()
	conns = conns[1:]
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, code := open()
		if code == 200 {
			conns = append(conns, c)
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("a freed slot was never reused")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A symlink in content/ pointing outside the tree is never read: the
// build reports it, and neither pages nor the overlay show its bytes.
func TestSymlinkNotFollowed(t *testing.T) {
	h := newHarness(t)
	secret := filepath.Join(t.TempDir(), "secret.md")
	write(t, secret, "---\ntitle: TOPSECRET\nkey: secret\nbad: [\n---\nTOPSECRET\n")
	if err := os.Symlink(secret, filepath.Join(h.dir, "content/fr/secret.md")); err != nil {
		t.Fatal(err)
	}
	b := h.srv.Changed([]string{"content/fr/secret.md"})
	found := false
	for _, p := range b.Errors {
		found = found || strings.Contains(p.Msg, "symbolic link")
	}
	if !found {
		t.Errorf("no error for the symlink: %v", b.Errors)
	}
	resp, err := http.Get(h.http.URL + "/fr/about/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), "TOPSECRET") {
		t.Error("the overlay shows a file from outside the tree")
	}
}
