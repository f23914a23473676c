package unzip

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gobox/internal/applettest"
)

var mtime = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

// zent is one member of a test archive.
type zent struct {
	name, data string
	mode       fs.FileMode // 0: a plain file, 0644
	store      bool
}

// makeZip writes an archive with archive/zip (test-only: the applet
// does not link it). Sizes are in the local headers (no data
// descriptors) when stored; deflated members are streamed.
func makeZip(t *testing.T, path string, ents []zent) {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range ents {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
		if e.store {
			h.Method = zip.Store
		}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		f, err := w.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(e.data))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestListAndExtract(t *testing.T) {
	dir := t.TempDir()
	makeZip(t, filepath.Join(dir, "a.zip"), []zent{
		{name: "f", data: "hello\n", store: true},
		{name: "d/", mode: fs.ModeDir | 0o750},
		{name: "d/g", data: strings.Repeat("x", 3000), mode: 0o640},
		{name: "l", data: "f", mode: fs.ModeSymlink | 0o777, store: true},
	})
	date := "02-03-2021 04:05"
	for _, c := range []struct {
		args []string
		out  string
		code int
	}{
		{[]string{"-l", "a.zip"}, "Archive:  a.zip\n" +
			"  Length      Date    Time    Name\n" +
			"---------  ---------- -----   ----\n" +
			"        6  " + date + "   f\n" +
			"        0  " + date + "   d/\n" +
			"     3000  " + date + "   d/g\n" +
			"        1  " + date + "   l\n" +
			" --------                     -------\n" +
			"     3007                     4 files\n", 0},
		{[]string{"-lqq", "a", "d/*"}, "        0  " + date + "   d/\n     3000  " + date + "   d/g\n", 0},
		{[]string{"-lqq", "a.zip", "-x", "d/*", "l"}, "        6  " + date + "   f\n", 0},
		{[]string{"-p", "a.zip", "f"}, "hello\n", 0},
		{[]string{"-t", "a.zip"}, "", 0},
	} {
		r := applettest.Cmd{Args: c.args, Dir: dir}.Run(t, &Applet)
		if r.Stdout != c.out || r.Code != c.code {
			t.Errorf("unzip %q: got %q %d (stderr %q), want %q %d", c.args, r.Stdout, r.Code, r.Stderr, c.out, c.code)
		}
	}
	r := applettest.Cmd{Args: []string{"-vqq", "a.zip", "d/g"}, Dir: dir}.Run(t, &Applet)
	if want := "    3000  Defl:N       "; !strings.HasPrefix(r.Stdout, want) || !strings.Contains(r.Stdout, " 02-03-2021 04:05 ") {
		t.Errorf("-v: %q", r.Stdout)
	}

	out := filepath.Join(dir, "out")
	r = applettest.Cmd{Args: []string{"-d", "out", "a.zip"}, Dir: dir}.Run(t, &Applet)
	want := "Archive:  a.zip\n  inflating: f\n   creating: d/\n  inflating: d/g\n  inflating: l\n"
	if r.Stdout != want || r.Code != 0 || r.Stderr != "" {
		t.Fatalf("extract: %q %q %d", r.Stdout, r.Stderr, r.Code)
	}
	for name, w := range map[string]struct {
		mode fs.FileMode
		data string
	}{"f": {0o644, "hello\n"}, "d": {fs.ModeDir | 0o750, ""}, "d/g": {0o640, strings.Repeat("x", 3000)}, "l": {fs.ModeSymlink | 0o777, "f"}} {
		fi, err := os.Lstat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != w.mode {
			t.Errorf("%s: mode %v, want %v", name, fi.Mode(), w.mode)
		}
		switch {
		case fi.Mode().IsRegular():
			b, _ := os.ReadFile(filepath.Join(out, name))
			if string(b) != w.data {
				t.Errorf("%s: %q", name, b)
			}
			if !fi.ModTime().Equal(mtime) {
				t.Errorf("%s: mtime %v", name, fi.ModTime())
			}
		case fi.Mode()&fs.ModeSymlink != 0:
			if l, _ := os.Readlink(filepath.Join(out, name)); l != w.data {
				t.Errorf("%s -> %q", name, l)
			}
		}
	}
}

func TestPrompt(t *testing.T) {
	dir := t.TempDir()
	makeZip(t, filepath.Join(dir, "a.zip"), []zent{{name: "f", data: "new\n"}, {name: "g", data: "g\n"}})
	for _, c := range []struct {
		stdin, out, stderr string
		code               int
		f, other           string // contents of f and of the renamed file
	}{
		{"n\n", "Archive:  a.zip\nreplace f? [y]es, [n]o, [A]ll, [N]one, [r]ename:   inflating: g\n", "", 0, "old\n", ""},
		{"y\n", "Archive:  a.zip\nreplace f? [y]es, [n]o, [A]ll, [N]one, [r]ename:   inflating: f\n  inflating: g\n", "", 0, "new\n", ""},
		{"r\nh\n", "Archive:  a.zip\nreplace f? [y]es, [n]o, [A]ll, [N]one, [r]ename: new name:   inflating: h\n  inflating: g\n", "", 0, "old\n", "new\n"},
		{"z\nN\n", "Archive:  a.zip\nreplace f? [y]es, [n]o, [A]ll, [N]one, [r]ename: error: invalid response [z]\nreplace f? [y]es, [n]o, [A]ll, [N]one, [r]ename:   inflating: g\n", "", 0, "old\n", ""},
		{"", "Archive:  a.zip\nreplace f? [y]es, [n]o, [A]ll, [N]one, [r]ename: ", "unzip: can't read standard input\n", 1, "old\n", ""},
	} {
		d := filepath.Join(dir, "o")
		os.RemoveAll(d)
		os.Mkdir(d, 0o755)
		os.WriteFile(filepath.Join(d, "f"), []byte("old\n"), 0o600)
		r := applettest.Cmd{Args: []string{"../a.zip"}, Dir: d, Stdin: c.stdin}.Run(t, &Applet)
		if r.Stdout != strings.Replace(c.out, "a.zip", "../a.zip", 1) || r.Stderr != c.stderr || r.Code != c.code {
			t.Errorf("stdin %q: got %q %q %d", c.stdin, r.Stdout, r.Stderr, r.Code)
		}
		if b, _ := os.ReadFile(filepath.Join(d, "f")); string(b) != c.f {
			t.Errorf("stdin %q: f holds %q", c.stdin, b)
		}
		if fi, _ := os.Stat(filepath.Join(d, "f")); fi.Mode() != 0o600 {
			t.Errorf("stdin %q: f's mode became %v; BusyBox rewrites in place", c.stdin, fi.Mode())
		}
		if c.other != "" {
			if b, _ := os.ReadFile(filepath.Join(d, "h")); string(b) != c.other {
				t.Errorf("stdin %q: h holds %q", c.stdin, b)
			}
		}
	}
}

// hostile archives: nothing may be written outside the target, and
// each is refused with a clear message.
func TestHostile(t *testing.T) {
	outsideUntouched := func(t *testing.T, dir string, r applettest.Result) {
		if _, err := os.Lstat(filepath.Join(dir, "victim")); err == nil {
			t.Errorf("wrote outside the target: %q %q", r.Stdout, r.Stderr)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "outside", "x")); string(b) != "" {
			t.Errorf("wrote through a symlink: %q", b)
		}
	}
	for _, c := range []struct {
		name   string
		zip    func(t *testing.T, path string)
		stderr string
		code   int
	}{
		{"slip", func(t *testing.T, p string) {
			makeZip(t, p, []zent{{name: "../victim", data: "x"}, {name: "/abs/../../victim", data: "x"}})
		}, "unzip: removing leading '../' from member names\n", 0},
		{"symlink escape", func(t *testing.T, p string) {
			makeZip(t, p, []zent{{name: "lnk", data: "../outside", mode: fs.ModeSymlink | 0o777, store: true},
				{name: "lnk/x", data: "pwned"}})
		}, "unzip: can't create symlink 'lnk' to '../outside'\n", 1},
		{"relative symlink escape", func(t *testing.T, p string) {
			makeZip(t, p, []zent{{name: "sub/", mode: fs.ModeDir | 0o755}, {name: "a", data: "sub", mode: fs.ModeSymlink | 0o777, store: true},
				{name: "a/x", data: "pwned"}})
		}, "unzip: a/x: path goes through a symlink from the archive\n", 1},
		{"bad crc", func(t *testing.T, p string) {
			b := storedZip("f", "hello\n")
			b[14] ^= 1
			os.WriteFile(p, b, 0o644)
		}, "unzip: crc error\n", 1},
		{"truncated", func(t *testing.T, p string) {
			makeZip(t, p, []zent{{name: "f", data: strings.Repeat("hello", 1000)}})
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:40], 0o644)
		}, "unzip: short read\n", 1},
		{"declared size bomb", func(t *testing.T, p string) {
			os.WriteFile(p, deflatedZip("f", strings.Repeat("\x00", 1<<20), 1000), 0o644)
		}, "unzip: member is larger than its declared size (zip bomb?)\n", 1},
		{"overlap bomb", func(t *testing.T, p string) {
			os.WriteFile(p, overlapZip(), 0o644)
		}, "unzip: bad archive: members overlap (zip bomb?)\n", 1},
		{"encrypted", func(t *testing.T, p string) {
			b := storedZip("f", "hello\n")
			b[6] |= 1
			os.WriteFile(p, b, 0o644)
		}, "unzip: zip flag 1 (encryption) is not supported\n", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "outside"), 0o755)
			os.Mkdir(filepath.Join(dir, "t"), 0o755)
			c.zip(t, filepath.Join(dir, "h.zip"))
			r := applettest.Cmd{Args: []string{"-oq", "-d", "t", "h.zip"}, Dir: dir}.Run(t, &Applet)
			if r.Stderr != c.stderr || r.Code != c.code {
				t.Errorf("got %q %d, want %q %d", r.Stderr, r.Code, c.stderr, c.code)
			}
			outsideUntouched(t, dir, r)
		})
	}
}

