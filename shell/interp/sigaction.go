package interp

import (
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The Go runtime catches every signal and, for many whose default action
// in C ends the process (SIGUSR1, SIGUSR2, SIGALRM, SIGQUIT...), does
// nothing or dumps its stacks instead. A shell's untrapped signals must
// act as in C: "kill -USR1 $$" ends the shell, killed by SIGUSR1. So
// where the shell wants a signal's default action it sets SIG_DFL in the
// kernel itself, and before catching it again (a trap) it puts the
// runtime's handler back, which os/signal would not reinstall.

// kernelSigaction is the kernel's struct sigaction for rt_sigaction on
// linux/amd64 and linux/arm64.
type kernelSigaction struct {
	handler  uintptr
	flags    uint64
	restorer uintptr
	mask     uint64
}

// goAction is the runtime's handler as installed for SIGUSR1, the same
// for every signal it catches; captured before the shell changes any.
var goAction struct {
	once sync.Once
	act  kernelSigaction
	ok   bool
}

func sigaction(sig int, act, old *kernelSigaction) error {
	_, _, e := unix.RawSyscall6(unix.SYS_RT_SIGACTION, uintptr(sig), uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(old)), 8, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

func captureGoAction() {
	goAction.once.Do(func() {
		goAction.ok = sigaction(int(syscall.SIGUSR1), nil, &goAction.act) == nil && goAction.act.handler > 1
	})
}

// fatalDefault reports whether signal n ends a C process by default and
// may be left to the kernel: not those the runtime needs (SIGSEGV and
// the other faults for panics, SIGPROF, SIGURG, SIGPIPE for the EPIPE of
// in-process writers, the real-time signals it uses).
func fatalDefault(n int) bool {
	switch syscall.Signal(n) {
	case syscall.SIGHUP, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGABRT,
		syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGALRM, syscall.SIGTERM,
		syscall.SIGSTKFLT, syscall.SIGXCPU, syscall.SIGXFSZ, syscall.SIGVTALRM,
		syscall.SIGIO, syscall.SIGPWR, syscall.SIGSYS, syscall.SIGTRAP:
		return true
	}
	return false
}

// goIgnores lists the fatal signals the runtime would not end the
// process for: the shell sets them to SIG_DFL at start.
var goIgnores = [...]syscall.Signal{syscall.SIGQUIT, syscall.SIGUSR1, syscall.SIGUSR2,
	syscall.SIGALRM, syscall.SIGSTKFLT, syscall.SIGXCPU, syscall.SIGXFSZ,
	syscall.SIGVTALRM, syscall.SIGIO, syscall.SIGPWR, syscall.SIGSYS, syscall.SIGTRAP, syscall.SIGABRT}

// setKernelDefault gives signal n its C default action; keepIgn leaves
// an ignored signal ignored (one ignored on entry stays so).
func (p *proc) setKernelDefault(n int, keepIgn bool) {
	captureGoAction()
	if !goAction.ok {
		return
	}
	var old kernelSigaction
	if sigaction(n, nil, &old) != nil || keepIgn && old.handler == 1 { // SIG_IGN
		return
	}
	dfl := kernelSigaction{}
	if sigaction(n, &dfl, nil) == nil {
		p.sig.dfl[n] = true
	}
}

// restoreGoHandler puts the runtime's handler back on signal n, which
// setKernelDefault (or an ignore) replaced, before os/signal catches it.
func (p *proc) restoreGoHandler(n int) {
	captureGoAction()
	if goAction.ok && p.sig.dfl[n] {
		a := goAction.act
		sigaction(n, &a, nil)
		p.sig.dfl[n] = false
	}
}

// defaultSignals gives the fatal signals the runtime ignores their C
// default, for a shell that owns its process.
func (p *proc) defaultSignals() {
	captureGoAction()
	for _, s := range goIgnores {
		if !p.sig.ignored[s] {
			p.setKernelDefault(int(s), true)
		}
	}
}

// dieOf ends the process killed by sig, as a C program with the default
// action would be.
func (p *proc) dieOf(sig syscall.Signal) {
	signal.Reset(sig)
	dfl := kernelSigaction{}
	sigaction(int(sig), &dfl, nil)
	syscall.Kill(p.realPID(), sig)
	// Delivered on the way out of kill; should it be blocked in this
	// thread, another thread takes it within moments.
	for {
		time.Sleep(time.Second)
	}
}

// realPID is the process's own PID ($$ of a job's child is its parent's).
func (p *proc) realPID() int { return syscall.Getpid() }

// sigIgnEnv tells a gobox child which signals it was started with
// ignored: the Go runtime replaces an inherited SIG_IGN (but for SIGHUP
// and SIGINT) by its own handler before any of our code runs, so the
// child shell could not know otherwise; POSIX has a shell keep them
// ignored. Only set when the shell ignores a signal, and only for the
// binary itself; the shell removes it from its environment.
const sigIgnEnv = "GOBOX_SIGIGN"

// ignoredList is the signals the process ignores, "10,12", or "".
func (p *proc) ignoredList() string {
	if p.sig == nil || !p.owns {
		return ""
	}
	var b []byte
	p.sig.mu.Lock()
	for n := 1; n < 65; n++ {
		if p.sig.ignored[n] {
			if len(b) > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(n), 10)
		}
	}
	p.sig.mu.Unlock()
	return string(b)
}

// inheritIgnored ignores the signals a gobox parent said it ignored.
func (p *proc) inheritIgnored(list string) {
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 || n >= 65 || n == int(syscall.SIGKILL) || n == int(syscall.SIGSTOP) {
			continue
		}
		signal.Ignore(syscall.Signal(n))
		p.sig.ignored[n] = true
		p.sig.dfl[n] = true
	}
}
