// Package du is the du applet: summarize disk usage of files and
// directories.
package du

import (
	"bufio"
	"math"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
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
	NoFork: true,
	Main:   run,
}

type devIno struct{ dev, ino uint64 }

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
	depth      int
	dirDev     uint64
	status     int
	seen       map[devIno]struct{}
	buf        []byte
}

func (d *du) print(size uint64, name string) {
	if d.dispUnit != 0 {
		size += (d.dispUnit - 1) / (512 * 2)
	}
	bs := uint64(512)
	if d.apparent {
		bs = 1
	}
	d.buf = append(d.buf[:0], human.Size(size, bs, d.dispUnit)...)
	d.buf = append(d.buf, '\t')
	d.buf = append(d.buf, name...)
	d.buf = append(d.buf, '\n')
	d.w.Write(d.buf)
}

func (d *du) warn(name string, err error) {
	d.w.Flush()
	d.ctx.Warnf("%s: %s", name, applet.ErrText(err))
	d.status = 1
}

func (d *du) size(st *unix.Stat_t) uint64 {
	if d.apparent {
		return uint64(st.Size)
	}
	return uint64(st.Blocks)
}

// du follows BusyBox's recursion: sizes in 512-byte blocks (bytes with
// -b), files with several links counted once, output after the
// directory's contents.
func (d *du) du(name string) uint64 {
	var st unix.Stat_t
	p := d.ctx.Path(name)
	if err := unix.Lstat(p, &st); err != nil {
		d.warn(name, err)
		return 0
	}
	if d.oneFS {
		if d.depth == 0 {
			d.dirDev = st.Dev
		} else if d.dirDev != st.Dev {
			return 0
		}
	}
	sum := d.size(&st)
	if st.Mode&unix.S_IFMT == unix.S_IFLNK && d.slinkDepth > d.depth {
		if err := unix.Stat(p, &st); err != nil {
			d.warn(name, err)
			return 0
		}
		sum = d.size(&st)
		if d.slinkDepth == 1 {
			d.slinkDepth = math.MaxInt
		}
	}
	if !d.hardlinks && st.Nlink > 1 {
		k := devIno{st.Dev, st.Ino}
		if _, ok := d.seen[k]; ok {
			return 0
		}
		d.seen[k] = struct{}{}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		f, err := os.Open(p)
		if err != nil {
			d.w.Flush()
			d.ctx.Warnf("can't open '%s': %s", name, applet.ErrText(err))
			d.status = 1
			return sum
		}
		prefix := name
		if prefix == "" || prefix[len(prefix)-1] != '/' {
			prefix += "/"
		}
		for {
			if d.ctx.Cancelled() {
				break
			}
			names, err := f.Readdirnames(1024)
			for _, n := range names {
				d.depth++
				sum += d.du(prefix + n)
				d.depth--
			}
			if err != nil || len(names) == 0 {
				break
			}
		}
		f.Close()
	} else if !d.all && d.depth != 0 {
		return sum
	}
	if d.depth <= d.maxDepth {
		d.print(sum, name)
	}
	return sum
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(&opt.Spec{
		Short:     "aHkLsxd:lcbhm",
		Exclusive: []string{"hkm", "HL", "sd"},
	}, args)
	if err != nil {
		return err
	}
	d := &du{
		ctx:       ctx,
		w:         bufio.NewWriterSize(ctx.Stdout, 32*1024),
		all:       r.Has("a"),
		apparent:  r.Has("b"),
		hardlinks: r.Has("l"),
		oneFS:     r.Has("x"),
		dispUnit:  1024,
		maxDepth:  math.MaxInt,
		seen:      map[devIno]struct{}{},
	}
	if _, ok := ctx.LookupEnv("POSIXLY_CORRECT"); ok {
		d.dispUnit = 512
	}
	if r.Has("d") {
		n, err := opt.Atoi(r.Str("d"))
		if err != nil || n < 0 {
			return applet.Errorf("invalid number '%s'", r.Str("d"))
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
		total += d.du(f)
		d.slinkDepth = save
	}
	if r.Has("c") {
		d.print(total, "total")
	}
	if err := d.w.Flush(); err != nil {
		return err
	}
	return applet.Exit(d.status)
}
