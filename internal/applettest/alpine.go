package applettest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// AlpineCase is one run of an applet and what Alpine's BusyBox gave for
// it (the expected values were taken from it, in its chroot): standard
// output, standard error (up to the usage text when Usage is set) and
// the exit status.
type AlpineCase struct {
	Args           []string
	Stdin          string
	Stdout, Stderr string
	Code           int
	Usage          bool
}

// RunAlpineCases runs applet a on each case in a fresh directory holding
// files (name -> content, mode 0644) and the empty directories dirs, with
// the environment env, and compares standard output, standard error and
// exit status with the case's, which come from Alpine's BusyBox. When a
// case's Usage is set, standard error is compared only up to the usage
// text, which must be present.
func RunAlpineCases(t *testing.T, a *applet.Applet, env []string, files map[string]string, dirs []string, cases []AlpineCase) {
	t.Helper()
	for _, tc := range cases {
		dir := t.TempDir()
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range dirs {
			if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		r := Cmd{Args: tc.Args, Dir: dir, Stdin: tc.Stdin, Env: env}.Run(t, a)
		stderr := r.Stderr
		if tc.Usage {
			i := strings.Index(stderr, "Usage: "+a.Name)
			j := strings.LastIndex(stderr[:max(i, 0)], "gobox ")
			if i < 0 || j < 0 {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.Args, stderr)
				continue
			}
			stderr = stderr[:j]
		}
		if r.Stdout != tc.Stdout || stderr != tc.Stderr || r.Code != tc.Code {
			t.Errorf("%s %q <<< %q:\ngot  %q %q %d\nwant %q %q %d", a.Name, tc.Args, tc.Stdin, r.Stdout, stderr, r.Code, tc.Stdout, tc.Stderr, tc.Code)
		}
	}
}
