// Package vi is the vi applet: BusyBox 1.36's editors/vi.c as Alpine
// configures it (colon commands with % and # expansion, yank and marks,
// search without regular expressions, undo with its queue, the dot
// command, read-only mode, :set with ai ic sm fl et ts, window resizing,
// asking the terminal its size). It draws with the VT100 escapes BusyBox
// vi uses and words its status line and messages as BusyBox does.
package vi

import (
	"bufio"
	"io"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is vi's entry in gobox's applet table (applets/all).
//
// It does not run inside the shell's process: it owns the terminal while
// it runs (its mode and size), as less does.
var Applet = applet.Applet{
	Name:  "vi",
	Path:  "/bin",
	Usage: "[-c CMD] [-R] [-H] [FILE]...",
	Help: `Edit FILE

	-c CMD	Initial command to run ($EXINIT and ~/.exrc also available)
	-R	Read-only
	-H	List available features`,
	Options: &opt.Spec{Short: "c:HhR", Undocumented: "h"},
	NoFork:  false,
	Main:    run,
}

const features = "These features are available:" +
	"\n\tPattern searches with / and ?" +
	"\n\tLast command repeat with ." +
	"\n\tLine marking with 'x" +
	"\n\tNamed buffers with \"x" +
	"\n\tSome colon mode commands with :" +
	"\n\tSettable options with \":set\"" +
	"\n\tSignal catching- ^C" +
	"\n\tJob suspend and resume with ^Z" +
	"\n\tAdapt to window re-sizes\n"

// Option bits, in :set's order.
const (
	optAutoindent = 1 << iota
	optExpandtab
	optFlash
	optIgnorecase
	optShowmatch
	optTabstop
)

// Buffer types of a register.
const (
	partial = iota // part of a line
	whole          // whole lines
	multi          // may hold newlines
)

// editor is the state of one vi session (BusyBox's globals).
type editor struct {
	ctx  *applet.Ctx
	keys *keyboard
	out  *bufio.Writer
	tty  *os.File // the terminal keys come from, nil if none
	orig *unix.Termios

	text        []byte
	dot         int
	screenbegin int

	setops, tabstop int
	readonly        int // bit 0: file not writable, bit 1: -R
	editing         int
	cmdMode         int // 0 command, 1 insert, 2 replace
	modified        int
	lastModified    int
	files           []string
	optind          int
	cmdcnt          int
	rstart          int
	rows, cols      int
	rowcolErr       bool
	crow, ccol      int
	offset          int
	haveStatus      int
	lastCksum       int
	status          string
	filename        string
	hasName         bool
	altname         string
	hasAlt          bool
	screen          []byte
	lineBuf         []byte

	lastSearchChar int
	lastSearchCmd  int

	adding2q bool
	lmc      []byte // last modifying command, for '.'
	ioq      []byte // keys being replayed by '.'
	replay   bool
	dotcnt   int

	lastSearch string // "/pat" or "?pat"; "" before any search
	indentcol  int
	newindent  int
	cmdError   bool

	curLine   int
	oldOffset int
	tot       int

	ydreg   int
	reg     [28][]byte
	regSet  [28]bool
	regtype [28]int
	mark    [28]int // -1: unset

	cindex    int
	keepIndex bool
	initial   []string
	writeErr  error            // why the last fileWrite failed
	shell     func(string) int // runs :!CMD; nil: /bin/sh (the fuzz test stubs it)

	undo       []undoObj
	undoQState int
	undoQ      int
	undoSpos   int
	undoQueue  [undoQueueMax]byte
}

const cEnd = -1 // cindex after '$': stay at the end of lines

// Ureg is the register that holds the line for 'U'.
const ureg = 27

// inputEnded unwinds the editor when its input ends (BusyBox dies with
// "can't read user input").
type inputEnded struct{}

// interrupt unwinds to the main loop on Ctrl-C, as BusyBox's SIGINT
// handler jumps back into edit_file.
type interrupt struct{}

func run(ctx *applet.Ctx, args []string) (err error) {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if r.Has("H") {
		io.WriteString(ctx.Stdout, features)
	}
	if r.Has("H") || r.Has("h") {
		return applet.Usage("")
	}
	e := &editor{
		ctx:          ctx,
		out:          bufio.NewWriterSize(ctx.Stdout, 8192),
		tabstop:      8,
		lastModified: -1,
		newindent:    -1,
		ydreg:        26,
		curLine:      -1,
		files:        r.Args,
		undoQState:   undoEmpty,
	}
	if r.Has("R") {
		e.readonly |= 2
	}
	e.tty = ctx.File(0)
	e.keys = newKeyboard(ctx.Stdin, e.tty)
	for i := range e.mark {
		e.mark[i] = -1
	}
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(inputEnded); !ok {
				panic(p)
			}
			e.goBottomAndClearToEOL()
			e.out.Flush()
			e.cookmode()
			err = applet.Errorf("can't read user input")
		}
	}()
	e.initial = r.List("c")
	// $EXINIT, else ~/.exrc if it is the user's and only the user's
	// to write.
	var cmds string
	hasCmds := false
	if exinit, ok := ctx.LookupEnv("EXINIT"); ok {
		cmds, hasCmds = exinit, true
	} else if home := ctx.Getenv("HOME"); home != "" {
		exrc := strings.TrimSuffix(home, "/") + "/.exrc"
		var st syscall.Stat_t
		if syscall.Stat(ctx.Path(exrc), &st) == nil {
			if st.Mode&(syscall.S_IWGRP|syscall.S_IWOTH) == 0 && int(st.Uid) == os.Getuid() {
				if b, err := os.ReadFile(ctx.Path(exrc)); err == nil {
					cmds, hasCmds = string(b), true
				}
			} else {
				e.statusLineBold(".exrc: permission denied")
			}
		}
	}
	if hasCmds {
		e.rows, e.cols = 24, 80
		e.initTextBuffer("", false)
		e.runCmds(cmds)
	}
	// Save the cursor, use the alternate screen, and back at the end.
	e.write("\033[?1049h")
	e.optind = 0
	for {
		name, ok := "", false
		if e.optind >= 0 && e.optind < len(e.files) {
			name, ok = e.files[e.optind], true
		}
		e.editFile(name, ok)
		e.optind++
		if e.optind >= len(e.files) {
			break
		}
	}
	e.write("\033[?1049l")
	e.out.Flush()
	return nil
}

