package cpio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/cpiofmt"
	"gobox/internal/datetime"
	"gobox/internal/dirent"
	"gobox/internal/fastcopy"
	"gobox/internal/mode"
	"gobox/internal/testexpr"
	"gobox/internal/untar"
)

// hardlink is a name of a file with several links, remembered until
// the end of the archive: BusyBox makes the names whose entries carry
// no data links to the one that did.
type hardlink struct {
	key  [3]uint32 // inode and file system device
	h    cpiofmt.Header
	name string
}

// reader is the state of one listing or extraction.
type reader struct {
	c        *cpio
	cr       *cpiofmt.Reader
	x        *untar.Extractor
	root     int // the target directory, for the "newer file exists" check
	patterns []string
	list     bool // -t
	stdout   bool // --to-stdout
	out      *bufio.Writer
	loc      *time.Location
	cp       fastcopy.Copier
	warned   bool
	failed   bool
	line     []byte
	e        untar.Entry // the entry being extracted, reused
	cname    []byte      // a name NUL-terminated for a system call

	pending []hardlink // data-less links, made at the end
	created []hardlink // links that came with data
}

// read lists (-t) or extracts (-i) the archive in, into dir.
func (c *cpio) read(in io.Reader, dir string, patterns []string) error {
	r := &reader{
		c:        c,
		cr:       cpiofmt.NewReader(in),
		root:     -1,
		patterns: patterns,
		list:     c.o.Has("t"),
		stdout:   c.o.Has("to-stdout"),
		out:      c.ctx.BufWriter(c.ctx.Stdout, 0),
		loc:      datetime.Location(c.ctx.LookupEnv("TZ")),
	}
	defer r.out.Flush()
	if !r.list && !r.stdout {
		if dir == "" {
			dir = "."
		}
		x, err := untar.New(untar.Options{
			Dir:          dir,
			Umask:        uint32(c.ctx.Umask.Perm()),
			Owner:        true, // BusyBox's cpio always tries; failures are ignored
			NumericOwner: true,
			Perms:        true,
			NoTimes:      !c.o.Has("m"),
			Warn:         func(msg string) { c.ctx.Warnf("%s", msg) },
			Context:      c.ctx,
		})
		if err != nil {
			return err
		}
		r.x = x
		fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			x.Abort()
			return applet.Perror(err, "can't change directory to '%s'", dir)
		}
		r.root = fd
		defer unix.Close(fd)
	}
	err := r.loop()
	if r.x != nil {
		if err != nil {
			r.x.Abort()
		} else {
			err = r.x.Close()
			r.failed = r.failed || r.x.Failed()
		}
	}
	if ferr := r.out.Flush(); err == nil && ferr != nil {
		err = applet.Perror(ferr, "write error")
	}
	if err != nil {
		return err
	}
	if r.cr.Trailer() && !c.quiet {
		// BusyBox counts 512-byte blocks up to the trailer's name.
		fmt.Fprintf(c.ctx.Stderr, "%d blocks\n", (r.cr.Offset()+511)>>9)
	}
	if r.failed {
		return applet.Exit(1)
	}
	return nil
}

// loop reads the entries, then makes the links left for the end.
func (r *reader) loop() error {
	for {
		if r.c.ctx.Cancelled() {
			return applet.Exit(130)
		}
		h, err := r.cr.Scan() // names in the reader's buffers
		if err == io.EOF {
			break
		}
		if err != nil {
			return readError(err)
		}
		if err := r.entry(h, r.cr.Name(), r.cr.Linkname()); err != nil {
			return err
		}
	}
	return r.links()
}

