package installeddb

import (
	"bytes"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
)

const dbDir = "alpine/rootfs-3.20.3/"

// TestRoundTrip: the real database of Alpine 3.20.3 reads and writes back
// byte for byte (issue 9's acceptance).
func TestRoundTrip(t *testing.T) {
	data := apktest.Read(t, dbDir+"lib/apk/db/installed")
	db, err := Parse(bytes.NewReader(data), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(db.Packages) != 14 {
		t.Errorf("%d packages, want 14", len(db.Packages))
	}
	var dirs, files, acl, macl int
	for _, p := range db.Packages {
		dirs += len(p.Dirs)
		for _, d := range p.Dirs {
			files += len(d.Files)
			if d.ACL != "" {
				macl++
			}
			for _, f := range d.Files {
				if f.ACL != "" {
					acl++
				}
			}
		}
	}
	if dirs != 139 || files != 107 || acl != 54 || macl != 5 {
		t.Errorf("F %d R %d a %d M %d, want 139 107 54 5 (apk.md 5.1)", dirs, files, acl, macl)
	}
	var out bytes.Buffer
	if err := db.Write(&out); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Errorf("installed database not written back byte for byte")
	}
	bb := db.Find("busybox")
	if bb == nil || bb.Version != "1.36.1-r29" || bb.Checksum != "Q1yY8lhMF1VhgegJgkcXfqaNabDJw=" || bb.ProviderPriority != 0 || db.Find("busybox-binsh").ProviderPriority != 100 {
		t.Errorf("busybox = %+v", bb)
	}
	if p := db.Owner("bin/busybox"); p == nil || p.Name != "busybox" {
		t.Errorf("owner of bin/busybox = %v", p)
	}
	if p := db.Owner("etc/nothere"); p != nil {
		t.Errorf("owner of etc/nothere = %v", p.Name)
	}
}

func TestStateFilesRoundTrip(t *testing.T) {
	scripts := apktest.Read(t, dbDir+"lib/apk/db/scripts.tar")
	s, err := ParseScripts(bytes.NewReader(scripts))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 7 || s[0].Name != "busybox-1.36.1-r29" || s[0].Identity != "Q1yY8lhMF1VhgegJgkcXfqaNabDJw=" || s[0].Type != "post-install" {
		t.Fatalf("scripts = %d, first %+v", len(s), s[0])
	}
	var out bytes.Buffer
	if err := WriteScripts(&out, s); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), scripts) {
		t.Errorf("scripts.tar not written back byte for byte (%d bytes, want %d)", out.Len(), len(scripts))
	}
	out.Reset()
	WriteScripts(&out, nil)
	if out.Len() != 1024 || strings.Trim(out.String(), "\x00") != "" {
		t.Errorf("empty scripts.tar is %d bytes, want 1024 zero bytes", out.Len())
	}

	trig := apktest.Read(t, dbDir+"lib/apk/db/triggers")
	tr := ParseTriggers(trig)
	out.Reset()
	WriteTriggers(&out, tr)
	if !bytes.Equal(out.Bytes(), trig) || len(tr) != 1 || len(tr[0].Globs) != 5 {
		t.Errorf("triggers: %q, want %q", out.String(), trig)
	}

	world := apktest.Read(t, dbDir+"etc/apk/world")
	w := ParseWorld(world)
	out.Reset()
	WriteWorld(&out, w)
	if !bytes.Equal(out.Bytes(), world) || len(w) != 5 {
		t.Errorf("world: %q, want %q", out.String(), world)
	}
}

func TestWorldOrder(t *testing.T) {
	var out bytes.Buffer
	WriteWorld(&out, []string{"zlib", "Abc", "hello@v2", "abc", "!conflict", "b>1.0"})
	want := "Abc\nabc\nb>1.0\n!conflict\nhello@v2\nzlib\n"
	if got := out.String(); got != want {
		t.Errorf("world = %q, want %q", got, want)
	}
}

func TestFormatErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"P:x\nR:file\n", "FDB format error (line 2, entry 'R')"},
		{"P:x\nM:0:0:755\n", "FDB format error (line 2, entry 'M')"},
		{"P:x\nF:etc\nZ:Q1abc\n", "FDB format error (line 3, entry 'Z')"},
		{"P:x\nF:etc\na:0:0:600\n", "FDB format error (line 3, entry 'a')"},
		{"P:x\nY:what\n", "This apk-tools is too old to handle installed packages"},
		{"P:x\nnocolon\n", "database file format error"},
	} {
		_, err := Parse(strings.NewReader(tc.in), false)
		if err == nil || err.Error() != tc.want {
			t.Errorf("Parse(%q) = %v, want %q", tc.in, err, tc.want)
		}
	}
	if _, err := Parse(strings.NewReader("P:x\nY:what\n"), true); err != nil {
		t.Errorf("with force: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("C:Q1yY8lhMF1VhgegJgkcXfqaNabDJw=\nP:busybox\nV:1\nF:bin\nR:x\na:0:0:755\nZ:Q1abc\n\n"))
	f.Add([]byte("P:a\nM:1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		db, err := Parse(bytes.NewReader(data), true)
		if err != nil {
			return
		}
		var out bytes.Buffer
		db.Write(&out)
		db2, err := Parse(bytes.NewReader(out.Bytes()), true)
		if err != nil {
			t.Fatalf("re-reading what Write wrote: %v", err)
		}
		if len(db2.Packages) > len(db.Packages) {
			t.Fatalf("%d packages became %d", len(db.Packages), len(db2.Packages))
		}
	})
}
