package bzip2

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// helloBz2 is "hello\n" as bzip2 1.0.8 -9 writes it.
var helloBz2 = unhex("425a6839314159265359c1c080e2000001410000100244a00030cd00c3462997177245385090c1c080e2")

func unhex(s string) string {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func write(t *testing.T, dir, name, data string, mode os.FileMode) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, mode)
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// files lists dir, hidden files (temporary ones) included.
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

func runIn(t *testing.T, a *applet.Applet, dir, stdin string, args ...string) applettest.Result {
	t.Helper()
	return applettest.Cmd{Args: args, Dir: dir, Stdin: stdin}.Run(t, a)
}

// cases is a table of runs in a directory holding: a ("hello\n"),
// h.bz2 (a compressed), two.bz2 (two streams), junk.bz2 (a stream and
// junk), bad.bz2 (damaged), cut.bz2 (cut short), crc.bz2 (a wrong
// stream CRC), plain.bz2 (no bzip2 data), x.tbz, y.tbz2, noext, d/.
// The messages and statuses are Alpine's BusyBox's.
func TestCases(t *testing.T) {
	bad := []byte(helloBz2)
	bad[20] ^= 0xff
	crc := []byte(helloBz2)
	crc[len(crc)-1] ^= 1
	setup := func(t *testing.T) string {
		dir := t.TempDir()
		write(t, dir, "a", "hello\n", 0o644)
		for name, data := range map[string]string{
			"h.bz2": helloBz2, "two.bz2": helloBz2 + helloBz2, "junk.bz2": helloBz2 + "junk\n",
			"bad.bz2": string(bad), "cut.bz2": helloBz2[:20], "crc.bz2": string(crc),
			"plain.bz2": "hello\n", "x.tbz": helloBz2, "y.tbz2": helloBz2, "noext": helloBz2,
		} {
			write(t, dir, name, data, 0o644)
		}
		os.Mkdir(filepath.Join(dir, "d"), 0o755)
		return dir
	}
	const all = "a bad.bz2 crc.bz2 cut.bz2 d h.bz2 junk.bz2 noext plain.bz2 two.bz2 x.tbz y.tbz2"
	for _, tc := range []struct {
		a      *applet.Applet
		args   []string
		stdin  string
		out    string
		stderr string
		code   int
		files  string // what dir holds afterwards ("" means unchanged)
	}{
		{&Bzcat, []string{"h.bz2"}, "", "hello\n", "", 0, ""},
		{&Bzcat, nil, helloBz2, "hello\n", "", 0, ""},
		{&Bzcat, []string{"-"}, helloBz2, "hello\n", "", 0, ""},
		{&Bzcat, []string{"two.bz2", "h.bz2"}, "", "hello\nhello\nhello\n", "", 0, ""},
		{&Bzcat, []string{"junk.bz2"}, "", "hello\n", "", 0, ""},
		{&Bzcat, []string{"bad.bz2"}, "", "", "bzcat: bunzip error -5\n", 1, ""},
		{&Bzcat, []string{"cut.bz2"}, "", "", "bzcat: bunzip error -3\n", 1, ""},
		{&Bzcat, []string{"crc.bz2"}, "", "hello\n", "bzcat: CRC error\n", 1, ""},
		{&Bzcat, []string{"plain.bz2"}, "", "", "bzcat: invalid magic\n", 1, ""},
		{&Bzcat, []string{"d"}, "", "", "bzcat: invalid magic\n", 1, ""},
		{&Bzcat, []string{"nosuch", "h.bz2"}, "", "hello\n", "bzcat: nosuch: No such file or directory\n", 1, ""},
		{&Bzcat, []string{"-t", "h.bz2"}, "", "", "", 0, ""},
		{&Bzcat, []string{"--stdout"}, "", "", "bzcat: unrecognized option: stdout\n", 1, ""},
		{&Bunzip2, []string{"-c", "noext"}, "", "hello\n", "", 0, ""},
		{&Bunzip2, []string{"-t", "h.bz2", "bad.bz2"}, "", "", "bunzip2: bunzip error -5\n", 1, ""},
		{&Bunzip2, []string{"-tv", "h.bz2"}, "", "", "", 0, ""},
		{&Bunzip2, nil, helloBz2, "hello\n", "", 0, ""},
		{&Bunzip2, []string{"h.bz2"}, "", "", "", 0, strings.Replace(all, "h.bz2", "h", 1)},
		{&Bunzip2, []string{"-k", "h.bz2"}, "", "", "", 0, strings.Replace(all, "d h.bz2", "d h h.bz2", 1)},
		{&Bunzip2, []string{"-v", "h.bz2"}, "", "", "h.bz2: 4294966696% - replaced with h\n", 0, strings.Replace(all, "h.bz2", "h", 1)},
		{&Bunzip2, []string{"x.tbz", "y.tbz2"}, "", "", "", 0, "a bad.bz2 crc.bz2 cut.bz2 d h.bz2 junk.bz2 noext plain.bz2 two.bz2 x.tar y.tar"},
		{&Bunzip2, []string{"noext", "d"}, "", "", "bunzip2: noext: unknown suffix - ignored\nbunzip2: d: unknown suffix - ignored\n", 1, ""},
		{&Bunzip2, []string{"nosuch.bz2"}, "", "", "bunzip2: nosuch.bz2: No such file or directory\n", 1, ""},
		{&Bunzip2, []string{"bad.bz2", "h.bz2"}, "", "", "bunzip2: bunzip error -5\n", 1, strings.Replace(all, "h.bz2", "h", 1)},
		{&Bunzip2, []string{"cut.bz2"}, "", "", "bunzip2: bunzip error -3\n", 1, ""},
		{&Bunzip2, []string{"plain.bz2"}, "", "", "bunzip2: invalid magic\n", 1, ""},
		{&Bunzip2, []string{"-z"}, "", "", "bunzip2: unrecognized option: z\n", 1, ""},
		{&Applet, []string{"-d", "h.bz2"}, "", "", "", 0, strings.Replace(all, "h.bz2", "h", 1)},
		{&Applet, []string{"-dc", "h.bz2"}, "", "hello\n", "", 0, ""},
		{&Applet, []string{"-t", "bad.bz2"}, "", "", "bzip2: bunzip error -5\n", 1, ""},
		{&Applet, []string{"-ds", "h.bz2"}, "", "", "bzip2: unrecognized option: s\n", 1, ""},
		{&Applet, []string{"-d1", "h.bz2"}, "", "", "bzip2: unrecognized option: 1\n", 1, ""},
		{&Applet, []string{"-c", "nosuch"}, "", "", "bzip2: nosuch: No such file or directory\n", 1, ""},
		{&Applet, []string{"d"}, "", "", "bzip2: read error: Is a directory\n", 1, ""},
		{&Applet, []string{"-c", "d"}, "", "", "bzip2: read error: Is a directory\n", 1, ""},
		{&Applet, []string{"h.bz2"}, "", "", "", 0, strings.Replace(all, "h.bz2", "h.bz2.bz2", 1)},
		{&Applet, []string{"--fast"}, "", "", "bzip2: unrecognized option: fast\n", 1, ""},
	} {
		name := tc.a.Name + " " + strings.Join(tc.args, " ")
		t.Run(name, func(t *testing.T) {
			dir := setup(t)
			r := runIn(t, tc.a, dir, tc.stdin, tc.args...)
			stderr := r.Stderr
			if i := strings.Index(stderr, "multi-call binary."); i >= 0 {
				stderr = stderr[:strings.LastIndex(stderr[:i], "\n")+1] // the usage after the message
			}
			if r.Stdout != tc.out || stderr != tc.stderr || r.Code != tc.code {
				t.Errorf("got %q %q %d; want %q %q %d", r.Stdout, stderr, r.Code, tc.out, tc.stderr, tc.code)
			}
			want := tc.files
			if want == "" {
				want = all
			}
			if got := files(t, dir); got != want {
				t.Errorf("files: %s; want %s", got, want)
			}
		})
	}
}

