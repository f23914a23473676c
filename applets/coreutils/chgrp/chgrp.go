// Package chgrp is the chgrp applet: change the group of files.
package chgrp

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/owner"
)

// Applet is chgrp's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "chgrp",
	Path:  "/bin",
	Usage: "[-RhLHPcvf]... GROUP FILE...",
	Help:  "Change the group membership of FILEs to GROUP\n\n" + owner.HelpOptions,
	Options: &opt.Spec{
		Short:        "RhvcfLHP",
		Long:         "recursive=R dereference no-dereference=h changes=c silent=f quiet=f verbose=v",
		MinArgs:      2,
		Undocumented: "dereference",
	},
	NoFork: true,
	Main:   run,
}

// run is "chown [opts] :GROUP FILE...": like BusyBox, the first argument
// not starting with '-' is taken as the group.
func run(ctx *applet.Ctx, args []string) error {
	a := append([]string(nil), args...)
	for i, s := range a {
		if !strings.HasPrefix(s, "-") {
			a[i] = ":" + s
			break
		}
	}
	return owner.Main(ctx, a)
}
