package dos2unix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run and what Alpine's BusyBox 1.36.1 gave for it, in
// its chroot, in a directory that setup prepared: standard output,
// standard error (up to the usage text when usage is set) and the exit
// status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: f ("a CR LF b LF"), a dangling symlink dang and a loop of symlinks loop1, loop2.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"f": "a\r\nb\n"})
	for _, l := range [][2]string{{"nowhere", "dang"}, {"loop1", "loop2"}, {"loop2", "loop1"}} {
		if err := os.Symlink(l[0], filepath.Join(dir, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runAlpine(t *testing.T, a *applet.Applet, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", a.Name, tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestAlpine(t *testing.T) { runAlpine(t, &Applet, alpineCases) }

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{}, stdin: "a\x0d\nb\x0d\x0d\n", stdout: "a\nb\n", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "a\x0d\nb\n", stdout: "a\x0d\nb\x0d\n", stderr: "", code: 0},
	{args: []string{"-u"}, stdin: "a\nb\x0d\n", stdout: "a\nb\n", stderr: "", code: 0},
	{args: []string{"-u", "-d", "f"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-x"}, stdin: "", stdout: "", stderr: "dos2unix: unrecognized option: x\n", code: 1, usage: true},
	{args: []string{"nofile"}, stdin: "", stdout: "", stderr: "dos2unix: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"dang"}, stdin: "", stdout: "", stderr: "dos2unix: can't open 'nowhere': No such file or directory\n", code: 1},
	{args: []string{"loop1"}, stdin: "", stdout: "", stderr: "dos2unix: loop1\n", code: 1},
	{args: []string{"-"}, stdin: "", stdout: "", stderr: "dos2unix: can't open '-': No such file or directory\n", code: 1},
}

func TestUnix2dos(t *testing.T) { runAlpine(t, &Unix2dos, unix2dosCases) }

// unix2dosCases were taken from Alpine's BusyBox 1.36.1.
var unix2dosCases = []alpineCase{
	{args: []string{}, stdin: "a\x0d\nb\nc", stdout: "a\x0d\nb\x0d\nc", stderr: "", code: 0},
	{args: []string{"-u"}, stdin: "a\x0d\nb\n", stdout: "a\nb\n", stderr: "", code: 0},
	{args: []string{"-"}, stdin: "", stdout: "", stderr: "unix2dos: can't open '-': No such file or directory\n", code: 1},
}

// TestInPlace converts files in place: through a symlink to its target
// (relative to the link's directory), keeping the mode, leaving no
// temporary file, and each of several files.
func TestInPlace(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"f": "a\r\nb\n", "g": "x\n"})
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	writeFiles(t, dir, map[string]string{"sub/t": "q\r\n"})
	os.Chmod(filepath.Join(dir, "f"), 0o640)
	os.Symlink("f", filepath.Join(dir, "l"))
	os.Symlink("t", filepath.Join(dir, "sub/lt"))
	os.Symlink("sub/lt", filepath.Join(dir, "rel"))
	check := func(name, want string, mode os.FileMode) {
		t.Helper()
		st, err := os.Lstat(filepath.Join(dir, name))
		data, _ := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(data) != want || st.Mode() != mode {
			t.Errorf("%s: %q, mode %v (%v); want %q, %v", name, data, st.Mode(), err, want, mode)
		}
	}
	applettest.RunIn(t, dir, &Applet, "l").Expect(t, "", 0)
	check("f", "a\nb\n", 0o640)
	check("l", "a\nb\n", os.ModeSymlink|0o777)
	applettest.RunIn(t, dir, &Unix2dos, "f", "g").Expect(t, "", 0)
	check("f", "a\r\nb\r\n", 0o640)
	check("g", "x\r\n", 0o644)
	applettest.RunIn(t, dir, &Applet, "rel").Expect(t, "", 0)
	check("sub/t", "q\n", 0o644)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("left %d entries, want f g l rel sub", len(entries))
	}
	// A directory cannot be replaced: the temporary file goes (BusyBox
	// leaves it behind).
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	r := applettest.RunIn(t, dir, &Applet, "d")
	if r.Code != 1 || !strings.Contains(r.Stderr, "to 'd': Is a directory") {
		t.Errorf("dos2unix d: status %d, stderr %q", r.Code, r.Stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 6 {
		t.Errorf("dos2unix d left %d entries, want 6", len(entries))
	}
}
