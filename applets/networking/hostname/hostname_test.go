package hostname

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/applettest"
	"gobox/internal/resolv"
)

func nodename() string {
	var u unix.Utsname
	unix.Uname(&u)
	return unix.ByteSliceToString(u.Nodename[:])
}

func TestHostname(t *testing.T) {
	name := nodename()
	short, _, _ := strings.Cut(name, ".")
	applettest.Run(t, &Applet).Expect(t, name+"\n", 0)
	applettest.Run(t, &Applet, "-s").Expect(t, short+"\n", 0)
	applettest.Run(t, &Applet, "-x").Expect(t, "", 1)
	applettest.Run(t, &Applet, "-F").Expect(t, "", 1)
	r := applettest.Run(t, &Applet, "-F", "nosuch")
	r.Expect(t, "", 1)
	if r.Stderr != "hostname: can't open 'nosuch': No such file or directory\n" {
		t.Errorf("stderr %q", r.Stderr)
	}
}

// TestSetSame sets the host name to what it already is (when allowed),
// so the machine is left as it was.
func TestSetSame(t *testing.T) {
	name := nodename()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("# comment\n\n  "+name+" trailing # x\n"), 0o644)
	for _, args := range [][]string{{name}, {"-F", "f"}} {
		r := applettest.RunIn(t, dir, &Applet, args...)
		if r.Code != 0 && r.Stderr != "hostname: sethostname: Operation not permitted\n" {
			t.Errorf("hostname %q: %+v", args, r)
		}
		if got := nodename(); got != name {
			unix.Sethostname([]byte(name))
			t.Fatalf("host name changed to %q", got)
		}
	}
}

// closedPort is a loopback UDP port with nothing listening.
func closedPort(t *testing.T) int {
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := c.LocalAddr().(*net.UDPAddr).Port
	c.Close()
	return port
}

// fakeDNS answers every A query for name with a CNAME to canon and the
// address 192.0.2.7, on loopback; it returns the port.
func fakeDNS(t *testing.T, name, canon string) int {
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	enc := func(n string) []byte {
		var b []byte
		for _, l := range strings.Split(n, ".") {
			b = append(b, byte(len(l)))
			b = append(b, l...)
		}
		return append(b, 0)
	}
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := c.ReadFrom(buf)
			if err != nil {
				return
			}
			q := buf[:n]
			qname := enc(name)
			if n < 12+len(qname)+4 || string(q[12:12+len(qname)]) != string(qname) || q[12+len(qname)+1] != 1 {
				// Not our name's A query: NXDOMAIN.
				r := append([]byte(nil), q...)
				r[2] |= 0x80
				r[3] = 3
				c.WriteTo(r, from)
				continue
			}
			r := append([]byte(nil), q[:12+len(qname)+4]...)
			r[2] |= 0x80
			r[3] = 0
			r[7] = 2 // two answers
			r = append(r, 0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60)
			target := enc(canon)
			r = append(r, 0, byte(len(target)))
			r = append(r, target...)
			r = append(r, 0xc0, byte(12+len(qname)+4+12), 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7)
			c.WriteTo(r, from)
		}
	}()
	return c.LocalAddr().(*net.UDPAddr).Port
}

func TestLookup(t *testing.T) {
	dir := t.TempDir()
	hosts := filepath.Join(dir, "hosts")
	os.WriteFile(hosts, []byte(`# test
127.0.0.1 localhost
::1 box.example.org box
10.0.0.1 box.example.org box # comment
10.0.0.2 other box
10.0.0.3 nodomain
10.0.0.4 onlyv6 #
::2 onlyv6
`), 0o644)
	conf := filepath.Join(dir, "resolv.conf")
	os.WriteFile(conf, []byte("nameserver 127.0.0.1\nsearch example.net\n"), 0o644)
	dead := &resolv.Resolver{HostsFile: hosts, ResolvConf: conf, Port: closedPort(t), Timeout: 200 * time.Millisecond}
	dns := &resolv.Resolver{HostsFile: hosts, ResolvConf: conf, Port: fakeDNS(t, "web.example.net", "www.example.com"), Timeout: time.Second}
	tests := []struct {
		r            *resolv.Resolver
		name         string
		args         []string
		out, errText string
		code         int
	}{
		{dead, "box", []string{"-i"}, "10.0.0.1 10.0.0.2\n", "", 0},
		{dead, "box", []string{"-f"}, "box.example.org\n", "", 0},
		{dead, "box", []string{"-d"}, "example.org\n", "", 0},
		{dead, "box", []string{"-s", "-f"}, "box.example.org\n", "", 0},
		{dead, "box", []string{"-s", "-d"}, "box\n", "", 0},
		{dead, "box", []string{"-s"}, "box\n", "", 0},
		{dead, "nodomain", []string{"-d"}, "", "", 0},
		{dead, "nodomain", []string{"-f"}, "nodomain\n", "", 0},
		{dead, "localhost", []string{"-i"}, "127.0.0.1\n", "", 0},
		{dead, "10.1.2.3", []string{"-i"}, "10.1.2.3\n", "", 0},
		{dead, "10.1.2.3", []string{"-f"}, "10.1.2.3\n", "", 0},
		{dead, "onlyv6", []string{"-i"}, "10.0.0.4\n", "", 0},
		{dead, "nosuch", []string{"-i"}, "", "hostname: nosuch: Try again\n", 1},
		{dns, "web", []string{"-i"}, "192.0.2.7\n", "", 0},
		{dns, "web", []string{"-f"}, "www.example.com\n", "", 0},
		{dns, "web", []string{"-d"}, "example.com\n", "", 0},
		{dns, "nosuch", []string{"-f"}, "", "hostname: nosuch: Host not found\n", 1},
	}
	for _, tc := range tests {
		var out, errb strings.Builder
		ctx := &applet.Ctx{Context: context.Background(), Name: "hostname", Stdout: &out, Stderr: &errb, Stdin: strings.NewReader("")}
		a := &applet.Applet{Name: "hostname", Options: Applet.Options, Main: func(ctx *applet.Ctx, args []string) error {
			return run(ctx, args, tc.r, tc.name)
		}}
		code := applet.Run(ctx, a, tc.args)
		if out.String() != tc.out || errb.String() != tc.errText || code != tc.code {
			t.Errorf("%s: hostname %q = %q %q %d; want %q %q %d", tc.name, tc.args, out.String(), errb.String(), code, tc.out, tc.errText, tc.code)
		}
	}
}
