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

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	var show [nCounts]bool
	nshow := 0
	for i, k := range []string{"l", "w", "m", "c", "L"} {
		if r.Has(k) {
			show[i] = true
			nshow++
		}
	}
	if nshow == 0 {
		show[cLines], show[cWords], show[cBytes] = true, true, true
		nshow = 3
	}
	files := r.Args
	stdinOnly := len(files) == 0
	if stdinOnly {
		files = []string{"-"}
	}
	first := "%9"
	if len(files) == 1 && nshow == 1 {
		first = ""
	}
	utf := unicodeOn(ctx)
	w := bufio.NewWriter(ctx.Stdout)
	var totals [nCounts]uint64
	status := 0
	// print writes one line; its error is the writer's, sticky once a
	// write failed.
	print := func(c *[nCounts]uint64, name string) error {
		sep := false
		for i := 0; i < nCounts; i++ {
			if !show[i] {
				continue
			}
			s := strconv.FormatUint(c[i], 10)
			if sep {
				w.WriteByte(' ')
			}
			if sep || first != "" {
				for n := len(s); n < 9; n++ {
					w.WriteByte(' ')
				}
			}
			w.WriteString(s)
			sep = true
		}
		if stdinOnly {
			return w.WriteByte('\n')
		}
		_, err := w.WriteString(" " + name + "\n")
		return err
	}
	for _, name := range files {
		var in io.Reader
		var f *os.File
		if name == "-" {
			in = ctx.Stdin
		} else {
			f, err = os.Open(ctx.Path(name))
			if err != nil {
				ctx.Perror(err, "%s", name)
				status = 1
				continue
			}
			in = f
		}
		c, err := count(ctx, in, utf)
		if f != nil {
			f.Close()
		}
		if err != nil {
			ctx.Perror(err, "%s", name)
			status = 1
		}
		for i := range c {
			if i == cLength {
				totals[i] = max(totals[i], c[i])
			} else {
				totals[i] += c[i]
			}
		}
		if err := print(&c, name); err != nil {
			return applet.Perror(err, "standard output")
		}
		if ctx.Cancelled() {
			w.Flush()
			return applet.Exit(130)
		}
	}
	if len(files) > 1 {
		print(&totals, "total")
	}
	if err := w.Flush(); err != nil {
		// BusyBox's fflush_stdout_and_exit.
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}

// count is BusyBox's counting loop: words are runs of printable
// non-space ASCII ended by a space or a control character 9-13 (other
// bytes neither start nor end a word); -L expands tabs to 8 columns.
func count(ctx *applet.Ctx, in io.Reader, utf bool) ([nCounts]uint64, error) {
	var c [nCounts]uint64
	var linepos uint64
	inWord := false
	buf := make([]byte, 64*1024)
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
