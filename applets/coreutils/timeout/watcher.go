package timeout

import (
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// BusyBox's timeout forks twice and execs PROG: the grandchild, in a
// session of its own with its standard streams on /dev/null, sleeps and
// then signals the PID that became PROG, and the child between them
// exits at once so that the watcher is nobody's child (init's): PROG has
// no unexpected child to reap, and the caller keeps its direct link to
// PROG ("tcpsvd ... timeout PROG" still has PROG as its child).
//
// Go cannot fork without exec, so gobox does the same with two re-execs
// of its own binary, as BusyBox itself does on NOMMU systems (its hidden
// "-p PID"): "timeout spawnArg ARGS" is the intermediate child, which
// starts "timeout watchArg ARGS" and exits; ARGS are PROG's PID, the
// signal, and the two durations in nanoseconds. The intermediate child
// acts only for its own parent, and hands the watcher a pidfd of it as
// descriptor 3. The markers are taken only by a timeout that owns its
// process.
const (
	spawnArg = "--gobox-timeout-spawn"
	watchArg = "--gobox-timeout-watch"
)

// selfExe is the running gobox binary, whatever its name and links.
const selfExe = "/proc/self/exe"

// startWatcher starts a watcher of process pid and waits until the
// intermediate child has exited, as BusyBox waits for its vfork child.
// An error means no watcher runs (no /proc to find gobox, say).
func startWatcher(pid, sig int, limit, kill time.Duration) error {
	args := []string{"timeout", spawnArg, strconv.Itoa(pid), strconv.Itoa(sig),
		strconv.FormatInt(int64(limit), 10), strconv.FormatInt(int64(kill), 10)}
	p, err := startSelf(args, &syscall.SysProcAttr{Setsid: true}, nil)
	if err != nil {
		return err
	}
	st, err := p.Wait()
	if err != nil {
		return err
	}
	if !st.Success() {
		return errors.New("watcher: " + st.String())
	}
	return nil
}

// startSelf starts gobox with args, in "/" (so that the watcher keeps no
// directory busy), an empty environment, /dev/null as its standard
// streams (so that it holds no pipe of PROG's open) and extra as its
// descriptor 3 if not nil.
func startSelf(args []string, sys *syscall.SysProcAttr, extra *os.File) (*os.Process, error) {
	files := make([]*os.File, 3, 4)
	if null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0); err == nil {
		defer null.Close()
		files = []*os.File{null, null, null}
	}
	if extra != nil {
		files = append(files, extra)
	}
	return os.StartProcess(selfExe, args, &os.ProcAttr{Dir: "/", Env: []string{}, Files: files, Sys: sys})
}

// watcherMain runs the intermediate child or the watcher.
func watcherMain(args []string) error {
	if len(args) != 5 {
		return applet.Usage("")
	}
	pid, err1 := strconv.Atoi(args[1])
	sig, err2 := strconv.Atoi(args[2])
	limit, err3 := strconv.ParseInt(args[3], 10, 64)
	kill, err4 := strconv.ParseInt(args[4], 10, 64)
	if err := errors.Join(err1, err2, err3, err4); err != nil || pid <= 0 {
		return applet.Usage("")
	}
	if args[0] == spawnArg {
		return spawnWatcher(pid, args[1:])
	}
	// Without a pidfd (an old kernel), watch by PID, as BusyBox does.
	watch(inheritedPidfd(pid), pid, syscall.Signal(sig), time.Duration(limit), time.Duration(kill))
	return nil
}

// spawnWatcher is the intermediate child: it starts the watcher with a
// pidfd of pid, which must be its parent (the timeout that is becoming
// PROG: anything else is a mistaken invocation), and exits.
func spawnWatcher(pid int, args []string) error {
	var extra *os.File
	if fd, err := unix.PidfdOpen(pid, 0); err == nil {
		extra = os.NewFile(uintptr(fd), "pidfd")
		defer extra.Close()
	}
	// Checked after the pidfd is open: it is then PROG's for sure.
	if os.Getppid() != pid {
		return applet.Usage("")
	}
	// Descriptors this process inherited from PROG's side (beyond the
	// /dev/null streams) must not live on in the watcher.
	unix.CloseRange(3, math.MaxUint32, unix.CLOSE_RANGE_CLOEXEC)
	if _, err := startSelf(append([]string{"timeout", watchArg}, args...), nil, extra); err != nil {
		return applet.Exit(1)
	}
	return nil
}

// inheritedPidfd returns descriptor 3 if it is a pidfd of pid, as the
// intermediate child passes it, or -1.
func inheritedPidfd(pid int) int {
	b, err := os.ReadFile("/proc/self/fdinfo/3")
	if err != nil || !strings.Contains(string(b), "\nPid:\t"+strconv.Itoa(pid)+"\n") {
		return -1
	}
	return 3
}

// watch sends sig to process pid after limit unless it has ended, and
// SIGKILL kill later if kill > 0. With a pidfd of the process (pidfd >=
// 0) it knows at once when the process ends and never signals a later
// one that reused the PID; without one it checks every second, as
// BusyBox does.
func watch(pidfd, pid int, sig syscall.Signal, limit, kill time.Duration) {
	if gone(pidfd, pid, limit) {
		return
	}
	send(pidfd, pid, sig)
	if kill > 0 && !gone(pidfd, pid, kill) {
		send(pidfd, pid, syscall.SIGKILL)
	}
}

// gone waits up to d for the process to end and reports whether it did.
func gone(pidfd, pid int, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for {
		left := time.Until(deadline)
		if d == math.MaxInt64 {
			left = time.Hour // forever, an hour at a time
		}
		if left <= 0 {
			return false
		}
		if pidfd >= 0 {
			// poll's timeout is in milliseconds: round up, so that
			// the signal is never early.
			ms := min((left+time.Millisecond-1)/time.Millisecond, math.MaxInt32)
			n, err := unix.Poll([]unix.PollFd{{Fd: int32(pidfd), Events: unix.POLLIN}}, int(ms))
			if n > 0 {
				return true
			}
			if err != nil && err != unix.EINTR {
				pidfd = -1
			}
			continue
		}
		time.Sleep(min(left, time.Second))
		if unix.Kill(pid, 0) == unix.ESRCH {
			return true
		}
	}
}

// send signals the process, through its pidfd when there is one.
func send(pidfd, pid int, sig syscall.Signal) {
	if pidfd >= 0 {
		unix.PidfdSendSignal(pidfd, sig, nil, 0)
		return
	}
	unix.Kill(pid, sig)
}
