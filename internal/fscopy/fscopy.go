// Package fscopy copies files and trees the way BusyBox's libbb
// copy_file does, for cp, mv and install: modes, owners and times (with
// nanoseconds) are kept on request, symlinks are copied as symlinks
// unless dereferenced, hard links inside the copied set stay hard links,
// fifos and device nodes are recreated, and file data moves with the
// kernel's copy calls (internal/fastcopy).
//
// Paths are handled as the user gave them (messages quote them so); an
// operand is resolved with the Resolve hook (Ctx.Path), and a tree is
// walked relative to each directory's descriptor (dirent.Walk), the
// source and the destination side by side, so that memory does not grow
// with the tree and a file costs no allocation.
package fscopy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/fastcopy"
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

	// seen is BusyBox's ino_dev_hashtable: the directories this Copier
	// made or filled (to detect a copy into itself) and the files with
	// several links it copied (to link them again), by device and
	// inode. It is the only state kept per tree.
	seen map[devIno]string
	// src and dst walk the source and the destination side by side.
	src, dst dirent.Walk
	buf      []byte // a -v line, a symlink's target, a first read; reused
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

// perror is fail(applet.Perror(err, format, path)) for a message about
// one path, the source or the destination.
func (c *Copier) perror(err error, format string, w *dirent.Walk) bool {
	return c.fail(applet.Perror(err, format, w.Path()))
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
	c.src.Start(source, c.path(source))
	c.dst.Start(dest, c.path(dest))
	ok := c.copy(c.Flags)
	c.src.CloseAll()
	c.dst.CloseAll()
	return ok
}

// target is what copy found at the destination.
type target struct {
	exists bool
	st     unix.Stat_t
}

// copy copies the source walk's current entry to the destination walk's.
func (c *Copier) copy(flags Flags) bool {
	var sst unix.Stat_t
	deref := flags&(Deref|DerefTop) != 0
	if err := c.src.Stat(&sst, deref); err != nil {
		if flags&(SymLink|HardLink) != 0 {
			// ln -s makes dangling links; link(2) reports its own error.
			return c.makeLink(flags)
		}
		return c.perror(err, "can't stat '%s'", &c.src)
	}
	var dst target
	ddir, dname := c.dst.At()
	if err := dirent.Fstatat(ddir, dname, &dst.st, unix.AT_SYMLINK_NOFOLLOW); err == nil {
		if sst.Dev == dst.st.Dev && sst.Ino == dst.st.Ino {
			return c.fail(applet.Errorf("'%s' and '%s' are the same file", c.src.Path(), c.dst.Path()))
		}
		if flags&NoClobber != 0 {
			return true
		}
		dst.exists = true
	} else if err != unix.ENOENT {
		return c.perror(err, "can't stat '%s'", &c.dst)
	}
	ft := sst.Mode & unix.S_IFMT
	if ft == unix.S_IFDIR {
		return c.copyDir(flags, &sst, &dst)
	}
	if dst.exists {
		if flags&Update != 0 && sst.Mtim.Sec <= dst.st.Mtim.Sec {
			return true
		}
		if flags&RemoveDest != 0 {
			if r := c.askAndUnlink(unix.EEXIST); r != removed {
				return r == declined
			}
			dst.exists = false
		}
	}
	switch {
	case flags&(SymLink|HardLink) != 0:
		return c.makeLink(flags)
	case flags&Recursive != 0 && ft != unix.S_IFREG, !deref && ft == unix.S_IFLNK:
		// Without -R, other files are read like regular ones (a fifo's
		// data, a device's contents), as BusyBox does.
		return c.copySpecial(flags, &sst, dst.exists)
	case !deref && sst.Nlink > 1:
		if first, ok := c.lookup(&sst); ok {
			return c.linkAgain(first)
		}
		c.remember(&sst, c.dst.String())
	}
	return c.copyData(flags, &sst)
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
func (c *Copier) askAndUnlink(cause error) unlinked {
	if c.Flags&Interactive != 0 {
		if c.Prompt == nil || !c.Prompt(fmt.Sprintf("%s: overwrite '%s'? ", c.Name, c.dst.Path())) {
			return declined
		}
	}
	ddir, dname := c.dst.At()
	if err := dirent.Unlinkat(ddir, dname, 0); err != nil {
		c.perror(cause, "can't create '%s'", &c.dst)
		return failed
	}
	// BusyBox's source prints "removed 'DEST'" here with
	// --remove-destination and -v; Alpine's binary prints nothing
	// (measured), and gobox follows Alpine.
	return removed
}

// retry runs create, and once more after askAndUnlink removed what was in
// the way; what describes the failure ("can't create link '%s'").
func (c *Copier) retry(what string, create func() error) bool {
	err := create()
	if err == nil {
		return true
	}
	if r := c.askAndUnlink(err); r != removed {
		return r == declined
	}
	if err := create(); err != nil {
		return c.perror(err, what, &c.dst)
	}
	return true
}

// cstring returns b NUL-terminated, in c's reused buffer.
func (c *Copier) cstring(b []byte) *byte {
	c.buf = append(append(c.buf[:0], b...), 0)
	return &c.buf[0]
}

// makeLink is cp -s and cp -l.
func (c *Copier) makeLink(flags Flags) bool {
	sdir, sname := c.src.At()
	ddir, dname := c.dst.At()
	return c.retry("can't create link '%s'", func() error {
		if flags&SymLink != 0 {
			// The link holds the source's name as the user gave it.
			return dirent.Symlinkat(c.cstring(c.src.Path()), ddir, dname)
		}
		return dirent.Linkat(sdir, sname, ddir, dname, 0)
	})
}

// linkAgain makes the destination a hard link of first, the copy of a
// file with several links met before.
func (c *Copier) linkAgain(first string) bool {
	old := dirent.CString(c.path(first))
	ddir, dname := c.dst.At()
	return c.retry("can't create link '%s'", func() error {
		return dirent.Linkat(unix.AT_FDCWD, old, ddir, dname, 0)
	})
}

func (c *Copier) copyDir(flags Flags, sst *unix.Stat_t, dst *target) bool {
	if flags&Recursive == 0 {
		return c.fail(applet.Errorf("omitting directory '%s'", c.src.Path()))
	}
	if _, ok := c.lookup(sst); ok {
		// A directory this Copier made: copying it would never end.
		return c.fail(applet.Errorf("recursion detected, omitting directory '%s'", c.src.Path()))
	}
	if dst.exists && dst.st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return c.fail(applet.Errorf("target '%s' is not a directory", c.dst.Path()))
	}
	if !dst.exists && !c.makeDir(sst, &dst.st) {
		return false
	}
	c.remember(&dst.st, "")
	ok := c.copyEntries(flags &^ DerefTop)
	if !dst.exists && flags&Preserve == 0 {
		ddir, dname := c.dst.At()
		if err := dirent.Fchmodat(ddir, dname, sst.Mode&0o7777&^c.umask()); err != nil {
			c.fail(applet.Perror(err, "can't preserve %s of '%s'", "permissions", c.dst.Path()))
		}
	}
	c.preserve(flags, sst)
	c.verbose(flags)
	return ok
}

