// Package fscopy copies files and trees the way BusyBox's libbb
// copy_file does, for cp, mv and install: modes, owners and times (with
// nanoseconds) are kept on request, symlinks are copied as symlinks
// unless dereferenced, hard links inside the copied set stay hard links,
// fifos and device nodes are recreated, and file data moves with the
// kernel's copy calls (internal/fastcopy).
//
// Paths are handled as the user gave them (messages quote them so) and
// resolved with the Resolve hook (Ctx.Path) at each system call.
package fscopy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/fastcopy"
	"gobox/internal/pathname"
)

// Flags select copy behaviour; they mirror BusyBox's FILEUTILS_* bits.
type Flags uint32

// Copy flags.
const (
	Preserve      Flags = 1 << iota // -p: keep mode, owner and times
	Deref                           // follow symlinks (cp without -d)
	DerefTop                        // -H: follow symlinks named on the command line
	Recursive                       // -R
	Force                           // -f
	Interactive                     // -i
	NoClobber                       // -n
	HardLink                        // -l
	SymLink                         // -s
	Verbose                         // -v
	Update                          // -u
	RemoveDest                      // --remove-destination
	Reflink                         // --reflink=auto: clone the data where the filesystem can, else copy
	ReflinkAlways                   // --reflink[=always]: clone the data or fail
)

// Copier copies files. One Copier should serve a whole command, so that
// hard links and recursion are detected across its operands.
type Copier struct {
	Flags Flags
	// Name is the applet name used in prompts ("cp: overwrite 'x'? ").
	Name string
	// Resolve maps a user path to one usable in system calls (Ctx.Path).
	Resolve func(string) string
	// Warnf reports an error ("name: msg" on stderr).
	Warnf func(format string, args ...any)
	// Stdout receives -v output.
	Stdout io.Writer
	// Prompt writes prompt to stderr and reads a yes/no answer.
	Prompt func(prompt string) bool
	// Context stops a copy when cancelled (Ctrl-C in the shell); nil
	// never does.
	Context context.Context
	// Umask is cleared from the modes of the files and directories the
	// Copier creates without -p (Ctx.Umask).
	Umask os.FileMode

	seen map[devIno]string
}

type devIno struct{ dev, ino uint64 }

func (c *Copier) path(p string) string {
	if c.Resolve == nil {
		return p
	}
	return c.Resolve(p)
}

func (c *Copier) warn(format string, args ...any) {
	if c.Warnf != nil {
		c.Warnf(format, args...)
	}
}

// fail reports err and returns false, the result of a failed copy.
func (c *Copier) fail(err error) bool {
	c.warn("%s", err.Error())
	return false
}

func (c *Copier) context() context.Context {
	if c.Context == nil {
		return context.Background()
	}
	return c.Context
}

func (c *Copier) cancelled() bool { return c.Context != nil && c.Context.Err() != nil }

func (c *Copier) umask() uint32 { return uint32(c.Umask.Perm()) }

func key(st *unix.Stat_t) devIno { return devIno{uint64(st.Dev), uint64(st.Ino)} }

func (c *Copier) lookup(st *unix.Stat_t) (string, bool) {
	s, ok := c.seen[key(st)]
	return s, ok
}

func (c *Copier) remember(st *unix.Stat_t, name string) {
	if c.seen == nil {
		c.seen = make(map[devIno]string)
	}
	c.seen[key(st)] = name
}

// Copy copies source to dest (copy_file). It reports errors through Warnf
// and returns false if the copy was not (entirely) made; failures to keep
// attributes are reported but do not count. Declining a prompt and
// skipping an existing file with -n or -u are not failures.
func (c *Copier) Copy(source, dest string) bool {
	return c.copy(source, dest, c.Flags)
}

// target is what copy found at the destination.
type target struct {
	exists bool
	st     unix.Stat_t
}

