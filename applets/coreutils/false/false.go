// Package false is the false applet: it does nothing, unsuccessfully.
package false

import "gobox/internal/applet"

// Applet is false's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:   "false",
	Path:   "/bin",
	Help:   "Return an exit code of FALSE (1)",
	NoFork: true,
	// As in BusyBox, a lone --help is an ignored operand, not a usage request.
	RawHelp: true,
	Main:    func(*applet.Ctx, []string) error { return applet.Exit(1) },
}
