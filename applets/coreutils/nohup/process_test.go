package nohup

import (
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applettest"
)

// TestInProcessKeepsSIGHUP checks that nohup run in-process (as in the
// shell) leaves the SIGHUP disposition of the process it shares alone:
// only a nohup that owns its process, and then execs, may ignore it.
// Its child therefore keeps the default disposition.
func TestInProcessKeepsSIGHUP(t *testing.T) {
	if signal.Ignored(syscall.SIGHUP) {
		t.Skip("the test process was started with SIGHUP ignored")
	}
	r := applettest.Run(t, &Applet, "sh", "-c", `sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status`)
	r.Expect(t, r.Stdout, 0)
	mask, err := strconv.ParseUint(strings.TrimSpace(r.Stdout), 16, 64)
	if err != nil {
		t.Fatalf("SigIgn %q: %v", r.Stdout, err)
	}
	if mask&1 != 0 {
		t.Errorf("the in-process child ignores SIGHUP (SigIgn %x)", mask)
	}
	if signal.Ignored(syscall.SIGHUP) {
		t.Error("nohup in-process made the whole process ignore SIGHUP")
	}
}