// storedZip is a one-member archive with the member stored, with a
// central directory.
func storedZip(name, data string) []byte {
	return rawZip(name, 0, []byte(data), uint32(len(data)), crc32.ChecksumIEEE([]byte(data)))
}

// deflatedZip is a one-member archive whose header declares size
// bytes for data that inflates to all of data.
func deflatedZip(name, data string, size uint32) []byte {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, 9)
	w.Write([]byte(data))
	w.Close()
	return rawZip(name, 8, b.Bytes(), size, crc32.ChecksumIEEE([]byte(data)))
}

func rawZip(name string, method uint16, comp []byte, size, crc uint32) []byte {
	var b bytes.Buffer
	le := binary.LittleEndian
	local := make([]byte, 30)
	le.PutUint32(local, 0x04034b50)
	le.PutUint16(local[4:], 20)
	le.PutUint16(local[8:], method)
	le.PutUint32(local[14:], crc)
	le.PutUint32(local[18:], uint32(len(comp)))
	le.PutUint32(local[22:], size)
	le.PutUint16(local[26:], uint16(len(name)))
	b.Write(local)
	b.WriteString(name)
	b.Write(comp)
	cd := b.Len()
	b.Write(central(name, method, len(comp), size, crc, 0))
	b.Write(end(1, b.Len()-cd, cd))
	return b.Bytes()
}

