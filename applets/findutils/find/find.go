// Package find is the find applet: BusyBox 1.36's find as Alpine builds
// it: -H -L, the options -follow -xdev -depth -maxdepth -mindepth, the
// tests -name -iname -path -ipath -wholename -regex -type -executable
// -perm -mtime -atime -ctime -mmin -newer -inum -user -group -size -links
// -empty, the actions -print -print0 -exec ({} ; and {} +) -delete -prune
// -quit, and the operators ( ) ! -not -a -and -o -or. Alpine's build has
// no -ls, -printf, -ok, -execdir, -samefile, -amin, -cmin, -nouser or
// -iregex: they are "unrecognized", as there.
//
// The expression is BusyBox's: a list of groups joined by -o, each a
// list of actions joined by -a, an action being a test, an action, a
// negated one or a parenthesised expression. The tree is walked with
// dirent.Walk (memory grows with its depth, not its size), and an entry
// is stat'ed only when the expression needs more than its name and type,
// which getdents gives.
package find

import (
	"bufio"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/opt"
	"gobox/internal/spawn"
	"gobox/internal/wcwidth"
)

// Applet is find's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "find",
	Path:  "/usr/bin",
	Usage: "[-HL] [PATH]... [OPTIONS] [ACTIONS]",
	Help: `Search for files and perform actions on them.
First failed action stops processing of current file.
Defaults: PATH is current directory, action is '-print'

	-L,-follow	Follow symlinks
	-H		...on command line only
	-xdev		Don't descend directories on other filesystems
	-maxdepth N	Descend at most N levels. -maxdepth 0 applies
			actions to command line arguments only
	-mindepth N	Don't act on first N levels
	-depth		Act on directory *after* traversing it

Actions:
	( ACTIONS )	Group actions for -o / -a
	! ACT		Invert ACT's success/failure
	ACT1 [-a] ACT2	If ACT1 fails, stop, else do ACT2
	ACT1 -o ACT2	If ACT1 succeeds, stop, else do ACT2
			Note: -a has higher priority than -o
	-name PATTERN	Match file name (w/o directory name) to PATTERN
	-iname PATTERN	Case insensitive -name
	-path PATTERN	Match path to PATTERN
	-ipath PATTERN	Case insensitive -path
	-regex PATTERN	Match path to regex PATTERN
	-type X		File type is X (one of: f,d,l,b,c,s,p)
	-executable	File is executable
	-perm MASK	At least one mask bit (+MASK), all bits (-MASK),
			or exactly MASK bits are set in file's mode
	-mtime DAYS	mtime is greater than (+N), less than (-N),
			or exactly N days in the past
	-atime DAYS	atime +N/-N/N days in the past
	-ctime DAYS	ctime +N/-N/N days in the past
	-mmin MINS	mtime is greater than (+N), less than (-N),
			or exactly N minutes in the past
	-newer FILE	mtime is more recent than FILE's
	-inum N		File has inode number N
	-user NAME/ID	File is owned by given user
	-group NAME/ID	File is owned by given group
	-size N[bck]	File size is N (c:bytes,k:kbytes,b:512 bytes(def.))
			+/-N: file size is bigger/smaller than N
	-links N	Number of links is greater than (+N), less than (-N),
			or exactly N
	-empty		Match empty file/directory
	-prune		If current file is directory, don't descend into it
If none of the following actions is specified, -print is assumed
	-print		Print file name
	-print0		Print file name, NUL terminated
	-exec CMD ARG ;	Run CMD with all instances of {} replaced by
			file name. Fails if CMD exits with nonzero
	-exec CMD ARG + Run CMD with {} replaced by list of file names
	-delete		Delete current file/directory. Turns on -depth option
	-quit		Exit`,
	Options: &opt.Spec{
		Manual:       true,
		Short:        "HLP",
		Undocumented: "P",
		Operands: "-follow -xdev -maxdepth -mindepth -depth ( ! -a -o -name -iname -path -ipath -regex -type " +
			"-executable -perm -mtime -atime -ctime -mmin -newer -inum -user -group -size -links -empty " +
			"-prune -print -print0 -exec -delete -quit",
	},
	NoFork: true,
	Main:   run,
}

// Symlink following: -P (the default), -H, -L (or -follow).
const (
	followNone = iota
	followTop  // -H: the operands only
	followAll  // -L
)

