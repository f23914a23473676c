package tarfmt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"time"

	"gobox/internal/fastcopy"
)

// Errors of the writer's callers.
const (
	// ErrWriteTooLong is data beyond the size the header announced.
	ErrWriteTooLong = Error("write too long")
	// ErrMissedData is a header written before the previous entry's
	// data was complete.
	ErrMissedData = Error("entry data missing")
)

// FieldError is a header value that the chosen format cannot hold
// (a ustar name that no split fits, a size over 8 GiB in ustar).
type FieldError struct{ Field, Name string }

func (e *FieldError) Error() string { return string(e.Text()) }

// Text is the error's message: "NAME: file name is too long", "NAME:
// uid does not fit in the ustar format".
func (e *FieldError) Text() Error {
	if e.Field == "name" {
		return Error(e.Name + ": file name is too long")
	}
	return Error(e.Name + ": " + e.Field + " does not fit in the ustar format")
}

// Writer writes a tar archive: WriteHeader, then the entry's data with
// Write or CopyFrom, and Close to end it. Headers and small files are
// gathered in a buffer; bigger files move from file to archive by the
// kernel (CopyFrom) when the archive is a file.
type Writer struct {
	w   io.Writer
	f   *os.File
	buf []byte // pending output
	err error  // sticky write error

	remain, pad int64
	blk         [BlockSize]byte // the header being built
	pblk        [BlockSize]byte // a pax extended header before it

	// The current entry's name and link target, its pax records and
	// a value being formatted for one: buffers reused from entry to
	// entry, so that writing a header allocates nothing.
	name, link, pax, val []byte
}

// NewWriter returns a Writer of an archive into w.
func NewWriter(w io.Writer) *Writer {
	tw := &Writer{w: w, buf: make([]byte, 0, 64<<10)}
	tw.f, _ = w.(*os.File)
	return tw
}

// flush writes out the buffer.
func (tw *Writer) flush() error {
	if tw.err != nil {
		return tw.err
	}
	if len(tw.buf) > 0 {
		_, err := tw.w.Write(tw.buf)
		tw.buf = tw.buf[:0]
		if err != nil {
			tw.err = err
		}
	}
	return tw.err
}

// Flush writes out what the Writer holds, without ending the entry.
func (tw *Writer) Flush() error { return tw.flush() }

// emit queues p for output.
func (tw *Writer) emit(p []byte) error {
	if tw.err != nil {
		return tw.err
	}
	if len(tw.buf)+len(p) > cap(tw.buf) {
		if err := tw.flush(); err != nil {
			return err
		}
		if len(p) >= cap(tw.buf) {
			if _, err := tw.w.Write(p); err != nil {
				tw.err = err
			}
			return tw.err
		}
	}
	tw.buf = append(tw.buf, p...)
	return nil
}

// zeroBlock is the padding zeros writes. A block on zeros' stack would
// escape to the heap at every call (emit may hand it to the io.Writer):
// 512 bytes of garbage per entry, most of tar c's allocations.
var zeroBlock [BlockSize]byte

// zeros queues n zero bytes.
func (tw *Writer) zeros(n int64) error {
	for n > 0 {
		c := min(n, BlockSize)
		if err := tw.emit(zeroBlock[:c]); err != nil {
			return err
		}
		n -= c
	}
	return nil
}

// finish ends the current entry: its data must be complete.
func (tw *Writer) finish() error {
	if tw.remain > 0 {
		return ErrMissedData
	}
	if tw.pad > 0 {
		if err := tw.zeros(tw.pad); err != nil {
			return err
		}
		tw.pad = 0
	}
	return tw.err
}

// Write writes data of the current entry.
func (tw *Writer) Write(p []byte) (int, error) {
	if int64(len(p)) > tw.remain {
		return 0, ErrWriteTooLong
	}
	if err := tw.emit(p); err != nil {
		return 0, err
	}
	tw.remain -= int64(len(p))
	return len(p), nil
}

// Remaining returns how many data bytes the current entry still needs.
func (tw *Writer) Remaining() int64 { return tw.remain }

// FillZeros completes the current entry's data with zeros (a file that
// shrank while it was archived).
func (tw *Writer) FillZeros() error {
	n := tw.remain
	tw.remain = 0
	return tw.zeros(n)
}

