// Package sleep is the sleep applet: BusyBox's sleep with fractions, the
// suffixes s, m, h and d, several arguments summed, and "inf".
package sleep

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/duration"
	"gobox/internal/opt"
)

// Applet is sleep's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "sleep",
	Path:  "/bin",
	Usage: "[N]...",
	Help: `Pause for a time equal to the total of the args given, where each arg can
have an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	if len(args[0]) >= 3 && strings.EqualFold(args[0][:3], "inf") {
		return duration.Sleep(ctx, -1)
	}
	total := 0.0
	for _, a := range args {
		d, err := duration.Parse(a)
		if err != nil {
			return err
		}
		total += d
	}
	return duration.Sleep(ctx, duration.Of(total))
}
