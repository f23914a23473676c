// Package chown is the chown applet: change the owner and group of files.
package chown

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/owner"
)

// Applet is chown's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "chown",
	Path:  "/bin",
	Usage: "[-RhLHPcvf]... USER[:[GRP]] FILE...",
	Help:  "Change the owner and/or group of FILEs to USER and/or GRP\n\n" + owner.HelpOptions,
	Options: &opt.Spec{
		Short:        "RhvcfLHP",
		Long:         "recursive=R dereference no-dereference=h changes=c silent=f quiet=f verbose=v",
		MinArgs:      2,
		Undocumented: "dereference",
	},
	NoFork: true,
	Main:   owner.Main,
}
