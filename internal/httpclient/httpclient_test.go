package httpclient

import (
	"bufio"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countConns counts the connections a test server accepts.
func countConns(s *httptest.Server) *atomic.Int32 {
	var n atomic.Int32
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			n.Add(1)
		}
	}
	return &n
}

func get(t *testing.T, c *Client, u string) (*Response, string) {
	t.Helper()
	resp, err := c.Get(context.Background(), u)
	if err != nil {
		t.Fatalf("Get %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("Get %s: reading body: %v", u, err)
	}
	return resp, string(b)
}

func TestGetKeepAliveChunkedRange(t *testing.T) {
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/fixed":
			w.Header().Set("X-Test", "yes")
			fmt.Fprint(w, "hello")
		case "/chunked":
			for i := range 3 {
				fmt.Fprintf(w, "part%d;", i)
				w.(http.Flusher).Flush()
			}
		case "/file":
			http.ServeContent(w, r, "f", time.Unix(0, 0), strings.NewReader("0123456789"))
		case "/ua":
			fmt.Fprint(w, r.Header.Get("User-Agent"), "|", r.Host)
		}
	}))
	conns := countConns(s)
	s.Start()
	defer s.Close()
	c := &Client{UserAgent: "gobox-test"}
	defer c.CloseIdle()

	resp, b := get(t, c, s.URL+"/fixed")
	if resp.Status != 200 || b != "hello" || resp.Header.Get("x-test") != "yes" || resp.ContentLength != 5 {
		t.Errorf("fixed: %d %q %v %d", resp.Status, b, resp.Header, resp.ContentLength)
	}
	resp, b = get(t, c, s.URL+"/chunked")
	if b != "part0;part1;part2;" || resp.ContentLength != -1 || resp.Header.Get("Transfer-Encoding") != "chunked" {
		t.Errorf("chunked: %q %d %v", b, resp.ContentLength, resp.Header)
	}
	r2, err := c.Do(context.Background(), &Request{URL: s.URL + "/file", Offset: 4})
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	if r2.Status != 206 || string(b2) != "456789" {
		t.Errorf("range: %d %q", r2.Status, b2)
	}
	_, b = get(t, c, s.URL+"/ua")
	if want := "gobox-test|" + strings.TrimPrefix(s.URL, "http://"); b != want {
		t.Errorf("user agent and host: %q, want %q", b, want)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 4 requests, want 1 (keep-alive)", n)
	}
}

func TestRedirectsAndStatus(t *testing.T) {
	var s *httptest.Server
	s = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "b", http.StatusMovedPermanently) // relative
		case "/b":
			http.Redirect(w, r, s.URL+"/c?x=1", http.StatusFound)
		case "/c":
			fmt.Fprint(w, "at c ", r.URL.RawQuery)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusTemporaryRedirect)
		default:
			http.NotFound(w, r)
		}
	}))
	defer s.Close()
	c := New()
	resp, b := get(t, c, s.URL+"/a")
	if b != "at c x=1" || resp.URL.Path != "/c" {
		t.Errorf("redirects: %q at %s", b, resp.URL)
	}
	_, err := c.Get(context.Background(), s.URL+"/loop")
	if err == nil || err.Error() != "too many redirects" {
		t.Errorf("loop: %v", err)
	}
	_, err = c.Get(context.Background(), s.URL+"/nosuch")
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 || err.Error() != "server returned error: HTTP/1.1 404 Not Found" {
		t.Errorf("404: %v", err)
	}
	if _, err := c.Get(context.Background(), "ftp://x/y"); err == nil {
		t.Error("ftp: no error")
	}
}

