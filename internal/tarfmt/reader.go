package tarfmt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"slices"
	"time"

	"gobox/internal/fastcopy"
)

// Reader reads the entries of a tar archive in order. Next returns each
// entry's header; Read, CopyTo or Skip take its data. Memory does not
// grow with the archive: one buffer, and the extended header or long
// name of the entry at hand.
type Reader struct {
	r io.Reader
	// f is r when it is a file: data is then copied by the kernel
	// (CopyTo) and skipped by seeking when the file is seekable.
	f    *os.File
	seek bool

	buf        []byte // read-ahead from r
	start, end int    // unread bytes are buf[start:end]
	rerr       error  // what the last read of r returned, io.EOF included

	off    int64 // bytes of the archive consumed
	remain int64 // data bytes of the current entry not yet read
	pad    int64 // padding after them

	err     error // sticky error
	zero    bool  // the last header was an empty one (a first end block)
	zeroAt  int64 // where that empty header started
	endAt   int64 // where the end of the archive begins, after io.EOF
	headers int   // headers decoded, empty ones included

	global paxRecs // pax global records in force
	pax    paxRecs // the next entry's pax records
	paxOne paxRecs // one extended header's records, being read
	paxRaw []byte  // one extended header's data

	// The entry at hand, reused from entry to entry (Scan): its
	// header, names, and the owner names last seen (most archives
	// have few, so most entries cost no string).
	hdr          Header
	name, link   []byte
	long         [2][]byte // GNU long name and link data
	uname, gname string

	// Warn, if set, receives the reader's non-fatal messages in
	// BusyBox's words ("warning: skipping header 'V'", "malformed
	// extended header, skipped").
	Warn func(msg string)
}

// NewReader returns a Reader of the archive r. When r is an *os.File,
// data moves between it and other files without a copy through user
// memory, and entries are skipped by seeking where it can seek.
func NewReader(r io.Reader) *Reader {
	tr := &Reader{r: r, buf: make([]byte, 32<<10)}
	if f, ok := r.(*os.File); ok {
		tr.f = f
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if _, err := f.Seek(0, io.SeekCurrent); err == nil {
				tr.seek = true
			}
		}
	}
	return tr
}

// Offset returns the number of archive bytes consumed so far.
func (tr *Reader) Offset() int64 { return tr.off }

// EndOffset returns, once Next has returned io.EOF, where the end of
// the archive begins: its end blocks, or where it stopped without them.
// New entries appended there replace the end.
func (tr *Reader) EndOffset() int64 { return tr.endAt }

// Headers returns how many header blocks were read, empty ones
// included: 0 for an archive that ended before its first.
func (tr *Reader) Headers() int { return tr.headers }

// Seekable reports whether the archive is a file the reader seeks in.
func (tr *Reader) Seekable() bool { return tr.seek }

func (tr *Reader) warn(msg string) {
	if tr.Warn != nil {
		tr.Warn(msg)
	}
}

// refill reads more input into the empty buffer. It returns false at
// the end of the input or after an error (kept in rerr).
func (tr *Reader) refill() bool {
	for tries := 0; tr.rerr == nil; tries++ {
		m, err := tr.r.Read(tr.buf)
		tr.start, tr.end = 0, m
		tr.rerr = err
		if m > 0 {
			return true
		}
		if tries > 100 {
			tr.rerr = io.ErrNoProgress
		}
	}
	return false
}

// readErr is the error that ended the input early: nil at its end.
func (tr *Reader) readErr() error {
	if tr.rerr == io.EOF {
		return nil
	}
	return tr.rerr
}

// readFull reads len(p) bytes of the archive, fewer only where the input
// ends (with a nil error) or fails.
func (tr *Reader) readFull(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if tr.start == tr.end && !tr.refill() {
			break
		}
		c := copy(p[n:], tr.buf[tr.start:tr.end])
		tr.start += c
		n += c
	}
	tr.off += int64(n)
	if n < len(p) {
		return n, tr.readErr()
	}
	return n, nil
}

// discard skips n bytes of the archive: by seeking when the archive is
// a seekable file (a truncated archive is then noticed at the next
// header, as BusyBox notices it), else by reading. An input that ends
// first is ErrShortRead.
func (tr *Reader) discard(n int64) error {
	for n > 0 {
		if tr.start == tr.end {
			if tr.seek && tr.rerr == nil {
				if _, err := tr.f.Seek(n, io.SeekCurrent); err == nil {
					tr.off += n
					return nil
				}
				tr.seek = false
			}
			if !tr.refill() {
				if err := tr.readErr(); err != nil {
					return err
				}
				return ErrShortRead
			}
		}
		c := min(n, int64(tr.end-tr.start))
		tr.start += int(c)
		tr.off += c
		n -= c
	}
	return nil
}