// entry handles one entry of the archive; h's name and symlink target
// are name and target (buffers: what is kept is copied).
func (r *reader) entry(h *cpiofmt.Header, name, target []byte) error {
	c := r.c
	// As BusyBox: leading slashes go, silently.
	name = bytes.TrimLeft(name, "/")
	if c.uid != unchanged {
		h.UID = uint32(c.uid)
	}
	if c.gid != unchanged {
		h.GID = uint32(c.gid)
	}
	link := ""
	if h.Nlink > 1 && h.Type() == cpiofmt.TypeReg && (h.Format == cpiofmt.ODC || h.Format == cpiofmt.Binary) {
		// The old formats carry the data with every link, as GNU cpio
		// writes them: a later link is made a link to the first.
		key := [3]uint32{h.Ino, h.DevMajor, h.DevMinor}
		for j := len(r.created) - 1; j >= 0; j-- {
			if r.created[j].key == key {
				link = r.created[j].name
				break
			}
		}
		if link == "" {
			r.created = append(r.created, hardlink{key: key, h: *h, name: string(name)})
		}
	} else if h.Nlink > 1 && h.Type() == cpiofmt.TypeReg {
		l := hardlink{key: [3]uint32{h.Ino, h.DevMajor, h.DevMinor}, h: *h, name: string(name)}
		if h.Size == 0 {
			// Neither listed nor made now: BusyBox links it at the end.
			r.pending = append(r.pending, l)
			return nil
		}
		r.created = append(r.created, l)
	}
	if !r.accept(name) {
		return nil
	}
	switch {
	case r.list:
	case r.stdout:
		if err := r.out.Flush(); err != nil {
			return err
		}
		if err := r.toStdout(); err != nil {
			return err
		}
	default:
		if err := r.extract(h, name, target, link); err != nil {
			return err
		}
	}
	if c.verbose || r.list {
		r.listEntry(h, name, target)
	}
	return nil
}

// accept reports whether name matches one of the EXTR_FILE patterns
// (fnmatch without flags), or there are none.
func (r *reader) accept(name []byte) bool {
	if len(r.patterns) == 0 {
		return true
	}
	s := string(name)
	for _, p := range r.patterns {
		if testexpr.Match(p, s) {
			return true
		}
	}
	return false
}

// links makes the data-less hard links: each a link to a name of the
// same file that came with data, or an empty file when none did. The
// last one seen goes first, as in BusyBox.
func (r *reader) links() error {
	if r.x == nil {
		return nil
	}
	for i := len(r.pending) - 1; i >= 0; i-- {
		l := &r.pending[i]
		target := ""
		for j := len(r.created) - 1; j >= 0; j-- {
			if r.created[j].key == l.key {
				target = r.created[j].name
				break
			}
		}
		if target == "" {
			r.created = append(r.created, *l)
		}
		name := []byte(l.name)
		if !r.accept(name) {
			continue
		}
		if err := r.extract(&l.h, name, nil, target); err != nil {
			return err
		}
	}
	return nil
}

// extract creates one entry named name (a symlink to target); link, if
// set, makes it a hard link to that name.
func (r *reader) extract(h *cpiofmt.Header, name, target []byte, link string) error {
	if rest, removed := untar.StripUnsafe(name); len(removed) > 0 {
		// BusyBox's cpio would follow "..": gobox strips it as tar does.
		if !r.warned {
			r.warned = true
			r.c.ctx.Warnf("removing leading '%s' from member names", removed)
		}
		name = rest
	}
	if link != "" {
		link, _ = untar.StripUnsafe(link)
	}
	if len(name) == 0 || string(name) == "." && h.Type() != cpiofmt.TypeDir {
		return nil
	}
	if !r.c.o.Has("u") && r.newer(name, h) {
		return nil
	}
	e := &r.e
	*e = untar.Entry{
		Name:     name,
		Mode:     h.Mode & 0o7777,
		UID:      int(h.UID),
		GID:      int(h.GID),
		ModTime:  time.Unix(h.Mtime, 0),
		Linkname: target,
		Major:    h.RdevMajor,
		Minor:    h.RdevMinor,
		Size:     h.Size,
	}
	switch h.Type() {
	case cpiofmt.TypeDir:
		e.Kind = untar.Dir
	case cpiofmt.TypeLink:
		e.Kind = untar.Symlink
	case cpiofmt.TypeChar:
		e.Kind = untar.CharDev
	case cpiofmt.TypeBlock:
		e.Kind = untar.BlockDev
	case cpiofmt.TypeFifo:
		e.Kind = untar.Fifo
	case cpiofmt.TypeReg:
		e.Kind = untar.Regular
	case cpiofmt.TypeSock:
		// BusyBox mknods sockets too; untar has no kind for them.
		r.c.ctx.Warnf("can't create node %s: %s", name, applet.Strerror(unix.EPERM))
		return nil
	default:
		return applet.Errorf("unrecognized file type")
	}
	if link != "" {
		e.Kind, e.Linkname = untar.Hardlink, []byte(link)
	}
	if !r.c.o.Has("d") && e.Kind != untar.Hardlink {
		// Without -d a missing directory fails the entry, as in
		// BusyBox: a file stops the extraction, the rest are warned of.
		if i := bytes.LastIndexByte(name, '/'); i > 0 && !r.exists(name[:i]) {
			noent := applet.Strerror(unix.ENOENT)
			switch e.Kind {
			case untar.Regular:
				return applet.Perror(unix.ENOENT, "can't open '%s'", name)
			case untar.Dir:
				r.c.ctx.Warnf("can't make dir %s: %s", name, noent)
			case untar.Symlink:
				return applet.Errorf("can't create symlink '%s' to '%s'", name, e.Linkname)
			default:
				r.c.ctx.Warnf("can't create node %s: %s", name, noent)
			}
			return nil
		}
	}
	err := r.x.Extract(e, r.cr)
	if err == nil {
		return nil
	}
	var ce cpiofmt.Error
	if errors.As(err, &ce) {
		return readError(err)
	}
	return err
}

