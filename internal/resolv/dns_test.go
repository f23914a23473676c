package resolv

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer is a DNS server on 127.0.0.1 (UDP, and TCP on the same
// port) whose replies the test decides. Only loopback is ever used.
type fakeServer struct {
	port int
	udp  net.PacketConn
	mu   sync.Mutex
	log  []string // "name type" of each UDP query, "tcp name type" of TCP ones
	// udpReply returns the datagrams to send back for query q.
	udpReply func(q []byte) [][]byte
	// tcpReply returns the reply for query q over TCP (nil: close).
	tcpReply func(q []byte) []byte
}

func startServer(t *testing.T, udpReply func(q []byte) [][]byte, tcpReply func(q []byte) []byte) *fakeServer {
	t.Helper()
	s := &fakeServer{udpReply: udpReply, tcpReply: tcpReply}
	var ln net.Listener
	for try := 0; ; try++ {
		c, err := net.ListenPacket("udp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := c.LocalAddr().(*net.UDPAddr).Port
		ln, err = net.Listen("tcp4", c.LocalAddr().String())
		if err == nil {
			s.udp, s.port = c, port
			break
		}
		c.Close()
		if try == 20 {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { s.udp.Close(); ln.Close() })
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := s.udp.ReadFrom(buf)
			if err != nil {
				return
			}
			q := append([]byte(nil), buf[:n]...)
			s.record("", q)
			for _, r := range s.udpReply(q) {
				s.udp.WriteTo(r, from)
			}
		}
	}()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				var l [2]byte
				if _, err := io.ReadFull(c, l[:]); err != nil {
					return
				}
				q := make([]byte, binary.BigEndian.Uint16(l[:]))
				if _, err := io.ReadFull(c, q); err != nil {
					return
				}
				s.record("tcp ", q)
				if s.tcpReply == nil {
					return
				}
				r := s.tcpReply(q)
				if r == nil {
					return
				}
				c.Write(append([]byte{byte(len(r) >> 8), byte(len(r))}, r...))
			}()
		}
	}()
	return s
}

func (s *fakeServer) record(prefix string, q []byte) {
	name, next, err := readName(q, 12)
	typ := "?"
	if err == nil && next+2 <= len(q) {
		switch be16(q[next:]) {
		case TypeA:
			typ = "A"
		case TypeAAAA:
			typ = "AAAA"
		}
	}
	s.mu.Lock()
	s.log = append(s.log, prefix+name+" "+typ)
	s.mu.Unlock()
}

func (s *fakeServer) queries() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.log, ",")
}

// qname and qtype of a query.
func qinfo(q []byte) (string, uint16) {
	name, next, err := readName(q, 12)
	if err != nil || next+2 > len(q) {
		return "", 0
	}
	return name, be16(q[next:])
}

// zone answers from a table: name -> addresses ("1.2.3.4" or "::1") and
// optional "cname:" entries; other names get NXDOMAIN.
func zone(records map[string][]string) func(q []byte) [][]byte {
	return func(q []byte) [][]byte {
		name, typ := qinfo(q)
		recs, ok := records[strings.ToLower(name)]
		if !ok {
			return [][]byte{reply(q, RcodeNXDomain)}
		}
		var ans []rr
		for _, r := range recs {
			if target, ok := strings.CutPrefix(r, "cname:"); ok {
				ans = append(ans, rr{typ: TypeCNAME, data: wireName(target)})
				continue
			}
			if ip, ok := parseIPv4(r); ok && typ == TypeA {
				ans = append(ans, rr{typ: TypeA, data: ip})
			} else if ip, ok := parseIPv6(r); ok && typ == TypeAAAA {
				ans = append(ans, rr{typ: TypeAAAA, data: ip})
			}
		}
		return [][]byte{reply(q, 0, ans...)}
	}
}

