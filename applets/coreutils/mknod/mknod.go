// Package mknod is the mknod applet: create device nodes and fifos.
package mknod

import (
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/mode"
	"gobox/internal/opt"

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
	NoFork: true,
	Main:   run,
}

// number is xatoul_range.
func number(s string, max uint64) (uint32, error) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || s == "" || s[0] == '+' || s[0] == '-' {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, applet.Errorf("number %s is not in %d..%d range", s, 0, max)
		}
		return 0, applet.Errorf("invalid number '%s'", s)
	}
	if n > max {
		return 0, applet.Errorf("number %s is not in %d..%d range", s, 0, max)
	}
	return uint32(n), nil
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{Short: "m:"}, args)
	if err != nil {
		return err
	}
	m := uint32(0o666)
	bad := false
	if o.Has("m") {
		v, ok := mode.ParseCurrent(o.Str("m"), 0o666)
		bad = !ok // BusyBox passes (mode_t)-1 on: EINVAL
		m = v
	}
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
	p := ctx.Path(a[0])
	err = unix.EINVAL
	if !bad {
		err = unix.Mknod(p, kind|m, int(dev))
	}
	if err != nil {
		return applet.Errorf("%s: %s", a[0], applet.ErrText(err))
	}
	if o.Has("m") {
		unix.Chmod(p, m)
	}
	return nil
}
