package interp

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/shell/syntax"
)

// redirError is a failed redirection, worded as ash words it.
type redirError struct{ msg string }

func (e *redirError) Error() string { return e.msg }

// redirErr words a failed open as ash's errmsg does: ENOENT and ENOTDIR
// get "no such file" (opening) or "nonexistent directory" (creating),
// other errors strerror.
func redirErr(verb, name string, err error, what string) error {
	var errno syscall.Errno
	errors.As(err, &errno)
	text := applet.ErrText(err)
	if errno == syscall.ENOENT || errno == syscall.ENOTDIR {
		text = what
	}
	return &redirError{msg: verb + " " + name + ": " + text}
}

func (sh *shell) redirError(err error) {
	var re *redirError
	if errors.As(err, &re) {
		sh.errorf("%s", re.msg)
		return
	}
	if err != errSilent {
		sh.errorf("%s", err)
	}
}

// defaultFd is the descriptor an operator applies to without a number.
func defaultFd(op syntax.RedirOp) int {
	switch op {
	case syntax.RdrIn, syntax.RdrDupIn, syntax.RdrInOut, syntax.RdrHeredoc, syntax.RdrHeredocTab, syntax.RdrHerestr:
		return 0
	}
	return 1
}

// fdSave is one change a redirection made to the descriptor table:
// what descriptor fd was before, and what the redirection opened for it
// (closed when it is undone).
type fdSave struct {
	fd     int
	prev   *fdesc
	opened *fdesc
}

// redirUndo is where a command's redirections start in the shell's
// stack of changes (scratch.fdSaves), and how long the table was before
// them; ok is false when there is nothing to undo.
type redirUndo struct {
	mark, size int
	ok         bool
}

// redirect applies redirections to the descriptor table. Unless persist
// (exec without a command), unredirect undoes them: as ash's popredir,
// it puts back the descriptors they changed and closes what they
// opened; what a command under them made persistent on other
// descriptors (exec 3>f in a redirected { }) stays. Nothing is copied
// or allocated for it: the changes go on a stack the shell reuses.
func (sh *shell) redirect(rs []*syntax.Redirect, persist bool) (redirUndo, error) {
	if len(rs) == 0 {
		return redirUndo{}, nil
	}
	u := redirUndo{mark: len(sh.scratch().fdSaves), size: len(sh.fds.fds), ok: true}
	for _, r := range rs {
		if r.Pos.Line > 0 {
			sh.setLine(r.Pos.Line)
		}
		fd := r.Fd
		if fd < 0 {
			fd = defaultFd(r.Op)
		}
		d, closeFd, both, err := sh.openRedir(r, fd)
		if err != nil {
			// exec's redirections too are all or nothing.
			sh.unredirect(u)
			return redirUndo{}, err
		}
		var opened *fdesc
		if d != nil && d.owner == sh && d.fresh {
			d.fresh = false
			opened = d
		} else if persist && d != nil && (d.rawOK || d.f != nil) {
			// exec N>&M: a descriptor of its own, as dup2 gives.
			if nd, err := sh.dupDesc(d); err == nil {
				d, opened = nd, nd
			}
		}
		if closeFd {
			d = nil
		}
		sh.setFd(fd, d, opened)
		if r.Op == syntax.RdrAll || both {
			sh.setFd(2, d, nil)
		}
	}
	saves := sh.scratch().fdSaves[u.mark:]
	if !persist {
		for _, s := range saves {
			if s.opened != nil {
				s.opened.owner = nil // unredirect closes it, not done
			}
		}
		return u, nil
	}
	// exec: what the descriptors were open on before is closed when
	// the shell opened it and nothing else refers to it.
	for _, s := range saves {
		if p := s.prev; p != nil && p.owner == sh && !sh.fds.holds(p) {
			p.close()
		}
	}
	clear(saves)
	sh.scratch().fdSaves = sh.scratch().fdSaves[:u.mark]
	return redirUndo{}, nil
}