func central(name string, method uint16, csize int, size, crc uint32, off int) []byte {
	le := binary.LittleEndian
	c := make([]byte, 46)
	le.PutUint32(c, 0x02014b50)
	le.PutUint16(c[4:], 0x031e)
	le.PutUint16(c[10:], method)
	le.PutUint32(c[16:], crc)
	le.PutUint32(c[20:], uint32(csize))
	le.PutUint32(c[24:], size)
	le.PutUint16(c[28:], uint16(len(name)))
	le.PutUint32(c[38:], 0o100644<<16)
	le.PutUint32(c[42:], uint32(off))
	return append(c, name...)
}

func end(n, size, off int) []byte {
	le := binary.LittleEndian
	e := make([]byte, 22)
	le.PutUint32(e, 0x06054b50)
	le.PutUint16(e[8:], uint16(n))
	le.PutUint16(e[10:], uint16(n))
	le.PutUint32(e[12:], uint32(size))
	le.PutUint32(e[16:], uint32(off))
	return e
}

// overlapZip points two central entries, of different names, at the
// same local header: the bomb that multiplies one compressed stream.
func overlapZip() []byte {
	b := storedZip("f", "hello\n")
	le := binary.LittleEndian
	cd := int(le.Uint32(b[len(b)-6:]))
	body := append([]byte{}, b[:cd]...)
	crc := crc32.ChecksumIEEE([]byte("hello\n"))
	dir := append(central("f", 0, 6, 6, crc, 0), central("g", 0, 6, 6, crc, 0)...)
	body = append(body, dir...)
	return append(body, end(2, len(dir), cd)...)
}

