// Package less is the less applet: BusyBox 1.36's miscutils/less.c as
// Alpine configures it (every FEATURE_LESS_* on): a pager that reads its
// input as it needs it, scrolls both ways, searches with basic regular
// expressions (/ ? n N, matches highlighted), jumps to line numbers,
// marks and brackets, pages several files (:n :p :x :d :e), toggles
// options with '-', follows window size changes, and with stdout not a
// terminal copies its input like cat.
package less

import (
	"bufio"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/copyfiles"
	"gobox/internal/opt"
	"gobox/internal/termwidth"
)

// Applet is less's entry in gobox's applet table (applets/all).
//
// It does not run inside the shell's process: it owns the terminal
// while it runs (its mode, SIGWINCH, and Ctrl-C or a hangup, after which
// it must put the terminal back), and Ctrl-Z must stop less, not the
// shell, as BusyBox's less is stopped.
var Applet = applet.Applet{
	Name:  "less",
	Path:  "/usr/bin",
	Usage: "[-EFIMmNSRh~] [FILE]...",
	Help: `View FILE (or stdin) one screenful at a time

	-E	Quit once the end of a file is reached
	-F	Quit if entire file fits on first screen
	-I	Ignore case in all searches
	-M,-m	Display status line with line numbers
		and percentage through the file
	-N	Prefix line number to each line
	-S	Truncate long lines
	-R	Remove color escape codes in input
	-~	Suppress ~s displayed past EOF`,
	// -s and -X are accepted and ignored, as in BusyBox (tools pass them).
	Options: &opt.Spec{Short: "EMmN~IFSRsX", Undocumented: "s X"},
	NoFork:  false,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	var flags uint
	for i, k := range []string{"E", "M", "m", "N", "~", "I", "F", "S", "R"} {
		if r.Has(k) {
			flags |= 1 << i
		}
	}
	// Tools set LESS (git: "FRX"); the letters less knows count.
	if env, ok := ctx.LookupEnv("LESS"); ok {
		for _, c := range env {
			switch c {
			case 'F':
				flags |= flagF
			case 'M':
				flags |= flagM
			case 'R':
				flags |= flagR
			case 'S':
				flags |= flagS
			}
		}
	}
	// Like most, less turns into cat when stdout is not a terminal.
	out := ctx.File(1)
	if out == nil || !termwidth.IsTerminalFD(int(out.Fd())) {
		return copyfiles.Cat(ctx, r.Args)
	}
	if len(r.Args) == 0 {
		if in := ctx.File(0); in != nil && termwidth.IsTerminalFD(int(in.Fd())) {
			return applet.Usage("") // no file and nothing piped in
		}
	}
	kfd, own := openKeyboard(int(out.Fd()))
	if own {
		defer unix.Close(kfd)
	}
	w, h, unknown := terminalSize(ctx, kfd)
	if w < 20 || h < 3 { // two tab stops and 4, and a line to show
		return copyfiles.Cat(ctx, r.Args)
	}
	kbd := &keyboard{fd: kfd, input: -1}
	if t, err := unix.IoctlGetTermios(kfd, unix.TCGETS); err == nil {
		kbd.orig, kbd.raw = t, rawTermios(t)
	}
	p := &pager{
		ctx: ctx, out: bufio.NewWriterSize(ctx.Stdout, 16<<10), kbd: kbd, flags: flags,
		width: w, maxDisp: h - 2, files: r.Args, currentFile: 1,
		emptyMarker: "~", getsPos: -1, wantedMatch: -1, sizeUnknown: unknown,
	}
	if flags&flagTilde != 0 {
		p.emptyMarker = ""
	}
	if len(r.Args) > 0 {
		p.filename = r.Args[0]
	}
	stop, err := p.watch()
	if err != nil {
		return applet.Perror(err, "")
	}
	defer stop()
	return p.loop()
}

// watch starts turning SIGWINCH, fatal signals and the shell's Ctrl-C
// into wake-ups of the key wait, through a pipe whose write end the
// watching goroutine owns. stop ends it.
func (p *pager) watch() (stop func(), err error) {
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		return nil, err
	}
	p.kbd.wake = fds[0]
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGWINCH, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		defer unix.Close(fds[1])
		ctxDone := p.ctx.Done()
		for {
			select {
			case s := <-sigs:
				if s == syscall.SIGWINCH {
					p.winch.Add(1)
				} else {
					p.sig.CompareAndSwap(0, int32(s.(syscall.Signal)))
				}
			case <-ctxDone:
				p.sig.CompareAndSwap(0, -1)
				ctxDone = nil
			case <-done:
				return
			}
			_, _ = unix.Write(fds[1], []byte{0})
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
		<-exited
		unix.Close(fds[0])
		if p.src != nil {
			p.src.close()
		}
	}, nil
}

// loop shows the first file and obeys keys until less exits.
func (p *pager) loop() (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(exitPager)
			if !ok {
				p.kbd.setCooked()
				panic(r)
			}
			err = e.err
			if ferr := p.out.Flush(); ferr != nil && err == nil {
				err = applet.Perror(ferr, "write error")
			}
		}
	}()
	p.reinitialize()
	for {
		p.resize()
		key := p.getch(-1)
		if key == keyCursorPos {
			// The answer to reinitialize's question: the cursor went as
			// far as the screen goes.
			p.setSize(p.kbd.col, p.kbd.row)
			continue
		}
		p.keypress(key)
	}
}
