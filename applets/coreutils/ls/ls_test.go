package ls

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
)

// tree makes a small directory tree with fixed contents and times.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	files := []struct {
		name string
		size int
		mode os.FileMode
		age  time.Duration
	}{
		{"a.txt", 3, 0o644, 0},
		{"b.c", 1500, 0o600, time.Hour},
		{"exe", 10, 0o755, 2 * time.Hour},
		{".hidden", 0, 0o644, 3 * time.Hour},
		{"file10", 0, 0o644, 4 * time.Hour},
		{"file9", 0, 0o644, 5 * time.Hour},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, make([]byte, f.size), f.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, f.mode)
		os.Chtimes(p, old.Add(-f.age), old.Add(-f.age))
	}
	if err := os.MkdirAll(filepath.Join(dir, "sub", "deep"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "sub", "inner"), nil, 0o644)
	os.Symlink("a.txt", filepath.Join(dir, "link"))
	os.Symlink("missing", filepath.Join(dir, "dangling"))
	for _, p := range []string{"sub/inner", "sub/deep", "sub"} {
		os.Chtimes(filepath.Join(dir, p), old, old)
	}
	ts := []unix.Timespec{unix.NsecToTimespec(old.UnixNano()), unix.NsecToTimespec(old.UnixNano())}
	for _, p := range []string{"link", "dangling"} {
		if err := unix.UtimesNanoAt(unix.AT_FDCWD, filepath.Join(dir, p), ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLs(t *testing.T) {
	dir := tree(t)
	cases := []struct {
		name   string
		args   []string
		stdout string
		stderr string
		code   int
	}{
		{"plain", nil, "a.txt\nb.c\ndangling\nexe\nfile10\nfile9\nlink\nsub\n", "", 0},
		{"all", []string{"-a"}, ".\n..\n.hidden\na.txt\nb.c\ndangling\nexe\nfile10\nfile9\nlink\nsub\n", "", 0},
		{"almost all", []string{"-A", "sub"}, "deep\ninner\n", "", 0},
		{"reverse", []string{"-r"}, "sub\nlink\nfile9\nfile10\nexe\ndangling\nb.c\na.txt\n", "", 0},
		{"columns", []string{"-C", "-w", "30"}, "a.txt     exe       link\nb.c       file10    sub\ndangling  file9\n", "", 0},
		{"across", []string{"-x", "-w", "30"}, "a.txt     b.c       dangling\nexe       file10    file9\nlink      sub\n", "", 0},
		{"narrow", []string{"-C", "-w", "5"}, "a.txt\nb.c\ndangling\nexe\nfile10\nfile9\nlink\nsub\n", "", 0},
		{"classify", []string{"-F"}, "a.txt\nb.c\ndangling@\nexe*\nfile10\nfile9\nlink@\nsub/\n", "", 0},
		{"slash", []string{"-p"}, "a.txt\nb.c\ndangling\nexe\nfile10\nfile9\nlink\nsub/\n", "", 0},
		{"size sort", []string{"-S", "a.txt", "b.c", "exe"}, "b.c\nexe\na.txt\n", "", 0},
		{"time sort", []string{"-t", "file9", "a.txt", "exe"}, "a.txt\nexe\nfile9\n", "", 0},
		{"time sort reversed", []string{"-tr", "file9", "a.txt", "exe"}, "file9\nexe\na.txt\n", "", 0},
		{"version sort", []string{"-v", "file10", "file9", "exe"}, "exe\nfile9\nfile10\n", "", 0},
		{"extension sort", []string{"-X", "exe", "b.c", "a.txt"}, "exe\nb.c\na.txt\n", "", 0},
		{"dirs first", []string{"--group-directories-first", "-1"}, "sub\na.txt\nb.c\ndangling\nexe\nfile10\nfile9\nlink\n", "", 0},
		{"long", []string{"-ln", "a.txt", "b.c", "exe"},
			"-rw-r--r--    1 0        0                3 Feb  3  2001 a.txt\n" +
				"-rw-------    1 0        0             1500 Feb  3  2001 b.c\n" +
				"-rwxr-xr-x    1 0        0               10 Feb  3  2001 exe\n", "", 0},
		{"long group only", []string{"-gn", "a.txt"}, "-rw-r--r--    1 0                3 Feb  3  2001 a.txt\n", "", 0},
		{"human", []string{"-lnh", "b.c"}, "-rw-------    1 0        0           1.5K Feb  3  2001 b.c\n", "", 0},
		{"full time", []string{"-n", "--full-time", "a.txt"}, "-rw-r--r--    1 0        0                3 2001-02-03 04:05:06 +0000 a.txt\n", "", 0},
		{"symlink", []string{"-ln", "link"}, "lrwxrwxrwx    1 0        0                5 Feb  3  2001 link -> a.txt\n", "", 0},
		{"symlink classify", []string{"-lnF", "dangling"}, "lrwxrwxrwx    1 0        0                7 Feb  3  2001 dangling -> missing\n", "", 0},
		{"quote", []string{"-Q", "a.txt"}, "\"a.txt\"\n", "", 0},
		{"dir itself", []string{"-d", "sub", "."}, ".\nsub\n", "", 0},
		{"dir header", []string{"a.txt", "sub"}, "a.txt\n\nsub:\ndeep\ninner\n", "", 0},
		{"two dirs", []string{"sub/deep", "sub"}, "sub:\ndeep\ninner\n\nsub/deep:\n", "", 0},
		{"recursive", []string{"-R", "sub"}, "sub:\ndeep\ninner\n\nsub/deep:\n", "", 0},
		{"recursive slash", []string{"-R", "sub/"}, "sub/:\ndeep\ninner\n\nsub/deep:\n", "", 0},
		{"long empty dir", []string{"-ln", "sub/deep"}, "total 0\n", "", 0},
		{"missing", []string{"nope", "a.txt"}, "a.txt\n", "ls: nope: No such file or directory\n", 1},
		{"follows operand link", []string{"dangling"}, "", "ls: dangling: No such file or directory\n", 1},
		{"color", []string{"--color=always", "exe", "sub", "a.txt"}, "\x1b[0;0ma.txt\x1b[m\n\x1b[1;32mexe\x1b[m\n\nsub:\n\x1b[1;34mdeep\x1b[m\n\x1b[0;0minner\x1b[m\n", "", 0},
		{"color ambiguous", []string{"--color=a", "exe"}, "exe\n", "", 0},
		{"color empty", []string{"--color=", "exe"}, "exe\n", "", 0},
		{"color abbreviated", []string{"--color=al", "exe"}, "\x1b[1;32mexe\x1b[m\n", "", 0},
		{"color auto not tty", []string{"--color=auto", "exe"}, "exe\n", "", 0},
		{"color never", []string{"--color=never", "exe"}, "exe\n", "", 0},
		{"color link", []string{"--color", "-ln", "dangling"}, "lrwxrwxrwx    1 0        0                7 Feb  3  2001 \x1b[1;36mdangling\x1b[m -> \x1b[1;31mmissing\x1b[m\n", "", 0},
		{"bad width", []string{"-w", "x"}, "", "ls: invalid number 'x'\n", 1},
		{"no -e", []string{"-e"}, "", "ls: unrecognized option: e\n", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := applettest.Cmd{Args: c.args, Dir: dir, Env: []string{"TZ=UTC"}}.Run(t, &Applet)
			stderr := r.Stderr
			if c.code == 1 && strings.Contains(stderr, "Usage:") {
				stderr, _, _ = strings.Cut(stderr, "\n")
				stderr += "\n"
			}
			if r.Stdout != c.stdout || stderr != c.stderr || r.Code != c.code {
				t.Errorf("ls %q:\n got stdout %q stderr %q status %d\nwant stdout %q stderr %q status %d",
					c.args, r.Stdout, stderr, r.Code, c.stdout, c.stderr, c.code)
			}
		})
	}
}

func TestLsTotalAndBlocks(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), make([]byte, 10000), 0o644)
	r := applettest.RunIn(t, dir, &Applet, "-s")
	// The block count depends on the file system; check the shape only.
	lines := strings.Split(r.Stdout, "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "total ") || !strings.HasSuffix(lines[1], " f") || len(lines[1]) < 8 {
		t.Errorf("ls -s: %q", r.Stdout)
	}
	r = applettest.RunIn(t, dir, &Applet, "-lh")
	if !strings.HasPrefix(r.Stdout, "total ") || len(strings.SplitN(r.Stdout, "\n", 2)[0]) != len("total ")+7 {
		t.Errorf("ls -lh total line not padded to 7: %q", r.Stdout)
	}
}