func (c *Copier) copy(source, dest string, flags Flags) bool {
	var sst unix.Stat_t
	deref := flags&(Deref|DerefTop) != 0
	if err := stat(c.path(source), &sst, deref); err != nil {
		if flags&(SymLink|HardLink) != 0 {
			// ln -s makes dangling links; link(2) reports its own error.
			return c.makeLink(source, dest, flags)
		}
		return c.fail(applet.Perror(err, "can't stat '%s'", source))
	}
	var dst target
	if err := unix.Lstat(c.path(dest), &dst.st); err == nil {
		if sst.Dev == dst.st.Dev && sst.Ino == dst.st.Ino {
			return c.fail(applet.Errorf("'%s' and '%s' are the same file", source, dest))
		}
		if flags&NoClobber != 0 {
			return true
		}
		dst.exists = true
	} else if err != unix.ENOENT {
		return c.fail(applet.Perror(err, "can't stat '%s'", dest))
	}
	ft := sst.Mode & unix.S_IFMT
	if ft == unix.S_IFDIR {
		return c.copyDir(source, dest, flags, &sst, &dst)
	}
	if dst.exists {
		if flags&Update != 0 && sst.Mtim.Sec <= dst.st.Mtim.Sec {
			return true
		}
		if flags&RemoveDest != 0 {
			if r := c.askAndUnlink(dest, unix.EEXIST); r != removed {
				return r == declined
			}
			dst.exists = false
		}
	}
	switch {
	case flags&(SymLink|HardLink) != 0:
		return c.makeLink(source, dest, flags)
	case flags&Recursive != 0 && ft != unix.S_IFREG, !deref && ft == unix.S_IFLNK:
		// Without -R, other files are read like regular ones (a fifo's
		// data, a device's contents), as BusyBox does.
		return c.copySpecial(source, dest, flags, &sst, dst.exists)
	case !deref && sst.Nlink > 1:
		if first, ok := c.lookup(&sst); ok {
			return c.linkAgain(first, dest)
		}
		c.remember(&sst, dest)
	}
	return c.copyData(source, dest, flags, &sst)
}

// stat is stat(2) or, unless follow, lstat(2).
func stat(p string, st *unix.Stat_t, follow bool) error {
	if follow {
		return unix.Stat(p, st)
	}
	return unix.Lstat(p, st)
}

// unlinked is what askAndUnlink did.
type unlinked int

const (
	removed  unlinked = iota // the destination is gone: try again
	declined                 // the user said no: skip, not a failure
	failed                   // reported: give up
)

// askAndUnlink is BusyBox's ask_and_unlink with FEATURE_NON_POSIX_CP (as
// Alpine builds it): an existing destination that can't be created over is
// removed (after asking with -i). cause is why it could not be created.
func (c *Copier) askAndUnlink(dest string, cause error) unlinked {
	if c.Flags&Interactive != 0 {
		if c.Prompt == nil || !c.Prompt(fmt.Sprintf("%s: overwrite '%s'? ", c.Name, dest)) {
			return declined
		}
	}
	if err := unix.Unlink(c.path(dest)); err != nil {
		c.fail(applet.Perror(cause, "can't create '%s'", dest))
		return failed
	}
	// BusyBox's source prints "removed 'DEST'" here with
	// --remove-destination and -v; Alpine's binary prints nothing
	// (measured), and gobox follows Alpine.
	return removed
}

// retry runs create, and once more after askAndUnlink removed what was in
// the way; what describes the failure ("can't create link '%s'").
func (c *Copier) retry(dest, what string, create func() error) bool {
	err := create()
	if err == nil {
		return true
	}
	if r := c.askAndUnlink(dest, err); r != removed {
		return r == declined
	}
	if err := create(); err != nil {
		return c.fail(applet.Perror(err, what, dest))
	}
	return true
}

// makeLink is cp -s and cp -l.
func (c *Copier) makeLink(source, dest string, flags Flags) bool {
	dp := c.path(dest)
	return c.retry(dest, "can't create link '%s'", func() error {
		if flags&SymLink != 0 {
			return unix.Symlink(source, dp)
		}
		return unix.Link(c.path(source), dp)
	})
}

// linkAgain makes dest a hard link of first, the copy of a file with
// several links met before.
func (c *Copier) linkAgain(first, dest string) bool {
	return c.retry(dest, "can't create link '%s'", func() error {
		return unix.Link(c.path(first), c.path(dest))
	})
}

func (c *Copier) copyDir(source, dest string, flags Flags, sst *unix.Stat_t, dst *target) bool {
	if flags&Recursive == 0 {
		return c.fail(applet.Errorf("omitting directory '%s'", source))
	}
	if _, ok := c.lookup(sst); ok {
		// A directory this Copier made: copying it would never end.
		return c.fail(applet.Errorf("recursion detected, omitting directory '%s'", source))
	}
	if dst.exists && dst.st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return c.fail(applet.Errorf("target '%s' is not a directory", dest))
	}
	if !dst.exists && !c.makeDir(dest, sst, &dst.st) {
		return false
	}
	c.remember(&dst.st, "")
	ok := c.copyEntries(source, dest, flags&^DerefTop)
	if !dst.exists && flags&Preserve == 0 {
		if err := unix.Chmod(c.path(dest), sst.Mode&0o7777&^c.umask()); err != nil {
			c.fail(applet.Perror(err, "can't preserve %s of '%s'", "permissions", dest))
		}
	}
	c.preserve(dest, flags, sst)
	c.verbose(source, dest, flags)
	return ok
}