func TestHTTPProxy(t *testing.T) {
	var seen atomic.Value
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.RequestURI + " " + r.Header.Get("Proxy-Authorization"))
		fmt.Fprint(w, "from proxy")
	}))
	defer proxy.Close()
	env := map[string]string{"http_proxy": "http://u:p@" + strings.TrimPrefix(proxy.URL, "http://"), "no_proxy": "skip.example"}
	c := &Client{Env: func(k string) string { return env[k] }}
	_, b := get(t, c, "http://repo.example/x/APKINDEX.tar.gz")
	if b != "from proxy" || seen.Load() != "http://repo.example/x/APKINDEX.tar.gz Basic dTpw" {
		t.Errorf("proxied: %q, proxy saw %q", b, seen.Load())
	}
	// HTTP_PROXY (upper case) is ignored for http: (httpoxy).
	env = map[string]string{"HTTP_PROXY": proxy.URL}
	if p, _ := c.proxyFor(&url.URL{Scheme: "http", Host: "a"}); p != nil {
		t.Errorf("HTTP_PROXY used: %v", p)
	}
}

func TestNoProxy(t *testing.T) {
	for _, tc := range []struct {
		list, host string
		want       bool
	}{
		{"", "a.example", false},
		{"*", "a.example", true},
		{"example.org", "example.org", true},
		{"example.org", "dl.example.org", true},
		{".example.org", "dl.example.org", true},
		{"example.org", "badexample.org", false},
		{"10.0.0.1, localhost:8080", "localhost", true},
		{"10.0.0.1", "10.0.0.2", false},
	} {
		if got := noProxy(tc.list, tc.host); got != tc.want {
			t.Errorf("noProxy(%q, %q) = %v", tc.list, tc.host, got)
		}
	}
}

func tlsServer(t *testing.T) (*httptest.Server, *x509.CertPool) {
	s := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret ", r.Host)
	}))
	pool := x509.NewCertPool()
	pool.AddCert(s.Certificate())
	return s, pool
}

func TestTLS(t *testing.T) {
	s, pool := tlsServer(t)
	defer s.Close()
	c := &Client{Roots: func() (*x509.CertPool, error) { return pool, nil }}
	if _, b := get(t, c, s.URL); !strings.HasPrefix(b, "secret 127.0.0.1:") {
		t.Errorf("tls: %q", b)
	}
	// Not trusted: the fallback roots do not know the test server's.
	untrusted := &Client{Roots: FallbackRoots}
	_, err := untrusted.Get(context.Background(), s.URL)
	var ue x509.UnknownAuthorityError
	if !errors.As(err, &ue) {
		t.Errorf("untrusted server: %v, want an unknown authority", err)
	}
	insecure := &Client{InsecureSkipVerify: true}
	get(t, insecure, s.URL)
}

func TestFallbackRoots(t *testing.T) {
	pool, err := FallbackRoots()
	if err != nil || pool == nil {
		t.Fatalf("FallbackRoots: %v", err)
	}
	// An empty root directory has no bundle: the fallback is used.
	pool2, err := SystemRoots(t.TempDir())
	if err != nil || !pool.Equal(pool2) {
		t.Errorf("SystemRoots of an empty root: %v, equal to the fallback: %v", err, pool.Equal(pool2))
	}
}

// TestConnectProxy tunnels https through a CONNECT proxy.
func TestConnectProxy(t *testing.T) {
	s, pool := tlsServer(t)
	defer s.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var target atomic.Value
	go func() {
		for {
			cn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer cn.Close()
				br := bufio.NewReader(cn)
				line, _ := br.ReadString('\n')
				for {
					l, err := br.ReadString('\n')
					if err != nil || l == "\r\n" {
						break
					}
				}
				addr := strings.Fields(line)[1]
				target.Store(line)
				up, err := net.Dial("tcp", addr)
				if err != nil {
					return
				}
				defer up.Close()
				io.WriteString(cn, "HTTP/1.1 200 Connection established\r\n\r\n")
				go io.Copy(up, br)
				io.Copy(cn, up)
			}()
		}
	}()
	env := map[string]string{"https_proxy": ln.Addr().String()}
	c := &Client{Env: func(k string) string { return env[k] }, Roots: func() (*x509.CertPool, error) { return pool, nil }}
	defer c.CloseIdle()
	if _, b := get(t, c, s.URL+"/x"); !strings.HasPrefix(b, "secret") {
		t.Errorf("through CONNECT: %q", b)
	}
	if want := "CONNECT " + strings.TrimPrefix(s.URL, "https://") + " HTTP/1.1\r\n"; target.Load() != want {
		t.Errorf("proxy saw %q, want %q", target.Load(), want)
	}
}

