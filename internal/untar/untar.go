// Package untar extracts archive entries into a directory, for tar and
// later cpio, unzip and apk: the rules that keep a hostile archive from
// writing outside its target live here, once.
//
//   - A member name is split into components below the target; one that
//     is absolute or holds ".." is refused (StripUnsafe removes such a
//     prefix first, as BusyBox does, and the caller says so).
//   - Directories are opened one component at a time, relative to the
//     target's descriptor (openat2 confined beneath it where the kernel
//     has it). A symlink that the archive created is never followed; one
//     that was there before is followed as if the target were the root,
//     so that it cannot lead outside either.
//   - The last component is never followed: files are created with
//     O_EXCL|O_NOFOLLOW after removing what was there (or rewritten in
//     place with --overwrite, unless it is a symlink).
//   - Symlinks whose target is absolute or holds ".." are created at the
//     end, after every other entry, as BusyBox does; hard links only to
//     names inside the target, through the same confined lookup.
//   - Ownership is applied only when asked (tar: as root), modes exactly
//     only when asked, device nodes are left to the kernel's permission
//     check; directory modes and times are applied once their contents
//     are in place.
//
// Memory does not grow with the archive's data; it grows with the number
// of symlinks and deferred links, and the depth of the tree.
package untar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/fastcopy"
	"gobox/internal/userdb"
)

// Kind is the type of an entry.
type Kind uint8

// Entry kinds.
const (
	Regular Kind = iota
	Dir
	Symlink
	Hardlink
	CharDev
	BlockDev
	Fifo
)

// Segment is one data region of a sparse file.
type Segment struct{ Offset, Length int64 }

// Entry is one archive member to extract.
//
// Name and Linkname are bytes, so that a reader hands its own buffer
// over without a string per entry; the Extractor copies what it keeps.
type Entry struct {
	Name     []byte // path below the target, "/"-separated
	Kind     Kind
	Mode     uint32 // permission, set-id and sticky bits (07777)
	UID, GID int
	Uname    string // owner's name, preferred to UID when it resolves
	Gname    string
	ModTime  time.Time
	Linkname []byte // a symlink's target, or a hard link's name in the archive
	Major    uint32 // device numbers
	Minor    uint32
	// Size is a regular file's length; Sparse, if not nil, lists the
	// regions of it that the body holds (the rest are holes).
	Size   int64
	Sparse []Segment
	// Xattrs are extended attributes to set (tar --xattrs); the
	// caller picks which namespaces it restores.
	Xattrs map[string]string
}

// Replace says what happens to something already at an entry's name.
type Replace int

// Replace modes.
const (
	// UnlinkOld removes it first (tar's default); a directory stays.
	UnlinkOld Replace = iota
	// KeepOld keeps it: creating the entry fails (tar -k).
	KeepOld
	// Overwrite rewrites an existing file in place (tar --overwrite),
	// so that its other hard links see the new data; a symlink there
	// is replaced, not followed.
	Overwrite
)

// Options configure an Extractor.
type Options struct {
	Dir   string // the target directory, which must exist
	Umask uint32 // cleared from the modes of what is created without Perms
	// Owner gives entries their archived owner (tar does as root,
	// unless -o); NumericOwner ignores the names and uses the ids.
	Owner        bool
	NumericOwner bool
	Perms        bool // apply archived modes exactly, set-id bits included
	NoTimes      bool // leave modification times as they come (tar -m)
	Replace      Replace
	// Absolute lets names leave the target (tar -P): absolute names are
	// taken from "/", and ".." is followed.
	Absolute bool
	Users    userdb.DB // where owner names are looked up
	// Warn receives non-fatal messages ("can't create node x: ...").
	Warn    func(msg string)
	Context context.Context
}

