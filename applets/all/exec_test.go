package all

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
)

// pxBuild builds gobox into a fresh directory of t's.
func pxBuild(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gobox")
	cmd := exec.Command("go", "build", "-o", bin, "gobox/cmd/gobox")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// pxWaitFor polls cond until it holds; it fails the test after a long
// while (the condition is expected within milliseconds).
func pxWaitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

// pxProc reads /proc/PID/FILE ("" when the process is gone).
func pxProc(pid int, file string) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/%s", pid, file))
	return string(b)
}

// pxStatus returns a finished command's status as a shell reports it.
func pxStatus(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws := ee.Sys().(syscall.WaitStatus); ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// pxWatchers returns the PIDs of timeout watchers of process pid.
func pxWatchers(pid int) []int {
	var found []int
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		args := strings.Split(pxProc(p, "cmdline"), "\x00")
		if len(args) > 2 && args[0] == "timeout" && strings.HasPrefix(args[1], "--gobox-timeout-") && args[2] == strconv.Itoa(pid) {
			found = append(found, p)
		}
	}
	return found
}

// TestExecApplets runs the applets that run a program (env, nice, nohup,
// chroot, timeout) as processes of their own, from the built binary, and
// checks that they exec the program as BusyBox does: the PID the caller
// started is the program's, with what the applet set up (environment,
// priority, SIGHUP ignored), a signal sent to it reaches the program, and
// nothing is left behind. timeout's watcher is detached and signals that
// PID.
func TestExecApplets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gobox; skipped in -short mode")
	}
	gobox := pxBuild(t)
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep to run")
	}
	raw, err := unix.Getpriority(unix.PRIO_PROCESS, 0)
	if err != nil {
		t.Fatal(err)
	}
	nice := min(20-raw+5, 19)
	tests := []struct {
		name string
		args []string
		// check looks at the running program; sig is what the test
		// then sends it, and status what the caller must then see.
		check  func(t *testing.T, pid int)
		sig    syscall.Signal
		status int
	}{
		{"env", []string{"env", "-i", "X=1", sleep, "100"}, func(t *testing.T, pid int) {
			if env := pxProc(pid, "environ"); env != "X=1\x00" {
				t.Errorf("environment %q, want X=1 alone", env)
			}
		}, syscall.SIGTERM, 143},
		{"nice", []string{"nice", "-n", "5", sleep, "100"}, func(t *testing.T, pid int) {
			if f := strings.Fields(pxProc(pid, "stat")); len(f) < 19 || f[18] != strconv.Itoa(nice) {
				t.Errorf("nice value %q, want %d", f[18], nice)
			}
		}, syscall.SIGTERM, 143},
		{"nohup", []string{"nohup", sleep, "100"}, func(t *testing.T, pid int) {
			if !pxIgnored(pid, syscall.SIGHUP) {
				t.Errorf("SIGHUP is not ignored: %q", pxProc(pid, "status"))
			}
			// An ignored signal is dropped when sent: the SIGTERM that
			// follows is what ends the program (a pending SIGHUP
			// would be delivered first, status 129).
			syscall.Kill(pid, syscall.SIGHUP)
		}, syscall.SIGTERM, 143},
		{"chroot", []string{"chroot", "/", sleep, "100"}, nil, syscall.SIGTERM, 143},
		{"timeout", []string{"timeout", "100", sleep, "100"}, func(t *testing.T, pid int) {
			w := pxWatchers(pid)
			if len(w) != 1 {
				t.Fatalf("watchers of %d: %v, want one", pid, w)
			}
			// The watcher is nobody's child but init's (or a
			// subreaper's), in a session of its own, on /dev/null.
			st := strings.Fields(pxProc(w[0], "stat")[strings.LastIndex(pxProc(w[0], "stat"), ")")+2:])
			if st[1] == strconv.Itoa(pid) || st[1] == strconv.Itoa(os.Getpid()) || st[3] == pxSid(pid) {
				t.Errorf("watcher %d: parent %s, session %s (program %d, test %d)", w[0], st[1], st[3], pid, os.Getpid())
			}
			for fd := range 3 {
				if l, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%d", w[0], fd)); l != os.DevNull {
					t.Errorf("watcher's fd %d is %q", fd, l)
				}
			}
		}, syscall.SIGUSR1, 128 + int(syscall.SIGUSR1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(gobox, tt.args...)
			cmd.Env = []string{"PATH=/usr/bin:/bin"}
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pid := cmd.Process.Pid
			defer cmd.Process.Kill()
			want := filepath.Base(sleep) + "\x00100\x00"
			pxWaitFor(t, "the program to replace "+tt.name, func() bool {
				return strings.HasSuffix(pxProc(pid, "cmdline"), want) && pxExeIs(pid, sleep)
			})
			if tt.check != nil {
				tt.check(t, pid)
			}
			cmd.Process.Signal(tt.sig)
			if st := pxStatus(cmd.Wait()); st != tt.status {
				t.Errorf("status %d, want %d (stderr %q)", st, tt.status, errb.String())
			}
			pxWaitFor(t, "no watcher left", func() bool { return len(pxWatchers(pid)) == 0 })
		})
	}
}

