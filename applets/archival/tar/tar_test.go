package tar

import (
	"bytes"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gobox/internal/applettest"
	"gobox/internal/gzipio"
	"gobox/internal/tarfmt"
)

var fixed = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

// ent is an entry of a test archive.
type ent struct {
	typ        byte
	name, data string
	link       string
	mode       int64
}

// mkTar builds an archive of ents, owned by root, at the fixed time.
func mkTar(t *testing.T, ents ...ent) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tarfmt.NewWriter(&buf)
	for _, e := range ents {
		h := &tarfmt.Header{Type: e.typ, Name: e.name, Linkname: e.link, Mode: e.mode, Size: int64(len(e.data)),
			Uname: "root", Gname: "root", ModTime: fixed}
		if h.Mode == 0 {
			h.Mode = 0o644
			if e.typ == tarfmt.TypeDir {
				h.Mode = 0o755
			}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		io.WriteString(tw, e.data)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func reg(name, data string) ent { return ent{typ: tarfmt.TypeReg, name: name, data: data} }
func mkdir(name string) ent     { return ent{typ: tarfmt.TypeDir, name: name} }

// sample is a small archive of each kind of entry.
func sample(t *testing.T) []byte {
	return mkTar(t,
		reg("f", "hello\n"),
		mkdir("d"),
		ent{typ: tarfmt.TypeReg, name: "d/a", data: "a\n", mode: 0o640},
		ent{typ: tarfmt.TypeSymlink, name: "l", link: "f", mode: 0o777},
		ent{typ: tarfmt.TypeLink, name: "h", link: "f"},
		ent{typ: tarfmt.TypeFifo, name: "p"},
	)
}

const sampleList = `-rw-r--r-- root/root         6 2021-02-03 04:05:06 f
drwxr-xr-x root/root         0 2021-02-03 04:05:06 d/
-rw-r----- root/root         2 2021-02-03 04:05:06 d/a
lrwxrwxrwx root/root         0 2021-02-03 04:05:06 l -> f
-rw-r--r-- root/root         0 2021-02-03 04:05:06 h -> f
prw-r--r-- root/root         0 2021-02-03 04:05:06 p
`

// tree lists dir: "name mode size mtime [-> link]", sorted, with "now"
// for recent times.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		s := rel + " " + fi.Mode().String()
		if fi.Mode().IsRegular() && fi.Size() < 100 {
			b, _ := os.ReadFile(p)
			s += " " + strings.TrimSpace(string(b))
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			l, _ := os.Readlink(p)
			s += " -> " + l
		} else if time.Since(fi.ModTime()) < time.Hour {
			s += " now"
		} else {
			s += " " + fi.ModTime().UTC().Format("2006-01-02T15:04:05")
		}
		out = append(out, s)
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func write(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func tarRun(t *testing.T, dir, stdin string, args ...string) applettest.Result {
	t.Helper()
	return applettest.Cmd{Args: args, Dir: dir, Stdin: stdin}.Run(t, &Applet)
}

// TestList: BusyBox's listings, from a file and from standard input,
// by -t's count and -v's.
func TestList(t *testing.T) {
	dir := t.TempDir()
	a := sample(t)
	write(t, dir, "a.tar", a)
	names := "f\nd/\nd/a\nl\nh\np\n"
	tests := []struct {
		args  []string
		stdin string
		out   string
	}{
		{[]string{"tf", "a.tar"}, "", names},
		{[]string{"-tf", "a.tar"}, "", names},
		{[]string{"-t", "-f", "a.tar"}, "", names},
		{[]string{"t"}, string(a), names},
		{[]string{"tvf", "a.tar"}, "", sampleList},
		{[]string{"ft", "a.tar"}, "", names}, // old style: 'f' takes the next argument
		{[]string{"tvvf", "-"}, string(a), sampleList},
		{[]string{"--list", "--file=a.tar", "d"}, "", "d/\nd/a\n"},
		{[]string{"tf", "a.tar", "d/"}, "", "d/\nd/a\n"},
		{[]string{"tf", "a.tar", "?"}, "", "f\nd/\nd/a\nl\nh\np\n"},
		{[]string{"tf", "a.tar", "--exclude", "d"}, "", "f\nl\nh\np\n"},
		{[]string{"tf", "a.tar", "--exclude=a"}, "", "f\nd/\nl\nh\np\n"},
		{[]string{"tf", "a.tar", "--exclude=/d"}, "", "f\nd/\nd/a\nl\nh\np\n"},
	}
	for _, tt := range tests {
		r := tarRun(t, dir, tt.stdin, tt.args...)
		if r.Stdout != tt.out || r.Stderr != "" || r.Code != 0 {
			t.Errorf("tar %q: %q, stderr %q, status %d; want %q", tt.args, r.Stdout, r.Stderr, r.Code, tt.out)
		}
	}
}

// TestErrors: BusyBox's messages and statuses.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", sample(t))
	write(t, dir, "text", []byte("not a tar file\n"))
	write(t, dir, "garbage.tar", bytes.Repeat([]byte("garbage!"), 256))
	bad := sample(t)
	bad[0] = 'g' // the first header's checksum no longer matches
	write(t, dir, "bad.tar", bad)
	cut := sample(t)[:512+3]
	write(t, dir, "cut.tar", cut)
	tests := []struct {
		args   []string
		stdin  string
		out    string
		stderr string
		code   int
	}{
		{[]string{"tf", "a.tar", "nosuch"}, "", "", "tar: nosuch: not found in archive\n", 1},
		{[]string{"tf", "nosuch.tar"}, "", "", "tar: can't open 'nosuch.tar': No such file or directory\n", 1},
		{[]string{"tf", "-"}, "", "", "tar: short read\n", 1},
		{[]string{"tzf", "-"}, "", "", "tar: invalid magic\ntar: short read\n", 1},
		{[]string{"tzf", "a.tar"}, "", "", "tar: invalid magic\ntar: short read\n", 1},
		{[]string{"tf", "text"}, "", "", "tar: invalid tar magic\n", 1},
		{[]string{"tf", "garbage.tar"}, "", "", "tar: invalid tar magic\n", 1},
		{[]string{"tf", "bad.tar"}, "", "", "tar: invalid tar header checksum\n", 1},
		{[]string{"xf", "cut.tar"}, "", "", "tar: short read\n", 1},
		{[]string{"xf", "a.tar", "-C", "nosuch"}, "", "", "tar: can't change directory to 'nosuch': No such file or directory\n", 1},
		{[]string{"cf", "new.tar"}, "", "", "tar: empty archive\n", 1},
		{[]string{"cf", "new.tar", "nosuch"}, "", "", "tar: nosuch: No such file or directory\ntar: error exit delayed from previous errors\n", 1},
		{[]string{"tjf", "a.tar"}, "", "", "tar: invalid magic\ntar: short read\n", 1},
		{[]string{"tJf", "a.tar"}, "", "", "tar: invalid magic\ntar: short read\n", 1},
		{[]string{"cZf", "new.tar", "a.tar"}, "", "", "tar: compress (de)compression is not supported yet\n", 1},
		{[]string{"tf", "a.tar", "--strip-components=x"}, "", "", "tar: invalid number 'x'\n", 1},
		{[]string{"cf", "n.tar", "--format=zip", "a.tar"}, "", "", "tar: invalid archive format 'zip'\n", 1},
		{[]string{"--version"}, "", "tar (gobox) dev\n", "", 0},
	}
	for _, tt := range tests {
		r := tarRun(t, dir, tt.stdin, tt.args...)
		if r.Stdout != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
			t.Errorf("tar %q: %q, stderr %q, status %d; want %q, %q, %d", tt.args, r.Stdout, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
		}
	}
	// Usage errors: no operation, or two.
	for _, args := range [][]string{nil, {"v"}, {"tx"}, {"-c", "-x", "f"}, {"-r", "-t"}} {
		r := tarRun(t, dir, "", args...)
		if r.Code != 1 || !strings.Contains(r.Stderr, "Usage: tar c|x|t") {
			t.Errorf("tar %q: status %d, stderr %q", args, r.Code, r.Stderr)
		}
	}
}

// TestExtract: what lands on disk, with BusyBox's verbose output, and
// directories that keep their archived mode and time.
func TestExtract(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", sample(t))
	r := tarRun(t, dir, "", "xvf", "a.tar")
	r.Expect(t, "f\nd/\nd/a\nl\nh\np\n", 0)
	want := `a.tar -rw-r--r-- now
d drwxr-xr-x 2021-02-03T04:05:06
d/a -rw-r----- a 2021-02-03T04:05:06
f -rw-r--r-- hello 2021-02-03T04:05:06
h -rw-r--r-- hello 2021-02-03T04:05:06
l Lrwxrwxrwx -> f
p prw-r--r-- 2021-02-03T04:05:06`
	if got := tree(t, dir); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
	// Again: old files are replaced; -k keeps them and fails.
	tarRun(t, dir, "", "xf", "a.tar").Expect(t, "", 0)
	r = tarRun(t, dir, "", "xkf", "a.tar")
	if r.Code != 1 || r.Stderr != "tar: can't open 'f': File exists\n" {
		t.Errorf("-k: %d %q", r.Code, r.Stderr)
	}
	// -xvv lists as -tv does; -m leaves times alone.
	out := t.TempDir()
	r = tarRun(t, dir, "", "-xvvmf", "a.tar", "-C", out, "f", "d")
	r.Expect(t, "-rw-r--r-- root/root         6 2021-02-03 04:05:06 f\ndrwxr-xr-x root/root         0 2021-02-03 04:05:06 d/\n-rw-r----- root/root         2 2021-02-03 04:05:06 d/a\n", 0)
	if got := tree(t, out); got != "d drwxr-xr-x now\nd/a -rw-r----- a now\nf -rw-r--r-- hello now" {
		t.Errorf("-m: %s", got)
	}
}

// TestToStdout: -O writes regular files' data; with -v the names come
// first, on standard output too.
func TestToStdout(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", sample(t))
	tarRun(t, dir, "", "xOf", "a.tar").Expect(t, "hello\na\n", 0)
	tarRun(t, dir, "", "xvOf", "a.tar", "f", "h").Expect(t, "f\nhello\nh\n", 0)
	if _, err := os.Stat(filepath.Join(dir, "f")); err == nil {
		t.Error("-O extracted a file")
	}
}

// TestStripComponents: names and hard link targets lose leading
// components; entries with nothing left are skipped.
func TestStripComponents(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", mkTar(t, mkdir("top"), reg("top/f", "1"), mkdir("top/sub"), reg("top/sub/g", "2"),
		ent{typ: tarfmt.TypeLink, name: "top/sub/h", link: "top/f"}, reg("lone", "3")))
	out := t.TempDir()
	tarRun(t, dir, "", "xf", "a.tar", "-C", out, "--strip-components=1").Expect(t, "", 0)
	want := "f -rw-r--r-- 1 2021-02-03T04:05:06\nsub drwxr-xr-x 2021-02-03T04:05:06\nsub/g -rw-r--r-- 2 2021-02-03T04:05:06\nsub/h -rw-r--r-- 1 2021-02-03T04:05:06"
	if got := tree(t, out); got != want {
		t.Errorf("tree:\n%s\nwant:\n%s", got, want)
	}
}

