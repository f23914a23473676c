package awk

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"gobox/internal/applet"
	"gobox/internal/regex"
)

// rsMode is how records end.
type rsMode uint8

const (
	rsChar  rsMode = iota // at one character (or a NUL, as in BusyBox)
	rsPara                // RS "": at blank lines
	rsRegex               // RS longer than one character: at its matches
)

type recordSep struct {
	mode rsMode
	c    byte
	sep  Cell // RT after a record that c ended
	src  string
	re   *regex.Regexp
	ire  *regex.Regexp
}

func (in *interp) setRS(s string) {
	switch {
	case s == "":
		in.rs = recordSep{mode: rsPara}
	case len(s) == 1:
		in.rs = recordSep{mode: rsChar, c: s[0], sep: str(s)}
	default:
		re, err := regex.Compile(s, regex.Extended)
		if err != nil {
			in.fatalRaw("bad regex '" + s + "': " + reErrText(err))
		}
		in.rs = recordSep{mode: rsRegex, src: s, re: re}
	}
}

func (rs *recordSep) regexp(icase bool) *regex.Regexp {
	if icase {
		if rs.ire == nil {
			rs.ire, _ = regex.Compile(rs.src, regex.Extended|regex.ICase)
		}
		if rs.ire != nil {
			return rs.ire
		}
	}
	return rs.re
}

// input is a stream records are read from: an input file, a getline
// file or command, or standard input.
type input struct {
	r          io.Reader
	buf        []byte
	start, end int
	scanned    int // buf[start:scanned] holds no separator
	eof        bool
	err        error
	file       *os.File
	proc       *proc
	stdin      bool
}

// readRecord reads the next record from s, as BusyBox's awk_getline
// does; ok is false at the end, or on a read error (s.err).
func (in *interp) readRecord(s *input) (rec string, ok bool) {
	b, ok := in.readRecordBytes(s)
	return string(b), ok
}

// readRecordBytes is readRecord without a string: the record's bytes in
// s's buffer, valid until s is filled again.
func (in *interp) readRecordBytes(s *input) (rec []byte, ok bool) {
	for {
		data := s.buf[s.start:s.end]
		switch in.rs.mode {
		case rsChar:
			from := s.scanned - s.start
			if i := indexSep(data[from:], in.rs.c); i >= 0 {
				i += from
				rec = data[:i:i]
				sep := data[i]
				s.start += i + 1
				s.scanned = s.start
				in.setRT(sep)
				return rec, true
			}
			s.scanned = s.end
		case rsPara:
			rp := 0
			for rp < len(data) && data[rp] == '\n' {
				rp++
			}
			if i := bytes.Index(data[rp:], []byte("\n\n")); i >= 0 {
				i += rp
				eo := i
				for eo < len(data) && data[eo] == '\n' {
					eo++
				}
				if eo < len(data) || s.eof {
					rec = data[rp:i:i]
					in.globals[vRT].c = str(string(data[i:eo]))
					s.start += eo
					return rec, true
				}
			} else if s.eof {
				if len(data) == 0 {
					return nil, false
				}
				rec = data[rp:]
				in.globals[vRT].c = str("")
				s.start = s.end
				return rec, true
			}
		case rsRegex:
			re := in.rs.regexp(in.icase)
			if so, eo, ok := nonEmptyMatch(re, string(data)); ok && (eo < len(data) || s.eof) {
				rec = data[:so:so]
				in.globals[vRT].c = str(string(data[so:eo]))
				s.start += eo
				return rec, true
			}
		}
		if s.eof {
			if len(data) == 0 {
				return nil, false
			}
			s.start = s.end
			s.scanned = s.end
			in.globals[vRT].c = str("")
			return data, true
		}
		in.fill(s)
	}
}

// indexSep finds c, or a NUL (which ends a record too in BusyBox).
func indexSep(b []byte, c byte) int {
	i := bytes.IndexByte(b, c)
	if i < 0 {
		i = len(b)
	}
	if j := bytes.IndexByte(b[:i], 0); j >= 0 {
		return j
	}
	if i == len(b) {
		return -1
	}
	return i
}

func (in *interp) setRT(sep byte) {
	if sep == 0 {
		in.globals[vRT].c = str("")
		return
	}
	in.globals[vRT].c = in.rs.sep
}

// unpin moves $0 out of s's buffer when it is still bytes of it, before
// that buffer is moved or overwritten: into keep, reused rather than a
// string each time (the next record usually replaces it at once).
func (in *interp) unpin(s *input) {
	if in.lazy && in.lazyIn == s {
		in.keep = append(in.keep[:0], in.view...)
		in.view, in.lazyIn = in.keep, nil
	}
}

