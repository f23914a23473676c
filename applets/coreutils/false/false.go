// Package false is the false applet: it does nothing, unsuccessfully.
package false

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is false's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "false",
	Path:    "/bin",
	Help:    "Return an exit code of FALSE (1)",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	// As in BusyBox, a lone --help is an ignored operand, not a usage request.
	RawHelp: true,
	Main:    func(*applet.Ctx, []string) error { return applet.Exit(1) },
}