// TestThreads: -T N (gobox's, as xz's and zstd's) codes and decodes N
// blocks at once, 0 one per CPU; the bytes are the same whatever N (one
// block at a time by default); a bad number is refused.
func TestThreads(t *testing.T) {
	// About 20 blocks at -1: -T0 codes several at once.
	var b strings.Builder
	for i := range 60000 {
		fmt.Fprintf(&b, "line %d of the -T data %x\n", i, i*i)
	}
	data := b.String()
	one := runIn(t, &Applet, "", data, "-c1")
	if one.Code != 0 || !strings.HasPrefix(one.Stdout, "BZh1") {
		t.Fatalf("bzip2 -c1: %d", one.Code)
	}
	for _, args := range [][]string{{"-c1", "-T1"}, {"-c1", "-T0"}, {"-c1", "-T", "3"}, {"-T2", "-c1"}} {
		if r := runIn(t, &Applet, "", data, args...); r.Stdout != one.Stdout || r.Code != 0 {
			t.Errorf("bzip2 %q: %d bytes (-T1: %d), status %d", args, len(r.Stdout), len(one.Stdout), r.Code)
		}
	}
	for _, tc := range []struct {
		a    *applet.Applet
		args []string
	}{
		{&Bunzip2, []string{"-c", "-T0"}}, {&Bunzip2, []string{"-cT2"}}, {&Bunzip2, []string{"-T", "1", "-c"}},
		{&Bzcat, []string{"-T0"}}, {&Bzcat, []string{"-T4"}}, {&Applet, []string{"-dcT0"}},
	} {
		runIn(t, tc.a, "", one.Stdout, tc.args...).Expect(t, data, 0)
	}
	for _, tc := range []struct {
		a      *applet.Applet
		args   []string
		stderr string
	}{
		{&Applet, []string{"-T", "x"}, "bzip2: invalid number 'x'\n"},
		{&Applet, []string{"-T-1"}, "bzip2: invalid number '-1'\n"},
		{&Bunzip2, []string{"-T", ""}, "bunzip2: invalid number ''\n"},
		{&Bzcat, []string{"-Tz"}, "bzcat: invalid number 'z'\n"},
	} {
		r := runIn(t, tc.a, "", one.Stdout, tc.args...)
		if r.Stdout != "" || r.Stderr != tc.stderr || r.Code != 1 {
			t.Errorf("%s %q: %+v", tc.a.Name, tc.args, r)
		}
	}
}

