package sed

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// tcase is one run of sed: its arguments, standard input and files in
// a fresh directory, and what it must print, exit with and leave on
// disk (after: the files that changed or appeared; the others must be
// as they were and nothing else may appear, such as -i's temporary
// files).
type tcase struct {
	name  string
	args  []string
	stdin string
	files map[string]string
	out   string
	err   string
	code  int
	after map[string]string
	dirs  []string // directories to make first
}

func (c tcase) run(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, d := range c.dirs {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range c.files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := applettest.Cmd{Args: c.args, Stdin: c.stdin, Dir: dir}.Run(t, &Applet)
	if r.Stdout != c.out || r.Stderr != c.err || r.Code != c.code {
		t.Errorf("sed %q <<< %q:\ngot  %q %q status %d\nwant %q %q status %d", c.args, c.stdin, r.Stdout, r.Stderr, r.Code, c.out, c.err, c.code)
	}
	checkFiles(t, dir, c.files, c.after, c.dirs)
}

// checkFiles compares the files in dir with before, as changed by after.
func checkFiles(t *testing.T, dir string, before, after map[string]string, dirs []string) {
	t.Helper()
	want := map[string]string{}
	for _, d := range dirs {
		want[d] = "(dir)"
	}
	for k, v := range before {
		want[k] = v
	}
	for k, v := range after {
		want[k] = v
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
		if e.IsDir() {
			if want[e.Name()] != "(dir)" {
				t.Errorf("unexpected directory %s", e.Name())
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if w, ok := want[e.Name()]; !ok {
			t.Errorf("unexpected file %s: %q", e.Name(), data)
		} else if string(data) != w {
			t.Errorf("file %s: got %q, want %q", e.Name(), data, w)
		}
	}
	var names []string
	for k := range want {
		names = append(names, k)
	}
	sort.Strings(names)
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("files: got %v, want %v", got, names)
	}
}

// TestBusyBox runs cases whose expected results come from Alpine 3.20's
// BusyBox 1.36.1 sed (only "gobox" replaces its banner).
func TestBusyBox(t *testing.T) {
	for _, c := range []tcase{
		{name: "print", args: []string{"p"}, stdin: "a\nb\n", out: "a\na\nb\nb\n", err: "", code: 0},
		{name: "quiet print", args: []string{"-n", "p"}, stdin: "a\nb\n", out: "a\nb\n", err: "", code: 0},
		{name: "empty script", args: []string{""}, stdin: "hello\n", out: "hello\n", err: "", code: 0},
		{name: "explicit stdin", args: []string{"", "-"}, stdin: "hello\n", out: "hello\n", err: "", code: 0},
		{name: "no trailing newline", args: []string{"p"}, stdin: "one", out: "one\none", err: "", code: 0},
		{name: "line", args: []string{"-n", "2p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\n", err: "", code: 0},
		{name: "last line", args: []string{"-n", "$p"}, stdin: "a\nb\nc\nd\ne\n", out: "e\n", err: "", code: 0},
		{name: "range", args: []string{"-n", "2,3p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\nc\n", err: "", code: 0},
		{name: "inverted range", args: []string{"2,3!d"}, stdin: "a\nb\nc\nd\ne\n", out: "b\nc\n", err: "", code: 0},
		{name: "inverted", args: []string{"-n", "2!p"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\nd\ne\n", err: "", code: 0},
		{name: "blanks around bang", args: []string{"2 ! d"}, stdin: "a\nb\nc\nd\ne\n", out: "b\n", err: "", code: 0},
		{name: "regex range", args: []string{"-n", "/b/,/d/p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\nc\nd\n", err: "", code: 0},
		{name: "custom delimiter address", args: []string{"-n", "\\,c,p"}, stdin: "a\nb\nc\nd\ne\n", out: "c\n", err: "", code: 0},
		{name: "end before start", args: []string{"2,1d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\nd\ne\n", err: "", code: 0},
		{name: "plus range", args: []string{"/b/,+1d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nd\ne\n", err: "", code: 0},
		{name: "plus zero", args: []string{"/b/,+0d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\nd\ne\n", err: "", code: 0},
		{name: "range ends at regex on a later line only", args: []string{"-n", "/b/,/b/p"}, stdin: "a\nb\nc\nb\nd\n", out: "b\nc\nb\n", err: "", code: 0},
		{name: "line start is used once", args: []string{"-n", "1d;1,3p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\nc\n", err: "", code: 0},
		{name: "line start reached late", args: []string{"-n", "1{N;N;d};1p;2,3p;3p;4p"}, stdin: "1\n2\n3\n4\n", out: "4\n4\n", err: "", code: 0},
		{name: "address 0 is every line", args: []string{"-n", "0p"}, stdin: "a\nb\n", out: "a\nb\n", err: "", code: 0},
		{name: "0,N never matches", args: []string{"0,2d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\nc\nd\ne\n", err: "", code: 0},
		{name: "0,0 is every line", args: []string{"0,0d"}, stdin: "a\nb\nc\n", out: "", err: "", code: 0},
		{name: "ending line 0 is no end", args: []string{"1,0d;/c/,0d"}, stdin: "a\nb\nc\nd\n", out: "b\nd\n", err: "", code: 0},
		{name: "comma without start", args: []string{",2d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\nc\nd\ne\n", err: "", code: 0},
		{name: "last not last", args: []string{"$!d"}, stdin: "a\nb\nc\nd\ne\n", out: "e\n", err: "", code: 0},
		{name: "regex range to end", args: []string{"/d/,$d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\nc\n", err: "", code: 0},
		{name: "subst", args: []string{"s/a/x/"}, stdin: "aaa\nbab\nc.c\n", out: "xaa\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst g", args: []string{"s/a/x/g"}, stdin: "aaa\nbab\nc.c\n", out: "xxx\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst 2", args: []string{"s/a/x/2"}, stdin: "aaa\nbab\nc.c\n", out: "axa\nbab\nc.c\n", err: "", code: 0},
		{name: "subst 2g is g", args: []string{"s/a/x/2g"}, stdin: "aaa\nbab\nc.c\n", out: "xxx\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst g2", args: []string{"s/a/x/g2"}, stdin: "aaa\nbab\nc.c\n", out: "axa\nbab\nc.c\n", err: "", code: 0},
		{name: "subst 3p", args: []string{"-n", "s/a/x/3p"}, stdin: "aaa\nbab\nc.c\n", out: "aax\n", err: "", code: 0},
		{name: "subst 0 is g", args: []string{"s/a/x/0"}, stdin: "aaa\nbab\nc.c\n", out: "xxx\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst anchored count ignored", args: []string{"s/^a/x/2"}, stdin: "aaa\nbab\nc.c\n", out: "xaa\nbab\nc.c\n", err: "", code: 0},
		{name: "subst empty matches", args: []string{"s/x*/-/g"}, stdin: "aaa\nbab\nc.c\n", out: "-a-a-a-\n-b-a-b-\n-c-.-c-\n", err: "", code: 0},
		{name: "subst star", args: []string{"s/a*/x/g"}, stdin: "aaa\nbab\nc.c\n", out: "x\nxbxbx\nxcx.xcx\n", err: "", code: 0},
		{name: "subst empty after match", args: []string{"s/b*/x/2"}, stdin: "aaa\nbab\nc.c\n", out: "axaa\nbxab\ncx.c\n", err: "", code: 0},
		{name: "subst cccd", args: []string{"s/c*/R/g"}, stdin: "cccd\n", out: "RdR\n", err: "", code: 0},
		{name: "subst helllo", args: []string{"s/l*/@/g"}, stdin: "helllo\n", out: "@h@e@o@\n", err: "", code: 0},
		{name: "subst blank runs", args: []string{"s [^ .]* x g"}, stdin: " a.b\n", out: "x x.x\n", err: "", code: 0},
		{name: "subst ampersand", args: []string{"s/a/[&]/g"}, stdin: "aaa\nbab\nc.c\n", out: "[a][a][a]\nb[a]b\nc.c\n", err: "", code: 0},
		{name: "subst escaped ampersand", args: []string{"s/a/\\&/"}, stdin: "aaa\nbab\nc.c\n", out: "&aa\nb&b\nc.c\n", err: "", code: 0},
		{name: "subst groups", args: []string{"s/\\(a\\)\\(a\\)/\\2\\1\\0/"}, stdin: "aaa\nbab\nc.c\n", out: "aaaaa\nbab\nc.c\n", err: "", code: 0},
		{name: "subst unset group", args: []string{"s/a/<\\1>/"}, stdin: "aaa\nbab\nc.c\n", out: "<>aa\nb<>b\nc.c\n", err: "", code: 0},
		{name: "subst newline escape", args: []string{"s/b/\\n/"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\n\nab\nc.c\n", err: "", code: 0},
		{name: "subst tab escape", args: []string{"s/b/\\t/"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\n\tab\nc.c\n", err: "", code: 0},
		{name: "subst escaped newline", args: []string{"s/b/1\\\n2/"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\n1\n2ab\nc.c\n", err: "", code: 0},
		{name: "subst icase", args: []string{"s/A/x/I"}, stdin: "aaa\nbab\nc.c\n", out: "xaa\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst icase lower flag", args: []string{"s/B/x/gi"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nxax\nc.c\n", err: "", code: 0},
		{name: "subst print", args: []string{"s/b/x/p"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nxab\nxab\nc.c\n", err: "", code: 0},
		{name: "subst blanks before flags", args: []string{"s/a/b/ g"}, stdin: "aaa\nbab\nc.c\n", out: "bbb\nbbb\nc.c\n", err: "", code: 0},
		{name: "subst then semicolon", args: []string{"s/a/b/;s/b/c/"}, stdin: "aaa\nbab\nc.c\n", out: "caa\ncbb\nc.c\n", err: "", code: 0},
		{name: "subst comment", args: []string{"s/a/b/ # note"}, stdin: "aaa\nbab\nc.c\n", out: "baa\nbbb\nc.c\n", err: "", code: 0},
		{name: "subst in block", args: []string{"/b/{s/a/x/}"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst escaped delimiter", args: []string{"s,a\\,b,X,"}, stdin: "a,b\n", out: "X\n", err: "", code: 0},
		{name: "subst ampersand delimiter", args: []string{"s&8&\\&&"}, stdin: "789\n", out: "7&9\n", err: "", code: 0},
		{name: "subst digit delimiter", args: []string{"s1\\(8\\)1\\1\\11"}, stdin: "789\n", out: "7119\n", err: "", code: 0},
		{name: "subst slash in brackets", args: []string{"s/[/]/X/"}, stdin: "a/b\n", out: "aXb\n", err: "", code: 0},
		{name: "subst bracket replacement", args: []string{"s/xxx/[/"}, stdin: "xxx\n", out: "[\n", err: "", code: 0},
		{name: "subst dot delimiter", args: []string{"s.c\\.c.X."}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nbab\nX\n", err: "", code: 0},
		{name: "subst address regex reused", args: []string{"/b/s//X/g"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nXaX\nc.c\n", err: "", code: 0},
		{name: "subst regex reused across commands", args: []string{"s/a/x/;s//y/"}, stdin: "aaa\nbab\nc.c\n", out: "xya\nbxb\nc.c\n", err: "", code: 0},
		{name: "subst backref from address", args: []string{"/woot/s//eep \\0 eep/"}, stdin: "woot\n", out: "eep woot eep\n", err: "", code: 0},
		{name: "subst begin anchor once", args: []string{"s,\\(^/\\|\\)[^/][^/]*,>\\0<,g"}, stdin: "/usr/lib\n", out: ">/usr</>lib<\n", err: "", code: 0},
		{name: "subst end anchor", args: []string{"s/ *$/_/g"}, stdin: "qwerty\n", out: "qwerty_\n", err: "", code: 0},
		{name: "subst extended", args: []string{"-E", "s/(a+)|b/[\\1]/g"}, stdin: "aaa\nbab\nc.c\n", out: "[aaa]\n[][a][]\nc.c\n", err: "", code: 0},
		{name: "subst extended -r", args: []string{"-r", "s/(.)\\.(.)/\\2.\\1/"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nbab\nc.c\n", err: "", code: 0},
		{name: "subst interval", args: []string{"s/a\\{2\\}/X/"}, stdin: "aaa\nbab\nc.c\n", out: "Xa\nbab\nc.c\n", err: "", code: 0},
		{name: "subst class", args: []string{"s/[[:alpha:]]/X/3"}, stdin: "aaa\nbab\nc.c\n", out: "aaX\nbaX\nc.c\n", err: "", code: 0},
		{name: "subst carriage return", args: []string{"s/r/\\r/"}, stdin: "rrr\n", out: "\rrr\n", err: "", code: 0},
		{name: "subst chains", args: []string{"-e", "s/foo/bar/", "-e", "s/bar/baz/"}, stdin: "foo\n", out: "baz\n", err: "", code: 0},
		{name: "subst pattern newline escape", args: []string{"N;s/a\\nb/X/"}, stdin: "a\nb\n", out: "X\n", err: "", code: 0},
		{name: "y", args: []string{"y/abc/xyz/"}, stdin: "a\nb\nc\nd\ne\n", out: "x\ny\nz\nd\ne\n", err: "", code: 0},
		{name: "y shorter replacement", args: []string{"y/ab/x/"}, stdin: "a\nb\nc\nd\ne\n", out: "x\nb\nc\nd\ne\n", err: "", code: 0},
		{name: "y escapes", args: []string{"y/a\\,/\\n,/"}, stdin: "a,b\n", out: "\n,b\n", err: "", code: 0},
		{name: "y escaped delimiter", args: []string{"y,a\\,,x-,"}, stdin: "a,b\n", out: "x-b\n", err: "", code: 0},
		{name: "append", args: []string{"a foo"}, stdin: "a\nb\n", out: "a\nfoo\nb\nfoo\n", err: "", code: 0},
		{name: "append classic", args: []string{"2a\\\n  foo"}, stdin: "a\nb\n", out: "a\nb\n  foo\n", err: "", code: 0},
		{name: "append keeps blanks after backslash", args: []string{"a\\  foo"}, stdin: "a\n", out: "a\n  foo\n", err: "", code: 0},
		{name: "append empty", args: []string{"a"}, stdin: "a\nb\n", out: "a\n\nb\n\n", err: "", code: 0},
		{name: "append escapes", args: []string{"a x\\ty\\nz\\\\w"}, stdin: "a\n", out: "a\nx\ty\nz\\w\n", err: "", code: 0},
		{name: "append to unterminated line", args: []string{"/woot/a woo"}, stdin: "woot", out: "woot\nwoo\n", err: "", code: 0},
		{name: "append takes the rest of the line", args: []string{"1a foo; p"}, stdin: "a\nb\n", out: "a\nfoo; p\nb\n", err: "", code: 0},
		{name: "insert", args: []string{"2i foo"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nfoo\nb\nc\nd\ne\n", err: "", code: 0},
		{name: "insert multi-line", args: []string{"1i\\\none\\\ntwo"}, stdin: "a\n", out: "one\ntwo\na\n", err: "", code: 0},
		{name: "insert unterminated", args: []string{"i woo"}, stdin: "woot", out: "woo\nwoot", err: "", code: 0},
		{name: "insert across -e", args: []string{"-e", "i\\", "-e", "1"}, stdin: "2\n", out: "1\n2\n", err: "", code: 0},
		{name: "change", args: []string{"2c X"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nX\nc\nd\ne\n", err: "", code: 0},
		{name: "change range", args: []string{"2,4c\\\nX"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nX\ne\n", err: "", code: 0},
		{name: "change inverted", args: []string{"2!c X"}, stdin: "a\nb\nc\nd\ne\n", out: "X\nb\nX\nX\nX\n", err: "", code: 0},
		{name: "change regex range", args: []string{"/b/,/c/c X"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nX\nd\ne\n", err: "", code: 0},
		{name: "equals", args: []string{"="}, stdin: "a\nb\n", out: "1\na\n2\nb\n", err: "", code: 0},
		{name: "equals last", args: []string{"-n", "$="}, stdin: "a\nb\nc\nd\ne\n", out: "5\n", err: "", code: 0},
		{name: "next", args: []string{"n;d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\ne\n", err: "", code: 0},
		{name: "next at end", args: []string{"$!n;s/./X/"}, stdin: "a\nb\nc\n", out: "a\nX\nX\n", err: "", code: 0},
		{name: "Next", args: []string{"N;s/\\n/-/"}, stdin: "a\nb\nc\nd\ne\n", out: "a-b\nc-d\ne\n", err: "", code: 0},
		{name: "Next at end prints", args: []string{"N;N;s/\\n/-/g"}, stdin: "a\nb\nc\nd\ne\n", out: "a-b-c\nd\ne\n", err: "", code: 0},
		{name: "join all", args: []string{":a;N;$!ba;s/\\n/+/g"}, stdin: "a\nb\nc\nd\ne\n", out: "a+b+c+d+e\n", err: "", code: 0},
		{name: "P and D", args: []string{"$!N;P;D"}, stdin: "a\na\nb\nc\nc\n", out: "a\na\nb\nc\nc\n", err: "", code: 0},
		{name: "D restarts without reading", args: []string{"N;N;D"}, stdin: "a\nb\nc\nd\ne\n", out: "c\nd\ne\n", err: "", code: 0},
		{name: "P", args: []string{"-n", "N;P"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\n", err: "", code: 0},
		{name: "hold", args: []string{"1!G;h;$!d"}, stdin: "a\nb\nc\nd\ne\n", out: "e\nd\nc\nb\na\n", err: "", code: 0},
		{name: "hold append", args: []string{"H;$!d;x"}, stdin: "a\nb\nc\nd\ne\n", out: "\na\nb\nc\nd\ne\n", err: "", code: 0},
		{name: "exchange", args: []string{"x"}, stdin: "a\nb\n", out: "\na\n", err: "", code: 0},
		{name: "get", args: []string{"1h;2g"}, stdin: "a\nb\n", out: "a\na\n", err: "", code: 0},
		{name: "G empty hold", args: []string{"G"}, stdin: "a\nb", out: "a\n\nb\n\n", err: "", code: 0},
		{name: "branch to end", args: []string{"b;p"}, stdin: "a\n", out: "a\n", err: "", code: 0},
		{name: "branch to label", args: []string{"-e", "/a/b x", "-e", "s/./Y/", "-e", ":x"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nY\nY\nY\nY\n", err: "", code: 0},
		{name: "test", args: []string{"s/a/1/;t one;p;: one;p"}, stdin: "a\nb\n", out: "1\n1\nb\nb\nb\n", err: "", code: 0},
		{name: "test clears", args: []string{"s/a/b/;:loop;t loop"}, stdin: "a\nb\n", out: "b\nb\n", err: "", code: 0},
		{name: "not test", args: []string{"s/a/1/;T no;p;: no;p"}, stdin: "a\nb\n", out: "1\n1\n1\nb\nb\n", err: "", code: 0},
		{name: "n resets the test", args: []string{"s/1/x/;T;n;: next;s/3/y/;t quit;n;b next;: quit;q"}, stdin: "0\n1\n2\n3\n", out: "0\nx\n2\ny\n", err: "", code: 0},
		{name: "quit", args: []string{"2q"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\n", err: "", code: 0},
		{name: "quit flushes append", args: []string{"1{a X\nq}"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nX\n", err: "", code: 0},
		{name: "block", args: []string{"/b/,/d/{/c/d}"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\nd\ne\n", err: "", code: 0},
		{name: "nested blocks", args: []string{"/asd/ { p; /s/ { s/s/c/ }; p; q }"}, stdin: "qwe\nasd\nzxc\n", out: "qwe\nasd\nacd\nacd\n", err: "", code: 0},
		{name: "unterminated block that matches", args: []string{"{p"}, stdin: "a\n", out: "a\na\n", err: "", code: 0},
		{name: "unterminated block skipped", args: []string{"2{p"}, stdin: "a\nb\nc\nd\ne\n", out: "", err: "sed: unterminated {\n", code: 1},
		{name: "stray brace", args: []string{"}"}, stdin: "a\n", out: "a\n", err: "", code: 0},
		{name: "#n", args: []string{"#n\n2p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\n", err: "", code: 0},
		{name: "#n anywhere", args: []string{"p;#nothing"}, stdin: "a\n", out: "a\n", err: "", code: 0},
		{name: "comment", args: []string{"# hello\np # there"}, stdin: "a\n", out: "a\na\n", err: "", code: 0},
		{name: "read", args: []string{"1r f"}, stdin: "a\nb\n", files: map[string]string{"f": "x\ny"}, out: "a\nx\ny\nb\n", err: "", code: 0},
		{name: "read missing", args: []string{"r nonexist"}, stdin: "a\n", out: "a\n", err: "", code: 0},
		{name: "read name to end of line", args: []string{"1r f;p"}, stdin: "a\n", files: map[string]string{"f;p": "semi\n"}, out: "a\nsemi\n", err: "", code: 0},
		{name: "write", args: []string{"-n", "/b/w out"}, stdin: "a\nb\nc\nd\ne\n", out: "", err: "", code: 0, after: map[string]string{"out": "b\n"}},
		{name: "write shared", args: []string{"-n", "-e", "/b/w out", "-e", "/d/w out"}, stdin: "a\nb\nc\nd\ne\n", out: "", err: "", code: 0, after: map[string]string{"out": "b\nd\n"}},
		{name: "write unterminated", args: []string{"w out"}, stdin: "a\nb", out: "a\nb", err: "", code: 0, after: map[string]string{"out": "a\nb"}},
		{name: "subst write", args: []string{"s/b/X/w out"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nXab\nc.c\n", err: "", code: 0, after: map[string]string{"out": "Xab\n"}},
		{name: "subst write flag then p", args: []string{"-n", "s/b/X/w out\np"}, stdin: "aaa\nbab\nc.c\n", out: "aaa\nXab\nc.c\n", err: "", code: 0, after: map[string]string{"out": "Xab\n"}},
		{name: "files", args: []string{"p", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "three\n"}, out: "one\none\ntwo\ntwo\nthree\nthree\n", err: "", code: 0},
		{name: "files last line", args: []string{"$p", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "three\nfour"}, out: "one\ntwo\nthree\nfour\nfour", err: "", code: 0},
		{name: "files empty and stdin", args: []string{"s/x//", "f1", "-"}, stdin: "one\ntwo", files: map[string]string{"f1": ""}, out: "one\ntwo", err: "", code: 0},
		{name: "missing file", args: []string{"p", "nonexist", "f1"}, stdin: "", files: map[string]string{"f1": "y\n"}, out: "y\ny\n", err: "sed: nonexist: No such file or directory\n", code: 1},
		{name: "missing file only", args: []string{"p", "nonexist"}, stdin: "", out: "", err: "sed: nonexist: No such file or directory\n", code: 1},
		{name: "NUL ends a line", args: []string{"s/a/X/"}, stdin: "a\x00a\x00a\n", out: "X\x00X\x00X\n", err: "", code: 0},
		{name: "NUL at end of input", args: []string{"s/i/z/", "f1", "-"}, stdin: "c", files: map[string]string{"f1": "a\x00b\x00"}, out: "a\x00b\x00\nc", err: "", code: 0},
		{name: "NUL line numbers", args: []string{"="}, stdin: "a\x00b\n", out: "1\na\x002\nb\n", err: "", code: 0},
		{name: "-e before -f", args: []string{"-f", "s", "-e", "s/a/E/"}, stdin: "a\n", files: map[string]string{"s": "s/a/F/\ns/E/G/\n"}, out: "G\n", err: "", code: 0},
		{name: "-f continuation", args: []string{"-f", "s"}, stdin: "a\n", files: map[string]string{"s": "a\\\nfoo\\\nbar\n"}, out: "a\nfoo\nbar\n", err: "", code: 0},
		{name: "--expression", args: []string{"--expression=s/a/b/"}, stdin: "a\n", out: "b\n", err: "", code: 0},
		{name: "--quiet", args: []string{"--quiet", "-e", "2p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\n", err: "", code: 0},
		{name: "--silent", args: []string{"--silent", "p"}, stdin: "a\n", out: "a\n", err: "", code: 0},
		{name: "--regexp-extended", args: []string{"--regexp-extended", "s/a|b/X/g"}, stdin: "ab\n", out: "XX\n", err: "", code: 0},
		{name: "--version", args: []string{"--version"}, stdin: "", out: "This is not GNU sed version 4.0\n", err: "", code: 0},
		{name: "in place", args: []string{"-i", "s/o/0/", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "foo\n"}, out: "", err: "", code: 0, after: map[string]string{"f1": "0ne\ntw0", "f2": "f0o\n"}},
		{name: "in place backup", args: []string{"-i.bak", "s/o/0/", "f1"}, stdin: "", files: map[string]string{"f1": "one\n"}, out: "", err: "", code: 0, after: map[string]string{"f1": "0ne\n", "f1.bak": "one\n"}},
		{name: "in place ranges per file", args: []string{"-i", "1d;$d", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "1\n2\n3\n", "f2": "4\n5\n6\n"}, out: "", err: "", code: 0, after: map[string]string{"f1": "2\n", "f2": "5\n"}},
		{name: "in place plus range", args: []string{"-i", "/^4/,+2d", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "1\n2\n3\n4\n5\n6\n7\n8\n", "f2": "1\n2\n4\n5\n6\n7\n8\n"}, out: "", err: "", code: 0, after: map[string]string{"f1": "1\n2\n3\n7\n8\n", "f2": "1\n2\n7\n8\n"}},
		{name: "in place missing file", args: []string{"-i", "s/o/0/", "nonexist", "f1"}, stdin: "", files: map[string]string{"f1": "one\n"}, out: "", err: "sed: nonexist: No such file or directory\n", code: 1, after: map[string]string{"f1": "0ne\n"}},
		{name: "in place insert at end", args: []string{"-i", "$i ook", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "three\nfour"}, out: "", err: "", code: 0, after: map[string]string{"f1": "one\nook\ntwo", "f2": "three\nook\nfour"}},
		{name: "in place append", args: []string{"-i", "/oot/a woo", "f1"}, stdin: "", files: map[string]string{"f1": "boot"}, out: "", err: "", code: 0, after: map[string]string{"f1": "boot\nwoo\n"}},
		{name: "in place equals goes to file", args: []string{"-i", "=", "f1"}, stdin: "", files: map[string]string{"f1": "a\nb\n"}, out: "", err: "", code: 0, after: map[string]string{"f1": "1\na\n2\nb\n"}},
		{name: "in place no file", args: []string{"-i", "p"}, stdin: "", out: "", err: "sed: -i requires an argument\n", code: 1},
		{name: "in place suffix attached", args: []string{"-in", "p", "f1"}, stdin: "", files: map[string]string{"f1": "a\n"}, out: "", err: "", code: 0, after: map[string]string{"f1": "a\na\n", "f1n": "a\n"}},
		{name: "err unmatched", args: []string{"s/a"}, stdin: "", out: "", err: "sed: unmatched '/'\n", code: 1},
		{name: "err unmatched replacement", args: []string{"s/a/b"}, stdin: "", out: "", err: "sed: unmatched '/'\n", code: 1},
		{name: "err unmatched address", args: []string{"/a"}, stdin: "", out: "", err: "sed: unmatched '/'\n", code: 1},
		{name: "err bad format", args: []string{"s"}, stdin: "", out: "", err: "sed: bad format in substitution expression\n", code: 1},
		{name: "err bad format y", args: []string{"y"}, stdin: "", out: "", err: "sed: bad format in substitution expression\n", code: 1},
		{name: "err unsupported", args: []string{"k"}, stdin: "", out: "", err: "sed: unsupported command k\n", code: 1},
		{name: "err unsupported bang", args: []string{"2!!p"}, stdin: "", out: "", err: "sed: unsupported command !\n", code: 1},
		{name: "err missing command", args: []string{"2"}, stdin: "", out: "", err: "sed: missing command\n", code: 1},
		{name: "err no address after comma", args: []string{"1,p"}, stdin: "", out: "", err: "sed: no address after comma\n", code: 1},
		{name: "err one address a", args: []string{"1,2a x"}, stdin: "", out: "", err: "sed: command 'a' uses only one address\n", code: 1},
		{name: "err one address i", args: []string{"1,2i x"}, stdin: "", out: "", err: "sed: command 'i' uses only one address\n", code: 1},
		{name: "err one address r", args: []string{"1,2r x"}, stdin: "", out: "", err: "sed: command 'r' uses only one address\n", code: 1},
		{name: "err empty filename", args: []string{"w"}, stdin: "", out: "", err: "sed: empty filename\n", code: 1},
		{name: "err empty filename r", args: []string{"r  "}, stdin: "", out: "", err: "sed: empty filename\n", code: 1},
		{name: "err bad option", args: []string{"s/a/b/x"}, stdin: "", out: "", err: "sed: bad option in substitution expression\n", code: 1},
		{name: "err bad option e", args: []string{"s/a/b/e"}, stdin: "", out: "", err: "sed: bad option in substitution expression\n", code: 1},
		{name: "err no previous regexp", args: []string{"s//x/"}, stdin: "a\n", out: "", err: "sed: no previous regexp\n", code: 1},
		{name: "err no previous regexp address", args: []string{"//p"}, stdin: "a\n", out: "", err: "sed: no previous regexp\n", code: 1},
		{name: "err bad regex", args: []string{"s/\\(a/x/"}, stdin: "", out: "", err: "sed: bad regex '\\(a': Missing ')'\n", code: 1},
		{name: "err bad regex ERE", args: []string{"-E", "s/(a/x/"}, stdin: "", out: "", err: "sed: bad regex '(a': Missing ')'\n", code: 1},
		{name: "err bad regex bracket", args: []string{"/[a/p"}, stdin: "", out: "", err: "sed: unmatched '/'\n", code: 1},
		{name: "err can't write", args: []string{"w /nonexist/x"}, stdin: "a\n", out: "", err: "sed: can't open '/nonexist/x': No such file or directory\n", code: 1},
		{name: "err -f missing", args: []string{"-f", "nonexist"}, stdin: "a\n", out: "", err: "sed: nonexist: No such file or directory\n", code: 1},
	} {
		t.Run(c.name, c.run)
	}
}

// TestGNUExtensions runs cases of the GNU extensions that Alpine's
// BusyBox lacks; the expected results come from GNU sed 4.9.
func TestGNUExtensions(t *testing.T) {
	for _, c := range []tcase{
		{name: "step", args: []string{"-n", "1~2p"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\ne\n", err: "", code: 0},
		{name: "step from 0", args: []string{"0~2d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nc\ne\n", err: "", code: 0},
		{name: "step 0", args: []string{"-n", "2~0p"}, stdin: "a\nb\nc\nd\ne\n", out: "b\n", err: "", code: 0},
		{name: "step range", args: []string{"1~3,+1d"}, stdin: "a\nb\nc\nd\ne\n", out: "c\n", err: "", code: 0},
		{name: "multiple end", args: []string{"2,~4d"}, stdin: "a\nb\nc\nd\ne\n", out: "a\ne\n", err: "", code: 0},
		{name: "multiple end on a multiple", args: []string{"4,~2d"}, stdin: "1\n2\n3\n4\n5\n6\n7\n", out: "1\n2\n3\n7\n", err: "", code: 0},
		{name: "zero start", args: []string{"0,/a/d"}, stdin: "a\nb\nc\nd\ne\n", out: "b\nc\nd\ne\n", err: "", code: 0},
		{name: "zero start later", args: []string{"0,/c/d"}, stdin: "a\nb\nc\nd\ne\n", out: "d\ne\n", err: "", code: 0},
		{name: "one start", args: []string{"1,/a/d"}, stdin: "a\nb\nc\nd\ne\n", out: "", err: "", code: 0},
		{name: "address I", args: []string{"-n", "/B/Ip"}, stdin: "a\nb\nc\nd\ne\n", out: "b\n", err: "", code: 0},
		{name: "address I range", args: []string{"/B/I,/D/Id"}, stdin: "a\nb\nc\nd\ne\n", out: "a\ne\n", err: "", code: 0},
		{name: "address M", args: []string{"-n", "N;N;/^b$/Mp"}, stdin: "a\nb\nc\n", out: "a\nb\nc\n", err: "", code: 0},
		{name: "subst M", args: []string{"N;N;s/^/>/Mg"}, stdin: "a\nb\nc\n", out: ">a\n>b\n>c\n", err: "", code: 0},
		{name: "subst m end", args: []string{"N;N;s/$/</mg"}, stdin: "a\nb\nc\n", out: "a<\nb<\nc<\n", err: "", code: 0},
		{name: "quit status", args: []string{"2q5"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\n", err: "", code: 5},
		{name: "quit status blank", args: []string{"3q 7"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nb\nc\n", err: "", code: 7},
		{name: "Quit", args: []string{"2Q"}, stdin: "a\nb\nc\nd\ne\n", out: "a\n", err: "", code: 0},
		{name: "Quit status", args: []string{"2Q3"}, stdin: "a\nb\nc\nd\ne\n", out: "a\n", err: "", code: 3},
		{name: "Quit drops append", args: []string{"a X\n2Q"}, stdin: "a\nb\nc\nd\ne\n", out: "a\nX\n", err: "", code: 0},
		{name: "list", args: []string{"-n", "l"}, stdin: "a\tb\\\x01\x80\n", out: "a\\tb\\\\\\001\\200$\n", err: "", code: 0},
		{name: "list widths", args: []string{"-n", "l 5;l 0;l 1"}, stdin: "a\tbcdef\n", out: "a\\tb\\\ncdef$\na\\tbcdef$\n\\\na\\\n\\t\\\nb\\\nc\\\nd\\\ne\\\nf$\n", err: "", code: 0},
		{name: "list wraps", args: []string{"-n", "l"}, stdin: "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n", out: "000000000000000000000000000000000000000000000000000000000000000000000\\\n0000000000000000000000000000000$\n", err: "", code: 0},
		{name: "list joined", args: []string{"$!N;l;d"}, stdin: "a\nb\nc\n", out: "a\\nb$\nc$\n", err: "", code: 0},
		{name: "list unterminated", args: []string{"l"}, stdin: "abc", out: "abc$\nabc", err: "", code: 0},
		{name: "R", args: []string{"R rf"}, stdin: "a\nb\nc\nd\ne\n", files: map[string]string{"rf": "r1\nr2\n"}, out: "a\nr1\nb\nr2\nc\nd\ne\n", err: "", code: 0},
		{name: "R step", args: []string{"1~2R rf"}, stdin: "a\nb\nc\nd\ne\n", files: map[string]string{"rf": "r1\nr2\n"}, out: "a\nr1\nb\nc\nr2\nd\ne\n", err: "", code: 0},
		{name: "R missing", args: []string{"R nonexist"}, stdin: "a\n", out: "a\n", err: "", code: 0},
		{name: "W", args: []string{"-n", "N;W out"}, stdin: "a\nb\nc\nd\ne\n", out: "", err: "", code: 0, after: map[string]string{"out": "a\nc\n"}},
		{name: "W stdout", args: []string{"N;W /dev/stdout"}, stdin: "a\nb\nc\nd\n", out: "a\na\nb\nc\nc\nd\n", err: "", code: 0},
		{name: "separate last", args: []string{"-s", "$p", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "three\nfour\n"}, out: "one\ntwo\ntwo\nthree\nfour\nfour\n", err: "", code: 0},
		{name: "separate count", args: []string{"-s", "-n", "$=", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "three\nfour\n"}, out: "2\n2\n", err: "", code: 0},
		{name: "separate first", args: []string{"-s", "1d", "f1", "f2"}, stdin: "", files: map[string]string{"f1": "one\ntwo", "f2": "three\nfour\n"}, out: "two\nfour\n", err: "", code: 0},
		{name: "null data", args: []string{"-z", "s/y/Y/"}, stdin: "x\x00y\x00", out: "x\x00Y\x00", err: "", code: 0},
		{name: "null data newline is data", args: []string{"-z", "s/\\n/_/g"}, stdin: "a\nb\x00c\n", out: "a_b\x00c_", err: "", code: 0},
		{name: "null data N", args: []string{"-z", "N;s/^/>/"}, stdin: "x\x00y\x00", out: ">x\x00y\x00", err: "", code: 0},
		{name: "null data commands", args: []string{"-z", "=;l;i foo\na bar"}, stdin: "x\x00y\x00", out: "1\x00x$\x00foo\x00x\x00bar\n2\x00y$\x00foo\x00y\x00bar\n", err: "", code: 0},
		{name: "null data unterminated", args: []string{"-z", "p"}, stdin: "x\x00y", out: "x\x00x\x00y\x00y", err: "", code: 0},
		{name: "write stdout", args: []string{"s/a/x/w /dev/stdout"}, stdin: "aaa\nbab\n", out: "xaa\nxaa\nbxb\nbxb\n", err: "", code: 0},
		{name: "write stdout quiet", args: []string{"-n", "/b/w /dev/stdout"}, stdin: "aaa\nbab\n", out: "bab\n", err: "", code: 0},
	} {
		t.Run(c.name, c.run)
	}
}

// TestDifferences runs cases where gobox parts from Alpine's BusyBox on
// purpose (docs/compat/sed.md); each says what BusyBox does.
func TestDifferences(t *testing.T) {
	for _, c := range []tcase{
		// BusyBox runs the files up to a "-" as a stream of their
		// own: "y" follows "x" on its line, line numbers start again
		// and $ is the last line of standard input.
		{name: "stdin then file", args: []string{"p", "-", "f1"}, stdin: "x", files: map[string]string{"f1": "y\n"}, out: "x\nx\ny\ny\n"},
		{name: "line numbers go on after stdin", args: []string{"-n", "$=", "-", "f1"}, stdin: "a\nb\n", files: map[string]string{"f1": "y\n"}, out: "3\n"},
		// BusyBox finds out when it takes the branch, after printing
		// line 1.
		{name: "missing label", args: []string{"2b foo"}, stdin: "a\nb\n", err: "sed: can't find label for jump to 'foo'\n", code: 1},
		// BusyBox's l does nothing.
		{name: "list", args: []string{"-n", "l"}, stdin: "a\tb\n", out: "a\\tb$\n"},
		// BusyBox quits only the file, then goes on reading the rest
		// of that file into the next one.
		{name: "quit in place", args: []string{"-i", "1q", "f1", "f2"}, files: map[string]string{"f1": "1\n2\n3\n", "f2": "x\ny\n"}, after: map[string]string{"f1": "1\n"}},
		// BusyBox replaces the device with a regular file.
		{name: "in place not a regular file", args: []string{"-i", "p", "d", "f1"}, files: map[string]string{"f1": "a\n"}, err: "sed: can't edit 'd': not a regular file\n", code: 1, after: map[string]string{"f1": "a\na\n"}, dirs: []string{"d"}},
		// BusyBox ignores a read error: the output ends there (and
		// -i would replace the file with it).
		{name: "read error", args: []string{"p", "."}, err: "sed: .: Is a directory\n", code: 1},
	} {
		t.Run(c.name, c.run)
	}
}
