package httpclient

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// conn is one connection, to a server or through a proxy.
type conn struct {
	key       string
	nc        net.Conn
	br        *bufio.Reader
	viaProxy  bool   // plain http through a proxy: absolute request targets
	proxyAuth string // Proxy-Authorization for plain http through a proxy
}

func (cn *conn) close() { cn.nc.Close() }

// getConn returns an idle connection for u's server, or a new one.
func (c *Client) getConn(ctx context.Context, u *url.URL) (*conn, bool, error) {
	proxy, err := c.proxyFor(u)
	if err != nil {
		return nil, false, err
	}
	addr := net.JoinHostPort(u.Hostname(), portOf(u))
	key := u.Scheme + "://" + addr
	if proxy != nil {
		key += " via " + proxy.Host
	}
	c.mu.Lock()
	cn := c.idle[key]
	delete(c.idle, key)
	c.mu.Unlock()
	if cn != nil {
		return cn, true, nil
	}
	cn, err = c.newConn(ctx, u, addr, proxy)
	if err != nil {
		return nil, false, err
	}
	cn.key = key
	return cn, false, nil
}

// putConn keeps cn for the next request to its server, replacing (and
// closing) any connection kept before.
func (c *Client) putConn(cn *conn) {
	c.mu.Lock()
	if c.idle == nil {
		c.idle = map[string]*conn{}
	}
	old := c.idle[cn.key]
	c.idle[cn.key] = cn
	c.mu.Unlock()
	if old != nil {
		old.close()
	}
}

// CloseIdle closes the kept connections.
func (c *Client) CloseIdle() {
	c.mu.Lock()
	idle := c.idle
	c.idle = nil
	c.mu.Unlock()
	for _, cn := range idle {
		cn.close()
	}
}

func (c *Client) newConn(ctx context.Context, u *url.URL, addr string, proxy *url.URL) (*conn, error) {
	dialAddr := addr
	if proxy != nil {
		dialAddr = net.JoinHostPort(proxy.Hostname(), portOf(proxy))
	}
	nc, err := c.dial(ctx, dialAddr)
	if err != nil {
		return nil, err
	}
	cn := &conn{nc: nc, br: bufio.NewReaderSize(nc, 32<<10)}
	if proxy != nil && u.Scheme == "http" {
		cn.viaProxy = true
		if proxy.User != nil {
			cn.proxyAuth = basicAuth(proxy.User)
		}
		return cn, nil
	}
	if proxy != nil {
		if err := c.connect(ctx, cn, addr, proxy); err != nil {
			nc.Close()
			return nil, err
		}
	}
	if u.Scheme == "https" {
		cfg, err := c.tlsConfig(u.Hostname())
		if err != nil {
			nc.Close()
			return nil, err
		}
		tc := tls.Client(nc, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			nc.Close()
			return nil, err
		}
		cn.nc, cn.br = tc, bufio.NewReaderSize(tc, 32<<10)
	}
	return cn, nil
}

// connect opens a tunnel to addr through an HTTP proxy (for https).
func (c *Client) connect(ctx context.Context, cn *conn, addr string, proxy *url.URL) error {
	stop := context.AfterFunc(ctx, func() { cn.nc.Close() })
	defer stop()
	c.deadline(cn)
	req := fmt.Sprintf("CONNECT %s HTTP/1.1\r\nHost: %s\r\n", addr, addr)
	if proxy.User != nil {
		req += "Proxy-Authorization: " + basicAuth(proxy.User) + "\r\n"
	}
	if _, err := io.WriteString(cn.nc, req+"\r\n"); err != nil {
		return ctxErr(ctx, err)
	}
	resp, err := readHead(cn.br)
	if err != nil {
		return ctxErr(ctx, err)
	}
	if resp.Status/100 != 2 {
		return fmt.Errorf("proxy refused CONNECT: %d %s", resp.Status, resp.StatusText)
	}
	if cn.br.Buffered() > 0 {
		return ProtocolError("proxy sent data before the tunnel opened")
	}
	return nil
}

func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	return defaultPort(u.Scheme)
}

func basicAuth(ui *url.Userinfo) string {
	pass, _ := ui.Password()
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(ui.Username()+":"+pass))
}

