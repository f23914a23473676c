// Package copy copies, removes and creates file trees the way BusyBox's
// libbb copy_file, remove_file and bb_make_directory do, for cp, mv,
// install, rm and mkdir: modes, owners and times (with nanoseconds) are
// kept on request, symlinks are copied as symlinks unless dereferenced,
// hard links inside the copied set stay hard links, fifos and device
// nodes are recreated, and file data moves with copy_file_range.
//
// Paths are handled as the user gave them (messages quote them so) and
// resolved with the Resolve hook (Ctx.Path) at each system call.
package copy

import (
	"errors"
	"fmt"
	"io"
	"os"

	"gobox/internal/applet"
	"gobox/internal/mode"

	"golang.org/x/sys/unix"
)

// Flags select copy behaviour; they mirror BusyBox's FILEUTILS_* bits.
type Flags uint32

// Copy flags.
const (
	Preserve    Flags = 1 << iota // -p: keep mode, owner and times
	Deref                         // follow symlinks (cp without -d)
	DerefTop                      // -H: follow symlinks named on the command line
	Recursive                     // -R
	Force                         // -f
	Interactive                   // -i
	NoClobber                     // -n
	HardLink                      // -l
	SymLink                       // -s
	Verbose                       // -v
	Update                        // -u
	RemoveDest                    // --remove-destination
)

type devIno struct{ dev, ino uint64 }

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
	// Cancelled stops long copies (Ctx.Cancelled).
	Cancelled func() bool

	seen    map[devIno]string
	umask   uint32
	haveUm  bool
	copyBuf []byte
}

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

func (c *Copier) perror(err error, format string, args ...any) {
	c.warn("%s: %s", fmt.Sprintf(format, args...), errText(err))
}

func (c *Copier) cancelled() bool { return c.Cancelled != nil && c.Cancelled() }

func (c *Copier) getUmask() uint32 {
	if !c.haveUm {
		c.umask, c.haveUm = mode.Umask(), true
	}
	return c.umask
}

func errText(err error) string { return applet.ErrText(err) }

func key(st *unix.Stat_t) devIno { return devIno{uint64(st.Dev), uint64(st.Ino)} }

func (c *Copier) lookup(st *unix.Stat_t) (string, bool) {
	if c.seen == nil {
		return "", false
	}
	s, ok := c.seen[key(st)]
	return s, ok
}

func (c *Copier) remember(st *unix.Stat_t, name string) {
	if c.seen == nil {
		c.seen = make(map[devIno]string)
	}
	c.seen[key(st)] = name
}

// askAndUnlink is BusyBox's ask_and_unlink with FEATURE_NON_POSIX_CP (as
// Alpine builds it): an existing destination that can't be created over is
// removed (after asking with -i). It returns -1 on error, 0 when the user
// said no, 1 to retry.
func (c *Copier) askAndUnlink(dest string, cause error) int {
	if c.Flags&Interactive != 0 {
		if c.Prompt == nil || !c.Prompt(fmt.Sprintf("%s: overwrite '%s'? ", c.Name, dest)) {
			return 0
		}
	}
	if err := unix.Unlink(c.path(dest)); err != nil {
		c.perror(cause, "can't create '%s'", dest)
		return -1
	}
	if c.Flags&RemoveDest != 0 && c.Flags&Verbose != 0 && c.Stdout != nil {
		fmt.Fprintf(c.Stdout, "removed '%s'\n", dest)
	}
	return 1
}

// Copy copies source to dest (copy_file). It reports errors through Warnf
// and returns false if the copy was not (entirely) made; failures to keep
// attributes are reported but do not count.
func (c *Copier) Copy(source, dest string) bool {
	return c.copy(source, dest, c.Flags) >= 0
}

