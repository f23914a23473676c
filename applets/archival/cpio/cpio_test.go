package cpio

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gobox/internal/applettest"
)

// ent is a newc entry as BusyBox writes it, for hand-made archives.
func ent(name string, mode, nlink, ino uint32, data string) string {
	ns := len(name) + 1
	h := fmt.Sprintf("070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\x00",
		ino, mode, 0, 0, nlink, 1577934245, len(data), 0, 0, 0, 0, ns, 0, name)
	h += strings.Repeat("\x00", (4-len(h)%4)%4)
	return h + data + strings.Repeat("\x00", (4-len(data)%4)%4)
}

func trailer() string {
	return "070701" + strings.Repeat("0", 88) + "0000000B00000000TRAILER!!!\x00\x00\x00\x00"
}

// tree makes the files of a test: name to content, "/" suffix for a
// directory, "->" prefix for a symlink's target.
func tree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		var err error
		switch {
		case strings.HasSuffix(name, "/"):
			err = os.MkdirAll(p, 0o755)
		case strings.HasPrefix(data, "->"):
			err = os.Symlink(data[2:], p)
		default:
			err = os.WriteFile(p, []byte(data), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCreateList(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"f": "hello\n", "d/": "", "d/a": "a\n", "l": "->f"})
	os.Link(filepath.Join(dir, "f"), filepath.Join(dir, "h"))
	mt := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, n := range []string{"f", "d", "d/a"} {
		os.Chtimes(filepath.Join(dir, n), mt, mt)
	}
	os.Lchown(filepath.Join(dir, "l"), 0, 0)
	r := applettest.Cmd{Args: []string{"-o", "-H", "newc", "-R", "0:0"}, Dir: dir, Stdin: "f\n./d\nd/a\nh\n\n"}.Run(t, &Applet)
	if r.Code != 0 || r.Stderr != "" {
		t.Fatalf("-o: %d %q", r.Code, r.Stderr)
	}
	archive := r.Stdout
	tests := []struct {
		args         []string
		stdout, errs string
		code         int
	}{
		{[]string{"-t"}, "d\nd/a\nf\n", "2 blocks\n", 0},
		{[]string{"-t", "--quiet"}, "d\nd/a\nf\n", "", 0},
		{[]string{"-tv"}, "drwxr-xr-x 0/0         0 2020-01-02 03:04:05 d\n" +
			"-rw-r--r-- 0/0         2 2020-01-02 03:04:05 d/a\n" +
			"-rw-r--r-- 0/0         6 2020-01-02 03:04:05 f\n", "2 blocks\n", 0},
		{[]string{"-t", "d*"}, "d\nd/a\n", "2 blocks\n", 0},
		{[]string{"-i", "--to-stdout", "d/a", "f"}, "a\nhello\n", "2 blocks\n", 0},
		{[]string{"-i", "--to-stdout", "-v", "f"}, "hello\nf\n", "2 blocks\n", 0},
		{[]string{"-t", "-R", "5:6", "-v", "d"}, "drwxr-xr-x 5/6         0 2020-01-02 03:04:05 d\n", "2 blocks\n", 0},
	}
	for _, tt := range tests {
		r := applettest.Cmd{Args: tt.args, Stdin: archive}.Run(t, &Applet)
		if r.Stdout != tt.stdout || r.Stderr != tt.errs || r.Code != tt.code {
			t.Errorf("%q: got %q %q %d, want %q %q %d", tt.args, r.Stdout, r.Stderr, r.Code, tt.stdout, tt.errs, tt.code)
		}
	}
}

// TestCreateBytes pins BusyBox's layout: hard links last, in reverse,
// the data with the last one; --renumber-inodes and --ignore-devno.
func TestCreateBytes(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"a": "1\n", "c": "x"})
	os.Link(filepath.Join(dir, "a"), filepath.Join(dir, "b"))
	mt := time.Unix(1577934245, 0)
	for _, n := range []string{"a", "c"} {
		os.Chtimes(filepath.Join(dir, n), mt, mt)
	}
	r := applettest.Cmd{Args: []string{"-o", "-H", "newc", "--renumber-inodes", "--ignore-devno", "-R", "0:0"},
		Dir: dir, Stdin: "a\nc\nb\n"}.Run(t, &Applet)
	h := func(name string, ino, nlink uint32, data string) string {
		s := ent(name, 0o100644, nlink, ino, data)
		return s
	}
	want := h("c", 2, 1, "x") + h("b", 1, 2, "") + h("a", 1, 2, "1\n") + trailer()
	if r.Stdout != want || r.Code != 0 {
		t.Errorf("got %d\n%q\nwant\n%q", r.Code, r.Stdout, want)
	}
}

func TestUsageAndErrors(t *testing.T) {
	tests := []struct {
		args  []string
		stdin string
		errs  string
		code  int
	}{
		{[]string{"-o"}, "f\n", "", 1},              // usage: -o wants -H newc
		{[]string{"-o", "-H", "tar"}, "f\n", "", 1}, // usage
		{nil, "", "", 1},                            // usage
		{[]string{"-p"}, "", "", 1},                 // usage: no DIR
		{[]string{"-o", "-H", "newc"}, "nosuch\n", "cpio: nosuch: No such file or directory\n", 1},
		{[]string{"-o", "-H", "newc", "-R", "nosuchuser"}, "", "cpio: unknown user nosuchuser\n", 1},
		{[]string{"-t", "-F", "nosuch"}, "", "cpio: can't open 'nosuch': No such file or directory\n", 1},
		{[]string{"-t"}, strings.Repeat("x", 200), "cpio: unsupported cpio format, use newc or crc\n", 1},
		{[]string{"-t"}, "0707", "cpio: short read\n", 1},
		{[]string{"-t"}, "", "", 0},
		{[]string{"-i"}, ent("f", 0o100644, 1, 1, "hello")[:116], "cpio: short read\n", 1},
		{[]string{"-p", "nosuch"}, "", "cpio: can't change directory to 'nosuch': No such file or directory\n", 1},
	}
	for _, tt := range tests {
		r := applettest.Cmd{Args: tt.args, Stdin: tt.stdin}.Run(t, &Applet)
		errs := r.Stderr
		if tt.errs == "" && r.Code != 0 {
			// A usage error: only its first line matters here.
			if !strings.Contains(errs, "Usage: cpio") {
				t.Errorf("%q: want usage, got %q", tt.args, errs)
			}
			errs = ""
		}
		if errs != tt.errs || r.Code != tt.code {
			t.Errorf("%q: got %q %d, want %q %d", tt.args, r.Stderr, r.Code, tt.errs, tt.code)
		}
	}
}

