// Package od is the od applet: BusyBox's full od (od_bloaty.c, built
// with DESKTOP as Alpine does), after coreutils 5.2: every -t type
// (a c d o u x with C S I L or a byte count, f with F D L or 4 8 16, and
// the z suffix), the traditional -a -b -c -d -f -h -i -l -o -s -x, -A
// d o x n, -j and -N (with b k m suffixes), -w, -v, -S and --strings,
// and --traditional's offset and label operands. Lines, field widths,
// "*" for repeated lines and every message are BusyBox's.
package od

import (
	"bufio"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is od's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "od",
	Path:  "/usr/bin",
	Usage: "[-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-S MINSTR] [-w WIDTH] [FILE]...",
	Help:  "Print FILEs (or stdin) unambiguously, as octal bytes by default",
	Options: &opt.Spec{
		Short: "A:N:abcdfhij:lot:vxsS:w::",
		Long: "skip-bytes=j address-radix=A read-bytes=N format=t output-duplicates=v " +
			"strings:: width=w traditional",
		Undocumented: "strings traditional",
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	d := &dumper{addr: address{base: 8, width: 7, pad: 7}}
	// -w's number is read with the options, as getopt32 reads it.
	d.bpb = 32 // BusyBox's -w without a number
	if s := r.Str("w"); r.Has("w") && s != "" {
		n, err := bbnum.XRange32(s, 10, 0, 1<<31-1, suffix.None)
		if err != nil {
			return err
		}
		d.bpb = int(n)
	}
	if r.Has("A") {
		if err := d.addr.set(r.Str("A")); err != nil {
			return err
		}
	}
	var maxBytes, skipBytes int64
	limited := r.Has("N")
	if limited {
		n, err := bbnum.XRange(r.Str("N"), 0, 0, 1<<64-1, suffix.BKM)
		if err != nil {
			return err
		}
		maxBytes = int64(n)
	}
	// The traditional options and the -t types they stand for, in the
	// order od_bloaty.c decodes them (-t's own come between -o and -x).
	before := [...]struct{ opt, types string }{
		{"a", "a"}, {"b", "oC"}, {"c", "c"}, {"d", "u2"}, {"f", "fF"},
		{"h", "x2"}, {"i", "d2"}, {"l", "d4"}, {"o", "o2"},
	}
	after := [...]struct{ opt, types string }{{"x", "x2"}, {"s", "d2"}}
	var specs []spec
	add := func(types string) error {
		s, err := parseTypes(types)
		specs = append(specs, s...)
		return err
	}
	for _, o := range before {
		if r.Has(o.opt) {
			add(o.types)
		}
	}
	if r.Has("j") {
		n, err := bbnum.XRange(r.Str("j"), 0, 0, 1<<64-1, suffix.BKM)
		if err != nil {
			return err
		}
		skipBytes = int64(n)
	}
	for _, t := range r.List("t") {
		if err := add(t); err != nil {
			return err
		}
	}
	for _, o := range after {
		if r.Has(o.opt) {
			add(o.types)
		}
	}
	strs := r.Has("S") || r.Has("strings")
	if strs {
		s := "3"
		if r.Has("S") {
			s = r.Str("S")
		}
		if r.Has("strings") && r.Str("strings") != "" {
			s = r.Str("strings")
		}
		n, err := bbnum.XRange32(s, 0, 0, 1<<32-1, suffix.BKM)
		if err != nil {
			return err
		}
		d.stringMin = int64(n)
	}
	files := r.Args
	if r.Has("traditional") {
		if files, err = d.traditional(files, &skipBytes); err != nil {
			return err
		}
	}
	var end int64
	if limited {
		end = skipBytes + maxBytes
		if end < skipBytes {
			return applet.Errorf("SKIP + SIZE is too large")
		}
	}
	if len(specs) == 0 {
		add("o2")
	}
	d.specs = specs
	if len(files) == 0 {
		files = []string{"-"}
	}
	w := ctx.BufWriter(ctx.Stdout, 32<<10)
	d.w = w
	d.in = &input{ctx: ctx, w: w, names: files, limited: limited, end: end}
	d.in.openNext()
	if err := d.in.skip(skipBytes); err != nil {
		w.Flush()
		return err
	}
	if d.in.cur == nil {
		return flush(w, applet.Exit(1))
	}
	d.lcm = 1
	for _, s := range specs {
		d.lcm = lcm(d.lcm, s.size)
	}
	if r.Has("w") {
		if d.bpb == 0 || d.bpb%d.lcm != 0 {
			w.Flush()
			ctx.Warnf("warning: invalid width %d; using %d instead", d.bpb, d.lcm)
			d.bpb = d.lcm
		}
	} else {
		d.bpb = d.lcm
		if d.lcm < 16 {
			d.bpb *= 16 / d.lcm
		}
	}
	d.ctx = ctx
	d.all = r.Has("v")
	if strs {
		err = d.dumpStrings(skipBytes, end)
	} else {
		err = d.dump(skipBytes, end, limited)
	}
	if err != nil {
		return err
	}
	if ctx.Cancelled() {
		return flush(w, applet.Exit(130))
	}
	return flush(w, applet.Exit(d.in.status))
}

// flush writes out what is buffered, then returns err (or the write's
// error).
func flush(w *bufio.Writer, err error) error {
	if ferr := w.Flush(); ferr != nil {
		return applet.Perror(ferr, "write error")
	}
	return err
}

func gcd(u, v int) int {
	for v != 0 {
		u, v = v, u%v
	}
	return u
}

func lcm(u, v int) int {
	if t := gcd(u, v); t != 0 {
		return u * v / t
	}
	return 0
}

// traditional reads --traditional's operands: [FILE] [[+]OFFSET[.][b]
// [[+]LABEL[.][b]]]. It returns the files left and sets the skip and
// the pseudo-address label.
func (d *dumper) traditional(args []string, skip *int64) ([]string, error) {
	pseudo := int64(-1)
	switch len(args) {
	case 0:
		return args, nil
	case 1:
		if o, ok, err := oldOffset(args[0]); err != nil {
			return nil, err
		} else if ok {
			*skip = o
			args = nil
		}
	case 2:
		o1, ok1, err := oldOffset(args[0])
		if err != nil {
			return nil, err
		}
		var o2 int64
		var ok2 bool
		if ok1 {
			if o2, ok2, err = oldOffset(args[1]); err != nil {
				return nil, err
			}
		}
		switch {
		case ok1 && ok2:
			*skip, pseudo, args = o1, o2, nil
		default:
			if o2, ok2, err = oldOffset(args[1]); err != nil {
				return nil, err
			}
			if !ok2 {
				return nil, applet.Errorf("invalid second argument '%s'", args[1])
			}
			*skip, args = o2, args[:1]
		}
	case 3:
		o1, ok1, err := oldOffset(args[1])
		if err != nil {
			return nil, err
		}
		var o2 int64
		var ok2 bool
		if ok1 {
			if o2, ok2, err = oldOffset(args[2]); err != nil {
				return nil, err
			}
		}
		if !ok1 || !ok2 {
			return nil, applet.Errorf("the last two arguments must be offsets")
		}
		*skip, pseudo, args = o1, o2, args[:1]
	default:
		return nil, applet.Errorf("too many arguments")
	}
	if pseudo >= 0 {
		if d.addr.none {
			d.addr = address{base: 8, width: 7, pad: 7, paren: true}
		} else {
			d.addr.label = true
		}
		d.addr.pseudo = pseudo - *skip
	}
	return args, nil
}

// oldOffset is parse_old_offset: [+]DIGITS with a "." making them
// decimal, else a "0x" hexadecimal, else octal, and an optional b
// (512) or B (1024). It reports false for what is no number.
func oldOffset(s string) (int64, bool, error) {
	if s != "" && s[0] == '+' {
		s = s[1:]
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false, nil
	}
	base := 8
	if i := strings.IndexByte(s, '.'); i >= 0 {
		// Like BusyBox, whatever follows the dot is ignored.
		s, base = s[:i], 10
	} else if len(s) > 1 && s[0] == '0' && s[1]|0x20 == 'x' {
		base = 16
	}
	v, n, errno := bbnum.Strtoull(s, base)
	mult := uint64(1)
	switch s[n:] {
	case "":
	case "b":
		mult = 512
	case "B":
		mult = 1024
	default:
		errno = 1
	}
	if errno != 0 || n == 0 {
		return 0, false, applet.Errorf("invalid number '%s'", s)
	}
	if v > (1<<64-1)/mult {
		return 0, false, applet.Errorf("number %s is not in 0..18446744073709551615 range", s)
	}
	o := int64(v * mult)
	return o, o >= 0, nil
}
