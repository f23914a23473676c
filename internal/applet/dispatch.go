package applet

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// Main is the process entry point: it dispatches on basename(args[0]),
// falling back to "gobox NAME ARGS", and returns the exit status. The
// applet's Ctx is the process's: its streams, working directory,
// environment, umask and descriptors.
func Main(table Table, args []string) int {
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	// Reading the umask means setting it; nothing else runs yet.
	um := syscall.Umask(0o22)
	syscall.Umask(um)
	ctx := &Ctx{
		Context: context.Background(),
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Dir:     dir,
		Env:     os.Environ(),
		Umask:   os.FileMode(um),
		Applets: table,
		proc:    &procFiles{},
	}
	if len(args) == 0 {
		args = []string{"gobox"}
	}
	name := filepath.Base(args[0])
	// login(1) and getty start a login shell as "-sh": BusyBox looks the
	// applet up without the dash, and the shell sees the dash in argv[0].
	name = strings.TrimPrefix(name, "-")
	if a := table.Lookup(name); a != nil {
		ctx.Name = name
		tune(ctx, a)
		return Run(ctx, a, args[1:])
	}
	if strings.HasPrefix(name, "busybox") {
		// Scripts and test suites recognise BusyBox by its banner; run
		// under that name, say it, once, before anything runs.
		asBusyBox = true
	}
	if !isMulticallName(name) {
		// A link with a name that is no applet, as BusyBox reports it.
		fmt.Fprintf(ctx.Stderr, "%s: applet not found\n", name)
		return 127
	}
	return multicall(table, ctx, name, args[1:])
}

// procFiles hands out the process's descriptors above 2 as *os.File, one
// per descriptor for the life of the process (a second os.NewFile would
// close the descriptor when the first is collected).
type procFiles struct {
	mu    sync.Mutex
	files map[int]*os.File
}

func (p *procFiles) get(fd int) *os.File {
	p.mu.Lock()
	defer p.mu.Unlock()
	if f, ok := p.files[fd]; ok {
		return f
	}
	var f *os.File
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err == nil {
		f = os.NewFile(uintptr(fd), "fd"+strconv.Itoa(fd))
	}
	if p.files == nil {
		p.files = map[int]*os.File{}
	}
	p.files[fd] = f
	return f
}

// isMulticallName reports whether the binary was run under its own name:
// "gobox", or "busybox" for scripts and test suites written for BusyBox
// (any suffix, like BusyBox's own "busybox-x86_64").
func isMulticallName(name string) bool {
	return strings.HasPrefix(name, "gobox") || strings.HasPrefix(name, "busybox")
}

// notFound reports an unknown applet. Under its own name gobox says
// "gobox: applet not found"; run as "busybox" it names the applet, as
// BusyBox does.
func notFound(ctx *Ctx, self, name string) int {
	if strings.HasPrefix(self, "busybox") {
		fmt.Fprintf(ctx.Stderr, "%s: applet not found\n", name)
	} else {
		fmt.Fprintf(ctx.Stderr, "gobox: applet not found\n")
	}
	return 127
}

// multicall handles "gobox [--list|--list-full|--install|--help|NAME] ...".
func multicall(table Table, ctx *Ctx, self string, args []string) int {
	ctx.Name = "gobox"
	if len(args) == 0 {
		writeHelp(table, ctx.Stdout)
		return 0
	}
	switch args[0] {
	case "--help", "-h":
		if len(args) > 1 && !isMulticallName(args[1]) {
			if a := table.Lookup(args[1]); a != nil {
				WriteUsage(ctx.Stdout, a)
				return 0
			}
			return notFound(ctx, self, args[1])
		}
		writeHelp(table, ctx.Stdout)
		return 0
	case "--list":
		for _, a := range table {
			fmt.Fprintln(ctx.Stdout, a.Name)
		}
		return 0
	case "--list-full":
		for _, a := range table {
			fmt.Fprintln(ctx.Stdout, strings.TrimPrefix(a.Path+"/"+a.Name, "/"))
		}
		return 0
	case "--install":
		return install(table, ctx, args[1:])
	}
	a := table.Lookup(filepath.Base(args[0]))
	if a == nil {
		return notFound(ctx, self, args[0])
	}
	ctx.Name = a.Name
	tune(ctx, a)
	return Run(ctx, a, args[1:])
}

// gcPercent is the garbage collector's target (GOGC) for an applet run
// as a process: the heap may grow by a quarter over what is live before
// a collection, and to 1 MB (Go's default of 100 allows 4 MB) when little
// is live, so that garbage cannot take an applet far over BusyBox's
// peak. Measured (docs/architecture.md, "Runtime settings"): cp -a of a
// tree, before its walker was fixed, peaked 2.8 MB lower than at 100; a
// sort-like heap of 100 MB of lines 17% lower, for about 5% more CPU on
// one P. A run that allocates 1 to 4 MB in all collects where at 100 it
// would not, and pays about 0.5 MB for the collector's first cycle.
const gcPercent = 25

