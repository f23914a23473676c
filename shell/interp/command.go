package interp

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/shell/syntax"
)

// defaultPath is ash's PATH when none is set.
const defaultPath = "/sbin:/usr/sbin:/bin:/usr/bin"

// cmdKind is what a command name resolves to.
type cmdKind int

const (
	kindNone cmdKind = iota
	kindFunc
	kindBuiltin
	kindFile
	kindApplet // no file found, but an applet of the binary
)

// resolved is a command name looked up.
type resolved struct {
	kind cmdKind
	fn   *function
	bi   builtin
	path string         // kindFile
	app  *applet.Applet // kindApplet, or kindFile that is gobox itself
	err  error          // kindNone: ENOENT or EACCES
}

// pathVal is $PATH, or the default.
func (sh *shell) pathVal() string {
	if p, ok := sh.getVar("PATH"); ok {
		return p
	}
	return defaultPath
}

// lookup resolves name: functions, builtins, then the PATH search (or a
// name with a slash), then the binary's applets.
func (sh *shell) lookup(name string, noFuncs bool, path string) resolved {
	if !strings.Contains(name, "/") {
		if !noFuncs {
			if f, ok := sh.funcs.t.m[name]; ok {
				if bi, ok := lookupBuiltin(name); ok && bi.special {
					return resolved{kind: kindBuiltin, bi: bi}
				}
				return resolved{kind: kindFunc, fn: f}
			}
		}
		if bi, ok := lookupBuiltin(name); ok {
			return resolved{kind: kindBuiltin, bi: bi}
		}
	}
	p, err := sh.findPath(name, path)
	if err == nil {
		r := resolved{kind: kindFile, path: p}
		r.app = sh.selfApplet(p)
		return r
	}
	if !strings.Contains(name, "/") {
		if a := sh.applets().Lookup(name); a != nil && a.Name != "" {
			return resolved{kind: kindApplet, app: a}
		}
	}
	return resolved{kind: kindNone, err: err}
}

// findPath searches path for name (remembered in the hash table while
// PATH is unchanged); a name with a slash is taken as it is.
func (sh *shell) findPath(name, path string) (string, error) {
	if strings.Contains(name, "/") {
		fi, err := os.Stat(sh.path(name))
		if err != nil {
			return "", err
		}
		_ = fi
		return name, nil
	}
	usual := path == sh.pathVal()
	if usual {
		if p, ok := sh.hash[name]; ok {
			return p, nil
		}
	}
	// Each candidate is made NUL-terminated in the shell's buffer and
	// tested there: a search allocates only the name it finds (a
	// pipeline stage searches afresh in every round of a loop).
	seenAccess := false
	for rest, more := path, true; more; {
		var dir string
		dir, rest, more = strings.Cut(rest, ":")
		if dir == "" {
			dir = "."
		}
		dir = strings.TrimSuffix(dir, "/")
		p := sh.cpath2(dir, name)
		var st unix.Stat_t
		if dirent.Fstatat(unix.AT_FDCWD, p, &st, 0) != nil {
			continue
		}
		if st.Mode&unix.S_IFMT == unix.S_IFREG && dirent.Faccessat(unix.AT_FDCWD, p, unix.X_OK) == nil {
			cand := dir + "/" + name
			if usual {
				sh.remember(name, cand)
			}
			return cand, nil
		}
		seenAccess = true
	}
	if seenAccess {
		return "", syscall.EACCES
	}
	return "", syscall.ENOENT
}

// remember adds a command to the hash table, copying a table shared
// with a parent first.
func (sh *shell) remember(name, p string) {
	if sh.hashShared || sh.hash == nil {
		n := make(map[string]string, len(sh.hash)+1)
		for k, v := range sh.hash {
			n[k] = v
		}
		sh.hash = n
		sh.hashShared = false
	}
	sh.hash[name] = p
}

// applets is the binary's applet table.
func (sh *shell) applets() applet.Table {
	if sh.proc.ctx == nil {
		return nil
	}
	return sh.proc.ctx.Applets
}

// selfApplet returns the applet a file runs when it is gobox itself (the
// same file as /proc/self/exe), by the file's base name.
func (sh *shell) selfApplet(p string) *applet.Applet {
	tab := sh.applets()
	if tab == nil {
		return nil
	}
	base := p[strings.LastIndexByte(p, '/')+1:]
	a := tab.Lookup(base)
	if a == nil {
		return nil
	}
	sh.proc.selfOnce.Do(sh.proc.findSelf)
	if sh.proc.selfIno == 0 {
		return nil
	}
	var st unix.Stat_t
	if unix.Stat(sh.path(p), &st) != nil {
		return nil
	}
	if st.Ino != sh.proc.selfIno || st.Dev != sh.proc.selfDev {
		return nil
	}
	return a
}

