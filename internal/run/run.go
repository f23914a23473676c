// Package run runs another program for the applets that run commands
// (env, nice, nohup, timeout, chroot): it looks the command up in the PATH
// of the environment it will get, the way musl's execvp does, and runs it
// with the applet's working directory, environment, umask and standard
// streams.
//
// BusyBox execs the command in place of itself, so the command keeps the
// PID that the caller, a pidfile or a supervisor knows, and gets every
// signal sent to it. gobox does the same when the applet owns its process
// (applet.Ctx.OwnsProcess: it was started as a program of its own, or the
// shell gave it a process to replace). In-process, in the shell or a test,
// it starts a child instead, waits for it and turns its fate into the exit
// status BusyBox's caller would have seen: the command's own status, or
// 128+N when killed by signal N. Either way a command that cannot be run
// gives "can't execute 'x': ..." with status 127 (not found) or 126.
//
// One difference from BusyBox remains either way: of the signals ignored
// when gobox started, only SIGHUP and SIGINT are still ignored in the
// program. Go's runtime installs handlers for the others, and exec resets
// handled signals to the default.
package run

import (
	"errors"
	"io"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// DefaultPath is musl's execvp search path when PATH is unset.
const DefaultPath = "/usr/local/bin:/bin:/usr/bin"

// Options adjusts how Command runs the program. The zero value runs it
// with the context's environment, directory and streams.
type Options struct {
	// Env replaces ctx.Environ() when non-nil (an empty, non-nil slice is
	// an empty environment).
	Env []string
	// Stdin, Stdout and Stderr replace the context's streams when non-nil.
	// When the program replaces the process they must be *os.File or
	// one of the context's own streams.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Root, when set, is the directory the program runs chrooted to: it
	// is looked up inside it and starts in its "/". RootName is NEWROOT as
	// the user gave it, for the error message when the chroot fails.
	Root, RootName string
	// Nice, when not nil, is the nice value the program starts with.
	Nice *int
	// IgnoreHangup starts the program with SIGHUP ignored (nohup). Only
	// a program that replaces the process can get that: a child inherits
	// dispositions only from the process that starts it, and changing
	// the shell's own would be wrong, so a child keeps the default.
	IgnoreHangup bool
	// Child runs the program as a child even when ctx owns the process
	// (timeout, when it could not start its watcher).
	Child bool
	// Started is called with a child's process once it runs (timeout
	// arms its timer). A returned error kills the child and is returned
	// by Command. It is not called when the program replaces the process.
	Started func(p *os.Process) error
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

// Command runs argv. When ctx owns its process (and o.Child is not set)
// the program replaces it, as BusyBox's BB_EXECVP_or_die does, and
// Command returns only the error that stopped that. Otherwise the program
// runs as a child and Command returns nil for status 0 or applet.Exit(n)
// for a non-zero status (128+N for signal N); on cancellation of ctx the
// child is sent SIGINT, and SIGKILL if it is still running two seconds
// later. A program that cannot be started gives BusyBox's message and
// status (127 not found, 126 otherwise).
func Command(ctx *applet.Ctx, argv []string, o *Options) error {
	if o == nil {
		o = &Options{}
	}
	if len(argv) == 0 {
		return applet.Usage("")
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
	if ctx.OwnsProcess() && !o.Child {
		if stdio, ok := stdioFiles(ctx, o); ok {
			return replace(ctx, argv, env, path, stdio, o)
		}
	}
	return spawn(ctx, argv, env, path, o)
}

// execError is BusyBox's BB_EXECVP_or_die message and status.
func execError(name string, err error) error {
	code := 126
	if errors.Is(err, syscall.ENOENT) {
		code = 127
	}
	return applet.PerrorCode(code, err, "can't execute '%s'", name)
}
