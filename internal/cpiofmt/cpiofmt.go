// Package cpiofmt reads and writes cpio archives: the "new" ASCII
// format (newc, magic 070701) and its checksummed variant (crc, 070702),
// the old portable ASCII format (odc, 070707), and on input the old
// binary format of either byte order. It is shared by the cpio applet
// and the initramfs builder.
//
// Both directions stream: memory does not grow with the archive, only
// with the length of the entry name at hand (at most MaxName bytes).
// Damaged input is reported as an Error in BusyBox's words.
package cpiofmt

// Format is an archive format.
type Format uint8

// Formats.
const (
	Newc   Format = iota // new ASCII, 070701: 110-byte header, 4-byte alignment
	CRC                  // newc with a data checksum, 070702
	ODC                  // old portable ASCII (POSIX.1 cpio), 070707
	Binary               // old binary, read only
)

// String returns the format's name as GNU cpio's -H takes it.
func (f Format) String() string {
	switch f {
	case Newc:
		return "newc"
	case CRC:
		return "crc"
	case ODC:
		return "odc"
	}
	return "bin"
}

// Trailer is the name of the entry that ends an archive.
const Trailer = "TRAILER!!!"

// MaxName is the longest name (and symlink target) the reader accepts,
// NUL included: what keeps a hostile header from asking for memory.
const MaxName = 32 << 10

// File type bits of Header.Mode (the S_IFMT of Linux, which every cpio
// format stores).
const (
	TypeMask  = 0o170000
	TypeSock  = 0o140000
	TypeLink  = 0o120000
	TypeReg   = 0o100000
	TypeBlock = 0o060000
	TypeDir   = 0o040000
	TypeChar  = 0o020000
	TypeFifo  = 0o010000
)

// Header is one archive entry.
type Header struct {
	Format    Format
	Name      string
	Mode      uint32 // type and permission bits
	UID, GID  uint32
	Nlink     uint32
	Mtime     int64 // seconds since the epoch
	Size      int64 // data length; a symlink's is its target's
	Ino       uint32
	DevMajor  uint32 // device of the file's file system
	DevMinor  uint32
	RdevMajor uint32 // a device node's own numbers
	RdevMinor uint32
	Check     uint32 // crc format: the sum of the data bytes
	// Linkname is a symlink's target: the reader reads it from the
	// data (which is then consumed), the writer writes it as the data.
	Linkname string
}

// Type returns the S_IFMT bits of the mode.
func (h *Header) Type() uint32 { return h.Mode & TypeMask }

// Error is damaged or unsupported input, worded as BusyBox words it.
type Error string

func (e Error) Error() string { return string(e) }

// The reader's errors.
const (
	ErrShortRead   Error = "short read"
	ErrUnsupported Error = "unsupported cpio format, use newc or crc"
	ErrDamaged     Error = "damaged cpio file"
)

// Checksum adds b's bytes to sum, as the crc format's check does.
func Checksum(sum uint32, b []byte) uint32 {
	for _, c := range b {
		sum += uint32(c)
	}
	return sum
}
