// Package rev is the rev applet: BusyBox's rev, which prints each line of
// its FILEs with its characters in reverse order.
//
// As in BusyBox, a line is read with fgets and handled as a C string:
// what follows a NUL byte is not printed (with the line's newline). In a
// UTF-8 locale (musl's choice from LC_ALL, LC_CTYPE and LANG) characters
// are reversed, not bytes, and a line that is not valid UTF-8 is printed
// as it is; in the C locale bytes are reversed. A file that cannot be
// read is taken as ended, without a word.
package rev

import (
	"bufio"
	"bytes"
	"os"
	"unicode/utf8"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/rofile"
	"gobox/internal/wcwidth"
)

// Applet is rev's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "rev",
	Path:    "/bin",
	Usage:   "[FILE]...",
	Help:    "Reverse lines of FILE",
	Options: &opt.Spec{},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	utf := wcwidth.UTF8(ctx.LookupEnv)
	w := ctx.BufWriter(ctx.Stdout, 32<<10)
	br := bufio.NewReaderSize(nil, 32<<10)
	var line, rev []byte
	status := 0
	for _, name := range files {
		in := ctx.Stdin
		var f *os.File
		if name != "-" {
			if f, err = rofile.Open(ctx.Path(name)); err != nil {
				ctx.Perror(err, "%s", name)
				status = 1
				continue
			}
			in = f
		}
		br.Reset(in)
		for !ctx.Cancelled() {
			var err error
			line, err = readLine(br, line[:0])
			if len(line) > 0 {
				rev = reverse(rev[:0], line, utf)
				if _, werr := w.Write(rev); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		if f != nil {
			f.Close()
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

// readLine appends to line the next line of br with its newline, if any.
// The error is io.EOF, or a read error, which rev takes for the end.
func readLine(br *bufio.Reader, line []byte) ([]byte, error) {
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// reverse appends to dst line reversed: only what comes before a NUL,
// with the newline that ends it kept at the end (none when a NUL cut it
// off). In UTF-8 mode it reverses characters, and leaves a line that is
// not valid UTF-8 as it is.
func reverse(dst, line []byte, utf bool) []byte {
	nl := false
	if i := bytes.IndexByte(line, 0); i >= 0 {
		line = line[:i]
	} else if n := len(line); n > 0 && line[n-1] == '\n' {
		line, nl = line[:n-1], true
	}
	switch {
	case utf && !utf8.Valid(line):
		dst = append(dst, line...)
	case utf:
		for end := len(line); end > 0; {
			_, size := utf8.DecodeLastRune(line[:end])
			dst = append(dst, line[end-size:end]...)
			end -= size
		}
	default:
		for i := len(line) - 1; i >= 0; i-- {
			dst = append(dst, line[i])
		}
	}
	if nl {
		dst = append(dst, '\n')
	}
	return dst
}
