package interp

import (
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Trap numbers: 0 is EXIT, 1..64 the signals, trapERR the ERR trap.
const (
	trapERR = 65
	nTraps  = 66
)

// traps is a shell's trap table.
type traps struct {
	cmd [nTraps]*string // nil: default; "": ignored
	// shown is the parent's table, which "trap" in a subshell still
	// lists until the subshell sets a trap of its own (as ash does).
	shown *traps
}

// forSubshell returns the table of an in-process copy: traps reset to
// the default, ignored signals stay ignored.
func (t *traps) forSubshell() *traps {
	if t == nil {
		return nil
	}
	n := &traps{}
	any := false
	for i, c := range t.cmd {
		if c != nil {
			any = true
			if *c == "" {
				n.cmd[i] = c
			}
		}
	}
	if !any {
		return nil
	}
	return n
}

// signals are the signal names, by number, as kill -l lists them.
var signalNames = [...]string{
	1: "HUP", 2: "INT", 3: "QUIT", 4: "ILL", 5: "TRAP", 6: "ABRT", 7: "BUS", 8: "FPE",
	9: "KILL", 10: "USR1", 11: "SEGV", 12: "USR2", 13: "PIPE", 14: "ALRM", 15: "TERM",
	16: "STKFLT", 17: "CHLD", 18: "CONT", 19: "STOP", 20: "TSTP", 21: "TTIN", 22: "TTOU",
	23: "URG", 24: "XCPU", 25: "XFSZ", 26: "VTALRM", 27: "PROF", 28: "WINCH", 29: "POLL",
	30: "PWR", 31: "SYS", 34: "RTMIN", 64: "RTMAX",
}

// signalDescr are musl's strsignal texts.
var signalDescr = [...]string{
	1: "Hangup", 2: "Interrupt", 3: "Quit", 4: "Illegal instruction", 5: "Trace/breakpoint trap",
	6: "Aborted", 7: "Bus error", 8: "Floating point exception", 9: "Killed",
	10: "User defined signal 1", 11: "Segmentation fault", 12: "User defined signal 2",
	13: "Broken pipe", 14: "Alarm clock", 15: "Terminated", 16: "Stack fault",
	17: "Child process status", 18: "Continued", 19: "Stopped (signal)", 20: "Stopped",
	21: "Stopped (tty input)", 22: "Stopped (tty output)", 23: "Urgent I/O condition",
	24: "CPU time limit exceeded", 25: "File size limit exceeded", 26: "Virtual timer expired",
	27: "Profiling timer expired", 28: "Window changed", 29: "I/O possible",
	30: "Power failure", 31: "Bad system call",
}

// signalText is strsignal(sig).
func signalText(sig syscall.Signal) string {
	n := int(sig)
	if n > 0 && n < len(signalDescr) && signalDescr[n] != "" {
		return signalDescr[n]
	}
	if n >= 34 && n <= 64 {
		return "Real-time signal " + strconv.Itoa(n-34)
	}
	return "Unknown signal " + strconv.Itoa(n)
}

// signalName is the name of signal n ("HUP"), or its number.
func signalName(n int) string {
	if n == 0 {
		return "EXIT"
	}
	if n > 0 && n < len(signalNames) && signalNames[n] != "" {
		return signalNames[n]
	}
	if n > 34 && n < 64 {
		return "RTMIN+" + strconv.Itoa(n-34)
	}
	return strconv.Itoa(n)
}

// signalNumber parses a signal name or number ("INT", "SIGINT", "2",
// "EXIT"); -1 when it is none.
func signalNumber(s string) int {
	if s == "" {
		return -1
	}
	if s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.Atoi(s)
		if err != nil || n > 64 {
			return -1
		}
		return n
	}
	u := strings.ToUpper(s)
	u = strings.TrimPrefix(u, "SIG")
	if u == "EXIT" {
		return 0
	}
	if u == "CLD" {
		return 17
	}
	if u == "IOT" {
		return 6
	}
	if u == "IO" {
		return 29
	}
	for i, n := range signalNames {
		if n != "" && n == u {
			return i
		}
	}
	if rest, ok := strings.CutPrefix(u, "RTMIN+"); ok {
		if n, err := strconv.Atoi(rest); err == nil && 34+n <= 64 {
			return 34 + n
		}
	}
	if rest, ok := strings.CutPrefix(u, "RTMAX-"); ok {
		if n, err := strconv.Atoi(rest); err == nil && 64-n >= 34 {
			return 64 - n
		}
	}
	return -1
}