// TestUnsafeNames: leading "/" and "../" are removed with BusyBox's
// message (said once), on listing and extraction.
func TestUnsafeNames(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", mkTar(t, reg("/abs", "1"), reg("../../up", "2"), reg("a/../../b", "3")))
	r := tarRun(t, dir, "", "tf", "a.tar")
	if r.Stdout != "abs\nup\nb\n" || r.Stderr != "tar: removing leading '/' from member names\n" || r.Code != 0 {
		t.Errorf("%+v", r)
	}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	tarRun(t, dir, "", "xf", "a.tar", "-C", "out")
	if got := tree(t, out); got != "abs -rw-r--r-- 1 2021-02-03T04:05:06\nb -rw-r--r-- 3 2021-02-03T04:05:06\nup -rw-r--r-- 2 2021-02-03T04:05:06" {
		t.Errorf("tree:\n%s", got)
	}
	// A ".." that StripUnsafe leaves ("a/..") is refused.
	write(t, dir, "b.tar", mkTar(t, reg("a/..", "x"), reg("ok", "x")))
	r = tarRun(t, dir, "", "xf", "b.tar", "-C", "out")
	if r.Code != 1 || r.Stderr != "tar: a/..: member name contains '..'\n" {
		t.Errorf("a/..: %+v", r)
	}
}

