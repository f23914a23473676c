package chmod

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestChmod(t *testing.T) {
	applettest.ProcessUmask(t, 0o22)
	tests := []struct {
		name   string
		args   []string
		out    string
		errOut string
		code   int
		modes  map[string]os.FileMode
	}{
		{name: "octal", args: []string{"755", "f"}, modes: map[string]os.FileMode{"f": 0o755}},
		{name: "symbolic verbose", args: []string{"-v", "u+x,g-r", "f"},
			out: "mode of 'f' changed to 0704 (rwx---r--)\n", modes: map[string]os.FileMode{"f": 0o704}},
		{name: "-c unchanged", args: []string{"-c", "644", "f"}, modes: map[string]os.FileMode{"f": 0o644}},
		{name: "-c changed", args: []string{"-c", "600", "f"}, out: "mode of 'f' changed to 0600 (rw-------)\n"},
		{name: "dash mode", args: []string{"-w", "f"}, modes: map[string]os.FileMode{"f": 0o444}},
		{name: "dash mode after -R", args: []string{"-R", "-r", "d"}, modes: map[string]os.FileMode{"d/x": 0o200}},
		{name: "recursive X", args: []string{"-R", "a+X", "d"}, modes: map[string]os.FileMode{"d": 0o711, "d/x": 0o644}},
		{name: "link followed at top", args: []string{"600", "lf"}, modes: map[string]os.FileMode{"f": 0o600}},
		{name: "link skipped inside", args: []string{"-R", "600", "d"}, modes: map[string]os.FileMode{"f": 0o644, "d/x": 0o600}},
		{name: "setuid string", args: []string{"-v", "4755", "f"}, out: "mode of 'f' changed to 4755 (rwsr-xr-x)\n"},
		{name: "sticky string", args: []string{"-v", "1644", "f"}, out: "mode of 'f' changed to 1644 (rw-r--r-T)\n"},
		{name: "missing", args: []string{"644", "nope", "f"}, errOut: "chmod: nope: No such file or directory\n", code: 1},
		{name: "missing -f", args: []string{"-f", "644", "nope"}, errOut: "chmod: nope: No such file or directory\n", code: 1},
		{name: "bad mode", args: []string{"bad", "f"}, errOut: "chmod: invalid mode 'bad'\n", code: 1},
		{name: "usage", args: []string{"644"}, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			os.WriteFile(p("f"), nil, 0o644)
			os.Mkdir(p("d"), 0o700)
			os.WriteFile(p("d/x"), nil, 0o644)
			os.Symlink("../f", p("d/lf"))
			os.Symlink("f", p("lf"))
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for f, m := range tt.modes {
				fi, err := os.Stat(p(f))
				if err != nil || fi.Mode().Perm() != m {
					t.Errorf("%s: %v %v, want %v", f, fi, err, m)
				}
			}
		})
	}
}
