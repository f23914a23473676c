// Package zipfmt reads the headers of zip archives: the end record and
// the central directory of a seekable file, and the local headers that
// precede each member's data, as BusyBox's unzip walks them. It decodes
// no data (the caller picks the decompressor by Method) and holds only
// one header at a time, so an archive of any size or entry count is read
// in bounded memory.
//
// It is written here rather than taken from archive/zip, whose init
// registers its compressors at every exec of every applet, and which
// wants the whole central directory in memory before the first member.
//
// Zip64 sizes and offsets (extra field 0x0001, the zip64 end record) and
// Unix modification times (extra field 0x5455, "UT") are decoded.
package zipfmt

import (
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"time"
)

// Signatures, as the little-endian words that start each record.
const (
	SigLocal     = 0x04034b50
	SigCentral   = 0x02014b50
	SigEnd       = 0x06054b50
	SigEnd64     = 0x06064b50
	sigLocator64 = 0x07064b50
	SigDataDesc  = 0x08074b50
)

// Compression methods.
const (
	Store   = 0
	Deflate = 8
	Bzip2   = 12
	LZMA    = 14
	XZ      = 95
)

// Flags.
const (
	FlagEncrypted = 0x0001
	FlagDataDesc  = 0x0008 // sizes and CRC follow the data
)

// Unknown is what a 32-bit size or offset holds when the zip64 extra
// field has the real value.
const Unknown = 0xffffffff

// MaxName is the longest member name BusyBox accepts ("bad archive").
const MaxName = 0xfff

// Error is a damaged or hostile archive; its text is BusyBox's words.
type Error string

func (e Error) Error() string { return string(e) }

// Errors in BusyBox's words.
const (
	ErrShort = Error("short read")
	ErrBad   = Error("bad archive")
)

// MagicError is a record that starts with an unknown signature.
func MagicError(magic uint32) error {
	return Error(fmt.Sprintf("invalid zip magic %08X", magic))
}

// Header is a member's local or central header.
type Header struct {
	MadeBy   uint16 // central only: system (high byte) and version
	Flags    uint16
	Method   uint16
	DOSTime  uint16
	DOSDate  uint16
	CRC32    uint32
	CompSize uint64 // zip64 values where the 32-bit field says Unknown
	Size     uint64
	Name     string
	External uint32 // central only: the Unix mode is its high half
	Offset   uint64 // central only: where the local header starts
	// Mtime is the modification time of the "UT" extra field, when
	// HasMtime.
	Mtime    int64
	HasMtime bool
	// Size32 and CompSize32 are the sizes as the 32-bit fields hold
	// them, which BusyBox lists.
	Size32, CompSize32 uint32
	// ExtraLen and NameLen are the lengths of the header's name and
	// extra field: for a local header, the data starts
	// 30+NameLen+ExtraLen bytes after it.
	NameLen, ExtraLen int
}

// Encrypted reports whether the member is encrypted.
func (h *Header) Encrypted() bool { return h.Flags&FlagEncrypted != 0 }

// UnixMode returns the mode from the external attributes when a Unix
// system made the member (as BusyBox: version_made_by's high byte 3).
func (h *Header) UnixMode() (uint32, bool) {
	if h.MadeBy>>8 != 3 {
		return 0, false
	}
	return h.External >> 16, true
}

// DOS returns the DOS date and time fields in loc.
func (h *Header) DOS(loc *time.Location) time.Time {
	d, t := h.DOSDate, h.DOSTime
	return time.Date(int(d>>9)+1980, time.Month(d>>5&0xf), int(d&0x1f),
		int(t>>11), int(t>>5&0x3f), int(t&0x1f)*2, 0, loc)
}

// ModTime returns the "UT" time when there is one, else the DOS time
// in loc.
func (h *Header) ModTime(loc *time.Location) time.Time {
	if h.HasMtime {
		return time.Unix(h.Mtime, 0)
	}
	return h.DOS(loc)
}

