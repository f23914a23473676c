package dump

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/rofile"
)

// run is one dump in progress: dump.c's priv_dumper_t.
type run struct {
	*Dumper
	ctx       *applet.Ctx
	w         *bufio.Writer
	names     []string
	blocksize int
	status    int

	in       io.Reader // the open input
	file     *os.File  // in's file, for fstat and seek, if it is one
	closeIn  func()
	inName   string
	nextDone bool
	ateof    bool

	address, savaddress, eaddress int64
	curp, savp                    []byte
	line                          []byte
}

// Dump prints the files (standard input when there are none) by the
// format strings and returns the exit status: 1 when a file could not
// be opened. Output goes through w, which it flushes before every
// message. A format error, a failed seek and a failed write end it with
// an error.
func (d *Dumper) Dump(ctx *applet.Ctx, w *bufio.Writer, files []string) (int, error) {
	blocksize, err := d.prepare()
	if err != nil {
		return 1, err
	}
	r := &run{Dumper: d, ctx: ctx, w: w, names: files, blocksize: blocksize, ateof: true}
	err = r.display()
	if r.closeIn != nil {
		r.closeIn()
	}
	d.Address = r.address
	if err == nil && ctx.Cancelled() {
		err = applet.Exit(130)
	}
	if err == nil {
		if ferr := w.Flush(); ferr != nil {
			err = applet.Perror(ferr, "write error")
		}
	}
	return r.status, err
}

// warn prints a message about the input, after what is buffered.
func (r *run) warn(err error, name string) {
	r.w.Flush()
	r.ctx.Perror(err, "%s", name)
}

// next is dump.c's next: it opens the next file that opens (standard
// input when none were named) and skips into it. It reports false when
// there is none.
func (r *run) next() (bool, error) {
	for {
		name := ""
		if len(r.names) > 0 {
			name = r.names[0]
			r.names = r.names[1:]
			if name != "-" {
				f, err := rofile.Open(r.ctx.Path(name))
				if err != nil {
					r.warn(err, name)
					r.status = 1
					r.nextDone = true
					continue
				}
				if r.closeIn != nil {
					r.closeIn()
				}
				r.in, r.file, r.closeIn = f, f, func() { f.Close() }
			} else {
				r.useStdin()
			}
			r.inName = name
		} else {
			if r.nextDone {
				return false, nil
			}
			r.useStdin()
			r.inName = "stdin"
		}
		r.nextDone = true
		if r.Skip != 0 {
			if err := r.doSkip(); err != nil {
				return false, err
			}
		}
		if r.Skip == 0 {
			return true, nil
		}
	}
}

func (r *run) useStdin() {
	if r.closeIn != nil {
		r.closeIn()
		r.closeIn = nil
	}
	r.in, r.file = r.ctx.Stdin, r.ctx.File(0)
}

// doSkip is do_skip: a regular file no longer than what is left to skip
// is passed by its size (not read, not seeked: if the skip ends exactly
// at its end, BusyBox dumps it from its start); otherwise the skip is an
// absolute seek, which fails on a pipe.
func (r *run) doSkip() error {
	if r.file != nil {
		var st unix.Stat_t
		if err := unix.Fstat(int(r.file.Fd()), &st); err != nil {
			r.w.Flush()
			return applet.Perror(err, "%s", r.inName)
		}
		if st.Mode&unix.S_IFMT == unix.S_IFREG && r.Skip >= st.Size {
			r.Skip -= st.Size
			r.address += st.Size
			return nil
		}
	}
	// Only a file can seek: another reader is a pipe to BusyBox.
	var err error = syscall.ESPIPE
	if r.file != nil {
		_, err = r.file.Seek(r.Skip, io.SeekStart)
	}
	if err != nil {
		r.w.Flush()
		return applet.Perror(err, "%s", r.inName)
	}
	r.address += r.Skip
	r.savaddress = r.address
	r.Skip = 0
	return nil
}

// read fills p from the current input as fread does: short only at its
// end or at an error, which it returns.
func (r *run) read(p []byte) (int, error) {
	got := 0
	for got < len(p) {
		if r.ctx.Cancelled() {
			return got, nil
		}
		n, err := r.in.Read(p[got:])
		got += n
		if err == io.EOF {
			break
		}
		if err != nil {
			return got, err
		}
	}
	return got, nil
}

