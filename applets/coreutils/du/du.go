// Package du is the du applet: summarize disk usage of files and
// directories.
package du

import (
	"bufio"
	"math"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/human"
	"gobox/internal/opt"
)

// Applet is du's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "du",
	Path:  "/usr/bin",
	Usage: "[-aHLdclsxhmk] [FILE]...",
	Help: `Summarize disk space used for FILEs (or directories)

	-a	Show file sizes too
	-b	Apparent size (including holes)
	-L	Follow all symlinks
	-H	Follow symlinks on command line
	-d N	Limit output to directories (and files with -a) of depth < N
	-c	Show grand total
	-l	Count sizes many times if hard linked
	-s	Display only a total for each argument
	-x	Skip directories on different filesystems
	-h	Sizes in human readable format (e.g., 1K 243M 2G)
	-m	Sizes in megabytes
	-k	Sizes in kilobytes (default)`,
	Options: &opt.Spec{
		Short:     "aHkLsxd:lcbhm",
		Exclusive: []string{"hkm", "HL", "sd"},
	},
	NoFork: true,
	Main:   run,
}

type devIno struct{ dev, ino uint64 }

// du walks a tree the way BusyBox's du() recurses, but without building a
// path string per entry: a dirent.Walk opens each directory relative to
// its parent's descriptor and lstats each entry relative to its
// directory by the name inside the reader's buffer. The path is kept in
// one byte slice, grown and cut as the walk goes, and only turned into
// text for printing. The one thing kept per tree is BusyBox's: the files
// with more than one link, to count each once.
type du struct {
	ctx        *applet.Ctx
	w          *bufio.Writer
	all        bool
	apparent   bool
	hardlinks  bool // -l: count hard links every time
	oneFS      bool
	dispUnit   uint64
	maxDepth   int
	slinkDepth int
	dirDev     uint64
	status     int
	seen       map[devIno]struct{}
	walk       dirent.Walk
	out        []byte
}

func (d *du) print(size uint64) {
	if d.dispUnit != 0 {
		size += (d.dispUnit - 1) / (512 * 2)
	}
	bs := uint64(512)
	if d.apparent {
		bs = 1
	}
	switch {
	case size == 0:
		d.out = append(d.out[:0], '0')
	case d.dispUnit != 0:
		// human.Size's rounding division, without a string.
		v := size * bs
		v = (v + d.dispUnit/2) / d.dispUnit
		d.out = strconv.AppendUint(d.out[:0], v, 10)
	default:
		d.out = append(d.out[:0], human.Size(size, bs, d.dispUnit)...)
	}
	d.out = append(d.out, '\t')
	d.out = append(d.out, d.walk.Path()...)
	d.out = append(d.out, '\n')
	d.w.Write(d.out)
}

// perror reports an error about the current path ("du: msg:
// strerror", format holding one %s for it), after what was printed.
func (d *du) perror(err error, format string) {
	d.w.Flush()
	d.ctx.Perror(err, format, d.walk.Path())
	d.status = 1
}

func (d *du) size(st *unix.Stat_t) uint64 {
	if d.apparent {
		return uint64(st.Size)
	}
	return uint64(st.Blocks)
}

// top runs du on a command-line operand.
func (d *du) top(name string) uint64 {
	d.walk.Start(name, d.ctx.Path(name))
	return d.du()
}

// du follows BusyBox's recursion on the walk's current entry: sizes in
// 512-byte blocks (bytes with -b), files with several links counted
// once, output after the directory's contents.
func (d *du) du() uint64 {
	w := &d.walk
	depth := w.Depth()
	var st unix.Stat_t
	if err := w.Stat(&st, false); err != nil {
		d.perror(err, "%s")
		return 0
	}
	if d.oneFS {
		if depth == 0 {
			d.dirDev = uint64(st.Dev)
		} else if d.dirDev != uint64(st.Dev) {
			return 0
		}
	}
	sum := d.size(&st)
	if st.Mode&unix.S_IFMT == unix.S_IFLNK && d.slinkDepth > depth {
		if err := w.Follow(&st); err != nil {
			d.perror(err, "%s")
			return 0
		}
		sum = d.size(&st)
		if d.slinkDepth == 1 {
			d.slinkDepth = math.MaxInt
		}
	}
	if !d.hardlinks && st.Nlink > 1 {
		k := devIno{uint64(st.Dev), st.Ino}
		if _, ok := d.seen[k]; ok {
			return 0
		}
		d.seen[k] = struct{}{}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		if err := w.Open(); err != nil {
			d.perror(err, "can't open '%s'")
			return sum
		}
		// Reading errors end the loop silently, as readdir's do in
		// BusyBox.
		for w.Next() && !d.ctx.Cancelled() {
			sum += d.du()
		}
		w.Close()
	} else if !d.all && depth != 0 {
		return sum
	}
	if depth <= d.maxDepth {
		d.print(sum)
	}
	return sum
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	d := &du{
		ctx:       ctx,
		w:         ctx.BufWriter(ctx.Stdout, 32*1024),
		all:       r.Has("a"),
		apparent:  r.Has("b"),
		hardlinks: r.Has("l"),
		oneFS:     r.Has("x"),
		dispUnit:  1024,
		maxDepth:  math.MaxInt,
		seen:      make(map[devIno]struct{}, 1024),
	}
	if _, ok := ctx.LookupEnv("POSIXLY_CORRECT"); ok {
		d.dispUnit = 512
	}
	if r.Has("d") {
		n, err := opt.AtoiPositive(r.Str("d"))
		if err != nil {
			return err
		}
		d.maxDepth = n
	}
	switch {
	case r.Has("b"):
		d.dispUnit = 1
	}
	switch {
	case r.Has("h"):
		d.dispUnit = 0
	case r.Has("m"):
		d.dispUnit = 1024 * 1024
	case r.Has("k"):
		d.dispUnit = 1024
	}
	if r.Has("H") {
		d.slinkDepth = 1
	}
	if r.Has("L") {
		d.slinkDepth = math.MaxInt
	}
	if r.Has("s") {
		d.maxDepth = 0
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"."}
		if d.slinkDepth == 1 {
			d.slinkDepth = 0
		}
	}
	save := d.slinkDepth
	var total uint64
	for _, f := range files {
		total += d.top(f)
		d.slinkDepth = save
	}
	if r.Has("c") {
		d.walk.Start("total", "")
		d.print(total)
	}
	d.walk.CloseAll()
	if err := d.w.Flush(); err != nil {
		// BusyBox's fflush_stdout_and_exit.
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(d.status)
}