// Extractor writes entries into a target directory.
type Extractor struct {
	o     Options
	d     dirs
	cp    fastcopy.Copier
	users map[string]int
	grps  map[string]int

	pending []pendingDir // directories whose metadata waits for their contents
	held    []pendingDir // ... and those that also wait for deferred links
	links   []deferred   // links created at the end
	failed  bool

	// The entry's clean path and its link target's (see appendClean),
	// and NUL-terminated names for the system calls: buffers reused
	// from entry to entry.
	path, tpath []byte
	cb, ct      dirent.CBuf
}

// pendingDir is a directory entry's metadata, applied when the archive
// has left the directory.
type pendingDir struct {
	path    []byte // clean
	e       Entry  // its own copy of the name
	created bool   // this extraction made it
	held    bool   // a deferred link goes in it
}

// deferred is a link created at the end.
type deferred struct {
	name, target string
	path         []byte // clean
	hard         bool
}

// New returns an Extractor into o.Dir.
func New(o Options) (*Extractor, error) {
	if o.Context == nil {
		o.Context = context.Background()
	}
	dir := o.Dir
	if o.Absolute {
		dir = "/"
	}
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, applet.Perror(err, "can't change directory to '%s'", o.Dir)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, err
	}
	x := &Extractor{o: o}
	x.d = dirs{root: fd, rootID: devIno{uint64(st.Dev), uint64(st.Ino)}, abs: o.Absolute, umask: o.Umask}
	return x, nil
}

// Failed reports whether an entry was refused or could not be made
// without stopping the extraction: the command should exit non-zero.
func (x *Extractor) Failed() bool { return x.failed }

func (x *Extractor) warn(format string, args ...any) {
	if x.o.Warn != nil {
		x.o.Warn(fmt.Sprintf(format, args...))
	}
}

// refuse warns about an entry that is not extracted.
func (x *Extractor) refuse(format string, args ...any) {
	x.failed = true
	x.warn(format, args...)
}

// clean makes a member name a clean path in buf for extraction: below
// the target, or (Absolute) from the root, relative names from the
// directory. ok is false for a name that would leave the target.
func (x *Extractor) clean(buf, name []byte) (_ []byte, ok bool) {
	if x.o.Absolute {
		buf = buf[:0]
		if len(name) == 0 || name[0] != '/' {
			buf, _ = appendClean(buf, []byte(x.o.Dir), true)
		}
		return appendClean(buf, name, true)
	}
	return Clean(buf, name)
}

// Extract creates the entry e; body holds a regular file's data (its
// regions, for a sparse file). An error stops the extraction (what
// BusyBox dies of); what it carries on after is reported through
// Options.Warn, and Failed then reports true.
func (x *Extractor) Extract(e *Entry, body io.Reader) error {
	var ok bool
	x.path, ok = x.clean(x.path, e.Name)
	if !ok {
		x.refuse("%s: member name contains '..'", e.Name)
		return nil
	}
	p := x.path
	x.leave(p)
	if len(p) == 0 {
		if e.Kind == Dir {
			x.pushDir(p, e, false)
			return nil
		}
		x.refuse("%s: can't replace the target directory", e.Name)
		return nil
	}
	parent, base := splitLast(p)
	pfd, err := x.d.open(parent, true)
	if err != nil {
		return x.dirError(e.Name, parent, err)
	}
	switch e.Kind {
	case Dir:
		return x.mkdir(p, pfd, base, e)
	case Hardlink:
		return x.hardlink(p, e)
	}
	switch e.Kind {
	case Regular:
		return x.file(p, pfd, base, e, body)
	case Symlink:
		return x.symlink(p, pfd, base, e)
	case CharDev, BlockDev, Fifo:
		return x.node(p, pfd, base, e)
	}
	return applet.Errorf("unrecognized file type")
}