// fill reads more of s. Output waiting in buffers is written first, as
// BusyBox writes each print at once: a reader on the other side of a
// pipe or terminal sees it before awk waits for input.
func (in *interp) fill(s *input) {
	in.unpin(s)
	if s.start > 0 {
		n := copy(s.buf, s.buf[s.start:s.end])
		s.scanned -= s.start
		s.start, s.end = 0, n
	}
	if s.end == len(s.buf) {
		size := 2 * len(s.buf)
		var nb []byte
		switch {
		case size > 0:
			nb = make([]byte, size)
		case s == in.main || s.stdin:
			nb = in.cfg.Buf(64 << 10) // one a run (see spare)
		default:
			nb = make([]byte, 64<<10)
		}
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	in.flushAll()
	if in.ctx.Err() != nil {
		panic(cancelPanic{})
	}
	n, err := s.r.Read(s.buf[s.end:])
	if in.ctx.Err() != nil {
		// Cancelled while waiting (the shell closes the pipe to
		// release the read).
		panic(cancelPanic{})
	}
	s.end += n
	if err != nil {
		s.eof = true
		if err != io.EOF {
			s.err = err
			// BusyBox drops what it had read and reports the end.
			s.start, s.end, s.scanned = 0, 0, 0
		}
	}
}

// nextFile opens the next input file named in ARGV (doing the var=value
// operands on the way), or standard input when there were none; it
// reports whether there is one.
func (in *interp) nextFile() bool {
	if in.noMoreMain {
		return false
	}
	for {
		argc := toNum(in.globals[vARGC].c)
		ind := toNum(in.globals[vARGIND].c)
		if ind+1 >= argc {
			in.noMoreMain = true
			if in.filesSeen {
				return false
			}
			in.filesSeen = true
			in.main = in.stdinInput()
			in.globals[vFILENAME].c = str("-")
			return true
		}
		in.globals[vARGIND].c = num(ind + 1)
		name := in.toStr(*in.globals[vARGV].arr.Ref(in.keyStr(num(ind + 1))))
		if name == "" || in.assignOperand(name) {
			continue
		}
		in.filesSeen = true
		if name == "-" {
			in.main = in.stdinInput()
		} else {
			f, err := os.Open(in.path(name))
			if err != nil {
				in.fatalRaw(name + ": " + applet.ErrText(err))
			}
			in.main = &input{r: f, file: f, buf: in.spare}
			in.spare = nil
		}
		in.globals[vFILENAME].c = str(name)
		return true
	}
}

// closeMain closes the current input file (standard input stays open,
// its buffer kept for getline).
func (in *interp) closeMain() {
	m := in.main
	in.main = nil
	if m == nil {
		return
	}
	if m.err != nil {
		in.fatal(applet.ErrText(m.err))
	}
	if m.file != nil {
		m.file.Close()
		in.unpin(m) // the next file reads into this one's buffer
		in.spare = m.buf[:cap(m.buf)]
	}
}

// stdinInput is the one input on standard input, shared by the main
// input and getline < "/dev/stdin".
func (in *interp) stdinInput() *input {
	if s := in.inputs["/dev/stdin"]; s != nil {
		return s
	}
	s := &input{r: in.cfg.Stdin, stdin: true}
	in.inputs["/dev/stdin"] = s
	return s
}

func (in *interp) path(name string) string {
	if name == "" || name[0] == '/' || in.cfg.Dir == "" {
		return name
	}
	return in.cfg.Dir + "/" + name
}

// getline runs the three forms of getline. It returns 1 for a record,
// 0 at the end, -1 when the file or command cannot be read.
func (in *interp) getline(g *getlineExpr) Cell {
	var s *input
	switch g.from {
	case fromInput:
		if in.main == nil && !in.nextFileForGetline() {
			return num(0)
		}
		s = in.main
	case fromFile:
		name := in.toStr(in.eval(g.src))
		s = in.inputs[name]
		if s == nil {
			f, err := os.Open(in.path(name))
			if err != nil {
				// Tried again next time: the file may appear.
				in.globals[vERRNO].c = num(float64(errnoOf(err)))
				return num(-1)
			}
			s = &input{r: f, file: f}
			in.inputs[name] = s
		}
	case fromCmd:
		name := in.toStr(in.eval(g.src))
		s = in.inputs[name]
		if s == nil {
			s = in.startReader(name)
			in.inputs[name] = s
		}
	}
	if s.r == nil {
		return num(-1)
	}
	rec, ok := in.readRecord(s)
	if !ok {
		if s.err != nil {
			in.globals[vERRNO].c = num(float64(errnoOf(s.err)))
			return num(-1)
		}
		return num(0)
	}
	if g.lv == nil {
		in.setRecordUser(rec)
	} else {
		in.store(g.lv, userStr(rec))
	}
	if g.from == fromInput {
		in.incr(vNR)
		in.incr(vFNR)
	}
	return num(1)
}

// nextFileForGetline moves plain getline on to the next input file.
func (in *interp) nextFileForGetline() bool {
	if !in.nextFile() {
		return false
	}
	in.globals[vFNR].c = num(0)
	return true
}

func errnoOf(err error) int {
	var e syscall.Errno
	if errors.As(err, &e) {
		return int(e)
	}
	return int(syscall.EIO)
}

// output is a stream print and printf write to: a file, a command, or
// standard error.
type output struct {
	w     *bufio.Writer
	file  *os.File
	proc  *proc
	pipe  io.WriteCloser
	err   error
	isErr bool // standard error: written at once
}

func (o *output) flush(in *interp) {
	if o.w == nil {
		return
	}
	if err := o.w.Flush(); err != nil && o.err == nil {
		o.err = err
		if o.proc != nil && errors.Is(err, syscall.EPIPE) {
			// The command is gone: BusyBox dies of SIGPIPE.
			panic(&ioFailure{err})
		}
		// A full disk and the like: BusyBox ignores it, as does stdio.
		o.w.Reset(io.Discard)
	}
}

// lockedWriter serialises the writes of awk and of the commands it
// runs to a writer that is not a file.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// errWriter remembers the first error of a writer.
type errWriter struct {
	w   io.Writer
	err *error
}

func (e errWriter) Write(p []byte) (int, error) {
	if *e.err != nil {
		return 0, *e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		*e.err = err
	}
	return n, err
}

// outputFor returns the stream a redirection names, opening it the
// first time: > truncates the file then, >> appends.
func (in *interp) outputFor(redir tok, name string) (*bufio.Writer, *output) {
	if o := in.outputs[name]; o != nil {
		return o.w, o
	}
	switch name {
	case "/dev/stdout":
		return in.stdout, nil
	case "/dev/stderr":
		o := &output{w: bufio.NewWriter(in.stderr), isErr: true}
		in.outputs[name] = o
		return o.w, o
	}
	o := &output{}
	if redir == tPipe {
		in.flushAll()
		o = in.startWriter(name)
	} else {
		flags := os.O_WRONLY | os.O_CREATE | syscall.O_CLOEXEC
		if redir == tAppend {
			flags |= os.O_APPEND
		} else {
			flags |= os.O_TRUNC
		}
		f, err := os.OpenFile(in.path(name), flags, 0o666&^in.cfg.Umask)
		if err != nil {
			panic(&ioFailure{&Error{Msg: "can't open '" + name + "': " + applet.ErrText(err)}})
		}
		o.file = f
		o.w = bufio.NewWriterSize(f, 32<<10)
	}
	in.outputs[name] = o
	return o.w, o
}

func (in *interp) command(name string) *exec.Cmd {
	cmd := exec.Command(in.cfg.Shell, "-c", name)
	cmd.Args[0] = "sh"
	cmd.Dir = in.cfg.Dir
	cmd.Env = in.cfg.Env
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	// A standard input that is no file is not handed on: copying it to
	// the command would take it from awk (the command reads
	// /dev/null instead).
	cmd.Stdin = in.cfg.CmdStdin
	cmd.Stdout = in.cfg.CmdStdout
	cmd.Stderr = in.cfg.CmdStderr
	if cmd.Stdout == nil {
		cmd.Stdout = in.cmdStdout
	}
	if cmd.Stderr == nil {
		cmd.Stderr = in.cmdStderr
	}
	return cmd
}

// proc is a running command.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has ended, to stop its watcher
}

