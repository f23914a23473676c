package sleep

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

func TestSleep(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
		code   int
	}{
		{[]string{"0"}, "", 0},
		{[]string{"0.01", "0.01s", ".01"}, "", 0},
		{[]string{"0s", "0m", "0h", "0d", "0.0h", "0.s"}, "", 0},
		{[]string{"abc"}, "sleep: invalid number 'abc'\n", 1},
		{[]string{"1x"}, "sleep: invalid number '1x'\n", 1},
		{[]string{"1.5x"}, "sleep: invalid number '1x'\n", 1},
		{[]string{"-1"}, "sleep: invalid number '-1'\n", 1},
		{[]string{"+1"}, "sleep: invalid number '+1'\n", 1},
		{[]string{"1ss"}, "sleep: invalid number '1ss'\n", 1},
		{[]string{"1e3"}, "sleep: invalid number '1e3'\n", 1},
		{[]string{"a.b"}, "sleep: invalid number '1a.b'\n", 1},
		{[]string{"0", "99999999999999999d"}, "sleep: number 99999999999999999d is not in 0..18446744073709551615 range\n", 1},
		{[]string{"99999999999999999999"}, "sleep: invalid number '99999999999999999999'\n", 1},
		{[]string{"1.5.5"}, "usage", 1},
		{[]string{"."}, "usage", 1},
		{nil, "usage", 1},
	}
	for _, tt := range tests {
		r := applettest.Run(t, &Applet, tt.args...)
		if r.Code != tt.code || r.Stdout != "" {
			t.Errorf("sleep %q: status %d stdout %q, want %d", tt.args, r.Code, r.Stdout, tt.code)
		}
		if tt.stderr == "usage" {
			if !strings.Contains(r.Stderr, "Usage: sleep") {
				t.Errorf("sleep %q: stderr %q, want usage", tt.args, r.Stderr)
			}
		} else if r.Stderr != tt.stderr {
			t.Errorf("sleep %q: stderr %q, want %q", tt.args, r.Stderr, tt.stderr)
		}
	}
}

func TestSleepWaits(t *testing.T) {
	start := time.Now()
	applettest.Run(t, &Applet, "0.1", "0.05").Expect(t, "", 0)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("slept %v, want >= 150ms", d)
	}
}

func TestSleepCancel(t *testing.T) {
	for _, args := range [][]string{{"10"}, {"inf"}, {"INFINITY"}} {
		c, cancel := context.WithCancel(context.Background())
		var out, errb bytes.Buffer
		ctx := &applet.Ctx{Context: c, Name: "sleep", Stdout: &out, Stderr: &errb}
		done := make(chan int)
		go func() { done <- applet.Run(ctx, &Applet, args) }()
		time.Sleep(20 * time.Millisecond)
		cancel()
		select {
		case code := <-done:
			if code != 130 || errb.String() != "" {
				t.Errorf("sleep %q cancelled: status %d stderr %q", args, code, errb.String())
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("sleep %q did not return when cancelled", args)
		}
	}
}

// TestMain lets the test binary stand in for gobox: run with
// GOBOX_TEST_APPLET set, it is the sleep applet as a process of its own,
// dispatched by applet.Main as the real binary does.
func TestMain(m *testing.M) {
	if os.Getenv("GOBOX_TEST_APPLET") != "" {
		os.Exit(applet.Main(applet.Table{&Applet}, append([]string{"sleep"}, os.Args[1:]...)))
	}
	os.Exit(m.Run())
}

// TestSleepForeverProcess runs sleep as a process with nothing to cancel
// it (context.Background): a wait forever must block until killed, as
// BusyBox's does, not die of Go's "all goroutines are asleep" check.
func TestSleepForeverProcess(t *testing.T) {
	for _, args := range [][]string{{"infinity"}, {"inf"}, {"INF"}, {"107000d"}, {"100000d", "7000d"}} {
		blocksUntilKilled(t, args)
	}
}

// blocksUntilKilled runs the test binary as "sleep ARGS", a process of its
// own (TestMain), and expects it to block until killed.
func blocksUntilKilled(t *testing.T, args []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "GOBOX_TEST_APPLET=1")
	applettest.BlocksUntilKilled(t, cmd)
}
