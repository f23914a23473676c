package gzip

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"time"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/gzipio"
)

// listFile prints -l's line for the file name: sizes from the file's
// length and its last trailer, as GNU gzip does.
func (j *job) listFile(name, path string, fi os.FileInfo) error {
	f, err := os.Open(path)
	if err != nil {
		j.fail("can't open '%s': %s", name, applet.ErrText(err))
		return nil
	}
	defer f.Close()
	out, _, ok := stripSuffix(name)
	if !ok {
		out = name
	}
	return j.listStream(out, f, f, fi.ModTime())
}

// listStream lists one gzip stream: in is read for its header; seek,
// when not nil, is the same file, read at its end for the trailer
// (otherwise in is read to its end). name is the uncompressed name
// shown; mtime the date -v shows when the header has none.
func (j *job) listStream(name string, in io.Reader, seek *os.File, mtime time.Time) error {
	br := bufio.NewReaderSize(in, 64<<10)
	h, hdrLen, err := gzipio.ReadHeader(br)
	if err != nil {
		j.fail("%s", msg(err))
		return nil
	}
	var size int64
	var trailer [8]byte
	if seek != nil {
		if fi, err := seek.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
			if size < hdrLen+8 {
				j.fail("%s", gzipio.ErrCorrupt)
				return nil
			}
			if _, err := seek.ReadAt(trailer[:], size-8); err != nil {
				j.fail("%s", applet.ErrText(err))
				return nil
			}
		}
	}
	if size == 0 {
		// Read to the end, keeping the last 8 bytes.
		size = hdrLen
		var last []byte
		buf := make([]byte, 64<<10)
		for {
			n, err := br.Read(buf)
			size += int64(n)
			last = append(last, buf[:n]...)
			if len(last) > 8 {
				last = last[len(last)-8:]
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				j.fail("%s", applet.ErrText(err))
				return nil
			}
		}
		if size < hdrLen+8 {
			j.fail("%s", gzipio.ErrCorrupt)
			return nil
		}
		copy(trailer[:], last)
	}
	crc := binary.LittleEndian.Uint32(trailer[0:4])
	usize := int64(binary.LittleEndian.Uint32(trailer[4:8]))
	if j.name && h.Name != "" {
		name = h.Name
	}
	hb := hdrLen + 8
	j.listLine(crc, h.ModTime, mtime, size, usize, hb, name)
	j.totalIn += size
	j.totalOut += usize
	j.lastHeaderBytes = hb
	j.listed++
	return nil
}

// listLine prints one line of -l, after the column heads the first time.
func (j *job) listLine(crc uint32, stamp, mtime time.Time, in, out, hb int64, name string) {
	w := j.ctx.Stdout
	if !j.listHeaderPrinted {
		j.listHeaderPrinted = true
		if j.verbose {
			fmt.Fprint(w, "method  crc     date  time  ")
		}
		if !j.quiet {
			fmt.Fprintf(w, "%19s %19s  ratio uncompressed_name\n", "compressed", "uncompressed")
		}
	}
	if j.verbose {
		t := stamp
		if t.IsZero() {
			t = mtime
		}
		if crc == 0 && name == "(totals)" {
			fmt.Fprintf(w, "%28s", "")
		} else {
			t = t.In(datetime.Location(j.ctx.LookupEnv("TZ")))
			fmt.Fprintf(w, "%5s %08x %s%3d %02d:%02d ", "defla", crc, t.Month().String()[:3], t.Day(), t.Hour(), t.Minute())
		}
	}
	fmt.Fprintf(w, "%19d %19d %s %s\n", in, out, ratio(out-(in-hb), out), name)
}

// listTotals prints -l's totals line, with GNU gzip's quirk: the
// overhead of the last file only is taken off.
func (j *job) listTotals() {
	j.listLine(0, time.Time{}, time.Time{}, j.totalIn, j.totalOut, j.lastHeaderBytes, "(totals)")
}
