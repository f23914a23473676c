// Package baseenc is what base64 and base32 share, as they share
// BusyBox's uudecode.c: reading FILE or standard input, encoding it in
// groups wrapped at -w columns, and decoding it the way read_base64 does,
// in pieces of up to 80 characters. Each applet brings its alphabet as a
// Codec.
package baseenc

import (
	"bufio"
	"io"
	"math"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Codec is one encoding.
type Codec struct {
	// Group is how many input bytes make one encoded group.
	Group int
	// Encode appends the encoding of src (whole groups, the last one
	// possibly short and padded) to dst.
	Encode func(dst, src []byte) []byte
	// DecodePiece decodes p in place: the bytes, and where the part of
	// an unfinished group starts (len(p) when there is none).
	DecodePiece func(p []byte) (out []byte, tail int)
}

// Run is the applet: -d decodes, -w COL wraps (76 by default, 0 not at
// all), one FILE operand or standard input.
func Run(ctx *applet.Ctx, args []string, c *Codec) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	col := uint64(76)
	if r.Has("w") {
		if col, err = bbnum.XRange32(r.Str("w"), 10, 0, math.MaxInt32, suffix.None); err != nil {
			return err
		}
	}
	in := ctx.Stdin
	if len(r.Args) > 0 && r.Args[0] != "-" {
		fd, err := unix.Open(ctx.Path(r.Args[0]), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			return applet.Perror(err, "%s", r.Args[0])
		}
		f := os.NewFile(uintptr(fd), r.Args[0])
		defer f.Close()
		in = f
	}
	w := bufio.NewWriterSize(ctx.Stdout, 32<<10)
	if r.Has("d") {
		err = decode(ctx, c, bufio.NewReaderSize(in, 32<<10), w)
	} else {
		err = encode(ctx, c, in, w, int(col))
	}
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = applet.Perror(ferr, "standard output")
	}
	return err
}

// encode writes the encoding of in, col characters to a line (none with
// 0, and then no newline at all).
func encode(ctx *applet.Ctx, c *Codec, in io.Reader, w *bufio.Writer, col int) error {
	src := make([]byte, c.Group*16<<10)
	var out []byte
	rem := 0 // characters still to go on the current line
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		n, err := io.ReadFull(in, src)
		out = c.Encode(out[:0], src[:n])
		if col == 0 {
			w.Write(out)
		} else {
			for p := out; len(p) > 0; {
				if rem == 0 {
					rem = col
				}
				k := min(len(p), rem)
				w.Write(p[:k])
				rem -= k
				p = p[k:]
				if rem == 0 {
					w.WriteByte('\n')
				}
			}
		}
		if werr := ctx.StdoutErr(); werr != nil {
			return applet.Perror(werr, "standard output")
		}
		if err != nil {
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				return applet.Perror(err, "read error")
			}
			if rem != 0 {
				w.WriteByte('\n')
			}
			return nil
		}
	}
}

// decode is read_base64: the input in pieces of up to 80 characters,
// each ended early by a blank or control character; what a piece leaves
// of an unfinished group starts the next one.
func decode(ctx *applet.Ctx, c *Codec, in *bufio.Reader, w *bufio.Writer) error {
	var buf [82]byte
	count := 0
	for pieces := 0; ; pieces++ {
		if pieces&1023 == 0 && ctx.Cancelled() {
			return applet.Exit(130)
		}
		term := false
		for count < 80 {
			b, err := in.ReadByte()
			if err != nil {
				term = true
				break
			}
			if b <= ' ' {
				break
			}
			buf[count] = b
			count++
		}
		out, tail := c.DecodePiece(buf[:count])
		w.Write(out)
		if term {
			if tail == count {
				return nil
			}
			return applet.Errorf("truncated input")
		}
		count = copy(buf[:], buf[tail:count])
		if werr := ctx.StdoutErr(); werr != nil {
			return applet.Perror(werr, "standard output")
		}
	}
}