// start starts a command, interrupted (SIGINT, then SIGKILL) when the
// run is cancelled.
func (in *interp) start(cmd *exec.Cmd) (*proc, error) {
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &proc{cmd: cmd}
	if in.ctx.Done() != nil {
		p.done = make(chan struct{})
		go func() {
			select {
			case <-in.ctx.Done():
				cmd.Process.Signal(syscall.SIGINT)
				select {
				case <-p.done:
				case <-time.After(2 * time.Second):
					cmd.Process.Kill()
				}
			case <-p.done:
			}
		}()
	}
	return p, nil
}

// wait waits for a command and returns its wait status as pclose does:
// the exit status times 256, or the signal's number.
func (p *proc) wait() int {
	p.cmd.Wait()
	if p.done != nil {
		close(p.done)
	}
	if ps := p.cmd.ProcessState; ps != nil {
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok {
			return int(ws)
		}
	}
	return -1
}

// startWriter starts "print | cmd".
func (in *interp) startWriter(name string) *output {
	cmd := in.command(name)
	cmd.Stdin = nil
	w, err := cmd.StdinPipe()
	var p *proc
	if err == nil {
		p, err = in.start(cmd)
	}
	if err != nil {
		// BusyBox: "popen: STRERROR".
		panic(&ioFailure{&Error{Msg: "popen: " + applet.ErrText(err)}})
	}
	return &output{w: bufio.NewWriterSize(w, 4<<10), proc: p, pipe: w}
}

