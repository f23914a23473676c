package tar

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/codec"
	"gobox/internal/datetime"
	"gobox/internal/fastcopy"
	"gobox/internal/mode"
	"gobox/internal/readahead"
	"gobox/internal/tarfmt"
	"gobox/internal/untar"
)

// read lists (t) or extracts (x) an archive.
func (t *tar) read() error {
	var in io.Reader
	if t.file == "-" {
		in = t.ctx.Stdin
		if f := t.ctx.File(0); f != nil {
			in = f
		}
	} else {
		f, err := os.Open(t.ctx.Path(t.file))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", t.file)
		}
		defer f.Close()
		in = f
	}
	src, err := t.decompressor(in)
	if err != nil {
		return err
	}
	if g, ok := src.(*decompressor); ok {
		defer g.Close()
	}
	if err := t.checkDir(); err != nil {
		return err
	}
	var x *untar.Extractor
	if !t.listing && !t.stdout {
		x, err = untar.New(t.extractOptions())
		if err != nil {
			return err
		}
	}
	tr := tarfmt.NewReader(src)
	tr.Warn = func(msg string) { t.ctx.Warnf("%s", msg) }
	r := &reader{t: t, tr: tr, x: x, loc: datetime.Location(t.ctx.LookupEnv("TZ"))}
	err = r.loop()
	if x != nil {
		if err != nil {
			// BusyBox dies there, before making the links it left
			// for the end.
			x.Abort()
			return err
		}
		err = x.Close()
		t.failed = t.failed || x.Failed()
	}
	if err != nil {
		return err
	}
	if zr, ok := src.(*decompressor); ok && zr.failed {
		t.failed = true
	}
	for _, p := range t.accept {
		if !p.matched && !excluded(t.reject, p.pat) {
			return applet.Errorf("%s: not found in archive", p.pat)
		}
	}
	if t.failed {
		return applet.Exit(1)
	}
	return nil
}

// extractOptions configures the extraction: as BusyBox, owners and
// exact modes are restored as root only (unless -o or
// --no-same-permissions); -p and --same-owner ask for them as another
// user too, as with GNU tar.
func (t *tar) extractOptions() untar.Options {
	root := unix.Geteuid() == 0
	o := untar.Options{
		Dir:          t.dirPath(),
		Umask:        uint32(t.ctx.Umask.Perm()),
		Owner:        (root || t.sameOwner) && !t.noOwner,
		NumericOwner: t.numericOwner,
		Perms:        (root || t.perms) && !t.noPerms,
		NoTimes:      t.noTimes,
		Absolute:     t.absolute,
		Warn:         func(msg string) { t.ctx.Warnf("%s", msg) },
		Context:      t.ctx,
	}
	switch {
	case t.keepOld:
		o.Replace = untar.KeepOld
	case t.overwrite:
		o.Replace = untar.Overwrite
	}
	return o
}

// reader is the state of a read: the archive and where entries go.
type reader struct {
	t    *tar
	tr   *tarfmt.Reader
	x    *untar.Extractor
	loc  *time.Location
	out  *bufio.Writer // listing output
	cp   fastcopy.Copier
	line []byte
	e    untar.Entry // the entry being extracted, reused
}

// loop reads the entries: lists them, extracts them or copies them to
// standard output.
func (r *reader) loop() error {
	t := r.t
	r.out = t.ctx.BufWriter(t.ctx.Stdout, 0)
	defer r.out.Flush()
	for {
		if t.ctx.Cancelled() {
			return applet.Exit(130)
		}
		h, err := r.tr.Scan() // names in the reader's buffers
		if err == io.EOF {
			if err := r.tr.Drain(); err != nil {
				return r.readError(err)
			}
			return nil
		}
		if err != nil {
			return r.readError(err)
		}
		name, link := stripName(t, r.tr.Name()), r.tr.Linkname()
		if h.Type == tarfmt.TypeLink {
			link = stripName(t, link)
		}
		// The trailing "/" of a directory is matched and listed, and
		// dropped for the rest.
		if len(t.reject) > 0 || len(t.accept) > 0 {
			if s := string(name); excluded(t.reject, s) || !accepted(t.accept, s) {
				continue
			}
		}
		if t.verbose > 0 {
			r.list(h, name, link)
			if t.stdout {
				if err := r.out.Flush(); err != nil {
					return err
				}
			}
		}
		switch {
		case t.listing:
		case t.stdout:
			if h.Type == tarfmt.TypeReg {
				if err := r.out.Flush(); err != nil {
					return err
				}
				if err := r.toStdout(h); err != nil {
					return err
				}
			}
		default:
			if err := r.out.Flush(); err != nil {
				return err
			}
			if err := r.extract(h, bytes.TrimSuffix(name, []byte("/")), link); err != nil {
				return err
			}
		}
	}
}

