// Package true is the true applet: it does nothing, successfully.
package true

import "gobox/internal/applet"

func init() {
	applet.Register(applet.Applet{
		Name:   "true",
		Path:   "/bin",
		Help:   "Return an exit code of TRUE (0)",
		NoFork: true,
		Main:   func(*applet.Ctx, []string) error { return nil },
	})
}