// proxyFor returns the proxy for u from the environment, or nil.
func (c *Client) proxyFor(u *url.URL) (*url.URL, error) {
	if c.Env == nil {
		return nil, nil
	}
	get := func(name string) string {
		if v := c.Env(name); v != "" {
			return v
		}
		return c.Env(strings.ToUpper(name))
	}
	var p string
	if u.Scheme == "https" {
		p = get("https_proxy")
	} else {
		// HTTP_PROXY in upper case is not trusted: a CGI program gets
		// it from the request's Proxy: header (httpoxy).
		p = c.Env("http_proxy")
	}
	if p == "" || noProxy(get("no_proxy"), u.Hostname()) {
		return nil, nil
	}
	if !strings.Contains(p, "://") {
		p = "http://" + p
	}
	proxy, err := url.Parse(p)
	if err != nil || proxy.Host == "" || proxy.Scheme != "http" {
		return nil, fmt.Errorf("bad proxy %q", p)
	}
	return proxy, nil
}

// noProxy reports whether host matches the no_proxy list: "*", names
// matching the host or a domain suffix of it (".example.org" or
// "example.org"), or exact addresses.
func noProxy(list, host string) bool {
	host = strings.ToLower(host)
	for _, e := range strings.Split(list, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if h, _, err := net.SplitHostPort(e); err == nil {
			e = h
		}
		switch {
		case e == "":
		case e == "*":
			return true
		case host == strings.TrimPrefix(e, "."):
			return true
		case strings.HasSuffix(host, "."+strings.TrimPrefix(e, ".")):
			return true
		}
	}
	return false
}

// body is a response body; a body read to its end cleanly hands its
// connection back for the next request.
type body struct {
	c        *Client
	cn       *conn
	r        io.Reader
	ctx      context.Context
	done     func(ok bool)
	finished bool
}

func (b *body) Read(p []byte) (int, error) {
	if b.finished {
		return 0, io.EOF
	}
	b.c.deadline(b.cn)
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.finish(true)
	} else if err != nil {
		b.finish(false)
		if b.ctx.Err() != nil {
			err = b.ctx.Err()
		}
	}
	return n, err
}

func (b *body) finish(ok bool) {
	if !b.finished {
		b.finished = true
		b.done(ok)
	}
}

// Close ends the body; an unread rest closes the connection.
func (b *body) Close() error {
	b.finish(false)
	return nil
}

// lengthReader reads a body of a known length.
type lengthReader struct {
	r    io.Reader
	left int64
}

func (l *lengthReader) Read(p []byte) (int, error) {
	if l.left == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if err == io.EOF && l.left > 0 {
		err = io.ErrUnexpectedEOF
	} else if err == io.EOF {
		err = nil
	}
	return n, err
}

// closeReader reads a body that ends when the server closes.
type closeReader struct{ r io.Reader }

func (c *closeReader) Read(p []byte) (int, error) { return c.r.Read(p) }

// chunkedReader decodes Transfer-Encoding: chunked.
type chunkedReader struct {
	br   *bufio.Reader
	left int64 // bytes left in the current chunk
	eof  bool
}

func (c *chunkedReader) Read(p []byte) (int, error) {
	if c.eof {
		return 0, io.EOF
	}
	if c.left == 0 {
		line, err := readLine(c.br)
		if err != nil {
			return 0, err
		}
		size, _, _ := strings.Cut(line, ";") // chunk extensions are ignored
		n, err := strconv.ParseInt(strings.TrimSpace(size), 16, 64)
		if err != nil || n < 0 {
			return 0, ProtocolError("bad chunk size " + strconv.Quote(line))
		}
		if n == 0 {
			// The trailer: header lines up to an empty one.
			for i := 0; ; i++ {
				line, err := readLine(c.br)
				if err != nil {
					return 0, err
				}
				if line == "" {
					break
				}
				if i == MaxHeaders {
					return 0, ProtocolError("too many trailer lines")
				}
			}
			c.eof = true
			return 0, io.EOF
		}
		c.left = n
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.br.Read(p)
	c.left -= int64(n)
	if c.left == 0 && err == nil {
		if line, err := readLine(c.br); err != nil || line != "" {
			return n, ProtocolError("chunk not followed by CRLF")
		}
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}
