// Package truncate is the truncate applet: set the size of files.
package truncate

import (
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is truncate's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "truncate",
	Path:  "/usr/bin",
	Usage: "[-c] -s SIZE FILE...",
	Help: `Truncate FILEs to SIZE

	-c	Do not create files
	-s SIZE`,
	Options: &opt.Spec{Short: "cs:", MinArgs: 1},
	NoFork:  true,
	Main:    run,
}

// newSize applies a GNU-style relative size (an extension over BusyBox):
// +N grow, -N shrink, <N at most, >N at least, /N round down, %N round
// up to a multiple of N.
func newSize(op byte, n, cur int64) int64 {
	switch op {
	case '+':
		return cur + n
	case '-':
		if n > cur {
			return 0
		}
		return cur - n
	case '<':
		return min(cur, n)
	case '>':
		return max(cur, n)
	case '/':
		return cur / n * n
	case '%':
		return (cur + n - 1) / n * n
	}
	return n
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if !r.Has("s") {
		return applet.Usage("")
	}
	arg := r.Str("s")
	var op byte
	num := arg
	if arg != "" && strings.IndexByte("+-<>/%", arg[0]) >= 0 {
		op, num = arg[0], arg[1:]
	}
	// BusyBox's xatoull_sfx with kMG suffixes; a size beyond off_t
	// is left to ftruncate to refuse (EINVAL), as in BusyBox.
	usize, err := suffix.Parse(num, suffix.KMG)
	if e, ok := err.(*suffix.Error); ok {
		if op != 0 {
			e.Num = arg
		}
		return applet.Errorf("%v", e)
	}
	size := int64(usize)
	if (op == '/' || op == '%') && size == 0 {
		return applet.Errorf("invalid number '%s'", arg)
	}
	flags := unix.O_WRONLY | unix.O_NONBLOCK | unix.O_CLOEXEC
	if !r.Has("c") {
		flags |= unix.O_CREAT
	}
	status := 0
	for _, name := range r.Args {
		// 0666 less the Ctx's umask; the kernel clears the process's
		// too, the same one in a process of its own (see internal/mode).
		fd, err := unix.Open(ctx.Path(name), flags, uint32(0o666&^ctx.Umask))
		if err != nil {
			if err != unix.ENOENT || !r.Has("c") {
				ctx.Perror(err, "%s: open", name)
				status = 1
			}
			continue
		}
		n := size
		if op != 0 {
			var st unix.Stat_t
			if err := unix.Fstat(fd, &st); err != nil {
				ctx.Perror(err, "%s: truncate", name)
				status = 1
				unix.Close(fd)
				continue
			}
			n = newSize(op, size, st.Size)
		}
		if err := unix.Ftruncate(fd, n); err != nil {
			ctx.Perror(err, "%s: truncate", name)
			status = 1
		}
		unix.Close(fd)
	}
	return applet.Exit(status)
}