// makeDir creates the destination for a copy of a directory of sst's
// mode, with u+rwx until its entries are copied, and stats it into st.
func (c *Copier) makeDir(sst, st *unix.Stat_t) bool {
	ddir, dname := c.dst.At()
	if err := dirent.Mkdirat(ddir, dname, sst.Mode&0o7777&^c.umask()|0o700); err != nil {
		return c.perror(err, "can't create directory '%s'", &c.dst)
	}
	if err := dirent.Fstatat(ddir, dname, st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return c.perror(err, "can't stat '%s'", &c.dst)
	}
	if st.Mode&0o700 != 0o700 {
		// The process's umask took more than ours.
		dirent.Fchmodat(ddir, dname, st.Mode&0o7777|0o700)
	}
	return true
}

// copyEntries copies each entry of the source directory into the
// destination directory, as they are read: the directory is never held
// in memory.
func (c *Copier) copyEntries(flags Flags) bool {
	if err := c.src.Open(); err != nil {
		return c.perror(err, "can't open '%s'", &c.src)
	}
	if err := c.dst.OpenPath(); err != nil {
		c.src.Close()
		return c.perror(err, "can't open '%s'", &c.dst)
	}
	ok := true
	for c.src.Next() {
		if c.cancelled() {
			ok = false
			break
		}
		c.dst.Enter(c.src.Entry())
		if !c.copy(flags) {
			ok = false
		}
	}
	if err := c.src.Err(); err != nil {
		ok = c.perror(err, "can't read directory '%s'", &c.src)
	}
	c.dst.Close()
	c.src.Close()
	return ok
}

// verbose prints -v's "'SOURCE' -> 'DEST'" without allocating.
func (c *Copier) verbose(flags Flags) {
	if flags&Verbose == 0 || c.Stdout == nil {
		return
	}
	b := append(c.buf[:0], '\'')
	b = append(b, c.src.Path()...)
	b = append(b, "' -> '"...)
	b = append(b, c.dst.Path()...)
	b = append(b, "'\n"...)
	c.Stdout.Write(b)
	c.buf = b
}

