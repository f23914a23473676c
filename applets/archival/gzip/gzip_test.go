package gzip

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gobox/internal/applet"
	"gobox/internal/applettest"
	"gobox/internal/gzipio"
)

// hello is BusyBox's test stream: "HELLO\n" compressed by gzip, with a
// time stamp.
const hello = "\x1f\x8b\x08\x00\x85\x1d\xef\x45\x02\x03\xf3\x70\xf5\xf1\xf1\xe7\x02\x00\x6e\xd7\xac\xfd\x06\x00\x00\x00"

var fixed = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

func write(t *testing.T, dir, name, data string, mode os.FileMode) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, mode)
	os.Chtimes(p, fixed, fixed)
}

func files(t *testing.T, dir string) string {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func gz(t *testing.T, data string) string {
	var buf bytes.Buffer
	zw, _ := gzipio.NewWriter(&buf, gzipio.Header{})
	io.WriteString(zw, data)
	zw.Close()
	return buf.String()
}

func runIn(t *testing.T, a *applet.Applet, dir, stdin string, args ...string) applettest.Result {
	t.Helper()
	return applettest.Cmd{Args: args, Dir: dir, Stdin: stdin}.Run(t, a)
}

// TestBusyBoxCases are BusyBox's gunzip tests.
func TestBusyBoxCases(t *testing.T) {
	dir := t.TempDir()
	prep := func() {
		for _, f := range []string{"t1", "t2", "t1.gz", "t2.gz", "t.zz"} {
			os.Remove(filepath.Join(dir, f))
		}
		write(t, dir, "t1.gz", hello, 0o644)
		write(t, dir, "t2.gz", hello, 0o644)
	}
	prep()
	r := runIn(t, &Gunzip, dir, "", "z", "t1.gz")
	if r.Stderr != "gunzip: z: No such file or directory\n" || r.Code != 1 {
		t.Errorf("missing: %+v", r)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "t1")); string(b) != "HELLO\n" {
		t.Errorf("t1 = %q", b)
	}
	prep()
	write(t, dir, "t.zz", "", 0o644)
	r = runIn(t, &Gunzip, dir, "", "t.zz", "t1.gz")
	if r.Stderr != "gunzip: t.zz: unknown suffix - ignored\n" || r.Code != 1 {
		t.Errorf("unknown suffix: %+v", r)
	}
	prep()
	write(t, dir, "t1", "", 0o644)
	r = runIn(t, &Gunzip, dir, "", "t1.gz", "t2.gz")
	if r.Stderr != "gunzip: can't open 't1': File exists\n" || r.Code != 1 {
		t.Errorf("exists: %+v", r)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "t2")); string(b) != "HELLO\n" {
		t.Errorf("t2 = %q", b)
	}
	runIn(t, &Gunzip, dir, hello).Expect(t, "HELLO\n", 0)
	prep()
	runIn(t, &Gunzip, dir, "", "t2.gz").Expect(t, "", 0)
	if _, err := os.Stat(filepath.Join(dir, "t2.gz")); err == nil {
		t.Error("t2.gz is still there")
	}
}

