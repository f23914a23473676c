package tar

import (
	"errors"
	"io"
	"os"
	"slices"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/codec"
	"gobox/internal/dirent"
	"gobox/internal/fastcopy"
	"gobox/internal/mode"
	"gobox/internal/tarfmt"
	"gobox/internal/userdb"
)

// creator is the state of tar -c (and -r): the archive being written
// and what the walk remembers.
type creator struct {
	t       *tar
	tw      *tarfmt.Writer
	verbose io.Writer // where -v names go
	archive devIno    // the archive file, never stored in itself
	names   userdb.Cache
	links   map[devIno]string // files with several links, by first name
	cp      fastcopy.Copier
	w       dirent.Walk
	buf     []byte // a symlink's target
	link    []byte // a hard link's target, out of links
	line    []byte // a -v line
	errOut  error  // a failed write to the archive: fatal
}

type devIno struct{ dev, ino uint64 }

// create writes a new archive of the accept list.
func (t *tar) create() error {
	if len(t.accept) == 0 {
		return applet.Errorf("empty archive")
	}
	if t.auto && t.codec == nil {
		// BusyBox's -a knows gz, bz2 and xz.
		for _, suffix := range []string{"gz", "bz2", "xz"} {
			if hasSuffix(t.file, suffix) {
				t.codec = codec.BySuffix(suffix)
			}
		}
	}
	if t.codec != nil && t.codec.NewWriter == nil {
		return unsupported(t.codec)
	}
	var raw io.Writer
	var file *os.File
	if t.file == "-" {
		raw = t.ctx.Stdout
		if f := t.ctx.File(1); f != nil {
			raw, file = f, f
		}
	} else {
		f, err := os.OpenFile(t.ctx.Path(t.file), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666&^t.ctx.Umask)
		if err != nil {
			return applet.Perror(err, "can't open '%s'", t.file)
		}
		defer f.Close()
		raw, file = f, f
	}
	if err := t.checkDir(); err != nil {
		return err
	}
	return t.writeArchive(raw, file, func(c *creator) {
		for i := range t.accept {
			c.add(t.accept[i].pat)
		}
	})
}

// checkDir fails as BusyBox's chdir to -C's directory would.
func (t *tar) checkDir() error {
	if t.dir == "" {
		return nil
	}
	var st unix.Stat_t
	err := unix.Stat(t.dirPath(), &st)
	if err == nil && st.Mode&unix.S_IFMT != unix.S_IFDIR {
		err = unix.ENOTDIR
	}
	if err != nil {
		return applet.Perror(err, "can't change directory to '%s'", t.dir)
	}
	return nil
}

// writeArchive writes an archive to raw (file, when not nil, is the same
// as a file: its identity keeps it out of itself, and data is copied
// into it by the kernel) with the entries add makes.
func (t *tar) writeArchive(raw io.Writer, file *os.File, add func(c *creator)) error {
	c := &creator{t: t, verbose: t.ctx.Stdout, links: map[devIno]string{}}
	if t.file == "-" {
		// The archive is on standard output: names go to stderr.
		c.verbose = t.ctx.Stderr
	}
	if file != nil {
		var st unix.Stat_t
		if unix.Fstat(int(file.Fd()), &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
			c.archive = devIno{uint64(st.Dev), uint64(st.Ino)}
		}
	}
	var out io.Writer = raw
	var zw io.WriteCloser
	if t.codec != nil {
		var err error
		if zw, err = t.codec.NewWriter(raw, 0); err != nil {
			return writeError(err)
		}
		// Close ends a compressor's goroutines on every path (a
		// second Close returns the first one's result).
		defer zw.Close()
		out = zw
	}
	c.tw = tarfmt.NewWriter(out)
	add(c)
	if c.errOut != nil {
		return writeError(c.errOut)
	}
	if err := c.tw.Close(); err != nil {
		return writeError(err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return writeError(err)
		}
	}
	if t.ctx.Cancelled() {
		return applet.Exit(130)
	}
	if t.failed {
		return applet.Errorf("error exit delayed from previous errors")
	}
	return nil
}

// writeError words a failed write of the archive.
func writeError(err error) error {
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		err = we.Err
	}
	return applet.Perror(err, "write error")
}

// fail reports an error about one file and carries on; the run ends
// with status 1.
func (c *creator) fail(format string, args ...any) {
	c.t.ctx.Warnf(format, args...)
	c.t.failed = true
}

// add archives an operand and, unless --no-recursion, what is below it.
func (c *creator) add(name string) {
	if c.t.sortNames {
		c.visitSorted(name, c.t.path(name))
		return
	}
	c.w.Start(name, c.t.path(name))
	defer c.w.CloseAll()
	c.visit()
}

