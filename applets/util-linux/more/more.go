// Package more is the more applet: BusyBox 1.36's util-linux/more.c, the
// simple pager. It copies each file to the terminal, stopping after a
// screenful with a "--More--" prompt (and, for a file of known size, the
// position reached) until Space (a page), Enter (a line), r (the rest) or
// q. Keys come from /dev/tty. With stdout not a terminal, or no
// controlling terminal, it copies its input like cat.
package more

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/copyfiles"
	"gobox/internal/opt"
	"gobox/internal/termwidth"
)

// Applet is more's entry in gobox's applet table (applets/all).
//
// It does not run inside the shell's process: it puts the terminal in
// its own mode and must put it back when Ctrl-C or a hangup ends it, and
// Ctrl-Z must stop more, not the shell.
var Applet = applet.Applet{
	Name:  "more",
	Path:  "/bin",
	Usage: "[FILE]...",
	Help:  `View FILE (or stdin) one screenful at a time`,
	// BusyBox accepts and ignores -d -f -l -s -u (util-linux's options).
	Options: &opt.Spec{Short: "dflsu", Undocumented: "d f l s u"},
	NoFork:  false,
	Main:    run,
}

// tabSize is CONVERTED_TAB_SIZE: tabs become spaces to the next stop.
const tabSize = 8

// helpText answers a key more does not know.
const helpText = "(Enter:next line Space:next page Q:quit R:show the rest)"

// quit is the error q at the prompt ends more with, successfully.
type quit struct{}

func (quit) Error() string { return "quit" }

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	// Like most, more turns into cat when stdout is not a terminal.
	out := ctx.File(1)
	if out == nil || !termwidth.IsTerminalFD(int(out.Fd())) {
		return copyfiles.Cat(ctx, r.Args)
	}
	tty, err := unix.Open("/dev/tty", unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if err != nil {
		return copyfiles.Cat(ctx, r.Args)
	}
	defer unix.Close(tty)
	m := &pager{ctx: ctx, out: bufio.NewWriter(ctx.Stdout), tty: tty}
	// Keys one at a time, not echoed; signals and Enter as '\n' stay.
	if t, err := unix.IoctlGetTermios(tty, unix.TCGETS); err == nil {
		m.orig = t
		raw := *t
		raw.Lflag &^= unix.ICANON | unix.ECHO
		raw.Cc[unix.VMIN] = 1
		raw.Cc[unix.VTIME] = 0
		_ = unix.IoctlSetTermios(tty, unix.TCSETS, &raw)
		defer unix.IoctlSetTermios(tty, unix.TCSETS, t)
	}
	stop, err := m.watch()
	if err != nil {
		return applet.Perror(err, "")
	}
	defer stop()

	files := r.Args
	if len(files) == 0 {
		files = []string{""} // stdin
	}
	for _, name := range files {
		err := m.page(name)
		if ferr := m.out.Flush(); ferr != nil && err == nil {
			err = applet.Errorf("standard output: I/O error")
		}
		if _, ok := err.(quit); ok {
			break
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// pager is more_main's state across files.
type pager struct {
	ctx  *applet.Ctx
	out  *bufio.Writer
	tty  int
	orig *unix.Termios
	wake int // read end of the pipe that signals and Ctrl-C write to
	sig  chan error
	keys []byte // typed ahead (BusyBox reads keys through stdio)

	input byte // the last key: '\n' pages by lines, 'r' shows the rest
}

// watch turns SIGINT, SIGQUIT, SIGTERM and the shell's Ctrl-C into the
// end of more, as BusyBox's gotsig: a newline on stderr, the terminal
// restored, status 1.
func (m *pager) watch() (stop func(), err error) {
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		return nil, err
	}
	m.wake = fds[0]
	m.sig = make(chan error, 1)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM)
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		defer unix.Close(fds[1])
		select {
		case <-sigs:
		case <-m.ctx.Done():
		case <-done:
			return
		}
		if m.orig != nil {
			_ = unix.IoctlSetTermios(m.tty, unix.TCSETS, m.orig)
		}
		m.sig <- applet.Exit(1)
		_, _ = unix.Write(fds[1], []byte{0})
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
		<-exited
		unix.Close(fds[0])
	}, nil
}

// stopped returns the error that ends more when a signal came.
func (m *pager) stopped() error {
	select {
	case err := <-m.sig:
		m.sig <- err // keep it for the other waits
		m.out.Flush()
		fmt.Fprint(m.ctx.Stderr, "\n")
		return err
	default:
		return nil
	}
}