// TestCompressFile: the output keeps the input's mode and times, the
// input goes only once the output is complete, and no temporary file is
// left.
func TestCompressFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a", "hello\n", 0o640)
	runIn(t, &Applet, dir, "", "a").Expect(t, "", 0)
	if got := files(t, dir); got != "a.gz" {
		t.Fatalf("files: %s", got)
	}
	fi, _ := os.Stat(filepath.Join(dir, "a.gz"))
	if fi.Mode().Perm() != 0o640 || !fi.ModTime().Equal(fixed) {
		t.Errorf("a.gz: %v %v", fi.Mode(), fi.ModTime())
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.gz"))
	if b[3] != 0 || !bytes.Equal(b[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("the header stores a name or a time: %x", b[:10])
	}
	runIn(t, &Gunzip, dir, "", "a.gz").Expect(t, "", 0)
	fi, _ = os.Stat(filepath.Join(dir, "a"))
	if got, _ := os.ReadFile(filepath.Join(dir, "a")); string(got) != "hello\n" || fi.Mode().Perm() != 0o640 || !fi.ModTime().Equal(fixed) {
		t.Errorf("a: %q %v %v", got, fi.Mode(), fi.ModTime())
	}
	// -k keeps the input; -N stores name and time; gunzip -N uses them.
	runIn(t, &Applet, dir, "", "-kN", "a").Expect(t, "", 0)
	if got := files(t, dir); got != "a a.gz" {
		t.Fatalf("-k: %s", got)
	}
	os.Rename(filepath.Join(dir, "a.gz"), filepath.Join(dir, "renamed.gz"))
	os.Remove(filepath.Join(dir, "a"))
	runIn(t, &Gunzip, dir, "", "-N", "renamed.gz").Expect(t, "", 0)
	if got := files(t, dir); got != "a" {
		t.Fatalf("-N: %s", got)
	}
}

// TestFailureKeepsInput: broken input leaves the input in place and no
// output behind.
func TestFailureKeepsInput(t *testing.T) {
	dir := t.TempDir()
	good := gz(t, strings.Repeat("data ", 1000))
	write(t, dir, "crc.gz", good[:len(good)-8]+"\x00\x00\x00\x00"+good[len(good)-4:], 0o644)
	write(t, dir, "cut.gz", good[:len(good)/2], 0o644)
	write(t, dir, "junk.gz", "junk", 0o644)
	tests := []struct{ file, err string }{
		{"crc.gz", "gunzip: crc error\n"},
		{"cut.gz", "gunzip: unexpected end of file\n"},
		{"junk.gz", "gunzip: invalid magic\n"},
	}
	for _, tt := range tests {
		r := runIn(t, &Gunzip, dir, "", tt.file)
		if r.Stderr != tt.err || r.Code != 1 {
			t.Errorf("%s: %+v", tt.file, r)
		}
	}
	if got := files(t, dir); got != "crc.gz cut.gz junk.gz" {
		t.Errorf("files: %s", got)
	}
}

// TestStreams: standard input and output, -c, -d, -t, zcat, and the
// trailing-garbage rule.
func TestStreams(t *testing.T) {
	dir := t.TempDir()
	a, b := gz(t, "first\n"), gz(t, "second\n")
	write(t, dir, "ab.gz", a+b, 0o644)
	write(t, dir, "garbage.gz", a+"junk", 0o644)
	write(t, dir, "zeros.gz", a+strings.Repeat("\x00", 100), 0o644)
	write(t, dir, "plain", "plain text\n", 0o644)
	tests := []struct {
		a      *applet.Applet
		args   []string
		stdin  string
		out    string
		stderr string
		code   int
	}{
		{&Applet, []string{"-d"}, a + b, "first\nsecond\n", "", 0},
		{&Applet, []string{"-dc", "ab.gz"}, "", "first\nsecond\n", "", 0},
		{&Gunzip, []string{"-c", "garbage.gz"}, "", "first\n", "gunzip: garbage.gz: decompression OK, trailing garbage ignored\n", 2},
		{&Gunzip, []string{"-cq", "garbage.gz"}, "", "first\n", "", 2},
		{&Gunzip, []string{"-c", "zeros.gz"}, "", "first\n", "", 0},
		{&Gunzip, []string{"-c"}, a + "junk", "first\n", "gunzip: stdin: decompression OK, trailing garbage ignored\n", 2},
		{&Zcat, []string{"ab.gz", "zeros.gz"}, "", "first\nsecond\nfirst\n", "", 0},
		{&Zcat, []string{"plain"}, "", "", "zcat: no gzip/bzip2/xz magic\n", 1},
		{&Zcat, []string{"-f", "plain", "ab.gz"}, "", "plain text\nfirst\nsecond\n", "", 0},
		// Seamless formats (Alpine's FEATURE_SEAMLESS_*): zcat reads
		// bzip2, xz and compress's .Z; gunzip only .Z. BusyBox's zcat
		// says "bunzip error -3" for a cut bzip2 stream but exits 0.
		{&Zcat, nil, "BZh91AY", "", "zcat: bunzip error -3\n", 1},
		{&Zcat, nil, helloBz2, "hello\n", "", 0},
		{&Zcat, nil, helloZ, "hello\n", "", 0},
		{&Gunzip, []string{"-c"}, helloZ, "hello\n", "", 0},
		{&Gunzip, []string{"-c"}, helloBz2, "", "gunzip: invalid magic\n", 1},
		{&Zcat, nil, "\x28\xb5\x2f\xfd\x00", "", "zcat: no gzip/bzip2/xz magic\n", 1},
		{&Gunzip, []string{"-t", "ab.gz", "garbage.gz"}, "", "", "gunzip: garbage.gz: decompression OK, trailing garbage ignored\n", 2},
		{&Gunzip, []string{"-tv", "ab.gz"}, "", "", "ab.gz:\t OK\n", 0},
		{&Applet, []string{"-t", "plain"}, "", "", "gzip: invalid magic\n", 1},
		{&Applet, nil, "x", "", "", 0}, // checked below
	}
	for _, tt := range tests {
		r := runIn(t, tt.a, dir, tt.stdin, tt.args...)
		if tt.a == &Applet && tt.args == nil {
			z, err := gzipio.NewReader(strings.NewReader(r.Stdout))
			out, _ := io.ReadAll(z)
			if err != nil || string(out) != "x" || r.Code != 0 {
				t.Errorf("gzip of stdin: %q, %v", out, err)
			}
			continue
		}
		if r.Stdout != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
			t.Errorf("%s %q: %q, %q, %d; want %q, %q, %d", tt.a.Name, tt.args, r.Stdout, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
		}
	}
}

// TestSuffixes: GNU gzip's suffixes, and what gzip leaves alone.
func TestSuffixes(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"x.gz", "y.tgz", "z-gz", "w_z", "v.taz"} {
		write(t, dir, s, hello, 0o644)
	}
	runIn(t, &Gunzip, dir, "", "x.gz", "y.tgz", "z-gz", "w_z", "v.taz").Expect(t, "", 0)
	if got := files(t, dir); got != "v.tar w x y.tar z" {
		t.Errorf("files: %s", got)
	}
	write(t, dir, "a.gz", hello, 0o644)
	r := runIn(t, &Applet, dir, "", "a.gz")
	if r.Stderr != "gzip: a.gz already has .gz suffix -- unchanged\n" || r.Code != 2 {
		t.Errorf("%+v", r)
	}
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	r = runIn(t, &Applet, dir, "", "d")
	if r.Stderr != "gzip: d is a directory -- ignored\n" || r.Code != 2 {
		t.Errorf("%+v", r)
	}
	r = runIn(t, &Applet, dir, "", "nosuch", "d")
	if r.Code != 1 {
		t.Errorf("an error and a warning: status %d", r.Code)
	}
}

