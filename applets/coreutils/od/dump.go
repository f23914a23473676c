package od

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/rofile"
)

// address is how line addresses are printed (-A, --traditional).
type address struct {
	none   bool  // -A n
	base   int   // 8, 10 or 16
	width  int   // zero-padded to this many digits
	pad    int   // spaces before the second and later types of a line
	garble bool  // -A '': octal, unpadded, then "lo" (see set)
	paren  bool  // --traditional with a label and -A n: "(ADDR)"
	label  bool  // --traditional with a label: "ADDR (LABEL)"
	pseudo int64 // the label's distance from the address
}

// set reads -A's radix: its first character, one of d o x n.
func (a *address) set(s string) error {
	if s == "" {
		// BusyBox finds the string's terminating NUL among "doxn" and
		// takes what lies beyond its tables in Alpine's binary: an
		// octal address without padding, followed by "lo", and 63
		// spaces before the second type of a line (the table of
		// radix letters, "uox", follows the table of pads, "776").
		*a = address{garble: true, pad: 63}
		return nil
	}
	switch s[0] {
	case 'd':
		*a = address{base: 10, width: 7, pad: 7}
	case 'o':
		*a = address{base: 8, width: 7, pad: 7}
	case 'x':
		*a = address{base: 16, width: 6, pad: 6}
	case 'n':
		// The pad is beyond BusyBox's three-entry table too: 'u' - '0'.
		*a = address{none: true, pad: 69}
	default:
		return applet.Errorf("bad output address radix '%c' (must be [doxn])", s[0])
	}
	return nil
}

// appendStd is format_address_std: the address, then c unless it is 0.
func (a *address) appendStd(b []byte, addr int64, c byte) []byte {
	u := uint64(addr)
	if a.garble {
		b = strconv.AppendUint(b, u, 8)
		b = append(b, 'l', 'o')
	} else {
		var num [24]byte
		b = padLeft(b, strconv.AppendUint(num[:0], u, a.base), a.width, '0')
	}
	if c != 0 {
		b = append(b, c)
	}
	return b
}

// appendAddr appends the address of a line (c is 0) or of the end (c
// is '\n'), or of a string (c is ' ').
func (a *address) appendAddr(b []byte, addr int64, c byte) []byte {
	switch {
	case a.none:
		return b
	case a.paren:
		b = append(b, '(')
		b = a.appendStd(b, addr, ')')
	case a.label:
		b = a.appendStd(b, addr, ' ')
		b = append(b, '(')
		b = a.appendStd(b, addr+a.pseudo, ')')
	default:
		return a.appendStd(b, addr, c)
	}
	if c != 0 {
		b = append(b, c)
	}
	return b
}

// input is the concatenation of the files od reads, as od_bloaty.c's
// open_next_file, check_and_close and read_block walk it.
type input struct {
	ctx     *applet.Ctx
	names   []string
	limited bool  // -N: read no byte past end
	end     int64 // with limited: the offset where reading stops
	status  int
	// w is flushed before a message, as BusyBox's messages flush
	// stdout, so that output and messages keep their order.
	w *bufio.Writer

	cur     io.Reader // the open file, nil when all are read
	file    *os.File  // cur's file, for fstat and seek; nil for another reader
	name    string
	closeIt bool
	rerr    bool // cur met a read error
	isStdin bool
	// stdinEOF: standard input has ended; a second "-" reads nothing,
	// as musl's sticky end-of-file flag has it.
	stdinEOF bool

	pos    int64 // the offset of the next byte handed out
	buf    []byte
	bs, be int // buf[bs:be] is read but not handed out
}

// openNext opens the next file that opens, reporting those that do not;
// cur is nil when there is none.
func (in *input) openNext() {
	for len(in.names) > 0 {
		name := in.names[0]
		in.names = in.names[1:]
		in.name, in.rerr, in.bs, in.be = name, false, 0, 0
		if name == "-" {
			in.cur, in.file, in.closeIt, in.isStdin = in.ctx.Stdin, in.ctx.File(0), false, true
			if in.stdinEOF {
				in.cur = eofReader{}
			}
			return
		}
		f, err := rofile.Open(in.ctx.Path(name))
		if err != nil {
			in.w.Flush()
			in.ctx.Perror(err, "%s", name)
			in.status = 1
			continue
		}
		in.cur, in.file, in.closeIt, in.isStdin = f, f, true, false
		return
	}
	in.cur, in.file = nil, nil
}

