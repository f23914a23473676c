// Package install is the install applet: BusyBox's install (copy files
// and set mode, owner and group; -d makes directories, -D leading ones).
package install

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/fscopy"
	"gobox/internal/makedir"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/pathname"
	runcmd "gobox/internal/run"
	"gobox/internal/userdb"

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
	Options: &opt.Spec{
		Short: "cvbDdpsg:m:o:t:",
		Long: "verbose=v directory=d preserve-timestamps=p strip=s group=g mode=m " +
			"owner=o target-directory=t",
		Conflicts:    []string{"t d", "s d"},
		Undocumented: "v b",
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(ctx.Stdout)
	defer out.Flush()
	warn := func(f string, a ...any) { out.Flush(); ctx.Warnf(f, a...) }
	perr := func(err error, f string, a ...any) { out.Flush(); ctx.Perror(err, f, a...) }
	flags := fscopy.Deref | fscopy.Force
	if o.Has("v") {
		flags |= fscopy.Verbose
	}
	if o.Has("p") {
		flags |= fscopy.Preserve
	}
	m := uint32(0o755)
	if o.Has("m") {
		v, ok := mode.Parse(o.Str("m"), m, uint32(ctx.Umask))
		if !ok {
			return applet.Errorf("invalid mode '%s'", o.Str("m"))
		}
		m = v
	}
	db := userdb.DB{}
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
		md := &makedir.MakeDir{Mode: 0o755, Parents: true, Verbose: o.Has("v"), Stdout: out, Umask: ctx.Umask,
			Resolve: ctx.Path, Warnf: warn}
		return md.Make(p)
	}
	c := &fscopy.Copier{
		Flags: flags, Name: ctx.Name, Resolve: ctx.Path, Warnf: warn, Stdout: out,
		Prompt:  func(string) bool { return true },
		Context: ctx,
	}
	status := 0
	for _, arg := range files {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		// bufio.Writer keeps its first error: -v's output failed.
		if _, err := out.Write(nil); err != nil {
			return applet.Perror(err, "write error")
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
					mkdir(pathname.Dir(dest))
				}
			}
			if isDir {
				dest = pathname.Join(last, baseName(arg))
			}
			if !c.Copy(arg, dest) {
				status = 1
				continue
			}
			if o.Has("s") {
				out.Flush()
				if err := strip(ctx, dest); err != nil {
					perr(err, "strip")
					status = 1
				}
			}
		}
		// Owner first: chown clears the setuid and setgid bits of a
		// file, so the mode (which may have them) comes after, as in
		// BusyBox.
		dp := ctx.Path(dest)
		if o.Has("o") || o.Has("g") {
			if err := unix.Lchown(dp, uid, gid); err != nil {
				perr(err, "can't change %s of %s", "ownership", dest)
				status = 1
			}
		}
		if err := unix.Chmod(dp, m); err != nil {
			perr(err, "can't change %s of %s", "permissions", dest)
			status = 1
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

// strip runs "strip -p FILE" as BusyBox's spawn_and_wait does: found
// in the PATH of the applet's environment (musl's default when it has
// none), in its working directory. An error is the reason it could not
// run, or a bare ENOENT when it ran and failed: BusyBox then prints its
// stale errno, which is that in practice.
func strip(ctx *applet.Ctx, file string) error {
	path, ok := ctx.LookupEnv("PATH")
	if !ok {
		path = runcmd.DefaultPath
	}
	prog, err := runcmd.LookPath(ctx, "strip", path)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, prog, "-p", file)
	cmd.Args[0] = "strip"
	cmd.Dir, cmd.Env = ctx.Dir, ctx.Environ()
	cmd.Stdout, cmd.Stderr = ctx.Stdout, ctx.Stderr
	if f := ctx.File(0); f != nil {
		// Only a real file: Wait would wait for a copy from any other
		// reader to reach its end.
		cmd.Stdin = f
	}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return unix.ENOENT
		}
		var pe *os.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	return nil
}
