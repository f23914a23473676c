package fscopy

import (
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// Kind is what a name on cp's or mv's command line is.
type Kind int

// Kinds, as BusyBox's cp_mv_stat2 tells them apart.
const (
	Missing Kind = iota // no such file
	NonDir              // exists, not a directory
	Dir                 // a directory
)

// Stat is BusyBox's cp_mv_stat2: the Kind of name (following a symlink
// if follow). Any error other than ENOENT comes back worded as
// "can't stat 'NAME': strerror".
func Stat(ctx *applet.Ctx, name string, follow bool) (Kind, error) {
	var st unix.Stat_t
	if err := stat(ctx.Path(name), &st, follow); err != nil {
		if err == unix.ENOENT {
			return Missing, nil
		}
		return Missing, applet.Perror(err, "can't stat '%s'", name)
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return Dir, nil
	}
	return NonDir, nil
}

// Operands splits the operands of cp and mv into the sources and the
// destination: the -t DIRECTORY if given (hasTarget), otherwise the last
// operand. many is set when the destination must be a directory (-t, or
// more than one source). A missing destination, or -T with several
// sources, is a usage error.
func Operands(args []string, target string, hasTarget, noTarget bool) (srcs []string, dest string, many bool, err error) {
	if hasTarget {
		return args, target, true, nil
	}
	if len(args) < 2 {
		return nil, "", false, applet.Usage("")
	}
	srcs, dest = args[:len(args)-1], args[len(args)-1]
	if len(srcs) > 1 {
		if noTarget {
			return nil, "", false, applet.Usage("")
		}
		return srcs, dest, true, nil
	}
	return srcs, dest, false, nil
}

// stat is stat(2) or, unless follow, lstat(2).
func stat(p string, st *unix.Stat_t, follow bool) error {
	if follow {
		return unix.Stat(p, st)
	}
	return unix.Lstat(p, st)
}