// Drain reads the input to its end, as BusyBox does after the end of an
// archive so that a compressor or a writer on a pipe finishes (and a
// compressed stream's checksum is verified). A seekable file is left
// alone.
func (tr *Reader) Drain() error {
	if tr.seek {
		return nil
	}
	tr.start = tr.end
	for tr.refill() {
		tr.off += int64(tr.end)
		tr.start = tr.end
	}
	return tr.readErr()
}

// Next advances to the next entry, skipping what is left of the
// current one, and returns its header, a copy the caller may keep. At
// the end of the archive it returns io.EOF; an archive that ends before
// its first header is ErrShortRead, as for BusyBox.
func (tr *Reader) Next() (*Header, error) {
	h, err := tr.Scan()
	if err != nil {
		return nil, err
	}
	c := *h
	c.Name, c.Linkname = string(tr.name), string(tr.link)
	return &c, nil
}

// Scan is Next without allocating per entry, for a reader of many
// entries (tar x): the header is the reader's own, and its Name and
// Linkname are left empty: the names are Name and Linkname. All stay
// valid until the next call of Scan or Next.
func (tr *Reader) Scan() (*Header, error) {
	if tr.err != nil {
		return nil, tr.err
	}
	h, err := tr.next()
	if err != nil {
		tr.err = err
	}
	return h, err
}

// Name returns the name of the entry that Scan returned, as stored
// (a directory's trailing "/" included), in the reader's buffer.
func (tr *Reader) Name() []byte { return tr.name }

// Linkname returns the link target of the entry that Scan returned
// (empty but for links and old-style hard links), in the reader's
// buffer.
func (tr *Reader) Linkname() []byte { return tr.link }

// pending is what extended headers and long names said about the next
// entry.
type pending struct {
	pax      bool // in tr.pax
	longName bool // in tr.long[0]
	longLink bool // in tr.long[1]
}

func (tr *Reader) next() (*Header, error) {
	if err := tr.discard(tr.remain + tr.pad); err != nil {
		return nil, err
	}
	tr.remain, tr.pad = 0, 0
	var p pending
	tr.pax.reset()
	var block [BlockSize]byte
	for {
		pos := tr.off
		n, err := tr.readFull(block[:])
		if err != nil {
			return nil, err
		}
		if n == 0 {
			if tr.headers == 0 {
				return nil, ErrShortRead
			}
			// An archive may end without its end blocks.
			tr.endAt = pos
			if tr.zero {
				tr.endAt = tr.zeroAt
			}
			return nil, io.EOF
		}
		if n < BlockSize {
			// BusyBox takes a partial block for the start of a
			// compressed stream it failed to recognise.
			return nil, ErrMagic
		}
		tr.headers++
		if block[0] == 0 && block[345] == 0 && !p.longName && !tr.pax.has("path") {
			// An empty name: an end block. Two in a row end the
			// archive; one alone may be followed by more entries.
			if tr.zero {
				tr.endAt = tr.zeroAt
				return nil, io.EOF
			}
			tr.zero, tr.zeroAt = true, pos
			continue
		}
		tr.zero = false
		h, err := tr.decode(&block, &p)
		if err != nil {
			return nil, err
		}
		if h != nil {
			return h, nil
		}
	}
}

