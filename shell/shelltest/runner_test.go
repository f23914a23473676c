package shelltest

// The runner: this test binary started again, as "shelltest-runner ROOT NS"
// (NS is the test's mount namespace, which the runner's must not be), in
// mount, PID and UTS namespaces of its own. It mounts what a root needs
// (/dev, a fresh /proc, /sys), chroots into ROOT, reads a batch of jobs as
// JSON on stdin, runs them a few at a time and writes their results as JSON
// on stdout. One runner serves a whole root, so a corpus of hundreds of
// cases costs one namespace and one chroot per shell rather than one per
// case. The namespaces die with the runner: nothing stays mounted in the
// host's namespace, and every process a case left behind is killed when the
// runner, PID 1 of its namespace, exits.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// runnerArg0 is argv[0] of this binary run as a runner.
const runnerArg0 = "shelltest-runner"

// rootPath is the PATH of every run, Alpine's (/etc/profile).
const rootPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// job is one shell run inside the root.
type job struct {
	Dir     string   // the case's directory inside the root: Dir/s is the script, Dir/w the working directory
	Script  string   // the script's text
	Stdin   *string  // standard input; nil means /dev/null
	Setup   string   // run first in Dir/w by Alpine's /bin/busybox sh
	Argv    []string // the shell's argv (argv[0] first); the runner executes /bin/sh
	Direct  bool     // execute the script itself instead (its #! line picks the shell)
	Env     []string // the environment; PWD is added
	Timeout int      // seconds
}

// outcome is what a job did.
type outcome struct {
	Stdout, Stderr string
	Status         int    // exit status, or 128+n when killed by signal n
	Err            string // the runner could not run the job, or it timed out
}

// batch is what the test sends a runner.
type batch struct {
	Workers  int
	Deadline int // seconds: jobs not started by then are not run (0: none)
	Jobs     []job
}

// notRun starts the Err of a job the runner had no time left for.
const notRun = "not run: "

// startRunner returns the command that runs a batch in root.
func startRunner(root string) *exec.Cmd {
	self, _ := os.Executable()
	ns, _ := os.Readlink("/proc/self/ns/mnt")
	cmd := &exec.Cmd{Path: self, Args: []string{runnerArg0, root, ns}}
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWPID | syscall.CLONE_NEWUTS,
		Setpgid:    true,
	}
	return cmd
}

// runBatch runs b in root and returns one outcome per job.
func runBatch(root string, b batch) ([]outcome, error) {
	cmd := startRunner(root)
	in, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("runner in %s: %v: %s", root, err, stderr.String())
	}
	var out []outcome
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("runner in %s: bad answer: %v: %s", root, err, stderr.String())
	}
	if len(out) != len(b.Jobs) {
		return nil, fmt.Errorf("runner in %s: %d results for %d jobs", root, len(out), len(b.Jobs))
	}
	return out, nil
}

// runnerMain is the runner's whole life; it never returns.
func runnerMain() {
	root, parent := os.Args[1], os.Args[2]
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "%s: %s: %v\n", runnerArg0, what, err)
		os.Exit(125)
	}
	// Refuse to mount anything in the parent's namespace.
	self, err := os.Readlink("/proc/self/ns/mnt")
	if os.Getpid() != 1 || err != nil || parent == "" || self == parent {
		fail("namespaces", fmt.Errorf("not in namespaces of its own (pid %d, mount namespace %s, parent's %s, %v)", os.Getpid(), self, parent, err))
	}
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		fail("make / private", err)
	}
	for _, m := range []struct{ src, dst, fstype string }{
		{"/dev", "/dev", ""},
		{"proc", "/proc", "proc"},
		{"/sys", "/sys", ""},
	} {
		flags := uintptr(unix.MS_BIND | unix.MS_REC)
		if m.fstype != "" {
			flags = unix.MS_NOSUID | unix.MS_NODEV | unix.MS_NOEXEC
		}
		if err := unix.Mount(m.src, root+m.dst, m.fstype, flags, ""); err != nil {
			fail("mount "+m.dst, err)
		}
	}
	if err := unix.Chroot(root); err != nil {
		fail("chroot", err)
	}
	if err := os.Chdir("/"); err != nil {
		fail("chdir", err)
	}
	var b batch
	if err := json.NewDecoder(os.Stdin).Decode(&b); err != nil {
		fail("reading the batch", err)
	}
	out := make([]outcome, len(b.Jobs))
	start := time.Now()
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(b.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if b.Deadline > 0 && time.Since(start) > time.Duration(b.Deadline)*time.Second {
					out[i] = outcome{Err: notRun + fmt.Sprintf("the batch ran past its %d s", b.Deadline)}
					continue
				}
				out[i] = runJob(b.Jobs[i])
			}
		}()
	}
	for i := range b.Jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail("writing the results", err)
	}
	os.Exit(0)
}