// sigState is the process's signal handling, shared by all copies: the
// signals the shell has asked for and which have arrived.
type sigState struct {
	mu      sync.Mutex
	ch      chan os.Signal
	pending [65]atomic.Bool
	any     atomic.Bool
	notify  chan int // wakes a waiting "wait"
	caught  [65]bool
	ignored [65]bool // SIG_IGN: inherited by children
	dfl     [65]bool // set to SIG_DFL or SIG_IGN by the shell, not the runtime's
	// fgSub is an in-process subshell waiting for a program it ran (see
	// subWait): a signal that comes meanwhile is taken as its.
	fgSub atomic.Pointer[subWait]
	// flushed answers the marker signal flush sends itself.
	flushed   chan struct{}
	flushOnce sync.Once
}

func newSigState(p *proc) *sigState {
	s := &sigState{ch: make(chan os.Signal, 16), notify: make(chan int, 1), flushed: make(chan struct{}, 1)}
	go func() {
		for sig := range s.ch {
			n := int(sig.(syscall.Signal))
			if n == markerSig {
				select {
				case s.flushed <- struct{}{}:
				default:
				}
				continue
			}
			if n > 0 && n < 65 {
				mine := p.forShell(n)
				if w := s.fgSub.Load(); w != nil && !mine && w.take(n) {
					continue
				}
				s.pending[n].Store(true)
				s.any.Store(true)
				select {
				case s.notify <- n:
				default:
				}
			}
		}
	}()
	return s
}

// setDisposition makes the process catch, ignore or default signal n.
func (p *proc) setDisposition(n int, cmd *string) {
	if !p.owns || n <= 0 || n >= 65 {
		return
	}
	sig := syscall.Signal(n)
	if n == int(syscall.SIGKILL) || n == int(syscall.SIGSTOP) {
		return
	}
	s := p.sig
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignored[n] = cmd != nil && *cmd == ""
	switch {
	case cmd == nil:
		if p.keepCaught(n) {
			return
		}
		signal.Reset(sig)
		s.caught[n] = false
		if sig == syscall.SIGPIPE {
			// The runtime's handler, which lets in-process writers
			// see EPIPE.
			p.restoreGoHandler(n)
		} else if fatalDefault(n) {
			p.setKernelDefault(n, false)
		}
	case *cmd == "":
		signal.Ignore(sig)
		s.caught[n] = false
		s.dfl[n] = true
		if fatalDefault(n) {
			// os/signal cannot ignore some (SIGSYS): the kernel can.
			ign := kernelSigaction{handler: 1}
			sigaction(n, &ign, nil)
		}
	default:
		p.restoreGoHandler(n)
		s.caught[n] = true
		if sig == syscall.SIGPIPE {
			// Never caught from the kernel: it sends SIGPIPE for the
			// EPIPE of every in-process pipeline stage, which is no
			// signal to the shell. The trap runs for the shell's own
			// writes (builtins) and "kill -PIPE $$".
			signal.Reset(sig)
			return
		}
		signal.Notify(s.ch, sig)
	}
}

// keepCaught reports whether the shell itself needs signal n caught
// even without a trap (an interactive shell's SIGINT, job control's).
func (p *proc) keepCaught(n int) bool {
	if !p.interactive {
		return false
	}
	switch syscall.Signal(n) {
	case syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGTSTP, syscall.SIGTTIN, syscall.SIGTTOU:
		return true
	}
	return false
}

func biTrap(sh *shell, args []string) int {
	_, _, rest, ok := sh.getopt(args[1:], "")
	if !ok {
		return 2
	}
	if len(rest) == 0 {
		sh.listTraps()
		return 0
	}
	var action *string
	if len(rest) > 1 && !isNumber(rest[0]) {
		a := rest[0]
		rest = rest[1:]
		if a != "-" {
			action = &a
		}
	}
	st := 0
	for _, s := range rest {
		n := trapERR
		if s != "ERR" {
			n = signalNumber(s)
		}
		if n < 0 {
			sh.errorf("%s: invalid signal specification", s)
			st = 1
			continue
		}
		sh.setTrap(n, action)
	}
	return st
}

func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// setTrap sets or clears trap n.
func (sh *shell) setTrap(n int, action *string) {
	t := sh.traps
	if t == nil {
		t = &traps{}
	} else {
		c := *t
		t = &c
	}
	t.shown = nil
	t.cmd[n] = action
	sh.traps = t
	if !sh.subshell && n > 0 && n < 65 {
		sh.proc.setDisposition(n, action)
	}
}