// TestSymlinkAttacks: BusyBox's attack archives (uncompressed).
func TestSymlinkAttacks(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	os.WriteFile(victim, nil, 0o644)
	write(t, dir, "attack.tar", mkTar(t, ent{typ: tarfmt.TypeSymlink, name: "passwd", link: victim},
		reg("passwd", "root::0:0::/root:/bin/sh\n")))
	for _, args := range [][]string{{"xf"}, {"xkf"}} {
		out := t.TempDir()
		r := tarRun(t, out, "", append(args, filepath.Join(dir, "attack.tar"))...)
		if r.Code != 1 || r.Stderr != "tar: can't create symlink 'passwd' to '"+victim+"'\n" {
			t.Errorf("tar %s: %+v", args[0], r)
		}
		if b, _ := os.ReadFile(victim); len(b) != 0 {
			t.Fatalf("the victim was written: %q", b)
		}
	}
	write(t, dir, "sym.tar", mkTar(t, reg("anything.txt", ""), ent{typ: tarfmt.TypeSymlink, name: "symlink", link: dir},
		reg("symlink/evil", "evil\n")))
	out := t.TempDir()
	r := tarRun(t, out, "", "xvf", filepath.Join(dir, "sym.tar"))
	if r.Stdout != "anything.txt\nsymlink\nsymlink/evil\n" || r.Code != 1 ||
		r.Stderr != "tar: can't create symlink 'symlink' to '"+dir+"'\n" {
		t.Errorf("%+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "evil")); err == nil {
		t.Fatal("evil was written through the symlink")
	}
}

// TestCreate: what tar c writes, read back; names to stdout with -v,
// to stderr when the archive is standard output.
func TestCreate(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "src/f", []byte("hello\n"))
	write(t, dir, "src/sub/g", []byte("g\n"))
	os.Symlink("f", filepath.Join(dir, "src/l"))
	os.Link(filepath.Join(dir, "src/f"), filepath.Join(dir, "src/h"))
	filepath.Walk(filepath.Join(dir, "src"), func(p string, fi os.FileInfo, err error) error {
		os.Chtimes(p, fixed, fixed)
		return nil
	})
	r := tarRun(t, dir, "", "cvf", "a.tar", "--sort=name", "src")
	r.Expect(t, "src/\nsrc/f\nsrc/h\nsrc/l\nsrc/sub/\nsrc/sub/g\n", 0)
	r = tarRun(t, dir, "", "-cvf", "-", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "-C", "src", "sub", "f")
	if r.Stderr != "sub/\nsub/g\nf\n" || r.Code != 0 {
		t.Fatalf("to stdout: %+v", r)
	}
	tr := tarfmt.NewReader(strings.NewReader(r.Stdout))
	var got []string
	for {
		h, err := tr.Next()
		if err != nil {
			break
		}
		data, _ := io.ReadAll(tr)
		got = append(got, string(h.Type)+" "+h.Name+" "+h.Uname+":"+h.Linkname+":"+string(data))
	}
	if want := "5 sub/ :: 0 sub/g ::g\n 0 f ::hello\n"; strings.Join(got, " ") != want {
		t.Errorf("archive: %q, want %q", strings.Join(got, " "), want)
	}
	// The same tree archived twice with --sort=name is the same archive.
	tarRun(t, dir, "", "cf", "b.tar", "--sort=name", "src")
	a, _ := os.ReadFile(filepath.Join(dir, "a.tar"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.tar"))
	if !bytes.Equal(a, b) {
		t.Error("--sort=name archives differ")
	}
	// Listing the result: the hard link and the symlink.
	r = tarRun(t, dir, "", "tvf", "a.tar", "src/h", "src/l")
	if !strings.HasSuffix(r.Stdout, " src/h -> src/f\n") && !strings.Contains(r.Stdout, " src/l -> f\n") {
		t.Errorf("links: %q", r.Stdout)
	}
}

// TestCreateOptions: --mtime, --mode, --owner, --group, --format, -h,
// --no-recursion, --exclude, -T, -P and the archive itself.
func TestCreateOptions(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "d/keep", []byte("k"))
	write(t, dir, "d/skip.o", []byte("s"))
	write(t, dir, "d/sub/x.o", []byte("x"))
	write(t, dir, "list", []byte("d/keep\n\nd/sub\n"))
	os.Symlink("d", filepath.Join(dir, "ld"))
	read := func(args ...string) string {
		t.Helper()
		r := tarRun(t, dir, "", append([]string{"cf", "-"}, args...)...)
		if r.Code != 0 {
			t.Fatalf("tar c %q: %+v", args, r)
		}
		tr := tarfmt.NewReader(strings.NewReader(r.Stdout))
		var out []string
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			out = append(out, h.Name)
		}
		sort.Strings(out)
		return strings.Join(out, " ")
	}
	if got := read("--exclude=*.o", "d"); got != "d/ d/keep d/sub/" {
		t.Errorf("--exclude: %s", got)
	}
	if got := read("--exclude=sub", "d"); got != "d/ d/keep d/skip.o" {
		t.Errorf("--exclude=sub: %s", got)
	}
	if got := read("--no-recursion", "d", "d/keep"); got != "d/ d/keep" {
		t.Errorf("--no-recursion: %s", got)
	}
	if got := read("-T", "list"); got != "d/keep d/sub/ d/sub/x.o" {
		t.Errorf("-T: %s", got)
	}
	if got := read("ld"); got != "ld" {
		t.Errorf("symlink: %s", got)
	}
	if got := read("-h", "ld"); got != "ld/ ld/keep ld/skip.o ld/sub/ ld/sub/x.o" {
		t.Errorf("-h: %s", got)
	}
	r := tarRun(t, dir, "", "cf", "-", "--mtime=@1000000000", "--mode=a+x,g-r", "--owner=someone:42", "--group=7", "--format=pax", "d/keep")
	h, err := tarfmt.NewReader(strings.NewReader(r.Stdout)).Next()
	if err != nil || h.ModTime.Unix() != 1000000000 || h.Mode != 0o715 || h.UID != 42 || h.Uname != "someone" || h.GID != 7 || h.Format != tarfmt.FormatUSTAR {
		t.Errorf("options: %+v, %v", h, err)
	}
	abs := filepath.Join(dir, "d/keep")
	r = tarRun(t, dir, "", "cf", "-", abs)
	h, _ = tarfmt.NewReader(strings.NewReader(r.Stdout)).Next()
	if h.Name != strings.TrimPrefix(abs, "/") || r.Stderr != "tar: removing leading '/' from member names\n" {
		t.Errorf("absolute: %q, %q", h.Name, r.Stderr)
	}
	r = tarRun(t, dir, "", "cPf", "-", abs)
	if h, _ = tarfmt.NewReader(strings.NewReader(r.Stdout)).Next(); h.Name != abs || r.Stderr != "" {
		t.Errorf("-P: %q, %q", h.Name, r.Stderr)
	}
	tarRun(t, dir, "", "cf", "self.tar", ".").Expect(t, "", 0)
	r = tarRun(t, dir, "", "cf", "self.tar", "self.tar", "list")
	if r.Stderr != "tar: self.tar: file is the archive; skipping\n" || r.Code != 0 {
		t.Errorf("self: %+v", r)
	}
	long := strings.Repeat("x", 120)
	write(t, dir, long, []byte("x"))
	r = tarRun(t, dir, "", "cf", "-", "--format=ustar", long, "list")
	if r.Stderr != "tar: "+long+": file name is too long; not dumped\ntar: error exit delayed from previous errors\n" || r.Code != 1 {
		t.Errorf("ustar: %+v", r.Stderr)
	}
	if h, _ := tarfmt.NewReader(strings.NewReader(r.Stdout)).Next(); h == nil || h.Name != "list" {
		t.Errorf("ustar: the archive lost what followed: %v", h)
	}
	ln, err := net.Listen("unix", filepath.Join(dir, "sock"))
	if err == nil {
		defer ln.Close()
		r = tarRun(t, dir, "", "cf", "s.tar", "sock", "list")
		if r.Stderr != "tar: sock: socket ignored\n" || r.Code != 0 {
			t.Errorf("socket: %+v", r)
		}
	}
}

