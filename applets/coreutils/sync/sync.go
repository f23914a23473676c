// Package sync is the sync applet: flush file system buffers, or with
// FILEs, flush those files (or their file systems with -f).
package sync

import (
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is sync's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "sync",
	Path:  "/bin",
	Usage: "[-df] [FILE]...",
	Help: `Write all buffered blocks (in FILEs) to disk
	-d	Avoid syncing metadata
	-f	Sync filesystems underlying FILEs`,
	Options: &opt.Spec{Short: "df", Conflicts: []string{"d f"}},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if len(r.Args) == 0 {
		unix.Sync()
		return nil
	}
	status := 0
	for _, name := range r.Args {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		fd, err := unix.Open(ctx.Path(name), unix.O_RDONLY|unix.O_NOCTTY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		if err != nil {
			ctx.Perror(err, "can't open '%s'", name)
			status = 1
			continue
		}
		switch {
		case r.Has("f"):
			unix.Syncfs(fd)
		case r.Has("d"):
			err = unix.Fdatasync(fd)
		default:
			err = unix.Fsync(fd)
		}
		if err != nil {
			ctx.Perror(err, "%s", name)
			status = 1
		}
		unix.Close(fd)
	}
	return applet.Exit(status)
}
