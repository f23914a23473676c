// Package ls is the ls applet: BusyBox's ls, listing directory contents in
// columns, one per line or in long format, sorted, optionally recursive and
// coloured.
package ls

import (
	"bufio"
	"strconv"
	"strings"
	"time"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/dirent"
	"gobox/internal/human"
	"gobox/internal/opt"
	"gobox/internal/termwidth"
	"gobox/internal/userdb"
	"gobox/internal/wcwidth"
)

// Applet is ls's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "ls",
	Path:  "/bin",
	Usage: "[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...",
	Help: `List directory contents

	-1	One column output
	-a	Include names starting with .
	-A	Like -a, but exclude . and ..
	-x	List by lines
	-d	List directory names, not contents
	-L	Follow symlinks
	-H	Follow symlinks on command line
	-R	Recurse
	-p	Append / to directory names
	-F	Append indicator (one of */=@|) to names
	-l	Long format
	-i	List inode numbers
	-n	List numeric UIDs and GIDs instead of names
	-s	List allocated blocks
	-lc	List ctime
	-lu	List atime
	--full-time	List full date/time
	-h	Human readable sizes (1K 243M 2G)
	--group-directories-first
	-S	Sort by size
	-X	Sort by extension
	-v	Sort by version
	-t	Sort by mtime
	-tc	Sort by ctime
	-tu	Sort by atime
	-r	Reverse sort order
	-w N	Format N columns wide
	--color[={always,never,auto}]`,
	Options: &opt.Spec{
		Short:        "Cadi1lgnsxAkFpRQctuSXrvLHhT:w:",
		Long:         "full-time group-directories-first color::",
		Exclusive:    []string{"Cxl", "C1", "x1", "tS", "HL", "cu"},
		Implies:      []string{"n=l", "g=l", "full-time=l"},
		Undocumented: "g k Q T",
	},
	NoFork: true,
	Main:   run,
}

// lister holds one run's settings and state.
type lister struct {
	ctx *applet.Ctx
	w   *bufio.Writer

	// options
	all, almost             bool // -a, -A
	long, one, across, cols bool // -l, -1, -x, -C
	dirOnly, recursive      bool // -d, -R
	inode, blocks           bool // -i, -s
	numeric, noOwner        bool // -n, -g
	classify, slash         bool // -F, -p
	quote                   bool // -Q
	human                   bool // -h
	fullTime                bool // --full-time
	dirsFirst               bool // --group-directories-first
	follow, followArgs      bool // -L, -H
	atime, ctime            bool // -u, -c
	bySize, byTime          bool // -S, -t
	byExt, byVersion        bool // -X, -v
	reverse                 bool // -r
	color                   bool
	width                   int
	unicode                 bool // the locale is UTF-8 (musl's rules)

	needStat bool // entries need a stat beyond their dirent type
	status   int
	showDir  bool
	now      int64
	tz       *time.Location
	ids      userdb.Cache
	reader   *dirent.Reader // reused for every directory
	linkBuf  []byte         // readlink's buffer
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	l := &lister{ctx: ctx, unicode: wcwidth.UTF8(ctx.LookupEnv)}
	l.all, l.almost = r.Has("a"), r.Has("A")
	l.long, l.one, l.across, l.cols = r.Has("l"), r.Has("1"), r.Has("x"), r.Has("C")
	l.dirOnly, l.recursive = r.Has("d"), r.Has("R") && !r.Has("d")
	l.inode, l.blocks = r.Has("i"), r.Has("s")
	l.numeric, l.noOwner = r.Has("n"), r.Has("g")
	l.classify, l.slash = r.Has("F"), r.Has("p")
	l.quote, l.human = r.Has("Q"), r.Has("h")
	l.fullTime, l.dirsFirst = r.Has("full-time"), r.Has("group-directories-first")
	l.follow, l.followArgs = r.Has("L"), r.Has("H")
	l.atime, l.ctime = r.Has("u"), r.Has("c")
	l.bySize, l.byTime = r.Has("S"), r.Has("t")
	l.byExt, l.byVersion, l.reverse = r.Has("X"), r.Has("v"), r.Has("r")

	stdoutTTY := termwidth.IsTerminal(ctx.File(1))
	// BusyBox sizes columns by the terminal on stdin, minus one.
	l.width = termwidth.Width(ctx.LookupEnv, ctx.Stdin) - 1
	if r.Has("w") {
		n, err := opt.AtoiPositive(r.Str("w"))
		if err != nil {
			return err
		}
		l.width = n
	}
	l.color = useColor(ctx, r, stdoutTTY)
	if !l.long && (l.atime || l.ctime) {
		l.byTime = true
	}
	if !l.long && !l.one && !l.across && !l.cols {
		if stdoutTTY {
			l.cols = true
		} else {
			l.one = true
		}
	}
	l.needStat = l.long || l.blocks || l.inode || l.classify || l.color ||
		l.bySize || l.byTime || l.follow || l.dirsFirst
	l.now = nowUnix()
	if l.long {
		l.tz = datetime.Location(ctx.LookupEnv("TZ"))
	}

	l.w = bufio.NewWriterSize(ctx.Stdout, 64*1024)
	l.main(r.Args)
	if err := l.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(l.status)
}

