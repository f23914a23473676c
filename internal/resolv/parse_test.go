package resolv

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseIPv4(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1.2.3.4", "1.2.3.4"},
		{"10.1", "10.0.0.1"},
		{"10.1.2", "10.1.0.2"},
		{"16909060", "1.2.3.4"},
		{"0x7f.1", "127.0.0.1"},
		{"010.0.0.1", "8.0.0.1"},
		{"255.255.255.255", "255.255.255.255"},
		{"256.1.1.1", ""},
		{"1.2.3.4.5", ""},
		{"1.2.3.", ""},
		{"", ""},
		{" 1.2.3.4", ""},
		{"+1.2.3.4", ""},
		{"1.2.3.4 ", ""},
		{"0x", ""},
		{"09.1.1.1", ""},
		{"99999999999999999999999", ""},
		{"4294967296", ""},
	}
	for _, tc := range tests {
		ip, ok := parseIPv4(tc.in)
		got := ""
		if ok {
			got = formatIPv4(ip)
		}
		if got != tc.want {
			t.Errorf("parseIPv4(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseIPv6(t *testing.T) {
	tests := []struct{ in, want string }{
		{"::1", "::1"},
		{"::", "::"},
		{"1::", "1::"},
		{"fe80::1:2", "fe80::1:2"},
		{"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
		{"2001:DB8::", "2001:db8::"},
		{"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
		{"1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8"},
		{"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
		{"::1.2.3.4", "::102:304"},
		{"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
		{"1:2:3:4:5:6:7:8:9", ""},
		{"1:2:3:4:5:6:7", ""},
		{"1::2::3", ""},
		{":1::2", ""},
		{"1:", ""},
		{"12345::", ""},
		{"::ffff:1.2.3.04", ""},
		{"::ffff:1.2.3", ""},
		{"1:2:3:4:5:6:7:8::", ""},
		{"g::", ""},
		{"", ""},
	}
	for _, tc := range tests {
		ip, ok := parseIPv6(tc.in)
		got := ""
		if ok {
			got = Addr{IP: ip}.String()
		}
		if got != tc.want {
			t.Errorf("parseIPv6(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseLiteral(t *testing.T) {
	tests := []struct {
		in   string
		fam  Family
		want string
		n    int
	}{
		{"1.2.3.4", Any, "1.2.3.4", 1},
		{"1.2.3.4", IPv6, "", 0},
		{"::1", IPv4, "", 0},
		{"::1", Any, "::1", 1},
		{"fe80::1%2", Any, "fe80::1%2", 1},
		{"fe80::1%eth0", Any, "", -1},
		{"host", Any, "", 0},
	}
	for _, tc := range tests {
		a, n := parseLiteral(tc.in, tc.fam)
		got := ""
		if n == 1 {
			got = a.String()
		}
		if got != tc.want || n != tc.n {
			t.Errorf("parseLiteral(%q, %d) = %q %d, want %q %d", tc.in, tc.fam, got, n, tc.want, tc.n)
		}
	}
}

func addrList(addrs []Addr) string {
	var s []string
	for _, a := range addrs {
		s = append(s, a.String())
	}
	return strings.Join(s, " ")
}

func TestLookupHosts(t *testing.T) {
	const hosts = `# comment line
127.0.0.1	localhost localhost.localdomain
::1 localhost ip6-localhost
10.0.0.1 box.example.org box # a comment
10.0.0.2 other box
 10.0.0.3 box
bad-address box
10.0.0.9 box#glued
10.0.0.5 boxer notbox box2
10.1 short
10.0.0.6 -invalid_canon! valid
10.0.0.7 first valid
fe80::1%eth0 scoped
10.0.0.8 last`
	tests := []struct {
		name  string
		fam   Family
		addrs string
		canon string
		rc    int
	}{
		{"localhost", IPv4, "127.0.0.1", "localhost", 1},
		{"localhost", Any, "127.0.0.1 ::1", "localhost", 2},
		{"localhost", IPv6, "::1", "localhost", 1},
		{"ip6-localhost", Any, "::1", "localhost", 1},
		{"localhost.localdomain", IPv4, "127.0.0.1", "localhost", 1},
		{"box", IPv4, "10.0.0.1 10.0.0.2 10.0.0.9", "box.example.org", 3},
		{"box.example.org", IPv4, "10.0.0.1", "box.example.org", 1},
		{"bo", IPv4, "", "", 0},
		{"short", IPv4, "10.0.0.1", "short", 1},
		{"valid", IPv4, "10.0.0.6 10.0.0.7", "first", 2},
		{"scoped", Any, "", "scoped", eaiNoName},
		// The last line has no newline: the name is not followed by a blank.
		{"last", IPv4, "", "", 0},
		{"comment", IPv4, "", "", 0},
		{"10.0.0.1", IPv4, "", "", 0},
	}
	for _, tc := range tests {
		addrs, canon, rc := lookupHosts([]byte(hosts), tc.name, tc.fam)
		if got := addrList(addrs); got != tc.addrs || canon != tc.canon || rc != tc.rc {
			t.Errorf("lookupHosts(%q, %d) = %q %q %d, want %q %q %d", tc.name, tc.fam, got, canon, rc, tc.addrs, tc.canon, tc.rc)
		}
	}

	// Lines are read in 511-byte pieces, as fgets does.
	long := "10.0.0.1 " + strings.Repeat("x", 600) + " far\n"
	if _, _, rc := lookupHosts([]byte(long), "far", IPv4); rc != 0 {
		t.Errorf("name past byte 511 found: rc %d", rc)
	}
	// At most maxAddrs addresses.
	var many bytes.Buffer
	for i := 0; i < 60; i++ {
		many.WriteString("10.0.0.1 many\n")
	}
	if addrs, _, _ := lookupHosts(many.Bytes(), "many", IPv4); len(addrs) != maxAddrs {
		t.Errorf("got %d addresses, want %d", len(addrs), maxAddrs)
	}

	dir := t.TempDir()
	if _, _, rc := lookupHostsFile(filepath.Join(dir, "none"), "x", IPv4); rc != 0 {
		t.Errorf("missing hosts file: rc %d", rc)
	}
	p := filepath.Join(dir, "hosts")
	os.WriteFile(p, []byte(hosts), 0o644)
	if addrs, canon, rc := lookupHostsFile(p, "box", IPv4); rc != 3 || canon != "box.example.org" || len(addrs) != 3 {
		t.Errorf("lookupHostsFile = %v %q %d", addrs, canon, rc)
	}
}

func TestValidHostname(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"a", true},
		{"a-b.c9", true},
		{"", false},
		{"a_b", false},
		{"a b", false},
		{"héllo", true},
		{"\xff", false},
		{strings.Repeat("a", 253), true},
		{strings.Repeat("a", 254), false},
	}
	for _, tc := range tests {
		if got := validHostname(tc.in); got != tc.want {
			t.Errorf("validHostname(%q) = %v", tc.in, got)
		}
	}
}

func TestParseConf(t *testing.T) {
	tests := []struct {
		name, in string
		ns       string
		search   string
		ndots    int
		timeout  int
		attempts int
	}{
		{"empty", "", "127.0.0.1", "", 1, 5, 2},
		{"basic", "nameserver 10.0.0.1\nnameserver ::1\nsearch a.example b.example\n", "10.0.0.1 ::1", "a.example b.example\n", 1, 5, 2},
		{"max three", "nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver bad\nnameserver 3.3.3.3\nnameserver 4.4.4.4\n", "1.1.1.1 2.2.2.2 3.3.3.3", "", 1, 5, 2},
		{"tab", "nameserver\t10.0.0.1 # x\n", "10.0.0.1", "", 1, 5, 2},
		{"no blank", "nameserver10.0.0.1\n", "127.0.0.1", "", 1, 5, 2},
		{"domain then search", "domain d.example\nsearch s.example\n", "127.0.0.1", "s.example\n", 1, 5, 2},
		{"search then domain", "search s.example\ndomain   d.example", "127.0.0.1", "d.example", 1, 5, 2},
		{"options", "options ndots:3 timeout:2 attempts:4 rotate\n", "127.0.0.1", "", 3, 2, 4},
		{"options clamp", "options ndots:99 timeout:100 attempts:50\n", "127.0.0.1", "", 15, 60, 10},
		{"options zero", "options attempts:0 timeout:0 ndots:0\n", "127.0.0.1", "", 0, 0, 1},
		{"options junk", "options ndots:x timeout:.5 attempts:\n", "127.0.0.1", "", 1, 5, 2},
		{"options needs blank", "optionsndots:3\n", "127.0.0.1", "", 1, 5, 2},
		{"long line skipped", "search " + strings.Repeat("x", 300) + "\nnameserver 10.0.0.2\n", "10.0.0.2", "", 1, 5, 2},
		{"v6 scope", "nameserver fe80::1%3\n", "fe80::1%3", "", 1, 5, 2},
	}
	for _, tc := range tests {
		c := parseConf([]byte(tc.in))
		if got := addrList(c.ns); got != tc.ns || c.search != tc.search || c.ndots != tc.ndots || c.timeout != tc.timeout || c.attempts != tc.attempts {
			t.Errorf("%s: got ns %q search %q ndots %d timeout %d attempts %d", tc.name, got, c.search, c.ndots, c.timeout, c.attempts)
		}
	}
	if c, err := readConf(filepath.Join(t.TempDir(), "none")); err != nil || addrList(c.ns) != "127.0.0.1" {
		t.Errorf("missing resolv.conf: %v %v", c, err)
	}
}

func TestBuildQuery(t *testing.T) {
	q, ok := buildQuery(0x1234, "www.Example.org.", TypeAAAA)
	want := []byte("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03www\x07Example\x03org\x00\x00\x1c\x00\x01")
	if !ok || !bytes.Equal(q, want) {
		t.Errorf("buildQuery = %q %v", q, ok)
	}
	for _, bad := range []string{"a..b", "a..", ".a", strings.Repeat("a", 64) + ".b", strings.Repeat("a.", 127) + "ab"} {
		if _, ok := buildQuery(1, bad, TypeA); ok {
			t.Errorf("buildQuery(%q) accepted", bad)
		}
	}
	if _, ok := buildQuery(1, strings.Repeat("a.", 126)+"a", TypeA); !ok {
		t.Errorf("253-byte name rejected")
	}
}

func TestErrorText(t *testing.T) {
	for e, want := range map[Error]string{HostNotFound: "Host not found", TryAgain: "Try again", NoRecovery: "Non-recoverable error", 4: "Address not available", 9: "Unknown error"} {
		if e.Error() != want {
			t.Errorf("%d: %q", e, e.Error())
		}
	}
}
