// Package chmod is the chmod applet: BusyBox's chmod with -R, -c, -v and
// -f and octal or symbolic modes.
package chmod

import (
	"bufio"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/mode"
	"gobox/internal/opt"
)

// Applet is chmod's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "chmod",
	Path:  "/bin",
	Usage: "[-Rcvf] MODE[,MODE]... FILE...",
	Help: `MODE is octal number (bit pattern sstrwxrwxrwx) or [ugoa]{+|-|=}[rwxXst]

	-R	Recurse
	-c	List changed files
	-v	Verbose
	-f	Hide errors`,
	Options: &opt.Spec{Short: "Rvcf", MinArgs: 2},
	NoFork:  true,
	Main:    run,
}

type chmodder struct {
	ctx                              *applet.Ctx
	out                              *bufio.Writer
	spec                             string
	umask                            uint32
	recurse, verbose, changed, quiet bool
	badMode                          bool
	lastErr                          error
	walk                             dirent.Walk
	line                             []byte // a -v line, reused
}

func run(ctx *applet.Ctx, args []string) error {
	// A mode like "-w" looks like an option: find the first argument that
	// is not one of ours and hide it from the option parser.
	args = append([]string(nil), args...)
	modeIdx := -1
	for i, a := range args {
		if a == "" || a[0] != '-' {
			break
		}
		if len(a) > 1 && !strings.ContainsRune("-Rvcf", rune(a[1])) {
			modeIdx = i
			args[i] = "a" + a[1:]
			break
		}
	}
	orig := ""
	if modeIdx >= 0 {
		orig = "-" + args[modeIdx][1:]
	}
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	files := o.Args
	spec := files[0]
	if modeIdx >= 0 && spec == "a"+orig[1:] {
		spec = orig
	}
	c := &chmodder{
		ctx: ctx, out: ctx.BufWriter(ctx.Stdout, 0), spec: spec, umask: uint32(ctx.Umask),
		recurse: o.Has("R"), verbose: o.Has("v"), changed: o.Has("c"), quiet: o.Has("f"),
	}
	defer c.out.Flush()
	defer c.walk.CloseAll()
	status := 0
	for _, f := range files[1:] {
		c.walk.Start(f, ctx.Path(f))
		if !c.visit() {
			status = 1
		}
		if c.badMode {
			c.out.Flush()
			return applet.Errorf("invalid mode '%s'", spec)
		}
	}
	c.out.Flush()
	return applet.Exit(status)
}

func (c *chmodder) perror(err error) {
	c.out.Flush()
	c.ctx.Perror(err, "%s", c.walk.Path())
}

// visit is recursive_action without FOLLOWLINKS on the walk's current
// entry: the action runs on a directory before its contents. Entries
// are reached relative to their directory (dirent.Walk), so the walk
// allocates nothing per file.
func (c *chmodder) visit() bool {
	w := &c.walk
	var st unix.Stat_t
	if err := w.Stat(&st, false); err != nil {
		c.perror(err)
		return false
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR || !c.recurse {
		return c.action(&st)
	}
	if !c.action(&st) {
		if c.badMode {
			return false
		}
		c.perror(c.lastErr)
		return false
	}
	if err := w.Open(); err != nil {
		c.perror(err)
		return false
	}
	ok := true
	// Reading errors end the loop silently, as readdir's do in BusyBox.
	for w.Next() {
		if c.ctx.Cancelled() {
			ok = false
			break
		}
		if !c.visit() {
			ok = false
		}
		if c.badMode {
			break
		}
	}
	w.Close()
	return ok
}

func (c *chmodder) action(st *unix.Stat_t) bool {
	w := &c.walk
	dirfd, name := w.At()
	if w.Depth() == 0 {
		if err := dirent.Fstatat(dirfd, name, st, 0); err != nil {
			c.lastErr = err
			if !c.quiet {
				c.perror(err)
			}
			return false
		}
	} else if st.Mode&unix.S_IFMT == unix.S_IFLNK {
		return true
	}
	m, ok := mode.Parse(c.spec, st.Mode, c.umask)
	if !ok {
		c.badMode = true
		return false
	}
	if err := dirent.Fchmodat(dirfd, name, m&0o7777); err != nil {
		c.lastErr = err
		if !c.quiet {
			c.perror(err)
		}
		return false
	}
	if c.verbose || (c.changed && st.Mode&0o7777 != m&0o7777) {
		// "mode of '%s' changed to %04o (%s)\n", built without
		// allocating: -v may print a line per file of a large tree.
		b := append(c.line[:0], "mode of '"...)
		b = append(b, w.Path()...)
		b = append(b, "' changed to "...)
		p := m & 0o7777
		b = append(b, byte('0'+p>>9&7), byte('0'+p>>6&7), byte('0'+p>>3&7), byte('0'+p&7), ' ', '(')
		b = mode.AppendString(b, m)
		b = append(b[:len(b)-10], b[len(b)-9:]...) // without the type letter
		b = append(b, ")\n"...)
		c.out.Write(b)
		c.line = b
	}
	return true
}