// parseExtra reads the extra fields that matter: zip64 sizes (only for
// the fields that hold Unknown, in the order the format gives them) and
// the "UT" modification time. Malformed fields are ignored, as
// Info-ZIP's unzip ignores them.
func (h *Header) parseExtra(b []byte, central bool) {
	for len(b) >= 4 {
		id := binary.LittleEndian.Uint16(b)
		n := int(binary.LittleEndian.Uint16(b[2:]))
		b = b[4:]
		if n > len(b) {
			return
		}
		f := b[:n]
		b = b[n:]
		switch id {
		case 0x0001:
			next := func(v *uint64) {
				if *v == Unknown && len(f) >= 8 {
					*v = binary.LittleEndian.Uint64(f)
					f = f[8:]
				}
			}
			next(&h.Size)
			next(&h.CompSize)
			if central {
				next(&h.Offset)
			}
		case 0x5455:
			if len(f) >= 5 && f[0]&1 != 0 {
				h.Mtime = int64(int32(binary.LittleEndian.Uint32(f[1:])))
				h.HasMtime = true
			}
		}
	}
}

// ReadLocal reads a local header from r, whose signature the caller has
// read, with its name and extra field.
func ReadLocal(r io.Reader) (*Header, error) {
	h := &Header{}
	buf, err := ReadLocalInto(r, h, nil)
	if err != nil {
		return nil, err
	}
	if !h.Encrypted() {
		h.Name = string(buf[:h.NameLen])
	}
	return h, nil
}

// ReadLocalInto is ReadLocal for a reader of many members: it fills h,
// and reads the fixed part, the name and the extra field into buf's
// space (grown when short, and returned). The name is the returned
// slice's first h.NameLen bytes (h.Name is left empty); nothing is
// allocated once buf has grown.
func ReadLocalInto(r io.Reader, h *Header, buf []byte) ([]byte, error) {
	buf = slices.Grow(buf[:0], 26)[:26]
	if _, err := io.ReadFull(r, buf); err != nil {
		return buf, short(err)
	}
	b := buf
	le := binary.LittleEndian
	*h = Header{
		Flags:      le.Uint16(b[2:]),
		Method:     le.Uint16(b[4:]),
		DOSTime:    le.Uint16(b[6:]),
		DOSDate:    le.Uint16(b[8:]),
		CRC32:      le.Uint32(b[10:]),
		CompSize32: le.Uint32(b[14:]),
		Size32:     le.Uint32(b[18:]),
		NameLen:    int(le.Uint16(b[22:])),
		ExtraLen:   int(le.Uint16(b[24:])),
	}
	h.CompSize, h.Size = uint64(h.CompSize32), uint64(h.Size32)
	if h.Encrypted() {
		// BusyBox stops here, before the name.
		return buf[:0], nil
	}
	if h.NameLen > MaxName {
		return buf, ErrBad
	}
	n := h.NameLen + h.ExtraLen
	buf = slices.Grow(buf[:0], n)[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		return buf, short(err)
	}
	h.parseExtra(buf[h.NameLen:], false)
	return buf, nil
}

// ReadCentral reads the central header at off. It returns end when the
// record there is the end of the directory (or the zip64 end), and the
// offset of the next header. As in BusyBox, the header's signature is
// not checked.
func ReadCentral(r io.ReaderAt, off int64) (h *Header, next int64, end bool, err error) {
	h = &Header{}
	buf, next, end, err := ReadCentralInto(r, off, h, nil)
	if err != nil || end {
		return nil, next, end, err
	}
	if len(buf) >= h.NameLen {
		h.Name = string(buf[:h.NameLen])
	}
	return h, next, false, nil
}

