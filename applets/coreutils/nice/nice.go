// Package nice is the nice applet: run a program with a changed
// scheduling priority, or print the current one.
package nice

import (
	"bufio"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/run"
)

// Applet is nice's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "nice",
	Path:  "/bin",
	Usage: "[-n ADJUST] [PROG ARGS]",
	Help: `Change scheduling priority, run PROG

	-n ADJUST	Adjust priority by ADJUST`,
	// The command runs as a child that starts with the new priority;
	// gobox's own priority is unchanged. BusyBox's nice is NOEXEC, so it
	// stays out of the shell's process too.
	NoFork: false,
	Main:   main,
}

const (
	minAdj = -1 << 30
	maxAdj = 1<<30 - 1
)

// main parses by hand, as BusyBox does: "-n N", "-nN" or "-N" ("--5" is
// -5), then PROG.
func main(ctx *applet.Ctx, args []string) error {
	// The kernel's getpriority returns 20-nice.
	raw, err := unix.Getpriority(unix.PRIO_PROCESS, 0)
	if err != nil {
		return applet.Errorf("getpriority: %s", applet.ErrText(err))
	}
	old := 20 - raw
	if len(args) == 0 {
		w := bufio.NewWriter(ctx.Stdout)
		w.WriteString(strconv.Itoa(old))
		w.WriteByte('\n')
		return w.Flush()
	}
	adj := 10
	if a := args[0]; a != "" && a[0] == '-' {
		nnn, have := a[1:], true
		if nnn != "" && nnn[0] == 'n' {
			nnn = nnn[1:]
			if nnn == "" {
				args = args[1:]
				have = len(args) > 0
				if have {
					nnn = args[0]
				}
			}
		}
		if !have || len(args) < 2 {
			return applet.Usage("")
		}
		n, err := strconv.ParseInt(nnn, 10, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return applet.Errorf("number %s is not in %d..%d range", nnn, minAdj, maxAdj)
			}
			return applet.Errorf("invalid number '%s'", nnn)
		}
		if n < minAdj || n > maxAdj {
			return applet.Errorf("number %s is not in %d..%d range", nnn, minAdj, maxAdj)
		}
		adj = int(n)
		args = args[1:]
	}
	prio := old + adj
	return run.Command(ctx, args, &run.Options{Nice: &prio})
}
