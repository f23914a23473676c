package apktar

import (
	"fmt"
	"io"
	"strconv"
)

// Entry is one member the PaxWriter writes.
type Entry struct {
	Name     string // relative path; a directory's ends in "/"
	Type     byte   // TypeReg, TypeDir, TypeSymlink or TypeLink
	Mode     int64  // permission bits
	UID, GID int
	MTime    int64
	Link     string // a symlink's target or a hard link's source
	Size     int64  // of a regular file's data
	// PAX are extended records written before the header, in order
	// (abuild-tar's APK-TOOLS.checksum.SHA1 for one).
	PAX [][2]string
}

// PaxWriter writes the POSIX (pax) tar members of a package's control
// and data parts, as abuild makes them: ustar headers, an extended
// header before each member that has records, no end-of-archive blocks
// until End.
type PaxWriter struct {
	w   io.Writer
	err error
}

// NewPaxWriter returns a writer to w.
func NewPaxWriter(w io.Writer) *PaxWriter { return &PaxWriter{w: w} }

// Write writes e and its data (Size bytes for a regular file).
func (pw *PaxWriter) Write(e *Entry, data []byte) error {
	pax := e.PAX
	name := e.Name
	if len(name) > 100 {
		pax = append(append([][2]string(nil), pax...), [2]string{"path", name})
		name = name[:100]
	}
	link := e.Link
	if len(link) > 100 {
		pax = append(append([][2]string(nil), pax...), [2]string{"linkpath", link})
		link = link[:100]
	}
	if len(pax) > 0 {
		var rec []byte
		for _, kv := range pax {
			rec = append(rec, paxRecord(kv[0], kv[1])...)
		}
		pw.header(&Entry{Name: "././@PaxHeader", Type: 'x', Mode: 0o644, MTime: e.MTime}, "", "", int64(len(rec)))
		pw.data(rec)
	}
	size := int64(0)
	if e.Type == TypeReg {
		size = int64(len(data))
	}
	pw.header(e, name, link, size)
	if size > 0 {
		pw.data(data)
	}
	return pw.err
}

// End writes the two zero blocks that end an archive.
func (pw *PaxWriter) End() error {
	pw.write(make([]byte, 1024))
	return pw.err
}

// paxRecord is "LEN key=value\n", LEN counting itself.
func paxRecord(k, v string) []byte {
	n := len(k) + len(v) + 3
	for l := len(strconv.Itoa(n)); ; {
		if m := len(k) + len(v) + 3 + l; len(strconv.Itoa(m)) == l {
			n = m
			break
		}
		l++
	}
	return []byte(fmt.Sprintf("%d %s=%s\n", n, k, v))
}

func (pw *PaxWriter) data(p []byte) {
	pw.write(p)
	pw.write(make([]byte, padding(int64(len(p)))))
}

func (pw *PaxWriter) write(p []byte) {
	if pw.err == nil && len(p) > 0 {
		_, pw.err = pw.w.Write(p)
	}
}

// header writes a ustar header block.
func (pw *PaxWriter) header(e *Entry, name, link string, size int64) {
	if name == "" {
		name = e.Name
	}
	var b [512]byte
	copy(b[0:100], name)
	copy(b[100:], fmt.Sprintf("%07o\x00", e.Mode&0o7777))
	copy(b[108:], fmt.Sprintf("%07o\x00", e.UID))
	copy(b[116:], fmt.Sprintf("%07o\x00", e.GID))
	copy(b[124:], fmt.Sprintf("%011o\x00", size))
	copy(b[136:], fmt.Sprintf("%011o\x00", e.MTime))
	b[156] = e.Type
	copy(b[157:257], link)
	copy(b[257:265], "ustar\x0000")
	if e.UID == 0 {
		copy(b[265:297], "root")
	}
	if e.GID == 0 {
		copy(b[297:329], "root")
	}
	copy(b[329:], "0000000\x00")
	copy(b[337:], "0000000\x00")
	copy(b[148:156], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:], fmt.Sprintf("%06o\x00 ", sum))
	pw.write(b[:])
}