// runJob runs one job: its setup, then the shell, with standard output and
// error going to files (a background process that keeps them open cannot
// hold the run up) and its process group killed afterwards.
func runJob(j job) outcome {
	w := filepath.Join(j.Dir, "w")
	if err := os.MkdirAll(w, 0o755); err != nil {
		return outcome{Err: err.Error()}
	}
	env := append(append([]string{}, j.Env...), "PWD="+w)
	if j.Setup != "" {
		o := execute([]string{"/bin/busybox", "sh", "-c", j.Setup}, "/bin/busybox", w, env, nil, j.Dir, "setup", 20)
		if o.Err != "" || o.Status != 0 {
			return outcome{Err: fmt.Sprintf("setup failed (status %d, %s): %s%s", o.Status, o.Err, o.Stdout, o.Stderr)}
		}
	}
	script, mode, path := filepath.Join(j.Dir, "s"), os.FileMode(0o644), "/bin/sh"
	if j.Direct {
		mode, path = 0o755, script
	}
	if err := os.WriteFile(script, []byte(j.Script), mode); err != nil {
		return outcome{Err: err.Error()}
	}
	return execute(j.Argv, path, w, env, j.Stdin, j.Dir, "run", j.Timeout)
}

// execute runs path with argv in dir; its output goes to files under tmp
// named after tag.
func execute(argv []string, path, dir string, env []string, stdin *string, tmp, tag string, timeout int) outcome {
	files := make([]*os.File, 3)
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	var err error
	if stdin == nil {
		files[0], err = os.Open("/dev/null")
	} else {
		in := filepath.Join(tmp, tag+".in")
		if err = os.WriteFile(in, []byte(*stdin), 0o644); err == nil {
			files[0], err = os.Open(in)
		}
	}
	for i := 1; i < 3 && err == nil; i++ {
		files[i], err = os.Create(filepath.Join(tmp, tag+"."+strconv.Itoa(i)))
	}
	if err != nil {
		return outcome{Err: err.Error()}
	}
	cmd := &exec.Cmd{Path: path, Args: argv, Dir: dir, Env: env, Stdin: files[0], Stdout: files[1], Stderr: files[2]}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return outcome{Err: err.Error()}
	}
	pgid := cmd.Process.Pid
	var late atomic.Bool
	timer := time.AfterFunc(time.Duration(timeout)*time.Second, func() {
		late.Store(true)
		syscall.Kill(-pgid, syscall.SIGKILL)
	})
	err = cmd.Wait()
	timer.Stop()
	// What the case left running in its group goes now.
	syscall.Kill(-pgid, syscall.SIGKILL)
	var o outcome
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		ws := ee.Sys().(syscall.WaitStatus)
		if ws.Signaled() {
			o.Status = 128 + int(ws.Signal())
		} else {
			o.Status = ws.ExitStatus()
		}
	} else if err != nil {
		return outcome{Err: err.Error()}
	}
	if late.Load() {
		o.Err = fmt.Sprintf("timed out after %d s", timeout)
	}
	stdout, _ := os.ReadFile(files[1].Name())
	stderr, _ := os.ReadFile(files[2].Name())
	o.Stdout, o.Stderr = string(stdout), string(stderr)
	return o
}
