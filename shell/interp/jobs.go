package interp

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"gobox/shell/syntax"
)

type jobState int

const (
	jobRunning jobState = iota
	jobStopped
	jobDone
)

// job is a background (or stopped) job: a child process, or for a job
// the shell runs itself, goroutines on a copy of the shell with a
// process-like id of their own.
type job struct {
	id     int
	pid    int // $!: the child's PID, or the in-process job's id
	pgid   int
	text   string
	cmd    *exec.Cmd
	cancel context.CancelFunc
	inproc bool

	mu      sync.Mutex
	state   jobState
	status  int // exit status, 128+N when killed by signal N
	sig     syscall.Signal
	done    chan struct{}
	changed bool
	waited  bool
}

// jobTable is one shell's jobs; a copy starts with none.
type jobTable struct {
	mu   sync.Mutex
	jobs []*job
	cur  *job
	prev *job
}

func (t *jobTable) add(j *job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	id := 1
	for _, o := range t.jobs {
		if o.id >= id {
			id = o.id + 1
		}
	}
	j.id = id
	t.jobs = append(t.jobs, j)
	t.prev = t.cur
	t.cur = j
}

func (t *jobTable) remove(j *job) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, o := range t.jobs {
		if o == j {
			t.jobs = append(t.jobs[:i:i], t.jobs[i+1:]...)
			break
		}
	}
	if t.cur == j {
		t.cur = t.prev
		t.prev = nil
		if t.cur == j {
			t.cur = nil
		}
	}
	if t.prev == j {
		t.prev = nil
	}
	if t.cur == nil && len(t.jobs) > 0 {
		t.cur = t.jobs[len(t.jobs)-1]
	}
	if t.prev == nil {
		for i := len(t.jobs) - 1; i >= 0; i-- {
			if t.jobs[i] != t.cur {
				t.prev = t.jobs[i]
				break
			}
		}
	}
}

func (t *jobTable) list() []*job {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]*job(nil), t.jobs...)
}

// finish records a job's end.
func (j *job) finish(status int, sig syscall.Signal) {
	j.mu.Lock()
	j.state = jobDone
	j.status = status
	j.sig = sig
	j.changed = true
	j.mu.Unlock()
	close(j.done)
}

// inprocPID hands out ids for in-process jobs: above any real PID
// (pid_max is at most 2^22), so they cannot name another process.
func (p *proc) inprocPID() int {
	p.randMu.Lock()
	defer p.randMu.Unlock()
	p.nextJobPID++
	return 1<<22 + p.nextJobPID
}

// background starts "cmd &".
func (sh *shell) background(st *syntax.Stmt) {
	if sh.jobs == nil {
		sh.jobs = &jobTable{}
	}
	if j := sh.backgroundExternal(st); j != nil {
		if j.text == "" {
			j.text = syntax.String(st.Cmd)
		}
		sh.startedJob(j)
		return
	}
	if j := sh.backgroundChild(st); j != nil {
		sh.startedJob(j)
		return
	}
	sub := sh.fork()
	ctx, cancel := context.WithCancel(sh.ctx)
	sub.ctx = ctx
	if !sh.proc.jobControl() {
		// POSIX: without job control, an asynchronous list reads
		// /dev/null unless it redirects its input itself.
		if f, err := os.Open(os.DevNull); err == nil {
			sub.fds.set(0, &fdesc{f: f, owner: sub})
		}
	}
	j := &job{pid: sh.proc.inprocPID(), cancel: cancel, inproc: true, done: make(chan struct{})}
	sub.inBackground = true
	if sh.pumps != nil {
		sh.pumps.Add(1)
	}
	go func() {
		if sh.pumps != nil {
			defer sh.pumps.Done()
		}
		sub.status = sub.cmd(st.Cmd, false)
		status := sub.finish()
		sub.done()
		cancel()
		j.finish(status, 0)
	}()
	sh.startedJob(j)
}

func (sh *shell) startedJob(j *job) {
	sh.jobs.add(j)
	sh.lastBg = j.pid
	sh.lastBgSet = true
}

