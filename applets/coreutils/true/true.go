// Package true is the true applet: it does nothing, successfully.
package true

import "gobox/internal/applet"

// Applet is true's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:   "true",
	Path:   "/bin",
	Help:   "Return an exit code of TRUE (0)",
	NoFork: true,
	// As in BusyBox, a lone --help is an ignored operand, not a usage request.
	RawHelp: true,
	Main:    func(*applet.Ctx, []string) error { return nil },
}