// CopyFrom copies up to n bytes of the current entry's data from src,
// by the kernel when both src and the archive are files. It returns how
// many it copied: fewer than n means src ended. A failure to write is a
// *fastcopy.WriteError, to read a *fastcopy.ReadError.
func (tw *Writer) CopyFrom(ctx context.Context, src io.Reader, n int64, c *fastcopy.Copier) (int64, error) {
	n = min(n, tw.remain)
	var done int64
	if n < int64(cap(tw.buf)/2) || tw.f == nil {
		// Small files, or an archive that is no file: through the
		// buffer.
		for done < n {
			if len(tw.buf) == cap(tw.buf) {
				if err := tw.flush(); err != nil {
					return done, &fastcopy.WriteError{Err: err}
				}
			}
			room := tw.buf[len(tw.buf):min(int64(cap(tw.buf)), int64(len(tw.buf))+n-done)]
			m, err := src.Read(room)
			tw.buf = tw.buf[:len(tw.buf)+m]
			done += int64(m)
			tw.remain -= int64(m)
			if err == io.EOF {
				break
			}
			if err != nil {
				return done, &fastcopy.ReadError{Err: err}
			}
			if m == 0 && len(room) > 0 {
				continue
			}
		}
		return done, nil
	}
	if err := tw.flush(); err != nil {
		return 0, &fastcopy.WriteError{Err: err}
	}
	if c == nil {
		c = &fastcopy.Copier{}
	}
	done, err := c.CopyN(ctx, tw.f, src, n)
	tw.remain -= done
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		tw.err = we.Err
	}
	return done, err
}

// Close ends the archive with two zero blocks (no padding to a record,
// as BusyBox writes it) and flushes it. It does not close the
// underlying writer.
func (tw *Writer) Close() error {
	if err := tw.finish(); err != nil {
		return err
	}
	if err := tw.zeros(2 * BlockSize); err != nil {
		return err
	}
	return tw.flush()
}

// WriteHeader ends the previous entry and writes h in h.Format
// (FormatGNU when unset). Only a regular file has data; for it h.Size
// bytes must follow.
func (tw *Writer) WriteHeader(h *Header) error {
	tw.name = append(tw.name[:0], h.Name...)
	tw.link = append(tw.link[:0], h.Linkname...)
	return tw.writeHeader(h)
}

// WriteHeaderBytes is WriteHeader with the name and the link target
// given as bytes, which it copies (h.Name and h.Linkname are not looked
// at): a writer of many entries (tar c) needs no string for them. Past
// its buffers' growth, it allocates nothing but the error of a name the
// format cannot hold, in every format.
func (tw *Writer) WriteHeaderBytes(h *Header, name, linkname []byte) error {
	tw.name = append(tw.name[:0], name...)
	tw.link = append(tw.link[:0], linkname...)
	return tw.writeHeader(h)
}

// writeHeader writes h with the name and link target in tw.name and
// tw.link.
func (tw *Writer) writeHeader(h *Header) error {
	if err := tw.finish(); err != nil {
		return err
	}
	hc := *h
	if hc.Type == TypeRegA || hc.Type == TypeCont {
		hc.Type = TypeReg
	}
	if hc.Type != TypeReg {
		hc.Size = 0
	}
	if hc.Type == TypeDir && (len(tw.name) == 0 || tw.name[len(tw.name)-1] != '/') {
		tw.name = append(tw.name, '/')
	}
	if hc.Type == TypeReg && hc.Sparse != nil {
		// Rare enough to be written from strings.
		hc.Name, hc.Linkname = string(tw.name), string(tw.link)
		return tw.writeSparse(&hc)
	}
	var err error
	switch hc.Format {
	case FormatUSTAR, FormatPAX:
		tw.pax = tw.pax[:0]
		err = tw.ustar(&hc)
	default:
		err = tw.writeGNU(&hc)
	}
	if err != nil {
		return err
	}
	tw.remain = hc.Size
	tw.pad = -hc.Size & (BlockSize - 1)
	return tw.err
}

// fieldError is the error of a field of the current entry that its
// format cannot hold.
func (tw *Writer) fieldError(field string) error {
	return &FieldError{field, string(tw.name)}
}

// writeGNU writes h as BusyBox does: the old GNU layout, with long
// names and links in "././@LongLink" entries before the header.
func (tw *Writer) writeGNU(h *Header) error {
	if len(tw.link) >= 100 {
		if err := tw.writeLongName(TypeGNULongLink, tw.link); err != nil {
			return err
		}
	}
	if len(tw.name) >= 100 {
		if err := tw.writeLongName(TypeGNULongName, tw.name); err != nil {
			return err
		}
	}
	b := &tw.blk
	*b = [BlockSize]byte{}
	copy(b[0:100], tw.name)
	number := func(f []byte, v int64) {
		if !putOctalBB(f, v) {
			putBase256(f, v)
		}
	}
	number(b[100:108], h.Mode&07777)
	number(b[108:116], int64(h.UID))
	number(b[116:124], int64(h.GID))
	copy(b[124:135], "00000000000")
	if h.Type == TypeReg {
		number(b[124:136], h.Size)
	}
	number(b[136:148], max(h.ModTime.Unix(), 0))
	b[156] = h.Type
	copy(b[157:257], tw.link)
	copy(b[265:296], h.Uname)
	copy(b[297:328], h.Gname)
	if h.Type == TypeChar || h.Type == TypeBlock {
		number(b[329:337], h.Devmajor)
		number(b[337:345], h.Devminor)
	}
	return tw.emitHeader(b, "ustar  \x00")
}