// get is dump.c's get: the next block to display, nil at the end. It
// prints "*" for the first of a run of blocks equal to the one before,
// and pads the last block with zeros, marking where the data ends.
func (r *run) get() ([]byte, error) {
	bs := r.blocksize
	if r.curp == nil {
		r.address = 0
		r.curp = make([]byte, bs)
		r.savp = make([]byte, bs)
	} else {
		r.curp, r.savp = r.savp, r.curp
		r.savaddress += int64(bs)
		r.address = r.savaddress
	}
	need, nread := bs, 0
	for {
		if r.ctx.Cancelled() {
			return nil, nil
		}
		if r.Length == 0 || r.ateof {
			more := false
			if r.Length != 0 {
				var err error
				if more, err = r.next(); err != nil {
					return nil, err
				}
			}
			if !more {
				if need == bs {
					return nil, nil
				}
				if r.VFlag != All && r.VFlag != First && bytes.Equal(r.curp[:nread], r.savp[:nread]) {
					if r.VFlag != Dup {
						if _, err := r.w.WriteString("*\n"); err != nil {
							return nil, err
						}
					}
				}
				clear(r.curp[nread:])
				r.eaddress = r.address + int64(nread)
				return r.curp, nil
			}
		}
		want := need
		if r.Length != -1 && int64(want) > r.Length {
			want = int(r.Length)
		}
		n, err := r.read(r.curp[nread : nread+want])
		if n == 0 {
			if err != nil {
				r.warn(err, r.inName)
			}
			r.ateof = true
			continue
		}
		r.ateof = false
		if r.Length != -1 {
			r.Length -= int64(n)
		}
		need -= n
		if need > 0 {
			nread += n
			continue
		}
		if r.VFlag == All || r.VFlag == First || !bytes.Equal(r.curp, r.savp) {
			if r.VFlag == Dup || r.VFlag == First {
				r.VFlag = Wait
			}
			return r.curp, nil
		}
		if r.VFlag == Wait {
			if _, err := r.w.WriteString("*\n"); err != nil {
				return nil, err
			}
		}
		r.VFlag = Dup
		r.savaddress += int64(bs)
		r.address = r.savaddress
		need, nread = bs, 0
	}
}

// display is dump.c's display: every block through every format
// string, then the end address of a %_A unit.
func (r *run) display() error {
	for {
		bp, err := r.get()
		if err != nil {
			return writeErr(err)
		}
		if bp == nil {
			break
		}
		saveAddress := r.address
		for _, f := range r.fs {
			r.address = saveAddress
			b := bp
			for _, u := range f.fus {
				if u.ignore {
					break
				}
				for cnt := u.reps; cnt > 0; cnt-- {
					p := u.pr
					if p == nil {
						continue
					}
					if r.eaddress != 0 && r.address >= r.eaddress {
						if r.EOFString != nil {
							if _, err := r.w.WriteString(*r.EOFString); err != nil {
								return writeErr(err)
							}
							return nil
						}
						if p.flags&(fText|fBpad) == 0 {
							p.bpad()
						}
					}
					r.line = p.print(r.line[:0], cnt == 1, b, uint64(r.address+r.DisplayOff))
					if _, err := r.w.Write(r.line); err != nil {
						return writeErr(err)
					}
					r.address += int64(p.bcnt)
					b = b[min(p.bcnt, len(b)):]
				}
			}
		}
	}
	if r.ctx.Cancelled() {
		return nil
	}
	if r.endfu != nil {
		if r.eaddress == 0 {
			if r.address == 0 {
				return nil
			}
			r.eaddress = r.address
		}
		if p := r.endfu.pr; p != nil && (p.flags == fAddress || p.flags == fText) {
			r.line = p.print(r.line[:0], false, nil, uint64(r.eaddress+r.DisplayOff))
			if _, err := r.w.Write(r.line); err != nil {
				return writeErr(err)
			}
		}
	}
	return nil
}

func writeErr(err error) error {
	var ee *applet.ExitError
	if errors.As(err, &ee) {
		return err
	}
	return applet.Perror(err, "write error")
}

// bpad turns a conversion past the end of the data into blanks: %s of
// "", without the flags (its width stays).
func (p *pr) bpad() {
	p.flags = fBpad
	p.fmt[p.cchar] = 's'
	i := p.pct + 1
	j := i
	for j < len(p.fmt) && j < p.cchar && bytes.IndexByte([]byte(" -0+#"), p.fmt[j]) >= 0 {
		j++
	}
	removed := j - i
	p.fmt = append(p.fmt[:i], p.fmt[j:]...)
	p.cchar -= removed
	if p.nospace >= 0 {
		p.nospace -= removed
	}
	p.spec = parseSpec(p.fmt, p.pct, p.cchar)
}

// uNames are %_u's names for the control characters, as BusyBox spells
// them ("dcl" included).
const uNames = "nul\x00soh\x00stx\x00etx\x00eot\x00enq\x00ack\x00bel\x00bs\x00\x00ht\x00\x00lf\x00\x00vt\x00\x00ff\x00\x00cr\x00\x00so\x00\x00si\x00\x00" +
	"dle\x00dcl\x00dc2\x00dc3\x00dc4\x00nak\x00syn\x00etb\x00can\x00em\x00\x00sub\x00esc\x00fs\x00\x00gs\x00\x00rs\x00\x00us\x00\x00"

