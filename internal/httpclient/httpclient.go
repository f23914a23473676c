// Package httpclient is gobox's HTTP/1.1 client, for apk's repositories
// and later wget: GET (and HEAD) with Range, redirects, keep-alive,
// chunked bodies, proxies from the environment (http_proxy, https_proxy,
// no_proxy, with CONNECT for https) and TLS through crypto/tls with the
// root's CA bundle, or Mozilla's roots built into the binary (loaded only
// when a TLS connection needs them and the root has none: a FROM scratch
// container has no /etc/ssl).
//
// It is not net/http on purpose: linking net/http adds about 0.8 ms to
// the exec of every applet (../shared/docs/dependencies.md section 0);
// this client needs a small part of it.
//
// Limits protect against hostile servers: a status line or header line
// over MaxLine bytes, more than MaxHeaders header lines, or a chunk size
// line that does not parse is an error; bodies stream, so their size
// costs only time.
package httpclient

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limits on what a server may send before the body.
const (
	MaxLine      = 16 << 10
	MaxHeaders   = 128
	MaxRedirects = 10
)

// Client makes requests; the zero value is not usable: see New.
type Client struct {
	// Env looks up the proxy variables (http_proxy, https_proxy,
	// no_proxy and their upper-case forms); nil means no proxy.
	Env func(string) string
	// Roots returns the certificate pool TLS connections verify with;
	// nil means SystemRoots(RootDir).
	Roots func() (*x509.CertPool, error)
	// RootDir is the file system root whose CA bundle is read ("" is /).
	RootDir string
	// UserAgent is sent when not empty.
	UserAgent string
	// Timeout bounds connecting and each read or write (0: none).
	Timeout time.Duration
	// InsecureSkipVerify turns certificate checks off (wget
	// --no-check-certificate).
	InsecureSkipVerify bool

	mu    sync.Mutex
	idle  map[string]*conn // one idle connection per host:port (and proxy)
	roots *x509.CertPool
}

// Request is one request.
type Request struct {
	Method string // "GET" when empty
	URL    string
	// Offset asks for the body from this byte on (a Range request);
	// Response.Status says whether the server honoured it (206).
	Offset int64
	// Header holds extra header lines, "Name: value" each.
	Header []string
}

// Response is a response; its Body must be closed.
type Response struct {
	Status     int
	StatusText string // the reason phrase, as the server sent it
	Header     Header
	// ContentLength is the body's length, -1 when unknown.
	ContentLength int64
	// URL is the URL that answered, after redirects.
	URL  *url.URL
	Body io.ReadCloser
}

// Header is a response's header lines, names in canonical case.
type Header map[string][]string

