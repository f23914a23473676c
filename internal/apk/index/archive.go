package index

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"io"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/gzmember"
	"gobox/internal/apk/sign"
	"gobox/internal/gzipio"
)

// Errors of an index archive, in apk's words.
const (
	ErrIO       = Error("IO ERROR")
	ErrNoIndex  = Error("archive does not contain expected data")
	MaxDescribe = 64 << 10
)

// Archive is a read APKINDEX.tar.gz.
type Archive struct {
	// Signatures are the signature entries, in order (none when the
	// index is unsigned).
	Signatures []sign.Signature
	// Description is the DESCRIPTION entry ("" when absent).
	Description string
	Index       *Index

	sha1, sha256, sha512 []byte // of the signed member
}

// ReadArchive reads an APKINDEX.tar.gz. Damaged compression is IO ERROR,
// a bad tar BAD archive, an archive without APKINDEX apk's "archive does
// not contain expected data".
func ReadArchive(r io.Reader) (*Archive, error) {
	a := &Archive{}
	gz := gzmember.NewReader(r)
	hs := []hash.Hash{sha1.New(), sha256.New(), sha512.New()}
	if err := gz.Next(hs...); err != nil {
		return nil, ErrIO
	}
	first := &memberStream{gz: gz}
	tr := apktar.NewReader(first)
	onlySigs := true
	found := false
	handle := func(tr *apktar.Reader, h *apktar.Header) error {
		switch h.Name {
		case "DESCRIPTION":
			b, err := tr.ReadAll(MaxDescribe)
			if err != nil {
				return err
			}
			a.Description = string(b)
		case "APKINDEX":
			idx, err := Parse(tr)
			if err != nil {
				return err
			}
			a.Index, found = idx, true
		}
		return nil
	}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, archiveErr(err, first.err)
		}
		if alg, key, ok := sign.ParseEntryName(h.Name); ok && onlySigs {
			data, err := tr.ReadAll(64 << 10)
			if err != nil {
				return nil, archiveErr(err, first.err)
			}
			a.Signatures = append(a.Signatures, sign.Signature{Alg: alg, Key: key, Data: data})
			continue
		}
		onlySigs = false
		if err := handle(tr, h); err != nil {
			return nil, archiveErr(err, first.err)
		}
	}
	if first.err != nil && first.err != io.EOF {
		return nil, ErrIO
	}
	if onlySigs && len(a.Signatures) > 0 {
		// The first member held the signatures: the index proper
		// follows, and the signatures cover its compressed bytes.
		hs = []hash.Hash{sha1.New(), sha256.New(), sha512.New()}
		if err := gz.Next(hs...); err != nil {
			return nil, ErrIO
		}
		rest := &memberStream{gz: gz, all: true}
		tr := apktar.NewReader(rest)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, archiveErr(err, rest.err)
			}
			if err := handle(tr, h); err != nil {
				return nil, archiveErr(err, rest.err)
			}
		}
		if err := tr.Trailer(); err != nil {
			return nil, archiveErr(err, rest.err)
		}
	}
	a.sha1, a.sha256, a.sha512 = hs[0].Sum(nil), hs[1].Sum(nil), hs[2].Sum(nil)
	if !found {
		return nil, ErrNoIndex
	}
	return a, nil
}

func archiveErr(err, src error) error {
	if src != nil && src != io.EOF {
		return ErrIO
	}
	switch err.(type) {
	case apktar.Error, Error:
		return err
	}
	return ErrIO
}

// memberStream reads the current member (all: and every later one).
type memberStream struct {
	gz  *gzmember.Reader
	all bool
	err error
}

func (m *memberStream) Read(p []byte) (int, error) {
	for {
		if m.err != nil {
			return 0, m.err
		}
		n, err := m.gz.Read(p)
		if err == io.EOF && m.all {
			if nerr := m.gz.Next(); nerr != nil {
				if nerr != io.EOF {
					nerr = ErrIO
				}
				m.err = nerr
			}
			if n > 0 {
				return n, nil
			}
			continue
		}
		if err != nil {
			if err != io.EOF {
				err = ErrIO
			}
			m.err = err
		}
		if n > 0 {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// Digest returns the digest of the signed member for alg.
func (a *Archive) Digest(alg sign.Alg) []byte {
	switch alg {
	case sign.RSA:
		return a.sha1
	case sign.RSA256:
		return a.sha256
	case sign.RSA512:
		return a.sha512
	}
	return nil
}

// Verify checks the index's signature against keys: sign.ErrUntrusted
// when no signature is by a trusted key, sign.ErrBad when it fails.
func (a *Archive) Verify(keys *sign.Keyring) error {
	return keys.Verify(a.Signatures, a.Digest)
}

// Signer signs what WriteArchive writes.
type Signer struct {
	Key  *rsa.PrivateKey
	Name string   // the public key's file name, e.g. "me-1234.rsa.pub"
	Alg  sign.Alg // sign.RSA (SHA-1, what abuild-sign uses) or sign.RSA256
}

// WriteArchive writes idx as an APKINDEX.tar.gz: DESCRIPTION (when not
// empty) and APKINDEX in a GNU tar with mode 0644 entries of mtime, in
// one gzip member, preceded by a signature member when s is not nil.
func WriteArchive(w io.Writer, idx *Index, description string, mtime int64, s *Signer) error {
	var text bytes.Buffer
	if err := idx.Write(&text); err != nil {
		return err
	}
	var body bytes.Buffer
	zw, err := gzipio.NewWriter(&body, gzipio.Header{OS: gzipio.OSUnix, Level: 9})
	if err != nil {
		return err
	}
	tw := apktar.NewWriter(zw)
	if description != "" {
		tw.WriteFile("DESCRIPTION", 0644, mtime, []byte(description))
	}
	tw.WriteFile("APKINDEX", 0644, mtime, text.Bytes())
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if s != nil {
		sig, err := SignMember(body.Bytes(), s)
		if err != nil {
			return err
		}
		if _, err := w.Write(sig); err != nil {
			return err
		}
	}
	_, err = w.Write(body.Bytes())
	return err
}

// SignMember returns the gzip member of the signature over the
// compressed bytes member, as abuild-sign prepends it: a tar entry
// ".SIGN.<ALG>.<key>" without end-of-archive blocks.
func SignMember(member []byte, s *Signer) ([]byte, error) {
	h := s.Alg.New()
	h.Write(member)
	sig, err := sign.Sign(s.Key, s.Alg, h.Sum(nil))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw, err := gzipio.NewWriter(&out, gzipio.Header{OS: gzipio.OSUnix, Level: 9})
	if err != nil {
		return nil, err
	}
	tw := apktar.NewWriter(zw)
	if err := tw.WriteFile(sign.EntryName(s.Alg, s.Name), 0644, 0, sig); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
