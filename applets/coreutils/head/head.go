// Package head is the head applet: BusyBox's head with -n [-]N, -c [-]N
// (b/k/m suffixes), -q, -v and the old -NUM form.
package head

import (
	"bufio"
	"io"
	"math"
	"os"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is head's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "head",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [FILE]...",
	Help: `Print first 10 lines of FILEs (or stdin).
With more than one FILE, precede each with a filename header.

	-n N[bkm]	Print first N lines
	-n -N[bkm]	Print all except N last lines
	-c [-]N[bkm]	Print first N bytes
			(b:*512 k:*1024 m:*1024^2)
	-q		Never print headers
	-v		Always print headers`,
	NoFork: true,
	Main:   run,
}

// eatNum parses a count: an optional leading "-" (all but the last N),
// then digits with an optional b, k or m suffix (xatoul_sfx, which also
// rejects a sign or blank after the "-").
func eatNum(s string) (n uint64, negative bool, err error) {
	p := s
	if p != "" && p[0] == '-' {
		negative = true
		p = p[1:]
	}
	n, err = suffix.Parse(p, suffix.BKM)
	if err != nil {
		return 0, false, applet.Errorf("invalid number '%s'", p)
	}
	return n, negative, nil
}

type state struct {
	count     uint64
	bytes     bool
	negative  bool
	threshold int
}

func run(ctx *applet.Ctx, args []string) error {
	st := state{count: 10, threshold: 1}
	if len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && args[0][1] >= '0' && args[0][1] <= '9' {
		n, neg, err := eatNum(args[0][1:])
		if err != nil {
			return err
		}
		st.count, st.negative = n, neg
		args = args[1:]
	}
	r, err := opt.Parse(&opt.Spec{Short: "n:c:qv"}, args)
	if err != nil {
		return err
	}
	idx := map[string]int{}
	for _, k := range r.Order() {
		switch k {
		case "q":
			st.threshold = math.MaxInt
		case "v":
			st.threshold = -1
		case "c", "n":
			if k == "c" {
				st.bytes = true
			}
			v := r.List(k)[idx[k]]
			idx[k]++
			n, neg, err := eatNum(v)
			if err != nil {
				return err
			}
			st.count = n
			st.negative = st.negative || neg
		}
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	if len(r.Args) <= st.threshold {
		st.threshold = 0
	}
	w := bufio.NewWriter(ctx.Stdout)
	status := 0
	sep := ""
	for _, name := range files {
		var in io.Reader
		var f *os.File
		if name == "-" {
			in = ctx.Stdin
			name = "standard input"
		} else {
			f, err = os.Open(ctx.Path(name))
			if err != nil {
				ctx.Warnf("%s: %s", name, applet.ErrText(err))
				status = 1
				sep = "\n"
				continue
			}
			in = f
		}
		if st.threshold != 0 {
			w.WriteString(sep + "==> " + name + " <==\n")
		}
		sep = "\n"
		br := bufio.NewReader(in)
		switch {
		case st.negative && st.bytes:
			exceptLastBytes(ctx, w, br, st.count)
		case st.negative:
			exceptLastLines(ctx, w, br, st.count)
		default:
			first(ctx, w, br, st.count, st.bytes)
		}
		if f != nil {
			f.Close()
		}
		if err := w.Flush(); err != nil {
			return applet.Errorf("write error: %s", applet.ErrText(err))
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	return applet.Exit(status)
}

// first copies the first count lines (or bytes).
func first(ctx *applet.Ctx, w *bufio.Writer, br *bufio.Reader, count uint64, bytes bool) {
	if bytes {
		io.CopyN(w, br, int64(min(count, math.MaxInt64)))
		return
	}
	for count > 0 && !ctx.Cancelled() {
		line, err := br.ReadSlice('\n')
		w.Write(line)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return
		}
		count--
	}
}

// exceptLastBytes copies all but the last count bytes.
func exceptLastBytes(ctx *applet.Ctx, w *bufio.Writer, br *bufio.Reader, count uint64) {
	var pending []byte
	buf := make([]byte, 32*1024)
	for !ctx.Cancelled() {
		n, err := br.Read(buf)
		pending = append(pending, buf[:n]...)
		if uint64(len(pending)) > count {
			out := uint64(len(pending)) - count
			w.Write(pending[:out])
			pending = append(pending[:0], pending[out:]...)
		}
		if err != nil {
			return
		}
	}
}

// exceptLastLines copies all but the last count lines (a last line
// without a newline counts).
func exceptLastLines(ctx *applet.Ctx, w *bufio.Writer, br *bufio.Reader, count uint64) {
	var ring []string
	for !ctx.Cancelled() {
		line, err := br.ReadString('\n')
		if line != "" {
			ring = append(ring, line)
			if uint64(len(ring)) > count {
				w.WriteString(ring[0])
				ring[0] = ""
				ring = ring[1:]
			}
		}
		if err != nil {
			return
		}
	}
}
