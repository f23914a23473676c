package tar

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"gobox/internal/applettest"
	"gobox/internal/gzipio"
	"gobox/internal/tarfmt"
)

// hostileCase is one archive of the hostile corpus: what tar x says,
// and what it leaves in the target.
type hostileCase struct {
	name    string
	archive func(t *testing.T, outside string) []byte
	code    int
	stderr  string // a line the diagnostics must contain
	target  string // the target's entries afterwards
}

// TestHostileArchives runs the hostile corpus through tar x: every case
// is refused or neutralised, and nothing outside the target changes.
func TestHostileArchives(t *testing.T) {
	sym := func(name, target string) ent {
		return ent{typ: tarfmt.TypeSymlink, name: name, link: target, mode: 0o777}
	}
	hard := func(name, target string) ent { return ent{typ: tarfmt.TypeLink, name: name, link: target} }
	cases := []hostileCase{
		{"path traversal", func(t *testing.T, out string) []byte {
			return mkTar(t, reg("../outside/victim", "pwned"), reg("ok", "1"))
		}, 0, "tar: removing leading '../' from member names", "ok outside/ outside/victim"},
		{"deep path traversal", func(t *testing.T, out string) []byte {
			return mkTar(t, reg("a/b/../../../../outside/victim", "pwned"))
		}, 0, "tar: removing leading 'a/b/../../../../' from member names", "outside/ outside/victim"},
		{"absolute path", func(t *testing.T, out string) []byte {
			return mkTar(t, reg(out+"/victim", "pwned"))
		}, 0, "tar: removing leading '/' from member names", "*/outside/victim"},
		{"dot-dot left at the end", func(t *testing.T, out string) []byte {
			return mkTar(t, reg("x/..", "pwned"))
		}, 1, "tar: x/..: member name contains '..'", ""},
		{"symlink escape", func(t *testing.T, out string) []byte {
			return mkTar(t, sym("link", out), reg("link/victim", "pwned"))
		}, 1, "tar: can't create symlink 'link' to '", "link/ link/victim"},
		{"relative symlink escape", func(t *testing.T, out string) []byte {
			return mkTar(t, sym("link", "../outside"), reg("link/victim", "pwned"))
		}, 1, "tar: can't create symlink 'link' to '../outside'", "link/ link/victim"},
		{"symlink then file of its name", func(t *testing.T, out string) []byte {
			return mkTar(t, sym("victim", out+"/victim"), reg("victim", "pwned"))
		}, 1, "can't create symlink 'victim'", "victim"},
		{"chained symlinks", func(t *testing.T, out string) []byte {
			return mkTar(t, mkdir("d"), sym("a", "d"), sym("d/b", "../.."), reg("a/b/outside/victim", "pwned"))
		}, 1, "tar: a/b/outside/victim: path goes through a symlink from the archive", "a d/ d/b"},
		{"hard link escape", func(t *testing.T, out string) []byte {
			return mkTar(t, hard("h", "../outside/victim"), reg("then", "x"))
		}, 1, "tar: can't create hardlink 'h' to 'outside/victim'", "then"},
		{"hard link to an absolute name", func(t *testing.T, out string) []byte {
			return mkTar(t, hard("h", out+"/victim"))
		}, 1, "can't create hardlink 'h' to '", ""},
		{"hard link through a symlink", func(t *testing.T, out string) []byte {
			return mkTar(t, sym("s", "."), hard("h", "s/x"))
		}, 1, "tar: h: path goes through a symlink from the archive", "s"},
		{"device node", func(t *testing.T, out string) []byte {
			return mkTar(t, ent{typ: tarfmt.TypeBlock, name: "disk", mode: 0o666})
		}, 0, "", "disk"},
		{"truncated header", func(t *testing.T, out string) []byte {
			return mkTar(t, reg("f", "data"), reg("g", "data"))[:1124]
		}, 1, "tar: invalid tar magic", "f"},
		{"truncated data", func(t *testing.T, out string) []byte {
			return mkTar(t, reg("f", strings.Repeat("x", 2000)))[:1000]
		}, 1, "tar: short read", "f"},
		{"corrupted header", func(t *testing.T, out string) []byte {
			a := mkTar(t, reg("f", "data"), reg("g", "data"))
			a[1024+10] ^= 0x55
			return a
		}, 1, "tar: invalid tar header checksum", "f"},
		{"negative size", func(t *testing.T, out string) []byte {
			a := mkTar(t, reg("f", ""))
			copy(a[124:136], "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xf0")
			fixChecksum(a[:512])
			return a
		}, 1, "tar: corrupted octal value in tar header", ""},
		{"huge size", func(t *testing.T, out string) []byte {
			a := mkTar(t, reg("f", "12345678"))
			copy(a[124:136], "\x80\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00")
			fixChecksum(a[:512])
			return a
		}, 1, "tar: short read", "f"},
		{"huge long name", func(t *testing.T, out string) []byte {
			a := mkTar(t, reg("f", ""))
			l := mkTar(t, ent{typ: tarfmt.TypeGNULongName, name: "././@LongLink", data: "x"})[:512]
			putSize(l, 1<<40)
			return append(l, a...)
		}, 1, "tar: bad archive", ""},
		{"corrupted gzip", func(t *testing.T, out string) []byte {
			var buf bytes.Buffer
			zw, _ := gzipio.NewWriter(&buf, gzipio.Header{})
			zw.Write(mkTar(t, reg("f", strings.Repeat("x", 10000))))
			zw.Close()
			b := buf.Bytes()
			b[len(b)-6] ^= 1 // the CRC
			return b
		}, 1, "tar: crc error", "f"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			target := filepath.Join(root, "target")
			outside := filepath.Join(root, "outside")
			os.Mkdir(target, 0o755)
			os.Mkdir(outside, 0o755)
			os.WriteFile(filepath.Join(outside, "victim"), []byte("safe\n"), 0o644)
			write(t, root, "a.tar", c.archive(t, outside))
			r := tarRun(t, root, "", "-xf", "a.tar", "-C", "target")
			if r.Code != c.code || !strings.Contains(r.Stderr, c.stderr) {
				t.Errorf("status %d, stderr %q; want %d, %q", r.Code, r.Stderr, c.code, c.stderr)
			}
			if got := listTree(target); got != c.target && !(strings.HasPrefix(c.target, "*") && strings.HasSuffix(got, c.target[1:])) {
				t.Errorf("target: %q, want %q", got, c.target)
			}
			if b, _ := os.ReadFile(filepath.Join(outside, "victim")); string(b) != "safe\n" {
				t.Errorf("the victim holds %q", b)
			}
			if got := listTree(root); !strings.HasPrefix(got, "a.tar outside/ outside/victim target/") {
				t.Errorf("outside the target: %q", got)
			}
		})
	}
}