// TestGzip: -z both ways, and compressed input recognised without it,
// from a file and from a pipe.
func TestGzip(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "f", []byte("hello\n"))
	tarRun(t, dir, "", "czf", "a.tgz", "f").Expect(t, "", 0)
	b, _ := os.ReadFile(filepath.Join(dir, "a.tgz"))
	z, err := gzipio.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(z)
	if h, err := tarfmt.NewReader(bytes.NewReader(plain)).Next(); err != nil || h.Name != "f" {
		t.Fatalf("-z wrote %v, %v", h, err)
	}
	tarRun(t, dir, "", "tzf", "a.tgz").Expect(t, "f\n", 0)
	tarRun(t, dir, "", "tf", "a.tgz").Expect(t, "f\n", 0)
	tarRun(t, dir, string(b), "tf", "-").Expect(t, "f\n", 0)
	tarRun(t, dir, "", "caf", "b.tar.gz", "f").Expect(t, "", 0)
	if b, _ := os.ReadFile(filepath.Join(dir, "b.tar.gz")); len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Error("-a did not gzip a .tar.gz")
	}
	// A broken stream: its error, then tar's, and status 1.
	cut := b[:len(b)-4]
	r := tarRun(t, dir, string(cut), "xOf", "-")
	if r.Stdout != "hello\n" || r.Stderr != "tar: corrupted data\n" || r.Code != 1 {
		t.Errorf("cut stream: %+v", r)
	}
}