func TestLsRecentTime(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, nil, 0o644)
	when := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(p, when, when)
	r := applettest.Cmd{Args: []string{"-ln", "f"}, Dir: dir, Env: []string{"TZ=Asia/Tokyo"}}.Run(t, &Applet)
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no zoneinfo")
	}
	want := when.In(loc).Format("Jan _2 15:04") + " f\n"
	if !strings.HasSuffix(r.Stdout, want) {
		t.Errorf("got %q, want suffix %q", r.Stdout, want)
	}
}

func TestStrverscmp(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"a", "a", 0},
		{"file9", "file10", -1},
		{"file10", "file9", 1},
		{"1.9", "1.10", -1},
		{"1.009", "1.9", -1},
		{"000", "00", -1},
		{"a0", "a", 1},
		{"abc", "abd", -1},
	}
	for _, c := range cases {
		got := strverscmp([]byte(c.a), []byte(c.b))
		if sign(int64(got)) != c.want {
			t.Errorf("strverscmp(%q, %q) = %d, want sign %d", c.a, c.b, got, c.want)
		}
	}
}

func TestPrintable(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		utf8   string // output and width in a UTF-8 locale
		uwidth int
		c      string // output (width len(in)) in the C locale
	}{
		{"ascii", "plain", "plain", 5, "plain"},
		{"tab", "a\tb", "a?b", 3, "a?b"},
		{"newline and DEL", "x\ny\x7f", "x?y?", 4, "x?y?"},
		{"latin1", "caf\u00e9", "caf\u00e9", 4, "caf??"},
		{"soft hyphen", "a\u00adb", "a\u00adb", 3, "a??b"},
		{"C1 control", "a\u0085b", "a?b", 3, "a??b"},
		{"cjk wide", "\u65e5\u672c", "\u65e5\u672c", 4, "??????"},
		{"fullwidth", "\uff21", "\uff21", 2, "???"},
		{"hangul", "\ud55c", "\ud55c", 2, "???"},
		{"combining", "e\u0301", "e\u0301", 1, "e??"},
		{"zero width space", "a\u200bb", "a\u200bb", 2, "a???b"},
		{"emoji", "\U0001f600!", "\U0001f600!", 3, "????!"},
		{"emoji 1F900", "\U0001f92f", "\U0001f92f", 2, "????"},
		{"text-style symbol", "\u2603", "\u2603", 1, "???"},
		{"plane 2", "\U00020000", "\U00020000", 2, "????"},
		{"line separator", "a\u2028", "a?", 2, "a???"},
		{"U+FFFE", "\ufffe", "?", 1, "???"},
		{"U+1FFFF", "\U0001ffff", "?", 1, "????"},
		{"U+FFFD itself", "\ufffd", "\ufffd", 1, "???"},
		{"lone continuation", "\x80\x80", "??", 2, "??"},
		{"overlong NUL", "\xc0\x80x", "??x", 3, "??x"},
		{"overlong slash", "\xe0\x80\xaf", "???", 3, "???"},
		{"surrogate", "\xed\xa0\x80", "???", 3, "???"},
		{"above U+10FFFF", "\xf4\x90\x80\x80", "????", 4, "????"},
		{"truncated", "\xe6\x97", "??", 2, "??"},
		{"truncated then ascii", "\xe6\x97z", "??z", 3, "??z"},
		{"latin1 byte", "\xe9t\xe9", "?t?", 3, "?t?"},
	}
	for _, c := range cases {
		out, w := appendPrintable([]byte("x"), []byte(c.in), true)
		if string(out) != "x"+c.utf8 || w != c.uwidth {
			t.Errorf("%s: appendPrintable(%q, true) = %q, %d; want %q, %d", c.name, c.in, out[1:], w, c.utf8, c.uwidth)
		}
		out, w = appendPrintable([]byte("x"), []byte(c.in), false)
		if string(out) != "x"+c.c || w != len(c.in) {
			t.Errorf("%s: appendPrintable(%q, false) = %q, %d; want %q, %d", c.name, c.in, out[1:], w, c.c, len(c.in))
		}
	}
}

