// Package dump is BusyBox's libbb/dump.c, the engine of hexdump, hd and
// xxd: format strings in hexdump's language (iteration and byte counts,
// printf conversions and %_a %_A %_c %_p %_u), applied block by block to
// the concatenation of the input files, with repeated blocks shown as
// "*" and the last one padded.
//
// It keeps BusyBox 1.36's behaviour where scripts could see it: only the
// first conversion of a format unit is printed (BusyBox links only the
// first print unit it makes, so '"%02x %02x"' prints one byte and the
// text up to the second '%'), though the others still count towards the
// block size and are checked; a skip exactly as long as a file dumps
// that file from its start; printf conversions musl rejects print
// nothing.
package dump

import (
	"strings"
)

// VFlag is the state of duplicate-line folding (-v).
type VFlag int

// The states of dump.c's dump_vflag.
const (
	All   VFlag = iota // show every block (-v)
	Dup                // in a run of equal blocks, "*" printed
	First              // nothing shown yet
	Wait               // a block shown: the next equal one prints "*"
)

// Print unit kinds (dump.c's F_ flags).
const (
	fAddress = 1 << iota // %_a, %_A
	fBpad                // padding past the end of the data
	fC                   // %_c
	fChar                // %c
	fDbl                 // %e %E %f %g %G
	fInt                 // %d %i
	fP                   // %_p
	fStr                 // %s
	fU                   // %_u
	fUint                // %o %u %x %X
	fText                // no conversion
)

// Format error is a bad format string, with BusyBox's message.
type FormatError struct{ Msg string }

func (e *FormatError) Error() string { return e.Msg }

func formatErr(msg string) error { return &FormatError{Msg: msg} }

// A Dumper holds format strings and the options of a dump.
type Dumper struct {
	Skip   int64 // bytes to skip before dumping (-s)
	Length int64 // bytes to dump (-n), -1 for all
	VFlag  VFlag
	// EOFString, when set, is printed instead of padding the last,
	// partial line, which then ends the dump (xxd).
	EOFString *string
	// DisplayOff is added to every address printed (xxd -o).
	DisplayOff int64
	// Address is where the dump ended, after Dump (xxd -i's length).
	Address int64

	fs    []*fs
	endfu *fu
	prep  bool
}

// New returns a Dumper with BusyBox's defaults: everything, with "*"
// for repeated blocks.
func New() *Dumper {
	return &Dumper{Length: -1, VFlag: First}
}

type fs struct {
	fus  []*fu
	bcnt int
}

type fu struct {
	reps   int
	bcnt   int
	setrep bool   // an iteration count was given
	ignore bool   // holds %_A: printed once, at the end
	fmt    []byte // the format, escapes done
	pr     *pr    // its first print unit, the only one BusyBox prints
}

type pr struct {
	flags   int
	bcnt    int
	fmt     []byte // text, '%', the conversion and the text after it
	pct     int    // where the '%' is
	cchar   int    // where the conversion character is
	nospace int    // a trailing blank left out on the last iteration, or -1
	spec    cspec
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// atoi is C's atoi on the digits at the start of s, saturating.
func atoi(s []byte) int {
	v := 0
	for _, c := range s {
		if !isDigit(c) {
			break
		}
		if v < 1<<31 {
			v = v*10 + int(c-'0')
		}
	}
	if v >= 1<<31 {
		// atoi's strtol result truncated to int, as on x86-64.
		v = int(int32(uint32(v)))
	}
	return v
}

// Add adds a format string (one -e, or one line of -f): format units,
// each "[iterations][/byte count] "format"", separated by blanks.
func (d *Dumper) Add(format string) error {
	f := &fs{}
	d.fs = append(d.fs, f)
	bad := func() error { return formatErr("bad format {" + format + "}") }
	p := 0
	for {
		p = skipSpace(format, p)
		if p >= len(format) {
			break
		}
		u := &fu{reps: 1}
		f.fus = append(f.fus, u)
		if isDigit(format[p]) {
			start := p
			for p < len(format) && isDigit(format[p]) {
				p++
			}
			if p >= len(format) || !isSpace(format[p]) && format[p] != '/' {
				return bad()
			}
			u.reps = atoi([]byte(format[start:p]))
			u.setrep = true
			p = skipSpace(format, p+1)
		}
		if p < len(format) && format[p] == '/' {
			p = skipSpace(format, p+1)
		}
		if p < len(format) && isDigit(format[p]) {
			start := p
			for p++; p < len(format) && isDigit(format[p]); p++ {
			}
			if p >= len(format) || !isSpace(format[p]) {
				return bad()
			}
			u.bcnt = atoi([]byte(format[start:p]))
			p = skipSpace(format, p+1)
		}
		if p >= len(format) || format[p] != '"' {
			return bad()
		}
		p++
		end := strings.IndexByte(format[p:], '"')
		if end < 0 {
			return bad()
		}
		u.fmt = unescape(format[p : p+end])
		p += end + 1
	}
	return nil
}

// unescape does BusyBox's escapes (bb_process_escape_sequence) in a
// format; a NUL ends it, as it ends the C string.
func unescape(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		c := s[i]
		i++
		if c == '\\' {
			c, i = escape(s, i)
		}
		if c == 0 {
			break
		}
		out = append(out, c)
	}
	return out
}