// setFd makes descriptor fd d, remembering what it was for unredirect.
func (sh *shell) setFd(fd int, d, opened *fdesc) {
	sh.scratch().fdSaves = append(sh.scratch().fdSaves, fdSave{fd: fd, prev: sh.fds.get(fd), opened: opened})
	sh.fds.set(fd, d)
}

// unredirect undoes the redirections redirect applied from u on.
func (sh *shell) unredirect(u redirUndo) {
	if !u.ok {
		return
	}
	t := &sh.fds
	for i := len(sh.scratch().fdSaves) - 1; i >= u.mark; i-- {
		s := sh.scratch().fdSaves[i]
		cur := t.get(s.fd)
		if s.prev != nil || s.fd < len(t.fds) {
			t.set(s.fd, s.prev)
		}
		if cur != nil && cur != s.prev && cur != s.opened && cur.owner == sh && !t.holds(cur) {
			// exec N>... under the redirection of N: undone with
			// it, as ash's popredir restores N over it.
			cur.close()
		}
		if d := s.opened; d != nil && !t.holds(d) {
			sh.closeDesc(d)
		}
		sh.scratch().fdSaves[i] = fdSave{}
	}
	sh.scratch().fdSaves = sh.scratch().fdSaves[:u.mark]
	// The table had no place for the descriptors past its old length:
	// those above the last still open are forgotten again, so that
	// one the process inherited is found there again.
	for n := len(t.fds); n > u.size && t.fds[n-1] == nil; n-- {
		t.fds = t.fds[:n-1]
	}
}

// newDesc returns a cleared fdesc, one closed before when there is one.
func (sh *shell) newDesc() *fdesc {
	if n := len(sh.scratch().freeFds); n > 0 {
		d := sh.scratch().freeFds[n-1]
		sh.scratch().freeFds = sh.scratch().freeFds[:n-1]
		return d
	}
	return &fdesc{}
}

// closeDesc closes a descriptor a redirection opened; a raw one that
// never got a file was never seen outside this shell's goroutine and is
// kept for the next redirection.
func (sh *shell) closeDesc(d *fdesc) {
	raw := d.rawOK
	d.close()
	if raw && len(sh.scratch().freeFds) < 8 {
		*d = fdesc{}
		sh.scratch().freeFds = append(sh.scratch().freeFds, d)
	}
}

// rawDesc is a descriptor the shell opened, owned by sh.
func (sh *shell) rawDesc(fd int, name string) *fdesc {
	d := sh.newDesc()
	*d = fdesc{raw: fd, rawOK: true, name: name, owner: sh, fresh: true}
	return d
}

// dupDesc duplicates a descriptor's file (close-on-exec).
func (sh *shell) dupDesc(d *fdesc) (*fdesc, error) {
	if d.rawOK {
		fd, err := unix.FcntlInt(uintptr(d.raw), unix.F_DUPFD_CLOEXEC, 10)
		if err != nil {
			return nil, err
		}
		return sh.rawDesc(fd, d.name), nil
	}
	f, err := dupFile(d.f)
	if err != nil {
		return nil, err
	}
	return &fdesc{f: f, owner: sh, fresh: true}, nil
}