// readError words an error of the archive: tarfmt's in BusyBox's
// words, a failing read as BusyBox's "read error: STRERROR".
func (r *reader) readError(err error) error {
	var te *tarfmt.TypeError
	var fe tarfmt.Error
	var ae *applet.ExitError
	switch {
	case errors.As(err, &te):
		return applet.Errorf("%s", string(te.Text()))
	case errors.As(err, &fe):
		return applet.Errorf("%s", string(fe))
	case errors.As(err, &ae):
		return err
	}
	return applet.Perror(err, "read error")
}

// list prints the entry as BusyBox's header_list (its name) or, with
// -tv or -xvv, header_verbose_list.
func (r *reader) list(h *tarfmt.Header, name, link []byte) {
	if r.t.verbose == 1 {
		r.out.Write(name)
		r.out.WriteByte('\n')
		return
	}
	b := r.line[:0]
	b = mode.AppendString(b, uint32(h.Mode)|typeBits(h.Type))
	b = append(b, ' ')
	if h.Uname != "" {
		b = append(b, h.Uname...)
	} else {
		b = strconv.AppendUint(b, uint64(uint32(h.UID)), 10)
	}
	b = append(b, '/')
	if h.Gname != "" {
		b = append(b, h.Gname...)
	} else {
		b = strconv.AppendUint(b, uint64(uint32(h.GID)), 10)
	}
	tm := h.ModTime.In(r.loc)
	b = fmt.Appendf(b, " %9d %4d-%02d-%02d %02d:%02d:%02d ", h.FileSize(),
		tm.Year(), int(tm.Month()), tm.Day(), tm.Hour(), tm.Minute(), tm.Second())
	b = append(b, name...)
	if len(link) > 0 && (h.Type == tarfmt.TypeLink || h.Type == tarfmt.TypeSymlink) {
		b = append(b, " -> "...)
		b = append(b, link...)
	}
	b = append(b, '\n')
	r.line = b
	r.out.Write(b)
}

// typeBits is the S_IFMT of an entry type, for its mode string (a hard
// link shows as a regular file, as in BusyBox).
func typeBits(typ byte) uint32 {
	switch typ {
	case tarfmt.TypeDir:
		return unix.S_IFDIR
	case tarfmt.TypeSymlink:
		return unix.S_IFLNK
	case tarfmt.TypeChar:
		return unix.S_IFCHR
	case tarfmt.TypeBlock:
		return unix.S_IFBLK
	case tarfmt.TypeFifo:
		return unix.S_IFIFO
	}
	return unix.S_IFREG
}

// toStdout copies a regular file's data to standard output (-O).
func (r *reader) toStdout(h *tarfmt.Header) error {
	out := r.t.ctx.Stdout
	if f := r.t.ctx.File(1); f != nil && h.Sparse == nil {
		_, err := r.tr.CopyTo(r.t.ctx, f, &r.cp)
		return r.copyError(err)
	}
	_, err := io.Copy(out, r.tr.Expand(h))
	return r.copyError(err)
}

// copyError words an error of copying data out.
func (r *reader) copyError(err error) error {
	if err == nil {
		return nil
	}
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		return applet.Perror(we.Err, "write error")
	}
	if errors.Is(err, tarfmt.ErrShortRead) {
		return r.readError(err)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return applet.Perror(err, "write error")
	}
	return r.readError(err)
}

// extract creates one entry under its name less --strip-components.
func (r *reader) extract(h *tarfmt.Header, name, link []byte) error {
	t := r.t
	if t.strip > 0 {
		var ok bool
		if name, ok = stripComponents(name, t.strip); !ok {
			return nil
		}
		if h.Type == tarfmt.TypeLink {
			if link, ok = stripComponents(link, t.strip); !ok {
				return nil
			}
		}
	}
	e := &r.e
	*e = untar.Entry{
		Name:     name,
		Mode:     uint32(h.Mode),
		UID:      h.UID,
		GID:      h.GID,
		Uname:    h.Uname,
		Gname:    h.Gname,
		ModTime:  h.ModTime,
		Linkname: link,
		Major:    uint32(h.Devmajor),
		Minor:    uint32(h.Devminor),
		Size:     h.FileSize(),
	}
	if r.t.xattrs {
		for k, v := range h.Xattrs {
			if xattrStored(k, t.root) {
				if e.Xattrs == nil {
					e.Xattrs = map[string]string{}
				}
				e.Xattrs[k] = v
			}
		}
	}
	switch h.Type {
	case tarfmt.TypeDir:
		e.Kind = untar.Dir
	case tarfmt.TypeSymlink:
		e.Kind = untar.Symlink
	case tarfmt.TypeLink:
		e.Kind = untar.Hardlink
	case tarfmt.TypeChar:
		e.Kind = untar.CharDev
	case tarfmt.TypeBlock:
		e.Kind = untar.BlockDev
	case tarfmt.TypeFifo:
		e.Kind = untar.Fifo
	default:
		e.Kind = untar.Regular
		for _, s := range h.Sparse {
			e.Sparse = append(e.Sparse, untar.Segment{Offset: s.Offset, Length: s.Length})
		}
		if h.Sparse != nil && e.Sparse == nil {
			e.Sparse = []untar.Segment{}
		}
	}
	err := r.x.Extract(e, r.tr)
	if err == nil {
		return nil
	}
	if errors.Is(err, tarfmt.ErrShortRead) || errors.As(err, new(*tarfmt.TypeError)) {
		return r.readError(err)
	}
	var ae *applet.ExitError
	if errors.As(err, &ae) {
		return err
	}
	return r.readError(err)
}