// escape reads the escape after a backslash at s[i:]: up to three octal
// digits (at most 255), x and one or two hex digits, or one of
// "abefnrtv\"; anything else is the backslash itself.
func escape(s string, i int) (byte, int) {
	base, n, digits := 8, 0, 0
	if i < len(s) && s[i] == 'x' {
		base, digits = 16, 1
		i++
	}
	for digits < 3 {
		d := 99
		if i < len(s) {
			switch c := s[i]; {
			case isDigit(c):
				d = int(c - '0')
			case c|0x20 >= 'a' && c|0x20 <= 'f':
				d = int(c|0x20-'a') + 10
			}
		}
		if d >= base {
			if base == 16 {
				digits--
				if digits == 0 {
					return '\\', i - 1 // "\x" not followed by hex: leave the x
				}
			}
			break
		}
		if n*base+d > 255 {
			break
		}
		n = n*base + d
		i++
		digits++
	}
	if digits > 0 {
		return byte(n), i
	}
	if i < len(s) {
		const from, to = "abefnrtv\\", "\a\b\x1b\f\n\r\t\v\\"
		if j := strings.IndexByte(from, s[i]); j >= 0 {
			return to[j], i + 1
		}
	}
	return '\\', i
}

// The byte counts each conversion allows (the first is its default).
var (
	countsChar  = []int{1}
	countsInt   = []int{4, 2, 1}
	countsFloat = []int{8, 4}
)

const flagChars = ".#-+ 0123456789"

// size is bb_dump_size: the bytes a format string takes per block.
func size(f *fs) int {
	total := 0
	for _, u := range f.fus {
		if u.bcnt != 0 {
			total += u.bcnt * u.reps
			continue
		}
		bcnt, prec := 0, 0
		s := u.fmt
		for i := 0; i < len(s); i++ {
			if s[i] != '%' {
				continue
			}
			i++
			for i < len(s) && strings.IndexByte(flagChars[1:], s[i]) >= 0 {
				i++
			}
			if i < len(s) && s[i] == '.' {
				i++
				if i < len(s) && isDigit(s[i]) {
					prec = atoi(s[i:])
					for i < len(s) && isDigit(s[i]) {
						i++
					}
				}
			}
			if i >= len(s) {
				break
			}
			switch c := s[i]; {
			case c == 'c':
				bcnt++
			case strings.IndexByte("diouxX", c) >= 0:
				bcnt += 4
			case strings.IndexByte("eEfgG", c) >= 0:
				bcnt += 8
			case c == 's':
				bcnt += prec
			case c == '_':
				i++
				if i < len(s) && (s[i] == 'c' || s[i] == 'p' || s[i] == 'u') {
					bcnt++
				}
			}
		}
		total += bcnt * u.reps
	}
	return total
}

