// Package chroot is the chroot applet: run a command with another root
// directory.
package chroot

import (
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/run"
	"gobox/internal/userdb"
)

// Applet is chroot's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "chroot",
	Path:    "/usr/sbin",
	Usage:   "NEWROOT [PROG ARGS]",
	Help:    "Run PROG with root directory set to NEWROOT",
	Options: &opt.Spec{Manual: true},
	NoFork:  false,
	Main:    main,
}

// main runs PROG chrooted: in a process of its own chroot changes root
// and execs PROG in its place, as BusyBox does; in-process PROG is a
// child that chroots before it execs, and the caller keeps its root.
func main(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	root := ctx.Path(args[0])
	fail := func(err error) error {
		return applet.Perror(err, "can't change root directory to '%s'", args[0])
	}
	if fi, err := os.Stat(root); err != nil {
		return fail(err)
	} else if !fi.IsDir() {
		return fail(syscall.ENOTDIR)
	}
	argv := args[1:]
	if len(argv) == 0 {
		argv = []string{shell(ctx, root), "-i"}
	}
	return run.Command(ctx, argv, &run.Options{Root: root, RootName: args[0]})
}

// shell is BusyBox's get_shell_name: $SHELL, the user's login shell, or
// /bin/sh. BusyBox asks after chroot(), so the login shell comes from the
// new root's /etc/passwd.
func shell(ctx *applet.Ctx, root string) string {
	if s := ctx.Getenv("SHELL"); s != "" {
		return s
	}
	db := userdb.DB{Passwd: filepath.Join(root, userdb.PasswdFile)}
	if u := db.UserByID(unix.Getuid()); u != nil && u.Shell != "" {
		return u.Shell
	}
	return "/bin/sh"
}
