package applet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// testTable holds the test applets. "zz-test" reports what it got and
// returns the error its first argument names; "zz-raw" wants a lone
// --help as an operand.
var testTable = Table{
	{Name: "zz-a", Path: "/bin", Main: testMain},
	{Name: "zz-raw", Path: "/bin", RawHelp: true, Main: testMain},
	{
		Name:   "zz-test",
		Path:   "/usr/bin",
		Usage:  "[-x] FILE",
		Help:   "Test applet\n\n\t-x\tDo x",
		NoFork: true,
		Main:   testMain,
	},
}

func testMain(ctx *Ctx, args []string) error {
	fmt.Fprintf(ctx.Stdout, "%s %q\n", ctx.Name, args)
	if len(args) == 0 {
		return nil
	}
	switch args[0] {
	case "exit3":
		return Exit(3)
	case "exit0":
		return Exit(0)
	case "errorf":
		return Errorf("can't open '%s': %s", "f", "No such file or directory")
	case "exitf":
		return Exitf(2, "bad %d", 7)
	case "usage":
		return Usage("invalid mode '%s'", "q")
	case "usage0":
		return Usage("")
	case "wrapped":
		return fmt.Errorf("context: %w", Exitf(4, "inner"))
	case "plain":
		return errors.New("something broke")
	}
	return nil
}

// zzUsage is zz-test's usage text; Banner depends on the build's -ldflags.
var zzUsage = Banner() + " multi-call binary.\n\nUsage: zz-test [-x] FILE\n\nTest applet\n\n\t-x\tDo x\n"

func runApplet(name string, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	ctx := &Ctx{Stdout: &out, Stderr: &errb}
	code = Run(ctx, testTable.Lookup(name), args)
	return out.String(), errb.String(), code
}

func TestTableLookup(t *testing.T) {
	for _, a := range testTable {
		if got := testTable.Lookup(a.Name); got != a {
			t.Errorf("Lookup(%q) = %p, want %p", a.Name, got, a)
		}
	}
	for _, name := range []string{"", "a", "zz-b", "zz-testx", "zzz"} {
		if testTable.Lookup(name) != nil {
			t.Errorf("Lookup(%q) of an unknown name is not nil", name)
		}
	}
	if (Table{}).Lookup("x") != nil {
		t.Error("Lookup in an empty table is not nil")
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		{nil, "zz-test []\n", "", 0},
		{[]string{"exit0"}, "zz-test [\"exit0\"]\n", "", 0},
		{[]string{"exit3"}, "zz-test [\"exit3\"]\n", "", 3},
		{[]string{"errorf"}, "zz-test [\"errorf\"]\n", "zz-test: can't open 'f': No such file or directory\n", 1},
		{[]string{"exitf"}, "zz-test [\"exitf\"]\n", "zz-test: bad 7\n", 2},
		{[]string{"usage"}, "zz-test [\"usage\"]\n", "zz-test: invalid mode 'q'\n" + zzUsage, 1},
		{[]string{"usage0"}, "zz-test [\"usage0\"]\n", zzUsage, 1},
		{[]string{"wrapped"}, "zz-test [\"wrapped\"]\n", "zz-test: inner\n", 4},
		{[]string{"plain"}, "zz-test [\"plain\"]\n", "zz-test: something broke\n", 1},
		// Run answers a first --help, whatever follows, as BusyBox does;
		// later ones reach Main.
		{[]string{"--help"}, zzUsage, "", 0},
		{[]string{"--help", "x"}, zzUsage, "", 0},
		{[]string{"x", "--help"}, "zz-test [\"x\" \"--help\"]\n", "", 0},
	}
	for _, tt := range tests {
		out, errs, code := runApplet("zz-test", tt.args...)
		if out != tt.stdout || errs != tt.stderr || code != tt.code {
			t.Errorf("zz-test %q:\n got stdout %q stderr %q status %d\nwant stdout %q stderr %q status %d",
				tt.args, out, errs, code, tt.stdout, tt.stderr, tt.code)
		}
	}
}

func TestRunDefaults(t *testing.T) {
	// RawHelp: a lone --help is an ordinary operand.
	if out, _, code := runApplet("zz-raw", "--help"); out != "zz-raw [\"--help\"]\n" || code != 0 {
		t.Errorf("zz-raw --help: %q %d", out, code)
	}
	// The name used for messages is the invoked name, when given.
	var errb bytes.Buffer
	ctx := &Ctx{Name: "alias", Stderr: &errb}
	if code := Run(ctx, testTable.Lookup("zz-test"), []string{"errorf"}); code != 1 || !strings.HasPrefix(errb.String(), "alias: ") {
		t.Errorf("named run: %d %q", code, errb.String())
	}
	// Nil streams and context get safe defaults.
	ctx = &Ctx{}
	var seen *Ctx
	a := &Applet{Name: "zz-nil", Main: func(c *Ctx, _ []string) error {
		seen = c
		buf := make([]byte, 1)
		if n, _ := c.Stdin.Read(buf); n != 0 {
			t.Error("default stdin is not empty")
		}
		fmt.Fprint(c.Stdout, "x")
		fmt.Fprint(c.Stderr, "y")
		return nil
	}}
	if code := Run(ctx, a, nil); code != 0 || seen.Name != "zz-nil" || seen.Context == nil || seen.Cancelled() {
		t.Errorf("defaults: code %d ctx %+v", code, seen)
	}
}