// rewrite is dump.c's rewrite: it splits each format unit into print
// units, checks them, and works out byte and iteration counts.
func (d *Dumper) rewrite(f *fs, blocksize int) error {
	for _, u := range f.fus {
		s := u.fmt
		nconv := 0
		for fmtp := 0; fmtp < len(s); {
			p := &pr{nospace: -1}
			first := u.pr == nil
			if first {
				u.pr = p
			}
			pct := strings.IndexByte(string(s[fmtp:]), '%')
			if pct < 0 {
				p.fmt = s[fmtp:]
				p.flags = fText
				break
			}
			pct += fmtp
			p1 := pct + 1
			prec := -1
			if u.bcnt != 0 {
				for p1 < len(s) && strings.IndexByte(flagChars, s[p1]) >= 0 {
					p1++
				}
			} else {
				for p1 < len(s) && strings.IndexByte(flagChars[1:], s[p1]) >= 0 {
					p1++
				}
				if p1 < len(s) && s[p1] == '.' {
					p1++
					if p1 < len(s) && isDigit(s[p1]) {
						prec = atoi(s[p1:])
						for p1 < len(s) && isDigit(s[p1]) {
							p1++
						}
					}
				}
			}
			if p1 >= len(s) {
				// BusyBox reads on past the end of the string here.
				return formatErr("bad conversion character %")
			}
			p2 := p1 + 1
			badConv := func() error {
				return formatErr("bad conversion character %" + string(s[p1:]))
			}
			var counts []int
			switch c := s[p1]; {
			case c == 'c':
				p.flags, counts = fChar, countsChar
			case c == 'l' || strings.IndexByte("diouxX", c) >= 0:
				if c == 'l' {
					p1++
					p2++
					if p1 >= len(s) || strings.IndexByte("diouxX", s[p1]) < 0 {
						return badConv()
					}
					c = s[p1]
				}
				p.flags, counts = fUint, countsInt
				if c == 'd' || c == 'i' {
					p.flags = fInt
				}
			case strings.IndexByte("eEfgG", c) >= 0:
				p.flags, counts = fDbl, countsFloat
			case c == 's':
				p.flags = fStr
				p.bcnt = u.bcnt
				if u.bcnt == 0 {
					if prec < 0 {
						return formatErr("%s needs precision or byte count")
					}
					p.bcnt = prec
				}
			case c == '_':
				p2++
				next := byte(0)
				if p1+1 < len(s) {
					next = s[p1+1]
				}
				switch next {
				case 'A', 'a':
					if next == 'A' {
						d.endfu = u
						u.ignore = true
					}
					p.flags = fAddress
					p2++
					if p1+2 >= len(s) || s[p1+2] != 'd' && s[p1+2] != 'o' && s[p1+2] != 'x' {
						return badConv()
					}
					s[p1], s[p1+1] = 'l', 'l'
					p1 += 2
				case 'c':
					p.flags, counts = fC, countsChar
				case 'p':
					p.flags, counts = fP, countsChar
					s[p1] = 'c'
				case 'u':
					p.flags, counts = fU, countsChar
				default:
					return badConv()
				}
			default:
				return badConv()
			}
			if counts != nil {
				p.bcnt = counts[0]
				if u.bcnt != 0 {
					ok := false
					for _, n := range counts {
						if u.bcnt == n {
							ok = true
						}
					}
					if !ok {
						return formatErr("bad byte count for conversion character " + string(s[p1:]))
					}
					p.bcnt = u.bcnt
				}
			}
			// The print unit's format: from fmtp through the conversion
			// character, then the text up to the next '%'.
			p3 := p2
			for p3 < len(s) && s[p3] != '%' {
				p3++
			}
			p.fmt = append(append([]byte(nil), s[fmtp:p1+1]...), s[min(p2, p3):p3]...)
			p.pct = pct - fmtp
			p.cchar = p1 - fmtp
			fmtp = p3
			if p.flags != fAddress && u.bcnt != 0 {
				if nconv > 0 {
					return formatErr("byte count with multiple conversion characters")
				}
				nconv++
			}
		}
		if u.bcnt == 0 && u.pr != nil {
			u.bcnt = u.pr.bcnt
		}
	}
	// Repeat the last unit to fill the block, if it takes data and has
	// no iteration count; the last iteration of a unit leaves out one
	// trailing blank ("2/1 "%02x "" prints "XX XX").
	for i, u := range f.fus {
		if i == len(f.fus)-1 && f.bcnt < blocksize && !u.setrep && u.bcnt != 0 {
			u.reps += (blocksize - f.bcnt) / u.bcnt
		}
		if u.reps > 1 && u.pr != nil {
			if n := len(u.pr.fmt); n > 0 && isSpace(u.pr.fmt[n-1]) {
				u.pr.nospace = n - 1
			}
		}
	}
	for _, u := range f.fus {
		if u.pr != nil && u.pr.flags != fText {
			u.pr.spec = parseSpec(u.pr.fmt, u.pr.pct, u.pr.cchar)
		}
	}
	return nil
}

// prepare computes the block size and rewrites the formats, once.
func (d *Dumper) prepare() (int, error) {
	blocksize := 0
	for _, f := range d.fs {
		f.bcnt = size(f)
		blocksize = max(blocksize, f.bcnt)
	}
	if !d.prep {
		for _, f := range d.fs {
			if err := d.rewrite(f, blocksize); err != nil {
				return 0, err
			}
		}
		d.prep = true
	}
	return blocksize, nil
}

// Check reports the first error in the format strings, as BusyBox
// finds them before it reads any input.
func (d *Dumper) Check() error {
	_, err := d.prepare()
	return err
}
