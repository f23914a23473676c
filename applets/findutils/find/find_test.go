package find

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// tree makes the tree most cases walk, in dir:
//
//	t/ f a/ a/g a/b/ a/b/h c/ c/data .hid/ la -> a  dang -> nowhere  fifo
func tree(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{"t/a/b", "t/c", "t/.hid"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string]string{"t/f": "", "t/a/g": "", "t/a/b/h": "", "t/c/data": "hello\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink("a", filepath.Join(dir, "t/la"))
	os.Symlink("nowhere", filepath.Join(dir, "t/dang"))
	if err := syscall.Mkfifo(filepath.Join(dir, "t/fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sorted sorts the lines of s: a directory's order is the file
// system's.
func sorted(s string) string {
	if s == "" {
		return s
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }

// The expected outputs are Alpine's BusyBox's on the same tree.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir)
	all := lines("t", "t/.hid", "t/a", "t/a/b", "t/a/b/h", "t/a/g", "t/c", "t/c/data", "t/dang", "t/f", "t/fifo", "t/la")
	usage := "find: unrecognized: %s\n"
	tests := []struct {
		args   string
		out    string
		stderr string
		code   int
	}{
		{"t", all, "", 0},
		{"-maxdepth 0", ".\n", "", 0},
		{"t t/a -maxdepth 0", "t\nt/a\n", "", 0},
		{"t/ -maxdepth 1 -name a", "t/a\n", "", 0},
		{"t// -maxdepth 1 -name a", "t//a\n", "", 0},
		{"t -maxdepth 1 -type d", lines("t", "t/.hid", "t/a", "t/c"), "", 0},
		{"t -mindepth 2", lines("t/a/b", "t/a/b/h", "t/a/g", "t/c/data"), "", 0},
		{"t -maxdepth 0 -mindepth 1", "", "", 0},
		{"nosuch t/f", "t/f\n", "find: nosuch: No such file or directory\n", 1},
		{"t/f/", "", "find: t/f/: Not a directory\n", 1},
		{"-- t -maxdepth 0", "t\n", "", 0},
		{"-H -L -P t -maxdepth 0", "t\n", "", 0},
		// Names and paths.
		{"t -name *a*", lines("t/a", "t/c/data", "t/dang", "t/la"), "", 0},
		{"t -iname A", "t/a\n", "", 0},
		{"t -name .*", "t/.hid\n", "", 0},
		{"t -name [!a-c]*", lines("t", "t/.hid", "t/a/b/h", "t/a/g", "t/c/data", "t/dang", "t/f", "t/fifo", "t/la"), "", 0},
		{"t/ -name t", "t/\n", "", 0},
		{"/ -maxdepth 0 -name /", "/\n", "", 0},
		{"// -maxdepth 0 -name /", "//\n", "", 0},
		{"/ -maxdepth 0 -name //", "", "", 0},
		{".// -maxdepth 0 -name .", ".//\n", "", 0},
		{"t -path t/a/*", lines("t/a/b", "t/a/b/h", "t/a/g"), "", 0},
		{"t -ipath T/A/B", "t/a/b\n", "", 0},
		{"t -wholename t/a/b", "t/a/b\n", "", 0},
		{"t -regex .*/[a-c]", lines("t/a", "t/a/b", "t/c"), "", 0},
		{"t -regex a", "", "", 0},
		{`t -regex .*\(b\|g\)`, lines("t/a/b", "t/a/g", "t/dang"), "", 0},
		{`t -regex a\{`, "", "find: bad regex 'a\\{': Invalid contents of {}\n", 1},
		// Types and symlinks.
		{"t -type f", lines("t/a/b/h", "t/a/g", "t/c/data", "t/f"), "", 0},
		{"t -type l", lines("t/dang", "t/la"), "", 0},
		{"t -type p", "t/fifo\n", "", 0},
		{"t -type x", "", "find: invalid argument 'x' to '-type'\n", 1},
		{"t -type f,d", "", "find: invalid argument 'f,d' to '-type'\n", 1},
		{"-L t -type l", "t/dang\n", "", 0},
		{"-L t -name g", lines("t/a/g", "t/la/g"), "", 0},
		{"t -follow -maxdepth 1 -type d", lines("t", "t/.hid", "t/a", "t/c", "t/la"), "", 0},
		{"t/la", "t/la\n", "", 0},
		{"-H t/la", lines("t/la", "t/la/b", "t/la/b/h", "t/la/g"), "", 0},
		{"t/la/ -type f", lines("t/la/b/h", "t/la/g"), "", 0},
		{"-L t/dang", "t/dang\n", "", 0},
		// Operators.
		{"t ! -name f -a ! -type d -a ! -type l", lines("t/a/b/h", "t/a/g", "t/c/data", "t/fifo"), "", 0},
		{"t -not -type d -and -not -type l -and -not -type f", "t/fifo\n", "", 0},
		{"t ! ! -type p", "t/fifo\n", "", 0},
		{"t -name f -o -name g -print", "t/a/g\n", "", 0},
		{"t ( -name f -o -name g ) -print", lines("t/a/g", "t/f"), "", 0},
		{"t ( ) -maxdepth 0", "t\n", "", 0},
		{"t -name a -prune -o -type f -print", lines("t/c/data", "t/f"), "", 0},
		{"t -depth -name a -prune -o -type f -print", lines("t/a/b/h", "t/a/g", "t/c/data", "t/f"), "", 0},
		{"t -o -print", "", "", 0},
		{"t -maxdepth 0 !", "t\n", "", 0},
		{"t -maxdepth 0 -a -print", "t\n", "", 0},
		{"t ) -maxdepth 0", "t\n", "find: ): No such file or directory\n", 1},
		{"t (", "", "find: unpaired '('\n", 1},
		{"t -name f )", "", fmt.Sprintf(usage, ")"), 1},
		// Errors in the expression.
		{"t -foo", "", fmt.Sprintf(usage, "-foo"), 1},
		{"t -ls", "", fmt.Sprintf(usage, "-ls"), 1},
		{"-x t", "", fmt.Sprintf(usage, "-x"), 1},
		{"-name f t", "", fmt.Sprintf(usage, "t"), 1},
		{"t -name", "", "find: -name requires an argument\n", 1},
		{"t -maxdepth x", "", "find: invalid number 'x'\n", 1},
		{"t -maxdepth 2147483648", "", "find: number 2147483648 is not in 0..2147483647 range\n", 1},
		{"t -size 1M", "", "find: invalid number '1M'\n", 1},
		{"t -size +-1", "", "find: invalid number '-1'\n", 1},
		{"t -size 18446744073709551615", "", "find: number 18446744073709551615 is not in 0..18446744073709551615 range\n", 1},
		{"t -mtime 99999999999999999999999", "", "find: invalid number '99999999999999999999999'\n", 1},
		{"t -inum +5", "", "find: invalid number '+5'\n", 1},
		{"t -perm 9", "", "find: invalid mode '9'\n", 1},
		{"t -perm +w", "", "find: invalid mode 'w'\n", 1},
		{"t -user nosuch", "", "find: unknown user nosuch\n", 1},
		{"t -user ' 0'", "", "find: unknown user  0\n", 1},
		{"t -group nosuch", "", "find: unknown group nosuch\n", 1},
		{"t -newer nosuch", "", "find: can't stat 'nosuch': No such file or directory\n", 1},
		{"t -exec", "", "find: -exec requires an argument\n", 1},
		{"t -exec ;", "", "find: -exec requires an argument\n", 1},
		{"t -exec echo {} {} +", "", "find: only one '{}' allowed for -exec +\n", 1},
		{"t -exec echo + {} +", "", "find: only one '{}' allowed for -exec +\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, fields(tt.args)...)
			if r.Code == 1 && strings.Contains(r.Stderr, "unrecognized") {
				// The usage text follows the message.
				r.Stderr = r.Stderr[:strings.Index(r.Stderr, "\n")+1]
			}
			if got := sorted(r.Stdout); got != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
				t.Errorf("got %q %q status %d\nwant %q %q status %d", got, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
			}
		})
	}
}

// fields splits a command line at blanks, with '...' quoting.
func fields(s string) []string {
	var out []string
	for s != "" {
		s = strings.TrimLeft(s, " ")
		if strings.HasPrefix(s, "'") {
			end := strings.Index(s[1:], "'") + 1
			out = append(out, s[1:end])
			s = s[end+1:]
			continue
		}
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

// TestOrder checks the order of the walk where it is forced: -depth puts
// a directory after its contents, -print and -exec ; interleave.
func TestOrder(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "x/a/b"), 0o755)
	os.WriteFile(filepath.Join(dir, "x/a/b/f"), nil, 0o644)
	tests := []struct {
		args string
		out  string
	}{
		{"x", "x\nx/a\nx/a/b\nx/a/b/f\n"},
		{"x -depth", "x/a/b/f\nx/a/b\nx/a\nx\n"},
		{"x -print -quit", "x\n"},
		{"x -name b -quit", ""},
		{"x -print0", "x\x00x/a\x00x/a/b\x00x/a/b/f\x00"},
		{"x -print -print0 -maxdepth 0", "x\nx\x00"},
		{"x -maxdepth 1 -depth", "x/a\nx\n"},
		{"x -mindepth 1 -maxdepth 2 -depth", "x/a/b\nx/a\n"},
		{"x -name b -prune -o -print", "x\nx/a\n"},
		{"x -depth -name b -prune -o -print", "x/a/b/f\nx/a\nx\n"},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, fields(tt.args)...)
		if r.Stdout != tt.out || r.Code != 0 {
			t.Errorf("find %s: got %q status %d (%q), want %q", tt.args, r.Stdout, r.Code, r.Stderr, tt.out)
		}
	}
}

func TestPermSizeLinks(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p")
	os.Mkdir(p, 0o755)
	for _, m := range []os.FileMode{0o644, 0o755, 0o600, 0o4755, 0o2711, 0o1777, 0, 0o664} {
		name := filepath.Join(p, fmt.Sprintf("f%o", m))
		os.WriteFile(name, nil, 0o600)
		if err := syscall.Chmod(name, uint32(m)); err != nil {
			t.Fatal(err)
		}
	}
	for name, n := range map[string]int{"b512": 512, "b513": 513, "k1": 1024} {
		os.WriteFile(filepath.Join(p, name), make([]byte, n), 0o600)
	}
	os.Link(filepath.Join(p, "k1"), filepath.Join(p, "k1link"))
	tests := []struct {
		args  string
		umask uint32
		out   string
	}{
		{"p -perm 644", 0o22, "p/f644\n"},
		{"p -perm -4000", 0o22, "p/f4755\n"},
		{"p -perm +7000", 0o22, lines("p/f1777", "p/f2711", "p/f4755")},
		{"p -perm /111 -type f", 0o22, lines("p/f1777", "p/f2711", "p/f4755", "p/f755")},
		{"p -perm -u+x,g+x -type f", 0o22, lines("p/f1777", "p/f2711", "p/f4755", "p/f755")},
		{"p -perm u=rw,go=r", 0o22, "p/f644\n"},
		{"p -perm '' -type f", 0o22, "p/f0\n"},
		{"p -perm -+w -type f -name f*", 0o22, lines("p/f1777", "p/f2711", "p/f4755", "p/f600", "p/f644", "p/f664", "p/f755")},
		{"p -perm -+w -type f -name f*", 0, "p/f1777\n"},
		{"p -size 1 -type f", 0o22, "p/b512\n"},
		{"p -size -1 -type f -name b*", 0o22, ""},
		{"p -size +1 -type f", 0o22, lines("p/b513", "p/k1", "p/k1link")},
		{"p -size 512c", 0o22, "p/b512\n"},
		{"p -size 256w", 0o22, "p/b512\n"},
		{"p -size 1k", 0o22, lines("p/k1", "p/k1link")},
		{"p -size 2", 0o22, lines("p/k1", "p/k1link")},
		{"p -size -2k -size +0 -type f", 0o22, lines("p/b512", "p/b513", "p/k1", "p/k1link")},
		{"p -links 2 -type f", 0o22, lines("p/k1", "p/k1link")},
		{"p -links +1 -type f", 0o22, lines("p/k1", "p/k1link")},
		{"p -links -2 -name b*", 0o22, lines("p/b512", "p/b513")},
		{"p -links 4294967298 -type f", 0o22, lines("p/k1", "p/k1link")}, // an int in BusyBox
		{"p -empty -type f -name f*", 0o22, lines("p/f0", "p/f1777", "p/f2711", "p/f4755", "p/f600", "p/f644", "p/f664", "p/f755")},
		{"p -user 0 -name f0", 0o22, "p/f0\n"},
		{"p -group 0 -name f0", 0o22, "p/f0\n"},
		{"p -user 4294967295", 0o22, ""},
	}
	for _, tt := range tests {
		umask := tt.umask
		r := applettest.Cmd{Args: fields(tt.args), Dir: dir, Umask: &umask}.Run(t, &Applet)
		if got := sorted(r.Stdout); got != tt.out || r.Code != 0 {
			t.Errorf("find %s: got %q status %d (%q), want %q", tt.args, got, r.Code, r.Stderr, tt.out)
		}
	}
	var st syscall.Stat_t
	syscall.Stat(filepath.Join(p, "k1"), &st)
	r := applettest.RunIn(t, dir, &Applet, "p", "-inum", fmt.Sprint(st.Ino))
	if got := sorted(r.Stdout); got != lines("p/k1", "p/k1link") {
		t.Errorf("-inum: %q", got)
	}
}

func TestTimes(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	ages := map[string]time.Duration{
		"s0": 0, "s59": 59 * time.Second, "s61": 61 * time.Second,
		"h23": 23 * time.Hour, "d1": 25 * time.Hour, "d2": 49 * time.Hour,
		"future": -100 * time.Second,
	}
	for name, age := range ages {
		p := filepath.Join(dir, name)
		os.WriteFile(p, nil, 0o644)
		mt := now.Add(-age)
		if err := os.Chtimes(p, now.Add(-100*time.Hour), mt); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args string
		out  string
	}{
		{"-mtime 0", lines("./h23", "./s0", "./s59", "./s61")},
		{"-mtime -1", lines("./future", "./h23", "./s0", "./s59", "./s61")},
		{"-mtime +0", lines("./d1", "./d2")},
		{"-mtime 1", "./d1\n"},
		{"-mtime -0", "./future\n"},
		{"-mmin 0", lines("./s0", "./s59")},
		{"-mmin 1", "./s61\n"},
		{"-mmin +1", lines("./d1", "./d2", "./h23")},
		{"-mtime -4294967297", lines("./future", "./h23", "./s0", "./s59", "./s61")}, // an unsigned int in BusyBox
		// -atime tests the access time (100 hours ago here), -ctime the
		// change time (now).
		{"-atime 4", lines("./d1", "./d2", "./future", "./h23", "./s0", "./s59", "./s61")},
		{"-ctime +0", ""},
		{"-newer s61", lines("./future", "./s0", "./s59")},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, append([]string{".", "-type", "f"}, fields(tt.args)...)...)
		if got := sorted(r.Stdout); got != tt.out || r.Code != 0 {
			t.Errorf("find %s: got %q status %d (%q), want %q", tt.args, got, r.Code, r.Stderr, tt.out)
		}
	}
}

// TestExec runs programs: sh from the PATH, as a child.
func TestExec(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "x/a"), 0o755)
	os.WriteFile(filepath.Join(dir, "x/a/f"), []byte("data\n"), 0o644)
	tests := []struct {
		args   []string
		out    string
		stderr string
		code   int
	}{
		{[]string{"x", "-exec", "echo", "{}", "+"}, "x x/a x/a/f\n", "", 0},
		{[]string{"x", "-exec", "echo", "x{}y", "+"}, "xxy xx/ay xx/a/fy\n", "", 0},
		{[]string{"x", "-exec", "echo", "{}{}", "-", "{}", ";"}, "xx - x\nx/ax/a - x/a\nx/a/fx/a/f - x/a/f\n", "", 0},
		{[]string{"x", "-type", "f", "-exec", "cat", "{}", ";"}, "data\n", "", 0},
		{[]string{"x", "-print", "-exec", "echo", "-", "{}", ";"}, "x\n- x\nx/a\n- x/a\nx/a/f\n- x/a/f\n", "", 0},
		{[]string{"x", "-exec", "test", "-f", "{}", ";", "-print"}, "x/a/f\n", "", 0},
		{[]string{"x/a/f", "-exec", "false", ";"}, "", "", 0},
		{[]string{"x/a/f", "-exec", "false", "{}", "+"}, "", "", 1},
		{[]string{"x/a/f", "!", "-exec", "false", "{}", "+"}, "", "", 0},
		{[]string{"x/a/f", "-exec", "sh", "-c", "exit 3", ";", "-print"}, "", "", 0},
		{[]string{"x/a/f", "-exec", "nosuch-command", ";"}, "", "find: nosuch-command: No such file or directory\n", 0},
		{[]string{"x/a/f", "-exec", "nosuch-command", "{}", "+"}, "", "find: nosuch-command: No such file or directory\n", 1},
		{[]string{"x/a/f", "-exec", "./x", ";"}, "", "find: ./x: Permission denied\n", 0},
		// The -exec + batches: each runs, those inside parentheses too.
		{[]string{"x/a/f", "(", "-exec", "echo", "{}", "+", ")"}, "x/a/f\n", "", 0},
		{[]string{"x/a/f", "-exec", "false", "{}", "+", "-exec", "echo", "{}", "+"}, "x/a/f\n", "", 1},
		{[]string{"x/a/f", "-name", "f", "-exec", "echo", "A", "{}", "+", "-o", "-exec", "echo", "B", "{}", "+"}, "A x/a/f\n", "", 0},
		// -quit drops what -exec + gathered.
		{[]string{"x", "-exec", "echo", "{}", "+", "-name", "a", "-quit"}, "", "", 0},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, tt.args...)
		if r.Stdout != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
			t.Errorf("find %q: got %q %q status %d, want %q %q status %d", tt.args, r.Stdout, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
		}
	}
}

