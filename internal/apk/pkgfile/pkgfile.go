// Package pkgfile reads apk's v2 package files (apk.md section 2): gzip
// members for the signature, the control part and the data, one tar
// stream across them. It streams: NewReader reads the signature and
// control parts, Next and Read walk the data entries, Close checks the
// end of the file and the data hash. The digests of the compressed
// members that signatures and identities cover are computed on the way.
package pkgfile

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"io"
	"strings"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/gzmember"
	"gobox/internal/apk/pkginfo"
	"gobox/internal/apk/sign"
)

// Error is a package-level failure in apk's words.
type Error string

func (e Error) Error() string { return string(e) }

// Errors of a bad package (apk.md section 10).
const (
	ErrIO     = Error("IO ERROR")
	ErrFormat = Error("package file format error")
)

// MaxControl caps the control part's entries held in memory.
const MaxControl = 8 << 20

// Script is one install script of the control part.
type Script struct {
	Type string // "pre-install", "post-install", ..., "trigger"
	Data []byte
}

// Reader reads one package.
type Reader struct {
	gz  *gzmember.Reader
	tr  *apktar.Reader
	src *stream

	// Signatures are the entries of the signature part, in order.
	Signatures []sign.Signature
	// PkgInfo is the raw .PKGINFO; Info its parsed form (nil for an old
	// package without one).
	PkgInfo []byte
	Info    *pkginfo.Info
	// Scripts are the control part's install scripts in archive order.
	Scripts []Script
	// Other names the control part's dot-files that are neither
	// .PKGINFO nor scripts (".INSTALL" earns apk's warning).
	Other []string

	ctl     digests // of the control member (and the data, without datahash)
	ctlSum  sums    // the control member's digests at its end
	dataSum []byte  // SHA-256 of the data member
	data    hash.Hash
	first   *apktar.Header // the first data entry, read ahead
	done    bool
	closed  bool
	err     error
	members int
}

type digests struct{ sha1, sha256, sha512 hash.Hash }

type sums struct{ sha1, sha256, sha512 []byte }

func newDigests() digests {
	return digests{sha1.New(), sha256.New(), sha512.New()}
}

func (d digests) list() []hash.Hash { return []hash.Hash{d.sha1, d.sha256, d.sha512} }

func (d digests) sum() sums { return sums{d.sha1.Sum(nil), d.sha256.Sum(nil), d.sha512.Sum(nil)} }

// stream is the decompressed tar stream across members; it calls
// boundary when one member ends, before the next starts.
type stream struct {
	gz       *gzmember.Reader
	boundary func() error
	atEnd    bool // the current member has ended
	eof      bool
}

func (s *stream) Read(p []byte) (int, error) {
	for {
		if s.eof {
			return 0, io.EOF
		}
		if !s.atEnd {
			n, err := s.gz.Read(p)
			if err != io.EOF {
				if err != nil {
					err = ErrIO
				}
				return n, err
			}
			s.atEnd = true
			if n > 0 {
				// The member's last bytes: its boundary comes at the
				// next read, after the caller has seen them.
				return n, nil
			}
		}
		s.atEnd = false
		if err := s.boundary(); err != nil {
			if err == io.EOF {
				s.eof = true
			}
			return 0, err
		}
	}
}

// NewReader reads the signature and control parts of the package r.
func NewReader(r io.Reader) (*Reader, error) {
	p := &Reader{gz: gzmember.NewReader(r), ctl: newDigests()}
	p.src = &stream{gz: p.gz, boundary: p.boundary}
	if err := p.gz.Next(p.ctl.list()...); err != nil {
		return nil, ioErr(err)
	}
	p.members = 1
	p.tr = apktar.NewReader(p.src)
	inSig := true
	for {
		h, err := p.tr.Next()
		if err == io.EOF {
			p.done = true
			break
		}
		if err != nil {
			return nil, p.fail(err)
		}
		if inSig {
			if alg, key, ok := sign.ParseEntryName(h.Name); ok && p.members == 1 {
				data, err := p.tr.ReadAll(64 << 10)
				if err != nil {
					return nil, err
				}
				p.Signatures = append(p.Signatures, sign.Signature{Alg: alg, Key: key, Data: data})
				continue
			}
			inSig = false
		}
		if !strings.HasPrefix(h.Name, ".") || strings.ContainsRune(h.Name, '/') {
			p.first = h
			break
		}
		data, err := p.tr.ReadAll(MaxControl)
		if err != nil {
			return nil, err
		}
		switch name := h.Name[1:]; name {
		case "PKGINFO":
			p.PkgInfo = data
			p.Info = pkginfo.Parse(data)
		case "pre-install", "post-install", "pre-upgrade", "post-upgrade", "pre-deinstall", "post-deinstall", "trigger":
			p.Scripts = append(p.Scripts, Script{Type: name, Data: data})
		default:
			p.Other = append(p.Other, h.Name)
		}
	}
	if p.ctlSum.sha1 == nil {
		// The package ended inside its control member: no data part.
		return nil, ErrFormat
	}
	return p, nil
}

