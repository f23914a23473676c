package hostname

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func nodename() string {
	var u unix.Utsname
	unix.Uname(&u)
	return unix.ByteSliceToString(u.Nodename[:])
}

func TestHostname(t *testing.T) {
	name := nodename()
	short, _, _ := strings.Cut(name, ".")
	applettest.Run(t, "hostname").Expect(t, name+"\n", 0)
	applettest.Run(t, "hostname", "-s").Expect(t, short+"\n", 0)
	applettest.Run(t, "hostname", "-x").Expect(t, "", 1)
	applettest.Run(t, "hostname", "-F").Expect(t, "", 1)
	r := applettest.Run(t, "hostname", "-F", "nosuch")
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
		r := applettest.RunIn(t, dir, "hostname", args...)
		if r.Code != 0 && r.Stderr != "hostname: sethostname: Operation not permitted\n" {
			t.Errorf("hostname %q: %+v", args, r)
		}
		if got := nodename(); got != name {
			unix.Sethostname([]byte(name))
			t.Fatalf("host name changed to %q", got)
		}
	}
}

func TestLookup(t *testing.T) {
	hosts := filepath.Join(t.TempDir(), "hosts")
	os.WriteFile(hosts, []byte(`# test
127.0.0.1 localhost
::1 box.example.org box
10.0.0.1 box.example.org box # comment
10.0.0.2 other box
`), 0o644)
	ctx := &applet.Ctx{Context: context.Background()}
	canon, addrs, ok := lookup(ctx, hosts, "box")
	if !ok || canon != "box.example.org" || strings.Join(addrs, " ") != "10.0.0.1 10.0.0.2" {
		t.Errorf("lookup box = %q %q %v", canon, addrs, ok)
	}
	canon, addrs, ok = lookup(ctx, hosts, "localhost")
	if !ok || canon != "localhost" || strings.Join(addrs, " ") != "127.0.0.1" {
		t.Errorf("lookup localhost = %q %q %v", canon, addrs, ok)
	}
}
