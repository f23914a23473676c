// Package wc is the wc applet: BusyBox's wc with -c -m -l -w -L and its
// fixed-width columns.
package wc

import (
	"bufio"
	"io"
	"os"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/wcwidth"
)

// Applet is wc's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "wc",
	Path:  "/usr/bin",
	Usage: "[-cmlwL] [FILE]...",
	Help: `Count lines, words, and bytes for FILEs (or stdin)

	-c	Count bytes
	-m	Count characters
	-l	Count newlines
	-w	Count words
	-L	Print longest line length`,
	Options: &opt.Spec{Short: "lwmcL"},
	NoFork:  true,
	Main:    run,
}

// Column order, as in "wc -lwmcL" output.
const (
	cLines = iota
	cWords
	cChars
	cBytes
	cLength
	nCounts
)

// unicodeOn is Alpine's BusyBox's init_unicode (UNICODE_USING_LOCALE,
// no FEATURE_CHECK_UNICODE_IN_ENV): musl's locale decides, and every
// locale but C and POSIX is UTF-8, the default one too.
func unicodeOn(ctx *applet.Ctx) bool {
	return wcwidth.UTF8(ctx.LookupEnv)
}

// counter is one run of wc: which columns to show, where lines go and the
// running totals.
type counter struct {
	ctx       *applet.Ctx
	w         *bufio.Writer
	show      [nCounts]bool
	padFirst  bool // the first column is padded to 9 like the others
	stdinOnly bool // no FILE operand: lines carry no name
	utf       bool // -m counts UTF-8 characters, not bytes
	totals    [nCounts]uint64
	status    int
	buf       []byte // the read buffer, reused from file to file
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	show, nshow := columns(r)
	files := r.Args
	wc := &counter{
		ctx:       ctx,
		w:         ctx.BufWriter(ctx.Stdout, 0),
		show:      show,
		stdinOnly: len(files) == 0,
		utf:       unicodeOn(ctx),
	}
	if wc.stdinOnly {
		files = []string{"-"}
	}
	// As in BusyBox, a lone count of a lone file is printed unpadded:
	// "wc -l <f" prints "20", not "       20".
	wc.padFirst = len(files) != 1 || nshow != 1
	for _, name := range files {
		if err := wc.file(name); err != nil {
			return err
		}
	}
	if len(files) > 1 {
		// A failed write sticks in w: the Flush below reports it.
		wc.print(&wc.totals, "total")
	}
	if err := wc.w.Flush(); err != nil {
		// BusyBox's fflush_stdout_and_exit.
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(wc.status)
}

// columns is which counts the options ask for, and how many; none asked
// means BusyBox's default, -lwc.
func columns(r *opt.Result) (show [nCounts]bool, n int) {
	for i, k := range []string{"l", "w", "m", "c", "L"} {
		if r.Has(k) {
			show[i] = true
			n++
		}
	}
	if n == 0 {
		show[cLines], show[cWords], show[cBytes] = true, true, true
		n = 3
	}
	return show, n
}

// file counts FILE ("-" is stdin), prints its line and adds it to the
// totals. A file that cannot be opened is reported and skipped; the error
// returned ends the run: a failed write, or cancellation.
func (wc *counter) file(name string) error {
	c, ok := wc.countFile(name)
	if !ok {
		return nil
	}
	wc.addToTotals(&c)
	if err := wc.print(&c, name); err != nil {
		return applet.Perror(err, "standard output")
	}
	if wc.ctx.Cancelled() {
		wc.w.Flush()
		return applet.Exit(130)
	}
	return nil
}

// countFile counts name's content; ok is false when it cannot be opened.
// A read error is reported, and what was read before it still counts.
func (wc *counter) countFile(name string) (c [nCounts]uint64, ok bool) {
	in := wc.ctx.Stdin
	if name != "-" {
		f, err := os.Open(wc.ctx.Path(name))
		if err != nil {
			wc.ctx.Perror(err, "%s", name)
			wc.status = 1
			return c, false
		}
		defer f.Close()
		in = f
	}
	if wc.buf == nil {
		wc.buf = wc.ctx.Buf(64 * 1024)
	}
	c, err := count(wc.ctx, in, wc.buf, wc.utf)
	if err != nil {
		wc.ctx.Perror(err, "%s", name)
		wc.status = 1
	}
	return c, true
}

// addToTotals adds c to the totals; -L's total is the longest line of all.
func (wc *counter) addToTotals(c *[nCounts]uint64) {
	for i := range c {
		if i == cLength {
			wc.totals[i] = max(wc.totals[i], c[i])
		} else {
			wc.totals[i] += c[i]
		}
	}
}

// print writes one line; its error is the writer's, sticky once a write
// failed.
func (wc *counter) print(c *[nCounts]uint64, name string) error {
	sep := false
	for i, on := range wc.show {
		if on {
			wc.column(c[i], sep)
			sep = true
		}
	}
	if wc.stdinOnly {
		return wc.w.WriteByte('\n')
	}
	_, err := wc.w.WriteString(" " + name + "\n")
	return err
}

// column writes one count right-aligned in 9 columns, after a space when
// it is not the first (BusyBox's " %9"); the first is unpadded unless
// padFirst.
func (wc *counter) column(n uint64, sep bool) {
	s := strconv.FormatUint(n, 10)
	if sep {
		wc.w.WriteByte(' ')
	}
	if sep || wc.padFirst {
		for n := len(s); n < 9; n++ {
			wc.w.WriteByte(' ')
		}
	}
	wc.w.WriteString(s)
}

// count is BusyBox's counting loop: words are runs of printable
// non-space ASCII ended by a space or a control character 9-13 (other
// bytes neither start nor end a word); -L expands tabs to 8 columns. It
// reads through buf.
func count(ctx *applet.Ctx, in io.Reader, buf []byte, utf bool) ([nCounts]uint64, error) {
	var c [nCounts]uint64
	var linepos uint64
	inWord := false
	for {
		if ctx.Cancelled() {
			return c, nil
		}
		n, err := in.Read(buf)
		for _, b := range buf[:n] {
			c[cBytes]++
			if !utf || b&0xc0 != 0x80 {
				c[cChars]++
			}
			switch {
			case b >= 0x20 && b <= 0x7e:
				linepos++
				if b != ' ' {
					inWord = true
					continue
				}
			case b >= 9 && b <= 13:
				if b == '\t' {
					linepos = (linepos | 7) + 1
				} else {
					c[cLength] = max(c[cLength], linepos)
					if b == '\n' {
						c[cLines]++
					}
					if b != '\v' {
						linepos = 0
					}
				}
			default:
				continue
			}
			if inWord {
				c[cWords]++
			}
			inWord = false
		}
		if err != nil {
			c[cLength] = max(c[cLength], linepos)
			if inWord {
				c[cWords]++
			}
			if err == io.EOF {
				err = nil
			}
			return c, err
		}
	}
}