func TestCtxEnv(t *testing.T) {
	c := &Ctx{Env: []string{"A=1", "B=2", "A=3", "EMPTY=", "AB=x", "NOEQ"}}
	tests := []struct {
		key string
		val string
		ok  bool
	}{
		{"A", "3", true},
		{"B", "2", true},
		{"AB", "x", true},
		{"EMPTY", "", true},
		{"C", "", false},
		{"NOEQ", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		v, ok := c.LookupEnv(tt.key)
		if v != tt.val || ok != tt.ok || c.Getenv(tt.key) != tt.val {
			t.Errorf("LookupEnv(%q) = %q, %v; want %q, %v", tt.key, v, ok, tt.val, tt.ok)
		}
	}
	want := []string{"A=3", "B=2", "EMPTY=", "AB=x", "NOEQ"}
	if got := c.Environ(); !reflect.DeepEqual(got, want) {
		t.Errorf("Environ() = %q, want %q", got, want)
	}
	if got := (&Ctx{}).Environ(); len(got) != 0 {
		t.Errorf("empty Environ() = %q", got)
	}
	// Environ returns a copy.
	got := c.Environ()
	got[0] = "Z=9"
	if c.Getenv("A") != "3" {
		t.Error("Environ shares storage with Env")
	}
}

func TestCtxPath(t *testing.T) {
	tests := []struct{ dir, name, want string }{
		{"/home/u", "f", "/home/u/f"},
		{"/home/u", "a/../b", "/home/u/a/../b"},
		{"/home/u", "/etc/passwd", "/etc/passwd"},
		{"/", "f", "/f"},
		{"", "f", "f"},
		{"/home/u", "", ""},
		{"/home/u", ".", "/home/u/."},
	}
	for _, tt := range tests {
		if got := (&Ctx{Dir: tt.dir}).Path(tt.name); got != tt.want {
			t.Errorf("Ctx{Dir:%q}.Path(%q) = %q, want %q", tt.dir, tt.name, got, tt.want)
		}
		if got := (&Ctx{Dir: tt.dir}).AppendPath([]byte("x"), []byte(tt.name)); string(got) != "x"+tt.want {
			t.Errorf("Ctx{Dir:%q}.AppendPath(x, %q) = %q, want %q", tt.dir, tt.name, got, "x"+tt.want)
		}
	}
}

func TestCtxWarnAndCancel(t *testing.T) {
	var errb bytes.Buffer
	c := &Ctx{Name: "ls", Stderr: &errb}
	c.Warnf("can't open '%s': %s", "x", "Permission denied")
	if errb.String() != "ls: can't open 'x': Permission denied\n" {
		t.Errorf("Warnf wrote %q", errb.String())
	}
	errb.Reset()
	_, err := os.Open("/nonexistent/zz")
	c.Perror(err, "can't open '%s'", "/nonexistent/zz")
	c.Perror(err, "")
	if want := "ls: can't open '/nonexistent/zz': No such file or directory\nls: No such file or directory\n"; errb.String() != want {
		t.Errorf("Perror wrote %q, want %q", errb.String(), want)
	}
	cctx, cancel := context.WithCancel(context.Background())
	c.Context = cctx
	if c.Cancelled() {
		t.Error("cancelled too early")
	}
	cancel()
	if !c.Cancelled() {
		t.Error("not cancelled after cancel")
	}
}

func TestErrorValues(t *testing.T) {
	if Exit(0) != nil {
		t.Error("Exit(0) is not nil")
	}
	if err := Exit(2); err.Error() != "exit status 2" {
		t.Errorf("Exit(2).Error() = %q", err.Error())
	}
	if err := Errorf("x %d", 1); err.Error() != "x 1" || err.(*ExitError).Code != 1 {
		t.Errorf("Errorf = %#v", err)
	}
	if err := Usage("m %s", "v"); err.Error() != "m v" {
		t.Errorf("Usage = %#v", err)
	}
	if err := Usage(""); err.(*UsageError).Msg != "" {
		t.Errorf("Usage(\"\") = %#v", err)
	}
}

func TestErrText(t *testing.T) {
	_, openErr := os.Open("/nonexistent/zz")
	_, statErr := os.Stat("/nonexistent/zz")
	linkErr := os.Link("/nonexistent/a", "/nonexistent/b")
	tests := []struct {
		err  error
		want string
	}{
		{openErr, "No such file or directory"},
		{statErr, "No such file or directory"},
		{linkErr, "No such file or directory"},
		{os.NewSyscallError("read", errors.New("bad file descriptor")), "Bad file descriptor"},
		{errors.New("plain"), "Plain"},
		{errors.New(""), ""},
	}
	for _, tt := range tests {
		if got := ErrText(tt.err); got != tt.want {
			t.Errorf("ErrText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestWriteUsage(t *testing.T) {
	var b bytes.Buffer
	WriteUsage(&b, &Applet{Name: "bare"})
	if want := Banner() + " multi-call binary.\n\nUsage: bare\n"; b.String() != want {
		t.Errorf("WriteUsage(bare) = %q, want %q", b.String(), want)
	}
	b.Reset()
	// A help text ending in a newline ends in a blank line (timeout's).
	WriteUsage(&b, &Applet{Name: "nl", Help: "Run it.\n"})
	if want := Banner() + " multi-call binary.\n\nUsage: nl\n\nRun it.\n\n"; b.String() != want {
		t.Errorf("WriteUsage(nl) = %q, want %q", b.String(), want)
	}
	b.Reset()
	WriteUsage(&b, testTable.Lookup("zz-test"))
	if b.String() != zzUsage {
		t.Errorf("WriteUsage(zz-test) = %q", b.String())
	}
}

func TestMulticall(t *testing.T) {
	run := func(self string, args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := multicall(testTable, &Ctx{Stdout: &out, Stderr: &errb, Dir: t.TempDir()}, self, args)
		return out.String(), errb.String(), code
	}
	tests := []struct {
		self           string
		args           []string
		stdout, stderr string
		code           int
	}{
		{"gobox", []string{"--list"}, "zz-a\nzz-raw\nzz-test\n", "", 0},
		{"gobox", []string{"--list-full"}, "bin/zz-a\nbin/zz-raw\nusr/bin/zz-test\n", "", 0},
		{"gobox", []string{"zz-test", "a"}, "zz-test [\"a\"]\n", "", 0},
		{"gobox", []string{"/some/dir/zz-test", "a"}, "zz-test [\"a\"]\n", "", 0},
		{"gobox", []string{"zz-test", "--help"}, zzUsage, "", 0},
		{"gobox", []string{"--help", "zz-test"}, zzUsage, "", 0},
		{"gobox", []string{"nope"}, "", "gobox: applet not found\n", 127},
		{"busybox", []string{"nope"}, "", "nope: applet not found\n", 127},
		{"gobox", []string{"--help", "nope"}, "", "gobox: applet not found\n", 127},
	}
	for _, tt := range tests {
		out, errs, code := run(tt.self, tt.args...)
		if out != tt.stdout || errs != tt.stderr || code != tt.code {
			t.Errorf("%s %q:\n got stdout %q stderr %q status %d\nwant stdout %q stderr %q status %d",
				tt.self, tt.args, out, errs, code, tt.stdout, tt.stderr, tt.code)
		}
	}
	out, _, code := run("gobox")
	if code != 0 || !strings.Contains(out, "Currently defined functions:\n\tzz-a, zz-raw, zz-test\n") {
		t.Errorf("gobox: %d %q", code, out)
	}
}

func TestInstall(t *testing.T) {
	dir := t.TempDir()
	var errb bytes.Buffer
	ctx := &Ctx{Stdout: &errb, Stderr: &errb, Dir: dir}
	if code := multicall(testTable, ctx, "gobox", []string{"--install", "-s", "bin"}); code != 1 || !strings.Contains(errb.String(), "No such file or directory") {
		t.Errorf("install into a missing dir: %d %q", code, errb.String())
	}
	if err := os.Mkdir(filepath.Join(dir, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := multicall(testTable, ctx, "gobox", []string{"--install", "-s", "bin"}); code != 0 || errb.String() != "" {
		t.Fatalf("install: %d %q", code, errb.String())
	}
	self, _ := os.Executable()
	self, _ = filepath.EvalSymlinks(self)
	for _, name := range []string{"zz-a", "zz-raw", "zz-test"} {
		target, err := os.Readlink(filepath.Join(dir, "bin", name))
		if err != nil || target != self {
			t.Errorf("%s -> %q, %v; want %q", name, target, err, self)
		}
	}
	if code := multicall(testTable, ctx, "gobox", []string{"--install", "-s", "a", "b"}); code != 1 {
		t.Errorf("install with two dirs: %d", code)
	}
}
