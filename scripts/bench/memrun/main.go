// Command memrun runs one command and reports what it cost: its peak
// resident memory (VmHWM of /proc/PID/status), the peaks of its private
// and anonymous memory (/proc/PID/smaps_rollup), wall time and user+sys
// CPU time. It is the measuring half of scripts/bench/mem.sh.
//
//	memrun [-root DIR] [-dir DIR] [-in FILE] [-out FILE] [-until TEXT] [-timeout D] -- CMD [ARG]...
//
// It prints one line of key=value pairs (memory in KB, times in seconds):
//
//	status=0 hwm=1400 private=52 anon=52 rumaxrss=2484 wall=0.0012 user=0.0005 sys=0.0007 samples=1 traced=true
//
// Memory is sampled while the command runs and read once more at its exit:
// memrun traces it with ptrace and stops it there, before the kernel
// frees its memory, so even a run of a millisecond (true) gets a reading.
// Where ptrace is refused, memrun samples only.
//
// The peak is not wait4's ru_maxrss (rumaxrss, GNU time's %M): the kernel
// folds into it the memory the child had before exec, its parent's
// (memrun's, or time's), which hides the peak of a small program.
//
// With -root the command runs chrooted into DIR: memrun chroots in the
// child, so no chroot binary's memory is counted. With -until memrun
// reads the command's stdout and ends the command with SIGTERM once TEXT
// has appeared (tail -f); its status is then reported as 0. With -timeout
// a command still running after D is killed, status 124.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	root := flag.String("root", "", "chroot into `DIR` before exec")
	dir := flag.String("dir", "", "working directory (inside -root)")
	in := flag.String("in", "", "stdin from `FILE` (default: memrun's own)")
	out := flag.String("out", "/dev/null", "stdout to `FILE`")
	until := flag.String("until", "", "end the command with SIGTERM once `TEXT` appears on its stdout")
	every := flag.Duration("every", 2*time.Millisecond, "sampling interval")
	timeout := flag.Duration("timeout", 0, "kill the command after `D` (status 124); 0: never")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: memrun [-root DIR] [-dir DIR] [-in FILE] [-out FILE] [-until TEXT] -- CMD [ARG]...")
		os.Exit(2)
	}
	r, err := measure(job{
		argv: flag.Args(), root: *root, dir: *dir, in: *in, out: *out,
		until: *until, every: *every, timeout: *timeout, trace: true,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "memrun:", err)
		os.Exit(1)
	}
	fmt.Println(r)
}

// job is one command to measure.
type job struct {
	argv      []string
	root, dir string
	in, out   string // file names; "" means memrun's own stdin
	until     string
	every     time.Duration
	timeout   time.Duration // a bound against a command that never ends
	trace     bool          // read memory at exit through ptrace
}

// result is what one run cost.
type result struct {
	status          int
	mem             mem   // peaks, KB
	ruMaxRSS        int64 // KB, wait4's ru_maxrss
	wall, user, sys time.Duration
	samples         int
	traced          bool // the exit reading was taken
}

func (r result) String() string {
	return fmt.Sprintf("status=%d hwm=%d private=%d anon=%d rumaxrss=%d wall=%.4f user=%.4f sys=%.4f samples=%d traced=%t",
		r.status, r.mem.hwm, r.mem.privateDirty, r.mem.anon, r.ruMaxRSS,
		r.wall.Seconds(), r.user.Seconds(), r.sys.Seconds(), r.samples, r.traced)
}

// mem is one reading of a process's memory, in KB.
type mem struct {
	hwm          int64 // VmHWM: peak resident set of the running program
	privateDirty int64 // Private_Dirty
	anon         int64 // Anonymous
}

// max keeps the larger of each field.
func (m *mem) max(o mem) {
	m.hwm = max(m.hwm, o.hwm)
	m.privateDirty = max(m.privateDirty, o.privateDirty)
	m.anon = max(m.anon, o.anon)
}

// fields reads "Name:   N kB" lines of /proc files into the named
// destinations; every name must be present.
func fields(b []byte, want map[string]*int64) error {
	found := 0
	for line := range bytes.Lines(b) {
		name, rest, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		p := want[string(name)]
		if p == nil {
			continue
		}
		f := strings.Fields(string(rest))
		if len(f) != 2 || f[1] != "kB" {
			return fmt.Errorf("bad line %q", line)
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return fmt.Errorf("bad line %q", line)
		}
		*p = n
		found++
	}
	if found != len(want) {
		return errors.New("missing fields")
	}
	return nil
}

// parse reads /proc/PID/status and /proc/PID/smaps_rollup. Anonymous is
// the memory the process alone needs (heap, stacks, written data);
// Private_Dirty adds the binary's own mapped pages while they are dirty in
// the page cache (a binary just copied), so it is reported but not ranked.
func parse(status, rollup []byte) (mem, error) {
	var m mem
	if err := fields(status, map[string]*int64{"VmHWM": &m.hwm}); err != nil {
		return m, fmt.Errorf("status: %w", err)
	}
	err := fields(rollup, map[string]*int64{"Private_Dirty": &m.privateDirty, "Anonymous": &m.anon})
	if err != nil {
		return m, fmt.Errorf("smaps_rollup: %w", err)
	}
	return m, nil
}

