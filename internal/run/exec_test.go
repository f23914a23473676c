package run

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
)

// TestMain lets the test binary act as a gobox process whose one applet,
// "probe", runs a program through Command with a Ctx made by applet.Main,
// the way env, nice, nohup and chroot do.
func TestMain(m *testing.M) {
	if os.Getenv("RUN_TEST_PROBE") == "1" {
		os.Exit(applet.Main(applet.Table{&probe}, append([]string{"probe"}, os.Args[1:]...)))
	}
	os.Exit(m.Run())
}

// probe is "probe [-child] [-hup] [-nice N] [-out FILE] [-err2out]
// [-swap] PROG ARGS": Command with the matching options.
var probe = applet.Applet{Name: "probe", Main: func(ctx *applet.Ctx, args []string) error {
	o := &Options{}
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-child":
			o.Child = true
		case "-hup":
			o.IgnoreHangup = true
		case "-nice":
			n, _ := strconv.Atoi(args[1])
			o.Nice = &n
			args = args[1:]
		case "-out":
			f, err := os.OpenFile(args[1], os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
			if err != nil {
				return err
			}
			o.Stdout = f
			args = args[1:]
		case "-err2out":
			o.Stderr = ctx.Stdout
		case "-swap":
			o.Stdout, o.Stderr = ctx.Stderr, ctx.Stdout
		}
		args = args[1:]
	}
	return Command(ctx, args, o)
}}

// runProbe runs the probe as a process in dir and returns its PID, what
// it printed and its status.
func runProbe(t *testing.T, dir string, env []string, args ...string) (pid int, stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append([]string{"RUN_TEST_PROBE=1"}, env...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
	} else if err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid, out.String(), errb.String(), code
}

// TestReplace checks that a program run from a process that owns itself
// replaces it: same PID, with the Ctx's directory and environment and the
// options' priority, SIGHUP disposition and streams.
func TestReplace(t *testing.T) {
	dir := t.TempDir()
	env := []string{"PATH=/usr/bin:/bin", "X=42"}
	// The shell prints its PID, directory, $X, nice value (field 19 of
	// /proc/PID/stat) and whether SIGHUP is ignored (bit 0 of SigIgn).
	script := `echo $$ $(pwd) $X $(cut -d' ' -f19 /proc/$$/stat) $(( 0x$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status) & 1 ))`
	raw, err := syscall.Getpriority(syscall.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	nice := min(20-raw+3, 19)
	tests := []struct {
		name    string
		args    []string
		sameP   bool
		nice    int
		hupIgn  int
		stdout  bool // the program's output is on the probe's stdout
		outFile bool // the program's output is in dir/out
	}{
		{"exec", []string{"sh", "-c", script}, true, 20 - raw, 0, true, false},
		{"exec with nice", []string{"-nice", strconv.Itoa(nice), "sh", "-c", script}, true, nice, 0, true, false},
		{"exec ignoring SIGHUP", []string{"-hup", "sh", "-c", script}, true, 20 - raw, 1, true, false},
		{"exec with stdout to a file", []string{"-out", "out", "sh", "-c", script}, true, 20 - raw, 0, false, true},
		{"exec with stderr to stdout", []string{"-err2out", "sh", "-c", script + " >&2"}, true, 20 - raw, 0, true, false},
		// A child keeps the process's disposition: SIGHUP is not ignored.
		{"child", []string{"-child", "-hup", "sh", "-c", script}, false, 20 - raw, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(filepath.Join(dir, "out"))
			pid, stdout, stderr, code := runProbe(t, dir, env, tt.args...)
			if code != 0 {
				t.Fatalf("status %d, stderr %q", code, stderr)
			}
			got := stdout
			if tt.outFile {
				b, _ := os.ReadFile(filepath.Join(dir, "out"))
				got = string(b)
				if stdout != "" {
					t.Errorf("stdout %q, want nothing", stdout)
				}
			}
			f := strings.Fields(got)
			if len(f) != 5 {
				t.Fatalf("program printed %q", got)
			}
			if (f[0] == strconv.Itoa(pid)) != tt.sameP {
				t.Errorf("program PID %s, probe PID %d: want same %v", f[0], pid, tt.sameP)
			}
			want := fmt.Sprintf("%s 42 %d %d", dir, tt.nice, tt.hupIgn)
			if g := strings.Join(f[1:], " "); g != want {
				t.Errorf("dir, X, nice, SIGHUP ignored: %q, want %q", g, want)
			}
		})
	}
}

// TestReplaceErrors checks BusyBox's statuses and messages when the
// program cannot replace the process.
func TestReplaceErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "noexec"), []byte("#!/bin/sh\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "badexec"), []byte("not a program\n"), 0o755)
	env := []string{"PATH=/usr/bin:/bin"}
	tests := []struct {
		args   []string
		stderr string
		code   int
	}{
		{[]string{"nosuch-cmd"}, "probe: can't execute 'nosuch-cmd': No such file or directory\n", 127},
		{[]string{"./noexec"}, "probe: can't execute './noexec': Permission denied\n", 126},
		{[]string{"./badexec"}, "probe: can't execute './badexec': Exec format error\n", 126},
		{[]string{"sh", "-c", "exit 7"}, "", 7},
		{[]string{"sh", "-c", "kill -TERM $$"}, "", 143},
	}
	for _, tt := range tests {
		_, stdout, stderr, code := runProbe(t, dir, env, tt.args...)
		if stdout != "" || stderr != tt.stderr || code != tt.code {
			t.Errorf("%q: stdout %q stderr %q status %d; want stderr %q status %d", tt.args, stdout, stderr, code, tt.stderr, tt.code)
		}
	}
}

// TestStdio checks the program's streams when they are each other's
// descriptors: stderr sent to stdout (nohup), and the two swapped.
func TestStdio(t *testing.T) {
	tests := []struct {
		flag, a, b string
	}{
		{"-err2out", "out\nerr\n", ""},
		{"-swap", "err\n", "out\n"},
	}
	for _, tt := range tests {
		a, b := stdioFiles2(t, tt.flag)
		if a != tt.a || b != tt.b {
			t.Errorf("%s: stdout file %q, stderr file %q; want %q, %q", tt.flag, a, b, tt.a, tt.b)
		}
	}
}

// stdioFiles2 runs the probe with flag and stdout and stderr on two
// files, and returns what the program wrote in each.
func stdioFiles2(t *testing.T, flag string) (string, string) {
	dir := t.TempDir()
	a, err := os.Create(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.Create(filepath.Join(dir, "b"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	defer b.Close()
	cmd := exec.Command(os.Args[0], flag, "sh", "-c", "echo out; echo err >&2")
	cmd.Env = []string{"RUN_TEST_PROBE=1", "PATH=/usr/bin:/bin"}
	cmd.Stdout, cmd.Stderr = a, b
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	ga, _ := os.ReadFile(a.Name())
	gb, _ := os.ReadFile(b.Name())
	return string(ga), string(gb)
}
