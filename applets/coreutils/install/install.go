// Package install is the install applet: BusyBox's install (copy files
// and set mode, owner and group; -d makes directories, -D leading ones).
package install

import (
	"errors"
	"os"
	"os/exec"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/console"
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
	in, err := newInstaller(ctx, o)
	if err != nil {
		return err
	}
	defer in.con.Out.Flush()
	files, err := in.destination(o)
	if err != nil {
		return err
	}
	for _, arg := range files {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		// bufio.Writer keeps its first error: -v's output failed.
		if _, err := in.con.Out.Write(nil); err != nil {
			return applet.Perror(err, "write error")
		}
		in.install(arg)
	}
	in.con.Out.Flush()
	return applet.Exit(in.status)
}

// installer is one run of install: what its options ask for, and the
// exit status so far.
type installer struct {
	ctx      *applet.Ctx
	con      *console.Console // -v's output, and messages in order with it
	copier   *fscopy.Copier
	verbose  bool   // -v
	dirs     bool   // -d: the operands are directories to make
	leading  bool   // -D
	toDir    bool   // -t DIR
	strip    bool   // -s
	chown    bool   // -o or -g
	uid, gid int    // the owner and group -o and -g ask for
	mode     uint32 // -m's mode, or 0755
	dest     string // DEST, or -t's DIR
	isDir    bool   // the files go into dest, under their own names
	status   int
}

// newInstaller reads the options, reporting a bad mode, user or group.
func newInstaller(ctx *applet.Ctx, o *opt.Result) (*installer, error) {
	in := &installer{
		ctx:     ctx,
		con:     console.New(ctx),
		verbose: o.Has("v"),
		dirs:    o.Has("d"),
		leading: o.Has("D"),
		toDir:   o.Has("t"),
		strip:   o.Has("s"),
		chown:   o.Has("o") || o.Has("g"),
	}
	var err error
	if in.mode, err = fileMode(ctx, o); err != nil {
		return nil, err
	}
	if in.uid, in.gid, err = owner(o); err != nil {
		return nil, err
	}
	in.copier = in.newCopier(o.Has("p"))
	return in, nil
}

// fileMode is -m's MODE applied to 0755, or 0755.
func fileMode(ctx *applet.Ctx, o *opt.Result) (uint32, error) {
	m := uint32(0o755)
	if !o.Has("m") {
		return m, nil
	}
	m, ok := mode.Parse(o.Str("m"), m, uint32(ctx.Umask))
	if !ok {
		return 0, applet.Errorf("invalid mode '%s'", o.Str("m"))
	}
	return m, nil
}

// owner is the owner and group -o and -g ask for; the caller's where
// either is not given.
func owner(o *opt.Result) (uid, gid int, err error) {
	db := userdb.DB{}
	uid, gid = unix.Getuid(), unix.Getgid()
	if o.Has("o") {
		if uid, err = userID(db, o.Str("o")); err != nil {
			return 0, 0, err
		}
	}
	if o.Has("g") {
		if gid, err = groupID(db, o.Str("g")); err != nil {
			return 0, 0, err
		}
	}
	return uid, gid, nil
}

// userID is USER as a UID: a number first, as in BusyBox, else a name
// in the user database.
func userID(db userdb.DB, s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return n, nil
	}
	if u := db.UserByName(s); u != nil {
		return u.UID, nil
	}
	return 0, applet.Errorf("unknown user %s", s)
}

// groupID is GRP as a GID: a number first, else a group name.
func groupID(db userdb.DB, s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return n, nil
	}
	if g := db.GroupByName(s); g != nil {
		return g.GID, nil
	}
	return 0, applet.Errorf("unknown group %s", s)
}

// newCopier copies as BusyBox's install does (FILEUTILS_DEREFERENCE |
// FILEUTILS_FORCE, like cp -Lf): what a symlink points to is copied,
// and a destination that cannot be opened is replaced; -p adds cp -p.
func (in *installer) newCopier(preserve bool) *fscopy.Copier {
	flags := fscopy.Deref | fscopy.Force
	if in.verbose {
		flags |= fscopy.Verbose
	}
	if preserve {
		flags |= fscopy.Preserve
	}
	return &fscopy.Copier{
		Flags: flags, Name: in.ctx.Name, Resolve: in.ctx.Path, Warnf: in.con.Warnf, Stdout: in.con.Out,
		Prompt:  func(string) bool { return true },
		Context: in.ctx,
	}
}

// destination finds where the files go (-t's DIR, or the last operand,
// into which they go if it is a directory) and returns the files, at
// least one. With -d every operand is a directory to make.
func (in *installer) destination(o *opt.Result) ([]string, error) {
	files := o.Args
	in.dest, in.isDir = o.Str("t"), in.toDir
	if !in.toDir && !in.dirs {
		if len(files) == 0 {
			return nil, applet.Usage("")
		}
		in.dest = files[len(files)-1]
		files = files[:len(files)-1]
		var st unix.Stat_t
		in.isDir = unix.Stat(in.ctx.Path(in.dest), &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR
	}
	if len(files) < 1 {
		return nil, applet.Usage("")
	}
	return files, nil
}

// install makes the directory arg (-d) or copies the file arg to its
// destination, then sets the owner and mode of what it made.
func (in *installer) install(arg string) {
	dest, ok := arg, true
	if in.dirs {
		ok = in.mkdir(arg)
	} else {
		dest, ok = in.copyFile(arg)
	}
	if !ok {
		in.status = 1
		return
	}
	in.setAttrs(dest)
}

// copyFile copies arg to its destination, which it returns, making the
// leading directories first with -D and stripping the copy with -s. ok
// is false when the copy failed; a failed strip is reported, and the
// copy still gets its owner and mode.
func (in *installer) copyFile(arg string) (dest string, ok bool) {
	if in.leading {
		in.makeLeading()
	}
	dest = in.dest
	if in.isDir {
		dest = pathname.Join(in.dest, baseName(arg))
	}
	if !in.copier.Copy(arg, dest) {
		return dest, false
	}
	if in.strip {
		in.con.Out.Flush()
		if err := strip(in.ctx, dest); err != nil {
			in.con.Perror(err, "strip")
			in.status = 1
		}
	}
	return dest, true
}

// makeLeading is -D: it makes -t's DIR, or DEST's parent. A failure is
// reported, and the copy into it fails in turn.
func (in *installer) makeLeading() {
	if in.toDir {
		in.mkdir(in.dest)
	} else {
		in.mkdir(pathname.Dir(in.dest))
	}
}

// mkdir is mkdir -p with mode 0755 (less the umask), -v's messages on
// the output.
func (in *installer) mkdir(p string) bool {
	md := &makedir.MakeDir{Mode: 0o755, Parents: true, Verbose: in.verbose, Stdout: in.con.Out, Umask: in.ctx.Umask,
		Resolve: in.ctx.Path, Warnf: in.con.Warnf}
	return md.Make(p)
}

// setAttrs sets dest's owner and group (with -o or -g), then its mode.
// Owner first: chown clears the setuid and setgid bits of a file, so
// the mode (which may have them) comes after, as in BusyBox.
func (in *installer) setAttrs(dest string) {
	dp := in.ctx.Path(dest)
	if in.chown {
		if err := unix.Lchown(dp, in.uid, in.gid); err != nil {
			in.con.Perror(err, "can't change %s of %s", "ownership", dest)
			in.status = 1
		}
	}
	if err := unix.Chmod(dp, in.mode); err != nil {
		in.con.Perror(err, "can't change %s of %s", "permissions", dest)
		in.status = 1
	}
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