// startReader starts "cmd | getline".
func (in *interp) startReader(name string) *input {
	in.flushAll()
	cmd := in.command(name)
	cmd.Stdout = nil
	r, err := cmd.StdoutPipe()
	var p *proc
	if err == nil {
		p, err = in.start(cmd)
	}
	if err != nil {
		return &input{eof: true, err: err}
	}
	return &input{r: r, proc: p}
}

// system runs a command with the shell, after writing all output, and
// returns its exit status (0 when a signal ended it, as BusyBox's
// system()>>8 is).
func (in *interp) system(name string) int {
	in.flushAll()
	if name == "" {
		return 0
	}
	p, err := in.start(in.command(name))
	if err != nil {
		return -1
	}
	return p.wait() >> 8
}

// closeStream is close(name): it flushes and closes the output or input
// of that name and returns 0, or a command's wait status.
func (in *interp) closeStream(name string) int {
	status := 0
	if name == "/dev/stdout" {
		// Written, and kept open (BusyBox closes it, and loses what
		// is printed after).
		in.flushStdout()
	}
	if o := in.outputs[name]; o != nil {
		delete(in.outputs, name)
		status = in.closeOutput(o)
	}
	if s := in.inputs[name]; s != nil && !s.stdin {
		delete(in.inputs, name)
		if s.file != nil {
			s.file.Close()
		}
		if s.proc != nil {
			s.r.(io.Closer).Close()
			status = s.proc.wait()
		}
	}
	return status
}

func (in *interp) closeOutput(o *output) int {
	o.flush(in)
	switch {
	case o.file != nil:
		o.file.Close()
	case o.proc != nil:
		o.pipe.Close()
		return o.proc.wait()
	}
	return 0
}

// flushStdout writes what print left in standard output's buffer.
func (in *interp) flushStdout() {
	in.stdout.Flush()
	in.checkStdout()
}

// flushAll writes every output's buffer, as BusyBox's fflush_all before
// system() and its flush after every print.
func (in *interp) flushAll() {
	in.flushStdout()
	for _, o := range in.outputs {
		o.flush(in)
	}
}

// shutdown ends a run: it writes standard output, closes files and
// waits for the commands, as BusyBox's exit does.
func (in *interp) shutdown() {
	defer func() {
		// A failure while closing (a command gone) ends quietly:
		// the run's own result stands.
		recover()
	}()
	in.stdout.Flush()
	for name, o := range in.outputs {
		delete(in.outputs, name)
		in.closeOutput(o)
	}
	for name, s := range in.inputs {
		delete(in.inputs, name)
		if s.file != nil {
			s.file.Close()
		}
		if s.proc != nil {
			s.r.(io.Closer).Close()
			s.proc.wait()
		}
	}
	if in.main != nil && in.main.file != nil {
		in.main.file.Close()
	}
}

// print runs print and printf.
func (in *interp) print(s *printStmt) {
	w := in.stdout
	var o *output
	if s.redir != 0 {
		w, o = in.outputFor(s.redir, in.toStr(in.eval(s.dest)))
		if o != nil && o.isErr {
			// Standard error gets each print whole, after what
			// went to standard output before it.
			in.flushStdout()
		}
	}
	if s.printf {
		if len(s.args) > 0 {
			w.WriteString(in.sprintfArgs(s.args))
		}
	} else if len(s.args) == 0 {
		w.WriteString(in.recordStr())
		w.WriteString(in.ors)
	} else {
		for i, a := range s.args {
			if i > 0 {
				w.WriteString(in.ofs)
			}
			w.WriteString(in.toOutStr(in.eval(a)))
		}
		w.WriteString(in.ors)
	}
	switch {
	case o == nil:
		in.checkStdout()
	case o.isErr || o.proc != nil:
		// Standard error, and a command, get each print at once
		// (a command reading it may answer on standard output).
		o.flush(in)
	}
}