// Bits of what an action or an expression returns, as BusyBox's: TRUE
// (it holds) and SKIP (-prune: do not descend), which sticks whatever
// the group it is in comes to.
const (
	resTrue = 1
	resSkip = 2
)

// finder is one run of find.
type finder struct {
	ctx    *applet.Ctx
	out    *bufio.Writer
	walk   dirent.Walk
	groups []group // the expression

	follow     int
	depthFirst bool // -depth (or -delete): act on a directory after its entries
	xdev       bool
	minDepth   int
	maxDepth   int
	needPrint  bool // no -print, -print0, -exec or -delete: print what matches
	needStat   bool // some test needs more than the name and the type
	utf8       bool // the locale is UTF-8 (for -name and -path)

	ents   []entry // the entries being visited, by depth
	cur    *entry  // the entry the expression is evaluated on
	dev    uint64  // -xdev: the device of the operand being walked
	status int
	quit   bool  // -quit was reached
	err    error // a failed write, which ends the run

	runner spawn.Runner
	plus   []*execAction // every -exec ... {} +, for the last batches
	reader *dirent.Reader
}

// entry is what is known of the entry being visited.
type entry struct {
	st    unix.Stat_t // valid when stated
	mode  uint32      // S_IFMT bits, from the directory entry or the stat
	depth int
}

func run(ctx *applet.Ctx, args []string) error {
	f := &finder{
		ctx:       ctx,
		out:       ctx.BufWriter(ctx.Stdout, 32<<10),
		maxDepth:  int(^uint(0) >> 1),
		needPrint: true,
		utf8:      wcwidth.UTF8(ctx.LookupEnv),
	}
	f.runner.Ctx = ctx
	defer f.runner.Close()
	args = f.options(args)
	// The paths: the arguments before the first that starts with "-"
	// or is "!" or "(".
	n := 0
	for n < len(args) && !(args[n] != "" && args[n][0] == '-' || args[n] == "!" || args[n] == "(") {
		n++
	}
	paths := args[:n]
	if n == 0 {
		paths = []string{"."}
	}
	groups, err := f.parse(args[n:])
	if err != nil {
		return err
	}
	f.groups = groups
	for _, p := range paths {
		if f.stopped() || ctx.Cancelled() {
			break
		}
		f.walk.Start(p, ctx.Path(p))
		f.visit(0)
	}
	f.walk.CloseAll()
	if !f.stopped() && !ctx.Cancelled() {
		f.flushExecs()
	}
	if err := f.out.Flush(); err != nil && f.err == nil {
		f.err = err
	}
	if f.err != nil {
		return applet.Perror(f.err, "write error")
	}
	if ctx.Cancelled() {
		return applet.Exit(130)
	}
	return applet.Exit(f.status)
}

// options reads the leading -H, -L and -P (BusyBox's getopt "+HLP" on the
// arguments made of those letters only, up to and past a "--") and
// returns the arguments after them.
func (f *finder) options(args []string) []string {
	h, l := false, false
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if len(a) < 2 || a[0] != '-' {
			break
		}
		if a == "--" {
			i++
			break
		}
		only := true
		for _, c := range a[1:] {
			only = only && (c == 'H' || c == 'L' || c == 'P')
		}
		if !only {
			break
		}
		for _, c := range a[1:] {
			h = h || c == 'H'
			l = l || c == 'L'
		}
	}
	switch {
	case l:
		f.follow = followAll
	case h:
		f.follow = followTop
	}
	return args[i:]
}

// stopped reports whether the walk must end: -quit, or a failed write.
func (f *finder) stopped() bool { return f.quit || f.err != nil }

// warn prints "find: PATH: strerror" for the current entry after what
// was printed so far (BusyBox flushes stdout before a message).
func (f *finder) warn(err error) {
	f.flush()
	f.ctx.Perror(err, "%s", f.walk.Path())
}

// flush writes out what was printed, and notes a failed write.
func (f *finder) flush() {
	if err := f.out.Flush(); err != nil && f.err == nil {
		f.err = err
	}
}

// entry returns the entry record for depth, the slice grown as needed
// (a pointer to it stays valid only until a deeper visit).
func (f *finder) entry(depth int) *entry {
	for len(f.ents) <= depth {
		f.ents = append(f.ents, entry{})
	}
	return &f.ents[depth]
}

