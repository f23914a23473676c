// Package usleep is the usleep applet: pause for N microseconds.
package usleep

import (
	"strconv"
	"time"

	"gobox/internal/applet"
	"gobox/internal/duration"
	"gobox/internal/opt"
)

// Applet is usleep's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "usleep",
	Path:    "/bin",
	Usage:   "N",
	Help:    "Pause for N microseconds",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	s := args[0]
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || s[0] < '0' || s[0] > '9' {
		return applet.Errorf("invalid number '%s'", s)
	}
	if n == 0 {
		return nil
	}
	return duration.Sleep(ctx, time.Duration(n)*time.Microsecond)
}
