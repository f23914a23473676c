package interp

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Job control (set -m, on in an interactive shell with a terminal): each
// foreground command line's programs share one process group, which the
// terminal is handed to, so that Ctrl-C and Ctrl-Z reach them and not
// the shell; a program stopped by Ctrl-Z becomes a stopped job for fg
// and bg. Programs are made the foreground by the child itself before it
// runs (SysProcAttr.Foreground), so no keystroke can come between.
//
// In-process commands (builtins, and in a pipeline or subshell the
// applets) are the shell: Ctrl-C cancels them, Ctrl-Z cannot stop them
// and is ignored for them. A lone foreground applet therefore runs as a
// child process under job control, where it can be stopped like any
// program.

// fgGroup is the process group of one foreground command line: the
// first program started leads it, the others join it.
type fgGroup struct {
	mu   sync.Mutex
	pgid int
	intr bool // a program of it died of SIGINT
}

// firstInterrupt reports whether this is the first program of the group
// to die of SIGINT (true without a group).
func (g *fgGroup) firstInterrupt() bool {
	if g == nil {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	first := !g.intr
	g.intr = true
	return first
}

// startJobControl turns job control on in the shell's process.
func (p *proc) startJobControl(ttyFd int) {
	p.ttyFd = ttyFd
	if syscall.Getpgrp() != p.pid {
		syscall.Setpgid(0, 0)
	}
	p.pgid = p.pid
	// Caught, not ignored: a program the shell starts gets the default
	// action back at exec (an ignored signal would stay ignored, and
	// Ctrl-Z would not stop it). The shell itself drops them.
	if !p.jobSigs {
		p.jobSigs = true
		drop := make(chan os.Signal, 4)
		signal.Notify(drop, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU)
		go func() {
			for range drop {
			}
		}()
	}
	p.setForeground(p.pgid)
	p.monitor = true
}

// setForeground makes pgid the terminal's foreground process group. The
// shell may be in the background when it takes the terminal back, which
// sends it SIGTTOU unless the signal is blocked: it is, in this thread,
// for the call.
func (p *proc) setForeground(pgid int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var set, old unix.Sigset_t
	n := uint(syscall.SIGTTOU) - 1
	set.Val[n/64] |= 1 << (n % 64)
	unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old)
	unix.IoctlSetPointerInt(p.ttyFd, unix.TIOCSPGRP, pgid)
	unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)
}