// key waits for a key from the terminal.
func (m *pager) key() (byte, error) {
	for len(m.keys) == 0 {
		fds := []unix.PollFd{{Fd: int32(m.tty), Events: unix.POLLIN}, {Fd: int32(m.wake), Events: unix.POLLIN}}
		if _, err := unix.Poll(fds, -1); err != nil && err != unix.EINTR {
			return 0, err
		}
		if fds[1].Revents != 0 {
			if err := m.stopped(); err != nil {
				return 0, err
			}
		}
		if fds[0].Revents != 0 {
			var b [64]byte
			n, err := unix.Read(m.tty, b[:])
			if err == unix.EINTR || err == unix.EAGAIN {
				continue
			}
			if n <= 0 {
				return 0, quit{} // the terminal is gone
			}
			m.keys = append(m.keys, b[:n]...)
		}
	}
	c := m.keys[0]
	m.keys = m.keys[1:]
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c, nil
}

// size is the terminal's width and the lines of a page (its height less
// the prompt's line).
func (m *pager) size() (int, int) {
	w, h := termwidth.Size(m.ctx.LookupEnv, fdOwner(m.tty))
	return w, h - 1
}

type fdOwner int

func (f fdOwner) Fd() uintptr { return uintptr(f) }

// prompt shows "--More--" and waits for a key more knows; q ends more.
func (m *pager) prompt(pos, size int64) error {
	p := "--More-- "
	if size != 0 {
		// BusyBox divides the position by size/100, at least 1.
		d := size / 100
		if d == 0 {
			d = 1
		}
		p += fmt.Sprintf("(%d%% of %d bytes)", pos/d, size)
	}
	m.out.WriteString(p)
	n := len(p)
	for {
		if err := m.out.Flush(); err != nil {
			return applet.Errorf("standard output: I/O error")
		}
		c, err := m.key()
		if err != nil {
			return err
		}
		m.input = c
		// Erase the prompt.
		m.out.WriteString("\r" + strings.Repeat(" ", n) + "\r")
		switch c {
		case ' ', '\n', 'r':
			return nil
		case 'q':
			return quit{}
		}
		m.out.WriteString(helpText)
		n = len(helpText)
	}
}

// page shows one file ("" is stdin).
func (m *pager) page(name string) error {
	var in io.Reader = m.ctx.Stdin
	var size int64
	var f *os.File
	if name != "" {
		var err error
		f, err = os.Open(m.ctx.Path(name))
		if err != nil {
			m.out.Flush()
			m.ctx.Perror(err, "%s", name) // fopen_or_warn
			return nil
		}
		defer f.Close()
		in = f
	} else {
		f = m.ctx.File(0)
	}
	if f != nil {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
	}
	src := newSource(in)
	defer close(src.stop)
	width, height := m.size()
	var pos int64 // bytes taken from the file, as ftello counts them
	col, lines := 0, 0
	more := false // the page is full: prompt before the next character
	spaces := 0
	var c byte
	for {
		if spaces > 0 {
			spaces--
		} else {
			b, err := src.next(m)
			if err != nil {
				if err == io.EOF {
					return nil
				}
				return err
			}
			c = b
			pos++
		}
		for {
			if m.input != 'r' && more {
				if err := m.prompt(pos, size); err != nil {
					return err
				}
				col, lines, more = 0, 0, false
				// The terminal may have been resized.
				width, height = m.size()
			}
			if c == '\t' {
				// Tabs become spaces, crudely: to the next stop.
				spaces = int(^uint32(col) % tabSize)
				c = ' '
			}
			col++
			wrap := col > width
			if c == '\n' || wrap {
				lines++
				if lines >= height || m.input == '\n' {
					more = true
				}
				col = 0
			}
			if c != '\n' && wrap {
				// The character starts the next line: prompt first.
				continue
			}
			break
		}
		m.out.WriteByte(c)
	}
}

// source reads a file in a goroutine, so that a signal ends more even
// while it waits for a slow pipe.
type source struct {
	ch   chan chunk
	stop chan struct{}
	buf  []byte
	err  error
}

type chunk struct {
	data []byte
	err  error
}

func newSource(r io.Reader) *source {
	s := &source{ch: make(chan chunk), stop: make(chan struct{})}
	go func() {
		for {
			b := make([]byte, 4096)
			n, err := r.Read(b)
			if n == 0 && err == nil {
				continue
			}
			select {
			case s.ch <- chunk{b[:n], err}:
			case <-s.stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return s
}

// next returns the next byte, io.EOF at the end, or the error that
// ended more (a signal).
func (s *source) next(m *pager) (byte, error) {
	for len(s.buf) == 0 {
		if s.err != nil {
			return 0, io.EOF // a read error ends the file, as for getc
		}
		if err := m.out.Flush(); err != nil {
			return 0, applet.Errorf("standard output: I/O error")
		}
		select {
		case c := <-s.ch:
			s.buf, s.err = c.data, c.err
		case err := <-m.sig:
			m.sig <- err
			return 0, m.stopped()
		}
	}
	b := s.buf[0]
	s.buf = s.buf[1:]
	return b, nil
}
