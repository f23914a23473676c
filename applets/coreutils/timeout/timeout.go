// Package timeout is the timeout applet: run a command and signal it if
// it is still running after a while.
package timeout

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gobox/internal/applet"
	"gobox/internal/duration"
	"gobox/internal/opt"
	"gobox/internal/run"
)

// Applet is timeout's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "timeout",
	Path:  "/usr/bin",
	Usage: "[-s SIG] [-k KILL_SECS] SECS PROG ARGS",
	Help: `Run PROG. Send SIG to it if it is not gone in SECS seconds.
Default SIG: TERM.If it still exists in KILL_SECS seconds, send KILL.
`,
	Options: &opt.Spec{Short: "s:k:", StopAtOperand: true},
	// timeout execs PROG in its place (same PID, as BusyBox does) and
	// leaves a watcher process to signal it: that needs a process of its
	// own.
	NoFork: false,
	Main:   main,
}

// main runs PROG with a watcher that signals it when time is up. Like
// BusyBox's, a timed-out command's status is that of the signal, 128+N
// (143 for TERM), not GNU's 124: whoever waits for PROG sees it killed.
//
// In a process of its own, timeout starts the watcher as a process (see
// startWatcher) and execs PROG, which keeps timeout's PID, as in
// BusyBox. In-process, or when the watcher cannot start, PROG is a child
// and a goroutine watches it.
func main(ctx *applet.Ctx, args []string) error {
	if ctx.OwnsProcess() && len(args) > 0 && (args[0] == spawnArg || args[0] == watchArg) {
		return watcherMain(args)
	}
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	sigName := o.StrOr("s", "TERM")
	sig, ok := signum(sigName)
	if !ok {
		return applet.Errorf("unknown signal '%s'", sigName)
	}
	var kill time.Duration
	if o.Has("k") {
		if kill, err = parseDuration(o.Str("k")); err != nil {
			return err
		}
	}
	rest := o.Args
	if len(rest) == 0 {
		return applet.Usage("")
	}
	limit, err := parseDuration(rest[0])
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return applet.Usage("")
	}
	if ctx.OwnsProcess() && startWatcher(os.Getpid(), sig, limit, kill) == nil {
		return run.Command(ctx, rest[1:], nil)
	}
	done := make(chan struct{})
	defer close(done)
	return run.Command(ctx, rest[1:], &run.Options{
		Child: true,
		Started: func(p *os.Process) error {
			go watchChild(p, sig, limit, kill, done)
			return nil
		},
	})
}

// watchChild signals p after limit, and kills it kill later if kill > 0,
// unless done is closed first.
func watchChild(p *os.Process, sig int, limit, kill time.Duration, done <-chan struct{}) {
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case <-done:
		return
	case <-t.C:
	}
	p.Signal(syscall.Signal(sig))
	if kill <= 0 {
		return
	}
	t.Reset(kill)
	select {
	case <-done:
	case <-t.C:
		p.Kill()
	}
}

// parseDuration is BusyBox's parse_duration_str.
func parseDuration(s string) (time.Duration, error) {
	secs, err := duration.Parse(s)
	return duration.Of(secs), err
}

// signum is BusyBox's get_signum: a number below 65, or a name with or
// without "SIG", in any case.
func signum(s string) (int, bool) {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.ParseUint(s, 10, 32)
		return int(n), err == nil && n < 65
	}
	u := strings.ToUpper(s)
	u = strings.TrimPrefix(u, "SIG")
	names := []string{"EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
		"FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
		"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
		"VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"}
	for i, n := range names {
		if u == n {
			return i, true
		}
	}
	switch u {
	case "IOT":
		return 6, true
	case "CLD":
		return 17, true
	case "POLL":
		return 29, true
	}
	return 0, false
}
