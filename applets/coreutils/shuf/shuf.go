// Package shuf is the shuf applet: BusyBox's shuf, which prints the
// lines of FILE (or standard input), the arguments of -e or the numbers
// of -i L-H in random order, -n of them at most, to -o FILE, ended by
// NULs with -z.
package shuf

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is shuf's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "shuf",
	Path:  "/usr/bin",
	Usage: "[-n NUM] [-o FILE] [-z] [FILE | -e [ARG...] | -i L-H]",
	Help: `Randomly permute lines

	-n NUM	Output at most NUM lines
	-o FILE	Write to FILE, not standard output
	-z	NUL terminated output
	-e	Treat ARGs as lines
	-i L-H	Treat numbers L-H as lines`,
	Options: &opt.Spec{Short: "ei:n:o:z", Conflicts: []string{"e i"}},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	var lines lineStore // -e and input lines
	var lo, count uint64
	byNumber := r.Has("i")
	switch {
	case r.Has("e"):
		for _, a := range r.Args {
			lines.add([]byte(a))
		}
		count = uint64(lines.len())
	case byNumber:
		if len(r.Args) > 0 {
			return applet.Usage("")
		}
		arg := r.Str("i")
		l, h, ok := strings.Cut(arg, "-")
		if !ok {
			return applet.Errorf("bad range '%s'", arg)
		}
		if lo, err = suffix.Parse(l, suffix.None); err != nil {
			return err
		}
		hi, err := suffix.Parse(h, suffix.None)
		if err != nil {
			return err
		}
		if hi < lo || hi-lo >= 1<<32-1 {
			return applet.Errorf("bad range '%s'", arg)
		}
		count = hi - lo + 1
	default:
		if len(r.Args) > 1 {
			return applet.Usage("")
		}
		if err := readLines(ctx, r.Args, &lines); err != nil {
			return err
		}
		count = uint64(lines.len())
	}
	out := count
	if r.Has("n") {
		n, err := bbnum.XRange32(r.Str("n"), 10, 0, 1<<32-1, suffix.None)
		if err != nil {
			return err
		}
		out = min(n, count)
	}
	picks := shuffle(count, out)
	w := ctx.Stdout
	if r.Has("o") {
		name := r.Str("o")
		fd, err := unix.Open(ctx.Path(name), unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, uint32(0o666&^ctx.Umask))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", name)
		}
		f := os.NewFile(uintptr(fd), name)
		defer f.Close()
		w = f
	}
	eol := byte('\n')
	if r.Has("z") {
		eol = 0
	}
	bw := ctx.BufWriter(w, 32<<10)
	var num [20]byte
	for _, p := range picks {
		if byNumber {
			bw.Write(strconv.AppendUint(num[:0], lo+uint64(p), 10))
		} else {
			bw.Write(lines.line(int(p)))
		}
		bw.WriteByte(eol)
	}
	if err := bw.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return nil
}

// readLines reads the lines of the file (standard input when none)
// into lines.
func readLines(ctx *applet.Ctx, files []string, lines *lineStore) error {
	in := ctx.Stdin
	if len(files) > 0 && files[0] != "-" {
		fd, err := unix.Open(ctx.Path(files[0]), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			return applet.Perror(err, "%s", files[0])
		}
		f := os.NewFile(uintptr(fd), files[0])
		defer f.Close()
		in = f
	}
	if err := lines.readLines(in); err != nil {
		return applet.Perror(err, "read error")
	}
	return nil
}

// shuffle returns out of the numbers 0..count-1 in random order, as the
// last out places of a Fisher-Yates shuffle from the end (BusyBox's
// order of work). A few out of many keep only the places they moved.
// count is below 1<<32 (the -i range is bounded so), so the numbers
// are uint32: 4 bytes a line where lines may be millions.
func shuffle(count, out uint64) []uint32 {
	if out == 0 {
		return nil
	}
	if out*4 < count {
		picks := make([]uint32, out)
		moved := map[uint64]uint32{}
		at := func(i uint64) uint32 {
			if v, ok := moved[i]; ok {
				return v
			}
			return uint32(i)
		}
		n := count
		for k := uint64(0); k < out; k++ {
			j := rand.Uint64N(n)
			n--
			vj, vn := at(j), at(n)
			moved[j], moved[n] = vn, vj
			picks[out-1-k] = vj
		}
		return picks
	}
	perm := make([]uint32, count)
	for i := range perm {
		perm[i] = uint32(i)
	}
	n := count
	for k := uint64(0); k < out; k++ {
		j := rand.Uint64N(n)
		n--
		perm[j], perm[n] = perm[n], perm[j]
	}
	return perm[count-out:]
}