// print appends one print unit's output for the data at bp (address
// addr); last is the unit's last iteration, which drops its trailing
// blank.
func (p *pr) print(out []byte, last bool, bp []byte, addr uint64) []byte {
	f := p.fmt
	if last && p.nospace >= 0 {
		f = f[:p.nospace]
	}
	if p.flags == fText {
		return append(out, f...)
	}
	s := &p.spec
	if !s.ok {
		return out // musl's printf rejects the whole format
	}
	out = append(out, f[:p.pct]...)
	conv := f[p.cchar]
	switch p.flags {
	case fAddress:
		out = s.appendNum(out, conv, addr, 64)
	case fBpad:
		out = s.appendString(out, nil)
	case fC:
		c := byteAt(bp, 0)
		esc := byte(0)
		switch c {
		case 0:
			esc = '0'
		case '\a':
			esc = 'a'
		case '\b':
			esc = 'b'
		case '\f':
			esc = 'f'
		case '\n':
			esc = 'n'
		case '\r':
			esc = 'r'
		case '\t':
			esc = 't'
		case '\v':
			esc = 'v'
		}
		switch {
		case esc != 0:
			out = s.appendString(out, []byte{'\\', esc})
		case c >= ' ' && c < 0x7f:
			out = s.appendChar(out, c)
		default:
			out = s.appendString(out, []byte{'0' + c>>6, '0' + c>>3&7, '0' + c&7})
		}
	case fChar:
		out = s.appendChar(out, byteAt(bp, 0))
	case fP:
		c := byteAt(bp, 0)
		if c < ' ' || c >= 0x7f {
			c = '.'
		}
		out = s.appendChar(out, c)
	case fU:
		c := byteAt(bp, 0)
		switch {
		case c <= 0x1f:
			name := uNames[4*int(c):]
			out = s.appendString(out, []byte(name[:bytes.IndexByte([]byte(name), 0)]))
		case c == 0x7f:
			out = s.appendString(out, []byte("del"))
		case c < 0x7f:
			out = s.appendChar(out, c)
		default:
			out = s.appendNum(out, 'x', uint64(c), 32)
		}
	case fStr:
		// %s reads to a NUL, past its byte count if need be (to the
		// end of the block here, where BusyBox reads on).
		str := bp
		if i := bytes.IndexByte(str, 0); i >= 0 {
			str = str[:i]
		}
		out = s.appendString(out, str)
	case fDbl:
		var v float64
		w := word(bp)
		if p.bcnt == 4 {
			v = float64(math.Float32frombits(binary.LittleEndian.Uint32(w[:])))
		} else {
			v = math.Float64frombits(binary.LittleEndian.Uint64(w[:]))
		}
		out = s.appendFloat(out, conv, v)
	case fInt, fUint:
		var v uint64
		w := word(bp)
		switch p.bcnt {
		case 1:
			v = uint64(w[0])
		case 2:
			v = uint64(binary.LittleEndian.Uint16(w[:]))
			if p.flags == fInt {
				v = uint64(int64(int16(v)))
			}
		default:
			v = uint64(binary.LittleEndian.Uint32(w[:]))
			if p.flags == fInt {
				v = uint64(int64(int32(v)))
			}
		}
		out = s.appendNum(out, conv, v, 32)
	}
	return append(out, f[p.cchar+1:]...)
}

// byteAt returns bp[i], or 0 past its end (where a block that BusyBox
// sized too small ends).
func byteAt(bp []byte, i int) byte {
	if i < len(bp) {
		return bp[i]
	}
	return 0
}

// word returns the first 8 bytes of bp, zero-padded.
func word(bp []byte) (w [8]byte) {
	copy(w[:], bp)
	return w
}

// appendNum formats an integer argument of bits bits (32 for an int, 64
// for an address) by conv; with an 'l' modifier a 32-bit argument is
// read zero-extended, as from the register C passed it in.
func (s *cspec) appendNum(b []byte, conv byte, v uint64, bits int) []byte {
	if bits == 32 {
		if s.long > 0 {
			v = uint64(uint32(v))
		} else if conv == 'd' || conv == 'i' {
			v = uint64(int64(int32(v)))
		} else {
			v = uint64(uint32(v))
		}
	}
	switch conv {
	case 'd', 'i':
		if int64(v) < 0 {
			return s.appendInt(b, conv, true, -v)
		}
		return s.appendInt(b, conv, false, v)
	case 'o', 'u', 'x', 'X':
		return s.appendInt(b, conv, false, v)
	case 'c':
		return s.appendChar(b, byte(v))
	case 's':
		return s.appendString(b, nil)
	}
	return b
}
