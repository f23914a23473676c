// Package nice is the nice applet: run a program with a changed
// scheduling priority, or print the current one.
package nice

import (
	"math"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/run"
)

// Applet is nice's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "nice",
	Path:  "/bin",
	Usage: "[-n ADJUST] [PROG ARGS]",
	Help: `Change scheduling priority, run PROG

	-n ADJUST	Adjust priority by ADJUST`,
	Options: &opt.Spec{Short: "n:", Number: "n", StopAtOperand: true, Manual: true},
	// nice renices itself and execs PROG in its place, as BusyBox does
	// (same PID): that needs a process of its own. In-process, PROG is a
	// child that starts at the new priority and the caller keeps its own.
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
		return applet.Perror(err, "getpriority")
	}
	old := 20 - raw
	if len(args) == 0 {
		w := ctx.BufWriter(ctx.Stdout, 0)
		w.WriteString(strconv.Itoa(old))
		w.WriteByte('\n')
		if err := w.Flush(); err != nil {
			return applet.Perror(err, "write error")
		}
		return nil
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
		if adj, err = atoiRange(nnn, minAdj, maxAdj); err != nil {
			return err
		}
		args = args[1:]
	}
	prio := old + adj
	return run.Command(ctx, args, &run.Options{Nice: &prio})
}

// atoiRange is BusyBox's xatoi_range for a 32-bit int, messages and
// quirks included: a sign is dropped, the rest must be digits alone that
// fit an unsigned int ("invalid number 'REST'") and at most INT_MAX
// ("number REST is not in 0..2147483647 range"); then the signed value
// must lie in lo..hi ("number S is not in LO..HI range").
func atoiRange(s string, lo, hi int64) (int, error) {
	p := s
	upper := uint64(math.MaxInt32)
	if p != "" && (p[0] == '+' || p[0] == '-') {
		p = p[1:]
		// BusyBox means INT_MIN's magnitude for a minus sign but tests
		// the character after the sign, so only "--N" gets it (and
		// then fails on its second '-').
		if p != "" && p[0] == '-' {
			upper++
		}
	}
	if p == "" || p[0] < '0' || p[0] > '9' {
		return 0, applet.Errorf("invalid number '%s'", p)
	}
	n, err := strconv.ParseUint(p, 10, 32)
	if err != nil {
		return 0, applet.Errorf("invalid number '%s'", p)
	}
	if n > upper {
		return 0, applet.Errorf("number %s is not in 0..%d range", p, upper)
	}
	r := int64(n)
	if s[0] == '-' {
		r = -r
	}
	if r < lo || r > hi {
		return 0, applet.Errorf("number %s is not in %d..%d range", s, lo, hi)
	}
	return int(r), nil
}
