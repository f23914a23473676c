// Package chown is the chown applet: change the owner and group of files.
package chown

import (
	"gobox/internal/applet"
	"gobox/internal/owner"
)

// Applet is chown's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "chown",
	Path:  "/bin",
	Usage: "[-RhLHPcvf]... USER[:[GRP]] FILE...",
	Help: `Change the owner and/or group of FILEs to USER and/or GRP

-h	Affect symlinks instead of symlink targets
-L	Traverse all symlinks to directories
-H	Traverse symlinks on command line only
-P	Don't traverse symlinks (default)
-R	Recurse
-c	List changed files
-v	Verbose
-f	Hide errors`,
	NoFork: true,
	Main:   owner.Main,
}