// backgroundExternal starts a simple command that runs an external
// program as a real child process, not waited for; nil when the command
// is anything else.
func (sh *shell) backgroundExternal(st *syntax.Stmt) *job {
	c, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) == 0 {
		return nil
	}
	name := ""
	var pre []string // the words, when the name needs expanding first
	if w := c.Args[0]; len(w.Parts) == 1 {
		if lit, ok := w.Parts[0].(*syntax.Lit); ok && !strings.ContainsAny(lit.Value, "\\*?[~") {
			name = lit.Value
		}
	}
	if name == "" {
		// "$THIS_SH -c ..." &: the words are expanded here, on a copy,
		// when that cannot be seen (no substitution, no assignment, no
		// error): the program then starts at once, with no shell
		// between ($! is its PID, and it is running sooner).
		if !quietWords(c.Args) {
			return nil
		}
		sub := sh.fork()
		args, err := sub.expandArgs(c.Args)
		sub.done()
		if err != nil || len(args) == 0 || args[0] == "" {
			return nil
		}
		name, pre = args[0], args
	}
	r := sh.lookup(name, false, sh.pathVal())
	lit := &syntax.Lit{Value: name}
	path, argv0 := r.path, ""
	switch {
	case r.kind == kindFile && r.app == nil:
	case sh.proc.owns && (r.kind == kindApplet || r.kind == kindFile):
		// An applet of ours: a child process of the binary, so that
		// $! is a real process and the shell need not wait for it.
		path, argv0 = sh.proc.exePath(), r.app.Name
	case sh.proc.owns && r.kind == kindBuiltin && !r.bi.special && sh.applets().Lookup(lit.Value) != nil:
		path, argv0 = sh.proc.exePath(), lit.Value
	default:
		return nil
	}
	sub := sh.fork()
	defer sub.done()
	args := pre
	if args == nil {
		var err error
		args, err = sub.expandArgs(c.Args)
		if err != nil || len(args) == 0 || args[0] != lit.Value {
			return nil
		}
	}
	if !sh.proc.jobControl() {
		if f, err := os.Open(os.DevNull); err == nil {
			sub.fds.set(0, &fdesc{f: f, owner: sub})
		}
	}
	undo, err := sub.redirect(c.Redirs, false)
	if err != nil {
		sub.redirError(err)
		return &job{pid: 0, done: closedChan(), state: jobDone, status: 1}
	}
	defer sub.unredirect(undo)
	if len(c.Assigns) > 0 {
		if _, ok := sub.assignScoped(c.Assigns); !ok {
			return &job{done: closedChan(), state: jobDone, status: sub.status}
		}
	}
	if sub.opts.has(optXtrace) {
		sub.trace(sub.stderr(), c.Assigns, args)
	}
	if argv0 != "" {
		args = append([]string{argv0}, args[1:]...)
	}
	cmd, err := sub.command(path, args)
	if err == nil && sh.proc.jobControl() {
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	}
	if err == nil {
		// Alpine's ash does not ignore SIGINT in an asynchronous
		// list (dash does, as POSIX says).
		err = sub.start(cmd)
	}
	if err != nil {
		st := sub.notFound(args[0], err)
		return &job{done: closedChan(), state: jobDone, status: st}
	}
	j := &job{pid: cmd.Process.Pid, pgid: cmd.Process.Pid, cmd: cmd, done: make(chan struct{})}
	pumped := sh.pumping(cmd)
	go func() {
		err := cmd.Wait()
		status, sig := waitStatus(cmd.ProcessState, err)
		j.finish(status, sig)
		pumped()
	}()
	return j
}

// pumping registers a background child whose output the shell copies
// into a command substitution's buffer: the substitution reads to the
// end of its output, as ash's reads to the end of its pipe, which is
// when the job ends. The returned function says it has.
func (sh *shell) pumping(cmd *exec.Cmd) func() {
	if sh.pumps == nil {
		return func() {}
	}
	_, f1 := cmd.Stdout.(*os.File)
	_, f2 := cmd.Stderr.(*os.File)
	if (cmd.Stdout == nil || f1) && (cmd.Stderr == nil || f2) {
		return func() {}
	}
	sh.pumps.Add(1)
	return sh.pumps.Done
}