// useColor is whether to colour names: on a terminal unless LS_COLORS
// is empty or "none", or as --color says (alone it means always).
func useColor(ctx *applet.Ctx, r *opt.Result, stdoutTTY bool) bool {
	color := false
	if stdoutTTY {
		if v, ok := ctx.LookupEnv("LS_COLORS"); !ok || v != "" && v != "none" {
			color = true
		}
	}
	if !r.Has("color") {
		return color
	}
	v := r.StrOr("color", "always")
	if strings.HasPrefix(v, "n") {
		return false
	}
	switch indexInSubstrings(v, "always", "yes", "force", "auto", "tty", "if-tty") {
	case 0, 1, 2:
		return true
	case 3, 4, 5:
		return color || stdoutTTY
	}
	return color
}

// indexInSubstrings is BusyBox's index_in_substrings: the index of the
// word key equals or uniquely abbreviates, else -1.
func indexInSubstrings(key string, words ...string) int {
	if key == "" {
		return -1
	}
	match := -1
	for i, w := range words {
		if strings.HasPrefix(w, key) {
			if len(w) == len(key) {
				return i
			}
			if match >= 0 {
				return -1
			}
			match = i
		}
	}
	return match
}

// perror reports an error on stderr ("ls: msg: strerror"), after
// flushing what was listed so far, and marks the run failed.
func (l *lister) perror(err error, format string, args ...any) {
	l.w.Flush()
	l.ctx.Perror(err, format, args...)
	l.status = 1
}

func (l *lister) main(args []string) {
	if len(args) == 0 {
		args = []string{"."}
	}
	l.showDir = len(args) > 1
	// Command-line operands are followed unless -l, -s or -F (or -H, -L).
	followArg := !(l.long || l.blocks || l.classify) || l.followArgs || l.follow
	var nodes []*node
	for _, a := range args {
		n := &node{name: a, full: a, path: l.ctx.Path(a)}
		if l.statArg(n, followArg) {
			nodes = append(nodes, n)
		}
	}
	if len(nodes) == 0 {
		return
	}
	if l.dirOnly {
		l.sortNodes(nodes)
		l.display(nodes)
		return
	}
	var files, dirs []*node
	for _, n := range nodes {
		if n.isDir() {
			dirs = append(dirs, n)
		} else {
			files = append(files, n)
		}
	}
	if len(files) > 0 {
		l.sortNodes(files)
		l.display(files)
	}
	if len(dirs) > 0 {
		l.sortNodes(dirs)
		l.showDirs(dirs, len(files) == 0)
	}
}

// showDirs lists each directory's contents, recursing with -R.
func (l *lister) showDirs(dirs []*node, first bool) {
	for _, d := range dirs {
		if l.ctx.Cancelled() {
			l.status = 1
			return
		}
		if l.showDir || l.recursive {
			if !first {
				l.w.WriteByte('\n')
			}
			first = false
			l.w.WriteString(d.full)
			l.w.WriteString(":\n")
		}
		entries, ok := l.scan(d)
		if !ok {
			l.status = 1
		}
		if l.long || l.blocks {
			total := uint64(1)
			for _, e := range entries {
				total += uint64(e.blocks)
			}
			l.w.WriteString("total ")
			if l.human {
				// "%-7s" of the size in bytes, without a fraction.
				s := human.Whole((total >> 1) * 1024)
				l.w.WriteString(s)
				for i := len(s); i < 7; i++ {
					l.w.WriteByte(' ')
				}
			} else {
				l.w.WriteString(strconv.FormatUint(total>>1, 10))
			}
			l.w.WriteByte('\n')
		}
		if len(entries) == 0 {
			continue
		}
		l.sortNodes(entries)
		l.display(entries)
		if l.recursive {
			var sub []*node
			for _, e := range entries {
				if e.isDir() && e.name != "." && e.name != ".." {
					sub = append(sub, e)
				}
			}
			if len(sub) > 0 {
				l.showDirs(sub, false)
			}
		}
	}
}

// display prints nodes in the chosen layout.
func (l *lister) display(nodes []*node) {
	ncols, width := 1, 0
	if !l.long && !l.one {
		for _, n := range nodes {
			if w := l.nameWidth(n.name); w > width {
				width = w
			}
		}
		width += 2
		if l.inode {
			width += 8
		}
		if l.blocks {
			width += 5
		}
		ncols = l.width / width
	}
	nrows := len(nodes)
	if ncols > 1 {
		nrows = (len(nodes) + ncols - 1) / ncols
	} else {
		ncols = 1
	}
	var line []byte
	for row := 0; row < nrows; row++ {
		column, nexttab := 0, 0
		for nc := 0; nc < ncols; nc++ {
			i := nc*nrows + row
			if l.across {
				i = row*ncols + nc
			}
			if i >= len(nodes) {
				continue
			}
			if column > 0 {
				// printf("%*s", pad, "") in BusyBox: a negative
				// width pads as much, left-justified.
				pad := nexttab - column
				for k := abs(pad); k > 0; k-- {
					l.w.WriteByte(' ')
				}
				column += pad
			}
			nexttab = column + width
			var w int
			line, w = l.single(line[:0], nodes[i])
			l.w.Write(line)
			column += w
		}
		l.w.WriteByte('\n')
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
