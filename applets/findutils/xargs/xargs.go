// Package xargs is the xargs applet: BusyBox 1.36's xargs as Alpine
// builds it, with quotes and backslashes in the input, -0, -a, -o, -r,
// -t, -p, -E/-e, -I/-i, -n, -s, -P and -x (accepted, and without effect,
// as there).
//
// The input is read into a buffer the size of the command line that is
// left after the command (BusyBox's n_max_chars: 32 KiB less 2048, less
// the command's words, or -s less them), and a command runs whenever the
// buffer is full, -n words were read, or the input ends: the same batches
// as BusyBox's, word for word. Commands run through internal/spawn: an
// applet of the binary in-process, anything else as a child.
package xargs

import (
	"bufio"
	"errors"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"syscall"
	"unsafe"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/spawn"
	"gobox/internal/suffix"
)

// Applet is xargs's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "xargs",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [PROG ARGS]",
	Help: `Run PROG on every item given by stdin

	-0	NUL terminated input
	-a FILE	Read from FILE instead of stdin
	-o	Reopen stdin as /dev/tty
	-r	Don't run command if input is empty
	-t	Print the command on stderr before execution
	-p	Ask user whether to run each command
	-E STR,-e[STR]	STR stops input processing
	-I STR	Replace STR within PROG ARGS with input line
	-n N	Pass no more than N args to PROG
	-s N	Pass command line of no more than N bytes
	-P N	Run up to N PROGs in parallel
	-x	Exit if size is exceeded`,
	Options: &opt.Spec{
		Short:         "trn:s:e::E:pxoI:i::P:a:0",
		Long:          "no-run-if-empty=r",
		StopAtOperand: true,
		Undocumented:  "i",
	},
	NoFork: true,
	Main:   run,
}

// argMax is BusyBox's limit on the command line: bb_arg_max() (musl's
// ARG_MAX, 131072) capped at 32 KiB, less the 2048 bytes POSIX leaves
// for the environment.
const argMax = 32*1024 - 2048

// ttyPath is the terminal -p asks on and -o gives the commands.
const ttyPath = "/dev/tty"

// xargs is one run.
type xargs struct {
	ctx     *applet.Ctx
	in      *bufio.Reader
	eof     bool    // the input has ended (musl's EOF sticks)
	eofStr  *string // -E/-e: the word that ends the input
	zero    bool    // -0
	lines   bool    // -I/-i: a command per line, repl replaced by it
	repl    string
	argv    []string
	maxChar int // room for the words read, after the command's
	maxArgs int
	verbose bool // -t
	ask     bool // -p
	noEmpty bool // -r: no command for no input

	buf      []byte   // the words read, NUL-terminated, as BusyBox's buf
	words    []string // the words read, views into buf (see view)
	cmd      []string // the command line being run, reused
	state    int      // readQuoted's state: norm, quote or backslash
	quote    byte     // the quote being read
	runner   spawn.Runner
	maxProcs int
	running  int
	done     chan result
	exitCode int
}