func closedChan() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// waitStatus is a finished child's status and the signal that killed it.
func waitStatus(ps *os.ProcessState, err error) (int, syscall.Signal) {
	if ps == nil {
		return 127, 0
	}
	ws, ok := ps.Sys().(syscall.WaitStatus)
	if !ok {
		return ps.ExitCode(), 0
	}
	if ws.Signaled() {
		return 128 + int(ws.Signal()), ws.Signal()
	}
	return ws.ExitStatus(), 0
}

// findJob resolves a job spec: %N, %+, %%, %-, %string, %?string, or
// a PID.
func (sh *shell) findJob(spec string) (*job, string) {
	if sh.jobs == nil {
		sh.jobs = &jobTable{}
	}
	t := sh.jobs
	list := t.list()
	if !strings.HasPrefix(spec, "%") {
		n, err := strconv.Atoi(spec)
		if err != nil {
			return nil, "Illegal number: " + spec
		}
		for _, j := range list {
			if j.pid == n {
				return j, ""
			}
		}
		return nil, ""
	}
	s := spec[1:]
	switch {
	case s == "" || s == "%" || s == "+":
		t.mu.Lock()
		j := t.cur
		t.mu.Unlock()
		if j == nil {
			return nil, spec + ": no such job"
		}
		return j, ""
	case s == "-":
		t.mu.Lock()
		j := t.prev
		t.mu.Unlock()
		if j == nil {
			return nil, spec + ": no such job"
		}
		return j, ""
	case s[0] >= '0' && s[0] <= '9':
		n, _ := strconv.Atoi(s)
		for _, j := range list {
			if j.id == n {
				return j, ""
			}
		}
		return nil, spec + ": no such job"
	case s[0] == '?':
		var found *job
		for _, j := range list {
			if strings.Contains(j.text, s[1:]) {
				if found != nil {
					return nil, spec + ": ambiguous"
				}
				found = j
			}
		}
		if found == nil {
			return nil, spec + ": no such job"
		}
		return found, ""
	}
	var found *job
	for _, j := range list {
		if strings.HasPrefix(j.text, s) {
			if found != nil {
				return nil, spec + ": ambiguous"
			}
			found = j
		}
	}
	if found == nil {
		return nil, spec + ": no such job"
	}
	return found, ""
}

// waitJob waits for a job to end, or for a trapped signal (returned as
// 128+N, the trap to run after).
func (sh *shell) waitJob(j *job) (int, bool) {
	var sigc chan int
	if sh.proc.sig != nil && sh.traps != nil {
		sigc = sh.proc.sig.notify
		if sh.trappedPending() {
			return 128 + sh.firstPending(), false
		}
	}
	for {
		select {
		case <-j.done:
			if sigc != nil && sh.proc.anyCaught() {
				// A signal the job sent before it ended comes first,
				// as in C, where it interrupts the wait.
				sh.proc.flush()
				if n := sh.firstPending(); n > 0 {
					return 128 + n, false
				}
			}
			j.mu.Lock()
			st := j.status
			j.waited = true
			j.mu.Unlock()
			return st, true
		case n := <-sigc:
			// A token whose signal's trap has run already is stale.
			if _, ok := sh.trapCmd(n); ok && sh.proc.sig.pending[n].Load() {
				return 128 + n, false
			}
		case <-sh.ctx.Done():
			return 130, false
		}
	}
}