func (c *Copier) copy(source, dest string, flags Flags) int {
	var sst, dst unix.Stat_t
	deref := flags&(Deref|DerefTop) != 0
	src, dp := c.path(source), c.path(dest)
	var err error
	if deref {
		err = unix.Stat(src, &sst)
	} else {
		err = unix.Lstat(src, &sst)
	}
	if err != nil {
		if flags&(SymLink|HardLink) != 0 {
			return c.makeLink(source, dest, flags)
		}
		c.perror(err, "can't stat '%s'", source)
		return -1
	}
	destExists := false
	if err := unix.Lstat(dp, &dst); err != nil {
		if err != unix.ENOENT {
			c.perror(err, "can't stat '%s'", dest)
			return -1
		}
	} else {
		if sst.Dev == dst.Dev && sst.Ino == dst.Ino {
			c.warn("'%s' and '%s' are the same file", source, dest)
			return -1
		}
		if flags&NoClobber != 0 {
			return 0
		}
		destExists = true
	}
	ft := sst.Mode & unix.S_IFMT
	if ft == unix.S_IFDIR {
		return c.copyDir(source, dest, flags, &sst, &dst, destExists)
	}
	if destExists {
		if flags&Update != 0 && sst.Mtim.Sec <= dst.Mtim.Sec {
			return 0
		}
		if flags&RemoveDest != 0 {
			if r := c.askAndUnlink(dest, unix.EEXIST); r <= 0 {
				return r
			}
			destExists = false
		}
	}
	if flags&(SymLink|HardLink) != 0 {
		return c.makeLink(source, dest, flags)
	}
	if flags&Recursive == 0 || ft == unix.S_IFREG {
		if !deref && ft == unix.S_IFLNK {
			return c.copySpecial(source, dest, flags, &sst, destExists)
		}
		if !deref && sst.Nlink > 1 {
			if target, ok := c.lookup(&sst); ok {
				if err := unix.Link(c.path(target), dp); err != nil {
					if r := c.askAndUnlink(dest, err); r <= 0 {
						return r
					}
					if err := unix.Link(c.path(target), dp); err != nil {
						c.perror(err, "can't create link '%s'", dest)
						return -1
					}
				}
				return 0
			}
			c.remember(&sst, dest)
		}
		return c.copyData(source, dest, flags, &sst)
	}
	return c.copySpecial(source, dest, flags, &sst, destExists)
}

func (c *Copier) makeLink(source, dest string, flags Flags) int {
	dp := c.path(dest)
	mk := func() error {
		if flags&SymLink != 0 {
			return unix.Symlink(source, dp)
		}
		return unix.Link(c.path(source), dp)
	}
	if err := mk(); err != nil {
		if r := c.askAndUnlink(dest, err); r <= 0 {
			return r
		}
		if err := mk(); err != nil {
			c.perror(err, "can't create link '%s'", dest)
			return -1
		}
	}
	return 0
}

func (c *Copier) copyDir(source, dest string, flags Flags, sst, dst *unix.Stat_t, destExists bool) int {
	if flags&Recursive == 0 {
		c.warn("omitting directory '%s'", source)
		return -1
	}
	if _, ok := c.lookup(sst); ok {
		c.warn("recursion detected, omitting directory '%s'", source)
		return -1
	}
	dp := c.path(dest)
	if destExists {
		if dst.Mode&unix.S_IFMT != unix.S_IFDIR {
			c.warn("target '%s' is not a directory", dest)
			return -1
		}
	} else {
		if err := unix.Mkdir(dp, sst.Mode&0o7777|0o700); err != nil {
			c.perror(err, "can't create directory '%s'", dest)
			return -1
		}
		if err := unix.Lstat(dp, dst); err != nil {
			c.perror(err, "can't stat '%s'", dest)
			return -1
		}
		if dst.Mode&0o700 != 0o700 {
			unix.Chmod(dp, dst.Mode&0o7777|0o700)
		}
	}
	c.remember(dst, "")
	ret := 0
	f, err := os.Open(c.path(source))
	if err != nil {
		ret = -1
	} else {
		names, _ := f.Readdirnames(-1)
		f.Close()
		for _, n := range names {
			if c.cancelled() {
				ret = -1
				break
			}
			if c.copy(JoinPath(source, n), JoinPath(dest, n), flags&^DerefTop) < 0 {
				ret = -1
			}
		}
	}
	if !destExists && flags&Preserve == 0 {
		if err := unix.Chmod(dp, sst.Mode&0o7777&^c.getUmask()); err != nil {
			c.perror(err, "can't preserve %s of '%s'", "permissions", dest)
		}
	}
	c.preserve(dest, flags, sst)
	c.verbose(source, dest, flags)
	return ret
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
	ts := []unix.Timespec{sst.Atim, sst.Mtim}
	if err := unix.UtimesNanoAt(unix.AT_FDCWD, dp, ts, 0); err != nil {
		c.perror(err, "can't preserve %s of '%s'", "times", dest)
	}
	m := sst.Mode & 0o7777
	if err := unix.Chown(dp, int(sst.Uid), int(sst.Gid)); err != nil {
		m &^= unix.S_ISUID | unix.S_ISGID
		c.perror(err, "can't preserve %s of '%s'", "ownership", dest)
	}
	if err := unix.Chmod(dp, m); err != nil {
		c.perror(err, "can't preserve %s of '%s'", "permissions", dest)
	}
}

