package usleep

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestUsleep(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
		code   int
	}{
		{[]string{"0"}, "", 0},
		{[]string{"1000", "ignored"}, "", 0},
		{[]string{"abc"}, "usleep: invalid number 'abc'\n", 1},
		{[]string{"1x"}, "usleep: invalid number '1x'\n", 1},
		{[]string{"-1"}, "usleep: invalid number '-1'\n", 1},
		{[]string{"+1"}, "usleep: invalid number '+1'\n", 1},
		{[]string{"4294967296"}, "usleep: invalid number '4294967296'\n", 1},
		{nil, "usage", 1},
	}
	for _, tt := range tests {
		r := applettest.Run(t, &Applet, tt.args...)
		if r.Code != tt.code || r.Stdout != "" {
			t.Errorf("usleep %q: status %d, want %d", tt.args, r.Code, tt.code)
		}
		if tt.stderr == "usage" {
			if !strings.Contains(r.Stderr, "Usage: usleep N") {
				t.Errorf("usleep %q: stderr %q, want usage", tt.args, r.Stderr)
			}
		} else if r.Stderr != tt.stderr {
			t.Errorf("usleep %q: stderr %q, want %q", tt.args, r.Stderr, tt.stderr)
		}
	}
}

func TestUsleepWaitsAndCancels(t *testing.T) {
	start := time.Now()
	applettest.Run(t, &Applet, "50000").Expect(t, "", 0)
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("slept %v, want >= 50ms", d)
	}
	c, cancel := context.WithCancel(context.Background())
	var errb bytes.Buffer
	ctx := &applet.Ctx{Context: c, Name: "usleep", Stderr: &errb}
	done := make(chan int)
	go func() { done <- applet.Run(ctx, &Applet, []string{"100000000"}) }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	select {
	case code := <-done:
		if code != 130 {
			t.Errorf("cancelled usleep: status %d", code)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("usleep did not return when cancelled")
	}
}

// TestMain lets the test binary stand in for gobox: run with
// GOBOX_TEST_APPLET set, it is the usleep applet as a process of its own,
// dispatched by applet.Main as the real binary does.
func TestMain(m *testing.M) {
	if os.Getenv("GOBOX_TEST_APPLET") != "" {
		os.Exit(applet.Main(applet.Table{&Applet}, append([]string{"usleep"}, os.Args[1:]...)))
	}
	os.Exit(m.Run())
}

// TestUsleepLongestProcess runs the longest usleep (about 71 minutes) as
// a process with nothing to cancel it: it must block until killed, not
// die of Go's "all goroutines are asleep" check as sleep infinity did.
func TestUsleepLongestProcess(t *testing.T) {
	blocksUntilKilled(t, []string{"4294967295"})
}

// blocksUntilKilled starts the test binary as "usleep ARGS" and waits
// until the process is at rest: Go's runtime checks for a deadlock when
// its last busy thread goes idle, so once every thread is blocked for
// good, a process still alive will not die of that check. It then kills
// the process and expects it to die of that signal.
func blocksUntilKilled(t *testing.T, args []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "GOBOX_TEST_APPLET=1")
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
			t.Fatalf("usleep %q exited (%v) instead of sleeping; stderr: %.200q", args, err, errb.String())
		default:
			time.Sleep(time.Millisecond)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := <-exited
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGTERM {
		t.Errorf("usleep %q: ended with %v, want killed by SIGTERM; stderr: %.200q", args, err, errb.String())
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