// result is how one command of a parallel run ended.
type result struct {
	st   spawn.Status
	name string
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	x := &xargs{ctx: ctx, maxProcs: 1}
	x.runner.Ctx = ctx
	defer x.runner.Close()
	if r.Has("P") {
		n, err := opt.AtoiPositive(r.Str("P")) // its errors are BusyBox's words
		if err != nil {
			return err
		}
		if n == 0 {
			n = 100 // -P0 means "run lots of them"
		}
		x.maxProcs = n
	}
	in := ctx.Stdin
	// The commands share xargs's input as BusyBox's children share its
	// descriptor 0; one that is no file they do not get (a copy pumped
	// into a child would take what xargs has yet to read).
	var childIn io.Reader = strings.NewReader("")
	if f := ctx.File(0); f != nil {
		childIn = f
	}
	if r.Has("a") {
		f, err := os.Open(ctx.Path(r.Str("a")))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", r.Str("a"))
		}
		defer f.Close()
		in, childIn = f, f
	}
	if r.Has("o") {
		tty, err := os.Open(ttyPath)
		if err != nil {
			return applet.Perror(err, "can't open '%s'", ttyPath)
		}
		defer tty.Close()
		childIn = tty
	}
	x.runner.Stdin = childIn
	x.in = bufio.NewReaderSize(in, 32<<10)
	if v, ok := lastValue(r, "e", "E"); ok {
		if v != "" || !r.Has("E") {
			x.eofStr = &v
		}
	}
	x.zero = r.Has("0")
	x.verbose, x.ask, x.noEmpty = r.Has("t"), r.Has("p"), r.Has("r")
	x.argv = r.Args
	if len(x.argv) == 0 {
		x.argv = []string{"echo"}
	}
	x.maxChar = argMax
	if r.Has("s") {
		n, err := suffix.Range(r.Str("s"), suffix.None, 1, math.MaxInt32) // suffix.Error is BusyBox's words
		if err != nil {
			return err
		}
		x.maxChar = int(n)
	}
	for _, a := range x.argv {
		x.maxChar -= len(a) + 1
	}
	if x.maxChar <= 0 {
		return applet.Errorf("can't fit single argument within argument list size limit")
	}
	x.maxArgs = x.maxChar
	if r.Has("n") {
		n, err := suffix.Range(r.Str("n"), suffix.None, 1, math.MaxInt32)
		if err != nil {
			return err
		}
		x.maxArgs = int(n)
	}
	if r.Has("I") || r.Has("i") {
		x.lines, x.repl = true, "{}"
		if v, ok := lastValue(r, "i", "I"); ok {
			x.repl = v
		}
		x.noEmpty = true // -I implies -r, as in GNU findutils
	}
	if x.maxProcs > 1 {
		x.done = make(chan result)
	}
	err = x.loop()
	x.wait()
	if err != nil {
		return err
	}
	if ctx.Cancelled() {
		return applet.Exit(130)
	}
	return applet.Exit(x.exitCode)
}

// lastValue returns the argument of the last of the options keys (which
// set the same thing) given with one: an option with an optional
// argument given without it leaves the value alone, as getopt32 does.
func lastValue(r *opt.Result, keys ...string) (string, bool) {
	idx := map[string]int{}
	val, ok := "", false
	for _, k := range r.Order() {
		vals := r.List(k)
		if len(vals) == 0 || !slices.Contains(keys, k) {
			continue
		}
		// Only the options with a value record one: when some
		// occurrences of an optional one have none, the values are
		// taken to be its last ones.
		skip := r.Count(k) - len(vals)
		i := idx[k]
		idx[k]++
		if i < skip {
			continue
		}
		val, ok = vals[i-skip], true
	}
	return val, ok
}

// loop reads the input and runs the commands, as BusyBox's main loop.
func (x *xargs) loop() error {
	var rem []byte
	for !x.ctx.Cancelled() {
		words, next, err := x.read(rem)
		if err != nil {
			return err
		}
		if len(words) == 0 {
			if len(next) != 0 {
				return applet.Errorf("argument line too long")
			}
			if x.noEmpty {
				break
			}
		}
		x.noEmpty = true
		cmd := words
		if !x.lines {
			cmd = append(append(x.cmd[:0], x.argv...), words...)
			x.cmd = cmd
		}
		if x.maxProcs > 1 {
			// The command runs on while the next words are read
			// into the buffer its words are views into.
			cmd = cloneAll(cmd)
		}
		if x.verbose || x.ask {
			msg := strings.Join(cmd, " ")
			if !x.ask {
				msg += "\n"
			}
			io.WriteString(x.ctx.Stderr, msg)
		}
		run := true
		if x.ask {
			ok, err := x.confirm()
			if err != nil {
				return err
			}
			run = ok
		}
		if run && x.exec(cmd) != 0 {
			break
		}
		rem = next
	}
	return nil
}