// checkAndClose reports a read error of the current file and closes it.
func (in *input) checkAndClose() {
	if in.cur == nil {
		return
	}
	if in.rerr {
		name := in.name
		if name == "-" {
			name = "standard input"
		}
		in.w.Flush()
		in.ctx.Warnf("%s: read error", name)
		in.status = 1
	}
	if in.closeIt {
		in.file.Close()
	}
	in.cur, in.file = nil, nil
}

// fill reads more of the current file into the buffer, never past end
// with -N (so that a shell's next command reads the rest). It reports
// false at the file's end or error.
func (in *input) fill() bool {
	if in.buf == nil {
		in.buf = in.ctx.Buf(64 << 10)
	}
	in.bs, in.be = 0, 0
	n := len(in.buf)
	if in.limited {
		if left := in.end - in.pos; left < int64(n) {
			n = int(max(left, 0))
		}
		if n == 0 {
			return false
		}
	}
	for {
		if in.ctx.Cancelled() {
			return false
		}
		got, err := in.cur.Read(in.buf[:n])
		if got > 0 {
			in.be = got
			return true
		}
		if err == io.EOF || err == nil && n == 0 {
			if in.isStdin {
				in.stdinEOF = true
			}
			return false
		}
		if err != nil {
			in.rerr = true
			return false
		}
	}
}

// read copies up to len(p) bytes of the current file into p.
func (in *input) read(p []byte) int {
	if in.bs == in.be && !in.fill() {
		return 0
	}
	n := copy(p, in.buf[in.bs:in.be])
	in.bs += n
	in.pos += int64(n)
	return n
}

// readBlock fills p from the files in turn and returns how many bytes it
// got: fewer only at the end of the last.
func (in *input) readBlock(p []byte) int {
	got := 0
	for in.cur != nil && got < len(p) {
		n := in.read(p[got:])
		got += n
		if n == 0 {
			in.checkAndClose()
			in.openNext()
		}
	}
	return got
}

// getc returns the next byte of the files, false at the end of the last.
func (in *input) getc() (byte, bool) {
	for in.cur != nil {
		if in.bs < in.be || in.fill() {
			c := in.buf[in.bs]
			in.bs++
			in.pos++
			return c, true
		}
		in.checkAndClose()
		in.openNext()
	}
	return 0, false
}