func fixChecksum(b []byte) {
	copy(b[148:156], "        ")
	var sum int
	for _, c := range b[:512] {
		sum += int(c)
	}
	s := []byte("000000\x00 ")
	for i := 5; i >= 0; i-- {
		s[i] = byte('0' + sum&7)
		sum >>= 3
	}
	copy(b[148:156], s)
}

func putSize(b []byte, n int64) {
	for i := 135; i >= 125; i-- {
		b[i] = byte(n)
		n >>= 8
	}
	b[124] = 0x80
	fixChecksum(b)
}

// listTree lists the names under dir, directories with a slash.
func listTree(dir string) string {
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if fi.IsDir() {
			rel += "/"
		}
		out = append(out, rel)
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestGzipBomb: a tar.gz that inflates a thousandfold streams through
// tar x -O and tar t in bounded memory.
func TestGzipBomb(t *testing.T) {
	const size = 512 << 20
	var buf bytes.Buffer
	zw, _ := gzipio.NewWriter(&buf, gzipio.Header{Level: 9})
	tw := tarfmt.NewWriter(zw)
	tw.WriteHeader(&tarfmt.Header{Type: tarfmt.TypeReg, Name: "zeros", Size: size, Mode: 0o644})
	tw.FillZeros()
	tw.Close()
	zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("bomb of %d bytes", buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	count := &applettest.Counter{}
	r := applettest.Cmd{Args: []string{"-xOf", "-"}, Stdin: buf.String(), Stdout: count}.Run(t, &Applet)
	runtime.ReadMemStats(&after)
	if r.Code != 0 || count.N != size {
		t.Fatalf("status %d, %d bytes out, stderr %q", r.Code, count.N, r.Stderr)
	}
	if grew := after.HeapInuse - min(before.HeapInuse, after.HeapInuse); grew > 16<<20 {
		t.Errorf("the heap grew by %d bytes", grew)
	}
	r = applettest.Cmd{Args: []string{"-tvf", "-"}, Stdin: buf.String()}.Run(t, &Applet)
	if r.Code != 0 || !strings.Contains(r.Stdout, " 536870912 ") {
		t.Errorf("listing: %+v", r)
	}
	_ = io.Discard
}
