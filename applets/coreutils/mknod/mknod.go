// Package mknod is the mknod applet: create device nodes and fifos.
package mknod

import (
	"gobox/internal/applet"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/suffix"

	"golang.org/x/sys/unix"
)

// Applet is mknod's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "mknod",
	Path:  "/bin",
	Usage: "[-m MODE] NAME TYPE [MAJOR MINOR]",
	Help: `Create a special file (block, character, or pipe)

	-m MODE	Creation mode (default a=rw)
TYPE:
	b	Block device
	c or u	Character device
	p	Named pipe (MAJOR MINOR must be omitted)`,
	Options: &opt.Spec{Short: "m:"},
	NoFork:  true,
	Main:    run,
}

// number is xatoul_range(s, 0, max).
func number(s string, max uint64) (uint32, error) {
	n, err := suffix.Range(s, suffix.None, 0, max)
	if err != nil {
		return 0, applet.Errorf("%v", err)
	}
	return uint32(n), nil
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	m := mode.ParseNodeMode(o.Str("m"), o.Has("m"), uint32(ctx.Umask))
	a := o.Args
	if len(a) < 2 || a[1] == "" {
		return applet.Usage("")
	}
	var kind uint32
	switch a[1][0] {
	case 'p':
		kind = unix.S_IFIFO
	case 'c', 'u':
		kind = unix.S_IFCHR
	case 'b':
		kind = unix.S_IFBLK
	default:
		return applet.Usage("")
	}
	var dev uint64
	rest := a[2:]
	if kind != unix.S_IFIFO {
		if len(rest) < 2 {
			return applet.Usage("")
		}
		maj, err := number(rest[0], 0xfff)
		if err != nil {
			return err
		}
		min, err := number(rest[1], 0xfffff)
		if err != nil {
			return err
		}
		dev = unix.Mkdev(maj, min)
		rest = rest[2:]
	}
	if len(rest) > 0 {
		return applet.Usage("")
	}
	if err := m.Mknod(ctx.Path(a[0]), kind, int(dev)); err != nil {
		return applet.Perror(err, "%s", a[0])
	}
	return nil
}
