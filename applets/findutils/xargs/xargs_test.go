package xargs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// argsApplet is a test applet run in-process: it prints its arguments
// as "[a|b]", and with a first argument "exit=N" exits N.
func argsApplet(mu *sync.Mutex) *applet.Applet {
	return &applet.Applet{Name: "gobox-test-args", NoFork: true, Main: func(ctx *applet.Ctx, args []string) error {
		mu.Lock()
		_, err := ctx.Stdout.Write([]byte("[" + strings.Join(args, "|") + "]\n"))
		mu.Unlock()
		if err != nil {
			return err
		}
		if len(args) > 0 && strings.HasPrefix(args[0], "exit=") {
			n, _ := strconv.Atoi(args[0][5:])
			return applet.Exit(n)
		}
		return nil
	}}
}

// runX runs xargs with a table holding argsApplet.
func runX(t *testing.T, stdin string, args ...string) applettest.Result {
	t.Helper()
	var out, errb bytes.Buffer
	var mu sync.Mutex
	ctx := &applet.Ctx{
		Context: context.Background(), Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Dir: t.TempDir(), Env: []string{"PATH=/usr/bin:/bin"}, Applets: applet.Table{argsApplet(&mu)},
	}
	code := applet.Run(ctx, &Applet, args)
	return applettest.Result{Stdout: out.String(), Stderr: errb.String(), Code: code}
}

const cmd = "gobox-test-args"