// writeLongName writes a GNU long name or link entry as BusyBox does.
func (tw *Writer) writeLongName(flag byte, name []byte) error {
	b := &tw.blk
	*b = [BlockSize]byte{}
	copy(b[0:], "././@LongLink")
	copy(b[100:], "0000000\x000000000\x000000000\x00")
	copy(b[136:], "00000000000")
	size := int64(len(name) + 1)
	putOctalBB(b[124:136], size)
	b[156] = flag
	if err := tw.emitHeader(b, "ustar  \x00"); err != nil {
		return err
	}
	if err := tw.emit(name); err != nil {
		return err
	}
	return tw.zeros(1 + (-size & (BlockSize - 1)))
}

// emitHeader sets the magic and checksum of block b and queues it.
func (tw *Writer) emitHeader(b *[BlockSize]byte, magic string) error {
	copy(b[257:265], magic)
	copy(b[148:156], "        ")
	sum, _ := checksums(b[:])
	putOctalNUL(b[148:155], sum) // at most 512*255: six digits
	return tw.emit(b[:])
}

// writeUSTAR writes h, with its name and link target in h.Name and
// h.Linkname, as ustar, with a pax extended header before it for what
// ustar cannot hold when the format is pax, and recs.
func (tw *Writer) writeUSTAR(h *Header, recs []string) error {
	tw.name = append(tw.name[:0], h.Name...)
	tw.link = append(tw.link[:0], h.Linkname...)
	tw.pax = tw.pax[:0]
	for _, r := range recs {
		tw.pax = append(tw.pax, r...)
	}
	return tw.ustar(h)
}

// ustar writes h, with its name and link target in tw.name and tw.link,
// as ustar, with a pax extended header before it holding tw.pax's
// records and, when the format is pax, what ustar cannot hold.
func (tw *Writer) ustar(h *Header) error {
	pax := h.Format == FormatPAX
	b := &tw.blk
	*b = [BlockSize]byte{}

	name, prefix, ok := splitUSTAR(tw.name)
	if !ok {
		if !pax {
			return tw.fieldError("name")
		}
		tw.pax = appendPaxRecord(tw.pax, "path", tw.name)
		name, prefix = truncate(tw.name, 100), nil
	}
	copy(b[0:100], name)
	copy(b[345:500], prefix)
	if len(tw.link) > 100 {
		if !pax {
			return tw.fieldError("link name")
		}
		tw.pax = appendPaxRecord(tw.pax, "linkpath", tw.link)
	}
	copy(b[157:257], truncate(tw.link, 100))
	numbers := [...]struct {
		key string
		f   []byte
		v   int64
	}{
		{"", b[100:108], h.Mode & 07777},
		{"uid", b[108:116], int64(h.UID)},
		{"gid", b[116:124], int64(h.GID)},
		{"size", b[124:136], h.Size},
	}
	for _, n := range numbers {
		if putOctalNUL(n.f, n.v) {
			continue
		}
		if !pax || n.key == "" || n.v < 0 {
			return tw.fieldError(n.key)
		}
		tw.val = strconv.AppendInt(tw.val[:0], n.v, 10)
		tw.pax = appendPaxRecord(tw.pax, n.key, tw.val)
		putOctalNUL(n.f, 0)
	}
	mt := h.ModTime
	if !putOctalNUL(b[136:148], mt.Unix()) || (pax && mt.Nanosecond() != 0) {
		if !pax {
			return tw.fieldError("mtime")
		}
		tw.val = appendPaxTime(tw.val[:0], mt)
		tw.pax = appendPaxRecord(tw.pax, "mtime", tw.val)
		putOctalNUL(b[136:148], max(0, min(mt.Unix(), 077777777777)))
	}
	for _, s := range [...]struct {
		key, v string
		f      []byte
	}{{"uname", h.Uname, b[265:297]}, {"gname", h.Gname, b[297:329]}} {
		if len(s.v) > 31 && pax {
			tw.pax = appendPaxRecord(tw.pax, s.key, s.v)
		}
		copy(s.f[:31], s.v)
	}
	b[156] = h.Type
	if !putOctalNUL(b[329:337], h.Devmajor) || !putOctalNUL(b[337:345], h.Devminor) {
		return tw.fieldError("device number")
	}
	if pax && len(h.Xattrs) > 0 {
		// Extended attributes, as GNU tar and star store them, in
		// name order so that the archive is reproducible.
		for _, k := range slices.Sorted(maps.Keys(h.Xattrs)) {
			tw.pax = appendPaxRecord(tw.pax, "SCHILY.xattr."+k, h.Xattrs[k])
		}
	}
	if len(tw.pax) > 0 {
		if err := tw.writePAX(h); err != nil {
			return err
		}
	}
	copy(b[263:265], "00")
	return tw.emitHeader(b, "ustar\x00")
}