// skip is od_bloaty.c's skip: a regular file no larger than what is
// left to skip is passed by its size, a larger one seeked in, anything
// else read.
func (in *input) skip(n int64) error {
	if n == 0 {
		return nil
	}
	var discard [4096]byte
	for in.cur != nil {
		var st unix.Stat_t
		if in.file != nil && unix.Fstat(int(in.file.Fd()), &st) == nil &&
			st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size > 0 {
			if st.Size >= n {
				if _, err := in.file.Seek(n, io.SeekCurrent); err != nil {
					in.status = 1
				}
				in.pos += n
				return nil
			}
			n -= st.Size
			in.pos += st.Size
		} else {
			for n > 0 {
				want := int64(len(discard))
				if n < want {
					want = n
				}
				got := in.read(discard[:want])
				n -= int64(got)
				if got == 0 {
					break
				}
			}
		}
		if n == 0 {
			return nil
		}
		in.checkAndClose()
		in.openNext()
	}
	return applet.Errorf("can't skip past end of combined input")
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// dumper writes od's output.
type dumper struct {
	ctx       *applet.Ctx
	in        *input
	w         *bufio.Writer
	specs     []spec
	addr      address
	lcm       int
	bpb       int   // bytes per line
	stringMin int64 // -S

	all           bool // -v
	notFirst      bool
	prevPairEqual bool
	line          []byte
}

// dump is od_bloaty.c's dump: lines of bpb bytes from offset cur, the
// last one padded with zeros to a multiple of every type's size, then
// the end address.
func (d *dumper) dump(cur, end int64, limited bool) error {
	blocks := make([]byte, 2*d.bpb)
	curb, prev := blocks[:d.bpb], blocks[d.bpb:]
	n := 0
	for i := 0; ; i++ {
		need := d.bpb
		if limited {
			if cur >= end {
				n = 0
				break
			}
			if end-cur < int64(need) {
				need = int(end - cur)
			}
		}
		n = d.in.readBlock(curb[:need])
		if n < d.bpb {
			break
		}
		if err := d.writeBlock(cur, n, prev, curb); err != nil {
			return err
		}
		cur += int64(n)
		curb, prev = prev, curb
		if i&255 == 255 && d.ctx.Cancelled() {
			d.w.Flush()
			return applet.Exit(130)
		}
	}
	if d.ctx.Cancelled() {
		d.w.Flush()
		return applet.Exit(130)
	}
	if n > 0 {
		toWrite := d.lcm * ((n + d.lcm - 1) / d.lcm)
		clear(curb[n:toWrite])
		if err := d.writeBlock(cur, toWrite, prev, curb); err != nil {
			return err
		}
		cur += int64(n)
	}
	d.line = d.addr.appendAddr(d.line[:0], cur, '\n')
	if _, err := d.w.Write(d.line); err != nil {
		return applet.Perror(err, "write error")
	}
	if limited && cur >= end {
		d.in.checkAndClose()
	}
	return nil
}

// writeBlock is write_block: the n bytes of curr in every type, or "*"
// for the first of a run of lines equal to the one before.
func (d *dumper) writeBlock(addr int64, n int, prev, curr []byte) error {
	if !d.all && d.notFirst && n == d.bpb && bytes.Equal(prev[:n], curr[:n]) {
		if !d.prevPairEqual {
			d.prevPairEqual = true
			if _, err := d.w.WriteString("*\n"); err != nil {
				return applet.Perror(err, "write error")
			}
		}
		return nil
	}
	d.notFirst, d.prevPairEqual = true, false
	b := d.line[:0]
	for i := range d.specs {
		sp := &d.specs[i]
		if i == 0 {
			b = d.addr.appendAddr(b, addr, 0)
		} else {
			for range d.addr.pad {
				b = append(b, ' ')
			}
		}
		b = sp.appendData(b, curr[:n])
		if sp.hexl {
			blank := (d.bpb - n) / sp.size * (sp.width + 1)
			for range blank {
				b = append(b, ' ')
			}
			b = append(b, ' ', ' ', '>')
			for _, c := range curr[:n] {
				if c < ' ' || c >= 0x7f {
					c = '.'
				}
				b = append(b, c)
			}
			b = append(b, '<')
		}
		b = append(b, '\n')
	}
	d.line = b
	if _, err := d.w.Write(b); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// dumpStrings is dump_strings (-S): each run of at least stringMin
// printable characters ended by a NUL, with its address.
func (d *dumper) dumpStrings(address, end int64) error {
	limited := d.in.limited
	var buf []byte
	for {
		if limited && end-d.stringMin <= address {
			break
		}
		buf = buf[:0]
		printable := true
		for !limited || address < end {
			c, ok := d.in.getc()
			if !ok {
				return nil
			}
			address++
			if c == 0 {
				break
			}
			if c < ' ' || c >= 0x7f {
				printable = false
				break
			}
			buf = append(buf, c)
		}
		if !printable || int64(len(buf)) < d.stringMin {
			continue
		}
		b := d.addr.appendAddr(d.line[:0], address-int64(len(buf))-1, ' ')
		b = append(b, buf...)
		b = append(b, '\n')
		d.line = b
		if _, err := d.w.Write(b); err != nil {
			return applet.Perror(err, "write error")
		}
		if d.ctx.Cancelled() {
			d.w.Flush()
			return applet.Exit(130)
		}
	}
	d.in.checkAndClose()
	return nil
}