// TestExecBatches checks where -exec + cuts its batches: at 129024
// bytes of names, each counting its length plus 9.
func TestExecBatches(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "big")
	os.Mkdir(d, 0o755)
	for i := range 3000 {
		os.WriteFile(filepath.Join(d, fmt.Sprintf("file-with-a-reasonably-long-name-%06d", i)), nil, 0o644)
	}
	r := applettest.RunIn(t, dir, &Applet, "big", "-exec", "sh", "-c", `echo $#`, "sh", "{}", "+")
	// "big" counts 12, each file 43+9: 12 + 2481*52 = 129024.
	if r.Stdout != "2482\n519\n" || r.Code != 0 {
		t.Errorf("got %q status %d (%q)", r.Stdout, r.Code, r.Stderr)
	}
}

// TestExecInProcess runs an applet of the binary's table in-process: one
// that no PATH directory holds, as the shell runs it.
func TestExecInProcess(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "x/a"), 0o755)
	var seen []string
	fake := &applet.Applet{Name: "gobox-test-args", NoFork: true, Main: func(ctx *applet.Ctx, args []string) error {
		seen = append(seen, ctx.Dir)
		fmt.Fprintln(ctx.Stdout, strings.Join(args, "|"))
		if len(args) > 0 && args[0] == "x" {
			return applet.Exit(2)
		}
		return nil
	}}
	var out, errb bytes.Buffer
	ctx := &applet.Ctx{
		Context: context.Background(), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Dir: dir, Env: []string{"PATH=/usr/bin:/bin"}, Applets: applet.Table{fake},
	}
	code := applet.Run(ctx, &Applet, []string{"x", "-exec", "gobox-test-args", "{}", ";", "-print", "-o", "-exec", "gobox-test-args", "[{}]", "+"})
	want := "x\nx/a\nx/a\n[x]\n"
	if out.String() != want || errb.String() != "" || code != 0 {
		t.Errorf("got %q %q status %d, want %q", out.String(), errb.String(), code, want)
	}
	if len(seen) != 3 || seen[0] != dir {
		t.Errorf("ran in %q", seen)
	}
}