// TestList: GNU gzip's -l.
func TestList(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "l1", "hello\n", 0o644)
	runIn(t, &Applet, dir, "", "-kN", "l1").Expect(t, "", 0)
	write(t, dir, "l2", strings.Repeat("1234567890\n", 1000), 0o644)
	runIn(t, &Applet, dir, "", "-k", "l2").Expect(t, "", 0)
	b1, _ := os.ReadFile(filepath.Join(dir, "l1.gz"))
	b2, _ := os.ReadFile(filepath.Join(dir, "l2.gz"))
	out := runIn(t, &Applet, dir, "", "-l", "l1.gz", "l2.gz")
	want := "         compressed        uncompressed  ratio uncompressed_name\n" +
		line(len(b1), 6, ratio(6-int64(len(b1)-21), 6), "l1") +
		line(len(b2), 11000, ratio(11000-int64(len(b2)-18), 11000), "l2") +
		line(len(b1)+len(b2), 11006, ratio(11006-int64(len(b1)+len(b2)-18), 11006), "(totals)")
	out.Expect(t, want, 0)
	runIn(t, &Gunzip, dir, string(b1), "-l").Expect(t,
		"         compressed        uncompressed  ratio uncompressed_name\n"+line(len(b1), 6, ratio(6-int64(len(b1)-21), 6), "stdout"), 0)
}