// preserve applies -p to the destination: times (nanoseconds), owner,
// then mode (chown clears set-id bits).
func (c *Copier) preserve(flags Flags, sst *unix.Stat_t) {
	if flags&Preserve == 0 {
		return
	}
	ddir, dname := c.dst.At()
	c.keepTimes(sst, ddir, dname)
	c.keepOwnerMode(sst,
		func(uid, gid int) error { return dirent.Fchownat(ddir, dname, uid, gid, 0) },
		func(m uint32) error { return dirent.Fchmodat(ddir, dname, m) })
}

func (c *Copier) keepTimes(sst *unix.Stat_t, ddir int, dname *byte) {
	ts := [2]unix.Timespec{sst.Atim, sst.Mtim}
	if err := dirent.Utimensat(ddir, dname, &ts, 0); err != nil {
		c.fail(applet.Perror(err, "can't preserve %s of '%s'", "times", c.dst.Path()))
	}
}

// keepOwnerMode sets the owner, then the mode, without the set-id bits
// when the owner could not be kept.
func (c *Copier) keepOwnerMode(sst *unix.Stat_t, chown func(uid, gid int) error, chmod func(uint32) error) {
	m := sst.Mode & 0o7777
	if err := chown(int(sst.Uid), int(sst.Gid)); err != nil {
		m &^= unix.S_ISUID | unix.S_ISGID
		c.fail(applet.Perror(err, "can't preserve %s of '%s'", "ownership", c.dst.Path()))
	}
	if err := chmod(m); err != nil {
		c.fail(applet.Perror(err, "can't preserve %s of '%s'", "permissions", c.dst.Path()))
	}
}

// copyData copies a file's contents into a new file at the destination.
func (c *Copier) copyData(flags Flags, sst *unix.Stat_t) bool {
	sdir, sname := c.src.At()
	in, err := dirent.Openat(sdir, sname, unix.O_RDONLY)
	if err != nil {
		return c.perror(err, "can't open '%s'", &c.src)
	}
	f := files{in: in, out: -1}
	defer f.closeIn()
	isReg := sst.Mode&unix.S_IFMT == unix.S_IFREG
	newMode := sst.Mode & 0o7777
	if !isReg {
		newMode = 0o666
	}
	newMode &^= c.umask() // -p sets the mode once the owner is set
	ddir, dname := c.dst.At()
	const oflags = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL
	if !c.retry("can't open '%s'", func() (err error) {
		f.out, err = dirent.Create(ddir, dname, oflags, newMode)
		return err
	}) {
		return false
	}
	if f.out < 0 {
		return true // declined
	}
	var ok bool
	if cloned, err := c.clone(in, f.out, flags, isReg); cloned {
		ok = true
	} else if err != nil {
		// BusyBox leaves the empty destination behind.
		ok = c.fail(applet.Perror(err, "failed to clone '%s' from '%s'", c.dst.Path(), c.src.Path()))
	} else {
		ok = c.copyContents(&f, isReg)
	}
	if flags&Preserve != 0 && isReg {
		c.keepTimes(sst, ddir, dname)
		c.keepOwnerMode(sst,
			func(uid, gid int) error { return unix.Fchown(f.out, uid, gid) },
			func(m uint32) error { return unix.Fchmod(f.out, m) })
	}
	if err := f.closeOut(); err != nil {
		ok = c.perror(err, "error writing to '%s'", &c.dst)
	}
	if ok && isReg {
		c.verbose(flags)
	}
	return ok
}

// files are the two descriptors of a copy, bare, or wrapped as *os.File
// once fastcopy needs them (the *os.File then owns its descriptor).
type files struct {
	in, out   int
	inf, outf *os.File
}

func (f *files) closeIn() {
	if f.inf != nil {
		f.inf.Close()
	} else {
		unix.Close(f.in)
	}
}

// closeOut closes the destination, reporting the error a file system
// may give only then (a write that failed late, on NFS).
func (f *files) closeOut() error {
	if f.outf != nil {
		return f.outf.Close()
	}
	return unix.Close(f.out)
}

// clone shares in's data with out (the FICLONE ioctl) when --reflink asks
// for it. It reports whether it did, and the ioctl's error when
// --reflink=always forbids falling back to a copy.
func (c *Copier) clone(in, out int, flags Flags, isReg bool) (bool, error) {
	if !isReg || flags&(Reflink|ReflinkAlways) == 0 {
		return false, nil
	}
	err := unix.IoctlFileClone(out, in)
	if err == nil {
		return true, nil
	}
	if flags&ReflinkAlways != 0 {
		return false, err
	}
	return false, nil
}