// stat looks name up beneath the target without following a symlink
// out of it: (false) when it is not there or cannot be reached.
func (r *reader) stat(name []byte, st *unix.Stat_t) bool {
	dir, base := []byte("."), name
	if i := bytes.LastIndexByte(name, '/'); i >= 0 {
		dir, base = name[:i], name[i+1:]
	}
	// Both names NUL-terminated in one buffer (unix's wrappers would
	// copy each on every call).
	if bytes.IndexByte(name, 0) >= 0 {
		return false // as unix's wrappers refuse it: EINVAL
	}
	r.cname = append(append(append(r.cname[:0], dir...), 0), base...)
	r.cname = append(r.cname, 0)
	cdir, cbase := &r.cname[0], &r.cname[len(dir)+1]
	fd, err := dirent.Openat2(r.root, cdir, &unix.OpenHow{
		Flags:   unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH,
	})
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	return dirent.Fstatat(fd, cbase, st, unix.AT_SYMLINK_NOFOLLOW) == nil
}

// exists reports whether dir is there beneath the target.
func (r *reader) exists(dir []byte) bool {
	var st unix.Stat_t
	return r.stat(dir, &st)
}

// newer reports (and says, unless it is a directory) that what is at
// name is as new as the entry or newer: BusyBox's cpio then leaves it,
// unless -u.
func (r *reader) newer(name []byte, h *cpiofmt.Header) bool {
	var st unix.Stat_t
	if !r.stat(name, &st) || st.Mtim.Sec < h.Mtime {
		return false
	}
	if h.Type() != cpiofmt.TypeDir {
		r.c.ctx.Warnf("%s not created: newer or same age file exists", name)
	}
	return true
}

// toStdout copies the entry's data to standard output (--to-stdout).
func (r *reader) toStdout() error {
	var w io.Writer = r.c.ctx.Stdout
	if f := r.c.ctx.File(1); f != nil {
		w = f
	}
	_, err := r.cr.CopyTo(r.c.ctx, w, &r.cp)
	if err == nil {
		return nil
	}
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		return applet.Perror(we.Err, "write error")
	}
	return readError(err)
}

// listEntry prints the entry's name, or with -tv the line of BusyBox's
// header_verbose_list.
func (r *reader) listEntry(h *cpiofmt.Header, name, target []byte) {
	if !(r.list && r.c.verbose) {
		r.out.Write(name)
		r.out.WriteByte('\n')
		return
	}
	size := h.Size
	if h.Type() == cpiofmt.TypeLink {
		size = 0 // BusyBox has read the target as the data
	}
	b := r.line[:0]
	b = mode.AppendString(b, h.Mode)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(h.UID), 10)
	b = append(b, '/')
	b = strconv.AppendUint(b, uint64(h.GID), 10)
	tm := time.Unix(h.Mtime, 0).In(r.loc)
	b = fmt.Appendf(b, " %9d %4d-%02d-%02d %02d:%02d:%02d ", size,
		tm.Year(), int(tm.Month()), tm.Day(), tm.Hour(), tm.Minute(), tm.Second())
	b = append(b, name...)
	if h.Type() == cpiofmt.TypeLink {
		b = append(b, " -> "...)
		b = append(b, target...)
	}
	b = append(b, '\n')
	r.line = b
	r.out.Write(b)
}

// readError words an error of the archive: cpiofmt's in BusyBox's
// words, a failing read as "read error: STRERROR".
func readError(err error) error {
	var ce cpiofmt.Error
	if errors.As(err, &ce) {
		return applet.Errorf("%s", string(ce))
	}
	var ae *applet.ExitError
	if errors.As(err, &ae) {
		return err
	}
	return applet.Perror(err, "read error")
}