// ReadCentralInto is ReadCentral for a reader of many members, as
// ReadLocalInto: it fills h (but h.Name) and reads into buf's space.
// The name is the returned slice's first h.NameLen bytes when it holds
// that many: a name that runs past the end is left out.
func ReadCentralInto(r io.ReaderAt, off int64, h *Header, buf []byte) (_ []byte, next int64, end bool, err error) {
	buf = slices.Grow(buf[:0], 46)[:46]
	b := buf
	if _, err := r.ReadAt(b[:4], off); err != nil {
		return buf, 0, false, short(err)
	}
	le := binary.LittleEndian
	switch le.Uint32(b[:]) {
	case SigEnd, SigEnd64:
		return buf, 0, true, nil
	}
	// Any other signature is read as a central header, as BusyBox
	// reads it: the offsets it gives are checked where they are used.
	if _, err := r.ReadAt(b[4:], off+4); err != nil {
		return buf, 0, false, short(err)
	}
	*h = Header{
		MadeBy:     le.Uint16(b[4:]),
		Flags:      le.Uint16(b[8:]),
		Method:     le.Uint16(b[10:]),
		DOSTime:    le.Uint16(b[12:]),
		DOSDate:    le.Uint16(b[14:]),
		CRC32:      le.Uint32(b[16:]),
		CompSize32: le.Uint32(b[20:]),
		Size32:     le.Uint32(b[24:]),
		External:   le.Uint32(b[38:]),
		Offset:     uint64(le.Uint32(b[42:])),
	}
	h.CompSize, h.Size = uint64(h.CompSize32), uint64(h.Size32)
	nlen, xlen, clen := int(le.Uint16(b[28:])), int(le.Uint16(b[30:])), int(le.Uint16(b[32:]))
	h.NameLen, h.ExtraLen = nlen, xlen
	next = off + 46 + int64(nlen+xlen+clen)
	// BusyBox reads no more of the central header than its fixed
	// part (the member's name comes from the local header): a name or
	// extra field that runs past the end is left out, not an error.
	buf = slices.Grow(buf[:0], nlen+xlen)[:nlen+xlen]
	if _, err := r.ReadAt(buf, off+46); err != nil {
		return buf[:0], next, false, nil
	}
	h.parseExtra(buf[nlen:], true)
	return buf, next, false, nil
}

// peekFromEnd is how far before the end BusyBox looks for the end
// record: self-extracting archives have been seen with one 48 KiB
// before the end.
const peekFromEnd = 64 * 1024

// FindCentral returns where the central directory starts, found as
// BusyBox finds it: the last end record in the last 64 KiB whose
// directory offset lies before the record itself (an archive stored in
// an archive has end records of its own). When that offset says Unknown
// and a zip64 locator precedes the record, the zip64 end record gives
// the real one. ok is false when there is no such record.
func FindCentral(r io.ReaderAt, size int64) (off int64, ok bool) {
	start := size - peekFromEnd
	if start < 0 {
		start = 0
	}
	// A short archive leaves the rest of BusyBox's buffer zero, and
	// an end record that runs past the end reads zeros there.
	buf := make([]byte, peekFromEnd)
	r.ReadAt(buf[:size-start], start)
	le := binary.LittleEndian
	found := false
	for i := 0; i+4+16 <= len(buf); i++ {
		if buf[i] != 'P' || buf[i+1] != 'K' || buf[i+2] != 5 || buf[i+3] != 6 {
			continue
		}
		o := int64(le.Uint32(buf[i+16:]))
		if o == Unknown && i >= 20 && le.Uint32(buf[i-20:]) == sigLocator64 {
			o = end64(r, int64(le.Uint64(buf[i-20+8:])), o)
		}
		if o < start+int64(i)+3 {
			off, found = o, true
		}
	}
	if !found {
		return 0, false
	}
	return off, true
}

// end64 returns the directory offset of the zip64 end record at at, or
// def when there is none.
func end64(r io.ReaderAt, at, def int64) int64 {
	var e [56]byte
	if _, err := r.ReadAt(e[:], at); err != nil || binary.LittleEndian.Uint32(e[:]) != SigEnd64 {
		return def
	}
	if o := int64(binary.LittleEndian.Uint64(e[48:])); o >= 0 && o < at {
		return o
	}
	return def
}

// short turns the end of the input into BusyBox's "short read".
func short(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return ErrShort
	}
	return err
}