func (p *proc) findSelf() {
	var st unix.Stat_t
	if unix.Stat("/proc/self/exe", &st) == nil {
		p.selfDev, p.selfIno = st.Dev, st.Ino
	}
	if exe, err := os.Executable(); err == nil {
		p.selfPath = exe
	} else {
		p.selfPath = "/proc/self/exe"
	}
}

// exePath is the binary to re-execute for an applet that needs a
// process of its own.
func (p *proc) exePath() string {
	p.selfOnce.Do(p.findSelf)
	return "/proc/self/exe"
}

// runCommand runs a command that is no builtin or function.
func (sh *shell) runCommand(args []string, c *syntax.CallExpr) int {
	r := sh.lookup(args[0], true, sh.pathVal())
	return sh.runResolved(r, args)
}

func (sh *shell) runResolved(r resolved, args []string) int {
	switch r.kind {
	case kindFunc:
		return sh.callFunc(r.fn, args, false)
	case kindBuiltin:
		return sh.runBuiltin(r.bi, args)
	case kindApplet:
		return sh.runApplet(r.app, args[0], args, "")
	case kindFile:
		if r.app != nil {
			return sh.runApplet(r.app, r.app.Name, args, r.path)
		}
		return sh.exec(r.path, args)
	}
	if fn, ok := sh.funcs.t.m["command_not_found_handle"]; ok {
		return sh.callFunc(fn, append([]string{"command_not_found_handle"}, args...), false)
	}
	return sh.notFound(args[0], r.err)
}

// notFound reports a command that cannot be run: 127 when it does not
// exist, 126 otherwise, in ash's words.
func (sh *shell) notFound(name string, err error) int {
	var errno syscall.Errno
	errors.As(err, &errno)
	if name == "" {
		// ash: the PATH search of "" meets directories (EACCES), yet
		// a command it did not find is 127.
		sh.errorf(": %s", applet.ErrText(syscall.EACCES))
		return 127
	}
	if errno == syscall.ENOENT || errno == syscall.ENOTDIR || errno == 0 {
		sh.errorf("%s: not found", name)
		return 127
	}
	sh.errorf("%s: %s", name, applet.ErrText(err))
	return 126
}

// appletCtx builds the Ctx of an in-process applet from the shell's
// state.
func (sh *shell) appletCtx(name string) *applet.Ctx {
	for _, d := range sh.fds.fds {
		d.file() // an applet's fast paths want files (ctx.File)
	}
	ctx := &applet.Ctx{
		Context: sh.ctx,
		Name:    name,
		Stdin:   sh.stdin(),
		Stdout:  sh.stdout(),
		Stderr:  sh.stderr(),
		Dir:     sh.dir,
		Env:     sh.environ(),
		Umask:   sh.umask,
		Applets: sh.applets(),
	}
	if len(sh.fds.fds) > 3 {
		ctx.Files = map[int]*os.File{}
		for i := 3; i < len(sh.fds.fds); i++ {
			if d := sh.fds.fds[i]; d != nil && d.f != nil {
				ctx.Files[i] = d.f
			}
		}
	}
	return ctx
}

// runApplet runs an applet of the binary: in-process when it is NoFork,
// by re-executing the binary otherwise.
func (sh *shell) runApplet(a *applet.Applet, name string, args []string, path string) int {
	if !a.NoFork || namesSelf(args[1:]) || sh.proc.monitor && !sh.subshell {
		// Under job control a foreground applet is a process, which
		// Ctrl-Z can stop.
		argv := append([]string{name}, args[1:]...)
		if path == "" {
			path = sh.proc.exePath()
		} else {
			// The link found in PATH, as ash runs it: the process's
			// name (/proc/PID/comm) is the link's.
			argv[0] = args[0]
		}
		return sh.exec(path, argv)
	}
	return applet.Run(sh.appletCtx(name), a, args[1:])
}

// exec runs a program as a child, waits for it and returns its status.
func (sh *shell) exec(path string, argv []string) int {
	if sh.execNow {
		sh.execNow = false
		err := sh.execReplace(path, argv)
		if errors.Is(err, syscall.ENOEXEC) {
			return sh.runNewShell(path, argv)
		}
		return sh.notFound(argv[0], err)
	}
	cmd, err := sh.command(path, argv)
	if err == nil {
		err = sh.start(cmd)
	}
	if err != nil {
		var errno syscall.Errno
		if errors.As(err, &errno) && errno == syscall.ENOEXEC {
			// A script without "#!": ash runs it with a new shell,
			// which here is a fresh shell in-process.
			return sh.runNewShell(path, argv)
		}
		if err != nil {
			return sh.notFound(argv[0], err)
		}
	}
	return sh.wait(cmd)
}