// cloneAll returns a copy of words that shares no memory with them, in
// one allocation.
func cloneAll(words []string) []string {
	n := 0
	for _, w := range words {
		n += len(w)
	}
	b := make([]byte, 0, n)
	out := make([]string, len(words))
	for i, w := range words {
		b = append(b, w...)
		out[i] = view(b[len(b)-len(w):])
	}
	return out
}

// view is b as a string without a copy: the words a command gets are
// views into the buffer they were read into, which is not written again
// until the command has run, so that reading them allocates nothing per
// word.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// confirm asks on the terminal whether to run the command: a line
// starting with y or Y says yes.
func (x *xargs) confirm() (bool, error) {
	tty, err := os.Open(ttyPath)
	if err != nil {
		return false, applet.Perror(err, "can't open '%s'", ttyPath)
	}
	defer tty.Close()
	io.WriteString(x.ctx.Stderr, " ?...")
	br := bufio.NewReader(tty)
	line, _ := br.ReadString('\n')
	return line != "" && (line[0] == 'y' || line[0] == 'Y'), nil
}

// getc reads one byte of input; false at its end, which sticks.
func (x *xargs) getc() (byte, bool) {
	if x.eof {
		return 0, false
	}
	c, err := x.in.ReadByte()
	if err != nil {
		x.eof = true
		return 0, false
	}
	return c, true
}

// drain reads the input to its end (after the -E word).
func (x *xargs) drain() {
	for {
		if _, ok := x.getc(); !ok {
			return
		}
	}
}

// isSpace is isspace in the C locale.
func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// read reads the words of one command into the buffer, starting with
// the partial word rem that the last call left, and returns them with
// what is left of a word that did not fit (BusyBox's process_stdin,
// process0_stdin and process_stdin_with_replace).
func (x *xargs) read(rem []byte) (words []string, next []byte, err error) {
	if x.buf == nil {
		x.buf = make([]byte, 0, min(x.maxChar, 64<<10))
	}
	x.buf = append(x.buf[:0], rem...)
	switch {
	case x.lines:
		return x.readLine()
	case x.zero:
		return x.readZero()
	}
	return x.readQuoted()
}

// The states of readQuoted.
const (
	norm = iota
	quote
	backslash
	space
)

// readQuoted splits the input at blanks, with '...', "..." and \ quoting.
// The quoting state carries over to the next call, for a word that the
// buffer cut (BusyBox keeps it in its globals).
func (x *xargs) readQuoted() ([]string, []byte, error) {
	words := x.words[:0]
	state, q := x.state, x.quote
	defer func() {
		if state == space {
			state = norm
		}
		x.state, x.quote = state, q
		x.words = words[:0]
	}()
	s := 0 // where the word being read starts
	left := x.maxArgs
	for {
		c, ok := x.getc()
		closing, keep := false, false
		switch {
		case !ok:
			if len(x.buf) == s {
				return words, x.buf[s:], nil
			}
			closing = true
		case state == backslash:
			state, keep = norm, true
		case state == quote:
			if c != q {
				keep = true
			} else {
				q, state = 0, norm
			}
		case isSpace(c):
			closing = len(x.buf) != s
		case c == '\\':
			state = backslash
		case c == '\'' || c == '"':
			q, state = c, quote
		default:
			keep = true
		}
		if closing {
			state = space
			x.buf = append(x.buf, 0)
		} else if keep {
			x.buf = append(x.buf, c)
		}
		if state == space {
			if q != 0 {
				kind := "double"
				if q == '\'' {
					kind = "single"
				}
				return nil, nil, applet.Errorf("unmatched %s quote", kind)
			}
			word := x.buf[s : len(x.buf)-1]
			if x.eofStr != nil && string(word) == *x.eofStr {
				x.drain()
				x.buf = x.buf[:s]
				return words, x.buf[s:], nil
			}
			words = append(words, view(word))
			s = len(x.buf)
			left--
			if left == 0 {
				return words, x.buf[s:], nil
			}
			state = norm
		}
		if len(x.buf) >= x.maxChar {
			return words, x.buf[s:], nil
		}
	}
}