func biWait(sh *shell, args []string) int {
	_, _, rest, ok := sh.getopt(args[1:], "n")
	if !ok {
		return 2
	}
	if sh.jobs == nil {
		sh.jobs = &jobTable{}
	}
	if len(rest) == 0 {
		for _, j := range sh.jobs.list() {
			if _, done := sh.waitJob(j); !done {
				st, _ := sh.waitInterrupted()
				return st
			}
			sh.reapIfWaited(j)
		}
		return 0
	}
	st := 127
	for _, a := range rest {
		if !strings.HasPrefix(a, "%") && !isNumber(a) {
			return sh.raise("Illegal number: %s", a)
		}
		j, msg := sh.findJob(a)
		if j == nil {
			if msg != "" && strings.HasPrefix(a, "%") {
				return sh.raise("%s", msg)
			}
			st = 127
			continue
		}
		s, done := sh.waitJob(j)
		if !done {
			st, _ := sh.waitInterrupted()
			return st
		}
		st = s
		j.mu.Lock()
		sig := j.sig
		j.mu.Unlock()
		if sig != 0 && sig != syscall.SIGINT && sig != syscall.SIGPIPE && !j.inproc {
			// ash reports a job killed by a signal when "wait PID"
			// reaps it (a bare "wait" says nothing).
			io.WriteString(sh.stderr(), signalText(sig)+"\n")
		}
		sh.reapIfWaited(j)
	}
	return st
}

// waitInterrupted is wait's status when a trapped signal came.
func (sh *shell) waitInterrupted() (int, bool) {
	for n := 1; n < 65; n++ {
		if sh.proc.sig.pending[n].Load() {
			return 128 + n, true
		}
	}
	return 130, true
}

// reapIfWaited forgets a finished job in a non-interactive shell (an
// interactive one reports it first).
func (sh *shell) reapIfWaited(j *job) {
	if !sh.opts.has(optInteractive) {
		return
	}
}

// jobStatusText is a job's state as "jobs" shows it.
func (j *job) statusText() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	switch j.state {
	case jobRunning:
		return "Running"
	case jobStopped:
		return signalText(j.sig)
	}
	if j.sig != 0 {
		return signalText(j.sig)
	}
	if j.status != 0 {
		return fmt.Sprintf("Done(%d)", j.status)
	}
	return "Done"
}

func biJobs(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "lp")
	if !ok {
		return 2
	}
	if sh.jobs == nil {
		return 0
	}
	mode := byte(0)
	for _, o := range opts {
		mode = o
	}
	list := sh.jobs.list()
	if len(rest) > 0 {
		list = nil
		for _, a := range rest {
			j, msg := sh.findJob(a)
			if j == nil {
				return sh.raise("%s", msg)
			}
			list = append(list, j)
		}
	}
	if len(rest) > 0 {
		// Named jobs in the order named, as ash.
		for _, j := range list {
			sh.showJob(j, mode)
		}
		return 0
	}
	for i := len(list) - 1; i >= 0; i-- {
		sh.showJob(list[i], mode)
	}
	return 0
}

// showJob prints a job as ash's showjob: "[N]+  PID Status   command".
func (sh *shell) showJob(j *job, mode byte) {
	if mode == 'p' {
		sh.outf("%d\n", j.pid)
		return
	}
	mark := ' '
	sh.jobs.mu.Lock()
	if j == sh.jobs.cur {
		mark = '+'
	} else if j == sh.jobs.prev {
		mark = '-'
	}
	sh.jobs.mu.Unlock()
	s := fmt.Sprintf("[%d]%c  ", j.id, mark)
	if mode == 'l' {
		s += strconv.Itoa(j.pid) + " "
	}
	s += j.statusText()
	pad := 33 - len(s)
	if pad < 1 {
		pad = 1
	}
	sh.out(s + strings.Repeat(" ", pad) + j.text + "\n")
	j.mu.Lock()
	done := j.state == jobDone
	j.changed = false
	j.mu.Unlock()
	if done {
		sh.jobs.remove(j)
	}
}

// stoppedJobsWarn implements "exit" with stopped jobs in an interactive
// shell: the first exit warns, the second exits.
func (sh *shell) stoppedJobsWarn() bool {
	if sh.jobs == nil || !sh.opts.has(optInteractive) || sh.proc.warnedStopped {
		return false
	}
	for _, j := range sh.jobs.list() {
		j.mu.Lock()
		stopped := j.state == jobStopped
		j.mu.Unlock()
		if stopped {
			fmt.Fprintf(sh.stderr(), "You have stopped jobs.\n")
			sh.proc.warnedStopped = true
			return true
		}
	}
	return false
}

