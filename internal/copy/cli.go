package copy

import (
	"bufio"
	"io"

	"gobox/internal/applet"

	"golang.org/x/sys/unix"
)

// Kinds returned by StatKind (BusyBox's cp_mv_stat2): bit 2 means a
// directory.
const (
	Missing = 0 // no such file
	Exists  = 1 // exists, not a directory
	IsDir   = 3 // a directory
)

// StatKind is BusyBox's cp_mv_stat2: Missing, Exists or IsDir for name
// (following a symlink if follow), or -1 after reporting any error other
// than ENOENT as "can't stat 'NAME': ...".
func StatKind(ctx *applet.Ctx, name string, follow bool) int {
	var st unix.Stat_t
	var err error
	if follow {
		err = unix.Stat(ctx.Path(name), &st)
	} else {
		err = unix.Lstat(ctx.Path(name), &st)
	}
	if err != nil {
		if err == unix.ENOENT {
			return Missing
		}
		ctx.Warnf("can't stat '%s': %s", name, applet.ErrText(err))
		return -1
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return IsDir
	}
	return Exists
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

// Console is a file command's buffered standard output with the Warnf
// and Prompt hooks Copier and Remover take, which flush it first so that
// messages come out in order.
type Console struct {
	Out *bufio.Writer
	ctx *applet.Ctx
}

// NewConsole buffers ctx's standard output; Flush it before returning.
func NewConsole(ctx *applet.Ctx) *Console {
	return &Console{Out: bufio.NewWriter(ctx.Stdout), ctx: ctx}
}

// Warnf prints "name: msg" on standard error after flushing Out.
func (c *Console) Warnf(format string, args ...any) {
	c.Out.Flush()
	c.ctx.Warnf(format, args...)
}

// Prompt writes p to standard error and reads a yes/no answer from
// standard input (bb_ask_y_confirmation).
func (c *Console) Prompt(p string) bool {
	c.Out.Flush()
	io.WriteString(c.ctx.Stderr, p)
	return AskYes(c.ctx.Stdin)
}

// Flush writes out what is buffered.
func (c *Console) Flush() error { return c.Out.Flush() }
