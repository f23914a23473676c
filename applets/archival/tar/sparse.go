package tar

import (
	"io"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/fastcopy"
	"gobox/internal/tarfmt"
)

// dataRegions maps the data of the file open as fd, size bytes long,
// with SEEK_DATA and SEEK_HOLE, as GNU tar --sparse does: the regions
// that hold data, and a last empty one at the end when the file ends in
// a hole (so the reader knows its length). A file system that cannot
// tell gives one region of the whole file.
func dataRegions(fd int, size int64) []tarfmt.Segment {
	var segs []tarfmt.Segment
	for off := int64(0); off < size; {
		data, err := unix.Seek(fd, off, unix.SEEK_DATA)
		if err == unix.ENXIO {
			break // only a hole from off to the end
		}
		if err != nil {
			return []tarfmt.Segment{{Offset: 0, Length: size}}
		}
		hole, err := unix.Seek(fd, data, unix.SEEK_HOLE)
		if err != nil {
			return []tarfmt.Segment{{Offset: 0, Length: size}}
		}
		hole = min(hole, size)
		segs = append(segs, tarfmt.Segment{Offset: data, Length: hole - data})
		off = hole
	}
	if n := len(segs); n == 0 || segs[n-1].Offset+segs[n-1].Length < size {
		segs = append(segs, tarfmt.Segment{Offset: size, Length: 0})
	}
	unix.Seek(fd, 0, io.SeekStart)
	return segs
}

// copySparse writes the data regions of a sparse file into the archive;
// a file that shrank meanwhile is padded with zeros, as copyData does.
func (c *creator) copySparse(f fastcopy.FD, path string, segs []tarfmt.Segment) {
	for _, s := range segs {
		if s.Length == 0 {
			continue
		}
		if _, err := unix.Seek(int(f), s.Offset, io.SeekStart); err != nil {
			c.fail("%s: %s", path, applet.ErrText(err))
			break
		}
		if c.copyData(f, path, s.Length); c.errOut != nil {
			return
		}
	}
	if c.tw.Remaining() > 0 {
		if err := c.tw.FillZeros(); err != nil {
			c.errOut = err
		}
	}
}