func line(in, out int, ratio, name string) string {
	return strings.Repeat(" ", 19-len(itoa(in))) + itoa(in) + " " + strings.Repeat(" ", 19-len(itoa(out))) + itoa(out) + " " + ratio + " " + name + "\n"
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	if s == "" {
		s = "0"
	}
	return s
}

// TestVerbose: GNU gzip's -v lines.
func TestVerbose(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "v", strings.Repeat("abc", 1000), 0o644)
	r := runIn(t, &Applet, dir, "", "-v", "v")
	if !strings.HasPrefix(r.Stderr, "v:\t") || !strings.HasSuffix(r.Stderr, "% -- replaced with v.gz\n") || r.Code != 0 {
		t.Errorf("%+v", r)
	}
	r = runIn(t, &Gunzip, dir, "", "-vk", "v.gz")
	if !strings.HasPrefix(r.Stderr, "v.gz:\t") || !strings.HasSuffix(r.Stderr, "% -- created v\n") || r.Code != 0 {
		t.Errorf("%+v", r)
	}
}

// TestLevels: -1 is faster and bigger than -9 on compressible data.
func TestLevels(t *testing.T) {
	data := strings.Repeat("the quick brown fox jumps over the lazy dog ", 20000)
	one := runIn(t, &Applet, t.TempDir(), data, "-1")
	nine := runIn(t, &Applet, t.TempDir(), data, "-9", "--fast", "--best")
	if len(one.Stdout) <= len(nine.Stdout) {
		t.Errorf("-1 gave %d bytes, -9 %d", len(one.Stdout), len(nine.Stdout))
	}
}

// helloBz2 and helloZ are "hello\n" compressed by bzip2 1.0.8 (-9) and
// ncompress 5.0.
const (
	helloBz2 = "BZh91AY&SY\xc1\xc0\x80\xe2\x00\x00\x01\x41\x00\x00\x10\x02\x44\xa0\x00\x30\xcd\x00\xc3\x46\x29\x97\x17\x72\x45\x38\x50\x90\xc1\xc0\x80\xe2"
	helloZ   = "\x1f\x9d\x90\x68\xca\xb0\x61\xf3\x46\x01"
)

// TestGunzipZ: gunzip takes compress's .Z files as BusyBox does
// (FEATURE_SEAMLESS_Z): x.Z becomes x, the input removed.
func TestGunzipZ(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.Z"), []byte(helloZ), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.gz"), []byte(helloBz2), 0o640); err != nil {
		t.Fatal(err)
	}
	r := runIn(t, &Gunzip, dir, "", "x.Z", "b.gz")
	if r.Stdout != "" || r.Stderr != "gunzip: invalid magic\n" || r.Code != 1 {
		t.Errorf("gunzip x.Z b.gz: %q %q %d", r.Stdout, r.Stderr, r.Code)
	}
	got, err := os.ReadFile(filepath.Join(dir, "x"))
	if err != nil || string(got) != "hello\n" {
		t.Errorf("x: %q, %v", got, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "x")); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("x's mode: %v, %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.Z")); !os.IsNotExist(err) {
		t.Errorf("x.Z left: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.gz")); err != nil {
		t.Errorf("b.gz removed after a failure: %v", err)
	}
}

// TestDeflateCancelled: compression reads its input through the
// compressor (no loop of its own), and a cancelled run (Ctrl-C) still
// stops it with status 130, before reading.
func TestDeflateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	j := &job{ctx: &applet.Ctx{Context: ctx}}
	nin, _, err := j.deflate(strings.NewReader("data"), io.Discard, gzipio.Header{})
	var ee *applet.ExitError
	if !errors.As(err, &ee) || ee.Code != 130 || nin != 0 {
		t.Errorf("cancelled: %v, %d bytes read", err, nin)
	}
}
