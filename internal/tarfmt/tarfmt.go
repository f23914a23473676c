// Package tarfmt reads and writes tar archives: ustar, pax, GNU (long
// names and links, base-256 numbers, sparse files) and old v7 headers on
// input; BusyBox's old-GNU layout, strict ustar and pax on output.
//
// It is gobox's own rather than archive/tar because tar, apk and the
// rootfs builder need what archive/tar does not give: BusyBox's reading
// of odd headers (leading blanks in numbers, checksums summed as signed
// bytes, a "0" entry whose name ends in "/" is a directory, the end of
// an archive at any entry with an empty name) and its error messages
// ("invalid tar header checksum", "short read"), byte-for-byte BusyBox
// output, data moved by the kernel between an archive and the files in
// it (Reader.CopyTo, Writer.CopyFrom), and no initialisation work at
// start-up. Memory is bounded whatever the archive says: extended
// headers, long names and sparse maps have fixed limits, and entry data
// is streamed.
package tarfmt

import (
	"fmt"
	"time"
)

// BlockSize is the unit of a tar archive.
const BlockSize = 512

// Type flags, as in the header's typeflag byte.
const (
	TypeReg     = '0'
	TypeRegA    = '\x00' // old regular file
	TypeLink    = '1'    // hard link
	TypeSymlink = '2'
	TypeChar    = '3'
	TypeBlock   = '4'
	TypeDir     = '5'
	TypeFifo    = '6'
	TypeCont    = '7' // contiguous file: a regular file

	TypeXHeader      = 'x' // pax extended header for the next entry
	TypeXGlobal      = 'g' // pax global extended header
	TypeGNULongName  = 'L'
	TypeGNULongLink  = 'K'
	TypeGNUSparse    = 'S'
	TypeGNUVolHeader = 'V'
)

// Header is one archive entry as the reader decoded it (extended
// headers and long names applied) or as the writer is to encode it.
type Header struct {
	// Type is the entry's type flag. The reader normalises it: a
	// regular file is always TypeReg (also for '\0', '7', 'S' and a
	// pax sparse file), and an old regular entry whose name ends in
	// "/" is TypeDir.
	Type     byte
	Name     string // as stored, trailing "/" of a directory included
	Linkname string // target of a symlink or hard link
	Mode     int64  // permission bits and set-id/sticky bits (07777)
	UID, GID int
	Uname    string
	Gname    string
	// Size is the number of data bytes that follow the header: for a
	// sparse file the packed data, not the file's length (RealSize).
	// The reader makes it 0 for every type but regular files, as
	// BusyBox does (a symlink's size field is ignored).
	Size    int64
	ModTime time.Time // with nanoseconds from a pax mtime record
	// AccessTime and ChangeTime come from pax records or GNU headers;
	// zero when absent.
	AccessTime time.Time
	ChangeTime time.Time
	Devmajor   int64
	Devminor   int64
	// Sparse is the map of a sparse file: the regions that hold data,
	// in order; the rest of the file, up to RealSize, is holes. Nil for
	// an ordinary file.
	Sparse   []Segment
	RealSize int64
	// Xattrs are pax SCHILY.xattr records (extended attributes), if any.
	Xattrs map[string]string

	// Format is the header layout the entry was read in (reader), or
	// the one to write it in (writer; FormatGNU when zero).
	Format Format
}

// Segment is one data region of a sparse file.
type Segment struct {
	Offset, Length int64
}

// FileSize returns the file's length: RealSize for a sparse file, else
// Size.
func (h *Header) FileSize() int64 {
	if h.Sparse != nil {
		return h.RealSize
	}
	return h.Size
}

// Format is a header layout.
type Format int

// Header layouts.
const (
	FormatUnknown Format = iota
	// FormatGNU is the old GNU layout BusyBox writes: magic "ustar  ",
	// names over 99 bytes in a preceding "././@LongLink" entry, numbers
	// too big for octal in base 256.
	FormatGNU
	// FormatUSTAR is POSIX ustar: magic "ustar" and version "00", long
	// names split between the prefix and name fields; what does not fit
	// is an error.
	FormatUSTAR
	// FormatPAX is ustar with a pax extended header ('x') for what
	// ustar cannot hold: long names and links, big numbers, names that
	// are not ASCII, and modification times with nanoseconds.
	FormatPAX
	// FormatV7 is the original layout, without magic (read only).
	FormatV7
)

func (f Format) String() string {
	switch f {
	case FormatGNU:
		return "gnu"
	case FormatUSTAR:
		return "ustar"
	case FormatPAX:
		return "pax"
	case FormatV7:
		return "v7"
	}
	return "unknown"
}

// ParseFormat maps a --format name (GNU tar's) to a Format; "posix" is
// pax, "oldgnu" is gnu.
func ParseFormat(s string) (Format, bool) {
	switch s {
	case "gnu", "oldgnu":
		return FormatGNU, true
	case "ustar":
		return FormatUSTAR, true
	case "pax", "posix":
		return FormatPAX, true
	}
	return FormatUnknown, false
}

// Error is an error of a bad archive; its text is BusyBox's words, which
// the tar applet prints after "tar: ".
type Error string

func (e Error) Error() string { return string(e) }

// Errors of a bad archive.
const (
	// ErrShortRead is an archive that ends inside a header or an
	// entry's data, or is empty.
	ErrShortRead = Error("short read")
	// ErrMagic is a first block that is no tar header.
	ErrMagic = Error("invalid tar magic")
	// ErrChecksum is a header whose checksum does not match.
	ErrChecksum = Error("invalid tar header checksum")
	// ErrNumber is a numeric field that is neither octal nor base 256,
	// or a negative size.
	ErrNumber = Error("corrupted octal value in tar header")
	// ErrBadArchive is a long name or sparse map beyond the limits.
	ErrBadArchive = Error("bad archive")
)

// TypeError is an entry of a type this package does not know.
type TypeError struct{ Flag byte }

func (e *TypeError) Error() string { return string(e.Text()) }

// Text is the error's message, BusyBox's: "unknown typeflag: 0xNN".
func (e *TypeError) Text() Error { return Error(fmt.Sprintf("unknown typeflag: 0x%x", e.Flag)) }

// Limits on what the reader keeps in memory for one entry.
const (
	// MaxPAX is the largest extended header read; a bigger one is
	// skipped with a warning, as BusyBox skips those over 1 MiB.
	MaxPAX = 1<<20 - 1
	// MaxLongName is the largest GNU long name or link read.
	MaxLongName = 64 << 10
	// MaxSparse is the most regions a sparse map may have.
	MaxSparse = 1 << 20
)
