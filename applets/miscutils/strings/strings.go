// Package strings is the strings applet: BusyBox's strings, which prints
// each run of at least -n (4) printable ASCII characters or tabs in its
// files, with -f the file name and with -o or -t the run's offset.
package strings

import (
	"bufio"
	"io"
	"math"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is strings's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "strings",
	Path:  "/usr/bin",
	Usage: "[-fo] [-t o|d|x] [-n LEN] [FILE]...",
	Help: `Display printable strings in a binary file

	-f		Precede strings with filenames
	-o		Precede strings with octal offsets
	-t o|d|x	Precede strings with offsets in base 8/10/16
	-n LEN		At least LEN characters form a string (default 4)`,
	Options: &opt.Spec{Short: "afon:t:", Undocumented: "a"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	min, err := bbnum.XRange32(r.StrOr("n", "4"), 10, 1, math.MaxInt32, suffix.None)
	if err != nil {
		return err
	}
	base := 8
	switch r.StrOr("t", "o") {
	case "o":
	case "d":
		base = 10
	case "x":
		base = 16
	default:
		return applet.Usage("")
	}
	s := &scanner{
		ctx: ctx, w: ctx.BufWriter(ctx.Stdout, 32<<10), min: int(min),
		names: r.Has("f"), offsets: r.Has("o") || r.Has("t"), base: base,
	}
	files := r.Args
	if len(files) == 0 {
		s.stdinLabel = true
		files = []string{"-"}
	}
	status := 0
	for _, name := range files {
		var in io.Reader = ctx.Stdin
		label := name
		if s.stdinLabel {
			label = "{standard input}"
		}
		var f *os.File
		if name != "-" {
			fd, err := unix.Open(ctx.Path(name), unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				s.w.Flush()
				ctx.Perror(err, "%s", name)
				status = 1
				continue
			}
			f = os.NewFile(uintptr(fd), name)
			in = f
		}
		err := s.scan(in, label)
		if f != nil {
			f.Close()
		}
		if err != nil {
			return err
		}
	}
	if err := s.w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}

type scanner struct {
	ctx        *applet.Ctx
	w          *bufio.Writer
	min        int
	names      bool // -f
	offsets    bool // -o, -t
	base       int
	stdinLabel bool
	buf        []byte
}

// scan prints the strings of one input; a read error ends it silently,
// as it does BusyBox's fgetc loop.
func (s *scanner) scan(in io.Reader, label string) error {
	if s.buf == nil {
		s.buf = s.ctx.Buf(64 << 10)
	}
	var offset int64
	count := 0
	start := make([]byte, 0, s.min)
	for {
		if s.ctx.Cancelled() {
			s.w.Flush()
			return applet.Exit(130)
		}
		n, err := in.Read(s.buf)
		for _, c := range s.buf[:n] {
			if c >= ' ' && c < 0x7f || c == '\t' {
				switch {
				case count >= s.min:
					s.w.WriteByte(c)
				case count == s.min-1:
					if s.names {
						s.w.WriteString(label)
						s.w.WriteString(": ")
					}
					if s.offsets {
						var num [24]byte
						digits := strconv.AppendInt(num[:0], offset-int64(s.min-1), s.base)
						for i := len(digits); i < 7; i++ {
							s.w.WriteByte(' ')
						}
						s.w.Write(digits)
						s.w.WriteByte(' ')
					}
					s.w.Write(start)
					s.w.WriteByte(c)
					count++
				default:
					start = append(start[:count], c)
					count++
				}
			} else {
				if count >= s.min {
					s.w.WriteByte('\n')
				}
				count = 0
			}
			offset++
		}
		if werr := s.ctx.StdoutErr(); werr != nil {
			return applet.Perror(werr, "standard output")
		}
		if err != nil {
			break
		}
	}
	if count >= s.min {
		s.w.WriteByte('\n')
	}
	if err := s.w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return nil
}