// visit archives the walk's current entry, then its directory's
// entries. It returns false once writing the archive failed.
func (c *creator) visit() bool {
	if c.errOut != nil || c.t.ctx.Cancelled() {
		return false
	}
	var st unix.Stat_t
	if err := c.w.Stat(&st, c.t.deref); err != nil {
		c.fail("%s: %s", c.w.String(), applet.ErrText(err))
		return true
	}
	descend := c.entry(&c.w, &st)
	if !descend || st.Mode&unix.S_IFMT != unix.S_IFDIR || !c.t.recursive {
		return c.errOut == nil
	}
	if err := c.w.Open(); err != nil {
		c.fail("%s: %s", c.w.String(), applet.ErrText(err))
		return true
	}
	defer c.w.Close()
	for c.w.Next() {
		if !c.visit() {
			return false
		}
	}
	if err := c.w.Err(); err != nil {
		c.fail("%s: %s", c.w.String(), applet.ErrText(err))
	}
	return true
}

// visitSorted is visit for --sort=name: each directory's names are read
// first and visited in byte order, for reproducible archives. Entries
// are named by their paths (a walk of their own each), since the
// directory is read before they are visited.
func (c *creator) visitSorted(display, sys string) bool {
	if c.errOut != nil || c.t.ctx.Cancelled() {
		return false
	}
	var w dirent.Walk
	w.Start(display, sys)
	defer w.CloseAll()
	var st unix.Stat_t
	if err := w.Stat(&st, c.t.deref); err != nil {
		c.fail("%s: %s", display, applet.ErrText(err))
		return true
	}
	descend := c.entry(&w, &st)
	if !descend || st.Mode&unix.S_IFMT != unix.S_IFDIR || !c.t.recursive {
		return c.errOut == nil
	}
	if err := w.Open(); err != nil {
		c.fail("%s: %s", display, applet.ErrText(err))
		return true
	}
	var names []string
	for w.Next() {
		names = append(names, string(w.Entry().Name()))
	}
	if err := w.Err(); err != nil {
		c.fail("%s: %s", display, applet.ErrText(err))
	}
	w.CloseAll()
	slices.Sort(names)
	sep := "/"
	if len(display) > 0 && display[len(display)-1] == '/' {
		sep = ""
	}
	for _, n := range names {
		if !c.visitSorted(display+sep+n, sys+"/"+n) {
			return false
		}
	}
	return true
}

// entry writes the current entry's header (and data). It reports
// whether to descend into it (a directory that is not excluded). It
// works on the walk's path in place: nothing is allocated per entry but
// what must outlive it (the first name of a file with several links)
// and the words of errors.
func (c *creator) entry(w *dirent.Walk, st *unix.Stat_t) bool {
	t := c.t
	path := w.Path()
	name := stripName(t, path)
	if len(name) == 0 {
		return true
	}
	if len(t.reject) > 0 && excluded(t.reject, string(name)) {
		return false
	}
	kind := st.Mode & unix.S_IFMT
	if kind == unix.S_IFSOCK {
		t.ctx.Warnf("%s: socket ignored", path)
		return true
	}
	id := devIno{uint64(st.Dev), uint64(st.Ino)}
	h := &tarfmt.Header{Format: t.format}
	var link []byte // the target of a link
	if kind != unix.S_IFDIR && st.Nlink > 1 {
		if first, ok := c.links[id]; ok {
			h.Type = tarfmt.TypeLink
			c.link = append(c.link[:0], first...)
			link = c.link
		} else {
			c.links[id] = string(name)
		}
	}
	if id == c.archive {
		c.ctx().Warnf("%s: file is the archive; skipping", path)
		return true
	}
	data := fastcopy.FD(-1) // no *os.File: no fcntl, no cleanup per file
	if h.Type == 0 {
		switch kind {
		case unix.S_IFREG:
			h.Type, h.Size = tarfmt.TypeReg, st.Size
			dirfd, cname := w.At()
			// O_NONBLOCK: should a fifo have taken its place since the
			// stat, the open must not wait for a writer.
			flags := unix.O_RDONLY | unix.O_NONBLOCK
			if !t.deref {
				flags |= unix.O_NOFOLLOW
			}
			fd, err := dirent.Openat(dirfd, cname, flags)
			if err != nil {
				c.fail("can't open '%s': %s", path, applet.ErrText(err))
				return true
			}
			data = fastcopy.FD(fd)
			defer unix.Close(fd)
		case unix.S_IFDIR:
			h.Type = tarfmt.TypeDir
		case unix.S_IFLNK:
			h.Type = tarfmt.TypeSymlink
			target, err := c.readlink(w)
			if err != nil {
				c.fail("%s: cannot read link: %s", path, applet.ErrText(err))
				return true
			}
			link = target
		case unix.S_IFCHR, unix.S_IFBLK:
			h.Type = tarfmt.TypeChar
			if kind == unix.S_IFBLK {
				h.Type = tarfmt.TypeBlock
			}
			h.Devmajor, h.Devminor = int64(unix.Major(st.Rdev)), int64(unix.Minor(st.Rdev))
		case unix.S_IFIFO:
			h.Type = tarfmt.TypeFifo
		default:
			c.fail("%s: unknown file type", path)
			return true
		}
	}
	c.fill(h, st)
	if data >= 0 && t.sparse && st.Blocks*512 < st.Size {
		// Fewer blocks than bytes: there are holes to keep.
		h.Sparse, h.RealSize = dataRegions(int(data), st.Size), st.Size
	}
	if t.xattrs {
		h.Xattrs = readXattrs(w, t.root)
	}
	if err := c.tw.WriteHeaderBytes(h, name, link); err != nil {
		var fe *tarfmt.FieldError
		if errors.As(err, &fe) {
			// Not storable in the chosen format: skipped, as GNU
			// tar skips it ("not dumped").
			c.fail("%s; not dumped", string(fe.Text()))
			return true
		}
		c.errOut = err
		return false
	}
	switch {
	case h.Sparse != nil:
		c.copySparse(data, string(path), h.Sparse)
	case data >= 0:
		copyEntryData(c, data, path, st.Size)
	}
	if t.verbose > 0 && c.errOut == nil {
		// One write per line, as fmt's would be, without boxing the
		// name.
		c.line = append(c.line[:0], name...)
		if kind == unix.S_IFDIR {
			c.line = append(c.line, '/')
		}
		c.line = append(c.line, '\n')
		c.verbose.Write(c.line)
	}
	return true
}

