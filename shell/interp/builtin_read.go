package interp

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// biRead is ash's read: "read [-rs] [-d DELIM] [-n NCHARS] [-p PROMPT]
// [-t SECS] [-u FD] [NAME...]".
func biRead(sh *shell, args []string) int {
	opts, oa, names, ok := sh.getopt(args[1:], "p:u:rt:n:sd:")
	if !ok {
		return 2
	}
	raw, silent := false, false
	for _, o := range opts {
		switch o {
		case 'r':
			raw = true
		case 's':
			silent = true
		}
	}
	for _, n := range names {
		if !validName(n) {
			sh.errPlain("read: '%s': bad variable name", n)
			return 1
		}
	}
	nchars := 0
	if v, ok := oa['n']; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return sh.readErr("invalid count")
		}
		nchars = n
	}
	var deadline time.Time
	timeout := false
	if v, ok := oa['t']; ok {
		d, ok := parseReadTimeout(v)
		if !ok {
			return sh.readErr("invalid timeout")
		}
		timeout = true
		deadline = time.Now().Add(d)
	}
	fd := 0
	if v, ok := oa['u']; ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return sh.readErr("invalid file descriptor")
		}
		fd = n
	}
	d := sh.fds.get(fd)
	if d == nil {
		// ash: a closed descriptor is the end of input, silently.
		return 1
	}
	f := d.file()
	if timeout && time.Until(deadline) <= 0 {
		// -t 0: is there input?
		if f == nil {
			return 0
		}
		if readable(f, 0) {
			return 0
		}
		return 1
	}
	if p, ok := oa['p']; ok && isTTY(f) {
		io.WriteString(sh.stderr(), p)
	}
	delim := byte('\n')
	if v, ok := oa['d']; ok {
		delim = 0
		if v != "" {
			delim = v[0]
		}
	}
	if (nchars > 0 || silent) && isTTY(f) {
		fd := int(f.Fd())
		if st, err := unix.IoctlGetTermios(fd, unix.TCGETS); err == nil {
			setTermRead(fd, nchars > 0, silent)
			defer unix.IoctlSetTermios(fd, unix.TCSETS, st)
		}
	}
	if sh.input != nil {
		sh.input.sync(d)
	}
	in := newReadSource(d, deadline, timeout)
	line, st := readLine(in, delim, raw, nchars)
	in.finish()
	if in.err == errTimeout {
		// ash: a timeout assigns nothing; what was read is lost.
		return 1
	}
	if err := sh.assignRead(names, line); err != nil {
		// A readonly variable: ash raises the error (status 2; the
		// shell goes on, read not being special).
		return sh.raise("%s", err)
	}
	return st
}

// readErr reports one of read's option errors.
func (sh *shell) readErr(msg string) int {
	sh.errPlain("read: %s", msg)
	return 1
}

// errPlain prints "NAME: msg" as BusyBox's bb_error_msg does in a
// builtin shared with hush (no line number).
func (sh *shell) errPlain(format string, args ...any) {
	var b strings.Builder
	b.WriteString(sh.proc.shellName())
	b.WriteString(": ")
	b.WriteString(fmt.Sprintf(format, args...))
	b.WriteByte('\n')
	io.WriteString(sh.stderr(), b.String())
}

// parseReadTimeout parses -t SECS[.FRAC] (three fractional digits kept).
func parseReadTimeout(s string) (time.Duration, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseUint(whole, 10, 32)
	if err != nil && whole != "" {
		return 0, false
	}
	d := time.Duration(n) * time.Second
	ms := 0
	for i := 0; i < 3 && i < len(frac); i++ {
		c := frac[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		ms = ms*10 + int(c-'0')
	}
	for i := len(frac); i < 3; i++ {
		ms *= 10
	}
	return d + time.Duration(ms)*time.Millisecond, true
}

// readSource reads a line for read: from a seekable file a block at a
// time, seeking back past what it did not use; from a pipe or terminal a
// byte at a time, as the rest belongs to whoever reads next.
type readSource struct {
	f        *os.File
	r        io.Reader
	buf      []byte
	pos, end int
	seekable bool
	deadline time.Time
	timeout  bool
	err      error
}

func newReadSource(d *fdesc, deadline time.Time, timeout bool) *readSource {
	s := &readSource{f: d.file(), r: d.reader(), deadline: deadline, timeout: timeout}
	if d.f != nil {
		if off, err := d.f.Seek(0, io.SeekCurrent); err == nil && off >= 0 {
			if fi, err := d.f.Stat(); err == nil && fi.Mode().IsRegular() {
				s.seekable = true
			}
		}
	} else if _, ok := d.r.(io.Seeker); ok {
		s.seekable = true
	}
	return s
}

// next returns the next byte.
func (s *readSource) next() (byte, bool) {
	if s.pos < s.end {
		c := s.buf[s.pos]
		s.pos++
		return c, true
	}
	if s.err != nil {
		return 0, false
	}
	if s.timeout && s.f != nil {
		left := time.Until(s.deadline)
		if left <= 0 || !readable(s.f, left) {
			s.err = errTimeout
			return 0, false
		}
	}
	size := 1
	if s.seekable {
		size = 4096
	}
	if cap(s.buf) < size {
		s.buf = make([]byte, size)
	}
	for {
		n, err := s.r.Read(s.buf[:size])
		if n > 0 {
			s.pos, s.end = 1, n
			return s.buf[0], true
		}
		if err == nil {
			continue
		}
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		s.err = err
		return 0, false
	}
}

// finish gives back what was read ahead.
func (s *readSource) finish() {
	if s.seekable && s.end > s.pos {
		if sk, ok := s.r.(io.Seeker); ok {
			sk.Seek(int64(s.pos-s.end), io.SeekCurrent)
		}
	}
	s.pos, s.end = 0, 0
}

var errTimeout = errors.New("timeout")

// readable waits up to d for input on f.
func readable(f *os.File, d time.Duration) bool {
	sc, err := f.SyscallConn()
	if err != nil {
		return true
	}
	ready := true
	sc.Control(func(fd uintptr) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		for {
			n, err := unix.Poll(fds, int(d/time.Millisecond))
			if err == unix.EINTR {
				continue
			}
			ready = n > 0
			return
		}
	})
	return ready
}