// The expected outputs are Alpine's BusyBox's, with its echo for our
// test applet.
func TestXargs(t *testing.T) {
	tests := []struct {
		stdin  string
		args   []string
		out    string
		stderr string
		code   int
	}{
		{"a b  c\n\td\n", []string{cmd}, "[a|b|c|d]\n", "", 0},
		{`a "b c" 'd e' f\ g h\\i`, []string{cmd}, "[a|b c|d e|f g|h\\i]\n", "", 0},
		{"a'b c'\\ d\\\ne", []string{"-n1", cmd}, "[ab c d\ne]\n", "", 0},
		{"a 'b\n", []string{cmd}, "", "xargs: unmatched single quote\n", 1},
		{"a \"b", []string{cmd}, "", "xargs: unmatched double quote\n", 1},
		{"a '", []string{cmd}, "[a]\n", "", 0},
		{"a\\", []string{cmd}, "[a]\n", "", 0},
		{"a\tb\vc\fd\re\n", []string{cmd}, "[a|b|c|d|e]\n", "", 0},
		{"\n", []string{cmd, "x"}, "[x]\n", "", 0},
		{"", []string{cmd, "x"}, "[x]\n", "", 0},
		{"", []string{"-r", cmd, "x"}, "", "", 0},
		{" \n \n", []string{"--no-run-if-empty", cmd}, "", "", 0},
		// -n, -s: the batches.
		{"1 2 3 4 5\n", []string{"-n2", cmd}, "[1|2]\n[3|4]\n[5]\n", "", 0},
		// "gobox-test-args" and its NUL take 16 bytes of -s.
		{"a bb ccc dddd\n", []string{"-s", "23", cmd}, "[a|bb]\n[ccc]\n[dddd]\n", "", 0},
		{"a bb ccc dddd\n", []string{"-s", "19", "-x", cmd}, "[a]\n[bb]\n", "xargs: argument line too long\n", 1},
		{"1 2 3 4 5\n", []string{"-n2", "-s", "19", cmd}, "[1]\n[2]\n[3]\n[4]\n[5]\n", "", 0},
		{"1\n", []string{"-s", "16", cmd}, "", "xargs: can't fit single argument within argument list size limit\n", 1},
		// A quoted word cut by the end of the buffer goes on quoted.
		{`"a b" "c d" "e f"`, []string{"-s", "22", cmd}, "[a b]\n[c d]\n[e f]\n", "", 0},
		// -0
		{"a\x00b c\x00\x00d", []string{"-0", cmd}, "[a|b c||d]\n", "", 0},
		{"\x00", []string{"-0", cmd, "x"}, "[x|]\n", "", 0},
		{"a\x00b\x00c\x00", []string{"-0", "-n2", cmd}, "[a|b]\n[c]\n", "", 0},
		// -E, -e
		{"a\n_\nb\n", []string{"-E", "_", cmd}, "[a]\n", "", 0},
		{"a\n_\nb\n", []string{"-E", "", cmd}, "[a|_|b]\n", "", 0},
		{"a\n_\nb\n", []string{"-e", cmd}, "[a|_|b]\n", "", 0},
		{"a _b b\n", []string{"-e_b", cmd}, "[a]\n", "", 0},
		{"1 X 5", []string{"-EX", "-e", cmd}, "[1]\n", "", 0},
		{"1 X 5", []string{"-e", "-EX", cmd}, "[1]\n", "", 0},
		{"1 _ 5", []string{"-E_", "-E", "", cmd}, "[1|_|5]\n", "", 0},
		{"a\n_\n", []string{"-0", "-E", "_", cmd}, "[a\n_\n]\n", "", 0},
		// -I, -i
		{"\"a b\" c\n  d \\e\n\n", []string{"-I%", cmd, "[%]"}, "[[\"a b\" c]]\n[[d \\e]]\n", "", 0},
		{"a\nb\n", []string{"-I", "%", cmd, "%", "%%"}, "[a|aa]\n[b|bb]\n", "", 0},
		{"a\nb\n", []string{"-i", cmd, "<{}>"}, "[<a>]\n[<b>]\n", "", 0},
		{"a\nb\n", []string{"-iX", cmd, "<X>"}, "[<a>]\n[<b>]\n", "", 0},
		{"a b\nc", []string{"-I%", "-n1", cmd, "%"}, "[a b]\n[c]\n", "", 0},
		{" \n2\n\n4\n\n 6 6 \n \v \t 7\n\t\n\v\n", []string{"-I%", cmd, "%"}, "[2]\n[4]\n[6 6 ]\n[7]\n", "", 0},
		{" a\n\tb c \n\x00 x\x00\x00y", []string{"-0", "-I%", cmd, "%"}, "[a\n\tb c \n]\n[x]\n[y]\n", "", 0},
		{"", []string{"-I%", cmd, "%"}, "", "", 0},
		{"aaaaa\nbbbbbbbbbbbb", []string{"-I%", "-s", "27", cmd, "%"}, "[aaaaa]\n", "xargs: argument line too long\n", 1},
		// -t
		{"a b c\n", []string{"-t", "-n2", cmd}, "[a|b]\n[c]\n", cmd + " a b\n" + cmd + " c\n", 0},
		{"a b\n", []string{"-I{}", "-t", cmd, "{}", "{}"}, "[a b|a b]\n", cmd + " a b a b\n", 0},
		// Statuses.
		{"a\n", []string{cmd, "exit=3"}, "[exit=3|a]\n", "", 123},
		{"a b\n", []string{"-n1", cmd, "exit=255"}, "[exit=255|a]\n", "xargs: gobox-test-args: exited with status 255; aborting\n", 124},
		{"a\n", []string{"nosuch-command"}, "", "xargs: nosuch-command: No such file or directory\n", 127},
		{"a\n", []string{"/etc"}, "", "xargs: /etc: Permission denied\n", 126},
		// Options.
		{"a\n", []string{"-n", "0", cmd}, "", "xargs: number 0 is not in 1..2147483647 range\n", 1},
		{"a\n", []string{"-n", "x", cmd}, "", "xargs: invalid number 'x'\n", 1},
		{"a\n", []string{"-s", "2147483648", cmd}, "", "xargs: number 2147483648 is not in 1..2147483647 range\n", 1},
		{"a\n", []string{"-P", "-1", cmd}, "", "xargs: invalid number '-1'\n", 1},
		{"a\n", []string{"-P", "3000000000", cmd}, "", "xargs: number 3000000000 is not in 0..2147483647 range\n", 1},
		{"a\n", []string{"-a", "nosuch", cmd}, "", "xargs: can't open 'nosuch': No such file or directory\n", 1},
		{"a b\n", []string{"--", cmd, "-n"}, "[-n|a|b]\n", "", 0},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runX(t, tt.stdin, tt.args...)
			if r.Stdout != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
				t.Errorf("stdin %q: got %q %q status %d, want %q %q status %d", tt.stdin, r.Stdout, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
			}
		})
	}
}

