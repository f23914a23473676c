// Package nl is the nl applet: BusyBox's nl, which numbers the lines of
// its FILEs: -b a numbers every line, -b t (the default) non-empty ones,
// anything else none; -v, -i, -w and -s set the first number, the step,
// the width and the separator. Numbering goes on from file to file.
//
// As in BusyBox, lines end at a newline or a NUL byte, a file that
// cannot be read is taken as ended, and numbers are unsigned 32-bit
// values that wrap around.
package nl

import (
	"bufio"
	"math"
	"os"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
	"gobox/internal/rofile"
	"gobox/internal/suffix"
)

// Applet is nl's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "nl",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [FILE]...",
	Help: `Write FILEs to standard output with line numbers added

	-b STYLE	Which lines to number - a: all, t: nonempty, n: none
	-i N		Line number increment
	-s STRING	Use STRING as line number separator
	-v N		Start from N
	-w N		Width of line numbers`,
	Options: &opt.Spec{
		Short: "pw:s:v:i:b:",
		Long: "body-numbering=b line-increment=i no-renumber=p number-separator=s " +
			"starting-line-number=v number-width=w",
		Undocumented: "p",
	},
	NoFork: true,
	Main:   run,
}

// numbering is what the options ask for, and the next number.
type numbering struct {
	width    int
	sep      string
	next     uint32
	inc      uint32
	all      bool // -b a
	nonEmpty bool // -b t
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	ns := numbering{width: 6, sep: "\t", next: 1, inc: 1}
	// Numbers are checked in the order given, each time given, as
	// getopt32 converts them.
	idx := map[string]int{}
	for _, k := range r.Order() {
		if k != "w" && k != "v" && k != "i" {
			continue
		}
		n, err := positive(r.List(k)[idx[k]])
		if err != nil {
			return err
		}
		idx[k]++
		switch k {
		case "w":
			ns.width = int(n)
		case "v":
			ns.next = n
		case "i":
			ns.inc = n
		}
	}
	ns.sep = r.StrOr("s", ns.sep)
	style := r.StrOr("b", "t")
	ns.all = style[0] == 'a'
	ns.nonEmpty = style[0] == 't'
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	w := ctx.BufWriter(ctx.Stdout, 32<<10)
	lr := lines.NewReaderBuf(nil, ctx.Buf(32<<10))
	status := 0
	for _, name := range files {
		f := ctx.Stdin
		if name != "-" {
			file, err := rofile.Open(ctx.Path(name))
			if err != nil {
				ctx.Perror(err, "%s", name)
				status = 1
				continue
			}
			f = file
		}
		lr.Reset(f)
		ns.number(ctx, w, lr)
		if c, ok := f.(*os.File); ok && name != "-" {
			c.Close()
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		if err := ctx.StdoutErr(); err != nil {
			return applet.Perror(err, "standard output")
		}
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}

// positive parses a number as BusyBox's xatoi_positive does: decimal,
// 0..INT_MAX; one beyond what an unsigned int holds is no number at all.
func positive(s string) (uint32, error) {
	if _, err := strconv.ParseUint(s, 10, 32); err != nil && err.(*strconv.NumError).Err == strconv.ErrRange {
		return 0, &suffix.Error{Num: s}
	}
	n, err := suffix.Range(s, suffix.None, 0, math.MaxInt32)
	return uint32(n), err
}

// number prints the lines of lr, numbered as ns says, until its end.
func (ns *numbering) number(ctx *applet.Ctx, w *bufio.Writer, lr *lines.Reader) {
	var num []byte
	for !ctx.Cancelled() && ctx.StdoutErr() == nil {
		line, _, ok := lr.Line()
		if !ok {
			return
		}
		if ns.all || ns.nonEmpty && len(line) > 0 {
			num = strconv.AppendUint(num[:0], uint64(ns.next), 10)
			pad(w, ns.width-len(num))
			w.Write(num)
			w.WriteString(ns.sep)
			ns.next += ns.inc
		} else {
			pad(w, ns.width+len(ns.sep))
		}
		w.Write(line)
		w.WriteByte('\n')
	}
}

// pad writes n spaces (none when n < 1).
func pad(w *bufio.Writer, n int) {
	const spaces = "                                "
	for n > 0 {
		k := min(n, len(spaces))
		if _, err := w.WriteString(spaces[:k]); err != nil {
			return
		}
		n -= k
	}
}
