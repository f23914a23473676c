package run

import (
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// replace execs argv in place of the process, after giving the process
// what the Ctx and the options say the program gets, in BusyBox's order:
// the new root (chroot), the priority (nice), the standard streams
// (nohup), then the lookup and the exec. It returns only on failure,
// having changed the process on the way; the caller owns the process and
// exits with the error.
func replace(ctx *applet.Ctx, argv, env []string, path string, stdio [3]*os.File, o *Options) error {
	// The nice value is per thread on Linux, and exec keeps the calling
	// thread's: set it and exec on one thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	look := ctx
	if o.Root != "" {
		if err := unix.Chroot(o.Root); err != nil {
			return applet.Perror(err, "can't change root directory to '%s'", o.RootName)
		}
		if err := unix.Chdir("/"); err != nil {
			return applet.Perror(err, "can't change directory to '/'")
		}
		c := *ctx
		c.Dir = "/"
		look = &c
	} else if err := chdir(ctx.Dir); err != nil {
		return err
	}
	if o.Nice != nil {
		if err := unix.Setpriority(unix.PRIO_PROCESS, 0, *o.Nice); err != nil {
			return applet.Perror(err, "setpriority(%d)", *o.Nice)
		}
	}
	if err := dupStdio(stdio); err != nil {
		return applet.Perror(err, "dup2")
	}
	if o.IgnoreHangup {
		// An ignored signal stays ignored across exec.
		signal.Ignore(syscall.SIGHUP)
	}
	prog, err := lookPath(look, argv[0], path, "")
	if err != nil {
		return execError(argv[0], err)
	}
	// Main took ctx.Umask from the process, so this changes nothing
	// unless whoever made the Ctx scoped another one for the program.
	unix.Umask(int(ctx.Umask & 0o777))
	return execError(argv[0], unix.Exec(prog, argv, env))
}

// chdir makes dir the process's working directory if it is not already
// (Main's Ctx.Dir is the process's, as os.Getwd spelled it).
func chdir(dir string) error {
	if dir == "" {
		return nil
	}
	var want, cur unix.Stat_t
	if unix.Stat(dir, &want) == nil && unix.Stat(".", &cur) == nil && want.Dev == cur.Dev && want.Ino == cur.Ino {
		return nil
	}
	if err := unix.Chdir(dir); err != nil {
		return applet.Perror(err, "can't change directory to '%s'", dir)
	}
	return nil
}

// stdioFiles finds the files the program's descriptors 0, 1 and 2 must
// be: an option's *os.File, or the Ctx stream it names or defaults to. A
// nil entry means descriptor n stays as it is: the Ctx's stream n is the
// process's own descriptor n. ok is false when a stream is no file, so
// the program cannot get it by exec and must run as a child.
func stdioFiles(ctx *applet.Ctx, o *Options) (files [3]*os.File, ok bool) {
	streams := [3]any{o.Stdin, o.Stdout, o.Stderr}
	for n, s := range streams {
		var f *os.File
		if s == nil {
			f = ctx.File(n)
		} else if sf, isFile := s.(*os.File); isFile {
			// An option's file: installed even if it sits at n
			// already (then only its close-on-exec flag changes).
			files[n] = sf
			continue
		} else {
			f = ctxFile(ctx, s)
		}
		if f == nil {
			return files, false
		}
		if fd, err := fdOf(f); err != nil || fd != n {
			files[n] = f
		}
	}
	return files, true
}

// ctxFile returns the file behind s if s is one of the Ctx's standard
// streams (nohup sends stderr to stdout), or nil.
func ctxFile(ctx *applet.Ctx, s any) *os.File {
	for n, c := range [3]any{ctx.Stdin, ctx.Stdout, ctx.Stderr} {
		// Only a stream backed by a file can match, and such a stream
		// (*os.File, the runtime's stdout wrapper) is a comparable
		// pointer, so == cannot panic.
		if f := ctx.File(n); f != nil && c == s {
			return f
		}
	}
	return nil
}

// fdOf returns f's descriptor without the side effect of f.Fd, which
// would switch a non-blocking file, shared with other processes, to
// blocking mode.
func fdOf(f *os.File) (int, error) {
	rc, err := f.SyscallConn()
	if err != nil {
		return -1, err
	}
	fd := -1
	if err := rc.Control(func(u uintptr) { fd = int(u) }); err != nil {
		return -1, err
	}
	return fd, nil
}

// dupStdio makes files[n], where not nil, the process's descriptor n,
// inheritable across exec. Each goes through a fresh descriptor first,
// so that swapping two of them works.
func dupStdio(files [3]*os.File) error {
	tmp := [3]int{-1, -1, -1}
	defer func() {
		for _, t := range tmp {
			if t >= 0 {
				unix.Close(t)
			}
		}
	}()
	for n, f := range files {
		if f == nil {
			continue
		}
		fd, err := fdOf(f)
		if err != nil {
			return err
		}
		if tmp[n], err = unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 3); err != nil {
			return err
		}
	}
	for n, t := range tmp {
		if t < 0 {
			continue
		}
		if err := unix.Dup3(t, n, 0); err != nil {
			return err
		}
	}
	return nil
}