// decode decodes one header block. It returns nil and no error for a
// header that only prepares the next (pax, long name), whose data it
// has read into p.
func (tr *Reader) decode(b *[BlockSize]byte, p *pending) (*Header, error) {
	magic := b[257:265]
	var format Format
	switch {
	case bytes.Equal(magic, []byte("ustar  \x00")):
		format = FormatGNU
	case bytes.HasPrefix(magic, []byte("ustar")):
		format = FormatUSTAR
	case bytes.Equal(magic[:5], []byte{0, 0, 0, 0, 0}):
		format = FormatV7
	default:
		return nil, ErrMagic
	}
	sum, err := parseNumber(b[148:156])
	if err != nil {
		return nil, err
	}
	if u, s := checksums(b[:]); sum != u && sum != s {
		return nil, ErrChecksum
	}
	flag := b[156]
	h := &tr.hdr
	*h = Header{Type: flag, Format: format}
	fields := []struct {
		f []byte
		v *int64
	}{{b[124:136], &h.Size}, {b[100:108], &h.Mode}}
	for _, fv := range fields {
		if *fv.v, err = parseNumber(fv.f); err != nil {
			return nil, err
		}
	}
	uid, err := parseNumber(b[108:116])
	if err != nil {
		return nil, err
	}
	gid, err := parseNumber(b[116:124])
	if err != nil {
		return nil, err
	}
	mtime, err := parseNumber(b[136:148])
	if err != nil {
		return nil, err
	}
	h.UID, h.GID = int(uid), int(gid)
	h.ModTime = time.Unix(mtime, 0)
	h.Mode &= 07777
	if b[329] != 0 {
		if h.Devmajor, err = parseNumber(b[329:337]); err != nil {
			return nil, err
		}
		if h.Devminor, err = parseNumber(b[337:345]); err != nil {
			return nil, err
		}
	}
	if h.Size < 0 {
		return nil, ErrNumber
	}
	switch flag {
	case TypeXHeader, TypeXGlobal:
		if h.Size > MaxPAX {
			tr.warn("warning: skipping header '" + string(flag) + "'")
			return nil, tr.skipData(h.Size)
		}
		data, err := tr.readInto(tr.paxRaw, h.Size)
		if err != nil {
			return nil, err
		}
		tr.paxRaw = data
		one := &tr.paxOne
		one.reset()
		tr.parsePAX(data, one)
		if flag == TypeXGlobal {
			tr.mergeGlobal(one)
		} else {
			// A later extended header's record replaces an earlier's.
			for i := range one.recs {
				tr.pax.set(one.key(i), one.val(i), false)
			}
			p.pax = true
		}
		return nil, nil
	case TypeGNULongName, TypeGNULongLink:
		if h.Size > MaxLongName {
			return nil, ErrBadArchive
		}
		i := 0
		if flag == TypeGNULongLink {
			i = 1
		}
		data, err := tr.readInto(tr.long[i][:0], h.Size)
		if err != nil {
			return nil, err
		}
		tr.long[i] = data
		if flag == TypeGNULongName {
			p.longName = true
		} else {
			p.longLink = true
		}
		return nil, nil
	case TypeGNUVolHeader:
		tr.warn("warning: skipping header 'V'")
		return nil, tr.skipData(h.Size)
	}
	if (flag < '0' || flag > '7') && flag != 0 && flag != TypeGNUSparse {
		return nil, &TypeError{flag}
	}
	// The owner names of an entry (not of the headers before it, whose
	// names, often empty, would make each entry's a new string).
	if format != FormatV7 {
		h.Uname = intern(&tr.uname, cbytes(b[265:297]))
		h.Gname = intern(&tr.gname, cbytes(b[297:329]))
	}

	// The names: ustar's prefix joins the name with a "/".
	tr.name = tr.name[:0]
	if format == FormatUSTAR && b[345] != 0 {
		tr.name = append(append(tr.name, cbytes(b[345:500])...), '/')
	}
	tr.name = append(tr.name, cbytes(b[0:100])...)
	isLinkType := flag >= '1' && flag <= '7' && flag != TypeCont
	tr.link = tr.link[:0]
	if isLinkType || flag == TypeReg || flag == 0 || flag == TypeCont {
		tr.link = append(tr.link, cbytes(b[157:257])...)
	}
	if format == FormatGNU {
		if t, err := parseNumber(b[345:357]); err == nil && t > 0 {
			h.AccessTime = time.Unix(t, 0)
		}
		if t, err := parseNumber(b[357:369]); err == nil && t > 0 {
			h.ChangeTime = time.Unix(t, 0)
		}
	}
	if p.longName {
		tr.name = append(tr.name[:0], cbytes(tr.long[0])...)
	}
	if p.longLink {
		tr.link = append(tr.link[:0], cbytes(tr.long[1])...)
	}
	if err := tr.applyPAX(h); err != nil {
		return nil, err
	}

	switch flag {
	case TypeGNUSparse:
		if err := tr.readOldSparse(h, b); err != nil {
			return nil, err
		}
		h.Type = TypeReg
	case TypeReg, TypeRegA, TypeCont:
		h.Type = TypeReg
		if bytes.HasSuffix(tr.name, []byte("/")) {
			// Old tars marked directories with a trailing slash.
			h.Type = TypeDir
			h.Size = 0
		}
	default:
		// Links, devices, directories and fifos carry no data, whatever
		// their size field says (BusyBox ignores it too).
		h.Size = 0
	}
	if h.Type == TypeReg && h.Sparse == nil && p.pax {
		if err := tr.paxSparse(h); err != nil {
			return nil, err
		}
	}
	if h.Type != TypeLink && h.Type != TypeSymlink && h.Type != TypeReg {
		tr.link = tr.link[:0]
	}
	if h.Type == TypeReg && h.Sparse == nil && len(tr.link) > 0 && h.Size == 0 {
		// An old-style hard link: a regular file with no data and a
		// link name.
		h.Type = TypeLink
	}
	if h.Type == TypeReg && h.Size == 0 && h.Sparse == nil {
		tr.link = tr.link[:0]
	}
	tr.remain = h.Size
	tr.pad = -h.Size & (BlockSize - 1)
	return h, nil
}