// create makes the entry with mk; what is in the way is removed first
// when the mode says so (tar's default), as BusyBox removes it, but only
// once mk found it there, which saves a system call per new file.
func (x *Extractor) create(p []byte, pfd int, base, name []byte, mk func() error) error {
	err := mk()
	if err != unix.EEXIST && err != unix.EISDIR || x.o.Replace != UnlinkOld {
		return err
	}
	if err := x.unlink(pfd, base); err != nil && err != unix.ENOENT {
		return applet.Perror(err, "can't remove old file %s", name)
	}
	x.d.invalidate(p)
	return mk()
}

// unlink removes the file base from the directory pfd.
func (x *Extractor) unlink(pfd int, base []byte) error {
	cbase, err := x.cb.Of(base)
	if err != nil {
		return err
	}
	return dirent.Unlinkat(pfd, cbase, 0)
}

// dirError words a failure to reach the directory of name.
func (x *Extractor) dirError(name, parent []byte, err error) error {
	if err == errPlanted {
		x.refuse("%s: %v", name, err)
		return nil
	}
	return applet.Perror(err, "can't create directory '%s'", parent)
}

// file creates a regular file and writes its data.
func (x *Extractor) file(p []byte, pfd int, base []byte, e *Entry, body io.Reader) error {
	flags := unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC
	if x.o.Replace == Overwrite {
		// Rewrite a regular file in place; anything else there (a
		// symlink, a fifo that would block the open, a device) is
		// replaced, not opened.
		var st unix.Stat_t
		cbase, serr := x.cb.Of(base)
		if serr == nil {
			serr = dirent.Fstatat(pfd, cbase, &st, unix.AT_SYMLINK_NOFOLLOW)
		}
		if serr == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
			flags = unix.O_WRONLY | unix.O_TRUNC | unix.O_NOFOLLOW | unix.O_NONBLOCK | unix.O_CLOEXEC
		} else if serr != unix.ENOENT {
			// (Where nothing is, nothing is removed: O_EXCL still
			// refuses what may appear meanwhile.)
			if err := x.unlink(pfd, base); err != nil && err != unix.ENOENT {
				return applet.Perror(err, "can't remove old file %s", e.Name)
			}
			x.d.invalidate(p)
		}
	}
	var fd int
	err := x.create(p, pfd, base, e.Name, func() error {
		cbase, err := x.cb.Of(base)
		if err == nil {
			fd, err = dirent.Create(pfd, cbase, flags, x.createMode(e.Mode))
		}
		return err
	})
	if err == nil && flags&unix.O_TRUNC != 0 {
		var st unix.Stat_t
		if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
			unix.Close(fd)
			err = unix.EEXIST
		}
	}
	if err != nil {
		return openError(err, e.Name)
	}
	// The descriptor is written as it is (fastcopy.FD); a sparse
	// file, which is sought and truncated, gets an *os.File.
	var out io.Writer = fastcopy.FD(fd)
	var f *os.File
	if e.Sparse != nil {
		f = os.NewFile(uintptr(fd), string(e.Name))
		out = f
	}
	err = x.writeData(out, f, e, body)
	if err == nil {
		x.setXattrs(e, func(k string, v []byte) error { return unix.Fsetxattr(fd, k, v, 0) })
		x.setOwner(func(uid, gid int) error { return unix.Fchown(fd, uid, gid) }, e)
		if x.o.Perms {
			unix.Fchmod(fd, e.Mode&0o7777)
		}
		if !x.o.NoTimes {
			ts := times(e.ModTime)
			dirent.Utimensat(fd, nil, &ts, 0)
		}
	}
	var cerr error
	if f != nil {
		cerr = f.Close()
	} else {
		cerr = unix.Close(fd)
	}
	if err == nil && cerr != nil {
		err = applet.Perror(cerr, "write error")
	}
	return err
}

// openError words a failure to create a file: create's own error (an
// old file that could not go) as it is. Out of file, whose every call
// would otherwise allocate what errors.As is given.
func openError(err error, name []byte) error {
	var ee *applet.ExitError
	if errors.As(err, &ee) {
		return err
	}
	return applet.Perror(err, "can't open '%s'", name)
}