func TestDelete(t *testing.T) {
	tests := []struct {
		args   string
		stderr string
		left   string
	}{
		{"x -name f -delete", "", "x x/a x/a/b x/g"},
		{"x -delete", "", ""},
		{"x -name b -delete", "find: x/a/b: Directory not empty\n", "x x/a x/a/b x/a/b/f x/g"},
		{"x/a/b -depth -name b -prune -o -delete", "", "x x/a x/a/b x/g"},
		{"x -type f -empty -delete", "", "x x/a x/a/b"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "x/a/b"), 0o755)
		os.WriteFile(filepath.Join(dir, "x/a/b/f"), nil, 0o644)
		os.WriteFile(filepath.Join(dir, "x/g"), nil, 0o644)
		r := applettest.RunIn(t, dir, &Applet, fields(tt.args)...)
		var left []string
		filepath.Walk(filepath.Join(dir, "x"), func(p string, _ os.FileInfo, err error) error {
			if err == nil {
				rel, _ := filepath.Rel(dir, p)
				left = append(left, rel)
			}
			return nil
		})
		if r.Stdout != "" || r.Stderr != tt.stderr || r.Code != 0 || strings.Join(left, " ") != tt.left {
			t.Errorf("find %s: got %q %q status %d, left %q; want %q, left %q", tt.args, r.Stdout, r.Stderr, r.Code, left, tt.stderr, tt.left)
		}
	}
	// "." itself is never removed.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	r := applettest.RunIn(t, dir, &Applet, "-delete")
	if _, err := os.Stat(dir); err != nil || r.Code != 0 || r.Stderr != "" {
		t.Errorf("find -delete: %v %q status %d", err, r.Stderr, r.Code)
	}
	if _, err := os.Stat(filepath.Join(dir, "f")); err == nil {
		t.Errorf("find -delete left f")
	}
}