// tune applies the runtime settings chosen for an applet that has the
// process to itself, before it runs; the user's GOMAXPROCS and GOGC win
// (the runtime applied them at start), and a Parallel applet keeps all
// its Ps (GOGC 25 applies to it too: tar c, sh running a loop and gzip -c
// peak 2.5 MB lower than at Go's 100, for no CPU this machine could
// measure). There is no soft memory limit (see docs/architecture.md).
//
// An applet that is single-threaded by nature runs on one P once it has
// collected garbage: the collector's idle workers then have no other P
// to burn CPU on (GOGC 25 on two cores: 6 times less GC CPU), and no
// second P keeps its own cache of spans. Changing GOMAXPROCS stops the
// world (at start: 80 us more for `gobox true`, which takes 1.3 ms), so
// it waits for the first collection, which most runs never reach;
// registering that costs about 10 us (the runtime starts its cleanup
// goroutine), and nothing on a machine with one CPU, where there is
// one P already. Threads that the runtime started before Main stay.
func tune(ctx *Ctx, a *Applet) {
	if !ctx.OwnsProcess() {
		return
	}
	if _, ok := ctx.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(gcPercent)
	}
	if a.Parallel {
		return
	}
	if _, ok := ctx.LookupEnv("GOMAXPROCS"); !ok && runtime.GOMAXPROCS(0) > 1 {
		afterFirstGC(func() { runtime.GOMAXPROCS(1) })
	}
}

// afterFirstGC runs f once the garbage collector has run, in a goroutine
// of the runtime's: f is the cleanup of an object that nothing refers to,
// which runs after the first cycle that finds it unreachable. (Pointers
// keep it out of the tiny allocator, whose blocks are freed together.)
func afterFirstGC(f func()) {
	runtime.AddCleanup(new([2]*byte), func(f func()) { f() }, f)
}

func writeHelp(table Table, w io.Writer) {
	var b strings.Builder
	b.WriteString(Banner())
	b.WriteString(` multi-call binary.
gobox is a userland in one static Go binary, after BusyBox.

Usage: gobox [function [arguments]...]
   or: gobox --list[-full]
   or: gobox --install [-s] [DIR]
   or: function [arguments]...

	gobox is a multi-call binary that combines many common Unix
	utilities into a single executable.  Most people will create a
	link to gobox for each function they wish to use and gobox
	will act like whatever it was invoked as.

Currently defined functions:
`)
	line := "\t"
	for i, a := range table {
		item := a.Name
		if i < len(table)-1 {
			item += ","
		}
		if len(line)+len(item)+1 > 77 && line != "\t" {
			b.WriteString(strings.TrimRight(line, " "))
			b.WriteString("\n")
			line = "\t"
		}
		line += item + " "
	}
	b.WriteString(strings.TrimRight(line, " "))
	b.WriteString("\n")
	io.WriteString(w, b.String())
}

// install implements "gobox --install [-s] [DIR]": a hard link (or with
// -s a symlink) per applet, into DIR or into each applet's Path under /.
func install(table Table, ctx *Ctx, args []string) int {
	symlink := false
	if len(args) > 0 && args[0] == "-s" {
		symlink = true
		args = args[1:]
	}
	if len(args) > 1 {
		fmt.Fprintf(ctx.Stderr, "gobox: usage: gobox --install [-s] [DIR]\n")
		return 1
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(ctx.Stderr, "gobox: can't find own binary: %s\n", ErrText(err))
		return 1
	}
	if resolved, err := filepath.EvalSymlinks(self); err == nil {
		self = resolved
	}
	root := ""
	flat := len(args) == 1
	if flat {
		root = ctx.Path(args[0])
	}
	status := 0
	for _, a := range table {
		var dst string
		if flat {
			dst = filepath.Join(root, a.Name)
		} else {
			dst = filepath.Join("/", a.Path, a.Name)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				fmt.Fprintf(ctx.Stderr, "gobox: %s: %s\n", filepath.Dir(dst), ErrText(err))
				status = 1
				continue
			}
		}
		if dst == self {
			continue
		}
		// BusyBox replaces existing links; an existing regular file of
		// another program is replaced too, as with "busybox --install".
		os.Remove(dst)
		if symlink {
			err = os.Symlink(self, dst)
		} else {
			err = os.Link(self, dst)
		}
		if err != nil {
			fmt.Fprintf(ctx.Stderr, "gobox: %s: %s\n", dst, ErrText(err))
			status = 1
		}
	}
	return status
}