func TestLsUnicode(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "\u65e5\u672c\u8a9e", "caf\u00e9", "e\u0301x", "\U0001f600", "bad\xff", "zz"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := func(vars ...string) []string {
		return append([]string{"PATH=/bin", "TZ=UTC", "COLUMNS=40"}, vars...)
	}
	cases := []struct {
		name string
		env  []string
		args []string
		want string
	}{
		{"utf8 one per line", env("LANG=C.UTF-8"), []string{"-1"},
			"a\nbad?\ncaf\u00e9\ne\u0301x\nzz\n\u65e5\u672c\u8a9e\n\U0001f600\n"},
		// 日本語 (width 6) is the widest, so columns are 8 wide; éx is 2.
		{"utf8 columns", env("LANG=C.UTF-8"), []string{"-C", "-w", "24"},
			"a       e\u0301x      \U0001f600\n" +
				"bad?    zz\n" +
				"caf\u00e9    \u65e5\u672c\u8a9e\n"},
		{"utf8 across", env("LANG=en_US.UTF-8"), []string{"-x", "-w", "24"},
			"a       bad?    caf\u00e9\n" +
				"e\u0301x      zz      \u65e5\u672c\u8a9e\n" +
				"\U0001f600\n"},
		{"quoted", env("LANG=C.UTF-8"), []string{"-Q", "-1", "zz", "\u65e5\u672c\u8a9e"},
			"\"zz\"\n\"\u65e5\u672c\u8a9e\"\n"},
		{"locale unset is C.UTF-8 in musl", env(), []string{"-1", "\U0001f600"}, "\U0001f600\n"},
		{"LC_ALL=C", env("LC_ALL=C", "LANG=C.UTF-8"), []string{"-1"},
			"a\nbad?\ncaf??\ne??x\nzz\n?????????\n????\n"},
		{"LC_ALL empty, LC_CTYPE=POSIX", env("LC_ALL=", "LC_CTYPE=POSIX", "LANG=C.UTF-8"), []string{"-1", "caf\u00e9"}, "caf??\n"},
		{"LANG=C columns", env("LANG=C"), []string{"-C", "-w", "30"},
			"a          zz\n" +
				"bad?       ?????????\n" +
				"caf??      ????\n" +
				"e??x\n"},
	}
	for _, c := range cases {
		r := applettest.Cmd{Args: c.args, Dir: dir, Env: c.env}.Run(t, &Applet)
		if r.Stdout != c.want || r.Stderr != "" || r.Code != 0 {
			t.Errorf("%s: got %q, stderr %q, status %d; want %q", c.name, r.Stdout, r.Stderr, r.Code, c.want)
		}
	}
}