// openRedir opens the target of one redirection. It returns the new
// descriptor (owned by sh when opened here), closeFd for ">&-", and
// both when it is for standard error too (">&file").
func (sh *shell) openRedir(r *syntax.Redirect, fd int) (d *fdesc, closeFd, both bool, err error) {
	switch r.Op {
	case syntax.RdrHeredoc, syntax.RdrHeredocTab:
		body := ""
		if r.Heredoc != nil {
			if r.HeredocQuoted {
				body = wordText(r.Heredoc)
			} else {
				body, err = sh.expandHeredoc(r.Heredoc)
				if err != nil {
					return nil, false, false, err
				}
			}
		}
		return &fdesc{r: strings.NewReader(body), owner: sh, fresh: true}, false, false, nil
	}
	name, err := sh.expandLiteral(r.Word)
	if err != nil {
		return nil, false, false, err
	}
	switch r.Op {
	case syntax.RdrHerestr:
		return &fdesc{r: strings.NewReader(name + "\n"), owner: sh, fresh: true}, false, false, nil
	case syntax.RdrDupIn, syntax.RdrDupOut:
		if name == "-" {
			return nil, true, false, nil
		}
		n, ok := fdNumber(name)
		if !ok {
			if r.Op == syntax.RdrDupOut {
				// ash, as bash: ">&file" is "&>file".
				d, err := sh.openFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, true)
				if err != nil {
					return nil, false, false, err
				}
				return d, false, fd == 1, nil
			}
			return nil, false, false, &redirError{msg: name + ": Bad file descriptor"}
		}
		src := sh.fds.get(n)
		if src == nil && n > 2 && sh.proc.owns && !sh.fds.wasClosed(n) && inherited(n) {
			// A descriptor the shell was started with.
			if f := sh.proc.ctx.File(n); f != nil {
				src = &fdesc{f: f}
				sh.setFd(n, src, nil)
			}
		}
		if src == nil {
			return nil, false, false, &redirError{msg: name + ": Bad file descriptor"}
		}
		return src, false, false, nil
	}
	var flag int
	noclobber := false
	switch r.Op {
	case syntax.RdrIn:
		flag = os.O_RDONLY
	case syntax.RdrOut, syntax.RdrAll:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		noclobber = sh.opts.has(optNoclobber)
	case syntax.RdrClobber:
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	case syntax.RdrAppend:
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	case syntax.RdrInOut:
		flag = os.O_RDWR | os.O_CREATE
	}
	d, err = sh.openFile(name, flag, noclobber)
	return d, false, false, err
}

// fdNumber parses the N of <&N and >&N: digits only.
func fdNumber(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	return n, true
}

// openFile opens a redirection's file relative to the shell's directory.
// A regular file, a directory, a missing one (to create) and /dev/null,
// /dev/zero and /dev/full are opened bare (rawDesc), the name made
// NUL-terminated in the shell's buffer; others (fifos, terminals,
// sockets) by os.OpenFile, which makes them pollable as before.
func (sh *shell) openFile(name string, flag int, noclobber bool) (*fdesc, error) {
	if n, ok := selfFdPath(name); ok {
		f, err := sh.openSelfFd(name, n, flag)
		if err != nil {
			return nil, err
		}
		return &fdesc{f: f, owner: sh, fresh: true}, nil
	}
	p := sh.cpath(name)
	var st unix.Stat_t
	statErr := dirent.Fstatat(unix.AT_FDCWD, p, &st, 0)
	if noclobber {
		// set -C: an existing regular file is not overwritten; other
		// files (devices, fifos) are opened as they are.
		if statErr == nil {
			if st.Mode&unix.S_IFMT == unix.S_IFREG {
				return nil, redirErr("can't create", name, syscall.EEXIST, "")
			}
			flag &^= os.O_TRUNC | os.O_CREATE
		} else {
			flag |= os.O_EXCL
		}
	}
	perm := uint32(0o666 &^ sh.umask)
	if statErr != nil || bareKind(&st) {
		fd, err := dirent.Create(unix.AT_FDCWD, p, flag|unix.O_LARGEFILE, perm) // as syscall.Open
		if err != nil {
			return nil, openError(name, flag, err)
		}
		return sh.rawDesc(fd, name), nil
	}
	f, err := os.OpenFile(sh.path(name), flag|syscall.O_CLOEXEC, os.FileMode(perm))
	if err != nil {
		return nil, openError(name, flag, err)
	}
	return &fdesc{f: f, owner: sh, fresh: true}, nil
}

// openError words a redirection's failed open.
func openError(name string, flag int, err error) error {
	if flag&os.O_CREATE != 0 {
		return redirErr("can't create", name, err, "nonexistent directory")
	}
	return redirErr("can't open", name, err, "no such file")
}