// TestAppend: -r adds to an archive's end, replacing its end blocks.
func TestAppend(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "one", []byte("1"))
	write(t, dir, "two", []byte("2"))
	tarRun(t, dir, "", "rf", "a.tar", "one").Expect(t, "", 0) // made anew
	tarRun(t, dir, "", "rf", "a.tar", "two").Expect(t, "", 0)
	tarRun(t, dir, "", "tf", "a.tar").Expect(t, "one\ntwo\n", 0)
	b, _ := os.ReadFile(filepath.Join(dir, "a.tar"))
	if len(b) != 4*512+1024 {
		t.Errorf("archive of %d bytes", len(b))
	}
	tarRun(t, dir, "", "czf", "c.tgz", "one")
	r := tarRun(t, dir, "", "rf", "c.tgz", "two")
	if r.Code != 1 || r.Stderr != "tar: can't append to a compressed archive\n" {
		t.Errorf("%+v", r)
	}
}

// TestOverwrite: --overwrite writes into the existing file, so its
// other links see the data (BusyBox's test).
func TestOverwrite(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "input", []byte("Ok\n"))
	os.Link(filepath.Join(dir, "input"), filepath.Join(dir, "input_hard"))
	tarRun(t, dir, "", "cf", "test.tar", "input_hard").Expect(t, "", 0)
	os.WriteFile(filepath.Join(dir, "input"), []byte("WRONG\n"), 0o644)
	tarRun(t, dir, "", "xf", "test.tar", "--overwrite").Expect(t, "", 0)
	if b, _ := os.ReadFile(filepath.Join(dir, "input")); string(b) != "Ok\n" {
		t.Errorf("input: %q", b)
	}
}

