// Package install is the install applet: BusyBox's install (copy files
// and set mode, owner and group; -d makes directories, -D leading ones).
package install

import (
	"bufio"
	"os/exec"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/copy"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/passwd"

	"golang.org/x/sys/unix"
)

// Applet is install's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "install",
	Path:  "/usr/bin",
	Usage: "[-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]... DEST",
	Help: `Copy files and set attributes

	-c	Just copy (default)
	-d	Create directories
	-D	Create leading target directories
	-s	Strip symbol table
	-p	Preserve date
	-o USER	Set ownership
	-g GRP	Set group ownership
	-m MODE	Set permissions
	-t DIR	Install to DIR`,
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{
		Short: "cvbDdpsg:m:o:t:",
		Long: "verbose=v directory=d preserve-timestamps=p strip=s group=g mode=m " +
			"owner=o target-directory=t",
		Conflicts: []string{"t d", "s d"},
	}, args)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(ctx.Stdout)
	defer out.Flush()
	warn := func(f string, a ...any) { out.Flush(); ctx.Warnf(f, a...) }
	flags := copy.Deref | copy.Force
	if o.Has("v") {
		flags |= copy.Verbose
	}
	if o.Has("p") {
		flags |= copy.Preserve
	}
	m := uint32(0o755)
	if o.Has("m") {
		v, ok := mode.ParseCurrent(o.Str("m"), m)
		if !ok {
			return applet.Errorf("invalid mode '%s'", o.Str("m"))
		}
		m = v
	}
	db := passwd.DB{}
	uid, gid := unix.Getuid(), unix.Getgid()
	if o.Has("o") {
		s := o.Str("o")
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			uid = n
		} else if u := db.UserByName(s); u != nil {
			uid = u.UID
		} else {
			return applet.Errorf("unknown user %s", s)
		}
	}
	if o.Has("g") {
		s := o.Str("g")
		if n, err := strconv.Atoi(s); err == nil && n >= 0 {
			gid = n
		} else if g := db.GroupByName(s); g != nil {
			gid = g.GID
		} else {
			return applet.Errorf("unknown group %s", s)
		}
	}
	files := o.Args
	isDir := o.Has("t")
	last := o.Str("t")
	if !o.Has("t") && !o.Has("d") {
		if len(files) == 0 {
			return applet.Usage("")
		}
		last = files[len(files)-1]
		files = files[:len(files)-1]
		var st unix.Stat_t
		isDir = unix.Stat(ctx.Path(last), &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR
	}
	if len(files) < 1 {
		return applet.Usage("")
	}
	mkdir := func(p string) bool {
		md := &copy.MakeDir{Mode: 0o755, Parents: true, Verbose: o.Has("v"), Stdout: out,
			Resolve: ctx.Path, Warnf: warn}
		return md.Make(p)
	}
	c := &copy.Copier{
		Flags: flags, Name: ctx.Name, Resolve: ctx.Path, Warnf: warn, Stdout: out,
		Prompt:    func(string) bool { return true },
		Cancelled: ctx.Cancelled,
	}
	status := 0
	for _, arg := range files {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		var dest string
		if o.Has("d") {
			dest = arg
			if !mkdir(dest) {
				status = 1
				continue
			}
		} else {
			dest = last
			if o.Has("D") {
				if o.Has("t") {
					mkdir(dest)
				} else {
					mkdir(copy.Dir(dest))
				}
			}
			if isDir {
				dest = copy.JoinPath(last, baseName(arg))
			}
			if !c.Copy(arg, dest) {
				status = 1
				continue
			}
			if o.Has("s") {
				cmd := exec.CommandContext(ctx, "strip", "-p", dest)
				cmd.Dir, cmd.Env = ctx.Dir, ctx.Environ()
				cmd.Stdout, cmd.Stderr = ctx.Stdout, ctx.Stderr
				out.Flush()
				if err := cmd.Run(); err != nil {
					if _, isExit := err.(*exec.ExitError); !isExit {
						warn("strip: %s", applet.ErrText(unwrapExec(err)))
					} else {
						warn("strip")
					}
					status = 1
				}
			}
		}
		dp := ctx.Path(dest)
		if err := unix.Chmod(dp, m); err != nil {
			warn("can't change %s of %s: %s", "permissions", dest, applet.ErrText(err))
			status = 1
		}
		if o.Has("o") || o.Has("g") {
			if err := unix.Lchown(dp, uid, gid); err != nil {
				warn("can't change %s of %s: %s", "ownership", dest, applet.ErrText(err))
				status = 1
			}
		}
	}
	out.Flush()
	return applet.Exit(status)
}

// baseName is bb_basename: what follows the last slash.
func baseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}

func unwrapExec(err error) error {
	if ee, ok := err.(*exec.Error); ok {
		if ee.Err == exec.ErrNotFound {
			return unix.ENOENT
		}
		return ee.Err
	}
	return err
}