// stripComponents drops n leading components of name, as BusyBox's
// --strip-components: false when nothing is left.
func stripComponents(name []byte, n int) ([]byte, bool) {
	for ; n > 0; n-- {
		i := bytes.IndexByte(name, '/')
		if i < 0 || i+1 == len(name) {
			return nil, false
		}
		name = name[i+1:]
	}
	return name, true
}

// unsupported is the error for a format gobox cannot do yet.
func unsupported(c *codec.Codec) error {
	return applet.Errorf("%s (de)compression is not supported yet", c.Name)
}

// decompressor decompresses tar's input, a few buffers ahead of tar in
// a goroutine of its own (readahead.ReadAhead), as GNU tar's gzip runs
// beside it. A damaged stream is reported at once (as BusyBox's
// decompressing child reports it) and read as its end, so that tar says
// what it makes of the cut, and the run ends with status 1.
type decompressor struct {
	t      *tar
	c      *codec.Codec
	src    io.Reader
	z      io.ReadCloser
	ra     *readahead.ReadAhead
	failed bool
	done   bool
}

func (d *decompressor) Read(p []byte) (int, error) {
	if d.done {
		return 0, io.EOF
	}
	if d.z == nil {
		z, err := d.c.Reader(d.src)
		if err != nil {
			return 0, d.fail(err)
		}
		// 4 x 64 KiB: with 4 x 256 KiB, tar xzf of 100,000 files
		// took 3.1 MB of private memory, 2.0 MB now, and a 256 MiB
		// file decompresses in the same CPU time (issue 10).
		d.z, d.ra = z, readahead.New(z, 4, 64<<10)
	}
	n, err := d.ra.Read(p)
	if err == io.EOF {
		d.done = true
	} else if err != nil {
		return n, d.fail(err)
	}
	return n, err
}

// Close stops the decompressing goroutine.
func (d *decompressor) Close() {
	if d.ra != nil {
		d.ra.Close()
	}
	if d.z != nil {
		d.z.Close()
	}
}

func (d *decompressor) fail(err error) error {
	var ce codec.Error
	if !errors.As(err, &ce) {
		return err
	}
	d.t.ctx.Warnf("%s", string(ce))
	d.failed, d.done = true, true
	return io.EOF
}

// decompressor returns the tar stream of in: decompressed with the
// format asked for, or with the one whose magic starts in where a tar
// header's would be (BusyBox looks on seekable files only; gobox on
// pipes too).
func (t *tar) decompressor(in io.Reader) (io.Reader, error) {
	if t.codec != nil {
		if t.codec.NewReader == nil {
			return nil, unsupported(t.codec)
		}
		return &decompressor{t: t, c: t.codec, src: in}, nil
	}
	var head []byte
	f, isFile := in.(*os.File)
	var fi os.FileInfo
	if isFile {
		fi, _ = f.Stat()
	}
	if isFile && fi != nil && fi.Mode().IsRegular() {
		// Peek without moving: the archive keeps its kernel copies.
		pos, err := f.Seek(0, io.SeekCurrent)
		if err == nil {
			head = make([]byte, tarfmt.BlockSize)
			n, _ := f.ReadAt(head, pos)
			head = head[:n]
		}
	} else {
		br := bufio.NewReaderSize(in, 64<<10)
		head, _ = br.Peek(tarfmt.BlockSize)
		in = br
	}
	if len(head) >= 265 && bytes.HasPrefix(head[257:], []byte("ustar")) {
		return in, nil
	}
	c := codec.Detect(head)
	if c == nil {
		return in, nil
	}
	if c.NewReader == nil {
		return nil, unsupported(c)
	}
	return &decompressor{t: t, c: c, src: in}, nil
}
