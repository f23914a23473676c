package usleep

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
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

// blocksUntilKilled runs the test binary as "usleep ARGS", a process of its
// own (TestMain), and expects it to block until killed.
func blocksUntilKilled(t *testing.T, args []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "GOBOX_TEST_APPLET=1")
	applettest.BlocksUntilKilled(t, cmd)
}