// resolver returns a Resolver using s (on loopback) with an empty hosts
// file and the given extra resolv.conf lines.
func (s *fakeServer) resolver(t *testing.T, conf string, timeout time.Duration) *Resolver {
	dir := t.TempDir()
	hosts := filepath.Join(dir, "hosts")
	os.WriteFile(hosts, []byte("10.9.9.9 inhosts\n"), 0o644)
	rc := filepath.Join(dir, "resolv.conf")
	os.WriteFile(rc, []byte("nameserver 127.0.0.1\n"+conf), 0o644)
	return &Resolver{HostsFile: hosts, ResolvConf: rc, Port: s.port, Timeout: timeout}
}

func hostString(h *Host) string {
	if h == nil {
		return ""
	}
	return h.Name + " " + addrList(h.Addrs)
}

func TestDNS(t *testing.T) {
	t.Parallel()
	web := zone(map[string][]string{
		"www.example.org":   {"cname:web.example.org", "192.0.2.1", "192.0.2.2", "2001:db8::1"},
		"plain.example.org": {"192.0.2.3"},
		"v6.example.org":    {"2001:db8::6"},
		"host.b.test":       {"192.0.2.4"},
		"nodata.a.test":     {},
		"nodata.b.test":     {"192.0.2.5"},
		"x.y":               {"192.0.2.6"},
	})
	tests := []struct {
		name    string
		udp     func(q []byte) [][]byte
		tcp     func(q []byte) []byte
		conf    string
		lookup  string
		fam     Family
		want    string
		err     error
		queries string // the queries the server saw ("none"), when checked
	}{
		{name: "cname", udp: web, lookup: "www.example.org", fam: IPv4,
			want: "web.example.org 192.0.2.1 192.0.2.2", queries: "www.example.org A"},
		{name: "any family", udp: web, lookup: "www.example.org", fam: Any,
			want: "web.example.org 192.0.2.1 192.0.2.2 2001:db8::1"},
		{name: "ipv6", udp: web, lookup: "v6.example.org", fam: IPv6, want: "v6.example.org 2001:db8::6", queries: "v6.example.org AAAA"},
		{name: "no A record", udp: web, lookup: "v6.example.org", fam: IPv4, err: HostNotFound},
		{name: "trailing dot", udp: web, lookup: "plain.example.org.", fam: IPv4, want: "plain.example.org 192.0.2.3"},
		{name: "two trailing dots", udp: web, lookup: "plain.example.org..", fam: IPv4, err: HostNotFound, queries: "none"},
		{name: "bad label", udp: web, lookup: "a..b", fam: IPv4, err: HostNotFound, queries: "none"},
		{name: "nxdomain", udp: web, lookup: "nosuch.example.org", fam: IPv4, err: HostNotFound},
		{name: "hosts first", udp: web, lookup: "inhosts", fam: IPv4, want: "inhosts 10.9.9.9", queries: "none"},
		{name: "literal", udp: web, lookup: "10.1", fam: IPv4, want: "10.1 10.0.0.1", queries: "none"},
		{name: "search", udp: web, conf: "search a.test b.test\n", lookup: "host", fam: IPv4,
			want: "host.b.test 192.0.2.4", queries: "host.a.test A,host.b.test A"},
		{name: "search nodata stops", udp: web, conf: "search a.test b.test\n", lookup: "nodata", fam: IPv4,
			err: HostNotFound, queries: "nodata.a.test A"},
		{name: "ndots", udp: web, conf: "search a.test\n", lookup: "x.y", fam: IPv4, want: "x.y 192.0.2.6", queries: "x.y A"},
		{name: "ndots 2", udp: web, conf: "search a.test\noptions ndots:2\n", lookup: "x.y", fam: IPv4,
			want: "x.y 192.0.2.6", queries: "x.y.a.test A,x.y A"},
		{name: "no search with dot", udp: web, conf: "search a.test\n", lookup: "host.", fam: IPv4,
			err: HostNotFound, queries: "host A"},
		{name: "timeout", udp: func(q []byte) [][]byte { return nil }, lookup: "plain.example.org", fam: IPv4,
			err: TryAgain, queries: "plain.example.org A,plain.example.org A"},
		{name: "wrong id", udp: func(q []byte) [][]byte {
			r := web(q)[0]
			r[1] ^= 0xff
			return [][]byte{r}
		}, lookup: "plain.example.org", fam: IPv4, err: TryAgain},
		{name: "wrong id then right", udp: func(q []byte) [][]byte {
			r := web(q)[0]
			bad := append([]byte(nil), r...)
			bad[0] ^= 0x55
			bad[len(bad)-1] = 66
			return [][]byte{bad, r}
		}, lookup: "plain.example.org", fam: IPv4, want: "plain.example.org 192.0.2.3"},
		{name: "not a response", udp: func(q []byte) [][]byte { return [][]byte{q} }, lookup: "plain.example.org", fam: IPv4, err: TryAgain},
		{name: "other question first", udp: func(q []byte) [][]byte {
			other := reply(mustQuery(t, be16(q), "evil.example.org", TypeA), 0, rr{typ: TypeA, data: []byte{6, 6, 6, 6}})
			return [][]byte{other, web(q)[0]}
		}, lookup: "plain.example.org", fam: IPv4, want: "plain.example.org 192.0.2.3"},
		{name: "short reply", udp: func(q []byte) [][]byte { return [][]byte{web(q)[0][:11]} }, lookup: "plain.example.org", fam: IPv4, err: TryAgain},
		{name: "truncated records", udp: func(q []byte) [][]byte {
			r := web(q)[0]
			return [][]byte{r[:len(r)-2]}
		}, lookup: "plain.example.org", fam: IPv4, err: HostNotFound},
		{name: "bad A length", udp: func(q []byte) [][]byte {
			return [][]byte{reply(q, 0, rr{typ: TypeA, data: []byte{1, 2, 3, 4, 5}})}
		}, lookup: "plain.example.org", fam: IPv4, err: HostNotFound},
		{name: "compression loop", udp: func(q []byte) [][]byte {
			return [][]byte{reply(q, 0, rr{name: []byte{0xc0, byte(len(q))}, typ: TypeA, data: []byte{1, 2, 3, 4}})}
		}, lookup: "plain.example.org", fam: IPv4, err: HostNotFound},
		{name: "cname loop", udp: func(q []byte) [][]byte {
			return [][]byte{reply(q, 0, rr{typ: TypeCNAME, data: []byte{1, 'a', 0xc0, byte(len(q) + 12)}}, rr{typ: TypeA, data: []byte{1, 2, 3, 4}})}
		}, lookup: "plain.example.org", fam: IPv4, err: HostNotFound},
		{name: "invalid cname target", udp: func(q []byte) [][]byte {
			return [][]byte{reply(q, 0, rr{typ: TypeCNAME, data: wireName("bad_name.example")}, rr{typ: TypeA, data: []byte{1, 2, 3, 4}})}
		}, lookup: "plain.example.org", fam: IPv4, want: "plain.example.org 1.2.3.4"},
		{name: "servfail", udp: func(q []byte) [][]byte { return [][]byte{reply(q, RcodeServFail)} },
			lookup: "plain.example.org", fam: IPv4, err: TryAgain},
		{name: "refused", udp: func(q []byte) [][]byte { return [][]byte{reply(q, 5)} },
			lookup: "plain.example.org", fam: IPv4, err: TryAgain},
		{name: "servfail then answer", udp: func() func(q []byte) [][]byte {
			n := 0
			var mu sync.Mutex
			return func(q []byte) [][]byte {
				mu.Lock()
				defer mu.Unlock()
				if n++; n == 1 {
					return [][]byte{reply(q, RcodeServFail)}
				}
				return web(q)
			}
		}(), lookup: "plain.example.org", fam: IPv4, want: "plain.example.org 192.0.2.3"},
		{name: "tcp fallback", udp: func(q []byte) [][]byte {
			r := reply(q, 0)
			r[2] |= flagTC >> 8
			return [][]byte{r}
		}, tcp: func(q []byte) []byte { return web(q)[0] }, lookup: "www.example.org", fam: IPv4,
			want: "web.example.org 192.0.2.1 192.0.2.2", queries: "www.example.org A,tcp www.example.org A"},
		{name: "tcp fallback fails", udp: func(q []byte) [][]byte {
			r := reply(q, 0)
			r[2] |= flagTC >> 8
			return [][]byte{r}
		}, lookup: "www.example.org", fam: IPv4, err: TryAgain},
		{name: "tcp wrong id", udp: func(q []byte) [][]byte {
			r := reply(q, 0)
			r[2] |= flagTC >> 8
			return [][]byte{r}
		}, tcp: func(q []byte) []byte {
			r := web(q)[0]
			r[0] ^= 1
			return r
		}, lookup: "www.example.org", fam: IPv4, err: TryAgain},
		{name: "oversized udp", udp: func(q []byte) [][]byte {
			var ans []rr
			for i := 0; i < 40; i++ {
				ans = append(ans, rr{typ: TypeA, data: []byte{10, 0, 0, byte(i)}})
			}
			return [][]byte{reply(q, 0, ans...)}
		}, tcp: func(q []byte) []byte { return web(q)[0] }, lookup: "plain.example.org", fam: IPv4,
			want: "plain.example.org 192.0.2.3", queries: "plain.example.org A,tcp plain.example.org A"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := startServer(t, tc.udp, tc.tcp)
			r := s.resolver(t, tc.conf+"options attempts:2\n", 400*time.Millisecond)
			h, err := r.LookupHost(context.Background(), tc.lookup, tc.fam)
			if got := hostString(h); got != tc.want || err != tc.err {
				t.Errorf("LookupHost(%q) = %q, %v; want %q, %v", tc.lookup, got, err, tc.want, tc.err)
			}
			if tc.queries != "" {
				got := s.queries()
				if got == "" {
					got = "none"
				}
				if got != tc.queries {
					t.Errorf("queries %q, want %q", got, tc.queries)
				}
			}
		})
	}
}