// createMode is the mode a file or node is created with: the archived
// permissions, less the umask unless modes are restored exactly (then
// set-id bits come with the chmod after chown, which would clear them).
func (x *Extractor) createMode(mode uint32) uint32 {
	if x.o.Perms {
		return mode & 0o777
	}
	return mode & 0o777 &^ x.o.Umask
}

// writeData writes a file's data from body to w: holes of a sparse
// file (then w is f) are left unwritten, and the file sized at the end.
func (x *Extractor) writeData(w io.Writer, f *os.File, e *Entry, body io.Reader) error {
	if e.Sparse == nil {
		var err error
		if ct, ok := body.(copierTo); ok {
			_, err = ct.CopyTo(x.o.Context, w, &x.cp)
		} else {
			var n int64
			n, err = x.cp.CopyN(x.o.Context, w, body, e.Size)
			if err == nil && n < e.Size {
				err = io.ErrUnexpectedEOF
			}
		}
		if err != nil {
			return dataError(err)
		}
		return nil
	}
	for _, s := range e.Sparse {
		if _, err := f.Seek(s.Offset, io.SeekStart); err != nil {
			return applet.Perror(err, "write error")
		}
		n, err := x.cp.CopyN(x.o.Context, f, body, s.Length)
		if err == nil && n < s.Length {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return dataError(err)
		}
	}
	if err := f.Truncate(e.Size); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// copierTo is a body that can copy itself to a file by the kernel (a
// tarfmt.Reader).
type copierTo interface {
	CopyTo(ctx context.Context, w io.Writer, c *fastcopy.Copier) (int64, error)
}

// dataError words an error of a data copy: a failed write as BusyBox's
// "write error: STRERROR", a failed read as it is.
func dataError(err error) error {
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		return applet.Perror(we.Err, "write error")
	}
	var re *fastcopy.ReadError
	if errors.As(err, &re) {
		return re.Err
	}
	return err
}

// mkdir creates a directory, or accepts one that is there; its
// metadata waits until the archive leaves it.
func (x *Extractor) mkdir(p []byte, pfd int, base []byte, e *Entry) error {
	mode := (e.Mode | 0o700) & 0o777
	if !x.o.Perms {
		mode &^= x.o.Umask
	}
	created := false
	cbase, err := x.cb.Of(base)
	if err == nil {
		err = dirent.Mkdirat(pfd, cbase, mode)
	}
	switch err {
	case nil:
		created = true
	case unix.EEXIST:
		if link, planted := x.d.isLink(pfd, base); link && planted {
			x.refuse("%s: %v", e.Name, errPlanted)
			return nil
		}
	default:
		x.warn("can't make dir %s: %s", e.Name, applet.ErrText(err))
		return nil
	}
	x.pushDir(p, e, created)
	return nil
}

// pushDir records a directory's metadata for when the archive leaves it:
// a copy of the entry and its path, which the caller's buffers are not.
func (x *Extractor) pushDir(p []byte, e *Entry, created bool) {
	c := *e
	c.Name, c.Linkname = bytes.Clone(e.Name), nil
	if n := len(x.pending); n > 0 && bytes.Equal(x.pending[n-1].path, p) {
		x.pending[n-1].e = c
		x.pending[n-1].created = x.pending[n-1].created || created
		return
	}
	x.pending = append(x.pending, pendingDir{path: bytes.Clone(p), e: c, created: created})
}

// leave applies the metadata of the pending directories that the entry
// at the clean path path is not inside of: the archive has left them.
func (x *Extractor) leave(path []byte) {
	for n := len(x.pending); n > 0; n-- {
		p := &x.pending[n-1]
		if within(p.path, path) {
			break
		}
		if bytes.Equal(p.path, path) {
			// The same directory again: its entry replaces this one.
			break
		}
		if p.held {
			x.held = append(x.held, *p)
		} else {
			x.applyDir(p)
		}
		x.pending = x.pending[:n-1]
	}
}