// boundary is called at the end of each member.
func (p *Reader) boundary() error {
	switch {
	case p.members == 1 && len(p.Signatures) > 0 && p.ctlSum.sha1 == nil && !p.sawControl():
		// The first member was the signature part: the control
		// part starts now, with fresh digests.
		p.ctl = newDigests()
		if err := p.gz.Next(p.ctl.list()...); err != nil {
			return ioErr(err)
		}
	case p.ctlSum.sha1 == nil:
		p.ctlSum = p.ctl.sum()
		p.data = sha256.New()
		hs := []hash.Hash{p.data}
		if !p.HasDataHash() {
			// Old style: the signature and identity cover the
			// data too.
			hs = append(hs, p.ctl.list()...)
		}
		if err := p.gz.Next(hs...); err != nil {
			return ioErr(err)
		}
	default:
		if p.dataSum == nil {
			p.dataSum = p.data.Sum(nil)
		}
		if err := p.gz.Next(); err != io.EOF {
			if err == nil {
				// More members after the data: apk reads them as
				// more of the tar stream; so do we, uncounted.
				p.members++
				return nil
			}
			return ioErr(err)
		}
		return io.EOF
	}
	p.members++
	return nil
}

func (p *Reader) sawControl() bool { return p.PkgInfo != nil || len(p.Scripts) > 0 || len(p.Other) > 0 }

// HasDataHash reports whether .PKGINFO carries a datahash.
func (p *Reader) HasDataHash() bool { return p.Info != nil && p.Info.DataHash != "" }

// ControlDigest returns the digest of the bytes the signature covers
// with alg's hash: the control member, or with no datahash the control
// and data members (available once Close has returned).
func (p *Reader) ControlDigest(alg sign.Alg) []byte {
	var s sums
	if p.HasDataHash() {
		s = p.ctlSum
	} else {
		if !p.closed {
			return nil
		}
		s = p.ctl.sum()
	}
	switch alg {
	case sign.RSA:
		return s.sha1
	case sign.RSA256:
		return s.sha256
	case sign.RSA512:
		return s.sha512
	}
	return nil
}

// Identity returns the package's identity (the index's C: field as raw
// SHA-1): of the control member, or of control and data without a
// datahash (then only after Close).
func (p *Reader) Identity() []byte { return p.ControlDigest(sign.RSA) }

// Verify checks the signature against keys (apk.md 2.6 mode 2). Without
// a datahash it needs Close first.
func (p *Reader) Verify(keys *sign.Keyring) error {
	return keys.Verify(p.Signatures, p.ControlDigest)
}

// Next returns the next data entry, or io.EOF after the last.
func (p *Reader) Next() (*apktar.Header, error) {
	if p.err != nil {
		return nil, p.err
	}
	if p.first != nil {
		h := p.first
		p.first = nil
		return h, nil
	}
	if p.done {
		return nil, io.EOF
	}
	h, err := p.tr.Next()
	if err == io.EOF {
		p.done = true
	} else if err != nil {
		p.err = p.fail(err)
		return nil, p.err
	}
	return h, err
}

// Read reads the current data entry's content.
func (p *Reader) Read(b []byte) (int, error) {
	n, err := p.tr.Read(b)
	if err != nil && err != io.EOF {
		err = tarErr(err)
	}
	return n, err
}

// Close reads the rest of the file: the remaining entries, the zero
// blocks after the archive (anything else is BAD archive), and checks
// the data part against the datahash (BAD signature on a mismatch).
func (p *Reader) Close() error {
	if p.closed {
		return p.err
	}
	for p.err == nil && !p.done {
		p.Next()
	}
	if p.err != nil {
		return p.err
	}
	if err := p.tr.Trailer(); err != nil {
		p.err = p.fail(err)
		return p.err
	}
	p.closed = true
	if p.dataSum == nil && p.data != nil {
		p.dataSum = p.data.Sum(nil)
	}
	if p.HasDataHash() && hex.EncodeToString(p.dataSum) != strings.ToLower(p.Info.DataHash) {
		p.err = sign.ErrBad
		return p.err
	}
	return nil
}

// DataSum returns the SHA-256 of the data member, once Close returned.
func (p *Reader) DataSum() []byte { return p.dataSum }

// fail words a failure of the tar layer. A damaged gzip stream often
// shows first as a bad tar header; apk, which decompresses ahead, sees
// the gzip error first (IO ERROR), so the rest of the stream is checked.
func (p *Reader) fail(err error) error {
	err = tarErr(err)
	if err == apktar.ErrBadArchive {
		if _, derr := io.Copy(io.Discard, p.src); derr != nil {
			return ErrIO
		}
	}
	return err
}

func ioErr(err error) error {
	if err == io.EOF {
		return ErrIO
	}
	if _, ok := err.(gzmember.Error); ok {
		return ErrIO
	}
	return err
}

func tarErr(err error) error {
	if _, ok := err.(apktar.Error); ok {
		return err
	}
	if _, ok := err.(Error); ok {
		return err
	}
	if _, ok := err.(sign.Error); ok {
		return err
	}
	return ErrIO
}

// Hex returns sum as lower-case hex.
func Hex(sum []byte) string { return hex.EncodeToString(sum) }