// makeDir creates dest for a copy of a directory of sst's mode, with
// u+rwx until its entries are copied, and stats it into st.
func (c *Copier) makeDir(dest string, sst, st *unix.Stat_t) bool {
	dp := c.path(dest)
	if err := unix.Mkdir(dp, sst.Mode&0o7777&^c.umask()|0o700); err != nil {
		return c.fail(applet.Perror(err, "can't create directory '%s'", dest))
	}
	if err := unix.Lstat(dp, st); err != nil {
		return c.fail(applet.Perror(err, "can't stat '%s'", dest))
	}
	if st.Mode&0o700 != 0o700 {
		// The process's umask took more than ours.
		unix.Chmod(dp, st.Mode&0o7777|0o700)
	}
	return true
}

// copyEntries copies each entry of directory source into dest.
func (c *Copier) copyEntries(source, dest string, flags Flags) bool {
	f, err := os.Open(c.path(source))
	if err != nil {
		return c.fail(applet.Perror(err, "can't open '%s'", source))
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	ok := err == nil
	if !ok {
		c.fail(applet.Perror(err, "can't read directory '%s'", source))
	}
	for _, n := range names {
		if c.cancelled() {
			return false
		}
		if !c.copy(pathname.Join(source, n), pathname.Join(dest, n), flags) {
			ok = false
		}
	}
	return ok
}

func (c *Copier) verbose(source, dest string, flags Flags) {
	if flags&Verbose != 0 && c.Stdout != nil {
		fmt.Fprintf(c.Stdout, "'%s' -> '%s'\n", source, dest)
	}
}

// preserve applies -p: times (nanoseconds), owner, then mode (chown
// clears set-id bits).
func (c *Copier) preserve(dest string, flags Flags, sst *unix.Stat_t) {
	if flags&Preserve == 0 {
		return
	}
	dp := c.path(dest)
	c.keepTimes(dest, sst, func(ts []unix.Timespec) error {
		return unix.UtimesNanoAt(unix.AT_FDCWD, dp, ts, 0)
	})
	c.keepOwnerMode(dest, sst,
		func(uid, gid int) error { return unix.Chown(dp, uid, gid) },
		func(m uint32) error { return unix.Chmod(dp, m) })
}

func (c *Copier) keepTimes(dest string, sst *unix.Stat_t, set func([]unix.Timespec) error) {
	if err := set([]unix.Timespec{sst.Atim, sst.Mtim}); err != nil {
		c.fail(applet.Perror(err, "can't preserve %s of '%s'", "times", dest))
	}
}

// keepOwnerMode sets the owner, then the mode, without the set-id bits
// when the owner could not be kept.
func (c *Copier) keepOwnerMode(dest string, sst *unix.Stat_t, chown func(uid, gid int) error, chmod func(uint32) error) {
	m := sst.Mode & 0o7777
	if err := chown(int(sst.Uid), int(sst.Gid)); err != nil {
		m &^= unix.S_ISUID | unix.S_ISGID
		c.fail(applet.Perror(err, "can't preserve %s of '%s'", "ownership", dest))
	}
	if err := chmod(m); err != nil {
		c.fail(applet.Perror(err, "can't preserve %s of '%s'", "permissions", dest))
	}
}

// copyData copies a file's contents into a new file dest.
func (c *Copier) copyData(source, dest string, flags Flags, sst *unix.Stat_t) bool {
	in, err := openFile(c.path(source), unix.O_RDONLY, 0)
	if err != nil {
		return c.fail(applet.Perror(err, "can't open '%s'", source))
	}
	defer in.Close()
	isReg := sst.Mode&unix.S_IFMT == unix.S_IFREG
	newMode := sst.Mode & 0o7777
	if !isReg {
		newMode = 0o666
	}
	newMode &^= c.umask() // -p sets the mode once the owner is set
	var out *os.File
	const oflags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL
	if !c.retry(dest, "can't open '%s'", func() (err error) {
		out, err = openFile(c.path(dest), oflags, newMode)
		return err
	}) {
		return false
	}
	if out == nil {
		return true // declined
	}
	var ok bool
	if cloned, err := c.clone(in, out, flags, isReg); cloned {
		ok = true
	} else if err != nil {
		// BusyBox leaves the empty destination behind.
		ok = c.fail(applet.Perror(err, "failed to clone '%s' from '%s'", dest, source))
	} else {
		ok = c.copyContents(in, out)
	}
	if flags&Preserve != 0 && isReg {
		c.keepTimes(dest, sst, func(ts []unix.Timespec) error {
			return unix.UtimesNanoAt(unix.AT_FDCWD, c.path(dest), ts, 0)
		})
		fd := int(out.Fd())
		c.keepOwnerMode(dest, sst,
			func(uid, gid int) error { return unix.Fchown(fd, uid, gid) },
			func(m uint32) error { return unix.Fchmod(fd, m) })
	}
	if err := out.Close(); err != nil {
		ok = c.fail(applet.Perror(err, "error writing to '%s'", dest))
	}
	if ok && isReg {
		c.verbose(source, dest, flags)
	}
	return ok
}

// clone shares in's data with out (the FICLONE ioctl) when --reflink asks
// for it. It reports whether it did, and the ioctl's error when
// --reflink=always forbids falling back to a copy.
func (c *Copier) clone(in, out *os.File, flags Flags, isReg bool) (bool, error) {
	if !isReg || flags&(Reflink|ReflinkAlways) == 0 {
		return false, nil
	}
	err := unix.IoctlFileClone(int(out.Fd()), int(in.Fd()))
	if err == nil {
		return true, nil
	}
	if flags&ReflinkAlways != 0 {
		return false, err
	}
	return false, nil
}

// copyContents copies in to out, reporting which side failed as
// BusyBox's bb_copyfd_eof does.
func (c *Copier) copyContents(in, out *os.File) bool {
	_, err := fastcopy.Copy(c.context(), out, in)
	var we *fastcopy.WriteError
	var re *fastcopy.ReadError
	switch {
	case err == nil:
		return true
	case errors.As(err, &we):
		return c.fail(applet.Perror(we.Err, "write error"))
	case errors.As(err, &re):
		return c.fail(applet.Perror(re.Err, "read error"))
	}
	return false // cancelled
}

// openFile opens a bare descriptor as an *os.File that Go's poller does
// not take up (files and directories cannot be polled; os.Open would set
// the poller up for nothing).
func openFile(p string, flags int, perm uint32) (*os.File, error) {
	for {
		fd, err := unix.Open(p, flags|unix.O_CLOEXEC, perm)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), p), nil
	}
}