// visit is BusyBox's recursive_action for the walk's current entry.
func (f *finder) visit(depth int) {
	w := &f.walk
	e := f.entry(depth)
	e.depth = depth
	follow := f.follow == followAll || f.follow == followTop && depth == 0
	mode := uint32(0)
	if depth > 0 {
		mode = w.Entry().Mode()
		if follow && mode == unix.S_IFLNK {
			mode = 0
		}
	}
	if mode == 0 || f.needStat || f.xdev && mode == unix.S_IFDIR {
		if err := w.Stat(&e.st, follow); err != nil {
			if follow && err == unix.ENOENT && w.Stat(&e.st, false) == nil {
				// A dangling symlink: acted on as itself.
				e.mode = e.st.Mode & unix.S_IFMT
				f.fileAction(e, true)
				return
			}
			f.warn(err)
			f.status = 1
			return
		}
		mode = e.st.Mode & unix.S_IFMT
	}
	e.mode = mode
	if mode != unix.S_IFDIR {
		f.fileAction(e, true)
		return
	}
	sameFS := true
	if f.xdev {
		// -xdev keeps to the device of the operand being walked.
		if depth == 0 {
			f.dev = uint64(e.st.Dev)
		} else if uint64(e.st.Dev) != f.dev {
			sameFS = false
		}
	}
	if !f.depthFirst {
		if f.fileAction(e, sameFS)&resSkip != 0 || f.stopped() {
			return
		}
	} else if !sameFS {
		f.fileAction(e, sameFS)
		return
	}
	if err := w.Open(); err != nil {
		// BusyBox then leaves the directory out of -depth's actions.
		f.warn(err)
		f.status = 1
		return
	}
	// With -depth, BusyBox opens a directory at -maxdepth (and reports
	// it when it cannot), but what lies deeper is never acted on, so it
	// is not read.
	if depth < f.maxDepth {
		for w.Next() {
			if f.ctx.Cancelled() {
				break
			}
			f.visit(depth + 1)
			if f.stopped() {
				return
			}
		}
	}
	w.Close()
	if f.depthFirst {
		f.fileAction(&f.ents[depth], sameFS)
	}
}

// fileAction is BusyBox's fileAction: the depth limits, then the
// expression and the implicit -print. It returns resSkip when a
// directory is not to be descended into.
func (f *finder) fileAction(e *entry, sameFS bool) int {
	if e.depth < f.minDepth {
		if sameFS {
			return resTrue
		}
		return resSkip
	}
	if e.depth > f.maxDepth {
		return resSkip
	}
	f.cur = e
	r := f.eval(f.groups)
	if f.stopped() {
		return resSkip
	}
	if r&resTrue != 0 && f.needPrint {
		f.print('\n')
	}
	if e.mode == unix.S_IFDIR && e.depth == f.maxDepth || !sameFS {
		return resSkip
	}
	return r & resSkip
}

// eval evaluates an expression on the current entry as BusyBox's
// exec_actions does: the groups in turn until one has every action
// hold; an empty group ends the list.
func (f *finder) eval(groups []group) int {
	rc := 0
	for _, g := range groups {
		if len(g) == 0 {
			break
		}
		rc &^= resTrue // resTrue is "failed" in the loop
		failed := false
		for _, a := range g {
			rc |= resTrue ^ f.act(a)
			if f.stopped() {
				return rc
			}
			if a.invert {
				rc ^= resTrue
			}
			if rc&resTrue != 0 {
				failed = true
				break
			}
		}
		if !failed {
			return rc ^ resTrue
		}
	}
	return rc ^ resTrue
}

// print writes the current path and term.
func (f *finder) print(term byte) {
	f.out.Write(f.walk.Path())
	if err := f.out.WriteByte(term); err != nil && f.err == nil {
		f.err = err
	}
}

// pathString is the current path as a string that shares the walk's
// buffer: valid only until the walk moves (match it, never keep it).
func (f *finder) pathString() string {
	p := f.walk.Path()
	return unsafe.String(unsafe.SliceData(p), len(p))
}

// now is time(NULL), read at each comparison as BusyBox does.
func now() int64 { return time.Now().Unix() }
