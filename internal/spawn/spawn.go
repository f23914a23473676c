// Package spawn runs the commands of find -exec and xargs and waits for
// them, as BusyBox's spawn_and_wait does: the command is looked up in the
// PATH of the applet's environment by execvp's rules (run.LookPath) and
// runs with the applet's working directory, environment and streams.
//
// A command that is gobox itself (the file found in PATH is the running
// binary, as the links of an installed gobox are), or that is found
// nowhere but is an applet of the binary, runs in-process when that
// applet may (NoFork): a function call on a Ctx of its own, without fork
// or exec, as the shell runs it. Anything else runs as a child process.
// So a user who installs GNU coreutils over the links gets GNU's, as on
// Alpine, where BusyBox's find and xargs always exec (Alpine builds
// without FEATURE_PREFER_APPLETS).
package spawn

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/run"
)

// Status is how a command ended: its exit status, the signal that
// killed it, or the error that kept it from running.
type Status struct {
	Code   int            // exit status, when it ran and exited
	Signal syscall.Signal // the signal that ended it, or 0
	Err    error          // why it could not run (a syscall.Errno), or nil
}

// OK reports whether the command ran and exited with status 0.
func (s Status) OK() bool { return s.Err == nil && s.Signal == 0 && s.Code == 0 }

// Runner runs the commands of one run of an applet. It remembers what
// each command name resolves to, so that a command run once per file is
// looked up in the applet table once; it is safe for concurrent use
// (xargs -P).
type Runner struct {
	// Ctx is the applet's context: the commands get its directory,
	// environment, cancellation and streams.
	Ctx *applet.Ctx
	// Stdin, when not nil, is the commands' standard input instead of
	// the Ctx's.
	Stdin io.Reader

	mu       sync.Mutex
	inproc   map[string]*applet.Applet // command name -> applet to run in-process, or nil
	selfOnce sync.Once
	selfDev  uint64
	selfIno  uint64
	dups     [3]*os.File // duplicates of descriptors 1 and 2 for in-process applets
	envOnce  sync.Once
	env      []string // the Ctx's environment, as the programs get it
}

// Close releases what the Runner holds (the duplicated descriptors).
// Call it when the applet is done running commands.
func (r *Runner) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, f := range r.dups {
		if f != nil {
			f.Close()
			r.dups[i] = nil
		}
	}
}

// Run runs argv (argv[0] is the command) and waits for it.
func (r *Runner) Run(argv []string) Status {
	if len(argv) == 0 {
		return Status{Err: syscall.ENOENT}
	}
	if a := r.applet(argv[0]); a != nil {
		return r.runApplet(a, argv)
	}
	return r.runChild(argv)
}

// path is the PATH the command is looked up in: the Ctx's, else musl's
// default.
func (r *Runner) path() string {
	if p, ok := r.Ctx.LookupEnv("PATH"); ok {
		return p
	}
	return run.DefaultPath
}

// applet returns the applet that name runs in-process, or nil.
func (r *Runner) applet(name string) *applet.Applet {
	if r.Ctx.Applets == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if a, ok := r.inproc[name]; ok {
		return a
	}
	a := r.resolve(name)
	if r.inproc == nil {
		r.inproc = map[string]*applet.Applet{}
	}
	r.inproc[name] = a
	return a
}

// resolve decides where name leads: to an applet of the binary that may
// run in-process, or (nil) to a program to execute.
func (r *Runner) resolve(name string) *applet.Applet {
	base := name[strings.LastIndexByte(name, '/')+1:]
	a := r.Ctx.Applets.Lookup(base)
	if a == nil || !a.NoFork {
		return nil
	}
	prog, err := run.LookPath(r.Ctx, name, r.path())
	if err != nil {
		// Found nowhere: still the applet, as in the shell.
		if errors.Is(err, syscall.ENOENT) && !strings.Contains(name, "/") {
			return a
		}
		return nil
	}
	if r.isSelf(prog) {
		return a
	}
	return nil
}

// isSelf reports whether the file at path is the running binary.
func (r *Runner) isSelf(path string) bool {
	r.selfOnce.Do(func() {
		var st unix.Stat_t
		if unix.Stat("/proc/self/exe", &st) == nil {
			r.selfDev, r.selfIno = st.Dev, st.Ino
		}
	})
	var st unix.Stat_t
	if r.selfIno == 0 || unix.Stat(path, &st) != nil {
		return false
	}
	return st.Dev == r.selfDev && st.Ino == r.selfIno
}

