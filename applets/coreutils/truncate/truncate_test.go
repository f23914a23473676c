package truncate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		args   []string
		before int64 // size of "f" before; -1: absent
		size   int64 // size of "f" after; -1: absent
		stderr string
		code   int
	}{
		{[]string{"-s", "10", "f"}, -1, 10, "", 0},
		{[]string{"-s", "0", "f"}, 100, 0, "", 0},
		{[]string{"-s", "5k", "f"}, -1, 5120, "", 0},
		{[]string{"-s", "1kB", "f"}, -1, 1000, "", 0},
		{[]string{"-s", "1KD", "f"}, -1, 1000, "", 0},
		{[]string{"-s", "2M", "f"}, -1, 2 << 20, "", 0},
		{[]string{"-s", "1G", "f"}, -1, 1 << 30, "", 0},
		{[]string{"-c", "-s", "10", "f"}, -1, -1, "", 0},
		{[]string{"-c", "-s", "10", "f"}, 3, 10, "", 0},
		{[]string{"-s", "+5", "f"}, 10, 15, "", 0},
		{[]string{"-s", "-5", "f"}, 10, 5, "", 0},
		{[]string{"-s", "-50", "f"}, 10, 0, "", 0},
		{[]string{"-s", "<5", "f"}, 10, 5, "", 0},
		{[]string{"-s", ">5", "f"}, 10, 10, "", 0},
		{[]string{"-s", "/4", "f"}, 10, 8, "", 0},
		{[]string{"-s", "%4", "f"}, 10, 12, "", 0},
		{[]string{"-s", "%0", "f"}, 10, 10, "truncate: invalid number '%0'\n", 1},
		{[]string{"-s", "1x", "f"}, -1, -1, "truncate: invalid number '1x'\n", 1},
		{[]string{"-s", "1b", "f"}, -1, -1, "truncate: invalid number '1b'\n", 1},
		{[]string{"-s", " 1", "f"}, -1, -1, "truncate: invalid number ' 1'\n", 1},
		{[]string{"-s", "1", "nd/x", "f"}, -1, 1, "truncate: nd/x: open: No such file or directory\n", 1},
		{[]string{"-s", "1", "."}, -1, -1, "truncate: .: open: Is a directory\n", 1},
		{[]string{"f"}, -1, -1, "-", 1},
		{[]string{"-s", "1"}, -1, -1, "-", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := t.TempDir()
			f := filepath.Join(dir, "f")
			if tt.before >= 0 {
				if err := os.WriteFile(f, make([]byte, tt.before), 0644); err != nil {
					t.Fatal(err)
				}
			}
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, "", tt.code)
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
			st, err := os.Stat(f)
			switch {
			case tt.size < 0 && err == nil:
				t.Errorf("f exists with size %d, want absent", st.Size())
			case tt.size >= 0 && err != nil:
				t.Errorf("f: %v, want size %d", err, tt.size)
			case tt.size >= 0 && st.Size() != tt.size:
				t.Errorf("f has size %d, want %d", st.Size(), tt.size)
			}
		})
	}
}
