package interp_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
)

// procTable is what the test binary runs as when it is re-executed under
// an applet's name: the shell re-executes /proc/self/exe for background
// jobs, ulimit subshells and applets that need a process, and here that
// is this test binary.
var procTable = applet.Table{table[0], table[1], table[2], &sh, table[3], table[4]}

func TestMain(m *testing.M) {
	if a := procTable.Lookup(strings.TrimPrefix(filepath.Base(os.Args[0]), "-")); a != nil {
		os.Exit(applet.Main(procTable, os.Args))
	}
	os.Exit(m.Run())
}

// runProcIn runs "sh -c script" as a process of its own (the shell owns
// it: signals, background children, exec), in a temporary directory
// whose bin/sh is this binary, first in PATH, with stdin. A death by
// signal N is status 128+N, as a shell reports it.
func runProcIn(t *testing.T, script, stdin string, args ...string) (string, string, int) {
	t.Helper()
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o755)
	if err := os.Symlink(self, filepath.Join(bin, "sh")); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	cmd := &exec.Cmd{
		Path:   self,
		Args:   append([]string{"sh"}, args...),
		Dir:    dir,
		Env:    []string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + dir, "PS1=PS> "},
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errb,
	}
	if script != "" {
		cmd.Args = append([]string{"sh", "-c", script}, args...)
	}
	err = cmd.Run()
	st := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			st = 128 + int(ws.Signal())
		} else {
			st = ws.ExitStatus()
		}
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), st
}

func runProcCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, st := runProcIn(t, tc.script, tc.stdin, tc.args...)
			if out != tc.stdout || errs != tc.stderr || st != tc.status {
				t.Errorf("sh -c %q:\nstdout %q, want %q\nstderr %q, want %q\nstatus %d, want %d",
					tc.script, out, tc.stdout, errs, tc.stderr, st, tc.status)
			}
		})
	}
}

// TestBackgroundProcess: a background job that is not a simple command
// is a child process with the shell's state; $! is its PID.
func TestBackgroundProcess(t *testing.T) {
	runProcCases(t, []tcase{
		{name: "function job sees variables, functions and parameters",
			script: `f() { echo "f $1 $x $2"; }; x=5; set -- p q; f a "$@" & wait $!; echo $?`, stdout: "f a 5 p\n0\n"},
		{name: "$! is a live process", script: `{ sleep 5; } & p=$!; [ -d /proc/$p ] && echo real; kill $p; wait $p; echo $?`,
			stdout: "real\n143\n", stderr: "Terminated\n"},
		{name: "exit status of a group", script: `{ echo blk; exit 3; } & wait $!; echo $?`, stdout: "blk\n3\n"},
		{name: "killed job", script: `(sleep 5; echo no) & kill $!; wait $!; echo $?`, stdout: "143\n", stderr: "Terminated\n"},
		{name: "bare wait says nothing", script: `(sleep 5) & kill -9 $!; wait; echo done`, stdout: "done\n"},
		{name: "$$ is the parent's", script: `echo $$ >a; { echo $$ >b; } & wait; [ "$(cat a)" = "$(cat b)" ] && echo same`, stdout: "same\n"},
		{name: "lone command of a job is exec'd", script: `c=sh; $c -c 'echo $$ >p' & wait; [ "$(cat p)" = "$!" ] && echo same`, stdout: "same\n"},
		{name: "descriptors above 2", script: `exec 3>f3; { echo to3 >&3; } & wait; cat f3`, stdout: "to3\n"},
		// Alpine's ash does not ignore SIGINT in a background job.
		{name: "INT kills a background job", script: `{ sleep 5; } & kill -INT $!; wait $!; echo $?`, stdout: "130\n"},
		{name: "substitution reads a job's output to its end", script: `x=$( { sleep 0.2; echo hi; } & ); echo "[$x]"`, stdout: "[hi]\n"},
		{name: "jobs in a pipeline", script: `sleep 5 & jobs | { read a b; echo "$a"; }; kill $!`, stdout: "[1]+\n"},
	})
}

