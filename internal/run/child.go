package run

import (
	"errors"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// spawn runs argv as a child of a process the applet shares (the shell's,
// a test's), leaving that process's own state alone, and waits for it.
func spawn(ctx *applet.Ctx, argv, env []string, path string, o *Options) error {
	prog, err := lookPath(ctx, argv[0], path, o.Root)
	if err != nil {
		return execError(argv[0], err)
	}
	cmd := &exec.Cmd{
		Path:   prog,
		Args:   argv,
		Env:    env,
		Dir:    ctx.Dir,
		Stdin:  childIn(ctx, o.Stdin),
		Stdout: childOut(ctx, 1, o.Stdout),
		Stderr: childOut(ctx, 2, o.Stderr),
	}
	if o.Root != "" {
		// The child chroots before it execs: the path must be the one
		// inside the new root, and it starts in that root.
		cmd.Path = strings.TrimPrefix(prog, strings.TrimSuffix(o.Root, "/"))
		cmd.Dir = "/"
		cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: o.Root}
	}
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	start := cmd.Start
	if o.Nice != nil {
		start = func() error { return startNiced(cmd, *o.Nice) }
	}
	// The child's umask is the process's: os/exec cannot set another
	// between fork and exec. A shell that scopes umask must start
	// programs whose Ctx.Umask differs through a process of their own.
	if err := start(); err != nil {
		var pe *prioError
		if errors.As(err, &pe) {
			return applet.Perror(pe.err, "setpriority(%d)", *o.Nice)
		}
		if o.Root != "" && errors.Is(err, syscall.EPERM) {
			return applet.Perror(err, "can't change root directory to '%s'", o.RootName)
		}
		return execError(argv[0], err)
	}
	done := make(chan struct{})
	defer close(done)
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
	if o.Started != nil {
		if err := o.Started(cmd.Process); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return err
		}
	}
	return Status(cmd.Wait())
}

// prioError is a failure to set the child's priority.
type prioError struct{ err error }

func (e *prioError) Error() string { return e.err.Error() }

// startNiced starts cmd with nice value prio. Linux keeps the nice value
// per thread and a child inherits its forking thread's, so the priority
// is set on a thread of its own that then forks; that goroutine never
// unlocks, so the thread ends with it and gobox's other threads (the
// shell, in-process applets) keep theirs. The child runs at prio from its
// first instruction, as with BusyBox's setpriority-then-exec.
func startNiced(cmd *exec.Cmd, prio int) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		if err := unix.Setpriority(unix.PRIO_PROCESS, unix.Gettid(), prio); err != nil {
			errc <- &prioError{err}
			return
		}
		errc <- cmd.Start()
	}()
	return <-errc
}

// Status converts the error from exec.Cmd.Wait into an applet status:
// the exit code, or 128+N for a child killed by signal N.
func Status(err error) error {
	if err == nil {
		return nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return applet.Exit(128 + int(ws.Signal()))
		}
		return applet.Exit(ee.ExitCode())
	}
	return applet.Perror(err, "")
}

// childIn is the child's stdin: r, or else the Ctx's; the file behind it
// where there is one, so that the child reads it itself (os/exec would
// copy anything else through a pipe).
func childIn(ctx *applet.Ctx, r io.Reader) io.Reader {
	if r == nil {
		r = ctx.Stdin
	}
	if f := ctxFile(ctx, r); f != nil {
		return f
	}
	return r
}

// childOut is the child's descriptor n (1 or 2): w, or else the Ctx's
// stream n; the file behind it where there is one, so that the child
// writes to it itself and meets its errors (a full disk, a closed pipe)
// as it would run from a shell, rather than the copy that os/exec would
// make through a pipe, and the runtime's stdout wrapper.
func childOut(ctx *applet.Ctx, n int, w io.Writer) io.Writer {
	if w == nil {
		if f := ctx.File(n); f != nil {
			return f
		}
		return [3]io.Writer{nil, ctx.Stdout, ctx.Stderr}[n]
	}
	if f := ctxFile(ctx, w); f != nil {
		return f
	}
	return w
}