// Get returns the first value of name.
func (h Header) Get(name string) string {
	if v := h[canonical(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// StatusError is a response whose status is not 2xx, for callers that
// want the body only.
type StatusError struct {
	Status int
	Text   string
	URL    string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("server returned error: HTTP/1.1 %d %s", e.Status, e.Text)
}

// ProtocolError is a response that breaks HTTP/1.1 or a limit.
type ProtocolError string

func (e ProtocolError) Error() string { return "bad HTTP response: " + string(e) }

// New returns a client.
func New() *Client { return &Client{} }

// Get fetches url and fails with a *StatusError unless the answer is
// 2xx (after redirects).
func (c *Client) Get(ctx context.Context, rawurl string) (*Response, error) {
	resp, err := c.Do(ctx, &Request{URL: rawurl})
	if err != nil {
		return nil, err
	}
	if resp.Status/100 != 2 {
		resp.Body.Close()
		return nil, &StatusError{resp.Status, resp.StatusText, resp.URL.String()}
	}
	return resp, nil
}

// Do sends req, following redirects.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, err
	}
	method := req.Method
	if method == "" {
		method = "GET"
	}
	for hops := 0; ; hops++ {
		if u.Scheme != "http" && u.Scheme != "https" {
			return nil, fmt.Errorf("unsupported URL scheme %q", u.Scheme)
		}
		resp, err := c.roundTrip(ctx, method, u, req)
		if err != nil {
			return nil, err
		}
		switch resp.Status {
		case 301, 302, 303, 307, 308:
		default:
			return resp, nil
		}
		loc := resp.Header.Get("Location")
		resp.Body.Close()
		if loc == "" {
			return nil, ProtocolError("redirect without Location")
		}
		if hops == MaxRedirects {
			return nil, fmt.Errorf("too many redirects")
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, ProtocolError("bad Location " + strconv.Quote(loc))
		}
		if resp.Status == 303 && method != "HEAD" {
			method = "GET"
		}
		u = next
	}
}

// roundTrip sends one request and reads the response's head; a request
// on a kept-alive connection that the server has closed meanwhile is
// sent again once on a new one.
func (c *Client) roundTrip(ctx context.Context, method string, u *url.URL, req *Request) (*Response, error) {
	for attempt := 0; ; attempt++ {
		cn, reused, err := c.getConn(ctx, u)
		if err != nil {
			return nil, err
		}
		resp, err := c.exchange(ctx, cn, method, u, req)
		if err == nil {
			return resp, nil
		}
		cn.close()
		if !reused || attempt > 0 || ctx.Err() != nil {
			return nil, err
		}
	}
}

func (c *Client) exchange(ctx context.Context, cn *conn, method string, u *url.URL, req *Request) (*Response, error) {
	stop := context.AfterFunc(ctx, func() { cn.nc.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	c.deadline(cn)
	target := u.RequestURI()
	if cn.viaProxy && u.Scheme == "http" {
		target = u.String() // a proxy wants the absolute form
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, target, hostHeader(u))
	if c.UserAgent != "" {
		fmt.Fprintf(&b, "User-Agent: %s\r\n", c.UserAgent)
	}
	if req.Offset > 0 {
		fmt.Fprintf(&b, "Range: bytes=%d-\r\n", req.Offset)
	}
	if cn.proxyAuth != "" && u.Scheme == "http" {
		fmt.Fprintf(&b, "Proxy-Authorization: %s\r\n", cn.proxyAuth)
	}
	if u.User != nil {
		fmt.Fprintf(&b, "Authorization: %s\r\n", basicAuth(u.User))
	}
	for _, h := range req.Header {
		b.WriteString(h)
		b.WriteString("\r\n")
	}
	b.WriteString("Accept: */*\r\n\r\n")
	if _, err := io.WriteString(cn.nc, b.String()); err != nil {
		return nil, ctxErr(ctx, err)
	}
	resp, err := readHead(cn.br)
	if err != nil {
		return nil, ctxErr(ctx, err)
	}
	resp.URL = u
	return resp, c.attachBody(ctx, cn, method, resp)
}

// attachBody gives resp the body reader its headers call for; the
// connection goes back to the idle pool once a body ends cleanly.
func (c *Client) attachBody(ctx context.Context, cn *conn, method string, resp *Response) error {
	keep := !strings.EqualFold(resp.Header.Get("Connection"), "close")
	resp.ContentLength = -1
	done := func(ok bool) {
		if ok && keep {
			c.putConn(cn)
		} else {
			cn.close()
		}
	}
	var r io.Reader
	switch te := strings.ToLower(resp.Header.Get("Transfer-Encoding")); {
	case method == "HEAD" || resp.Status == 204 || resp.Status == 304 || resp.Status/100 == 1:
		r = strings.NewReader("")
		resp.ContentLength = 0
	case te == "chunked":
		r = &chunkedReader{br: cn.br}
	case te != "" && te != "identity":
		return ProtocolError("unsupported Transfer-Encoding " + strconv.Quote(te))
	case resp.Header.Get("Content-Length") != "":
		n, err := strconv.ParseInt(resp.Header.Get("Content-Length"), 10, 64)
		if err != nil || n < 0 {
			return ProtocolError("bad Content-Length")
		}
		resp.ContentLength = n
		r = &lengthReader{r: cn.br, left: n}
	default:
		keep = false
		r = &closeReader{r: cn.br}
	}
	resp.Body = &body{c: c, cn: cn, r: r, ctx: ctx, done: done}
	if resp.ContentLength == 0 {
		// Nothing to read: hand the connection back now.
		resp.Body.(*body).finish(true)
	}
	return nil
}

func (c *Client) deadline(cn *conn) {
	if c.Timeout > 0 {
		cn.nc.SetDeadline(time.Now().Add(c.Timeout))
	}
}

// readHead reads the status line and the header lines.
func readHead(br *bufio.Reader) (*Response, error) {
	line, err := readLine(br)
	if err != nil {
		return nil, err
	}
	proto, rest, _ := strings.Cut(line, " ")
	if !strings.HasPrefix(proto, "HTTP/1.") {
		return nil, ProtocolError("bad status line " + strconv.Quote(line))
	}
	code, text, _ := strings.Cut(rest, " ")
	status, err := strconv.Atoi(code)
	if err != nil || len(code) != 3 || status < 100 {
		return nil, ProtocolError("bad status line " + strconv.Quote(line))
	}
	resp := &Response{Status: status, StatusText: text, Header: Header{}}
	for n := 0; ; n++ {
		line, err := readLine(br)
		if err != nil {
			return nil, err
		}
		if line == "" {
			break
		}
		if n == MaxHeaders {
			return nil, ProtocolError("too many header lines")
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, ProtocolError("bad header line " + strconv.Quote(line))
		}
		name = canonical(name)
		resp.Header[name] = append(resp.Header[name], strings.TrimSpace(value))
	}
	if status/100 == 1 && status != 101 {
		// An interim answer (100 Continue): the real one follows.
		return readHead(br)
	}
	return resp, nil
}

// readLine reads one CRLF- (or LF-) ended line of at most MaxLine bytes.
func readLine(br *bufio.Reader) (string, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		line = append(line, frag...)
		if len(line) > MaxLine {
			return "", ProtocolError("line too long")
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			return "", io.ErrUnexpectedEOF
		}
		if err != nil {
			return "", err
		}
		break
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return string(line), nil
}

// canonical is name in HTTP's usual case: "content-length" ->
// "Content-Length".
func canonical(name string) string {
	b := []byte(name)
	upper := true
	for i, ch := range b {
		switch {
		case upper && 'a' <= ch && ch <= 'z':
			b[i] = ch - 'a' + 'A'
		case !upper && 'A' <= ch && ch <= 'Z':
			b[i] = ch - 'A' + 'a'
		}
		upper = ch == '-'
	}
	return string(b)
}

func hostHeader(u *url.URL) string {
	host := u.Hostname()
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" && p != defaultPort(u.Scheme) {
		host += ":" + p
	}
	return host
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// ctxErr prefers the context's error to the deadline error its
// cancellation causes.
func ctxErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// tlsConfig is the configuration for a connection to host.
func (c *Client) tlsConfig(host string) (*tls.Config, error) {
	cfg := &tls.Config{ServerName: host, InsecureSkipVerify: c.InsecureSkipVerify}
	if c.InsecureSkipVerify {
		return cfg, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.roots == nil {
		var err error
		if c.Roots != nil {
			c.roots, err = c.Roots()
		} else {
			c.roots, err = SystemRoots(c.RootDir)
		}
		if err != nil {
			return nil, err
		}
	}
	cfg.RootCAs = c.roots
	return cfg, nil
}

// dial opens a TCP connection.
func (c *Client) dial(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: c.Timeout}
	return d.DialContext(ctx, "tcp", addr)
}
