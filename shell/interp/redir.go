package interp

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
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

// redirect applies redirections to the descriptor table. Unless persist
// (exec without a command), the returned function undoes them: it puts
// the old table back and closes what they opened.
func (sh *shell) redirect(rs []*syntax.Redirect, persist bool) (func(), error) {
	if len(rs) == 0 {
		return nil, nil
	}
	old := sh.fds
	sh.fds = sh.fds.copy()
	var opened []*fdesc
	fail := func(err error) (func(), error) {
		for _, d := range opened {
			d.close()
		}
		sh.fds = old
		return nil, err
	}
	for _, r := range rs {
		if r.Pos.Line > 0 {
			sh.setLine(r.Pos.Line)
		}
		fd := r.Fd
		if fd < 0 {
			fd = defaultFd(r.Op)
		}
		d, closeFd, err := sh.openRedir(r, fd)
		if err != nil {
			return fail(err)
		}
		fresh := d != nil && d.owner == sh && d.fresh
		if fresh {
			d.fresh = false
			opened = append(opened, d)
		} else if persist && d != nil && d.f != nil {
			// exec N>&M: a descriptor of its own, as dup2 gives.
			if nf, err := dupFile(d.f); err == nil {
				d = &fdesc{f: nf, owner: sh, fresh: true}
			}
		}
		if persist {
			prev := sh.fds.get(fd)
			if prev != nil && prev.owner == sh && prev != d && !sh.fds.refersElsewhere(prev, fd) {
				prev.close()
			}
		}
		if closeFd {
			sh.fds.set(fd, nil)
		} else {
			sh.fds.set(fd, d)
		}
		if r.Op == syntax.RdrAll {
			sh.fds.set(2, d)
		}
	}
	if persist {
		return nil, nil
	}
	for _, d := range opened {
		d.owner = nil
	}
	return func() {
		for _, d := range opened {
			d.close()
		}
		sh.fds = old
	}, nil
}

// refersElsewhere reports whether d is also open on a descriptor other
// than fd.
func (t *fdTable) refersElsewhere(d *fdesc, fd int) bool {
	for i, x := range t.fds {
		if i != fd && x == d {
			return true
		}
	}
	return false
}

// openRedir opens the target of one redirection. It returns the new
// descriptor (owned by sh when opened here), or closeFd for ">&-".
func (sh *shell) openRedir(r *syntax.Redirect, fd int) (d *fdesc, closeFd bool, err error) {
	switch r.Op {
	case syntax.RdrHeredoc, syntax.RdrHeredocTab:
		body := ""
		if r.Heredoc != nil {
			if r.HeredocQuoted {
				body = wordText(r.Heredoc)
			} else {
				body, err = sh.expandHeredoc(r.Heredoc)
				if err != nil {
					return nil, false, err
				}
			}
		}
		return &fdesc{r: strings.NewReader(body), owner: sh, fresh: true}, false, nil
	}
	name, err := sh.expandLiteral(r.Word)
	if err != nil {
		return nil, false, err
	}
	switch r.Op {
	case syntax.RdrHerestr:
		return &fdesc{r: strings.NewReader(name + "\n"), owner: sh, fresh: true}, false, nil
	case syntax.RdrDupIn, syntax.RdrDupOut:
		if name == "-" {
			return nil, true, nil
		}
		n, err := strconv.Atoi(name)
		if err != nil || n < 0 || strings.TrimLeft(name, "0123456789") != "" {
			if r.Op == syntax.RdrDupOut {
				// ash, as bash: ">&file" is "&>file".
				f, err := sh.openFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, true)
				if err != nil {
					return nil, false, err
				}
				d := &fdesc{f: f, owner: sh, fresh: true}
				if fd == 1 {
					sh.fds.set(2, d)
				}
				return d, false, nil
			}
			return nil, false, &redirError{msg: name + ": Bad file descriptor"}
		}
		src := sh.fds.get(n)
		if src == nil && n > 2 && sh.proc.owns && !sh.fds.wasClosed(n) && inherited(n) {
			// A descriptor the shell was started with.
			if f := sh.proc.ctx.File(n); f != nil {
				src = &fdesc{f: f}
				sh.fds.set(n, src)
			}
		}
		if src == nil {
			return nil, false, &redirError{msg: name + ": Bad file descriptor"}
		}
		return src, false, nil
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
	f, err := sh.openFile(name, flag, noclobber)
	if err != nil {
		return nil, false, err
	}
	return &fdesc{f: f, owner: sh, fresh: true}, false, nil
}

// openFile opens a redirection's file relative to the shell's directory.
func (sh *shell) openFile(name string, flag int, noclobber bool) (*os.File, error) {
	if n, ok := selfFdPath(name); ok {
		return sh.openSelfFd(name, n, flag)
	}
	path := sh.path(name)
	if noclobber {
		// set -C: an existing regular file is not overwritten; other
		// files (devices, fifos) are opened as they are.
		if fi, err := os.Stat(path); err == nil {
			if fi.Mode().IsRegular() {
				return nil, redirErr("can't create", name, syscall.EEXIST, "")
			}
			flag &^= os.O_TRUNC | os.O_CREATE
		} else {
			flag |= os.O_EXCL
		}
	}
	f, err := os.OpenFile(path, flag|syscall.O_CLOEXEC, 0o666&^sh.umask)
	if err != nil {
		if flag&os.O_CREATE != 0 {
			return nil, redirErr("can't create", name, err, "nonexistent directory")
		}
		return nil, redirErr("can't open", name, err, "no such file")
	}
	return f, nil
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
	case d.f != nil:
		f, err := os.OpenFile("/proc/self/fd/"+strconv.Itoa(int(d.f.Fd())), (flag&^os.O_CREATE)|syscall.O_CLOEXEC, 0)
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
