// Package chroot is the chroot applet: run a command with another root
// directory.
package chroot

import (
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/passwd"
	"gobox/internal/run"
)

// Applet is chroot's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:   "chroot",
	Path:   "/usr/sbin",
	Usage:  "NEWROOT [PROG ARGS]",
	Help:   "Run PROG with root directory set to NEWROOT",
	NoFork: false,
	Main:   main,
}

// main runs the command in a child that chroots before it execs; this
// process keeps its root.
func main(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	root := ctx.Path(args[0])
	fail := func(err error) error {
		return applet.Errorf("can't change root directory to '%s': %s", args[0], applet.ErrText(err))
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
	db := passwd.DB{Passwd: filepath.Join(root, passwd.PasswdFile)}
	if u := db.UserByID(unix.Getuid()); u != nil && u.Shell != "" {
		return u.Shell
	}
	return "/bin/sh"
}