// bareKind reports whether a file is one that needs no *os.File for
// builtins to use it: one the Go runtime's poller would not take
// (regular files, directories, block devices, the memory devices), so
// that a bare blocking descriptor behaves as os.OpenFile's would.
func bareKind(st *unix.Stat_t) bool {
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG, unix.S_IFDIR, unix.S_IFBLK:
		return true
	case unix.S_IFCHR:
		// /dev/null, /dev/zero, /dev/full
		if unix.Major(st.Rdev) == 1 {
			switch unix.Minor(st.Rdev) {
			case 3, 5, 7:
				return true
			}
		}
	}
	return false
}

// cpath2 is cpath(dir + "/" + name) without making that string.
func (sh *shell) cpath2(dir, name string) *byte {
	b := append(sh.cstart(dir), dir...)
	b = append(append(b, '/'), name...)
	return sh.cend(b)
}

// cpath is sh.path(name) NUL-terminated in the shell's buffer, valid
// until its next use.
func (sh *shell) cpath(name string) *byte {
	return sh.cend(append(sh.cstart(name), name...))
}

// cstart begins a path in the shell's buffer: the shell's directory and
// a "/" when name is relative, nothing when it is absolute.
func (sh *shell) cstart(name string) []byte {
	b := sh.scratch().cbuf[:0]
	if name != "" && name[0] != '/' {
		b = append(b, sh.dir...)
		if sh.dir != "/" {
			b = append(b, '/')
		}
	}
	return b
}

// cend NUL-terminates the path cstart began and keeps the buffer.
func (sh *shell) cend(b []byte) *byte {
	b = append(b, 0)
	sh.scratch().cbuf = b
	return &b[0]
}

// path resolves name against the shell's working directory.
func (sh *shell) path(name string) string {
	if name == "" || name[0] == '/' {
		return name
	}
	if sh.dir == "/" {
		return "/" + name
	}
	return sh.dir + "/" + name
}

// wordText is the text of a word made of literal parts only.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		}
	}
	return b.String()
}

// dupFile duplicates a file's descriptor (close-on-exec).
func dupFile(f *os.File) (*os.File, error) {
	fd, err := unix.FcntlInt(f.Fd(), unix.F_DUPFD_CLOEXEC, 10)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), f.Name()), nil
}

// selfFdPath reports whether name is one of the process's own
// descriptors (/dev/fd/N, /proc/self/fd/N, /dev/stdin...) and which.
func selfFdPath(name string) (int, bool) {
	switch name {
	case "/dev/stdin":
		return 0, true
	case "/dev/stdout":
		return 1, true
	case "/dev/stderr":
		return 2, true
	}
	rest, ok := strings.CutPrefix(name, "/dev/fd/")
	if !ok {
		rest, ok = strings.CutPrefix(name, "/proc/self/fd/")
	}
	if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// openSelfFd opens descriptor n of the shell's table by name, as ash's
// open of /dev/fd/N reopens its own descriptor N: the shell's
// descriptors are not the process's when it runs in-process (a
// pipeline stage, a here-document on fd 3).
func (sh *shell) openSelfFd(name string, n int, flag int) (*os.File, error) {
	d := sh.fds.get(n)
	switch {
	case d == nil:
		return nil, redirErr("can't open", name, syscall.ENOENT, "no such file")
	case d.rawOK || d.f != nil:
		fd := d.raw
		if !d.rawOK {
			fd = int(d.f.Fd())
		}
		f, err := os.OpenFile("/proc/self/fd/"+strconv.Itoa(fd), (flag&^os.O_CREATE)|syscall.O_CLOEXEC, 0)
		if err != nil {
			return nil, redirErr("can't open", name, err, "no such file")
		}
		return f, nil
	}
	return sh.pipeFor(d)
}

// inherited reports whether fd is open without close-on-exec: one the
// process got from its parent, not one the Go runtime opened for itself
// (its cgroup files, epoll and pidfds, all close-on-exec).
func inherited(fd int) bool {
	fl, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0)
	return err == nil && fl&unix.FD_CLOEXEC == 0
}