// readZero splits the input at NUL bytes (-0).
func (x *xargs) readZero() ([]string, []byte, error) {
	words := x.words[:0]
	defer func() { x.words = words[:0] }()
	s := 0
	left := x.maxArgs
	for {
		c, ok := x.getc()
		if !ok {
			if len(x.buf) == s {
				return words, x.buf[s:], nil
			}
			c = 0
		}
		x.buf = append(x.buf, c)
		if c == 0 {
			words = append(words, view(x.buf[s:len(x.buf)-1]))
			s = len(x.buf)
			left--
			if left == 0 {
				return words, x.buf[s:], nil
			}
		}
		if len(x.buf) >= x.maxChar {
			return words, x.buf[s:], nil
		}
	}
}

// readLine reads one line (-I), leading blanks and empty lines skipped,
// and returns the command with the line in place of the -I string.
func (x *xargs) readLine() ([]string, []byte, error) {
	eol := byte('\n')
	if x.zero {
		eol = 0
	}
	x.buf = x.buf[:0]
	for {
		c, ok := x.getc()
		if len(x.buf) == 0 {
			if !ok {
				return nil, nil, nil
			}
			if c == eol || isSpace(c) {
				continue
			}
		}
		if !ok || c == eol {
			line := string(x.buf)
			words := make([]string, len(x.argv))
			for i, a := range x.argv {
				words[i] = strings.ReplaceAll(a, x.repl, line)
			}
			return words, nil, nil
		}
		x.buf = append(x.buf, c)
		if len(x.buf) >= x.maxChar {
			return nil, x.buf, nil
		}
	}
}

// exec runs a command, or with -P starts it once fewer than N run; it
// returns non-zero when xargs must stop (BusyBox's xargs_exec).
func (x *xargs) exec(argv []string) int {
	if x.maxProcs == 1 {
		return x.status(x.runner.Run(argv), argv[0])
	}
	for {
		var res result
		if x.running >= x.maxProcs {
			res = <-x.done
		} else {
			select {
			case res = <-x.done:
			default:
				x.running++
				go func() { x.done <- result{x.runner.Run(argv), argv[0]} }()
				return 0
			}
		}
		x.running--
		if code := x.status(res.st, res.name); code != 0 {
			return code
		}
	}
}

// wait waits for the commands still running (-P), as BusyBox's last
// waitpid loop: their statuses count until one makes xargs stop, and
// what the others do is not reported (BusyBox stops waiting there).
func (x *xargs) wait() {
	stopped := false
	for ; x.running > 0; x.running-- {
		res := <-x.done
		if !stopped && x.status(res.st, res.name) != 0 {
			stopped = true
		}
	}
}

// status turns how a command ended into xargs's exit status: 123 if it
// exited 1 to 254 (and xargs goes on), 124 for 255, 125 for a signal,
// 126 or 127 if it could not run; the last four stop xargs.
func (x *xargs) status(st spawn.Status, name string) int {
	code := 0
	switch {
	case st.Err != nil:
		x.ctx.Perror(st.Err, "%s", name)
		code = 126
		if errors.Is(st.Err, syscall.ENOENT) {
			code = 127
		}
	case st.Signal != 0:
		x.ctx.Warnf("'%s' terminated by signal %d", name, int(st.Signal))
		code = 125
	case st.Code == 255:
		x.ctx.Warnf("%s: exited with status 255; aborting", name)
		code = 124
	case st.Code != 0:
		x.exitCode = 123
	}
	if code != 0 {
		x.exitCode = code
	}
	return code
}