// TestZip64 extracts an archive of more than 65535 members, which
// needs the zip64 end record.
func TestZip64(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	const n = 70000
	for i := 0; i < n; i++ {
		h := &zip.FileHeader{Name: fmt.Sprintf("d%d/f%d", i%100, i), Method: zip.Store, Modified: mtime}
		f, _ := w.CreateHeader(h)
		f.Write([]byte("x"))
	}
	w.Close()
	os.WriteFile(filepath.Join(dir, "z.zip"), buf.Bytes(), 0o644)
	r := applettest.Cmd{Args: []string{"-lq", "z.zip"}, Dir: dir}.Run(t, &Applet)
	if !strings.HasSuffix(r.Stdout, fmt.Sprintf("%9d%21s%d files\n", n, "", n)) || r.Code != 0 {
		t.Fatalf("listing ends %q (%d, %q)", r.Stdout[max(0, len(r.Stdout)-100):], r.Code, r.Stderr)
	}
	last := fmt.Sprintf("d99/f%d", n-1)
	r = applettest.Cmd{Args: []string{"-q", "-d", "o", "z.zip", last}, Dir: dir}.Run(t, &Applet)
	if r.Code != 0 || r.Stderr != "" {
		t.Fatalf("extract: %d %q", r.Code, r.Stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "o", last)); string(b) != "x" {
		t.Fatalf("last member: %q %v", b, err)
	}
}

// TestInfoZIP extracts what Debian's zip makes: modes, times, symlinks,
// zip64 headers (-fz), data descriptors (from a pipe), encryption.
func TestInfoZIP(t *testing.T) {
	if _, err := exec.LookPath("zip"); err != nil {
		t.Skip("no zip (Debian's zip; scripts/ci-deps.sh installs it)")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.MkdirAll(filepath.Join(src, "d", "e"), 0o755)
	os.WriteFile(filepath.Join(src, "f"), []byte("hello\n"), 0o600)
	os.WriteFile(filepath.Join(src, "d", "x"), bytes.Repeat([]byte("abc\n"), 10000), 0o755)
	os.Symlink("d/x", filepath.Join(src, "l"))
	os.Chmod(filepath.Join(src, "d", "e"), 0o700)
	times := []string{"f", "d/x", "d/e", "d"}
	for _, n := range times {
		os.Chtimes(filepath.Join(src, n), mtime, mtime)
	}
	run := func(name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Dir = src
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %q: %v\n%s", name, args, err, out)
		}
	}
	// -fz: zip64 headers and end record on every member.
	run("zip", "-qry", "-fz", "../a.zip", ".")
	r := applettest.Cmd{Args: []string{"-q", "-d", "out", "a.zip"}, Dir: dir}.Run(t, &Applet)
	if r.Code != 0 || r.Stderr != "" {
		t.Fatalf("unzip: %d %q", r.Code, r.Stderr)
	}
	out := filepath.Join(dir, "out")
	for _, n := range append(times, "l") {
		a, _ := os.Lstat(filepath.Join(src, n))
		b, err := os.Lstat(filepath.Join(out, n))
		if err != nil {
			t.Fatal(err)
		}
		if a.Mode() != b.Mode() || a.Size() != b.Size() {
			t.Errorf("%s: %v %d, want %v %d", n, b.Mode(), b.Size(), a.Mode(), a.Size())
		}
		if a.Mode().IsRegular() || a.IsDir() {
			if !b.ModTime().Equal(mtime) {
				t.Errorf("%s: mtime %v", n, b.ModTime())
			}
		}
	}
	if l, _ := os.Readlink(filepath.Join(out, "l")); l != "d/x" {
		t.Errorf("l -> %q", l)
	}
	// From a pipe, zip writes data descriptors (flag 8): the central
	// directory gives the sizes.
	cmd := exec.Command("sh", "-c", "zip -q - f d/x | cat > ../dd.zip")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	r = applettest.Cmd{Args: []string{"-p", "dd.zip", "d/x"}, Dir: dir}.Run(t, &Applet)
	if r.Stdout != strings.Repeat("abc\n", 10000) || r.Code != 0 {
		t.Errorf("dd.zip: %d %q", r.Code, r.Stderr)
	}
	// Encrypted members are refused in BusyBox's words.
	run("zip", "-qP", "secret", "../enc.zip", "f")
	r = applettest.Cmd{Args: []string{"-d", "enc", "enc.zip"}, Dir: dir}.Run(t, &Applet)
	if r.Stderr != "unzip: zip flag 1 (encryption) is not supported\n" || r.Code != 1 {
		t.Errorf("enc.zip: %d %q", r.Code, r.Stderr)
	}
}
