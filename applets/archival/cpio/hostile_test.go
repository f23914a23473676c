package cpio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestHostile extracts archives that try to write outside the current
// directory and checks that nothing outside changed.
func TestHostile(t *testing.T) {
	tests := []struct {
		name, archive string
		code          int
		errs          string // a line stderr must hold
	}{
		{"dotdot", ent("../outside/evil", 0o100644, 1, 1, "x"), 0, "removing leading '../'"},
		{"inner dotdot", ent("a/../../outside/evil", 0o100644, 1, 1, "x"), 0, "removing leading 'a/../../'"},
		{"absolute", ent("/outside/evil", 0o100644, 1, 1, "x"), 0, ""},
		{"symlink then file", ent("l", 0o120777, 1, 1, "../outside") + ent("l/evil", 0o100644, 1, 2, "x"), 1, ""},
		{"absolute symlink then file", ent("l", 0o120777, 1, 1, "OUTSIDE") + ent("l/evil", 0o100644, 1, 2, "x"), 1, ""},
		{"symlink then dir", ent("l", 0o120777, 1, 1, "../outside") + ent("l/d", 0o40755, 1, 2, ""), 1, ""},
		{"hard link out", ent("h", 0o100644, 2, 7, "") + ent("../outside/victim", 0o100644, 2, 7, "x"), 0, ""},
		{"huge size", ent("f", 0o100644, 1, 1, "")[:54] + "FFFFFFFF" + ent("f", 0o100644, 1, 1, "")[62:], 1, "cpio: short read"},
		{"truncated", ent("f", 0o100644, 1, 1, "hello")[:100], 1, "cpio: short read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top := t.TempDir()
			outside := filepath.Join(top, "outside")
			work := filepath.Join(top, "work")
			os.Mkdir(outside, 0o755)
			os.Mkdir(work, 0o755)
			os.WriteFile(filepath.Join(outside, "victim"), []byte("keep"), 0o644)
			archive := strings.ReplaceAll(tt.archive, "OUTSIDE", outside)
			if strings.Contains(tt.archive, "OUTSIDE") {
				// The target length changed: rebuild the entry.
				archive = ent("l", 0o120777, 1, 1, outside) + ent("l/evil", 0o100644, 1, 2, "x")
			}
			if !strings.HasPrefix(tt.name, "huge") && !strings.HasPrefix(tt.name, "trunc") {
				archive += trailer()
			}
			r := applettest.Cmd{Args: []string{"-id"}, Dir: work, Stdin: archive}.Run(t, &Applet)
			if r.Code != tt.code || !strings.Contains(r.Stderr, tt.errs) {
				t.Errorf("got %d %q, want %d and %q", r.Code, r.Stderr, tt.code, tt.errs)
			}
			ents, _ := os.ReadDir(outside)
			if len(ents) != 1 {
				t.Errorf("outside holds %d entries", len(ents))
			}
			if b, _ := os.ReadFile(filepath.Join(outside, "victim")); string(b) != "keep" {
				t.Errorf("victim: %q", b)
			}
		})
	}
}
