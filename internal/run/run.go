// Package run starts another program for the applets that run commands
// (env, nice, nohup, timeout, chroot): it looks the command up in the PATH
// of the environment it will get, the way musl's execvp does, runs it with
// the applet's working directory, environment and standard streams, waits
// for it and turns its fate into the exit status BusyBox would have (the
// command's own status, 128+N when killed by signal N, 127 or 126 with
// "can't execute 'x': ..." when it could not be started).
//
// BusyBox execs the command in place of itself; gobox applets may run
// inside the shell's process, so they start a child and wait instead.
package run

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// DefaultPath is musl's execvp search path when PATH is unset.
const DefaultPath = "/usr/local/bin:/bin:/usr/bin"

// Options adjusts how Command starts the program. The zero value runs it
// with the context's environment, directory and streams.
type Options struct {
	// Env replaces ctx.Environ() when non-nil (an empty, non-nil slice is
	// an empty environment).
	Env []string
	// Stdin, Stdout and Stderr replace the context's streams when non-nil.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// SysProcAttr is passed to the child (chroot, signal dispositions).
	SysProcAttr *syscall.SysProcAttr
	// Root, when set, is the directory the child will chroot to: the
	// command is looked up inside it and the child starts in its "/".
	// RootName is NEWROOT as the user gave it, for the error message when
	// the chroot itself fails.
	Root, RootName string
	// Started is called with the child's process once it runs (timeout
	// arms its timer). A returned error kills the child and is returned
	// by Command.
	Started func(p *os.Process) error
	// Nice, when not nil, is the nice value the child starts with.
	Nice *int
}

// LookPath finds file as execvp would with the given PATH value: a name
// with a slash is used as is; otherwise each PATH element (empty meaning
// the current directory) is tried in turn. Relative results are resolved
// against ctx.Dir. The error is a syscall.Errno: ENOENT when nothing was
// found, EACCES when only unexecutable candidates were.
func LookPath(ctx *applet.Ctx, file, path string) (string, error) {
	return lookPath(ctx, file, path, "")
}

func lookPath(ctx *applet.Ctx, file, path, root string) (string, error) {
	if file == "" {
		return "", syscall.ENOENT
	}
	resolve := func(p string) string {
		if root != "" {
			if strings.HasPrefix(p, "/") {
				return strings.TrimSuffix(root, "/") + p
			}
			return strings.TrimSuffix(root, "/") + "/" + p
		}
		return ctx.Path(p)
	}
	if strings.Contains(file, "/") {
		return resolve(file), nil
	}
	seenAccess := false
	for _, dir := range strings.Split(path, ":") {
		if dir == "" {
			dir = "."
		}
		cand := resolve(strings.TrimSuffix(dir, "/") + "/" + file)
		fi, err := os.Stat(cand)
		if err != nil {
			if errors.Is(err, syscall.EACCES) {
				seenAccess = true
			}
			continue
		}
		if fi.Mode().IsRegular() && unix.Access(cand, unix.X_OK) == nil {
			return cand, nil
		}
		seenAccess = true
	}
	if seenAccess {
		return "", syscall.EACCES
	}
	return "", syscall.ENOENT
}

// Command runs argv and returns nil for status 0, applet.Exit(n) for a
// non-zero status, or an applet error with BusyBox's message and status
// (127 not found, 126 otherwise) when the program cannot be started. On
// cancellation of ctx the child is sent SIGINT, and SIGKILL if it is
// still running two seconds later.
func Command(ctx *applet.Ctx, argv []string, o *Options) error {
	if o == nil {
		o = &Options{}
	}
	env := o.Env
	if env == nil {
		env = ctx.Environ()
	}
	path := DefaultPath
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	prog, err := lookPath(ctx, argv[0], path, o.Root)
	if err != nil {
		return execError(argv[0], err)
	}
	cmd := &exec.Cmd{
		Path:        prog,
		Args:        argv,
		Env:         env,
		Dir:         ctx.Dir,
		Stdin:       pick(o.Stdin, ctx.Stdin),
		Stdout:      pickW(o.Stdout, ctx.Stdout),
		Stderr:      pickW(o.Stderr, ctx.Stderr),
		SysProcAttr: o.SysProcAttr,
	}
	if o.Root != "" {
		// The child chroots before it execs: the path must be the one
		// inside the new root, and it starts in that root.
		cmd.Path = strings.TrimPrefix(prog, strings.TrimSuffix(o.Root, "/"))
		cmd.Dir = "/"
		if cmd.SysProcAttr == nil {
			cmd.SysProcAttr = &syscall.SysProcAttr{}
		}
		cmd.SysProcAttr.Chroot = o.Root
	}
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	start := cmd.Start
	if o.Nice != nil {
		start = func() error { return startNiced(cmd, *o.Nice) }
	}
	if err := start(); err != nil {
		var pe *prioError
		if errors.As(err, &pe) {
			return applet.Errorf("setpriority(%d): %s", *o.Nice, applet.ErrText(pe.err))
		}
		if o.Root != "" && errors.Is(err, syscall.EPERM) {
			return applet.Errorf("can't change root directory to '%s': %s", o.RootName, applet.ErrText(err))
		}
		return execError(argv[0], err)
	}
	done := make(chan struct{})
	defer close(done)
	if ctx.Context != nil {
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
	}
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
	return applet.Errorf("%s", applet.ErrText(err))
}

// execError is BusyBox's BB_EXECVP_or_die message and status.
func execError(name string, err error) error {
	code := 126
	if errors.Is(err, syscall.ENOENT) {
		code = 127
	}
	return applet.Exitf(code, "can't execute '%s': %s", name, applet.ErrText(err))
}

func pick(a, b io.Reader) io.Reader {
	if a != nil {
		return a
	}
	return b
}

func pickW(a, b io.Writer) io.Writer {
	if a != nil {
		return a
	}
	return b
}
