// Package base32 is the base32 applet: BusyBox 1.36's base32 (in its
// uudecode.c, beside base64; Alpine's build leaves it out), which encodes
// FILE (or standard input) in RFC 4648's alphabet wrapped at -w columns,
// or with -d decodes it, in either case of letters, skipping characters
// outside the alphabet and dying on a truncated last group.
package base32

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

// Applet is base32's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "base32",
	Path:  "/usr/bin",
	Usage: "[-d] [-w COL] [FILE]",
	Help: `Base32 encode or decode FILE to standard output

	-d	Decode data
	-w COL	Wrap lines at COL (default 76, 0 disables)`,
	Options: &opt.Spec{Short: "diw:", MaxArgs: 1, Undocumented: "i"},
	NoFork:  true,
	Main:    run,
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

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
	src := make([]byte, 5*8<<10)
	rem := 0 // characters still to go on the current line
	var out []byte
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		n, err := io.ReadFull(in, src)
		out = out[:0]
		for i := 0; i < n; i += 5 {
			var g [5]byte
			k := copy(g[:], src[i:min(i+5, n)])
			v := uint64(g[0])<<32 | uint64(g[1])<<24 | uint64(g[2])<<16 | uint64(g[3])<<8 | uint64(g[4])
			// Characters that carry input bits: 2, 4, 5, 7 or 8.
			used := [6]int{0, 2, 4, 5, 7, 8}[k]
			for j := 0; j < 8; j++ {
				if j < used {
					out = append(out, alphabet[(v>>(35-5*j))&31])
				} else {
					out = append(out, '=')
				}
			}
		}
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

// decode is read_base64 in its base32 mode: the input in pieces of up
// to 80 characters, each ended early by a blank or control character;
// what a piece leaves of an unfinished group starts the next one.
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

// decodePiece is decode_base32 on a piece: it decodes in place and
// returns the bytes and where the unconsumed part starts. '=' pads a
// group after its second character; a group ended by padding ends the
// piece, dropping the bytes the padding stands for.
func decodePiece(p []byte) (out []byte, tail int) {
	var ch uint64
	i, src, dst := 0, 0, 0
	t := 0
	for src < len(p) {
		t = int(p[src])
		src++
		switch {
		case t >= '2' && t <= '7':
			t = t - '2' + 26
		case t|0x20 >= 'a' && t|0x20 <= 'z':
			t = t | 0x20 - 'a'
		case t == '=' && i > 1:
			t = 0
		default:
			continue
		}
		ch = ch<<5 | uint64(t)
		i++
		if i == 8 {
			if t == 0 {
				// Count the '=' that end the group.
				for s := src - 1; s >= 0 && p[s] == '='; s-- {
					t--
				}
			}
			p[dst], p[dst+1], p[dst+2], p[dst+3], p[dst+4] = byte(ch>>32), byte(ch>>24), byte(ch>>16), byte(ch>>8), byte(ch)
			dst += 5
			i = 0
			if t < 0 {
				break
			}
		}
	}
	if t < 0 {
		dst -= (-t + 1) * 2 / 3
	}
	return p[:dst], src - i
}