// copyContents copies f.in to f.out, reporting which side failed as
// BusyBox's bb_copyfd_eof does. Between regular files the kernel copies
// (copy_file_range), and an empty file takes one read(2), with neither a
// buffer nor an *os.File; anything else goes to fastcopy.
func (c *Copier) copyContents(f *files, isReg bool) bool {
	if isReg {
		done, ok := c.copyRange(f.in, f.out)
		if done {
			return ok
		}
	}
	f.inf, f.outf = os.NewFile(uintptr(f.in), ""), os.NewFile(uintptr(f.out), "")
	_, err := fastcopy.Copy(c.context(), f.outf, f.inf)
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

// copyRange copies a regular file with copy_file_range(2). done is false
// when the rest is fastcopy's to do: the call was refused or failed
// (read(2) and write(2) then tell which side), or moved nothing at
// first, in which case one read(2) tells an empty file from one that
// lies about its size (/proc), whose first bytes it passes on.
func (c *Copier) copyRange(in, out int) (done, ok bool) {
	chunk := 0x7ff00000
	if c.Context != nil && c.Context.Done() != nil {
		chunk = 16 << 20 // so that Ctrl-C stops a large copy soon
	}
	moved := false
	for {
		if c.cancelled() {
			return true, false
		}
		n, err := unix.CopyFileRange(in, nil, out, nil, chunk, 0)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return false, false
		case n > 0:
			moved = true
			continue
		case moved:
			return true, true
		}
		break
	}
	if cap(c.buf) < 512 {
		c.buf = make([]byte, 512)
	}
	p := c.buf[:512]
	for {
		n, err := unix.Read(in, p)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return true, c.fail(applet.Perror(err, "read error"))
		case n == 0:
			return true, true
		}
		for w := p[:n]; len(w) > 0; {
			m, err := unix.Write(out, w)
			switch {
			case err == unix.EINTR:
				continue
			case err != nil:
				return true, c.fail(applet.Perror(err, "write error"))
			case m == 0:
				return true, c.fail(applet.Perror(unix.ENOSPC, "write error"))
			}
			w = w[m:]
		}
		return false, false
	}
}

// copySpecial recreates a symlink, fifo, socket or device node.
func (c *Copier) copySpecial(flags Flags, sst *unix.Stat_t, destExists bool) bool {
	if destExists {
		if r := c.askAndUnlink(unix.EEXIST); r != removed {
			return r == declined
		}
	}
	switch sst.Mode & unix.S_IFMT {
	case unix.S_IFLNK:
		return c.copySymlink(flags, sst)
	case unix.S_IFBLK, unix.S_IFCHR, unix.S_IFSOCK, unix.S_IFIFO:
		ddir, dname := c.dst.At()
		if err := dirent.Mknodat(ddir, dname, sst.Mode&^c.umask(), sst.Rdev); err != nil {
			return c.perror(err, "can't create '%s'", &c.dst)
		}
	default:
		return c.fail(applet.Errorf("unrecognized file '%s' with mode %x", c.src.Path(), sst.Mode))
	}
	c.preserve(flags, sst)
	c.verbose(flags)
	return true
}

func (c *Copier) copySymlink(flags Flags, sst *unix.Stat_t) bool {
	sdir, sname := c.src.At()
	ddir, dname := c.dst.At()
	n, err := c.readlink(sdir, sname, sst)
	if err != nil {
		return c.perror(err, "%s", &c.src)
	}
	target := c.buf[:n+1] // NUL-terminated
	if err := dirent.Symlinkat(&target[0], ddir, dname); err != nil {
		return c.fail(applet.Perror(err, "can't create %slink '%s' to '%s'", "sym", c.dst.Path(), target[:n]))
	}
	if flags&Preserve != 0 {
		if err := dirent.Fchownat(ddir, dname, int(sst.Uid), int(sst.Gid), unix.AT_SYMLINK_NOFOLLOW); err != nil {
			c.fail(applet.Perror(err, "can't preserve %s of '%s'", "ownership", c.dst.Path()))
		}
		ts := [2]unix.Timespec{sst.Atim, sst.Mtim}
		dirent.Utimensat(ddir, dname, &ts, unix.AT_SYMLINK_NOFOLLOW)
	}
	c.verbose(flags)
	return true
}

// readlink reads the symlink's target into c.buf, NUL-terminated, and
// returns its length.
func (c *Copier) readlink(dirfd int, name *byte, sst *unix.Stat_t) (int, error) {
	size := int(sst.Size) + 1
	if size < 256 {
		size = 256
	}
	for {
		if len(c.buf) < size {
			c.buf = make([]byte, size)
		}
		buf := c.buf[:cap(c.buf)]
		n, err := dirent.Readlinkat(dirfd, name, buf)
		if err != nil {
			return 0, err
		}
		if n < len(buf) {
			buf[n] = 0
			c.buf = buf
			return n, nil
		}
		size = 2 * len(buf) // grown since it was stat'ed
	}
}