func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "l/d"), 0o755)
	os.Symlink(".", filepath.Join(dir, "l/d/loop"))
	os.Symlink("self", filepath.Join(dir, "l/self"))
	r := applettest.RunIn(t, dir, &Applet, "-L", "l/self")
	if r.Stdout != "" || r.Stderr != "find: l/self: Symbolic link loop\n" || r.Code != 1 {
		t.Errorf("got %q %q status %d", r.Stdout, r.Stderr, r.Code)
	}
	// Each loop is followed until 40 links lie on the path, where the
	// kernel says ELOOP, as it does to BusyBox's stat of the path.
	r = applettest.RunIn(t, dir, &Applet, "-L", "l/d", "-type", "l")
	want := "find: l/d" + strings.Repeat("/loop", 41) + ": Symbolic link loop\n"
	if r.Stdout != "" || r.Stderr != want || r.Code != 1 {
		t.Errorf("got %q %q status %d", r.Stdout, r.Stderr, r.Code)
	}
}

func TestWriteError(t *testing.T) {
	dir := t.TempDir()
	applettest.Files(t, dir, 5000)
	r := applettest.Cmd{Args: []string{"."}, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Code != 1 || r.Stderr != "find: write error: No space left on device\n" {
		t.Errorf("got %q status %d", r.Stderr, r.Code)
	}
}

// TestAllocations checks that a walk's memory grows with the depth of
// the tree, not with the number of its entries.
func TestAllocations(t *testing.T) {
	dir := t.TempDir()
	applettest.Tree(t, dir, 10, 100)
	small := func() { applettest.RunIn(t, dir, &Applet, "t/d0", "-name", "nomatch", "-type", "f") }
	large := func() { applettest.RunIn(t, dir, &Applet, "t", "-name", "nomatch", "-type", "f") }
	small()
	_, sb := applettest.Allocated(small)
	_, lb := applettest.Allocated(large)
	// Ten times the entries: the memory must not grow with them.
	if lb > sb+16<<10 {
		t.Errorf("find over 1000 files allocated %d bytes, over 100 %d", lb, sb)
	}
}

// TestXdev walks / with -xdev: /proc, a file system of its own, is acted
// on but not descended into.
func TestXdev(t *testing.T) {
	var root, proc syscall.Stat_t
	if syscall.Stat("/", &root) != nil || syscall.Stat("/proc/self", &proc) != nil || root.Dev == proc.Dev {
		t.Skip("no /proc mounted here")
	}
	r := applettest.Run(t, &Applet, "/", "-xdev", "-maxdepth", "2", "-path", "/proc*")
	if r.Stdout != "/proc\n" || r.Code != 0 {
		t.Errorf("-xdev: got %q %q status %d", r.Stdout, r.Stderr, r.Code)
	}
	r = applettest.Run(t, &Applet, "/", "-xdev", "-depth", "-maxdepth", "2", "-path", "/proc*")
	if r.Stdout != "/proc\n" || r.Code != 0 {
		t.Errorf("-xdev -depth: got %q %q status %d", r.Stdout, r.Stderr, r.Code)
	}
	r = applettest.Run(t, &Applet, "/proc", "-xdev", "-maxdepth", "1", "-name", "self")
	if r.Stdout != "/proc/self\n" {
		t.Errorf("-xdev from /proc: got %q", r.Stdout)
	}
}
