// Package apktar reads and writes tar the way apk-tools 2.14 does
// (apk.md section 2.2): ustar and GNU headers, pax records with apk's own
// keys (APK-TOOLS.checksum.SHA1), GNU long names, no header checksum
// check, and apk's end-of-archive rule.
//
// It is separate from internal/tarfmt, which follows BusyBox's tar,
// because apk's dialect differs in what it checks and needs the pax
// records tarfmt does not keep. The reader never reads ahead of the entry
// at hand, so a caller can tell which gzip member an entry came from.
package apktar

import (
	"bytes"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
)

// Error is a bad archive, in apk's words.
type Error string

func (e Error) Error() string { return string(e) }

// ErrBadArchive is apk's "BAD archive".
const ErrBadArchive = Error("BAD archive")

// Limits on what one entry may make the reader hold.
const (
	MaxPAX  = 1 << 20
	MaxName = 4086 // apk: PATH_MAX - 10
)

// Type flags.
const (
	TypeReg     = '0'
	TypeLink    = '1'
	TypeSymlink = '2'
	TypeChar    = '3'
	TypeBlock   = '4'
	TypeDir     = '5'
	TypeFIFO    = '6'
	TypeCont    = '7'
)

// Header is one entry.
type Header struct {
	Name     string // prefix/name, or the pax/GNU long name
	Linkname string
	Type     byte // normalised: TypeCont reads as TypeReg
	Mode     int64
	UID, GID int
	Uname    string
	Gname    string
	Size     int64
	ModTime  int64 // Unix seconds
	Devmajor int64
	Devminor int64
	// Checksum is the raw digest of the APK-TOOLS.checksum.SHA1 record
	// (20 bytes) or .MD5 (16 bytes), nil when absent.
	Checksum []byte
	// Xattrs are SCHILY.xattr records, in the order given.
	Xattrs []Xattr
}

// Xattr is one extended attribute.
type Xattr struct{ Name, Value string }

// Reader reads the entries of an archive.
type Reader struct {
	r      io.Reader
	remain int64
	pad    int64
	err    error
	zeros  int
	block  [512]byte
	// Headers counts the header blocks read.
	Headers int
	// Offset is the number of bytes consumed.
	Offset int64
}

// NewReader returns a reader of the archive r.
func NewReader(r io.Reader) *Reader { return &Reader{r: r} }

func (tr *Reader) readFull(p []byte) (int, error) {
	n, err := io.ReadFull(tr.r, p)
	tr.Offset += int64(n)
	return n, err
}

func (tr *Reader) skip(n int64) error {
	if n <= 0 {
		return nil
	}
	m, err := io.CopyN(io.Discard, tr.r, n)
	tr.Offset += m
	return short(err)
}

// short maps the end of the input inside an entry to BAD archive and
// passes the source's own errors on.
func short(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return ErrBadArchive
	}
	return err
}

// Next returns the next entry, skipping the rest of the current one. At
// the end of the archive (two zero blocks, or the end of the input at
// an entry boundary) it returns io.EOF.
func (tr *Reader) Next() (*Header, error) {
	if tr.err != nil {
		return nil, tr.err
	}
	h, err := tr.next()
	if err != nil {
		tr.err = err
	}
	return h, err
}