// TestSignals: kill -SIG $$ acts as in ash: a trap runs before the next
// command, an untrapped fatal signal kills the shell.
func TestSignals(t *testing.T) {
	runProcCases(t, []tcase{
		{name: "trap runs before the next command", script: `trap 'echo got' USR1; kill -USR1 $$; echo after`, stdout: "got\nafter\n"},
		{name: "untrapped USR1 kills", script: `kill -USR1 $$; echo no`, status: 128 + 10},
		{name: "untrapped ALRM kills", script: `kill -ALRM $$; echo no`, status: 128 + 14},
		{name: "trap reset then kill", script: `trap 'echo T' USR2; trap - USR2; kill -USR2 $$; echo no`, status: 128 + 12},
		{name: "ignored then reset", script: `trap '' TERM; trap - TERM; kill $$; echo no`, status: 128 + 15},
		{name: "ignored", script: `trap '' USR1; kill -USR1 $$; echo alive`, stdout: "alive\n"},
		{name: "ignored signal stays ignored in a child shell", script: `trap '' USR1; sh -c 'kill -USR1 $$; echo child-survived'`, stdout: "child-survived\n"},
		{name: "signal from another process", script: `trap 'echo got; exit 3' TERM; sh -c 'kill $PPID'; echo after`, stdout: "got\n", status: 3},
		{name: "return in a trap keeps the entry status",
			script: `f() { (kill -USR1 $$; exit 3); echo no; }; trap 'return' USR1; f; echo $?`, stdout: "3\n"},
		{name: "trap inside a trap", script: `trap 'echo INT' INT; trap 'kill -INT $$; echo term' TERM; kill $$; echo end`, stdout: "INT\nterm\nend\n"},
		{name: "continue pending when the trap comes", script: `trap 'echo T; exit' USR1; for i in 1 2; do kill -USR1 $$; continue; done`, stdout: "T\n"},
		{name: "PIPE trap not run for a stage's EPIPE",
			script: `trap 'echo caught; exit 1' PIPE; i=0; while [ $i -lt 30 ]; do printf 'x' | true; yes | head -n 1 >/dev/null; i=$((i+1)); done; echo after`, stdout: "after\n"},
		// A subshell is a process in ash: "kill $PPID" from a program it
		// runs is for it, whose traps were reset.
		{name: "signal to a subshell from its program", script: `trap 'echo bad' TERM; (sh -c 'kill -TERM $PPID'; echo no); echo "st=$?"`,
			stdout: "st=143\n", stderr: "Terminated\n"},
		{name: "ignored signal to a subshell", script: `trap '' HUP; (sh -c 'kill -HUP $PPID'; echo ok)`, stdout: "ok\n"},
		{name: "SIGSYS ignored", script: `trap '' SYS; kill -SYS $$; echo alive`, stdout: "alive\n"},
		{name: "wait returns on a trapped signal", script: `trap 'echo T' USR1; sleep 5 & (sleep 0; kill -USR1 $$) & wait %1; echo "st=$?"; kill %1`, stdout: "T\nst=138\n"},
	})
}

// TestBuiltinEPIPE: a builtin writing to a closed pipe is the shell
// writing: with SIGPIPE ignored it reports the error, status 1.
func TestBuiltinEPIPE(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	var errb bytes.Buffer
	ctx := &applet.Ctx{Name: "sh", Stdin: strings.NewReader(""), Stdout: w, Stderr: &errb, Dir: t.TempDir(), Umask: 0o22, Applets: table}
	st := applet.Run(ctx, &sh, []string{"-c", `trap '' PIPE; echo x; echo "st=$?" >&2; (echo y; echo no >&2); echo "sub=$?" >&2`})
	// The subshell: a copy dies as a forked ash would, 141, quietly...
	// unless SIGPIPE is ignored, as here: then it reports too.
	want := "sh: write error: Broken pipe\nst=1\nsh: write error: Broken pipe\nno\nsub=0\n"
	if errb.String() != want || st != 0 {
		t.Errorf("stderr %q, want %q; status %d", errb.String(), want, st)
	}
	errb.Reset()
	st = applet.Run(ctx, &sh, []string{"-c", `(echo y; echo no >&2); echo "sub=$?" >&2`})
	if errb.String() != "sub=141\n" || st != 0 {
		t.Errorf("default SIGPIPE: stderr %q, status %d", errb.String(), st)
	}
}

// TestProcessState covers what needs a process: ulimit in ( ), fds
// inherited by a child shell, sh -c exec'ing its last command,
// invocation errors.
func TestProcessState(t *testing.T) {
	runProcCases(t, []tcase{
		{name: "ulimit in a subshell stays there", script: "ulimit -n 64; (ulimit -n 32; ulimit -n); ulimit -n", stdout: "32\n64\n"},
		{name: "fd 3 reaches a child shell", script: "exec 3>f3; sh -c 'echo from-child >&3'; cat f3", stdout: "from-child\n"},
		// The last command replaces the shell: its parent is this test.
		{name: "last command exec'd", script: "sh -c 'echo $PPID'", stdout: strconv.Itoa(os.Getpid()) + "\n"},
		{name: "unknown long option ignored", script: "", args: []string{"--nosuch", "-c", "echo ok"}, stdout: "ok\n"},
		{name: "missing script", script: "", args: []string{"nosuch.sh"}, stderr: "sh: can't open 'nosuch.sh': No such file or directory\n", status: 2},
		{name: "directory as script", script: "", args: []string{"."}},
		{name: "-i without a terminal", args: []string{"-i"}, stdin: "echo hi; exit 3\n", stdout: "PS> hi\n",
			stderr: "sh: can't access tty; job control turned off\n", status: 3},
		{name: "-i +m without a terminal", args: []string{"-i", "+m"}, stdin: "echo hi\n", stdout: "PS> hi\nPS> ", stderr: "\n"},
		{name: "-o with a bad name", script: "", args: []string{"-o", "nosuch", "-c", "echo ran"}, stderr: "sh: illegal option -o nosuch\n"},
	})
}

// TestLoginArgv0: started as "-sh" (login(1), getty), the shell is a
// login shell that reads ~/.profile, and $0 is "-sh".
func TestLoginArgv0(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".profile"), []byte("echo profile\n"), 0o644)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := &exec.Cmd{Path: self, Args: []string{"-sh", "-c", "echo $0"}, Dir: dir, Env: []string{"HOME=" + dir, "PATH=/bin"}, Stdout: &out, Stderr: &out}
	if err := cmd.Run(); err != nil || out.String() != "profile\n-sh\n" {
		t.Errorf("-sh -c 'echo $0': %q, %v", out.String(), err)
	}
}