// applyDir sets a directory's owner, mode and times.
func (x *Extractor) applyDir(p *pendingDir) {
	pfd, err := x.d.open(p.path, false)
	if err != nil {
		return
	}
	dot := [2]byte{'.'}
	fd, err := dirent.Openat(pfd, &dot[0], unix.O_RDONLY|unix.O_DIRECTORY)
	if err != nil {
		return
	}
	defer unix.Close(fd)
	e := &p.e
	x.setXattrs(e, func(k string, v []byte) error { return unix.Fsetxattr(fd, k, v, 0) })
	x.setOwner(func(uid, gid int) error { return unix.Fchown(fd, uid, gid) }, e)
	switch {
	case x.o.Perms:
		unix.Fchmod(fd, e.Mode&0o7777)
	case p.created:
		// Made with owner rwx to fill it: now the mode it asked for.
		if want := e.Mode & 0o777 &^ x.o.Umask; want != (e.Mode|0o700)&0o777&^x.o.Umask {
			unix.Fchmod(fd, want)
		}
	}
	if !x.o.NoTimes {
		ts := times(e.ModTime)
		dirent.Utimensat(fd, nil, &ts, 0)
	}
}

// symlink creates a symlink, or defers one whose target leaves its
// directory's subtree until the end, as BusyBox does.
func (x *Extractor) symlink(p []byte, pfd int, base []byte, e *Entry) error {
	if bytes.HasPrefix(e.Linkname, []byte("/")) || bytes.Contains(e.Linkname, []byte("..")) {
		// What is there goes now, as in BusyBox, where the link
		// comes at the end.
		if x.o.Replace == UnlinkOld {
			if err := x.unlink(pfd, base); err != nil && err != unix.ENOENT {
				return applet.Perror(err, "can't remove old file %s", e.Name)
			}
			x.d.invalidate(p)
		}
		x.deferLink(p, e.Name, e.Linkname, false)
		return nil
	}
	err := x.create(p, pfd, base, e.Name, func() error {
		ctarget, err := x.ct.Of(e.Linkname)
		if err != nil {
			return err
		}
		cbase, err := x.cb.Of(base)
		if err != nil {
			return err
		}
		return dirent.Symlinkat(ctarget, pfd, cbase)
	})
	if err != nil {
		return symlinkError(err, e)
	}
	x.d.plant(pfd, base)
	return nil
}

// symlinkError words a failure to create a symlink: create's own error
// (an old file that could not go) as it is.
func symlinkError(err error, e *Entry) error {
	var ee *applet.ExitError
	if errors.As(err, &ee) {
		return err
	}
	return applet.Errorf("can't create symlink '%s' to '%s'", e.Name, e.Linkname)
}

// hardlink links the entry to an earlier one, or defers it to the end
// when that is not there yet.
func (x *Extractor) hardlink(p []byte, e *Entry) error {
	var ok bool
	x.tpath, ok = x.clean(x.tpath, e.Linkname)
	tp := x.tpath
	if !ok || len(tp) == 0 {
		x.refuse("%s: hard link target '%s' is outside the target directory", e.Name, e.Linkname)
		return nil
	}
	if bytes.Equal(tp, p) {
		// "tar cf x.tar f f" stores f, then f as a link to itself.
		return nil
	}
	if x.o.Replace == UnlinkOld {
		parent, base := splitLast(p)
		pfd, err := x.d.open(parent, true)
		if err != nil {
			return x.dirError(e.Name, parent, err)
		}
		if err := x.unlink(pfd, base); err != nil && err != unix.ENOENT {
			return applet.Perror(err, "can't remove old file %s", e.Name)
		}
		x.d.invalidate(p)
	}
	err := x.link(p, tp)
	if err == unix.ENOENT {
		x.deferLink(p, e.Name, e.Linkname, true)
		return nil
	}
	if err == errPlanted {
		x.refuse("%s: %v", e.Name, err)
		return nil
	}
	if err != nil {
		// BusyBox makes its hard links at the end, and says no more.
		return applet.Errorf("can't create hardlink '%s' to '%s'", e.Name, e.Linkname)
	}
	return nil
}