// splitUSTAR splits a name between ustar's name (100 bytes) and prefix
// (155 bytes) fields at a slash.
func splitUSTAR[S ~string | ~[]byte](name S) (base, prefix S, ok bool) {
	if len(name) <= 100 {
		return name, name[:0], true
	}
	// The prefix is everything before some slash; take the longest
	// that fits, so the name part is as short as it can be.
	for i := min(len(name)-1, 155); i > 0; i-- {
		if name[i] == '/' && len(name)-i-1 <= 100 && len(name)-i-1 > 0 {
			return name[i+1:], name[:i], true
		}
	}
	return name[:0], name[:0], false
}

func truncate[S ~string | ~[]byte](s S, n int) S {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// paxRecord formats one "LEN KEY=VALUE\n" record; LEN counts itself.
func paxRecord(k, v string) string {
	return string(appendPaxRecord(nil, k, v))
}

// appendPaxRecord appends the record of k and v to dst.
func appendPaxRecord[S ~string | ~[]byte](dst []byte, k string, v S) []byte {
	l := len(k) + len(v) + 3
	n := l + digits(l)
	if digits(n) > digits(l) {
		n++
	}
	dst = strconv.AppendInt(dst, int64(n), 10)
	dst = append(dst, ' ')
	dst = append(dst, k...)
	dst = append(dst, '=')
	dst = append(dst, v...)
	return append(dst, '\n')
}

// digits is the number of decimal digits of n >= 0.
func digits(n int) int {
	d := 1
	for ; n >= 10; n /= 10 {
		d++
	}
	return d
}

// appendPaxTime appends t as pax decimal seconds, with the nanoseconds
// that are not zero.
func appendPaxTime(dst []byte, t time.Time) []byte {
	sec, ns := t.Unix(), t.Nanosecond()
	if ns == 0 {
		return strconv.AppendInt(dst, sec, 10)
	}
	if sec < 0 {
		// A negative time is its seconds minus the fraction.
		sec, ns = sec+1, 1e9-ns
		if sec == 0 {
			dst = append(dst, '-')
		}
	}
	dst = strconv.AppendInt(dst, sec, 10)
	dst = append(dst, '.')
	// Nine digits: those of 1e9+ns but its leading 1.
	i := len(dst)
	dst = strconv.AppendInt(dst, int64(1e9+ns), 10)
	dst = append(dst[:i], dst[i+1:]...)
	for dst[len(dst)-1] == '0' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// writePAX writes the extended header of h holding tw.pax, named after
// tw.name's last component.
func (tw *Writer) writePAX(h *Header) error {
	b := &tw.pblk // tw.blk holds h's own header, being built
	*b = [BlockSize]byte{}
	base := tw.name
	trimmed := base
	if len(trimmed) > 0 && trimmed[len(trimmed)-1] == '/' {
		trimmed = trimmed[:len(trimmed)-1]
	}
	if i := bytes.LastIndexByte(trimmed, '/'); i >= 0 {
		base = base[i+1:]
	}
	n := copy(b[0:100], "PaxHeaders/")
	copy(b[n:100], base)
	putOctalNUL(b[100:108], 0o644)
	putOctalNUL(b[108:116], 0)
	putOctalNUL(b[116:124], 0)
	putOctalNUL(b[124:136], int64(len(tw.pax)))
	putOctalNUL(b[136:148], max(0, min(h.ModTime.Unix(), 077777777777)))
	b[156] = TypeXHeader
	putOctalNUL(b[329:337], 0)
	putOctalNUL(b[337:345], 0)
	copy(b[263:265], "00")
	if err := tw.emitHeader(b, "ustar\x00"); err != nil {
		return err
	}
	if err := tw.emit(tw.pax); err != nil {
		return err
	}
	return tw.zeros(int64(-len(tw.pax) & (BlockSize - 1)))
}