// TestExcludeExtract: -X files and --exclude, anchored as GNU tar
// anchors them; -T names.
func TestExcludeExtract(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", mkTar(t, reg("foo", "1"), reg("bar", "2"), mkdir("d"), reg("d/x.o", "3"), reg("d/y", "4")))
	write(t, dir, "ex", []byte("foo\n*.o\n"))
	write(t, dir, "in", []byte("d\n"))
	tarRun(t, dir, "", "tf", "a.tar", "-X", "ex").Expect(t, "bar\nd/\nd/y\n", 0)
	tarRun(t, dir, "", "tf", "a.tar", "-T", "in", "--exclude=y").Expect(t, "d/\nd/x.o\n", 0)
	tarRun(t, dir, "", "tf", "a.tar", "foo", "bar", "-X", "ex").Expect(t, "bar\n", 0)
}

// TestNoDescriptorLeak: run in-process (by the shell), tar leaves no
// descriptor open, whether it succeeds or fails.
func TestNoDescriptorLeak(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.tar", sample(t))
	count := func() int { e, _ := os.ReadDir("/proc/self/fd"); return len(e) }
	before := count()
	for i := 0; i < 20; i++ {
		tarRun(t, dir, "", "xf", "a.tar", "-C", t.TempDir())
		tarRun(t, dir, "", "czf", "b.tgz", "a.tar")
		tarRun(t, dir, "", "tzf", "b.tgz")
		tarRun(t, dir, "", "tf", "a.tar", "nosuch")
		tarRun(t, dir, "", "xf", "b.tgz", "-C", t.TempDir(), "--strip-components=1")
	}
	if after := count(); after > before {
		t.Errorf("open descriptors: %d before, %d after", before, after)
	}
}