func TestLsTZ(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	os.WriteFile(p, nil, 0o644)
	when := time.Date(2001, 2, 3, 12, 0, 0, 0, time.UTC)
	os.Chtimes(p, when, when)
	for tz, want := range map[string]string{
		"UTC0": "2001-02-03 12:00:00 +0000", "EST5": "2001-02-03 07:00:00 -0500",
		"<+03>-3": "2001-02-03 15:00:00 +0300", "IST-5:30": "2001-02-03 17:30:00 +0530",
		"": "2001-02-03 12:00:00 +0000", "nosuchzone": "2001-02-03 12:00:00 +0000",
	} {
		r := applettest.Cmd{Args: []string{"-ln", "--full-time", "f"}, Dir: dir, Env: []string{"TZ=" + tz}}.Run(t, &Applet)
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("TZ=%q: got %q, want %q", tz, r.Stdout, want)
		}
	}
}

// TestLsStopsOnWriteError checks that ls -R stops walking the tree once
// its output fails, instead of reading (and reporting errors in) the
// rest of it: the dangling link in z, listed after a, is never reached.
func TestLsStopsOnWriteError(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "a"), 0o755)
	applettest.Files(t, filepath.Join(dir, "a"), 2000)
	os.Mkdir(filepath.Join(dir, "z"), 0o755)
	os.Symlink("missing", filepath.Join(dir, "z", "dangling"))
	for _, c := range []struct {
		stdout io.Writer
		stderr string
		code   int
	}{
		{applettest.Full(), "ls: write error: No space left on device\n", 1},
		{nil, "ls: ./z/dangling: No such file or directory\n", 1},
	} {
		r := applettest.Cmd{Args: []string{"-RL", "."}, Dir: dir, Stdout: c.stdout}.Run(t, &Applet)
		if r.Stderr != c.stderr || r.Code != c.code {
			t.Errorf("ls -RL: stderr %q, status %d; want %q, %d", r.Stderr, r.Code, c.stderr, c.code)
		}
	}
}

// TestLsDevice checks a device's numbers in -l and that -S sorts it by
// its st_size (0), though the entry keeps its device number there.
func TestLsDevice(t *testing.T) {
	dir := t.TempDir()
	if err := unix.Mknod(filepath.Join(dir, "dev"), unix.S_IFCHR|0o600, int(unix.Mkdev(200, 7))); err != nil {
		t.Skip("mknod needs root:", err)
	}
	os.WriteFile(filepath.Join(dir, "big"), make([]byte, 300), 0o644)
	os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644)
	when := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, n := range []string{"dev", "big", "empty"} {
		os.Chtimes(filepath.Join(dir, n), when, when)
	}
	r := applettest.Cmd{Args: []string{"-lnS"}, Dir: dir}.Run(t, &Applet)
	// The total depends on the file system.
	_, r.Stdout, _ = strings.Cut(r.Stdout, "\n")
	want := "-rw-r--r--    1 0        0              300 Feb  3  2001 big\n" +
		"crw-------    1 0        0         200,   7 Feb  3  2001 dev\n" +
		"-rw-r--r--    1 0        0                0 Feb  3  2001 empty\n"
	if r.Stdout != want || r.Stderr != "" || r.Code != 0 {
		t.Errorf("ls -lnS: got %q, stderr %q, status %d\nwant %q", r.Stdout, r.Stderr, r.Code, want)
	}
}
