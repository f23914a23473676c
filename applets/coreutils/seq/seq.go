// Package seq is the seq applet: BusyBox's seq with -w and -s SEP, on
// floating-point numbers.
package seq

import (
	"math"
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/cfmt"
	"gobox/internal/opt"
)

// Applet is seq's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "seq",
	Path:  "/usr/bin",
	Usage: "[-w] [-s SEP] [FIRST [INC]] LAST",
	Help: `Print numbers from FIRST to LAST, in steps of INC.
FIRST, INC default to 1.

	-w	Pad to last with leading zeros
	-s SEP	String separator`,
	Options: &opt.Spec{Short: "ws:", StopAtOperand: true, MinArgs: 1, MaxArgs: 3},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	a := r.Args
	// BusyBox rejects an argument strtod cannot take whole or finds out
	// of range (ERANGE): an underflowed step or an overflowed end would
	// loop for ever.
	first, inc := 1.0, 1.0
	var last float64
	var errs [3]error
	switch len(a) {
	case 3:
		inc, errs[2] = cfmt.Strtod(a[1])
		fallthrough
	case 2:
		first, errs[1] = cfmt.Strtod(a[0])
		fallthrough
	case 1:
		last, errs[0] = cfmt.Strtod(a[len(a)-1])
	}
	if errs != [3]error{} {
		return applet.Usage("")
	}
	width, frac := 0, 0
	for i, s := range a {
		dot := strings.IndexByte(s, '.')
		if dot < 0 {
			dot = len(s)
		}
		width = max(width, dot)
		if i == len(a)-1 {
			break
		}
		// coreutils ignores the fractional digits of LAST.
		frac = max(frac, len(s)-dot)
	}
	if frac > 0 {
		frac--
		if frac > 0 {
			width += frac + 1
		}
	}
	if !r.Has("w") {
		width = 0
	}
	sep := r.StrOr("s", "\n")
	w := ctx.BufWriter(ctx.Stdout, 0)
	v := first
	var n uint64
	buf := make([]byte, 0, 64)
	for (inc >= 0 && v <= last) || (inc < 0 && v >= last) {
		if n > 0 {
			w.WriteString(sep)
		}
		buf = format(buf[:0], v, width, frac)
		if _, err := w.Write(buf); err != nil {
			break
		}
		n++
		v = first + float64(n)*inc
		if n%4096 == 0 && ctx.Cancelled() {
			w.Flush()
			return applet.Exit(130)
		}
	}
	if n > 0 {
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// format is C's "%0*.*f".
func format(buf []byte, v float64, width, prec int) []byte {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		s := "inf"
		if math.IsNaN(v) {
			s = "nan"
		}
		if math.Signbit(v) {
			s = "-" + s
		}
		for i := len(s); i < width; i++ {
			buf = append(buf, ' ')
		}
		return append(buf, s...)
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	neg := strings.HasPrefix(s, "-")
	if neg {
		buf = append(buf, '-')
		s = s[1:]
	}
	pad := width - len(s)
	if neg {
		pad--
	}
	for ; pad > 0; pad-- {
		buf = append(buf, '0')
	}
	return append(buf, s...)
}