func (c *creator) ctx() *applet.Ctx { return c.t.ctx }

// fill sets the header's mode, owner and time from st and the options.
func (c *creator) fill(h *tarfmt.Header, st *unix.Stat_t) {
	t := c.t
	h.Mode = int64(st.Mode & 0o7777)
	if t.mode != "" {
		m, _ := mode.Parse(t.mode, uint32(h.Mode), 0)
		h.Mode = int64(m & 0o7777)
	}
	h.UID, h.GID = int(st.Uid), int(st.Gid)
	if !t.numericOwner {
		h.Uname, h.Gname = c.names.UserName(h.UID), c.names.GroupName(h.GID)
	}
	if t.owner != nil {
		h.UID, h.Uname = t.owner.id, t.owner.name
	}
	if t.group != nil {
		h.GID, h.Gname = t.group.id, t.group.name
	}
	if t.numericOwner {
		h.Uname, h.Gname = "", ""
	}
	h.ModTime = time.Unix(st.Mtim.Unix())
	if t.mtime != nil {
		h.ModTime = *t.mtime
	}
}

// readlink reads the current entry's symlink target, into a buffer
// the next call reuses.
func (c *creator) readlink(w *dirent.Walk) ([]byte, error) {
	dirfd, name := w.At()
	if c.buf == nil {
		c.buf = make([]byte, 4096)
	}
	for {
		n, err := dirent.Readlinkat(dirfd, name, c.buf)
		if err != nil {
			return nil, err
		}
		if n < len(c.buf) {
			return c.buf[:n], nil
		}
		c.buf = make([]byte, 2*len(c.buf))
	}
}

// copyData writes a regular file's size bytes into the archive: a file
// that shrank meanwhile is padded with zeros, as GNU tar does.
func (c *creator) copyData(f fastcopy.FD, path string, size int64) {
	copyEntryData(c, f, path, size)
}

// copyEntryData is copyData's body for a path as a string (copySparse's)
// or as the walk's bytes (entry's), which then need no string.
func copyEntryData[S ~string | ~[]byte](c *creator, f fastcopy.FD, path S, size int64) {
	n, err := c.tw.CopyFrom(c.t.ctx, f, size, &c.cp)
	if err != nil {
		c.copyFailed(err)
		return
	}
	if n < size {
		c.fail("%s: file shrank by %d bytes; padding with zeros", path, size-n)
		if err := c.tw.FillZeros(); err != nil {
			c.errOut = err
		}
	}
}

// copyFailed reports a failed copy: out of copyData, whose every call
// would otherwise allocate what errors.As is given.
func (c *creator) copyFailed(err error) {
	var re *fastcopy.ReadError
	if errors.As(err, &re) {
		err = applet.Perror(re.Err, "read error")
	}
	c.errOut = err
}

// hasSuffix is BusyBox's is_suffixed_with.
func hasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}
