// Package base64 is the base64 applet: BusyBox's base64 (in its
// uudecode.c), which encodes FILE (or standard input) wrapped at -w
// columns, or with -d decodes it, skipping characters outside the
// alphabet and dying on a truncated last group.
package base64

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

// Applet is base64's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "base64",
	Path:  "/bin",
	Usage: "[-d] [-w COL] [FILE]",
	Help: `Base64 encode or decode FILE to standard output

	-d	Decode data
	-w COL	Wrap lines at COL (default 76, 0 disables)`,
	Options: &opt.Spec{Short: "diw:", MaxArgs: 1, Undocumented: "i"},
	NoFork:  true,
	Main:    run,
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func run(ctx *applet.Ctx, args []string) error {
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
		err = decode(ctx, bufio.NewReaderSize(in, 32<<10), w)
	} else {
		err = encode(ctx, in, w, int(col))
	}
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = applet.Perror(ferr, "standard output")
	}
	return err
}

// encode writes the encoding of in, col characters to a line (none with
// 0, and then no newline at all).
func encode(ctx *applet.Ctx, in io.Reader, w *bufio.Writer, col int) error {
	src := make([]byte, 3*16<<10)
	dst := make([]byte, 4*16<<10)
	rem := 0 // characters still to go on the current line
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		n, err := io.ReadFull(in, src)
		if n == 0 {
			if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
				return applet.Perror(err, "read error")
			}
			if rem != 0 {
				w.WriteByte('\n')
			}
			return nil
		}
		out := dst[:0]
		for i := 0; i < n; i += 3 {
			var s0, s1, s2 byte = src[i], 0, 0
			if i+1 < n {
				s1 = src[i+1]
			}
			if i+2 < n {
				s2 = src[i+2]
			}
			out = append(out, alphabet[s0>>2], alphabet[(s0&3)<<4|s1>>4], alphabet[(s1&0xf)<<2|s2>>6], alphabet[s2&0x3f])
			if i+1 >= n {
				out[len(out)-2] = '='
			}
			if i+2 >= n {
				out[len(out)-1] = '='
			}
		}
		if col == 0 {
			w.Write(out)
		} else {
			for len(out) > 0 {
				if rem == 0 {
					rem = col
				}
				k := min(len(out), rem)
				w.Write(out[:k])
				rem -= k
				out = out[k:]
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
func decode(ctx *applet.Ctx, in *bufio.Reader, w *bufio.Writer) error {
	var buf [82]byte
	count := 0
	for pieces := 0; ; pieces++ {
		if pieces&1023 == 0 && ctx.Cancelled() {
			return applet.Exit(130)
		}
		term := false
		for count < 80 {
			c, err := in.ReadByte()
			if err != nil {
				term = true
				break
			}
			if c <= ' ' {
				break
			}
			buf[count] = c
			count++
		}
		out, tail := decodePiece(buf[:count])
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

// decodePiece is decode_base64 on a piece: it decodes in place and
// returns the bytes and where the unconsumed part starts (at the end when
// it all was, before the unfinished group's characters otherwise). A
// group ended by '=' ends the decoding of the piece.
func decodePiece(p []byte) (out []byte, tail int) {
	var ch uint32
	i, src, dst := 0, 0, 0
	for src < len(p) {
		t := uint32(p[src])
		src++
		switch {
		case t >= '0' && t <= '9':
			t = t - '0' + 52
		case t >= 'A' && t <= 'Z':
			t -= 'A'
		case t >= 'a' && t <= 'z':
			t = t - 'a' + 26
		case t == '+':
			t = 62
		case t == '/':
			t = 63
		case t == '=' && (i == 3 || i == 2 && src < len(p) && p[src] == '='):
			// "==AA", "A===" and "AA=A" are no padding
			t = 0x1000000
		default:
			continue
		}
		ch = ch<<6 | t
		i = (i + 1) & 3
		if i == 0 {
			p[dst], p[dst+1], p[dst+2] = byte(ch>>16), byte(ch>>8), byte(ch)
			dst += 3
			if ch&0x1000000 != 0 {
				dst--
				if ch&(0x1000000<<6) != 0 {
					dst--
				}
				break
			}
			ch = 0
		}
	}
	return p[:dst], src - i
}
