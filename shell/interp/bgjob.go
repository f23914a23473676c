package interp

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/shell/syntax"
)

// A background job that is not a simple command (a function, { }, ( ),
// a pipeline) runs in a real child process, so that $! is a PID that
// wait, kill, pidfiles and other processes can use (shell.md): gobox's
// sh re-executed with the job's source, printed from the tree, and the
// state it needs — variables, functions, aliases, options, positional
// parameters, $$, $?, $!, directory, umask, ignored signals — written
// to a pipe it reads at start, and the descriptors above 2 as inherited
// files at the same numbers.

// jobFlag is the child's first argument: "--gobox-job=FD" names the
// descriptor its state comes on. ash ignores long options it does not
// know, so a user who types it gets no surprise worse than a failure.
const jobFlag = "--gobox-job="

// stateVersion guards against a binary reading another's state.
const stateVersion = "gobox-sh-job-1"

// stateWriter encodes the state as length-prefixed strings ("3:abc").
type stateWriter struct{ b []byte }

func (w *stateWriter) str(s string) {
	w.b = strconv.AppendInt(w.b, int64(len(s)), 10)
	w.b = append(w.b, ':')
	w.b = append(w.b, s...)
}

func (w *stateWriter) int(n int) { w.str(strconv.Itoa(n)) }

type stateReader struct {
	b   []byte
	err error
}

