package applettest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BlocksUntilKilled starts cmd (an applet run as a process of its own) and
// waits until it is at rest: Go's runtime checks for a deadlock when its
// last busy thread goes idle, so once every thread is blocked for good, a
// process still alive will not die of that check. It then sends SIGTERM
// and fails the test unless the process died of it. It fails at once if
// the process exits by itself.
func BlocksUntilKilled(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	for !atRest(cmd.Process.Pid) {
		select {
		case err := <-exited:
			t.Fatalf("%q exited (%v) instead of blocking; stderr: %.200q", cmd.Args, err, errb.String())
		default:
			time.Sleep(time.Millisecond)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := <-exited
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("%q: ended with %v, want killed by SIGTERM; stderr: %.200q", cmd.Args, err, errb.String())
	}
}

// atRest reports whether every thread of process pid sleeps in the
// kernel (state S) waiting for an event rather than for a short time:
// Go's scheduler naps in nanosleep while it starts up or looks for work,
// so a thread in nanosleep means the process is still busy.
func atRest(pid int) bool {
	tasks, err := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*"))
	if err != nil || len(tasks) == 0 {
		return false
	}
	for _, task := range tasks {
		stat, err := os.ReadFile(filepath.Join(task, "stat"))
		if err != nil {
			return false
		}
		// The state follows the command name, which is in parentheses.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 || i+2 >= len(stat) || stat[i+2] != 'S' {
			return false
		}
		sc, err := os.ReadFile(filepath.Join(task, "syscall"))
		if err != nil {
			return false
		}
		nr, _, _ := strings.Cut(string(sc), " ")
		if nr == strconv.Itoa(syscall.SYS_NANOSLEEP) || nr == strconv.Itoa(syscall.SYS_CLOCK_NANOSLEEP) {
			return false
		}
	}
	return true
}
