// Package tr is the tr applet: BusyBox's tr, which copies standard input
// to standard output translating the bytes of STRING1 into those of
// STRING2 (padded with its last byte), deleting them (-d), squeezing
// runs of the output's repeated bytes (-s) or using the complement of
// STRING1 (-c, -C).
//
// The strings are expanded as BusyBox expands them: backslash escapes
// (\n, \t, \\, octal, \xHH; any other backslash stands for itself),
// ranges (a-z; one that goes down is empty), the classes [:alpha:]
// [:alnum:] [:digit:] [:lower:] [:upper:] [:space:] [:blank:] [:punct:]
// [:cntrl:] [:xdigit:] and [=c=]; anything else with a bracket is
// itself, so [x*n] has no special meaning. tr works on bytes, whatever
// the locale.
package tr

import (
	"io"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is tr's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "tr",
	Path:  "/usr/bin",
	Usage: "[-cds] STRING1 [STRING2]",
	Help: `Translate, squeeze, or delete characters from stdin, writing to stdout

	-c	Take complement of STRING1
	-d	Delete input characters coded STRING1
	-s	Squeeze multiple output characters of STRING2 into one character`,
	Options: &opt.Spec{Short: "Ccds", StopAtOperand: true, MinArgs: 1, Undocumented: "C"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	set1, err := expand(r.Args[0])
	if err != nil {
		return err
	}
	if r.Has("c") || r.Has("C") {
		set1 = complement(set1)
	}
	var vector [256]byte
	for i := range vector {
		vector[i] = byte(i)
	}
	var in1, in2 [256]bool
	for _, c := range set1 {
		in1[c] = true
	}
	if len(r.Args) > 1 {
		if r.Args[1] == "" {
			return applet.Errorf("STRING2 cannot be empty")
		}
		set2, err := expand(r.Args[1])
		if err != nil {
			return err
		}
		// STRING2 is padded with its last byte ('0' if it expanded
		// to nothing, as in BusyBox).
		last := byte('0')
		for i, c := range set1 {
			if i < len(set2) {
				last = set2[i]
			}
			vector[c] = last
		}
		for _, c := range set2 {
			in2[c] = true
		}
	}
	t := &translator{vector: vector, in1: in1, in2: in2, del: r.Has("d"), squeeze: r.Has("s"), last: -1}
	return t.copy(ctx)
}

// translator is tr's table and state.
type translator struct {
	vector       [256]byte
	in1, in2     [256]bool // in STRING1, in STRING2
	del, squeeze bool
	last         int // the last byte written, or -1
}

// copy translates standard input to standard output.
func (t *translator) copy(ctx *applet.Ctx) error {
	in := ctx.Buf(32 << 10)
	out := ctx.Buf(32 << 10)[:0]
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		n, err := ctx.Stdin.Read(in)
		out = out[:0]
		for _, c := range in[:n] {
			if t.del && t.in1[c] {
				continue
			}
			coded := t.vector[c]
			if t.squeeze && t.last == int(coded) && (t.in1[c] || t.in2[coded]) {
				continue
			}
			out = append(out, coded)
			t.last = int(coded)
		}
		if len(out) > 0 {
			if _, werr := ctx.Stdout.Write(out); werr != nil {
				return applet.Perror(werr, "write error")
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return applet.Perror(err, "read error")
		}
	}
}

// complement returns the bytes not in set, in ascending order.
func complement(set []byte) []byte {
	var in [256]bool
	for _, c := range set {
		in[c] = true
	}
	var out []byte
	for c := range 256 {
		if !in[c] {
			out = append(out, byte(c))
		}
	}
	return out
}

// expand expands a STRING as BusyBox's tr does (see the package doc).
// It works on a copy of s, which it rewrites in place as BusyBox does:
// an escape is replaced by the byte it stands for, which may then start
// a range.
func expand(s string) ([]byte, error) {
	arg := []byte(s)
	at := func(i int) byte { // arg as a C string: NUL past its end
		if i < len(arg) {
			return arg[i]
		}
		return 0
	}
	var out []byte
	for i := 0; i < len(arg); {
		if arg[i] == '\\' {
			c, n := escape(arg[i+1:])
			i += n
			arg[i] = c
		}
		if at(i+1) == '-' {
			if i+2 >= len(arg) {
				// "x-" at the end: both are themselves.
				out = append(out, arg[i])
				i++
				continue
			}
			lo, hi := int(arg[i]), arg[i+2]
			i += 3
			if hi == '\\' {
				c, n := escape(arg[i:])
				hi = c
				i += n
			}
			for c := lo; c <= int(hi); c++ {
				out = append(out, byte(c))
			}
			continue
		}
		if arg[i] == '[' {
			switch at(i + 1) {
			case ':':
				name := arg[i+2:]
				n := 7
				if at(i+2) == 'x' {
					n = 8
				}
				if class, ok := classes(string(name[:min(n, len(name))])); ok {
					out = append(out, class...)
					i += 2 + n
					continue
				}
			case '=':
				c := at(i + 2)
				if i+2 >= len(arg) || at(i+3) != '=' || at(i+4) != ']' {
					return nil, &applet.UsageError{}
				}
				out = append(out, c)
				i += 5
				continue
			}
		}
		out = append(out, arg[i])
		i++
	}
	return out, nil
}

// classes returns the bytes of the class whose name (with its ":]") is
// name, in BusyBox's order.
func classes(name string) ([]byte, bool) {
	var out []byte
	span := func(lo, hi byte) {
		for c := lo; c <= hi; c++ {
			out = append(out, c)
		}
	}
	switch name {
	case "alpha:]":
		span('A', 'Z')
		span('a', 'z')
	case "alnum:]":
		span('0', '9')
		span('A', 'Z')
		span('a', 'z')
	case "digit:]":
		span('0', '9')
	case "lower:]":
		span('a', 'z')
	case "upper:]":
		span('A', 'Z')
	case "space:]":
		out = append(out, '\t', '\n', '\v', '\f', '\r', ' ')
	case "blank:]":
		out = append(out, '\t', ' ')
	case "punct:]":
		for c := byte(0x21); c < 0x7f; c++ {
			if !isAlnum(c) {
				out = append(out, c)
			}
		}
	case "cntrl:]":
		span(0, 0x1f)
		out = append(out, 0x7f)
	case "xdigit:]":
		span('0', '9')
		span('A', 'F')
		span('a', 'f')
	default:
		return nil, false
	}
	return out, true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// escape decodes the escape sequence at the start of s (what follows a
// backslash), as bb_process_escape_sequence does, and returns the byte
// and how much of s it took: octal (up to three digits, at most 255),
// \xHH, or one of \a \b \e \f \n \r \t \v \\; anything else is a
// backslash, taking nothing.
func escape(s []byte) (byte, int) {
	base, digits, n, i := 8, 0, 0, 0
	if len(s) > 0 && s[0] == 'x' {
		base, digits, i = 16, 1, 1
	}
	for ; i < len(s) && digits < 3; digits++ {
		d := digitVal(s[i])
		if d >= base || n*base+d > 255 {
			break
		}
		n = n*base + d
		i++
	}
	if base == 16 && i == 1 {
		return '\\', 0 // \x without a hex digit: the backslash alone
	}
	if i > 0 {
		return byte(n), i
	}
	if len(s) > 0 {
		const from, to = "abefnrtv\\", "\a\b\x1b\f\n\r\t\v\\"
		for j := 0; j < len(from); j++ {
			if s[0] == from[j] {
				return to[j], 1
			}
		}
	}
	return '\\', 0
}

// digitVal is the value of c as a digit in any base up to 16, or 16.
func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 16
}