// copySpecial recreates a symlink, fifo, socket or device node.
func (c *Copier) copySpecial(source, dest string, flags Flags, sst *unix.Stat_t, destExists bool) bool {
	if destExists {
		if r := c.askAndUnlink(dest, unix.EEXIST); r != removed {
			return r == declined
		}
	}
	dp := c.path(dest)
	switch sst.Mode & unix.S_IFMT {
	case unix.S_IFLNK:
		return c.copySymlink(source, dest, flags, sst)
	case unix.S_IFBLK, unix.S_IFCHR, unix.S_IFSOCK, unix.S_IFIFO:
		if err := unix.Mknod(dp, sst.Mode&^c.umask(), int(sst.Rdev)); err != nil {
			return c.fail(applet.Perror(err, "can't create '%s'", dest))
		}
	default:
		return c.fail(applet.Errorf("unrecognized file '%s' with mode %x", source, sst.Mode))
	}
	c.preserve(dest, flags, sst)
	c.verbose(source, dest, flags)
	return true
}

func (c *Copier) copySymlink(source, dest string, flags Flags, sst *unix.Stat_t) bool {
	dp := c.path(dest)
	target, err := os.Readlink(c.path(source))
	if err != nil {
		return c.fail(applet.Perror(err, "%s", source))
	}
	if err := unix.Symlink(target, dp); err != nil {
		return c.fail(applet.Perror(err, "can't create %slink '%s' to '%s'", "sym", dest, target))
	}
	if flags&Preserve != 0 {
		if err := unix.Lchown(dp, int(sst.Uid), int(sst.Gid)); err != nil {
			c.fail(applet.Perror(err, "can't preserve %s of '%s'", "ownership", dest))
		}
		ts := []unix.Timespec{sst.Atim, sst.Mtim}
		unix.UtimesNanoAt(unix.AT_FDCWD, dp, ts, unix.AT_SYMLINK_NOFOLLOW)
	}
	c.verbose(source, dest, flags)
	return true
}