func biFgBg(sh *shell, args []string) int {
	if !sh.proc.jobControl() {
		return sh.raise("job control not enabled")
	}
	spec := "%%"
	if len(args) > 1 {
		spec = args[1]
	}
	j, msg := sh.findJob(spec)
	if j == nil {
		return sh.raise("%s", msg)
	}
	if args[0] == "fg" {
		sh.out(j.text + "\n")
	}
	if j.cmd != nil && j.cmd.Process != nil {
		if args[0] == "fg" {
			sh.proc.giveTerminal(j.pgid)
		}
		syscall.Kill(-j.pgid, syscall.SIGCONT)
	}
	j.mu.Lock()
	if j.state == jobStopped {
		j.state = jobRunning
	}
	j.mu.Unlock()
	if args[0] == "bg" {
		sh.outf("[%d] %s\n", j.id, j.text)
		return 0
	}
	st := sh.waitJobStoppable(j)
	sh.proc.takeTerminal()
	return st
}

// biKill is kill with job specs: "kill [-s SIG | -SIG] PID|%JOB...",
// "kill -l [N]".
func biKill(sh *shell, args []string) int {
	a := args[1:]
	if len(a) == 0 {
		fmt.Fprintf(sh.stderr(), "kill: usage: kill [-s SIGNAL | -SIGNAL] PID...\n")
		return 1
	}
	sig := syscall.SIGTERM
	if a[0] == "-l" || a[0] == "-L" {
		if len(a) == 1 {
			var b strings.Builder
			for i := 1; i < len(signalNames); i++ {
				if signalNames[i] != "" {
					fmt.Fprintf(&b, "%2d) %s\n", i, signalNames[i])
				}
			}
			sh.out(b.String())
			return 0
		}
		for _, s := range a[1:] {
			if isNumber(s) {
				n, _ := strconv.Atoi(s)
				if n > 128 {
					n -= 128
				}
				sh.out(signalName(n) + "\n")
			} else {
				n := signalNumber(s)
				if n < 0 {
					fmt.Fprintf(sh.stderr(), "%s: bad signal name '%s'\n", sh.proc.shellName(), s)
					return 1
				}
				sh.outf("%d\n", n)
			}
		}
		return 0
	}
	if a[0] == "-s" || a[0] == "-n" {
		if len(a) < 2 {
			fmt.Fprintf(sh.stderr(), "%s: bad signal name ''\n", sh.proc.shellName())
			return 1
		}
		n := signalNumber(a[1])
		if n < 0 {
			fmt.Fprintf(sh.stderr(), "%s: bad signal name '%s'\n", sh.proc.shellName(), a[1])
			return 1
		}
		sig = syscall.Signal(n)
		a = a[2:]
	} else if strings.HasPrefix(a[0], "-") && a[0] != "--" && len(a[0]) > 1 && !isNumber(a[0][1:]) || strings.HasPrefix(a[0], "-") && len(a) > 1 && isNumber(a[0][1:]) {
		n := signalNumber(a[0][1:])
		if n < 0 {
			fmt.Fprintf(sh.stderr(), "%s: bad signal name '%s'\n", sh.proc.shellName(), a[0][1:])
			return 1
		}
		sig = syscall.Signal(n)
		a = a[1:]
	}
	if len(a) > 0 && a[0] == "--" {
		a = a[1:]
	}
	st := 0
	for _, t := range a {
		if strings.HasPrefix(t, "%") {
			j, msg := sh.findJob(t)
			if j == nil {
				return sh.raise("%s", msg)
			}
			sh.signalJob(j, sig)
			continue
		}
		pid, err := strconv.Atoi(t)
		if err != nil {
			fmt.Fprintf(sh.stderr(), "%s: can't kill pid %s: No such process\n", sh.proc.shellName(), t)
			st = 1
			continue
		}
		if j := sh.inprocJob(pid); j != nil {
			sh.signalJob(j, sig)
			continue
		}
		self := pid == sh.proc.self
		if self && sh.proc.catches(int(sig)) {
			// A trapped signal to ourselves is pending at once, as
			// kill(2) of one's own process is, so that its trap runs
			// before the next command.
			sh.proc.sig.post(int(sig))
			continue
		}
		if pid == sh.proc.pid && !self {
			// A background job's child signals its shell ($$): the
			// shell is told first that this one is its own, not an
			// in-process subshell's (see subWait).
			sh.proc.toMain(sig)
		}
		if err := syscall.Kill(pid, sig); err != nil {
			fmt.Fprintf(sh.stderr(), "%s: can't kill pid %s: %s\n", sh.proc.shellName(), t, errText(err))
			st = 1
			continue
		}
		if self && sh.proc.owns && sig != 0 {
			// A fatal signal to ourselves: in C the process dies
			// before kill returns; here the runtime re-raises it from
			// another thread, so give it the moment it takes.
			time.Sleep(100 * time.Millisecond)
		}
	}
	return st
}