// TestDefaultBatches checks BusyBox's default limit: 30720 bytes of
// command line, the command's words included.
func TestDefaultBatches(t *testing.T) {
	var in strings.Builder
	for i := 10000; i < 20000; i++ {
		in.WriteString(strconv.Itoa(i) + "\n")
	}
	r := runX(t, in.String(), cmd)
	// 30720 - 16 ("gobox-test-args" and its NUL) leaves room for 5117
	// words of 6 bytes.
	lines := strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n")
	if len(lines) != 2 || strings.Count(lines[0], "|")+1 != 5117 || r.Code != 0 {
		t.Errorf("got %d lines, the first of %d words, status %d", len(lines), strings.Count(lines[0], "|")+1, r.Code)
	}
}

// TestPrograms runs programs from the PATH as children: statuses and
// signals.
func TestPrograms(t *testing.T) {
	tests := []struct {
		stdin  string
		args   []string
		out    string
		stderr string
		code   int
	}{
		{"a b\n", []string{"echo", "x"}, "x a b\n", "", 0},
		{"a b\n", []string{"-n1", "sh", "-c", "echo $0; exit 2"}, "a\nb\n", "", 123},
		{"a b\n", []string{"-n1", "sh", "-c", "exit 255"}, "", "xargs: sh: exited with status 255; aborting\n", 124},
		{"a b\n", []string{"-n1", "sh", "-c", "kill -9 $$"}, "", "xargs: 'sh' terminated by signal 9\n", 125},
		{"a\n", []string{}, "a\n", "", 0},
	}
	for _, tt := range tests {
		r := applettest.Cmd{Args: tt.args, Stdin: tt.stdin}.Run(t, &Applet)
		if r.Stdout != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
			t.Errorf("xargs %q: got %q %q status %d, want %q %q status %d", tt.args, r.Stdout, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
		}
	}
}

func TestArgsFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "in"), []byte("1\n2\n"), 0o644)
	r := applettest.Cmd{Args: []string{"-a", "in", "sh", "-c", `echo "$@"; cat`, "sh"}, Dir: dir, Stdin: "stdin\n"}.Run(t, &Applet)
	// The command reads the file too, after what xargs took of it.
	if r.Stdout != "1 2\n" || r.Code != 0 {
		t.Errorf("got %q %q status %d", r.Stdout, r.Stderr, r.Code)
	}
}

func TestParallel(t *testing.T) {
	var in strings.Builder
	for i := range 50 {
		in.WriteString(strconv.Itoa(i) + "\n")
	}
	for _, p := range []string{"3", "0"} {
		r := runX(t, in.String(), "-P", p, "-n", "2", cmd)
		got := strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n")
		sort.Strings(got)
		if len(got) != 25 || r.Code != 0 || r.Stderr != "" {
			t.Errorf("-P %s: got %d commands, status %d %q", p, len(got), r.Code, r.Stderr)
		}
	}
	r := runX(t, "a b c\n", "-P", "2", "-n", "1", cmd, "exit=1")
	if r.Code != 123 || strings.Count(r.Stdout, "\n") != 3 {
		t.Errorf("-P 2 with failures: status %d, %q", r.Code, r.Stdout)
	}
}

// TestClosedPipe runs an in-process applet whose output pipe closes: it
// ends as a child killed by SIGPIPE would, and xargs says so and stops.
func TestClosedPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	var errb bytes.Buffer
	var mu sync.Mutex
	ctx := &applet.Ctx{
		Context: context.Background(), Stdin: strings.NewReader("a\nb\n"), Stdout: w, Stderr: &errb,
		Dir: t.TempDir(), Env: []string{"PATH=/usr/bin:/bin"}, Applets: applet.Table{argsApplet(&mu)},
	}
	code := applet.Run(ctx, &Applet, []string{"-n1", cmd})
	if code != 125 || errb.String() != "xargs: 'gobox-test-args' terminated by signal 13\n" {
		t.Errorf("got status %d %q", code, errb.String())
	}
}