// TestCompress: the output file has the input's mode less the umask and
// decompresses to the input; the input goes only once the output is
// complete; the block size is the smallest level given (-s is -2).
func TestCompress(t *testing.T) {
	dir := t.TempDir()
	data := strings.Repeat("bzip2 test data, line after line\n", 5000)
	write(t, dir, "f", data, 0o664)
	runIn(t, &Applet, dir, "", "f").Expect(t, "", 0)
	if got := files(t, dir); got != "f.bz2" {
		t.Fatalf("files: %s", got)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "f.bz2")); fi.Mode().Perm() != 0o644 {
		t.Errorf("f.bz2 mode %v, want 0644 (0664 less the umask)", fi.Mode())
	}
	if !strings.HasPrefix(read(t, dir, "f.bz2"), "BZh9") {
		t.Errorf("default level is not 9")
	}
	runIn(t, &Bunzip2, dir, "", "f.bz2").Expect(t, "", 0)
	if read(t, dir, "f") != data {
		t.Error("round trip differs")
	}
	// Levels: BusyBox takes the smallest.
	for _, tc := range []struct {
		args []string
		head string
	}{
		{[]string{"-c", "-1"}, "BZh1"}, {[]string{"-c", "-9", "-1"}, "BZh1"}, {[]string{"-c5"}, "BZh5"},
		{[]string{"-cs"}, "BZh2"}, {[]string{"-c1s"}, "BZh1"}, {[]string{"-cz", "-q"}, "BZh9"},
	} {
		r := runIn(t, &Applet, dir, data, tc.args...)
		if !strings.HasPrefix(r.Stdout, tc.head) || r.Code != 0 {
			t.Errorf("%q: %q... %d", tc.args, r.Stdout[:min(4, len(r.Stdout))], r.Code)
		}
		runIn(t, &Bzcat, dir, r.Stdout).Expect(t, data, 0)
	}
	// -k, -v, and an output already there.
	r := runIn(t, &Applet, dir, "", "-kv", "f")
	if r.Code != 0 || r.Stderr != "f: 100% - replaced with f.bz2\n" {
		t.Errorf("-kv: %+v", r)
	}
	if got := files(t, dir); got != "f f.bz2" {
		t.Errorf("files after -k: %s", got)
	}
	r = runIn(t, &Applet, dir, "", "f")
	if r.Stderr != "bzip2: can't open 'f.bz2': File exists\n" || r.Code != 1 || files(t, dir) != "f f.bz2" {
		t.Errorf("exists: %+v %s", r, files(t, dir))
	}
	write(t, dir, "f.bz2", "old", 0o644)
	runIn(t, &Applet, dir, "", "-f", "f").Expect(t, "", 0)
	if got := files(t, dir); got != "f.bz2" {
		t.Errorf("files after -f: %s", got)
	}
	runIn(t, &Bzcat, dir, "", "f.bz2").Expect(t, data, 0)
	// Several files to stdout: one stream each.
	write(t, dir, "g", "one\n", 0o644)
	write(t, dir, "h", "two\n", 0o644)
	r = runIn(t, &Applet, dir, "", "-c", "g", "h")
	if strings.Count(r.Stdout, "BZh9") != 2 || r.Code != 0 {
		t.Errorf("-c g h: %q", r.Stdout)
	}
	runIn(t, &Bzcat, dir, r.Stdout).Expect(t, "one\ntwo\n", 0)
}

