// Package true is the true applet: it does nothing, successfully.
package true

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is true's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "true",
	Path:    "/bin",
	Help:    "Return an exit code of TRUE (0)",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	// As in BusyBox, a lone --help is an ignored operand, not a usage request.
	RawHelp: true,
	Main:    func(*applet.Ctx, []string) error { return nil },
}