// link makes the clean path p a hard link to the clean path tp, both
// resolved beneath the target.
func (x *Extractor) link(p, tp []byte) error {
	tparent, tbase := splitLast(tp)
	tfd, err := x.d.open(tparent, false)
	if err != nil {
		return err
	}
	tfd, err = unix.Dup(tfd)
	if err != nil {
		return err
	}
	defer unix.Close(tfd)
	parent, base := splitLast(p)
	pfd, err := x.d.open(parent, true)
	if err != nil {
		return err
	}
	ctbase, err := x.ct.Of(tbase)
	if err != nil {
		return err
	}
	cbase, err := x.cb.Of(base)
	if err != nil {
		return err
	}
	return dirent.Linkat(tfd, ctbase, pfd, cbase, 0)
}

// deferLink records a link for the end (copies of its names: the
// caller's are buffers), and holds the metadata of the directories it
// goes in until then.
func (x *Extractor) deferLink(p, name, target []byte, hard bool) {
	x.links = append(x.links, deferred{name: string(name), target: string(target), path: bytes.Clone(p), hard: hard})
	for i := range x.pending {
		x.pending[i].held = true
	}
}

// node creates a device node or a fifo.
func (x *Extractor) node(p []byte, pfd int, base []byte, e *Entry) error {
	mode := x.createMode(e.Mode)
	switch e.Kind {
	case CharDev:
		mode |= unix.S_IFCHR
	case BlockDev:
		mode |= unix.S_IFBLK
	default:
		mode |= unix.S_IFIFO
	}
	err := x.create(p, pfd, base, e.Name, func() error {
		cbase, err := x.cb.Of(base)
		if err != nil {
			return err
		}
		return dirent.Mknodat(pfd, cbase, mode, unix.Mkdev(e.Major, e.Minor))
	})
	if err != nil {
		return x.nodeError(err, e)
	}
	// The name was made NUL-terminated for Mknodat: it is still in x.cb.
	cbase, _ := x.cb.Of(base)
	x.setXattrs(e, func(k string, v []byte) error {
		return unix.Lsetxattr(procPath(pfd, string(base)), k, v, 0)
	})
	x.setOwner(func(uid, gid int) error {
		return dirent.Fchownat(pfd, cbase, uid, gid, unix.AT_SYMLINK_NOFOLLOW)
	}, e)
	if x.o.Perms {
		dirent.Fchmodat(pfd, cbase, e.Mode&0o7777)
	}
	if !x.o.NoTimes {
		ts := times(e.ModTime)
		dirent.Utimensat(pfd, cbase, &ts, unix.AT_SYMLINK_NOFOLLOW)
	}
	return nil
}

// nodeError words a failure to create a node: create's own error (an
// old file that could not go) as it is, and the rest as a warning.
func (x *Extractor) nodeError(err error, e *Entry) error {
	var ee *applet.ExitError
	if errors.As(err, &ee) {
		return err
	}
	x.warn("can't create node %s: %s", e.Name, applet.ErrText(err))
	return nil
}

// setOwner gives an entry its owner when asked, by name where the name
// resolves (as BusyBox and GNU tar do), else by id. Errors are ignored,
// as BusyBox ignores them.
func (x *Extractor) setOwner(chown func(uid, gid int) error, e *Entry) {
	if !x.o.Owner {
		return
	}
	uid, gid := e.UID, e.GID
	if !x.o.NumericOwner {
		if e.Uname != "" {
			if id, ok := x.lookup(&x.users, e.Uname, false); ok {
				uid = id
			}
		}
		if e.Gname != "" {
			if id, ok := x.lookup(&x.grps, e.Gname, true); ok {
				gid = id
			}
		}
	}
	chown(uid, gid)
}