// readInto reads the n data bytes of a header the reader consumes
// itself (extended headers, long names) into buf's space, grown if it
// is too small, and the padding after them.
func (tr *Reader) readInto(buf []byte, n int64) ([]byte, error) {
	data := slices.Grow(buf[:0], int(n))[:n]
	if m, err := tr.readFull(data); m < len(data) {
		if err == nil {
			err = ErrShortRead
		}
		return nil, err
	}
	if err := tr.discard(-n & (BlockSize - 1)); err != nil {
		return nil, err
	}
	return data, nil
}

// skipData skips the data of a header the reader ignores.
func (tr *Reader) skipData(n int64) error {
	return tr.discard(n + (-n & (BlockSize - 1)))
}

// cbytes returns b up to its first NUL.
func cbytes(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return b
}

// intern returns b as a string: *last when that holds the same bytes,
// else a new string kept in *last.
func intern(last *string, b []byte) string {
	if string(b) != *last {
		*last = string(b)
	}
	return *last
}

// mergeGlobal records the pax global records that apply to every later
// entry (names excepted, as BusyBox ignores them in a global header); an
// empty value unsets a record, and at most 64 are kept.
func (tr *Reader) mergeGlobal(recs *paxRecs) {
	g := &tr.global
	for i := range recs.recs {
		k, v := recs.key(i), recs.val(i)
		if string(k) == "path" || string(k) == "linkpath" || bytes.HasPrefix(k, []byte("GNU.sparse.")) {
			continue
		}
		if len(v) == 0 {
			g.del(k)
			continue
		}
		if len(g.recs) < 64 || g.find(k) >= 0 {
			g.set(k, v, false)
		}
	}
	g.compact()
}

// applyPAX applies the global and the entry's pax records to h.
func (tr *Reader) applyPAX(h *Header) error {
	for i := range tr.global.recs {
		if k := tr.global.key(i); tr.pax.find(k) < 0 {
			if err := tr.applyRecord(h, k, tr.global.val(i)); err != nil {
				return err
			}
		}
	}
	for i := range tr.pax.recs {
		if err := tr.applyRecord(h, tr.pax.key(i), tr.pax.val(i)); err != nil {
			return err
		}
	}
	return nil
}

// applyRecord applies one pax record to h. Numbers and times are parsed
// from the record's bytes; only owner names that change and extended
// attributes make strings.
func (tr *Reader) applyRecord(h *Header, k, v []byte) error {
	var err error
	switch string(k) {
	case "path":
		tr.name = append(tr.name[:0], v...)
	case "linkpath":
		tr.link = append(tr.link[:0], v...)
	case "uname":
		h.Uname = intern(&tr.uname, v)
	case "gname":
		h.Gname = intern(&tr.gname, v)
	case "uid", "gid":
		n, ok := paxInt(v)
		if !ok || n > 1<<31-1 {
			return ErrNumber
		}
		if string(k) == "uid" {
			h.UID = int(n)
		} else {
			h.GID = int(n)
		}
	case "size":
		n, ok := paxInt(v)
		if !ok {
			return ErrNumber
		}
		h.Size = n
	case "mtime":
		h.ModTime, err = parsePAXTime(v)
	case "atime":
		h.AccessTime, err = parsePAXTime(v)
	case "ctime":
		h.ChangeTime, err = parsePAXTime(v)
	default:
		if name, ok := bytes.CutPrefix(k, []byte("SCHILY.xattr.")); ok {
			if h.Xattrs == nil {
				h.Xattrs = map[string]string{}
			}
			h.Xattrs[string(name)] = string(v)
		}
	}
	return err
}