func (e *editor) rawmode() {
	if e.tty == nil {
		return
	}
	t, err := unix.IoctlGetTermios(int(e.tty.Fd()), unix.TCGETS)
	if err != nil {
		return
	}
	if e.orig == nil {
		o := *t
		e.orig = &o
	}
	raw := *e.orig
	// TERMIOS_RAW_CRNL: no line editing, echo or flow control, CR and NL
	// not translated on input. Signals are read as keys (Ctrl-C, Ctrl-Z)
	// rather than delivered, so that an in-process run never kills its
	// host; the editor acts on them as BusyBox's handlers do.
	raw.Lflag &^= unix.ICANON | unix.ECHO | unix.ECHONL | unix.ISIG
	raw.Iflag &^= unix.IXON | unix.ICRNL
	raw.Oflag &^= unix.ONLCR | unix.OCRNL
	raw.Cc[unix.VMIN] = 1
	raw.Cc[unix.VTIME] = 0
	unix.IoctlSetTermios(int(e.tty.Fd()), unix.TCSETSW, &raw)
}

func (e *editor) cookmode() {
	e.out.Flush()
	if e.tty != nil && e.orig != nil {
		unix.IoctlSetTermios(int(e.tty.Fd()), unix.TCSETS, e.orig)
	}
}

// querySize reads the terminal size, reporting failure.
func (e *editor) querySize() bool {
	f := e.ctx.File(1)
	if e.tty != nil {
		f = e.tty
	}
	if f == nil {
		return false
	}
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Row == 0 || ws.Col == 0 {
		// libbb's get_terminal_width_height takes $LINES and $COLUMNS
		// then, and still reports the failure.
		if v := atoiEnv(e.ctx.Getenv("LINES")); v > 0 {
			e.rows = min(v, maxScr)
		}
		if v := atoiEnv(e.ctx.Getenv("COLUMNS")); v > 0 {
			e.cols = min(v, maxScr)
		}
		return false
	}
	e.rows, e.cols = min(int(ws.Row), maxScr), min(int(ws.Col), maxScr)
	return true
}

