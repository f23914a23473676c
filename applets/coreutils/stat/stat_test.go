package stat

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applettest"
)

func TestStatFormat(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	os.WriteFile(f, []byte("hello"), 0644)
	syscall.Chmod(f, 04755)
	mt := time.Date(2024, 1, 2, 3, 4, 5, 123456789, time.UTC)
	os.Chtimes(f, mt, mt)
	os.Mkdir(filepath.Join(dir, "d"), 0755)
	os.Symlink("f", filepath.Join(dir, "l"))
	os.WriteFile(filepath.Join(dir, "empty"), nil, 0600)
	tests := []struct {
		args   []string
		out    string
		stderr string
		code   int
	}{
		{[]string{"-c", "%n %s %a %A %F %f", "f"}, "f 5 4755 -rwsr-xr-x regular file 89ed\n", "", 0},
		{[]string{"-c", "%y|%Y|%X", "f"}, "2024-01-02 03:04:05.123456789 +0000|1704164645|1704164645\n", "", 0},
		{[]string{"-c", "%F %A", "d", "l", "empty"}, "directory drwxr-xr-x\nsymbolic link lrwxrwxrwx\nregular empty file -rw-------\n", "", 0},
		{[]string{"-L", "-c", "%F", "l"}, "regular file\n", "", 0},
		{[]string{"-c", "%N", "l", "f"}, "'l' -> 'f'\nf\n", "", 0},
		{[]string{"-c", "[%-6s][%6s][%06s][%.3s][%#a][%5.2q]", "f"}, "[5     ][     5][000005][005][04755][    q]\n", "", 0},
		{[]string{"-c", "%+Y %%|%B", "f"}, "+1704164645 %|512\n", "", 0},
		{[]string{"-c", "100%", "f"}, "100%", "", 0},
		{[]string{"-c", "", "f"}, "\n", "", 0},
		{[]string{"--format=%s", "f"}, "5\n", "", 0},
		{[]string{"-c", "%s", "nx", "f"}, "5\n", "stat: can't stat 'nx': No such file or directory\n", 1},
		{[]string{"-f", "-c", "%n", "nx"}, "", "stat: can't read file system information for 'nx': No such file or directory\n", 1},
		{nil, "", "-", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
		})
	}
}

func TestStatLayouts(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	os.WriteFile(f, []byte("hello"), 0644)
	mt := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	os.Chtimes(f, mt, mt)
	os.Chown(f, 0, 0)
	r := applettest.RunIn(t, dir, &Applet, "-t", "f")
	want := applettest.RunIn(t, dir, &Applet, "-c", "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o", "f").Stdout
	r.Expect(t, want, 0)

	r = applettest.RunIn(t, dir, &Applet, "f")
	lines := strings.Split(r.Stdout, "\n")
	if len(lines) != 8 || lines[0] != "  File: f" ||
		!strings.HasPrefix(lines[1], "  Size: 5         \tBlocks: ") ||
		!strings.HasPrefix(lines[3], "Access: (0644/-rw-r--r--)  Uid: (    0/") ||
		lines[5] != "Modify: 2024-01-02 03:04:05.000000000 +0000" {
		t.Errorf("default layout:\n%s", r.Stdout)
	}

	r = applettest.RunIn(t, dir, &Applet, "/dev/null")
	if !strings.Contains(r.Stdout, "Device type: 1,3\n") || !strings.Contains(r.Stdout, "character special file") {
		t.Errorf("device layout:\n%s", r.Stdout)
	}

	r = applettest.RunIn(t, dir, &Applet, "-f", ".")
	if !strings.HasPrefix(r.Stdout, "  File: \".\"\n    ID: ") || !strings.Contains(r.Stdout, "\nBlock size: ") {
		t.Errorf("file system layout:\n%s", r.Stdout)
	}
	r = applettest.RunIn(t, dir, &Applet, "-f", "-c", "%n %l %S", "/")
	if !strings.HasPrefix(r.Stdout, "/ ") || r.Code != 0 {
		t.Errorf("-f -c: %q %d", r.Stdout, r.Code)
	}
}