// inprocJob finds the in-process job with the given id.
func (sh *shell) inprocJob(pid int) *job {
	if sh.jobs == nil || pid <= 1<<22 {
		return nil
	}
	for _, j := range sh.jobs.list() {
		if j.pid == pid && j.inproc {
			return j
		}
	}
	return nil
}

// signalJob sends sig to a job: to its process group or process, or for
// an in-process job, a cancellation (its applets stop and its pipes
// close) that it ends with as if killed by sig.
func (sh *shell) signalJob(j *job, sig syscall.Signal) {
	if j.inproc {
		if sig == 0 {
			return
		}
		j.mu.Lock()
		j.sig = sig
		j.mu.Unlock()
		if j.cancel != nil {
			j.cancel()
		}
		return
	}
	if j.cmd == nil || j.cmd.Process == nil {
		return
	}
	if sh.proc.jobControl() {
		syscall.Kill(-j.pgid, sig)
	} else {
		syscall.Kill(j.pid, sig)
	}
}

// reportJobs prints finished jobs before a prompt (interactive).
func (sh *shell) reportJobs() {
	if sh.jobs == nil {
		return
	}
	list := sh.jobs.list()
	// Newest first, as ash: each one's mark is taken after the ones
	// before it are gone.
	for i := len(list) - 1; i >= 0; i-- {
		j := list[i]
		j.mu.Lock()
		ch := j.changed && j.state == jobDone
		j.mu.Unlock()
		if ch {
			sh.showJobTo(j)
		}
	}
}

func (sh *shell) showJobTo(j *job) {
	sh.showJob(j, 0)
}

// trappedPending reports whether a trapped signal waits for its trap.
func (sh *shell) trappedPending() bool { return sh.firstPending() > 0 }

func (sh *shell) firstPending() int {
	s := sh.proc.sig
	if !s.any.Load() {
		return 0
	}
	for n := 1; n < 65; n++ {
		if s.pending[n].Load() {
			if _, ok := sh.trapCmd(n); ok {
				return n
			}
		}
	}
	return 0
}

// inherit is a copy's job table: the parent's jobs, which "jobs" in a
// pipeline stage or subshell still lists, as a forked ash's does.
func (t *jobTable) inherit() *jobTable {
	if t == nil {
		return &jobTable{}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.jobs) == 0 {
		return &jobTable{}
	}
	return &jobTable{jobs: append([]*job(nil), t.jobs...), cur: t.cur, prev: t.prev}
}

// quietWords reports whether expanding words has no effect but its
// result: no command or process substitution, no arithmetic (which may
// assign), no ${x=...} or ${x?...}.
func quietWords(words []*syntax.Word) bool {
	var parts func([]syntax.WordPart) bool
	parts = func(ps []syntax.WordPart) bool {
		for _, p := range ps {
			switch p := p.(type) {
			case *syntax.Lit, *syntax.SglQuoted:
			case *syntax.DblQuoted:
				if !parts(p.Parts) {
					return false
				}
			case *syntax.ParamExp:
				if p.Op == syntax.OpAssign || p.Op == syntax.OpError || p.Op == syntax.OpBad || p.Offset != nil {
					return false
				}
				for _, w := range []*syntax.Word{p.Arg, p.Repl} {
					if w != nil && !parts(w.Parts) {
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	for _, w := range words {
		if !parts(w.Parts) {
			return false
		}
	}
	return true
}