// setTermRead puts a terminal in the mode read -n / -s need.
func setTermRead(fd int, noncanon, silent bool) {
	t, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return
	}
	if noncanon {
		t.Lflag &^= unix.ICANON
		t.Cc[unix.VMIN] = 1
		t.Cc[unix.VTIME] = 0
	}
	if silent {
		t.Lflag &^= unix.ECHO | unix.ECHOK | unix.ECHONL
	}
	unix.IoctlSetTermios(fd, unix.TCSETS, t)
}

// readLine reads up to delim; a backslash escapes the next character
// (and joins lines) unless raw. The status is 1 at end of input.
// Escaped characters are marked with a preceding \x00 for splitting.
func readLine(in *readSource, delim byte, raw bool, nchars int) (readResult, int) {
	var res readResult
	backslash := false
	count := 0
	for {
		c, ok := in.next()
		if !ok {
			return res, 1
		}
		if !raw {
			if backslash {
				backslash = false
				if c != '\n' {
					res.add(c, true)
				}
				goto counted
			}
			if c == '\\' {
				backslash = true
				continue
			}
		}
		if c == delim {
			return res, 0
		}
		if c == 0 {
			continue
		}
		res.add(c, false)
	counted:
		count++
		if nchars > 0 && count >= nchars {
			return res, 0
		}
	}
}

// readResult is a line read, with which bytes were escaped.
type readResult struct {
	b   []byte
	esc []bool
}

func (r *readResult) add(c byte, esc bool) {
	r.b = append(r.b, c)
	r.esc = append(r.esc, esc)
}

// assignRead splits a line by IFS into the variables, as ash's read: the
// last variable takes the rest of the line (trailing IFS white space
// removed); without names the whole line goes to REPLY unsplit.
func (sh *shell) assignRead(names []string, line readResult) error {
	if len(names) == 0 {
		return sh.setVar("REPLY", string(line.b))
	}
	ifs, ok := sh.getVar("IFS")
	if !ok {
		ifs = " \t\n"
	}
	isIFS := func(i int) bool { return !line.esc[i] && strings.IndexByte(ifs, line.b[i]) >= 0 }
	isWS := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }
	b := line.b
	i := 0
	n := len(b)
	for vi, name := range names {
		// Skip leading IFS white space.
		for i < n && isIFS(i) && isWS(b[i]) {
			i++
		}
		if vi == len(names)-1 {
			// The rest, less trailing IFS white space; one trailing
			// non-white IFS character goes too when the rest is one
			// field.
			end := n
			for end > i && isIFS(end-1) && isWS(b[end-1]) {
				end--
			}
			if end > i && isIFS(end-1) {
				e2 := end - 1
				for e2 > i && isIFS(e2-1) && isWS(b[e2-1]) {
					e2--
				}
				hasIFS := false
				for k := i; k < e2; k++ {
					if isIFS(k) {
						hasIFS = true
						break
					}
				}
				if !hasIFS {
					end = e2
				}
			}
			return sh.setVar(name, string(b[i:max(end, i)]))
		}
		start := i
		for i < n && !isIFS(i) {
			i++
		}
		if err := sh.setVar(name, string(b[start:i])); err != nil {
			return err
		}
		// Past the delimiter: white space, at most one non-white IFS
		// character, white space.
		for i < n && isIFS(i) && isWS(b[i]) {
			i++
		}
		if i < n && isIFS(i) && !isWS(b[i]) {
			i++
		}
	}
	return nil
}
