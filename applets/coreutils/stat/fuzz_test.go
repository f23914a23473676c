package stat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// FuzzFormat runs stat -c with arbitrary formats on a file, a directory
// and a symbolic link: no panics or huge output, status 0, and a format
// without % printed as it is, once per file.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{
		"%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o", "%N", "%a %A %F", "[%-6s][%6s][%06s][%.3s][%#a][%5.2q]",
		"%+Y %%|%B", "100%", "", "%", "%%", "%#x%#o", "%I5d", "%1.2.3s", "%-08.3i", "%x %y %z", "%U %G",
		"%99999999999s|", "%.99999999999d|", "%c %l %S %i %t %T", "plain", "% +d",
	} {
		f.Add(s, false, false)
		f.Add(s, true, false)
		f.Add(s, false, true)
	}
	dir := f.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("hello"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.Symlink("f", filepath.Join(dir, "l"))
	f.Fuzz(func(t *testing.T, format string, follow, fs bool) {
		if len(format) > 256 {
			return
		}
		run := 0
		for i := 0; i < len(format); i++ {
			if format[i] >= '0' && format[i] <= '9' {
				if run++; run > 4 {
					return
				}
			} else {
				run = 0
			}
		}
		args := []string{"-c", format}
		if follow {
			args = append(args, "-L")
		}
		if fs {
			args = append(args, "-f")
		}
		args = append(args, "f", "d", "l")
		r := applettest.Cmd{Args: args, Dir: dir}.Run(t, &Applet)
		if r.Code != 0 || r.Stderr != "" {
			t.Fatalf("stat %q: status %d, %q", args, r.Code, r.Stderr)
		}
		// Widths have at most four digits.
		if len(r.Stdout) > 3*(len(format)+strings.Count(format, "%")*(10000+64)+1) {
			t.Fatalf("stat %q: %d bytes", args, len(r.Stdout))
		}
		if !strings.Contains(format, "%") && r.Stdout != strings.Repeat(format+"\n", 3) {
			t.Fatalf("stat %q = %q", args, r.Stdout)
		}
	})
}

// TestFuzzRegressions holds inputs that crashed: a width beyond C's int
// used to build a string of that many bytes (or wrapped negative).
func TestFuzzRegressions(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("hello"), 0o644)
	applettest.RunIn(t, dir, &Applet, "-c", "a%99999999999sb%.99999999999nc%999999999999999999999999Yd", "f").Expect(t, "abcd\n", 0)
}