// rawServer answers every connection with reply and closes it.
func rawServer(t *testing.T, reply string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			cn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer cn.Close()
				br := bufio.NewReader(cn)
				for {
					l, err := br.ReadString('\n')
					if err != nil || l == "\r\n" {
						break
					}
				}
				io.WriteString(cn, reply)
			}()
		}
	}()
	return "http://" + ln.Addr().String() + "/"
}

func TestHostileResponses(t *testing.T) {
	for _, tc := range []struct {
		name, reply, want string
	}{
		{"long line", "HTTP/1.1 200 OK\r\nX: " + strings.Repeat("a", MaxLine) + "\r\n\r\n", "bad HTTP response: line too long"},
		{"many headers", "HTTP/1.1 200 OK\r\n" + strings.Repeat("X: y\r\n", MaxHeaders+1) + "\r\n", "bad HTTP response: too many header lines"},
		{"not http", "SSH-2.0-OpenSSH\r\n\r\n", `bad HTTP response: bad status line "SSH-2.0-OpenSSH"`},
		{"bad length", "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", "bad HTTP response: bad Content-Length"},
		{"cut head", "HTTP/1.1 200 OK\r\nContent-Le", "unexpected EOF"},
		{"cut body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "reading: unexpected EOF"},
		{"bad chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", `reading: bad HTTP response: bad chunk size "zz"`},
		{"cut chunk", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "reading: unexpected EOF"},
		{"gzip te", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", `bad HTTP response: unsupported Transfer-Encoding "gzip"`},
		{"no location", "HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n", "bad HTTP response: redirect without Location"},
	} {
		u := rawServer(t, tc.reply)
		resp, err := New().Get(context.Background(), u)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				err = fmt.Errorf("reading: %w", err)
			}
		}
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
	// A body that ends with the connection (no length) is complete.
	u := rawServer(t, "HTTP/1.0 200 OK\r\n\r\nall of it")
	if _, b := get(t, New(), u); b != "all of it" {
		t.Errorf("read to close: %q", b)
	}
}

// TestCancel cancels a request the server never answers.
func TestCancel(t *testing.T) {
	got := make(chan struct{})
	release := make(chan struct{})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(got)
		<-release
	}))
	defer s.Close()
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-got; cancel() }()
	_, err := New().Get(ctx, s.URL)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled request: %v", err)
	}
}

// TestStaleKeptConnection: a kept connection the server has closed is
// replaced transparently.
func TestStaleKeptConnection(t *testing.T) {
	s := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	}))
	conns := countConns(s)
	s.Start()
	defer s.Close()
	c := New()
	get(t, c, s.URL)
	s.CloseClientConnections()
	if _, b := get(t, c, s.URL); b != "ok" {
		t.Errorf("after the server closed: %q", b)
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

func FuzzReadHead(f *testing.F) {
	f.Add("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc")
	f.Add("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
	f.Add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: 1\r\n\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		br := bufio.NewReader(strings.NewReader(in))
		resp, err := readHead(br)
		if err != nil {
			return
		}
		if resp.Status < 100 || resp.Status > 999 || len(resp.Header) > MaxHeaders {
			t.Fatalf("accepted %d with %d headers", resp.Status, len(resp.Header))
		}
		cr := &chunkedReader{br: br}
		io.Copy(io.Discard, io.LimitReader(cr, 1<<20))
	})
}