func (r *stateReader) str() string {
	if r.err != nil {
		return ""
	}
	i := 0
	for i < len(r.b) && r.b[i] >= '0' && r.b[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(string(r.b[:i]))
	if err != nil || i >= len(r.b) || r.b[i] != ':' || len(r.b)-i-1 < n {
		r.err = errors.New("bad job state")
		return ""
	}
	s := string(r.b[i+1 : i+1+n])
	r.b = r.b[i+1+n:]
	return s
}

func (r *stateReader) int() int {
	n, err := strconv.Atoi(r.str())
	if err != nil && r.err == nil {
		r.err = errors.New("bad job state")
	}
	return n
}

// Variable flags in the state.
const (
	vfSet = 1 << iota
	vfExported
	vfReadonly
)

// encodeState writes what the child needs to run src as the shell's
// subshell would; fds are the descriptors above 2 it inherits.
func (sh *shell) encodeState(src string, fds []int, ctlFd int) []byte {
	w := &stateWriter{}
	w.str(stateVersion)
	w.int(sh.proc.pid)
	w.str(sh.arg0)
	w.int(sh.status)
	if sh.lastBgSet {
		w.int(sh.lastBg)
	} else {
		w.int(-1)
	}
	w.int(sh.lineno)
	o := sh.opts
	o.set(optInteractive, false)
	o.set(optMonitor, false)
	w.int(int(o))
	w.int(int(sh.umask))
	w.str(sh.dir)
	w.int(len(sh.params))
	for _, p := range sh.params {
		w.str(p)
	}
	m := sh.vars.t.m
	w.int(len(m))
	for k, x := range m {
		fl := 0
		if x.set {
			fl |= vfSet
		}
		if x.exported {
			fl |= vfExported
		}
		if x.readonly {
			fl |= vfReadonly
		}
		w.str(k)
		w.str(x.val)
		w.int(fl)
	}
	fm := sh.funcs.t.m
	w.int(len(fm))
	for k, f := range fm {
		w.str(k)
		w.str(syntax.String(f.decl))
	}
	if sh.aliases != nil {
		w.int(len(sh.aliases.order))
		for _, k := range sh.aliases.order {
			w.str(k)
			w.str(sh.aliases.m[k])
		}
	} else {
		w.int(0)
	}
	// Traps: a subshell keeps only the ignored signals.
	var ign []int
	if sh.traps != nil {
		for n, c := range sh.traps.cmd {
			if c != nil && *c == "" && n > 0 && n < 65 {
				ign = append(ign, n)
			}
		}
	}
	w.int(len(ign))
	for _, n := range ign {
		w.int(n)
	}
	w.int(len(fds))
	for _, n := range fds {
		w.int(n)
	}
	w.int(ctlFd)
	w.str(src)
	return w.b
}

// backgroundChild starts st as a child process of the binary running
// the shell; nil when that cannot be done (the shell does not own its
// process, or the binary cannot run).
func (sh *shell) backgroundChild(st *syntax.Stmt) *job {
	if !sh.proc.owns {
		return nil
	}
	src := syntax.String(st.Cmd)
	cmd, err := sh.startChild(src, true)
	if err != nil {
		return nil
	}
	j := &job{pid: cmd.Process.Pid, cmd: cmd, text: src, done: make(chan struct{})}
	if sh.proc.jobControl() {
		j.pgid = cmd.Process.Pid
	}
	pumped := sh.pumping(cmd)
	go func() {
		err := cmd.Wait()
		status, sig := waitStatus(cmd.ProcessState, err)
		j.finish(status, sig)
		pumped()
	}()
	return j
}

// childSubshell runs ( list ) as a child process and waits for it: for
// a subshell whose effects cannot stay in a copy (ulimit, which is the
// whole process's).
func (sh *shell) childSubshell(c *syntax.Subshell) (int, bool) {
	if !sh.proc.owns {
		return 0, false
	}
	var src strings.Builder
	if syntax.PrintList(&src, c.Body) != nil {
		return 0, false
	}
	cmd, err := sh.startChild(src.String(), false)
	if err != nil {
		return 0, false
	}
	return sh.wait(cmd), true
}

// startChild starts the binary as a shell that runs src with this
// shell's state; bg is for an asynchronous list.
func (sh *shell) startChild(src string, bg bool) (*exec.Cmd, error) {
	cmd := &exec.Cmd{Path: sh.proc.exePath(), Env: sh.environ(), Dir: sh.dir}
	if cmd.Env == nil {
		cmd.Env = []string{}
	}
	jc := sh.proc.jobControl()
	if jc && bg {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	}
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	if bg && !jc {
		// POSIX: without job control an asynchronous list reads
		// /dev/null unless it redirects its input itself.
		f, err := os.Open(os.DevNull)
		if err != nil {
			return nil, err
		}
		closers = append(closers, f)
		cmd.Stdin = f
	} else if r, ok := sh.childStream(0).(io.Reader); ok {
		cmd.Stdin = r
	}
	if w, ok := sh.childStream(1).(io.Writer); ok {
		cmd.Stdout = w
	}
	if w, ok := sh.childStream(2).(io.Writer); ok {
		cmd.Stderr = w
	}
	var fds []int
	for i := 3; i < len(sh.fds.fds); i++ {
		d := sh.fds.fds[i]
		var f *os.File
		if d != nil {
			f = d.file()
			if f == nil {
				var err error
				if f, err = sh.pipeFor(d); err != nil {
					return nil, err
				}
				closers = append(closers, f)
			}
			fds = append(fds, i)
		}
		cmd.ExtraFiles = append(cmd.ExtraFiles, f)
	}
	ctlFd := -1
	if ctl := sh.proc.mainCtl(); ctl != nil {
		ctlFd = 3 + len(cmd.ExtraFiles)
		cmd.ExtraFiles = append(cmd.ExtraFiles, ctl)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	closers = append(closers, r)
	stateFd := 3 + len(cmd.ExtraFiles)
	cmd.ExtraFiles = append(cmd.ExtraFiles, r)
	cmd.Args = []string{sh.proc.shellName(), jobFlag + strconv.Itoa(stateFd)}
	state := sh.encodeState(src, fds, ctlFd)
	if err := sh.start(cmd); err != nil {
		w.Close()
		return nil, err
	}
	go func() {
		w.Write(state)
		w.Close()
	}()
	return cmd, nil
}

// mainJob is the child side: it reads the state from descriptor fdArg,
// becomes the parent's subshell and runs the job.
func mainJob(ctx *applet.Ctx, fdArg string) int {
	fd, err := strconv.Atoi(fdArg)
	if err != nil || fd < 3 {
		return 2
	}
	f := os.NewFile(uintptr(fd), "job-state")
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return 2
	}
	sh := New(ctx)
	src, err := sh.loadState(data)
	if err != nil {
		io.WriteString(sh.stderr(), sh.proc.shellName()+": "+err.Error()+"\n")
		return 2
	}
	stmts, err := syntax.Parse(src, sh.arg0)
	if err != nil {
		sh.syntaxError(err)
		return 2
	}
	if len(stmts) == 1 && !stmts[0].Background {
		if c, ok := stmts[0].Cmd.(*syntax.CallExpr); ok {
			// A lone command is exec'd in place, as ash's forked
			// child does: $! is then the command's own PID.
			sh.execLast = c
		}
	}
	sh.stmts(stmts, false)
	return sh.finishMain()
}

// loadState restores what encodeState wrote and returns the job's
// source.
func (sh *shell) loadState(data []byte) (string, error) {
	r := &stateReader{b: data}
	if r.str() != stateVersion {
		return "", errors.New("bad job state")
	}
	sh.proc.pid = r.int()
	sh.arg0 = r.str()
	sh.status = r.int()
	if bg := r.int(); bg >= 0 {
		sh.lastBg, sh.lastBgSet = bg, true
	}
	sh.lineno = r.int()
	sh.opts = options(r.int())
	sh.setUmask(os.FileMode(r.int()))
	sh.dir = r.str()
	n := r.int()
	sh.params = make([]string, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		sh.params = append(sh.params, r.str())
	}
	n = r.int()
	vm := newVarMap(n + 4)
	for i := 0; i < n && r.err == nil; i++ {
		k, v, fl := r.str(), r.str(), r.int()
		vm.m[k] = variable{val: v, set: fl&vfSet != 0, exported: fl&vfExported != 0, readonly: fl&vfReadonly != 0}
	}
	sh.vars = vars{t: vm}
	sh.envCache, sh.ifsCache = nil, nil
	n = r.int()
	for i := 0; i < n && r.err == nil; i++ {
		name, src := r.str(), r.str()
		stmts, err := syntax.Parse(src, sh.arg0)
		if err != nil || len(stmts) != 1 {
			continue
		}
		if fd, ok := stmts[0].Cmd.(*syntax.FuncDecl); ok {
			sh.funcs.writable()[name] = &function{decl: fd}
		}
	}
	n = r.int()
	for i := 0; i < n && r.err == nil; i++ {
		k, v := r.str(), r.str()
		sh.aliases = sh.aliases.with(k, v)
	}
	n = r.int()
	empty := ""
	for i := 0; i < n && r.err == nil; i++ {
		sh.setTrap(r.int(), &empty)
	}
	n = r.int()
	for i := 0; i < n && r.err == nil; i++ {
		fd := r.int()
		if f := sh.proc.ctx.File(fd); f != nil {
			sh.fds.set(fd, &fdesc{f: f})
		}
	}
	if ctl := r.int(); ctl > 2 {
		// The shell's control pipe: kept from the programs this
		// child runs.
		unix.CloseOnExec(ctl)
		sh.proc.mainCtlOnce.Do(func() {})
		sh.proc.mainCtlW = os.NewFile(uintptr(ctl), "job-ctl")
	}
	src := r.str()
	if r.err != nil {
		return "", r.err
	}
	return src, nil
}

// isJobChild reports whether args start the child of a background job.
func isJobChild(args []string) (string, bool) {
	if len(args) > 0 {
		return strings.CutPrefix(args[0], jobFlag)
	}
	return "", false
}