// joinGroup sets up cmd, about to start in the foreground under job
// control, to lead or join its command line's process group; done
// records the leader once it has started.
func (sh *shell) joinGroup(cmd *exec.Cmd) (done func()) {
	g := sh.group
	if !sh.proc.monitor || g == nil {
		return func() {}
	}
	g.mu.Lock()
	if g.pgid != 0 && syscall.Kill(-g.pgid, 0) == syscall.ESRCH {
		// The group's programs have all ended and been reaped (an
		// earlier stage that finished first): a new group leads.
		g.pgid = 0
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	a := cmd.SysProcAttr
	a.Setpgid = true
	a.Pgid = g.pgid
	if g.pgid == 0 {
		// The leader puts its group in the foreground itself.
		a.Foreground = true
		a.Ctty = sh.proc.ttyFd
	}
	return func() {
		if g.pgid == 0 && cmd.Process != nil {
			g.pgid = cmd.Process.Pid
		}
		g.mu.Unlock()
	}
}

// foregroundLine runs one command line of an interactive shell under job
// control: its programs form a group that has the terminal until the
// line is done.
func (sh *shell) foregroundLine(run func()) {
	if !sh.proc.monitor || sh.subshell {
		run()
		return
	}
	old := sh.group
	sh.group = &fgGroup{}
	run()
	if sh.group.pgid != 0 {
		sh.proc.setForeground(sh.proc.pgid)
	}
	sh.group = old
}

// waitStoppable waits for a foreground child under job control: it
// returns when the child ends (status) or stops (a new stopped job,
// status 128+signal, as ash).
func (sh *shell) waitStoppable(cmd *exec.Cmd, text string) (int, bool) {
	if !sh.proc.monitor || sh.subshell || cmd.Process == nil {
		return 0, false
	}
	pid := cmd.Process.Pid
	for {
		var si unix.Siginfo
		err := unix.Waitid(unix.P_PID, pid, &si, unix.WEXITED|unix.WSTOPPED|unix.WNOWAIT, nil)
		if err == unix.EINTR {
			continue
		}
		if err != nil || si.Code != cldStopped {
			return 0, false // ended: cmd.Wait reaps it
		}
		// Consume the stop, so that the next wait sees what follows.
		unix.Waitid(unix.P_PID, pid, &si, unix.WSTOPPED|unix.WNOHANG, nil)
		sig := syscall.Signal(siginfoStatus(&si))
		j := &job{pid: pid, pgid: pid, cmd: cmd, text: text, done: make(chan struct{}), state: jobStopped, sig: sig}
		if sh.group != nil && sh.group.pgid != 0 {
			j.pgid = sh.group.pgid
		}
		go func() {
			err := cmd.Wait()
			status, sig := waitStatus(cmd.ProcessState, err)
			j.finish(status, sig)
		}()
		sh.jobs.add(j)
		sh.lastStopped(j)
		return 128 + int(sig), true
	}
}

// waitJobStoppable waits for a job brought to the foreground by fg: its
// end, or its stop again.
func (sh *shell) waitJobStoppable(j *job) int {
	if j.cmd == nil || j.cmd.Process == nil {
		st, _ := sh.waitJob(j)
		return st
	}
	pid := j.cmd.Process.Pid
	for {
		var si unix.Siginfo
		err := unix.Waitid(unix.P_PID, pid, &si, unix.WEXITED|unix.WSTOPPED|unix.WNOWAIT, nil)
		if err == unix.EINTR {
			continue
		}
		if err == nil && si.Code == cldStopped {
			unix.Waitid(unix.P_PID, pid, &si, unix.WSTOPPED|unix.WNOHANG, nil)
			sig := syscall.Signal(siginfoStatus(&si))
			j.mu.Lock()
			j.state, j.sig = jobStopped, sig
			j.mu.Unlock()
			sh.lastStopped(j)
			return 128 + int(sig)
		}
		st, _ := sh.waitJob(j)
		sh.jobs.remove(j)
		return st
	}
}

// lastStopped makes j the current job and says it stopped, as ash does
// right after the ^Z the terminal echoed.
func (sh *shell) lastStopped(j *job) {
	t := sh.jobs
	t.mu.Lock()
	if t.cur != j {
		t.prev = t.cur
		t.cur = j
	}
	t.mu.Unlock()
	var b = fmt.Sprintf("[%d]+  ", j.id)
	b += j.statusText()
	pad := 33 - len(b)
	if pad < 1 {
		pad = 1
	}
	io.WriteString(sh.stderr(), b+fmt.Sprintf("%*s", pad, "")+j.text+"\n")
}

const cldStopped = 5 // CLD_STOPPED

// siginfoStatus is si_status of a SIGCHLD siginfo (the signal of a stop).
func siginfoStatus(si *unix.Siginfo) int {
	// si_pid, si_uid, si_status follow the three ints of the header.
	b := (*[128]byte)(unsafe.Pointer(si))
	return int(*(*int32)(unsafe.Pointer(&b[24])))
}

// subWait is an in-process subshell (a copy) waiting for a program it
// started. In ash the subshell is a process of its own, and a signal
// sent to it ("kill $PPID" from that program) acts on it, not on the
// shell: its traps were reset, so a fatal signal kills the subshell
// alone and an ignored one is ignored. A copy shares the shell's PID, so
// a signal that comes while it waits for its program is taken as the
// subshell's: when the copy does not trap it, it ends the copy (status
// 128+N, the signal's name printed as for a killed child) and the
// shell's own trap does not run. A copy that traps the signal leaves it
// to the shell, as does a copy running builtins only.
type subWait struct {
	sh     *shell
	killed chan int
}

// take decides whether signal n is the waiting subshell's.
func (w *subWait) take(n int) bool {
	a, trapped := w.sh.trapCmd(n)
	if trapped && a != "" {
		return false
	}
	if !trapped && fatalDefault(n) {
		select {
		case w.killed <- n:
		default:
		}
	}
	return true
}

// waitInSubshell waits for cmd in an in-process subshell that owns the
// foreground: (status, true) when a signal killed the subshell first.
func (sh *shell) waitInSubshell(cmd *exec.Cmd) (int, bool) {
	if !sh.subshell || !sh.proc.owns || sh.proc.sig == nil {
		return 0, false
	}
	w := &subWait{sh: sh, killed: make(chan int, 1)}
	if !sh.proc.sig.fgSub.CompareAndSwap(nil, w) {
		return 0, false // pipeline stages: no one subshell to blame
	}
	done := make(chan struct{})
	go func() {
		cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
		// What the program sent before it ended is the subshell's.
		sh.proc.flush()
		sh.proc.sig.fgSub.Store(nil)
		select {
		case n := <-w.killed:
			io.WriteString(sh.stderr(), signalText(syscall.Signal(n))+"\n")
			sh.exit(128 + n)
			return 128 + n, true
		default:
		}
		return 0, false
	case n := <-w.killed:
		sh.proc.sig.fgSub.Store(nil)
		// The subshell dies; its program goes on alone (reaped by the
		// goroutine above).
		io.WriteString(sh.stderr(), signalText(syscall.Signal(n))+"\n")
		sh.exit(128 + n)
		return 128 + n, true
	}
}

// mainCtl returns the write end of the pipe background jobs' children
// use to tell the shell a signal is for it (nil if it cannot be made).
func (p *proc) mainCtl() *os.File {
	p.mainCtlOnce.Do(func() {
		var fds [2]int
		if unix.Pipe2(fds[:], unix.O_CLOEXEC|unix.O_NONBLOCK) != nil {
			p.mainCtlR = -1
			return
		}
		p.mainCtlR = fds[0]
		p.mainCtlW = os.NewFile(uintptr(fds[1]), "job-ctl")
	})
	return p.mainCtlW
}

// toMain, in a background job's child, says that the next signal sig
// it sends to $$ is for the shell itself.
func (p *proc) toMain(sig syscall.Signal) {
	if p.mainCtlW != nil && sig > 0 && sig < 65 {
		p.mainCtlW.Write([]byte{byte(sig)})
	}
}

// forShell reports whether signal n was announced on the control pipe as
// the shell's own (the announcement is written before the kill, so it is
// there to read).
func (p *proc) forShell(n int) bool {
	if p.mainCtlR > 0 {
		var b [64]byte
		for {
			m, err := unix.Read(p.mainCtlR, b[:])
			if m <= 0 || err != nil {
				break
			}
			for _, c := range b[:m] {
				if c < 65 {
					p.forMain[c]++
				}
			}
		}
	}
	if p.forMain[n] > 0 {
		p.forMain[n]--
		return true
	}
	return false
}
