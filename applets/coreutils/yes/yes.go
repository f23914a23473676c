// Package yes is the yes applet: print its arguments (or "y") forever.
package yes

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is yes's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "yes",
	Path:    "/usr/bin",
	Usage:   "[STRING]",
	Help:    `Repeatedly print a line with STRING, or 'y'`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

// run writes the line in large batches until a write fails or the
// context is cancelled. Like BusyBox, every argument is printed (joined
// by spaces) and none is an option.
func run(ctx *applet.Ctx, args []string) error {
	line := "y\n"
	if len(args) > 0 {
		line = strings.Join(args, " ") + "\n"
	}
	reps := 1
	if len(line) < 8192 {
		reps = 8192 / len(line)
	}
	block := []byte(strings.Repeat(line, reps))
	for !ctx.Cancelled() {
		if _, err := ctx.Stdout.Write(block); err != nil {
			// BusyBox's bb_perror_nomsg_and_die: "yes: STRERROR".
			return applet.Perror(err, "")
		}
	}
	return applet.Exit(130)
}