func TestExtract(t *testing.T) {
	archive := ent("d", 0o40555, 2, 1, "") + ent("d/f", 0o100640, 1, 2, "data") +
		ent("l", 0o120777, 1, 3, "d/f") + ent("p", 0o10600, 1, 4, "") +
		ent("h1", 0o100644, 2, 9, "") + ent("h2", 0o100644, 2, 9, "") + ent("h3", 0o100644, 2, 9, "linked") +
		ent("z1", 0o100600, 2, 10, "") + ent("z2", 0o100600, 2, 10, "") + trailer()
	dir := t.TempDir()
	r := applettest.Cmd{Args: []string{"-idmv"}, Dir: dir, Stdin: archive}.Run(t, &Applet)
	if r.Stdout != "d\nd/f\nl\np\nh3\n" || r.Stderr != "3 blocks\n" || r.Code != 0 {
		t.Fatalf("got %q %q %d", r.Stdout, r.Stderr, r.Code)
	}
	check := func(name string, mode os.FileMode, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		fi, err := os.Lstat(p)
		if err != nil {
			t.Error(err)
			return
		}
		if fi.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", name, fi.Mode(), mode)
		}
		if fi.Mode().IsRegular() {
			if b, _ := os.ReadFile(p); string(b) != data {
				t.Errorf("%s: %q, want %q", name, b, data)
			}
		}
		if !fi.Mode().IsDir() && fi.ModTime().Unix() != 1577934245 && fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s: mtime %v", name, fi.ModTime())
		}
	}
	// The directory gets its mode after its contents (0555 would
	// refuse them to anyone but root).
	check("d", os.ModeDir|0o555, "")
	check("d/f", 0o640, "data")
	check("p", os.ModeNamedPipe|0o600, "")
	for _, h := range []string{"h1", "h2", "h3"} {
		check(h, 0o644, "linked")
	}
	check("z1", 0o600, "")
	check("z2", 0o600, "")
	var s1, s3 os.FileInfo
	s1, _ = os.Stat(filepath.Join(dir, "h1"))
	s3, _ = os.Stat(filepath.Join(dir, "h3"))
	if !os.SameFile(s1, s3) {
		t.Error("h1 is not a hard link of h3")
	}
	if l, _ := os.Readlink(filepath.Join(dir, "l")); l != "d/f" {
		t.Errorf("l -> %q", l)
	}

	// Again: everything is there and as new, so nothing is replaced.
	r = applettest.Cmd{Args: []string{"-id", "d/f"}, Dir: dir, Stdin: archive}.Run(t, &Applet)
	if r.Stderr != "cpio: d/f not created: newer or same age file exists\n3 blocks\n" || r.Code != 0 {
		t.Errorf("again: %q %d", r.Stderr, r.Code)
	}
	// -u replaces it.
	os.WriteFile(filepath.Join(dir, "d/f"), []byte("changed"), 0o644)
	r = applettest.Cmd{Args: []string{"-idu", "d/f"}, Dir: dir, Stdin: archive}.Run(t, &Applet)
	if b, _ := os.ReadFile(filepath.Join(dir, "d/f")); string(b) != "data" || r.Code != 0 {
		t.Errorf("-u: %q %q %d", b, r.Stderr, r.Code)
	}
}

func TestNoLeadingDirs(t *testing.T) {
	dir := t.TempDir()
	r := applettest.Cmd{Args: []string{"-i"}, Dir: dir, Stdin: ent("x/a", 0o100644, 1, 1, "a") + trailer()}.Run(t, &Applet)
	if r.Stderr != "cpio: can't open 'x/a': No such file or directory\n" || r.Code != 1 {
		t.Errorf("got %q %d", r.Stderr, r.Code)
	}
}

func TestPass(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"f": "hello\n", "d/a": "a\n", "l": "->f"})
	os.Link(filepath.Join(dir, "f"), filepath.Join(dir, "h"))
	r := applettest.Cmd{Args: []string{"-pdv", "out"}, Dir: dir, Stdin: "f\nd\nd/a\nl\nh\n"}.Run(t, &Applet)
	// h came first, so it carries no data: BusyBox neither lists it
	// nor says so, and links it to f at the end.
	if r.Stdout != "d\nd/a\nl\nf\n" || r.Stderr != "2 blocks\n" || r.Code != 0 {
		t.Fatalf("got %q %q %d", r.Stdout, r.Stderr, r.Code)
	}
	for name, want := range map[string]string{"f": "hello\n", "h": "hello\n", "d/a": "a\n", "l": "hello\n"} {
		if b, err := os.ReadFile(filepath.Join(dir, "out", name)); string(b) != want {
			t.Errorf("%s: %q %v", name, b, err)
		}
	}
}