func (c *Copier) copyData(source, dest string, flags Flags, sst *unix.Stat_t) int {
	sfd, err := unix.Open(c.path(source), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		c.perror(err, "can't open '%s'", source)
		return -1
	}
	defer unix.Close(sfd)
	isReg := sst.Mode&unix.S_IFMT == unix.S_IFREG
	newMode := sst.Mode & 0o7777
	if !isReg {
		newMode = 0o666
	}
	dp := c.path(dest)
	const oflags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_CLOEXEC
	dfd, err := unix.Open(dp, oflags, newMode)
	if err != nil {
		if r := c.askAndUnlink(dest, err); r <= 0 {
			return r
		}
		dfd, err = unix.Open(dp, oflags, newMode)
		if err != nil {
			c.perror(err, "can't open '%s'", dest)
			return -1
		}
	}
	ret := 0
	if err := c.copyFD(dfd, sfd, isReg); err != nil {
		var we *writeErr
		if errors.As(err, &we) {
			c.perror(we.err, "write error")
		} else {
			c.perror(err, "read error")
		}
		ret = -1
	}
	if flags&Preserve != 0 && isReg {
		ts := []unix.Timespec{sst.Atim, sst.Mtim}
		if err := unix.UtimesNanoAt(unix.AT_FDCWD, dp, ts, 0); err != nil {
			c.perror(err, "can't preserve %s of '%s'", "times", dest)
		}
		m := sst.Mode & 0o7777
		if err := unix.Fchown(dfd, int(sst.Uid), int(sst.Gid)); err != nil {
			m &^= unix.S_ISUID | unix.S_ISGID
			c.perror(err, "can't preserve %s of '%s'", "ownership", dest)
		}
		if err := unix.Fchmod(dfd, m); err != nil {
			c.perror(err, "can't preserve %s of '%s'", "permissions", dest)
		}
	}
	if err := unix.Close(dfd); err != nil {
		c.perror(err, "error writing to '%s'", dest)
		ret = -1
	}
	if !isReg {
		return ret
	}
	if ret == 0 {
		c.verbose(source, dest, flags)
	}
	return ret
}

type writeErr struct{ err error }

func (e *writeErr) Error() string { return e.err.Error() }

// copyFD copies everything from sfd to dfd: copy_file_range for regular
// files, read/write otherwise or when the kernel refuses.
func (c *Copier) copyFD(dfd, sfd int, isReg bool) error {
	if isReg {
		total := 0
		for {
			n, err := unix.CopyFileRange(sfd, nil, dfd, nil, 1<<30, 0)
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				if total == 0 && (err == unix.EXDEV || err == unix.EINVAL || err == unix.ENOSYS ||
					err == unix.EOPNOTSUPP || err == unix.EPERM || err == unix.EBADF) {
					break // fall back to read/write
				}
				return &writeErr{err}
			}
			if n == 0 {
				if total > 0 {
					return nil
				}
				break // empty, or a /proc-like file: try read
			}
			total += n
			if c.cancelled() {
				return errors.New("interrupted")
			}
		}
	}
	if c.copyBuf == nil {
		c.copyBuf = make([]byte, 128*1024)
	}
	buf := c.copyBuf
	for {
		n, err := unix.Read(sfd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		for w := 0; w < n; {
			m, err := unix.Write(dfd, buf[w:n])
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				return &writeErr{err}
			}
			w += m
		}
		if c.cancelled() {
			return errors.New("interrupted")
		}
	}
}

// copySpecial recreates a symlink, fifo, socket or device node.
func (c *Copier) copySpecial(source, dest string, flags Flags, sst *unix.Stat_t, destExists bool) int {
	if destExists {
		if r := c.askAndUnlink(dest, unix.EEXIST); r <= 0 {
			return r
		}
	}
	dp := c.path(dest)
	switch sst.Mode & unix.S_IFMT {
	case unix.S_IFLNK:
		target, err := os.Readlink(c.path(source))
		if err != nil {
			c.perror(err, "%s", source)
			return -1
		}
		if err := unix.Symlink(target, dp); err != nil {
			c.perror(err, "can't create %slink '%s' to '%s'", "sym", dest, target)
			return -1
		}
		if flags&Preserve != 0 {
			if err := unix.Lchown(dp, int(sst.Uid), int(sst.Gid)); err != nil {
				c.perror(err, "can't preserve %s of '%s'", "ownership", dest)
			}
			ts := []unix.Timespec{sst.Atim, sst.Mtim}
			unix.UtimesNanoAt(unix.AT_FDCWD, dp, ts, unix.AT_SYMLINK_NOFOLLOW)
		}
		c.verbose(source, dest, flags)
		return 0
	case unix.S_IFBLK, unix.S_IFCHR, unix.S_IFSOCK, unix.S_IFIFO:
		if err := unix.Mknod(dp, sst.Mode, int(sst.Rdev)); err != nil {
			c.perror(err, "can't create '%s'", dest)
			return -1
		}
	default:
		c.warn("unrecognized file '%s' with mode %x", source, sst.Mode)
		return -1
	}
	c.preserve(dest, flags, sst)
	c.verbose(source, dest, flags)
	return 0
}
