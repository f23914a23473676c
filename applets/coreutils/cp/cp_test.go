package cp

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applettest"
)

// setup builds: f ("hi\n", 0640, mtime 2001), d/x, lf -> f, ld -> d, hl (hard link of f).
func setup(t *testing.T) string {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	os.WriteFile(p("f"), []byte("hi\n"), 0o640)
	os.Chmod(p("f"), 0o640)
	os.Mkdir(p("d"), 0o755)
	os.WriteFile(p("d/x"), []byte("x"), 0o644)
	os.Symlink("f", p("lf"))
	os.Symlink("d", p("ld"))
	os.Link(p("f"), p("hl"))
	mt := time.Date(2001, 2, 3, 4, 5, 6, 123456789, time.UTC)
	os.Chtimes(p("f"), mt, mt)
	return dir
}

func TestCp(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		out    string
		errOut string
		code   int
		check  func(t *testing.T, p func(string) string)
	}{
		{name: "file", args: []string{"f", "g"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("g"), "hi\n", 0o640)
		}},
		{name: "into dir verbose", args: []string{"-v", "f", "d"}, out: "'f' -> 'd/f'\n", check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("d/f"), "hi\n", 0o640)
		}},
		{name: "missing", args: []string{"nope", "g"}, errOut: "cp: can't stat 'nope': No such file or directory\n", code: 1},
		{name: "same file", args: []string{"f", "hl"}, errOut: "cp: 'f' and 'hl' are the same file\n", code: 1},
		{name: "omit dir", args: []string{"d", "f", "ld", "e"}, code: 1},
		{name: "dir without -r", args: []string{"d", "lf", "ld", "d"},
			errOut: "cp: omitting directory 'd'\ncp: omitting directory 'ld'\n", code: 1},
		{name: "follows link", args: []string{"lf", "g"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("g"), "hi\n", 0o640)
		}},
		{name: "-d keeps link", args: []string{"-d", "lf", "g"}, check: func(t *testing.T, p func(string) string) {
			if l, _ := os.Readlink(p("g")); l != "f" {
				t.Errorf("g -> %q", l)
			}
		}},
		{name: "-r", args: []string{"-r", "d", "e"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("e/x"), "x", 0o644)
		}},
		{name: "-r into itself", args: []string{"-r", "d", "ld"},
			errOut: "cp: recursion detected, omitting directory 'd/d'\n", code: 1, check: func(t *testing.T, p func(string) string) {
				wantFile(t, p("d/d/x"), "x", 0o644)
			}},
		{name: "recursion", args: []string{"-r", "d", "d/sub"},
			errOut: "cp: recursion detected, omitting directory 'd/sub'\n", code: 1},
		{name: "-a", args: []string{"-a", ".", "../a"}, code: 0},
		{name: "-p times", args: []string{"-p", "f", "g"}, check: func(t *testing.T, p func(string) string) {
			fi, _ := os.Stat(p("g"))
			if fi.ModTime().UnixNano() != time.Date(2001, 2, 3, 4, 5, 6, 123456789, time.UTC).UnixNano() {
				t.Errorf("mtime %v", fi.ModTime())
			}
		}},
		{name: "-T dir", args: []string{"-T", "f", "d"}, errOut: "cp: 'd' is a directory\n", code: 1},
		{name: "-t", args: []string{"-t", "d", "f", "lf"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("d/f"), "hi\n", 0o640)
			wantFile(t, p("d/lf"), "hi\n", 0o640)
		}},
		{name: "-n", args: []string{"-n", "f", "d/x"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("d/x"), "x", 0o644)
		}},
		{name: "-i no", args: []string{"-i", "f", "d/x"}, stdin: "n\n", errOut: "cp: overwrite 'd/x'? ",
			check: func(t *testing.T, p func(string) string) { wantFile(t, p("d/x"), "x", 0o644) }},
		{name: "-i yes", args: []string{"-i", "f", "d/x"}, stdin: "y\n", errOut: "cp: overwrite 'd/x'? ",
			check: func(t *testing.T, p func(string) string) { wantFile(t, p("d/x"), "hi\n", 0o640) }},
		{name: "overwrite replaces symlink", args: []string{"d/x", "lf"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("lf"), "x", 0o644)
			wantFile(t, p("f"), "hi\n", 0o640)
		}},
		{name: "-s", args: []string{"-s", "f", "s"}, check: func(t *testing.T, p func(string) string) {
			if l, _ := os.Readlink(p("s")); l != "f" {
				t.Errorf("s -> %q", l)
			}
		}},
		{name: "-l", args: []string{"-l", "f", "h2"}, check: func(t *testing.T, p func(string) string) {
			sameFile(t, p("f"), p("h2"))
		}},
		{name: "-ls", args: []string{"-l", "-s", "f", "h2"}, code: 1},
		{name: "hard links kept", args: []string{"-d", "f", "hl", "d"}, check: func(t *testing.T, p func(string) string) {
			sameFile(t, p("d/f"), p("d/hl"))
		}},
		{name: "--parents", args: []string{"--parents", "d/x", "ld"}, check: func(t *testing.T, p func(string) string) {
			wantFile(t, p("d/d/x"), "x", 0o644)
		}},
		{name: "--parents not dir", args: []string{"--parents", "f", "g"},
			errOut: "cp: with --parents, the destination must be a directory\n", code: 1},
		{name: "no dest dir", args: []string{"f", "nodir/g"}, errOut: "cp: can't create 'nodir/g': No such file or directory\n", code: 1},
		{name: "usage", args: []string{"f"}, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t)
			r := applettest.Cmd{Args: tt.args, Dir: dir, Stdin: tt.stdin}.Run(t, &Applet)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			if tt.check != nil {
				tt.check(t, func(s string) string { return filepath.Join(dir, s) })
			}
		})
	}
}