// command prepares an exec.Cmd from the shell's state.
func (sh *shell) command(path string, argv []string) (*exec.Cmd, error) {
	cmd := &exec.Cmd{
		Path: sh.path(path),
		Args: argv,
		Env:  sh.environ(),
		Dir:  sh.dir,
	}
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	if ign := sh.proc.ignoredList(); ign != "" && (path == sh.proc.exePath() || sh.selfApplet(path) != nil) {
		env := make([]string, 0, len(cmd.Env)+1)
		for _, kv := range cmd.Env {
			if !strings.HasPrefix(kv, sigIgnEnv+"=") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, sigIgnEnv+"="+ign)
	}
	if r, ok := sh.childStream(0).(io.Reader); ok {
		cmd.Stdin = r
	}
	if w, ok := sh.childStream(1).(io.Writer); ok {
		cmd.Stdout = w
	}
	if w, ok := sh.childStream(2).(io.Writer); ok {
		cmd.Stderr = w
	}
	for i := 3; i < len(sh.fds.fds); i++ {
		d := sh.fds.fds[i]
		var f *os.File
		if d != nil {
			f = d.file()
			if f == nil {
				var err error
				f, err = sh.pipeFor(d)
				if err != nil {
					return nil, err
				}
				// The child's end: the shell's copy is closed once
				// the child has it (start), so that the pipe ends.
				sh.childPipes = append(sh.childPipes, f)
			}
		}
		cmd.ExtraFiles = append(cmd.ExtraFiles, f)
	}
	return cmd, nil
}

// childStream is what descriptor fd (0, 1, 2) is for a child: the file,
// or the Go reader or writer (os/exec pumps it through a pipe).
func (sh *shell) childStream(fd int) any {
	d := sh.fds.get(fd)
	if d == nil {
		return nil
	}
	if f := d.file(); f != nil {
		return f
	}
	if fd == 0 {
		return d.r
	}
	return d.w
}

// pipeFor gives a child a pipe for a descriptor above 2 that the shell
// feeds itself (a here-document on fd 3).
func (sh *shell) pipeFor(d *fdesc) (*os.File, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	if d.r != nil {
		go func() {
			io.Copy(w, d.r)
			w.Close()
		}()
		return r, nil
	}
	// A command substitution reads what the pipe brings to its end
	// before it takes its output (pumps).
	pumps := sh.pumps
	if pumps != nil {
		pumps.Add(1)
	}
	go func() {
		io.Copy(d.w, r)
		r.Close()
		if pumps != nil {
			pumps.Done()
		}
	}()
	return w, nil
}

// start starts cmd, with the shell's umask when it is not the process's.
func (sh *shell) start(cmd *exec.Cmd) error {
	if len(sh.childPipes) > 0 {
		defer func() {
			for _, f := range sh.childPipes {
				f.Close()
			}
			sh.childPipes = sh.childPipes[:0]
		}()
	}
	if cmd.SysProcAttr == nil || !cmd.SysProcAttr.Setpgid {
		// A foreground program: its command line's process group.
		done := sh.joinGroup(cmd)
		defer done()
	}
	if sh.umask == sh.proc.umask {
		return startCmd(cmd)
	}
	// A copy whose umask differs: the child inherits the process's, so
	// it is changed around the fork (os/exec cannot set it in between).
	sh.proc.umaskMu.Lock()
	old := syscall.Umask(int(sh.umask))
	err := startCmd(cmd)
	syscall.Umask(old)
	sh.proc.umaskMu.Unlock()
	return err
}

// startCmd is cmd.Start. When the child's standard streams are all
// files (nothing for os/exec to pump), it calls os.StartProcess itself,
// as Start would, with the shell's environment as it is: Start copies
// and de-duplicates the environment at every command (a map and a slice,
// 3 KB for 35 variables: issue 10), and the shell's has no duplicate
// (environ comes from a map; command replaces GOBOX_SIGIGN). cmd.Wait
// then works as after Start.
func startCmd(cmd *exec.Cmd) error {
	in, ok0 := cmd.Stdin.(*os.File)
	out, ok1 := cmd.Stdout.(*os.File)
	errf, ok2 := cmd.Stderr.(*os.File)
	if !ok0 || !ok1 || !ok2 || in == nil || out == nil || errf == nil || cmd.Env == nil || cmd.Process != nil {
		return cmd.Start()
	}
	var std [8]*os.File
	files := append(append(std[:0], in, out, errf), cmd.ExtraFiles...)
	p, err := os.StartProcess(cmd.Path, cmd.Args, &os.ProcAttr{Dir: cmd.Dir, Env: cmd.Env, Files: files, Sys: cmd.SysProcAttr})
	if err != nil {
		return err
	}
	cmd.Process = p
	return nil
}