func (tr *Reader) next() (*Header, error) {
	if err := tr.skip(tr.remain + tr.pad); err != nil {
		return nil, err
	}
	tr.remain, tr.pad = 0, 0
	var pax map[string]string
	var longName, longLink *string
	for {
		n, err := tr.readFull(tr.block[:])
		if err == io.EOF && n == 0 {
			if pax != nil || longName != nil {
				return nil, ErrBadArchive
			}
			return nil, io.EOF
		}
		if err != nil {
			return nil, short(err)
		}
		tr.Headers++
		b := &tr.block
		if b[0] == 0 {
			// A zero-named block: apk ends at the second; a single
			// one followed by an entry is tolerated.
			tr.zeros++
			if tr.zeros >= 2 {
				return nil, io.EOF
			}
			continue
		}
		tr.zeros = 0
		if !bytes.HasPrefix(b[257:], []byte("ustar")) {
			return nil, ErrBadArchive
		}
		size, ok := number(b[124:136])
		if !ok || size < 0 {
			return nil, ErrBadArchive
		}
		typ := b[156]
		switch typ {
		case 'x', 'g', 'L', 'K':
			if size > MaxPAX {
				return nil, ErrBadArchive
			}
			data := make([]byte, size)
			if _, err := tr.readFull(data); err != nil {
				return nil, short(err)
			}
			if err := tr.skip(padding(size)); err != nil {
				return nil, err
			}
			switch typ {
			case 'x':
				pax = parsePAX(data, pax)
			case 'L':
				s := cstring(data)
				longName = &s
			case 'K':
				s := cstring(data)
				longLink = &s
			}
			continue
		}
		h := &Header{Type: typ}
		h.Name = cstring(b[0:100])
		if prefix := cstring(b[345:500]); prefix != "" {
			h.Name = prefix + "/" + h.Name
		}
		h.Linkname = cstring(b[157:257])
		mode, _ := number(b[100:108])
		h.Mode = mode & 07777
		uid, _ := number(b[108:116])
		gid, _ := number(b[116:124])
		h.UID, h.GID = int(uid), int(gid)
		h.ModTime, _ = number(b[136:148])
		h.Uname = cstring(b[265:297])
		h.Gname = cstring(b[297:329])
		h.Devmajor, _ = number(b[329:337])
		h.Devminor, _ = number(b[337:345])
		h.Size = size
		if longName != nil {
			h.Name = *longName
		}
		if longLink != nil {
			h.Linkname = *longLink
		}
		for k, v := range pax {
			switch {
			case k == "path":
				h.Name = v
			case k == "linkpath":
				h.Linkname = v
			case k == "APK-TOOLS.checksum.SHA1":
				if d, err := hex.DecodeString(v); err == nil && len(d) == 20 {
					h.Checksum = d
				}
			case k == "APK-TOOLS.checksum.MD5":
				if d, err := hex.DecodeString(v); err == nil && len(d) == 16 && h.Checksum == nil {
					h.Checksum = d
				}
			case strings.HasPrefix(k, "SCHILY.xattr."):
				h.Xattrs = append(h.Xattrs, Xattr{k[len("SCHILY.xattr."):], v})
			}
		}
		if len(h.Name) > MaxName {
			return nil, ErrBadArchive
		}
		switch typ {
		case TypeCont, TypeReg:
			h.Type = TypeReg
		case TypeLink, TypeSymlink, TypeChar, TypeBlock, TypeDir, TypeFIFO:
			// apk reads no data for these whatever the size says,
			// but the blocks are still there to skip.
		default:
			// apk skips entries of other types (an old NUL type flag
			// among them).
			tr.remain, tr.pad = size, padding(size)
			if err := tr.skip(tr.remain + tr.pad); err != nil {
				return nil, err
			}
			tr.remain, tr.pad = 0, 0
			pax, longName, longLink = nil, nil, nil
			continue
		}
		tr.remain, tr.pad = size, padding(size)
		if h.Type != TypeReg {
			h.Size = 0
		}
		return h, nil
	}
}

// Read reads the current entry's data.
func (tr *Reader) Read(p []byte) (int, error) {
	if tr.remain <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > tr.remain {
		p = p[:tr.remain]
	}
	n, err := tr.r.Read(p)
	tr.remain -= int64(n)
	tr.Offset += int64(n)
	if err == io.EOF {
		if tr.remain > 0 {
			return n, ErrBadArchive
		}
		err = nil
	}
	return n, err
}

// ReadAll reads the current entry's data, refusing more than max bytes.
func (tr *Reader) ReadAll(max int64) ([]byte, error) {
	if tr.remain > max {
		return nil, ErrBadArchive
	}
	b := make([]byte, tr.remain)
	if _, err := io.ReadFull(tr, b); err != nil {
		return nil, short(err)
	}
	return b, nil
}

// Trailer checks what follows the end of the archive: apk accepts only
// zero blocks up to the end of the input.
func (tr *Reader) Trailer() error {
	if err := tr.skip(tr.remain + tr.pad); err != nil {
		return err
	}
	tr.remain, tr.pad = 0, 0
	for {
		n, err := tr.readFull(tr.block[:])
		if n == 0 && err == io.EOF {
			return nil
		}
		if err != nil {
			if err == io.ErrUnexpectedEOF {
				return ErrBadArchive
			}
			return err
		}
		for _, c := range tr.block {
			if c != 0 {
				return ErrBadArchive
			}
		}
	}
}

func padding(n int64) int64 { return (512 - n%512) % 512 }

func cstring(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// number reads an octal field terminated by NUL or space, or a GNU
// base-256 number.
func number(b []byte) (int64, bool) {
	if len(b) > 0 && b[0]&0x80 != 0 {
		var v int64
		for i, c := range b {
			if i == 0 {
				c &= 0x7f
			}
			if v > (1<<55)-1 {
				return 0, false
			}
			v = v<<8 | int64(c)
		}
		return v, true
	}
	s := strings.TrimLeft(string(b), " ")
	if i := strings.IndexAny(s, " \x00"); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseInt(s, 8, 64)
	return v, err == nil
}

func parsePAX(data []byte, recs map[string]string) map[string]string {
	if recs == nil {
		recs = map[string]string{}
	}
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 || sp > 20 {
			break
		}
		n, err := strconv.Atoi(string(data[:sp]))
		if err != nil || n <= sp+1 || n > len(data) || data[n-1] != '\n' {
			break
		}
		k, v, ok := bytes.Cut(data[sp+1:n-1], []byte("="))
		data = data[n:]
		if ok {
			recs[string(k)] = string(v)
		}
	}
	return recs
}