// paxInt parses a record's decimal number, not negative, with an
// optional "+" (what strconv.ParseInt took when the reader used it).
func paxInt(v []byte) (int64, bool) {
	if len(v) > 0 && v[0] == '+' {
		v = v[1:]
	}
	if len(v) == 0 {
		return 0, false
	}
	var n int64
	for _, c := range v {
		if c < '0' || c > '9' || n > (1<<63-1-int64(c-'0'))/10 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// parsePAXTime parses a pax time: decimal seconds with an optional
// fraction, possibly negative.
func parsePAXTime(s []byte) (time.Time, error) {
	sec, frac, _ := bytes.Cut(s, []byte("."))
	neg := bytes.HasPrefix(sec, []byte("-"))
	digits := sec
	if neg {
		digits = sec[1:]
	}
	n, ok := paxInt(digits)
	if !ok || neg && len(digits) > 0 && digits[0] == '+' {
		return time.Time{}, ErrNumber
	}
	if neg {
		n = -n
	}
	var ns int64
	if len(frac) > 0 {
		for i := 0; i < 9; i++ {
			ns *= 10
			if i < len(frac) {
				c := frac[i]
				if c < '0' || c > '9' {
					return time.Time{}, ErrNumber
				}
				ns += int64(c - '0')
			}
		}
		if neg {
			ns = -ns
		}
	}
	return time.Unix(n, ns), nil
}

// Read reads the current entry's data (for a sparse file, its packed
// data regions one after the other). An archive that ends before the
// data does is ErrShortRead.
func (tr *Reader) Read(p []byte) (int, error) {
	if tr.err != nil {
		return 0, tr.err
	}
	if tr.remain == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > tr.remain {
		p = p[:tr.remain]
	}
	if tr.start == tr.end {
		if len(p) >= len(tr.buf) && tr.rerr == nil {
			// A big read goes straight to the input.
			m, err := tr.r.Read(p)
			tr.rerr = err
			tr.remain -= int64(m)
			tr.off += int64(m)
			if m > 0 {
				return m, nil
			}
		}
		if !tr.refill() {
			tr.err = tr.readErr()
			if tr.err == nil {
				tr.err = ErrShortRead
			}
			return 0, tr.err
		}
	}
	n := copy(p, tr.buf[tr.start:tr.end])
	tr.start += n
	tr.remain -= int64(n)
	tr.off += int64(n)
	return n, nil
}

// Remaining returns how many data bytes of the current entry are left.
func (tr *Reader) Remaining() int64 { return tr.remain }

// CopyTo copies the rest of the current entry's data to w, by the
// kernel (internal/fastcopy) when both are files. A source that ends
// early is ErrShortRead; a failure to write is a *fastcopy.WriteError.
func (tr *Reader) CopyTo(ctx context.Context, w io.Writer, c *fastcopy.Copier) (int64, error) {
	var done int64
	if tr.err != nil {
		return 0, tr.err
	}
	// What the buffer holds is written from it; so is the rest when
	// one refill holds it, which also brings the next headers: a
	// kernel copy of a few KB costs more system calls (the copy, two
	// fstats, a seek to the next header) than it saves.
	for tr.remain > 0 {
		if tr.start == tr.end {
			if tr.remain > int64(len(tr.buf)) || !tr.refill() {
				break
			}
		}
		b := tr.buf[tr.start:tr.end]
		if int64(len(b)) > tr.remain {
			b = b[:tr.remain]
		}
		m, err := w.Write(b)
		tr.start += m
		tr.off += int64(m)
		tr.remain -= int64(m)
		done += int64(m)
		if err != nil {
			return done, &fastcopy.WriteError{Err: err}
		}
	}
	if tr.remain == 0 {
		return done, nil
	}
	if tr.rerr != nil {
		tr.err = tr.readErr()
		if tr.err == nil {
			tr.err = ErrShortRead
		}
		return done, tr.err
	}
	if c == nil {
		c = &fastcopy.Copier{}
	}
	var src io.Reader = tr.r
	if tr.f != nil {
		src = tr.f
	}
	m, err := c.CopyN(ctx, w, src, tr.remain)
	done += m
	tr.off += m
	tr.remain -= m
	var we *fastcopy.WriteError
	switch {
	case err == nil && tr.remain > 0:
		tr.err = ErrShortRead
		return done, tr.err
	case err == nil, errors.As(err, &we):
		return done, err
	}
	var re *fastcopy.ReadError
	if errors.As(err, &re) {
		err = re.Err
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			err = ErrShortRead
		}
	}
	tr.err = err
	return done, err
}