func TestWrongSource(t *testing.T) {
	t.Parallel()
	srv, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	other, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	// Replies come from another port than the one queried: ignored.
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := srv.ReadFrom(buf)
			if err != nil {
				return
			}
			other.WriteTo(reply(buf[:n], 0, rr{typ: TypeA, data: []byte{6, 6, 6, 6}}), from)
		}
	}()
	s := &fakeServer{port: srv.LocalAddr().(*net.UDPAddr).Port}
	r := s.resolver(t, "", 300*time.Millisecond)
	if h, err := r.LookupHost(context.Background(), "plain.example.org", IPv4); err != TryAgain {
		t.Errorf("got %q, %v", hostString(h), err)
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	s := startServer(t, func(q []byte) [][]byte { return nil }, nil)
	r := s.resolver(t, "", 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := r.LookupHost(ctx, "plain.example.org", IPv4)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Errorf("got %v after %v", err, time.Since(start))
	}
}

func TestNameChecks(t *testing.T) {
	r := &Resolver{HostsFile: filepath.Join(t.TempDir(), "none")}
	for _, name := range []string{"", strings.Repeat("a", 255)} {
		if _, err := r.LookupHost(context.Background(), name, IPv4); err != HostNotFound {
			t.Errorf("%d bytes: %v", len(name), err)
		}
	}
	if h, err := r.LookupHost(context.Background(), "127.0.0.1\x00junk", IPv4); err != nil || hostString(h) != "127.0.0.1 127.0.0.1" {
		t.Errorf("NUL: %q %v", hostString(h), err)
	}
}
