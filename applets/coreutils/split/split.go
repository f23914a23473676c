// Package split is the split applet: BusyBox's split (without
// FEATURE_SPLIT_FANCY, as Alpine builds it), which copies INPUT (or
// standard input) into files PREFIXaa, PREFIXab, ... of -l lines (1000)
// or -b bytes (k and m suffixes) each, with -a letters of suffix.
package split

import (
	"bytes"
	"io"
	"math"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is split's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "split",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [INPUT [PREFIX]]",
	Help: `	-b N[k|m]	Split by N (kilo|mega)bytes
	-l N		Split by N lines
	-a N		Use N letters as suffix`,
	Options: &opt.Spec{Short: "l:b:a:", MaxArgs: 2},
	NoFork:  true,
	Main:    run,
}

// nameMax is NAME_MAX, the longest file name.
const nameMax = 255

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	suffixLen := uint64(2)
	if r.Has("a") {
		if suffixLen, err = bbnum.XRange32(r.Str("a"), 10, 0, math.MaxInt32, suffix.None); err != nil {
			return err
		}
	}
	// -l and -b share their argument: the last one given counts, and
	// -b wins.
	var countArg string
	for _, k := range r.Order() {
		if k == "l" || k == "b" {
			countArg = r.List(k)[len(r.List(k))-1]
		}
	}
	cnt := int64(1000)
	if r.Has("l") {
		n, err := suffix.Parse(countArg, suffix.None)
		if err != nil {
			return err
		}
		cnt = int64(n)
	}
	byBytes := r.Has("b")
	if byBytes {
		n, err := suffix.Parse(countArg, suffix.KM)
		if err != nil {
			return err
		}
		cnt = int64(n)
	}
	prefix := "x"
	in := ctx.Stdin
	inName := "standard input"
	if len(r.Args) > 0 {
		inName = r.Args[0]
		if len(r.Args) > 1 {
			prefix = r.Args[1]
		}
		if inName != "-" {
			fd, err := unix.Open(ctx.Path(inName), unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				return applet.Perror(err, "can't open '%s'", inName)
			}
			f := os.NewFile(uintptr(fd), inName)
			defer f.Close()
			in = f
		}
	}
	if uint64(len(prefix))+suffixLen > nameMax {
		return applet.Errorf("suffix too long")
	}
	name := []byte(prefix)
	for range suffixLen {
		name = append(name, 'a')
	}
	s := &splitter{ctx: ctx, name: name, suffixLen: int(suffixLen)}
	defer s.close()
	buf := ctx.Buf(64 << 10)
	var remaining int64
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		n, rerr := in.Read(buf)
		src := buf[:n]
		for len(src) > 0 {
			if remaining == 0 {
				if err := s.next(); err != nil {
					return err
				}
				remaining = cnt
			}
			var k int
			if byBytes {
				k = int(min(int64(len(src)), remaining))
				remaining -= int64(k)
			} else if i := bytes.IndexByte(src, '\n'); i >= 0 {
				remaining--
				k = i + 1
			} else {
				k = len(src)
			}
			if _, err := s.out.Write(src[:k]); err != nil {
				return applet.Perror(err, "write error")
			}
			src = src[k:]
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return applet.Perror(rerr, "%s", inName)
		}
	}
}

// splitter holds the output file and the name of the next one.
type splitter struct {
	ctx       *applet.Ctx
	name      []byte // the next file's name; nil when the suffixes ran out
	suffixLen int
	out       *os.File
}

// next closes the current file and creates the next.
func (s *splitter) next() error {
	if s.name == nil {
		return applet.Errorf("suffixes exhausted")
	}
	s.close()
	name := string(s.name)
	fd, err := unix.Open(s.ctx.Path(name), unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, uint32(0o666&^s.ctx.Umask))
	if err != nil {
		return applet.Perror(err, "can't open '%s'", name)
	}
	s.out = os.NewFile(uintptr(fd), name)
	s.advance()
	return nil
}

// advance is next_file: the suffix counts up in letters, aa to zz; past
// the last, name is nil. (With -a 0 it is the prefix's last letter that
// counts up, as in BusyBox.)
func (s *splitter) advance() {
	n := s.name
	for i := 1; ; i++ {
		c := &n[len(n)-i]
		if *c < 'z' {
			*c++
			return
		}
		if i+1 > s.suffixLen {
			s.name = nil
			return
		}
		*c = 'a'
	}
}

func (s *splitter) close() {
	if s.out != nil {
		s.out.Close()
		s.out = nil
	}
}
