// Package ls is the ls applet: BusyBox's ls, listing directory contents in
// columns, one per line or in long format, sorted, optionally recursive and
// coloured.
package ls

import (
	"bufio"
	"bytes"
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
	first    bool // no header printed yet: the next needs no blank line
	now      int64
	tz       *time.Location
	ids      userdb.Cache

	// What a listing keeps, reused for every directory, so that memory
	// grows with the largest directory and the depth, never with the
	// tree (BusyBox keeps each directory's entries while it lists its
	// subdirectories; this keeps only their names).
	list   listing        // the directory being listed
	reader *dirent.Reader // its getdents buffer
	path   []byte         // its name to open: ctx.Path of its name as shown
	prefix int            // where the name as shown starts in path
	// stack is the names of the directories still to list, each
	// followed by a NUL: those of each level of -R above the ones of
	// the level below.
	stack   []byte
	line    []byte   // one entry's listing
	scratch []byte   // a name made printable
	linkBuf []byte   // readlink's buffer
	num     [20]byte // a number in decimal
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

	l.w = ctx.BufWriter(ctx.Stdout, 8*1024)
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
	t := &l.list
	for _, a := range args {
		l.addArg(t, a, followArg)
	}
	if t.n == 0 {
		return
	}
	order := t.all()
	if l.dirOnly {
		l.sortOrder(t, order)
		l.display(t, order)
		return
	}
	// Files first, then directories: order's first nfiles are files,
	// the rest directories.
	nfiles := 0
	for i, x := range order {
		if !t.at(x).isDir() {
			order[i], order[nfiles] = order[nfiles], x
			nfiles++
		}
	}
	files, dirs := order[:nfiles], order[nfiles:]
	l.sortOrder(t, files)
	l.sortOrder(t, dirs)
	if len(files) > 0 {
		l.display(t, files)
	}
	for _, x := range dirs {
		l.stack = append(l.stack, t.bytes(t.at(x).name)...)
		l.stack = append(l.stack, 0)
	}
	l.first = len(files) == 0
	l.showDirs()
}

// showDirs lists the directories named in l.stack (operands), in order,
// each followed by its subdirectories with -R, and empties l.stack.
//
// It walks the tree with a loop rather than by recursion, so that the
// goroutine's stack does not grow with the depth of the tree (a grown
// stack is copied frame by frame, reading the binary's tables for each).
func (l *lister) showDirs() {
	// A level is the names of one directory's subdirectories (the
	// operands for the first) in l.stack[start:end], next at pos;
	// parent is the length of that directory's name in l.path.
	type level struct{ start, pos, end, parent int }
	levels := []level{{0, 0, len(l.stack), 0}}
	for len(levels) > 0 {
		lv := &levels[len(levels)-1]
		if lv.pos == lv.end {
			l.stack = l.stack[:lv.start]
			levels = levels[:len(levels)-1]
			continue
		}
		if l.ctx.Cancelled() || l.ctx.StdoutErr() != nil {
			l.status = 1
			break
		}
		n := bytes.IndexByte(l.stack[lv.pos:lv.end], 0)
		name := l.stack[lv.pos : lv.pos+n]
		lv.pos += n + 1
		if len(levels) == 1 {
			p := l.ctx.Path(string(name))
			l.path = append(l.path[:0], p...)
			l.prefix = len(p) - n
		} else {
			// BusyBox's concat_path_file: no second slash.
			l.path = l.path[:lv.parent]
			if l.path[len(l.path)-1] != '/' {
				l.path = append(l.path, '/')
			}
			l.path = append(l.path, name...)
		}
		end := len(l.stack)
		l.listDir()
		if len(l.stack) > end {
			levels = append(levels, level{end, end, len(l.stack), len(l.path)})
		}
	}
	l.stack = l.stack[:0]
}

// listDir lists the directory at l.path, and with -R adds the names of
// its subdirectories to l.stack, in the order listed.
func (l *lister) listDir() {
	if l.showDir || l.recursive {
		if !l.first {
			l.w.WriteByte('\n')
		}
		l.first = false
		l.w.Write(l.path[l.prefix:])
		l.w.WriteString(":\n")
	}
	t := &l.list
	if !l.scan(t) {
		l.status = 1
	}
	if l.long || l.blocks {
		l.writeTotal(t)
	}
	if t.n == 0 {
		return
	}
	order := t.all()
	l.sortOrder(t, order)
	l.display(t, order)
	if !l.recursive {
		return
	}
	for _, x := range order {
		e := t.at(x)
		if !e.isDir() {
			continue
		}
		name := t.bytes(e.name)
		if name[0] == '.' && (len(name) == 1 || len(name) == 2 && name[1] == '.') {
			continue
		}
		l.stack = append(l.stack, name...)
		l.stack = append(l.stack, 0)
	}
}

// writeTotal writes -l's and -s's "total" line: the blocks of the
// entries in KiB, rounded up.
func (l *lister) writeTotal(t *listing) {
	total := uint64(1)
	for i := 0; i < t.n; i++ {
		total += uint64(t.at(uint32(i)).blocks)
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
		l.w.Write(strconv.AppendUint(l.num[:0], total>>1, 10))
	}
	l.w.WriteByte('\n')
}

// display prints t's entries listed in order, in the chosen layout.
func (l *lister) display(t *listing, order []uint32) {
	ncols, width := 1, 0
	if !l.long && !l.one {
		for _, x := range order {
			if w := l.nameWidth(t.bytes(t.at(x).name)); w > width {
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
	nrows := len(order)
	if ncols > 1 {
		nrows = (len(order) + ncols - 1) / ncols
	} else {
		ncols = 1
	}
	for row := 0; row < nrows; row++ {
		column, nexttab := 0, 0
		for nc := 0; nc < ncols; nc++ {
			i := nc*nrows + row
			if l.across {
				i = row*ncols + nc
			}
			if i >= len(order) {
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
			l.line, w = l.single(l.line[:0], t, t.at(order[i]))
			l.w.Write(l.line)
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