// TestDamagedKeepsInput: a failed decompression leaves the input and no
// output, temporary or not.
func TestDamagedKeepsInput(t *testing.T) {
	dir := t.TempDir()
	big := runIn(t, &Applet, dir, strings.Repeat("0123456789", 200000), "-1").Stdout
	cut := big[:len(big)/2]
	write(t, dir, "cut.bz2", cut, 0o644)
	r := runIn(t, &Bunzip2, dir, "", "cut.bz2")
	if r.Stderr != "bunzip2: bunzip error -3\n" || r.Code != 1 {
		t.Errorf("cut: %+v", r)
	}
	if got := files(t, dir); got != "cut.bz2" {
		t.Errorf("files: %s", got)
	}
}

// TestTerminal: compressed data is neither read from a terminal nor
// written to one without -f.
func TestTerminal(t *testing.T) {
	_, tty, name := applettest.Pty(t)
	r := runIn(t, &Bunzip2, t.TempDir(), "", "-c", name)
	if r.Stderr != "bunzip2: compressed data not read from terminal, use -f to force it\n" || r.Code != 1 {
		t.Errorf("bunzip2 from a tty: %+v", r)
	}
	dir := t.TempDir()
	write(t, dir, "f", "x\n", 0o644)
	r = applettest.Cmd{Args: []string{"-c", "f"}, Dir: dir, Stdout: tty}.Run(t, &Applet)
	if r.Stderr != "bzip2: compressed data not written to a terminal. Use -f to force compression.\n" || r.Code != 1 {
		t.Errorf("bzip2 to a tty: %+v", r)
	}
}

// TestWriteError: a failed write to standard output is reported once
// per file, and the run goes on, as BusyBox does.
func TestWriteError(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "f", "x\n", 0o644)
	r := applettest.Cmd{Args: []string{"-c", "f", "f"}, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	want := "bzip2: write error: No space left on device\n"
	if r.Stderr != want+want || r.Code != 1 {
		t.Errorf("bzip2 to a full disk: %+v", r)
	}
	r = applettest.Cmd{Stdin: helloBz2, Dir: dir, Stdout: applettest.Full()}.Run(t, &Bzcat)
	if r.Stderr != "bzcat: write: No space left on device\n" || r.Code != 1 {
		t.Errorf("bzcat to a full disk: %+v", r)
	}
}

// TestBomb: a small file that expands two thousandfold streams through
// in bounded memory.
func TestBomb(t *testing.T) {
	dir := t.TempDir()
	const size = 64 << 20
	z := runIn(t, &Applet, dir, string(make([]byte, 1<<20)), "-c").Stdout
	// 64 streams of 1 MiB of zeros each, as one input.
	write(t, dir, "bomb.bz2", strings.Repeat(z, size>>20), 0o644)
	out := &countWriter{w: discard{}}
	r := applettest.Cmd{Args: []string{"-c", "bomb.bz2"}, Dir: dir, Stdout: out}.Run(t, &Bunzip2)
	if r.Code != 0 || r.Stderr != "" || out.n != size {
		t.Errorf("bomb: %d bytes, %+v", out.n, r)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "bomb.bz2")); fi.Size()*1000 > size {
		t.Errorf("the bomb is %d bytes: not a bomb", fi.Size())
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