// sample reads pid's memory; false once the process is gone.
func sample(pid int) (mem, bool) {
	dir := "/proc/" + strconv.Itoa(pid) + "/"
	status, err := os.ReadFile(dir + "status")
	if err != nil {
		return mem{}, false
	}
	rollup, err := os.ReadFile(dir + "smaps_rollup")
	if err != nil {
		return mem{}, false
	}
	m, err := parse(status, rollup)
	return m, err == nil
}

func openFiles(j job) (files []*os.File, closeAll func(), err error) {
	var opened []*os.File
	closeAll = func() {
		for _, f := range opened {
			f.Close()
		}
	}
	stdin := os.Stdin
	if j.in != "" {
		if stdin, err = os.Open(j.in); err != nil {
			return nil, closeAll, err
		}
		opened = append(opened, stdin)
	}
	stdout, err := os.OpenFile(j.out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		closeAll()
		return nil, closeAll, err
	}
	opened = append(opened, stdout)
	return []*os.File{stdin, stdout, os.Stderr}, closeAll, nil
}

// measure runs j and collects its costs.
func measure(j job) (result, error) {
	var r result
	files, closeAll, err := openFiles(j)
	defer closeAll()
	if err != nil {
		return r, err
	}
	var watch *os.File // read end of the command's stdout, with -until
	if j.until != "" {
		pr, pw, err := os.Pipe()
		if err != nil {
			return r, err
		}
		defer pr.Close()
		watch, files[1] = pr, pw
		defer pw.Close()
	}
	argv0 := j.argv[0]
	if j.root == "" && !strings.Contains(argv0, "/") {
		if argv0, err = exec.LookPath(argv0); err != nil {
			return r, err
		}
	}

	// ptrace requests must come from the thread that started the child.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	attr := &syscall.ProcAttr{
		Dir:   j.dir,
		Env:   os.Environ(),
		Files: []uintptr{files[0].Fd(), files[1].Fd(), files[2].Fd()},
		Sys:   &syscall.SysProcAttr{Chroot: j.root, Ptrace: j.trace},
	}
	start := time.Now()
	pid, err := syscall.ForkExec(argv0, j.argv, attr)
	if err != nil && j.trace {
		// No ptrace here (a container's seccomp policy): sample only.
		j.trace = false
		attr.Sys.Ptrace = false
		start = time.Now()
		pid, err = syscall.ForkExec(argv0, j.argv, attr)
	}
	if err != nil {
		return r, fmt.Errorf("%s: %w", j.argv[0], err)
	}
	if watch != nil {
		files[1].Close()
	}

	var (
		mu      sync.Mutex
		peak    mem
		samples int
		done    = make(chan struct{})
		wg      sync.WaitGroup
	)
	record := func(s mem) {
		mu.Lock()
		peak.max(s)
		samples++
		mu.Unlock()
	}
	wg.Add(1)
	go func() { // sampler
		defer wg.Done()
		t := time.NewTicker(j.every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if s, ok := sample(pid); ok {
					record(s)
				}
			}
		}
	}()
	var ended, timedOut bool // ended on -until, or by -timeout
	stopTimer := func() bool { return false }
	if j.timeout > 0 {
		stopTimer = time.AfterFunc(j.timeout, func() {
			mu.Lock()
			timedOut = true
			mu.Unlock()
			syscall.Kill(pid, syscall.SIGKILL)
		}).Stop
	}
	if watch != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if seen(watch, j.until) {
				mu.Lock()
				ended = true
				mu.Unlock()
				syscall.Kill(pid, syscall.SIGTERM)
			}
			io.Copy(io.Discard, watch)
		}()
	}

	var ws syscall.WaitStatus
	var ru syscall.Rusage
	for {
		if _, err := syscall.Wait4(pid, &ws, syscall.WALL, &ru); err != nil {
			if err == syscall.EINTR {
				continue
			}
			return r, err
		}
		if ws.Exited() || ws.Signaled() {
			break
		}
		if !ws.Stopped() {
			continue
		}
		sig := ws.StopSignal()
		switch {
		case sig == syscall.SIGTRAP && ws.TrapCause() == syscall.PTRACE_EVENT_EXIT:
			// Stopped at exit, its memory still mapped.
			if s, ok := sample(pid); ok {
				record(s)
				r.traced = true
			}
			sig = 0
		case sig == syscall.SIGTRAP:
			// The stop after exec: ask for the exit stop; only the
			// main thread is traced.
			syscall.PtraceSetOptions(pid, syscall.PTRACE_O_TRACEEXIT|0x100000 /* PTRACE_O_EXITKILL */)
			sig = 0
		}
		syscall.PtraceCont(pid, int(sig))
	}
	r.wall = time.Since(start)
	stopTimer() // before the pid can be reused
	close(done)
	wg.Wait()

	r.ruMaxRSS = ru.Maxrss
	r.user = time.Duration(ru.Utime.Nano())
	r.sys = time.Duration(ru.Stime.Nano())
	r.mem, r.samples = peak, samples
	mu.Lock()
	defer mu.Unlock()
	switch {
	case timedOut:
		r.status = 124
	case ended:
		r.status = 0
	case ws.Exited():
		r.status = ws.ExitStatus()
	default:
		r.status = 128 + int(ws.Signal())
	}
	return r, nil
}

// seen reads r until text appears in it.
func seen(r io.Reader, text string) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if strings.Contains(sc.Text(), text) {
			return true
		}
	}
	return false
}