func TestCpArchive(t *testing.T) {
	dir := setup(t)
	p := func(s string) string { return filepath.Join(dir, s) }
	syscall.Mkfifo(p("d/fifo"), 0o600)
	os.Link(p("d/x"), p("d/x2"))
	os.Symlink("x", p("d/lx"))
	os.Chmod(p("d"), 0o751)
	mt := time.Date(2002, 1, 1, 0, 0, 0, 5, time.UTC)
	os.Chtimes(p("d"), mt, mt)
	r := applettest.RunIn(t, dir, &Applet, "-a", "d", "e")
	r.Expect(t, "", 0)
	fi, err := os.Stat(p("e"))
	if err != nil || fi.Mode().Perm() != 0o751 || !fi.ModTime().Equal(mt) {
		t.Errorf("e: %v %v", fi, err)
	}
	if fi, err := os.Lstat(p("e/fifo")); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("fifo: %v %v", fi, err)
	}
	sameFile(t, p("e/x"), p("e/x2"))
	if l, _ := os.Readlink(p("e/lx")); l != "x" {
		t.Errorf("lx -> %q", l)
	}
}

func wantFile(t *testing.T, path, data string, perm os.FileMode) {
	t.Helper()
	b, err := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if err != nil || string(b) != data || fi.Mode().Perm() != perm {
		t.Errorf("%s: %q %v %v, want %q %v", path, b, err, fi, data, perm)
	}
}

func sameFile(t *testing.T, a, b string) {
	t.Helper()
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil || !os.SameFile(fa, fb) {
		t.Errorf("%s and %s are not the same file", a, b)
	}
}

// TestCpUmask checks that cp takes the umask from its Ctx (the shell
// scopes it per subshell), not from the process: files, directories and
// --parents' directories lose its bits, as BusyBox's do under that umask.
func TestCpUmask(t *testing.T) {
	for _, tt := range []struct {
		umask         uint32
		file, dir, up os.FileMode // t/d/x (source 0644), t/d (source 0751), p/d (made by --parents)
	}{
		{0o022, 0o644, 0o751, 0o755},
		{0o077, 0o600, 0o700, 0o700},
		{0o027, 0o640, 0o750, 0o750},
	} {
		dir := setup(t)
		p := func(s string) string { return filepath.Join(dir, s) }
		os.Chmod(p("d"), 0o751)
		os.Mkdir(p("p"), 0o755)
		um := tt.umask
		for _, args := range [][]string{{"-r", "d", "t"}, {"--parents", "d/x", "p"}} {
			r := applettest.Cmd{Args: args, Dir: dir, Umask: &um}.Run(t, &Applet)
			r.Expect(t, "", 0)
		}
		for _, c := range []struct {
			name string
			want os.FileMode
		}{{"t/x", tt.file}, {"t", tt.dir}, {"p/d", tt.up}, {"p/d/x", tt.file}} {
			if fi, err := os.Stat(p(c.name)); err != nil || fi.Mode().Perm() != c.want {
				t.Errorf("umask %03o: %s: %v %v, want %v", tt.umask, c.name, fi.Mode().Perm(), err, c.want)
			}
		}
	}
}