// wait waits for a foreground child and returns its status: the exit
// code, or 128+N for a child killed by signal N (ash reports the signal
// but for SIGINT and SIGPIPE).
func (sh *shell) wait(cmd *exec.Cmd) int {
	if st, stopped := sh.waitStoppable(cmd, sh.jobText(cmd)); stopped {
		return st
	}
	if st, killed := sh.waitInSubshell(cmd); killed {
		return st
	}
	stop := func() {}
	if sh.group == nil {
		stop = sh.proc.foreground(cmd.Process)
	}
	err := cmd.Wait()
	stop()
	if sh.proc.anyCaught() {
		// A signal the program sent the shell before it ended has
		// its trap run before the next command.
		sh.proc.flush()
	}
	return sh.exitStatus(cmd.ProcessState, err)
}

func (sh *shell) exitStatus(ps *os.ProcessState, err error) int {
	if ps == nil {
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return 126
			}
		}
		return 1
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok {
		return ps.ExitCode()
	}
	switch {
	case ws.Signaled():
		sig := ws.Signal()
		if sig != syscall.SIGINT && sig != syscall.SIGPIPE {
			msg := signalText(sig)
			if ws.CoreDump() {
				msg += " (core dumped)"
			}
			io.WriteString(sh.stderr(), msg+"\n")
		}
		if sig == syscall.SIGINT {
			sh.proc.gotSIGINT()
			if sh.proc.interactive && sh.group.firstInterrupt() {
				// ash ends the line the terminal echoed ^C on, once
				// for the command line.
				io.WriteString(sh.stderr(), "\n")
			}
		}
		return 128 + int(sig)
	case ws.Stopped():
		return 128 + int(ws.StopSignal())
	}
	return ws.ExitStatus()
}

// execReplace replaces the shell's process with the program (exec in the
// main shell): the descriptor table becomes the process's descriptors,
// the shell's directory and umask its own. It returns only on failure.
func (sh *shell) execReplace(path string, argv []string) error {
	full := sh.path(path)
	for fd, d := range sh.fds.fds {
		if d == nil {
			if fd <= 2 {
				unix.Close(fd)
			}
			continue
		}
		if d.file() == nil {
			f, err := sh.pipeFor(d)
			if err != nil {
				return err
			}
			d = &fdesc{f: f}
		}
		src := int(d.f.Fd())
		if src != fd {
			if err := unix.Dup3(src, fd, 0); err != nil {
				return err
			}
		} else {
			unix.FcntlInt(uintptr(fd), unix.F_SETFD, 0)
		}
	}
	if err := unix.Chdir(sh.dir); err != nil {
		return err
	}
	syscall.Umask(int(sh.umask))
	err := syscall.Exec(full, argv, sh.environ())
	if errors.Is(err, syscall.ENOEXEC) {
		err = syscall.Exec(sh.proc.exePath(), append([]string{"sh", path}, argv[1:]...), sh.environ())
	}
	return err
}

// runNewShell runs a script in a new shell with the state a child
// process would get: exported variables, directory, umask, descriptors.
func (sh *shell) runNewShell(path string, argv []string) int {
	ctx := sh.appletCtx(sh.proc.shellName())
	n := New(ctx)
	n.proc.ctx = sh.proc.ctx
	n.params = argv[1:]
	return n.runScript(path, false)
}

// namesSelf reports whether an argument names the process's own files
// (/proc/self/..., /dev/fd/N, /dev/stdin...): an applet given one needs
// a process of its own, whose descriptors and /proc entry are its own.
func namesSelf(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(a, "/proc/self") || strings.HasPrefix(a, "/dev/fd/") || strings.HasPrefix(a, "/dev/std") {
			return true
		}
	}
	return false
}

// jobText is how jobs shows a stopped foreground command: its source.
func (sh *shell) jobText(cmd *exec.Cmd) string {
	if sh.curCall != nil {
		return syntax.String(sh.curCall)
	}
	return strings.Join(cmd.Args, " ")
}