// pxExeIs reports whether process pid runs the program at path.
func pxExeIs(pid int, path string) bool {
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	want, _ := filepath.EvalSymlinks(path)
	return err == nil && exe == want
}

// pxIgnored reports whether process pid ignores sig.
func pxIgnored(pid int, sig syscall.Signal) bool {
	for _, l := range strings.Split(pxProc(pid, "status"), "\n") {
		if v, ok := strings.CutPrefix(l, "SigIgn:"); ok {
			mask, err := strconv.ParseUint(strings.TrimSpace(v), 16, 64)
			return err == nil && mask&(1<<(sig-1)) != 0
		}
	}
	return false
}

// pxSid is the session of process pid.
func pxSid(pid int) string {
	stat := pxProc(pid, "stat")
	f := strings.Fields(stat[strings.LastIndex(stat, ")")+2:])
	if len(f) < 4 {
		return ""
	}
	return f[3]
}

// TestExecTimeout checks timeout as a process of its own: the program,
// with timeout's PID, is signalled when time is up (so its status is the
// signal's, as with BusyBox: 143 for TERM), -k kills it after a signal it
// ignores, a program that ends first ends the watcher too, and a program
// that cannot run gives BusyBox's message and status.
func TestExecTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gobox; skipped in -short mode")
	}
	gobox := pxBuild(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "noexec"), []byte("#!/bin/sh\n"), 0o644)
	tests := []struct {
		args   []string
		out    string
		stderr string
		status int
	}{
		{[]string{"0.2", "sleep", "100"}, "", "", 143},
		{[]string{"-s", "KILL", "0.2", "sleep", "100"}, "", "", 137},
		{[]string{"-s", "INT", "0.2", "sleep", "100"}, "", "", 130},
		// The program ignores TERM; KILL follows.
		{[]string{"-k", "0.2", "0.2", "sh", "-c", "trap '' TERM; echo $$; exec sleep 100"}, "$$", "", 137},
		{[]string{"10", "sh", "-c", "echo $$"}, "$$", "", 0},
		{[]string{"10", "sh", "-c", "exit 3"}, "", "", 3},
		{[]string{"10", "nosuch"}, "", "timeout: can't execute 'nosuch': No such file or directory\n", 127},
		{[]string{"10", "./noexec"}, "", "timeout: can't execute './noexec': Permission denied\n", 126},
	}
	for _, tt := range tests {
		cmd := exec.Command(gobox, append([]string{"timeout"}, tt.args...)...)
		cmd.Env = []string{"PATH=/usr/bin:/bin"}
		cmd.Dir = dir
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		st := pxStatus(cmd.Wait())
		wantOut := strings.ReplaceAll(tt.out, "$$", strconv.Itoa(cmd.Process.Pid)+"\n")
		if out.String() != wantOut || errb.String() != tt.stderr || st != tt.status {
			t.Errorf("timeout %q: stdout %q stderr %q status %d; want %q %q %d", tt.args, out.String(), errb.String(), st, wantOut, tt.stderr, tt.status)
		}
		pxWaitFor(t, "no watcher left", func() bool { return len(pxWatchers(cmd.Process.Pid)) == 0 })
	}
}

// TestExecNohupTerminal runs nohup with its streams on a terminal: the
// program's output goes to nohup.out (created 0600 less the umask), its
// stdin is /dev/null, and the notice goes to the terminal.
func TestExecNohupTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gobox; skipped in -short mode")
	}
	gobox := pxBuild(t)
	ptmx, tty := ptyPair(t)
	dir := t.TempDir()
	cmd := exec.Command(gobox, "nohup", "sh", "-c", "echo $$; readlink /proc/$$/fd/0; echo err >&2")
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	old := syscall.Umask(0o027)
	err := cmd.Start()
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	tty.Close()
	var term bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&term, ptmx); close(done) }()
	if st := pxStatus(cmd.Wait()); st != 0 {
		t.Errorf("status %d", st)
	}
	<-done
	if want := "nohup: appending output to nohup.out\r\n"; term.String() != want {
		t.Errorf("terminal got %q, want %q", term.String(), want)
	}
	b, err := os.ReadFile(filepath.Join(dir, "nohup.out"))
	if want := fmt.Sprintf("%d\n/dev/null\nerr\n", cmd.Process.Pid); string(b) != want {
		t.Errorf("nohup.out %q %v, want %q", b, err, want)
	}
	if fi, err := os.Stat(filepath.Join(dir, "nohup.out")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("nohup.out: %v %v, want mode 0600", fi, err)
	}
}

// ptyPair opens a pseudo-terminal: its master and its terminal side.
func ptyPair(t *testing.T) (ptmx, tty *os.File) {
	ptmx, tty, _ = applettest.Pty(t)
	return ptmx, tty
}

// TestExecLoginName runs an applet under a name with a leading dash, as
// login(1) and getty start a login shell ("-sh"): BusyBox looks the applet
// up without the dash.
func TestExecLoginName(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gobox; skipped in -short mode")
	}
	gobox := pxBuild(t)
	cmd := &exec.Cmd{Path: gobox, Args: []string{"-echo", "hi"}}
	out, err := cmd.CombinedOutput()
	if err != nil || string(out) != "hi\n" {
		t.Errorf("argv[0] -echo: %q, %v; want \"hi\\n\"", out, err)
	}
}