// lookup resolves a user or group name, remembering the answer.
func (x *Extractor) lookup(cache *map[string]int, name string, group bool) (int, bool) {
	if *cache == nil {
		*cache = map[string]int{}
	}
	if id, ok := (*cache)[name]; ok {
		return id, id >= 0
	}
	id := -1
	if group {
		if g := x.o.Users.GroupByName(name); g != nil {
			id = g.GID
		}
	} else if u := x.o.Users.UserByName(name); u != nil {
		id = u.UID
	}
	(*cache)[name] = id
	return id, id >= 0
}

// Close creates the deferred links, applies the metadata of the
// directories still waiting, and releases the target. The first link
// that cannot be made is an error, worded as BusyBox words it.
func (x *Extractor) Close() error {
	defer x.d.close()
	var err error
	for _, l := range x.links {
		if err != nil {
			break
		}
		err = x.makeDeferred(&l)
	}
	x.leave(nil)
	for i := len(x.pending) - 1; i >= 0; i-- {
		x.applyDir(&x.pending[i])
	}
	x.pending = nil
	for i := range x.held {
		x.applyDir(&x.held[i])
	}
	x.held = nil
	return err
}

// Abort releases the target after a fatal error, leaving the links
// that were to be made at the end unmade and the directories waiting
// for their metadata as they are.
func (x *Extractor) Abort() {
	x.d.close()
	x.links, x.pending, x.held = nil, nil, nil
}

// makeDeferred creates a link left for the end.
func (x *Extractor) makeDeferred(l *deferred) error {
	kind := "sym"
	var err error
	if l.hard {
		kind = "hard"
		var ok bool
		if x.tpath, ok = x.clean(x.tpath, []byte(l.target)); ok && len(x.tpath) > 0 {
			err = x.link(l.path, x.tpath)
		} else {
			err = unix.EINVAL
		}
	} else {
		parent, base := splitLast(l.path)
		var pfd int
		if pfd, err = x.d.open(parent, true); err == nil {
			var ctarget, cbase *byte
			if ctarget, err = x.ct.Of([]byte(l.target)); err == nil {
				if cbase, err = x.cb.Of(base); err == nil {
					err = dirent.Symlinkat(ctarget, pfd, cbase)
				}
			}
			if err == nil {
				x.d.plant(pfd, base)
			}
		}
	}
	if err == errPlanted {
		x.refuse("%s: %v", l.name, err)
		return nil
	}
	if err != nil {
		return applet.Errorf("can't create %slink '%s' to '%s'", kind, l.name, l.target)
	}
	return nil
}

// times is the access and modification time BusyBox gives an entry:
// both its modification time.
func times(t time.Time) [2]unix.Timespec {
	ts := unix.Timespec{Sec: t.Unix(), Nsec: int64(t.Nanosecond())}
	return [2]unix.Timespec{ts, ts}
}

// setXattrs sets an entry's extended attributes with set, in name order;
// one that cannot be set is a warning, as with GNU tar, and the
// extraction carries on.
func (x *Extractor) setXattrs(e *Entry, set func(name string, value []byte) error) {
	if len(e.Xattrs) == 0 {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(e.Xattrs)) {
		if err := set(k, []byte(e.Xattrs[k])); err != nil {
			x.warn("%s: can't set extended attribute '%s': %s", e.Name, k, applet.ErrText(err))
		}
	}
}

// procPath names base in the directory open as dirfd for the system
// calls that have no *at form (lsetxattr).
func procPath(dirfd int, base string) string {
	return "/proc/self/fd/" + strconv.Itoa(dirfd) + "/" + base
}
