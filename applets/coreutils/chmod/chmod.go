// Package chmod is the chmod applet: BusyBox's chmod with -R, -c, -v and
// -f and octal or symbolic modes.
package chmod

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/pathname"

	"golang.org/x/sys/unix"
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
		ctx: ctx, out: bufio.NewWriter(ctx.Stdout), spec: spec, umask: uint32(ctx.Umask),
		recurse: o.Has("R"), verbose: o.Has("v"), changed: o.Has("c"), quiet: o.Has("f"),
	}
	defer c.out.Flush()
	status := 0
	for _, f := range files[1:] {
		if !c.walk(f, 0) {
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

func (c *chmodder) perror(name string, err error) {
	c.out.Flush()
	c.ctx.Perror(err, "%s", name)
}

// walk is recursive_action without FOLLOWLINKS: the action runs on a
// directory before its contents.
func (c *chmodder) walk(name string, depth int) bool {
	var st unix.Stat_t
	if err := unix.Lstat(c.ctx.Path(name), &st); err != nil {
		c.perror(name, err)
		return false
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR || !c.recurse {
		return c.action(name, &st, depth)
	}
	if !c.action(name, &st, depth) {
		if c.badMode {
			return false
		}
		c.perror(name, c.lastErr)
		return false
	}
	f, err := os.Open(c.ctx.Path(name))
	if err != nil {
		c.perror(name, err)
		return false
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	ok := true
	for _, n := range names {
		if c.ctx.Cancelled() {
			return false
		}
		if !c.walk(pathname.Join(name, n), depth+1) {
			ok = false
		}
		if c.badMode {
			return false
		}
	}
	return ok
}

func (c *chmodder) action(name string, st *unix.Stat_t, depth int) bool {
	p := c.ctx.Path(name)
	if depth == 0 {
		if err := unix.Stat(p, st); err != nil {
			c.lastErr = err
			if !c.quiet {
				c.perror(name, err)
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
	if err := unix.Chmod(p, m&0o7777); err != nil {
		c.lastErr = err
		if !c.quiet {
			c.perror(name, err)
		}
		return false
	}
	if c.verbose || (c.changed && st.Mode&0o7777 != m&0o7777) {
		fmt.Fprintf(c.out, "mode of '%s' changed to %04o (%s)\n", name, m&0o7777, mode.AppendString(nil, m)[1:])
	}
	return true
}
