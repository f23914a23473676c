package mktemp

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestMktemp(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     []string
		pattern string // regexp of stdout; "%D" is the test's directory
		kind    string // "file", "dir" or "" (nothing created)
		stderr  string
		code    int
	}{
		{"default", nil, []string{"TMPDIR=%D"}, `%D/tmp\.[A-Za-z0-9]{6}\n`, "file", "", 0},
		{"template", []string{"fooXXXXXX"}, nil, `foo[A-Za-z0-9]{6}\n`, "file", "", 0},
		{"seven X", []string{"fooXXXXXXX"}, nil, `fooX[A-Za-z0-9]{6}\n`, "file", "", 0},
		{"dir", []string{"-d", "dXXXXXX"}, nil, `d[A-Za-z0-9]{6}\n`, "dir", "", 0},
		{"-t", []string{"-t", "aXXXXXX"}, []string{"TMPDIR=%D"}, `%D/a[A-Za-z0-9]{6}\n`, "file", "", 0},
		{"-p", []string{"-p", "%D", "aXXXXXX"}, []string{"TMPDIR=/nonexistent"}, `%D/a[A-Za-z0-9]{6}\n`, "file", "", 0},
		{"--tmpdir=", []string{"--tmpdir=%D", "-d"}, nil, `%D/tmp\.[A-Za-z0-9]{6}\n`, "dir", "", 0},
		{"-u", []string{"-u"}, []string{"TMPDIR=%D"}, `%D/tmp\.[A-Za-z0-9]{6}\n`, "", "", 0},
		{"no X", []string{"foo"}, nil, ``, "", "mktemp: Invalid argument\n", 1},
		{"no X quiet", []string{"-q", "foo"}, nil, ``, "", "", 1},
		{"bad dir", []string{"-p", "/nonexistent"}, nil, ``, "", "mktemp: No such file or directory\n", 1},
		{"missing dir", []string{"/nonexistent/XXXXXX"}, nil, ``, "", "mktemp: No such file or directory\n", 1},
		{"-d missing dir", []string{"-d", "/nonexistent/XXXXXX"}, nil, ``, "", "mktemp: No such file or directory\n", 1},
		{"-u missing dir", []string{"-u", "/nonexistent/XXXXXX"}, nil, `/nonexistent/[A-Za-z0-9]{6}\n`, "", "", 0},
		{"five X", []string{"fooXXXXX"}, nil, ``, "", "mktemp: Invalid argument\n", 1},
		{"two args", []string{"a", "b"}, nil, ``, "", "-", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			sub := func(s string) string { return strings.ReplaceAll(s, "%D", dir) }
			var args, env []string
			for _, a := range tt.args {
				args = append(args, sub(a))
			}
			for _, e := range tt.env {
				env = append(env, sub(e))
			}
			r := applettest.Cmd{Args: args, Dir: dir, Env: env}.Run(t, &Applet)
			re := regexp.MustCompile("^" + strings.ReplaceAll(tt.pattern, "%D", regexp.QuoteMeta(dir)) + "$")
			if r.Code != tt.code || !re.MatchString(r.Stdout) {
				t.Fatalf("got %q status %d (stderr %q), want /%s/ status %d", r.Stdout, r.Code, r.Stderr, sub(tt.pattern), tt.code)
			}
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
			name := strings.TrimSuffix(r.Stdout, "\n")
			if name == "" {
				return
			}
			if !filepath.IsAbs(name) {
				name = filepath.Join(dir, name)
			}
			st, err := os.Lstat(name)
			switch tt.kind {
			case "":
				if err == nil {
					t.Errorf("%s was created", name)
				}
			case "file":
				if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0600 {
					t.Errorf("%s: %v %v, want a 0600 file", name, st, err)
				}
			case "dir":
				if err != nil || !st.IsDir() || st.Mode().Perm() != 0700 {
					t.Errorf("%s: %v %v, want a 0700 directory", name, st, err)
				}
			}
		})
	}
}
