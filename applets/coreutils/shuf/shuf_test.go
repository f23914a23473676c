package shuf

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, nil, nil, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"-e", "a", "-i", "1-3"}, Code: 1, Usage: true},
	{Args: []string{"-i", "1-3", "-e", "a", "b"}, Code: 1, Usage: true},
	{Args: []string{"-i", "5-1"}, Stderr: "shuf: bad range '5-1'\n", Code: 1},
	{Args: []string{"-i", "1-0x3"}, Stderr: "shuf: invalid number '0x3'\n", Code: 1},
	{Args: []string{"-i", "3"}, Stderr: "shuf: bad range '3'\n", Code: 1},
	{Args: []string{"-n", "99999999999", "-i", "1-2"}, Stderr: "shuf: invalid number '99999999999'\n", Code: 1},
	{Args: []string{"-n", "x", "-e", "a"}, Stderr: "shuf: invalid number 'x'\n", Code: 1},
	{Args: []string{"-i", "0-4294967295"}, Stderr: "shuf: bad range '0-4294967295'\n", Code: 1},
	{Args: []string{"-i", "1-3", "x"}, Code: 1, Usage: true},
	{Args: []string{"a", "b"}, Code: 1, Usage: true},
	{Args: []string{"nofile"}, Stderr: "shuf: nofile: No such file or directory\n", Code: 1},
	{Args: []string{"-e"}},
	{Args: []string{"-n", "0", "-e", "a"}},
	{Args: []string{"-i", "1-1"}, Stdout: "1\n"},
	{Args: []string{"-e", "a"}, Stdout: "a\n"},
	{Args: []string{}, Stdin: "x", Stdout: "x\n"},
	{Args: []string{"-z"}, Stdin: "x", Stdout: "x\x00"},
	{Args: []string{}},
	{Args: []string{"-i", "-1-5"}, Stderr: "shuf: invalid number ''\n", Code: 1},
	{Args: []string{"-i", " 1-5"}, Stderr: "shuf: invalid number ' 1'\n", Code: 1},
	{Args: []string{"-o", "/nonexistent/x", "-e", "a"}, Stderr: "shuf: can't open '/nonexistent/x': No such file or directory\n", Code: 1},
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
	if err := os.WriteFile(filepath.Join(dir, "n"), []byte("1\n2\n3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := applettest.RunIn(t, dir, &Applet, "-o", "n", "n")
	got, _ := os.ReadFile(filepath.Join(dir, "n"))
	if l := strings.Fields(string(got)); r.Code != 0 || len(l) != 3 {
		t.Errorf("shuf -o n n: status %d, n is %q", r.Code, got)
	}
}