func atoiEnv(s string) int {
	n := 0
	if s == "" {
		return 0
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || n > 1e6 {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// readit reads one key from the user.
func (e *editor) readit() int {
	e.out.Flush()
	c := e.keys.read()
	if c == keyEOF {
		panic(inputEnded{})
	}
	if c == 3 && e.tty != nil {
		panic(interrupt{})
	}
	if c == 0x1a && e.tty != nil {
		e.suspend()
		return e.readit()
	}
	return c
}

// suspend is BusyBox's SIGTSTP handler: put the terminal back, stop,
// and redraw when continued. Only a process of its own can stop.
func (e *editor) suspend() {
	if !e.ctx.OwnsProcess() {
		return
	}
	e.goBottomAndClearToEOL()
	e.cookmode()
	syscall.Kill(0, syscall.SIGSTOP)
	e.rawmode()
	e.lastCksum = 0
	e.redraw(true)
}

func (e *editor) getOneChar() int {
	if !e.adding2q {
		if e.replay {
			if len(e.ioq) > 0 {
				c := int(e.ioq[0])
				e.ioq = e.ioq[1:]
				if c != 0 {
					return c
				}
			}
			e.replay = false
			e.ioq = nil
		}
		return e.readit()
	}
	c := e.readit()
	if len(e.lmc) >= maxInputLen-2 {
		e.adding2q = false
		e.lmc = e.lmc[:0]
	} else {
		e.lmc = append(e.lmc, byte(c))
	}
	return c
}

// getMotionChar reads the motion of an operator, with its own count.
func (e *editor) getMotionChar() int {
	c := e.getOneChar()
	if c >= 0 && isDigit(byte(c)) {
		if c != '0' {
			cnt := 0
			for ; c >= 0 && isDigit(byte(c)); c = e.getOneChar() {
				cnt = cnt*10 + (c - '0')
			}
			e.cmdcnt = max(e.cmdcnt, 1) * cnt
		} else {
			e.cmdcnt = 0
		}
	}
	return c
}

// getInputLine reads a line on the status line after prompt.
func (e *editor) getInputLine(prompt string) string {
	buf := []byte(prompt)
	e.lastCksum = 0
	e.goBottomAndClearToEOL()
	e.write(prompt)
	for len(buf) < maxInputLen-1 {
		c := e.getOneChar()
		if c == '\n' || c == '\r' || c == 27 {
			break
		}
		if e.isBackspace(c) {
			if len(buf) > 0 {
				buf = buf[:len(buf)-1]
			}
			e.goBottomAndClearToEOL()
			if len(buf) <= 0 {
				break
			}
			e.out.Write(buf)
		} else if c > 0 && c < 256 {
			buf = append(buf, byte(c))
			e.out.WriteByte(byte(c))
		}
	}
	e.refresh(false)
	return string(buf)
}

func (e *editor) isBackspace(c int) bool {
	if c == 8 || c == 127 {
		return true
	}
	return e.orig != nil && c == int(e.orig.Cc[unix.VERASE])
}

// fileInsert reads file fn into the text at p; it returns the bytes
// read, or -1 when the file could not be opened or read.
func (e *editor) fileInsert(fn string, p int, initial bool) int {
	p = max(min(p, len(e.text)), 0)
	f, err := os.Open(e.ctx.Path(fn))
	if err != nil {
		if !initial {
			e.statusLineBoldErr(fn, err)
		}
		return -1
	}
	defer f.Close()
	cnt := -1
	st, err := f.Stat()
	if err != nil {
		e.statusLineBoldErr(fn, err)
	} else if !st.Mode().IsRegular() {
		e.statusLineBold("'%s' is not a regular file", fn)
	} else {
		size := int(st.Size())
		data := make([]byte, size)
		n, rerr := io.ReadFull(f, data)
		if rerr != nil && n == 0 && size > 0 {
			e.statusLineBoldErr(fn, rerr)
		} else {
			cnt = n
			e.holeMake(p, n)
			copy(e.text[p:], data[:n])
			if n < size {
				e.statusLineBold("can't read '%s'", fn)
			} else {
				e.undoPushInsert(p, size, allowUndo)
			}
		}
	}
	if initial && st != nil {
		if unix.Access(e.ctx.Path(fn), unix.W_OK) != nil || st.Mode().Perm()&0o222 == 0 {
			e.readonly |= 1
		}
	}
	return cnt
}

func (e *editor) statusLineBoldErr(fn string, err error) {
	e.statusLineBold("'%s' %s", fn, applet.ErrText(err))
}

// fileWrite writes text[first..last] to fn: the count written, -1 on an
// error (reported), -2 when there is no file name.
func (e *editor) fileWrite(fn string, hasName bool, first, last int) int {
	if !hasName {
		e.statusLineBold("No current filename")
		return -2
	}
	// BusyBox opens without O_TRUNC and truncates after the write, so
	// that a failed write loses less.
	f, err := os.OpenFile(e.ctx.Path(fn), os.O_WRONLY|os.O_CREATE, 0o666&^e.ctx.Umask)
	if err != nil {
		e.writeErr = err
		return -1
	}
	cnt := last - first + 1
	var n int
	if cnt > 0 {
		n, _ = f.Write(e.text[first : last+1])
	}
	f.Truncate(int64(n))
	f.Close()
	if n != cnt {
		return 0
	}
	return n
}

func (e *editor) updateFilename(fn string) {
	if !e.hasName || fn != e.filename {
		e.altname, e.hasAlt = e.filename, e.hasName
		e.filename, e.hasName = fn, true
	}
}

func (e *editor) initFilename(fn string) {
	if !e.hasName {
		e.filename, e.hasName = fn, true
	} else {
		e.altname, e.hasAlt = fn, true
	}
}

// initTextBuffer loads fn (or nothing) as the text to edit.
func (e *editor) initTextBuffer(fn string, ok bool) int {
	e.text = make([]byte, 0, 10240)
	e.screenbegin, e.dot = 0, 0
	rc := -1
	if ok {
		e.updateFilename(fn)
		rc = e.fileInsert(fn, 0, true)
	}
	if rc < 0 {
		e.charInsert(0, '\n', noUndo)
	}
	e.undo = nil
	e.modified = 0
	e.lastModified = -1
	for i := range e.mark {
		e.mark[i] = -1
	}
	return rc
}

func (e *editor) runCmds(s string) {
	for _, q := range strings.Split(s, "\n") {
		if q == "" {
			continue
		}
		if len(q) < maxInputLen {
			e.colon(q)
		}
	}
}

// editFile edits one file until :q, :n, ZZ and the like.
func (e *editor) editFile(fn string, ok bool) {
	e.editing = 1
	e.rawmode()
	e.rows, e.cols = 24, 80
	e.rowcolErr = !e.querySize()
	if e.rowcolErr && e.tty != nil {
		// Ask the terminal where the cursor lands at 999,999.
		e.write("\033[999;999H\033[6n")
		e.out.Flush()
		if e.keys.fill(100) || len(e.keys.buf) > 0 {
			if len(e.keys.buf) > 0 && e.keys.buf[0] == 0x1b {
				if key, n, _ := matchSeq(e.keys.buf[1:]); key == keyCursorPos {
					row, col := cursorPos(e.keys.buf[1 : 1+n])
					e.keys.buf = e.keys.buf[1+n:]
					e.rows, e.cols = min(row, maxScr), min(col, maxScr)
				}
			}
		}
	}
	e.newScreen(e.rows, e.cols)
	e.initTextBuffer(fn, ok)
	e.ydreg = 26
	e.mark[26], e.mark[27] = 0, 0
	e.crow, e.ccol = 0, 0
	first := true
	for {
		if !first {
			// Ctrl-C: back to the top of the text.
			e.screenbegin, e.dot = 0, 0
		}
		if e.editLoop(first) {
			break
		}
		first = false
	}
	e.goBottomAndClearToEOL()
	e.cookmode()
}

// editLoop runs the command loop; it returns false when Ctrl-C
// interrupted it.
func (e *editor) editLoop(first bool) (done bool) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(interrupt); !ok {
				panic(p)
			}
			done = false
		}
	}()
	e.cmdMode = 0
	e.cmdcnt = 0
	e.offset = 0
	e.ioq, e.replay = nil, false
	e.adding2q = false
	if first {
		for len(e.initial) > 0 {
			c := e.initial[0]
			e.initial = e.initial[1:]
			e.runCmds(c)
		}
	}
	e.redraw(false)
	for e.editing > 0 {
		c := e.getOneChar()
		// Keep a copy of the line for 'U'.
		if bl := e.beginLine(e.dot); bl != e.curLine {
			e.curLine = bl
			e.textYank(bl, e.endLine(e.dot), ureg, partial)
		}
		if !e.adding2q && !e.replay && e.cmdMode == 0 && c > 0 && c < 0x7f && strings.IndexByte("aAcCdDiIJoOpPrRsxX<>~", byte(c)) >= 0 {
			e.startNewCmdQ(byte(c))
		}
		e.doCmd(c)
		if !e.keys.pending() {
			e.refresh(false)
			e.showStatusLine()
		}
	}
	return true
}
