// Package codec is the table of the compression formats gobox knows, for
// the applets that pick one by name, by file suffix or by the magic bytes
// at the start of a stream (tar -z/-j/-J/--zstd/--lzma/-a and its
// detection on extract, and later apk, cpio's callers and the rootfs
// builders). Each format's reader and writer live in a package of their
// own; this one only names them, so that adding a format is one entry.
//
// Readers report damaged input as an Error, whose text is BusyBox's words
// for it ("invalid magic", "crc error", "corrupted data", ...); any other
// error is an I/O error of the underlying reader. A nil NewReader or
// NewWriter means gobox cannot do that direction yet, and Unsupported
// words it.
package codec

import (
	"bytes"
	"errors"
	"io"
	"strings"
)

// Error is damaged compressed input; its text is BusyBox's words.
type Error string

func (e Error) Error() string { return string(e) }

// Codec is one compression format.
type Codec struct {
	// Name is the format's name as tar's options and messages say it.
	Name string
	// Magic is how a stream of the format starts (empty: it cannot be
	// told from its first bytes).
	Magic []byte
	// Suffixes are the file name endings tar -a picks the format by.
	Suffixes []string
	// NewReader decompresses r: every member or frame to the end.
	NewReader func(r io.Reader) (io.ReadCloser, error)
	// NewWriter compresses into w at level (0: the format's default);
	// Close finishes the stream but does not close w.
	NewWriter func(w io.Writer, level int) (io.WriteCloser, error)
}

// Formats are the known formats, in the order Detect tries them.
func Formats() []*Codec {
	return []*Codec{&gzipCodec, &bzip2Codec, &xzCodec, &lzmaCodec, &zstdCodec, &compressCodec}
}

// ByName returns the format called name, or nil.
func ByName(name string) *Codec {
	for _, c := range Formats() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// BySuffix returns the format whose suffix ends name, or nil.
func BySuffix(name string) *Codec {
	for _, c := range Formats() {
		for _, s := range c.Suffixes {
			if strings.HasSuffix(name, s) {
				return c
			}
		}
	}
	return nil
}

// Detect returns the format whose magic head starts with, or nil.
func Detect(head []byte) *Codec {
	for _, c := range Formats() {
		if len(c.Magic) > 0 && bytes.HasPrefix(head, c.Magic) {
			return c
		}
	}
	return nil
}

// MagicLen is the most bytes Detect looks at.
const MagicLen = 6

// ErrUnsupported is returned for a direction gobox cannot do yet.
var ErrUnsupported = errors.New("not supported")

// Reader decompresses r with c, or fails with Unsupported.
func (c *Codec) Reader(r io.Reader) (io.ReadCloser, error) {
	if c.NewReader == nil {
		return nil, c.unsupported()
	}
	return c.NewReader(r)
}

// Writer compresses into w with c, or fails with Unsupported.
func (c *Codec) Writer(w io.Writer, level int) (io.WriteCloser, error) {
	if c.NewWriter == nil {
		return nil, c.unsupported()
	}
	return c.NewWriter(w, level)
}

func (c *Codec) unsupported() error {
	return &UnsupportedError{c.Name}
}

// UnsupportedError is a format or direction gobox does not have yet.
type UnsupportedError struct{ Name string }

func (e *UnsupportedError) Error() string {
	return e.Name + " (de)compression is not supported yet"
}

func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }
