// Package paste is the paste applet: BusyBox's paste, which joins the
// lines of its FILEs side by side (or, with -s, the lines of each file
// into one), separated by tabs or by the characters of -d LIST in turn.
//
// As in BusyBox, LIST takes backslash escapes (\t, \n, \0 for no
// separator, octal and \xHH), lines end at a newline or a NUL byte, and
// a file that cannot be opened stops paste before it prints anything.
package paste

import (
	"bufio"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
	"gobox/internal/rofile"
)

// Applet is paste's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "paste",
	Path:  "/usr/bin",
	Usage: "[-d LIST] [-s] [FILE]...",
	Help: `Paste lines from each input file, separated with tab

	-d LIST	Use delimiters from LIST, not tab
	-s      Serial: one file at a time`,
	Options: &opt.Spec{Short: "d:s"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	delims := []byte{'\t'}
	if r.Has("d") {
		d := r.Str("d")
		if d == "" {
			return applet.Errorf("-d '' is not supported")
		}
		delims = unescape(d)
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	in := make([]*lines.Reader, len(files))
	var stdin *lines.Reader
	for i, name := range files {
		if name == "-" {
			if stdin == nil {
				stdin = lines.NewReaderBuf(ctx.Stdin, ctx.Buf(32<<10))
			}
			in[i] = stdin
			continue
		}
		f, err := rofile.Open(ctx.Path(name))
		if err != nil {
			return applet.Perror(err, "%s", name)
		}
		defer f.Close()
		in[i] = lines.NewReaderBuf(f, ctx.Buf(32<<10))
	}
	w := ctx.BufWriter(ctx.Stdout, 32<<10)
	if r.Has("s") {
		serial(ctx, w, in, delims)
	} else {
		parallel(ctx, w, in, delims)
	}
	if ctx.Cancelled() {
		return applet.Exit(130)
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return nil
}

// parallel prints a line of each file in turn, each but the last file's
// followed by the next delimiter, the last's by a newline, until every
// file has ended. A file that has ended adds nothing, not even its
// delimiter, as in BusyBox: when the last file ends first, the line ends
// with a delimiter and no newline.
func parallel(ctx *applet.Ctx, w *bufio.Writer, in []*lines.Reader, delims []byte) {
	active := len(in)
	done := make([]bool, len(in))
	for active > 0 && !ctx.Cancelled() && ctx.StdoutErr() == nil {
		d := 0
		for i, lr := range in {
			if done[i] {
				continue
			}
			line, _, ok := lr.Line()
			if !ok {
				done[i] = true
				active--
				continue
			}
			w.Write(line)
			c := byte('\n')
			if i != len(in)-1 {
				c = delims[d]
				d = (d + 1) % len(delims)
			}
			if c != 0 {
				w.WriteByte(c)
			}
		}
	}
}

// serial prints each file's lines on one line, joined by the delimiters
// in turn (starting over for each file), ended by a newline.
func serial(ctx *applet.Ctx, w *bufio.Writer, in []*lines.Reader, delims []byte) {
	for _, lr := range in {
		d := 0
		first := true
		for !ctx.Cancelled() && ctx.StdoutErr() == nil {
			line, _, ok := lr.Line()
			if !ok {
				break
			}
			if !first {
				if c := delims[d]; c != 0 {
					w.WriteByte(c)
				}
				d = (d + 1) % len(delims)
			}
			first = false
			w.Write(line)
		}
		if !first {
			w.WriteByte('\n')
		}
	}
}

// unescape expands the backslash escapes of a delimiter list as
// BusyBox's strcpy_and_process_escape_sequences does: \a \b \e \f \n \r
// \t \v \\, octal (up to three digits, at most 255) and \xHH; a
// backslash before anything else, or at the end, stands for itself.
func unescape(s string) []byte {
	var out []byte
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			out = append(out, s[i])
			i++
			continue
		}
		c, n := escape(s[i+1:])
		out = append(out, c)
		i += 1 + n
	}
	return out
}

// escape decodes the escape sequence at the start of s (what follows a
// backslash), as bb_process_escape_sequence does, and returns the byte
// and how much of s it took.
func escape(s string) (byte, int) {
	base, digits, n, i := 8, 0, 0, 0
	if len(s) > 0 && s[0] == 'x' {
		base, digits, i = 16, 1, 1
	}
	for ; i < len(s) && digits < 3; digits++ {
		d := digitVal(s[i])
		if d >= base {
			break
		}
		if n*base+d > 255 {
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
