package shuf

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
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

// setup makes the files the cases read: nothing: its files are made by the tests that read them.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_ = dir // no files
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
	{args: []string{"-e", "a", "-i", "1-3"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-i", "1-3", "-e", "a", "b"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-i", "5-1"}, stdin: "", stdout: "", stderr: "shuf: bad range '5-1'\n", code: 1},
	{args: []string{"-i", "1-0x3"}, stdin: "", stdout: "", stderr: "shuf: invalid number '0x3'\n", code: 1},
	{args: []string{"-i", "3"}, stdin: "", stdout: "", stderr: "shuf: bad range '3'\n", code: 1},
	{args: []string{"-n", "99999999999", "-i", "1-2"}, stdin: "", stdout: "", stderr: "shuf: invalid number '99999999999'\n", code: 1},
	{args: []string{"-n", "x", "-e", "a"}, stdin: "", stdout: "", stderr: "shuf: invalid number 'x'\n", code: 1},
	{args: []string{"-i", "0-4294967295"}, stdin: "", stdout: "", stderr: "shuf: bad range '0-4294967295'\n", code: 1},
	{args: []string{"-i", "1-3", "x"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"a", "b"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"nofile"}, stdin: "", stdout: "", stderr: "shuf: nofile: No such file or directory\n", code: 1},
	{args: []string{"-e"}, stdin: "", stdout: "", stderr: "", code: 0},
	{args: []string{"-n", "0", "-e", "a"}, stdin: "", stdout: "", stderr: "", code: 0},
	{args: []string{"-i", "1-1"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"-e", "a"}, stdin: "", stdout: "a\n", stderr: "", code: 0},
	{args: []string{}, stdin: "x", stdout: "x\n", stderr: "", code: 0},
	{args: []string{"-z"}, stdin: "x", stdout: "x\x00", stderr: "", code: 0},
	{args: []string{}, stdin: "", stdout: "", stderr: "", code: 0},
	{args: []string{"-i", "-1-5"}, stdin: "", stdout: "", stderr: "shuf: invalid number ''\n", code: 1},
	{args: []string{"-i", " 1-5"}, stdin: "", stdout: "", stderr: "shuf: invalid number ' 1'\n", code: 1},
	{args: []string{"-o", "/nonexistent/x", "-e", "a"}, stdin: "", stdout: "", stderr: "shuf: can't open '/nonexistent/x': No such file or directory\n", code: 1},
}

// TestPermutes: whatever the order, shuf prints each line once, and -n of
// them; a NUL ends a line as a newline does (BusyBox's line reading).
func TestPermutes(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 1000; i++ {
		in.WriteString(strconv.Itoa(i) + "\n")
	}
	sorted := func(s string, sep string) []string {
		l := strings.Split(strings.TrimSuffix(s, sep), sep)
		slices.Sort(l)
		return l
	}
	want := sorted(in.String(), "\n")
	r := applettest.Cmd{Stdin: in.String()}.Run(t, &Applet)
	if got := sorted(r.Stdout, "\n"); !slices.Equal(got, want) || r.Code != 0 {
		t.Errorf("shuf of 0..999 gave %d lines (status %d)", len(got), r.Code)
	}
	for _, args := range [][]string{{"-n", "10"}, {"-n", "999"}, {"-i", "0-999", "-n", "10"}, {"-i", "0-999", "-n", "990"}} {
		r := applettest.Cmd{Args: args, Stdin: in.String()}.Run(t, &Applet)
		lines := strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n")
		seen := map[string]bool{}
		for _, l := range lines {
			n, err := strconv.Atoi(l)
			if err != nil || n < 0 || n > 999 || seen[l] {
				t.Fatalf("shuf %q printed %q", args, l)
			}
			seen[l] = true
		}
		if want, _ := strconv.Atoi(args[len(args)-1]); len(lines) != want {
			t.Errorf("shuf %q printed %d lines, want %d", args, len(lines), want)
		}
	}
	r = applettest.Cmd{Args: []string{"-z"}, Stdin: "a\x00b\nc"}.Run(t, &Applet)
	if got := sorted(r.Stdout, "\x00"); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("shuf -z of a NUL b LF c: %q", r.Stdout)
	}
	// A range far too large for a table, but few picks from it.
	r = applettest.Cmd{Args: []string{"-i", "10-4294967304", "-n", "3"}}.Run(t, &Applet)
	if lines := strings.Fields(r.Stdout); len(lines) != 3 || r.Code != 0 {
		t.Errorf("shuf -i 10-4294967304 -n 3: %q, status %d", r.Stdout, r.Code)
	}
}

// TestOutputFile: -o is opened after the input is read, so it may be the
// input itself.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"n": "1\n2\n3\n"})
	r := applettest.RunIn(t, dir, &Applet, "-o", "n", "n")
	got, _ := os.ReadFile(filepath.Join(dir, "n"))
	if l := strings.Fields(string(got)); r.Code != 0 || len(l) != 3 {
		t.Errorf("shuf -o n n: status %d, n is %q", r.Code, got)
	}
}