// streams returns the command's standard streams: for output the file
// behind the Ctx's stream where there is one, so that the command writes
// to it itself and meets its errors (a closed pipe) as a child would.
func (r *Runner) streams() (in io.Reader, out, errw io.Writer) {
	ctx := r.Ctx
	in = r.Stdin
	if in == nil {
		in = ctx.Stdin
		if f := ctx.File(0); f != nil {
			in = f
		}
	}
	out, errw = ctx.Stdout, ctx.Stderr
	if f := ctx.File(1); f != nil {
		out = f
	}
	if f := ctx.File(2); f != nil {
		errw = f
	}
	return in, out, errw
}

// runApplet runs a in-process on a Ctx of its own (not a copy of the
// caller's: an applet that owns its process would exec in place of it).
func (r *Runner) runApplet(a *applet.Applet, argv []string) Status {
	in, out, errw := r.streams()
	out = r.dup(out, 1)
	errw = r.dup(errw, 2)
	ctx := r.Ctx
	c := &applet.Ctx{
		Context: ctx.Context,
		Name:    a.Name,
		Stdin:   in,
		Stdout:  out,
		Stderr:  errw,
		Dir:     ctx.Dir,
		Env:     ctx.Env,
		Umask:   ctx.Umask,
		Files:   ctx.Files,
		Applets: ctx.Applets,
	}
	code := applet.Run(c, a, argv[1:])
	if code == applet.StatusPipe {
		// The runtime's status for an applet whose output pipe
		// closed: a child would have died of SIGPIPE.
		return Status{Signal: syscall.SIGPIPE}
	}
	return Status{Code: code}
}

// dup returns, for the process's own descriptor n (1 or 2), a duplicate
// of it, made once: Go's runtime kills the whole process with SIGPIPE
// when a write to descriptor 1 or 2 meets a closed pipe, where an applet
// in-process must see EPIPE and end with StatusPipe, as a child of
// BusyBox's dies alone. Anything else is returned as it is.
func (r *Runner) dup(w io.Writer, n int) io.Writer {
	f, ok := w.(*os.File)
	if !ok || fdOf(f) != n {
		return w
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dups[n] == nil {
		fd, err := unix.FcntlInt(uintptr(n), unix.F_DUPFD_CLOEXEC, 3)
		if err != nil {
			return w
		}
		r.dups[n] = os.NewFile(uintptr(fd), f.Name())
	}
	return r.dups[n]
}

// fdOf returns f's descriptor, or -1, without the side effect of f.Fd
// (which would make a non-blocking descriptor blocking).
func fdOf(f *os.File) int {
	rc, err := f.SyscallConn()
	if err != nil {
		return -1
	}
	fd := -1
	if rc.Control(func(u uintptr) { fd = int(u) }) != nil {
		return -1
	}
	return fd
}

// runChild runs argv as a child process and waits for it. On
// cancellation of the Ctx the child gets SIGINT, and SIGKILL if it is
// still running two seconds later (as internal/run does).
func (r *Runner) runChild(argv []string) Status {
	ctx := r.Ctx
	prog, err := run.LookPath(ctx, argv[0], r.path())
	if err != nil {
		return Status{Err: err}
	}
	in, out, errw := r.streams()
	r.envOnce.Do(func() {
		if r.env = ctx.Environ(); r.env == nil {
			r.env = []string{}
		}
	})
	cmd := &exec.Cmd{Path: prog, Args: argv, Env: r.env, Dir: ctx.Dir, Stdin: in, Stdout: out, Stderr: errw}
	if err := cmd.Start(); err != nil {
		var errno syscall.Errno
		if !errors.As(err, &errno) {
			errno = syscall.EACCES
		}
		return Status{Err: errno}
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			cmd.Process.Kill()
		}
	}()
	err = cmd.Wait()
	close(done)
	if ps := cmd.ProcessState; ps != nil {
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok {
			if ws.Signaled() {
				return Status{Signal: ws.Signal()}
			}
			return Status{Code: ws.ExitStatus()}
		}
	}
	if err != nil {
		return Status{Err: err}
	}
	return Status{}
}
