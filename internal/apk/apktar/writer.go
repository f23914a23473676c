package apktar

import (
	"fmt"
	"io"
)

// Writer writes the plain archives apk writes itself (APKINDEX,
// scripts.tar, signature parts): GNU "ustar  " headers, regular files
// owned by root.
type Writer struct {
	w   io.Writer
	err error
}

// NewWriter returns a writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// WriteFile writes a regular file entry with its data.
func (tw *Writer) WriteFile(name string, mode int64, mtime int64, data []byte) error {
	if tw.err != nil {
		return tw.err
	}
	if len(name) > 99 {
		if err := tw.longName(name); err != nil {
			return err
		}
		name = name[:99]
	}
	var b [512]byte
	header(&b, name, TypeReg, mode, mtime, int64(len(data)))
	tw.write(b[:])
	tw.write(data)
	tw.write(make([]byte, padding(int64(len(data)))))
	return tw.err
}

// longName writes a GNU long name entry for the next header.
func (tw *Writer) longName(name string) error {
	var b [512]byte
	header(&b, "././@LongLink", 'L', 0, 0, int64(len(name)+1))
	tw.write(b[:])
	tw.write([]byte(name + "\x00"))
	tw.write(make([]byte, padding(int64(len(name)+1))))
	return tw.err
}

// Close writes the end of the archive: two zero blocks.
func (tw *Writer) Close() error {
	tw.write(make([]byte, 1024))
	return tw.err
}

func (tw *Writer) write(p []byte) {
	if tw.err == nil && len(p) > 0 {
		_, tw.err = tw.w.Write(p)
	}
}

// header fills a header block as apk-tools does: size and mtime fill
// their 12-byte fields with digits and no terminator (seen in a real
// scripts.tar).
func header(b *[512]byte, name string, typ byte, mode, mtime, size int64) {
	copy(b[0:100], name)
	copy(b[100:], fmt.Sprintf("%07o\x00", mode))
	copy(b[108:], fmt.Sprintf("%07o\x00", 0))
	copy(b[116:], fmt.Sprintf("%07o\x00", 0))
	copy(b[124:], fmt.Sprintf("%012o", size))
	copy(b[136:], fmt.Sprintf("%012o", mtime))
	b[156] = typ
	copy(b[257:265], "ustar  \x00")
	copy(b[265:297], "root")
	copy(b[297:329], "root")
	copy(b[148:156], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:], fmt.Sprintf("%06o\x00 ", sum))
}
