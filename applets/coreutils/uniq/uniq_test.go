package uniq

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestOutputFile: OUTFILE is created with the Ctx's umask, truncated,
// and may be INPUT itself (which it then empties first, as in BusyBox).
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	mask := uint32(0o077)
	r := applettest.Cmd{Args: []string{"-", "out"}, Dir: dir, Stdin: "a\na\nb\n", Umask: &mask}.Run(t, &Applet)
	got, _ := os.ReadFile(filepath.Join(dir, "out"))
	st, err := os.Stat(filepath.Join(dir, "out"))
	if r.Code != 0 || string(got) != "a\nb\n" || err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("uniq - out: status %d, %q, mode %v", r.Code, got, st.Mode())
	}
	r = applettest.Cmd{Args: []string{"out", "out"}, Dir: dir}.Run(t, &Applet)
	if got, _ := os.ReadFile(filepath.Join(dir, "out")); r.Code != 0 || len(got) != 0 {
		t.Errorf("uniq out out: status %d, left %q", r.Code, got)
	}
}

// TestLongLines compares lines longer than any buffer.
func TestLongLines(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	in := long + "\n" + long + "\n" + long + "y\n"
	r := applettest.Cmd{Args: []string{"-c"}, Stdin: in}.Run(t, &Applet)
	if want := "      2 " + long + "\n      1 " + long + "y\n"; r.Stdout != want || r.Code != 0 {
		t.Errorf("uniq -c of 1 MB lines: status %d, output right: %v", r.Code, r.Stdout == want)
	}
}
