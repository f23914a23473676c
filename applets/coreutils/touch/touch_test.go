package touch

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applettest"
)

func times(t *testing.T, path string) (atime, mtime time.Time) {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Lstat(path, &st); err != nil {
		t.Fatal(err)
	}
	return time.Unix(st.Atim.Sec, st.Atim.Nsec).UTC(), time.Unix(st.Mtim.Sec, st.Mtim.Nsec).UTC()
}

func TestTouch(t *testing.T) {
	const layout = "2006-01-02 15:04:05.000000000"
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	ref := time.Date(1999, 12, 31, 23, 59, 58, 500, time.UTC)
	tests := []struct {
		name         string
		args         []string
		stderr       string
		code         int
		file         string // checked file
		exists       bool
		atime, mtime string // "now" for about now, "old" for unchanged
	}{
		{"create", []string{"new"}, "", 0, "new", true, "now", "now"},
		{"no create", []string{"-c", "new"}, "", 0, "new", false, "", ""},
		{"update", []string{"f"}, "", 0, "f", true, "now", "now"},
		{"date", []string{"-d", "2000-01-02 03:04:05", "f"}, "", 0, "f", true, "2000-01-02 03:04:05.000000000", "2000-01-02 03:04:05.000000000"},
		{"stamp", []string{"-t", "200102030405.06", "new"}, "", 0, "new", true, "2001-02-03 04:05:06.000000000", "2001-02-03 04:05:06.000000000"},
		{"last of d t", []string{"-t", "200102030405.06", "-d", "@0", "f"}, "", 0, "f", true, "1970-01-01 00:00:00.000000000", "1970-01-01 00:00:00.000000000"},
		{"atime only", []string{"-a", "-d", "@0", "f"}, "", 0, "f", true, "1970-01-01 00:00:00.000000000", "old"},
		{"mtime only", []string{"-m", "-d", "@0", "f"}, "", 0, "f", true, "old", "1970-01-01 00:00:00.000000000"},
		{"a and m", []string{"-am", "-d", "@0", "f"}, "", 0, "f", true, "1970-01-01 00:00:00.000000000", "1970-01-01 00:00:00.000000000"},
		{"reference", []string{"-r", "ref", "f", "new"}, "", 0, "new", true, "1999-12-31 23:59:58.000000500", "1999-12-31 23:59:58.000000500"},
		{"long reference", []string{"--reference=ref", "f"}, "", 0, "f", true, "1999-12-31 23:59:58.000000500", "1999-12-31 23:59:58.000000500"},
		{"no symlink follow", []string{"-h", "-d", "@5", "link"}, "", 0, "link", true, "1970-01-01 00:00:05.000000000", "1970-01-01 00:00:05.000000000"},
		{"missing dir", []string{"no/x", "new"}, "touch: no/x: No such file or directory\n", 1, "new", true, "now", "now"},
		{"bad ref", []string{"-r", "nofile", "f"}, "touch: can't stat 'nofile': No such file or directory\n", 1, "f", true, "old", "old"},
		{"bad date", []string{"-d", "x", "f"}, "touch: invalid date 'x'\n", 1, "f", true, "old", "old"},
		// validate_tm_time rejects mktime's error value, and localtime
		// a year beyond C's int.
		{"mktime error value", []string{"-d", "@-1", "f"}, "touch: invalid date '@-1'\n", 1, "f", true, "old", "old"},
		{"mktime error date", []string{"-d", "1969-12-31 23:59:59", "new"}, "touch: invalid date '1969-12-31 23:59:59'\n", 1, "new", false, "", ""},
		{"before epoch", []string{"-d", "@-2", "f"}, "", 0, "f", true, "1969-12-31 23:59:58.000000000", "1969-12-31 23:59:58.000000000"},
		{"epoch too late", []string{"-d", "@9223372036854775807", "f"}, "touch: invalid date '@9223372036854775807'\n", 1, "f", true, "old", "old"},
		{"epoch plus", []string{"-d", "@+5", "f"}, "touch: invalid date '@+5'\n", 1, "f", true, "old", "old"},
		{"ignored f", []string{"-f", "-c", "f"}, "", 0, "f", true, "now", "now"},
		{"r and t", []string{"-r", "ref", "-t", "0101", "f"}, "usage", 1, "f", true, "old", "old"},
		{"no args", nil, "usage", 1, "f", true, "old", "old"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, n := range []string{"f", "ref"} {
				if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			os.Chtimes(filepath.Join(dir, "f"), old, old)
			os.Chtimes(filepath.Join(dir, "ref"), ref, ref)
			os.Symlink("nowhere", filepath.Join(dir, "link"))
			start := time.Now().Add(-time.Second)
			r := applettest.Cmd{Args: tt.args, Dir: dir}.Run(t, &Applet)
			if r.Code != tt.code || r.Stdout != "" {
				t.Errorf("status %d stdout %q, want %d", r.Code, r.Stdout, tt.code)
			}
			if tt.stderr == "usage" {
				if !strings.Contains(r.Stderr, "Usage: touch") {
					t.Errorf("stderr %q, want usage", r.Stderr)
				}
			} else if r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
			p := filepath.Join(dir, tt.file)
			_, err := os.Lstat(p)
			if (err == nil) != tt.exists {
				t.Fatalf("%s exists: %v, want %v", tt.file, err == nil, tt.exists)
			}
			if !tt.exists {
				return
			}
			at, mt := times(t, p)
			check := func(what string, got time.Time, want string) {
				switch want {
				case "now":
					if got.Before(start) || got.After(time.Now().Add(time.Second)) {
						t.Errorf("%s = %v, want about now", what, got)
					}
				case "old":
					if !got.Equal(old) {
						t.Errorf("%s = %v, want unchanged %v", what, got, old)
					}
				default:
					if got.Format(layout) != want {
						t.Errorf("%s = %s, want %s", what, got.Format(layout), want)
					}
				}
			}
			check("atime", at, tt.atime)
			check("mtime", mt, tt.mtime)
		})
	}
}

func TestTouchCreateMode(t *testing.T) {
	dir := t.TempDir()
	applettest.ProcessUmask(t, 0o022)
	applettest.RunIn(t, dir, &Applet, "a").Expect(t, "", 0)
	st, err := os.Stat(filepath.Join(dir, "a"))
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", st.Mode(), err)
	}
}