// listTraps prints the traps as "trap -- 'cmd' NAME".
func (sh *shell) listTraps() {
	t := sh.traps
	if t == nil {
		return
	}
	if t.shown != nil {
		t = t.shown
	}
	var b strings.Builder
	for i, c := range t.cmd {
		if c == nil {
			continue
		}
		name := signalName(i)
		if i == trapERR {
			name = "ERR"
		}
		b.WriteString("trap -- " + singleQuote(*c) + " " + name + "\n")
	}
	sh.out(b.String())
}

// trapCmd returns the action of trap n, if one is set.
func (sh *shell) trapCmd(n int) (string, bool) {
	if sh.traps == nil || sh.traps.cmd[n] == nil {
		return "", false
	}
	return *sh.traps.cmd[n], true
}

// runTrap runs a trap's action with $? kept as it was.
func (sh *shell) runTrap(action string) {
	if action == "" {
		return
	}
	saved := sh.status
	oldTrap, oldLast := sh.inTrap, sh.lastStatus
	// A break or continue pending when the trap comes waits for it.
	oldCtl, oldN := sh.ctl, sh.ctlN
	sh.ctl = ctlNone
	sh.inTrap = true
	sh.lastStatus = saved
	sh.evalString(action, "trap")
	sh.inTrap, sh.lastStatus = oldTrap, oldLast
	if sh.ctl == ctlNone {
		sh.status = saved
		sh.ctl, sh.ctlN = oldCtl, oldN
	}
}

// runPendingTraps runs the traps of the signals that arrived.
func (sh *shell) runPendingTraps() {
	s := sh.proc.sig
	// A trap may run inside another's action (ash checks for pending
	// signals after every command, in a trap too).
	if s == nil || !s.any.Load() || sh.subshell {
		return
	}
	s.any.Store(false)
	for n := 1; n < 65; n++ {
		if s.pending[n].Swap(false) {
			if a, ok := sh.trapCmd(n); ok {
				sh.runTrap(a)
			}
		}
	}
}

// errTrap runs the ERR trap after a failed command.
func (sh *shell) errTrap() {
	if sh.inTrap {
		return
	}
	if a, ok := sh.trapCmd(trapERR); ok && a != "" {
		sh.runTrap(a)
	}
}

// runExitTrap runs the EXIT trap once, when the shell (or copy) ends.
func (sh *shell) runExitTrap() {
	a, ok := sh.trapCmd(0)
	if !ok {
		return
	}
	sh.setTrap(0, nil)
	if a == "" {
		return
	}
	st := sh.status
	if sh.ctl.ending() {
		st = sh.exitCode
	}
	sh.ctl = ctlNone
	sh.status = st
	sh.inTrap = true
	sh.lastStatus = st
	sh.evalString(a, "trap")
	sh.inTrap = false
	if sh.ctl.ending() {
		return
	}
	sh.status = st
}

// catches reports whether the shell has a handler for signal n.
func (p *proc) catches(n int) bool {
	if p.sig == nil || n <= 0 || n >= 65 {
		return false
	}
	p.sig.mu.Lock()
	defer p.sig.mu.Unlock()
	return p.sig.caught[n]
}

// post marks signal n as arrived.
func (s *sigState) post(n int) {
	s.pending[n].Store(true)
	s.any.Store(true)
	select {
	case s.notify <- n:
	default:
	}
}

// markerSig is the real-time signal flush sends the process: real-time
// signals come after the standard ones pending with them, so when it is
// seen, a signal sent before it has been seen too.
const markerSig = 40

// flush returns once every signal sent to the process before the call
// has reached the shell (a trap pending, or a subshell's): a program that
// signalled the shell and then ended has its signal handled before the
// shell goes on, as a C shell's would be.
func (p *proc) flush() {
	if !p.owns || p.sig == nil {
		return
	}
	s := p.sig
	s.flushOnce.Do(func() { signal.Notify(s.ch, syscall.Signal(markerSig)) })
	for len(s.flushed) > 0 {
		<-s.flushed
	}
	syscall.Kill(p.self, syscall.Signal(markerSig))
	select {
	case <-s.flushed:
	case <-time.After(time.Second): // never expected; no hang if it is lost
	}
}

// anyCaught reports whether some signal has a trap.
func (p *proc) anyCaught() bool {
	if !p.owns || p.sig == nil {
		return false
	}
	p.sig.mu.Lock()
	defer p.sig.mu.Unlock()
	for _, c := range p.sig.caught {
		if c {
			return true
		}
	}
	return false
}
