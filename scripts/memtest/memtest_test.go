// Package memtest is the acceptance test of issue 10's tree walkers: the
// built gobox binary, run as a child process over a tree of 200,000
// files in 2,000 directories (ls -lR, du -s, chmod -R, chown -R, cp -a,
// find, tar c and x, rm -rf), must stay under a peak resident memory
// that does not depend on the number of files. The peak is the kernel's
// own accounting of the process (its high-water mark), never a time.
//
// Run alone: go test ./scripts/memtest/ -v (the log shows each peak);
// MEMTEST_GOBOX=BINARY measures another build.
package memtest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// The tree: 2,000 directories of 100 empty files each.
const (
	dirs        = 2000
	filesPerDir = 100
)

// margin is how much a walk of the tree may add to the peak of
// "gobox true", the process's floor: the Go runtime and the pages of the
// binary it touches, 3.0 to 3.4 MB when this was written, 5.8 to 6.2 MB
// since the archivers and apk linked TLS, x509 and zstd with their init
// work (docs/memory.md, "The floor"), where Alpine's BusyBox's is 0.8 to
// 1.5 MB and Debian's 1.3 MB. How it was chosen, from measurements on this tree
// (2 cores; tmpfs and ext4):
//   - Alpine's BusyBox peaks at 1.5 to 1.7 MB for ls -lR, du -s,
//     chmod -R, chown -R and rm -rf (its floor, and nothing per file), and
//     at 20.5 MB for cp -a, which keeps every file it copied;
//   - gobox's walkers peak at the floor plus 0.1 to 0.7 MB (the code they
//     run, a directory reader per level, the 2,000 directories cp made);
//     since the binary doubled (archivers, apk), at the floor plus 0.4 to
//     1.7 MB, cp -a the most: its private memory is the floor's plus 0.2
//     to 0.3 MB, the rest is the code it runs, file pages spread over
//     more 64 KB windows of the larger binary (cp -a of 100,000 files:
//     floor plus 1.7 MB, 0.8 MB in a build without the archivers);
//   - before they streamed their directories and stopped allocating per
//     file, gobox's chmod, chown, cp and rm peaked at the floor plus 5.5
//     to 6 MB (8.9 to 9.4 MB): the garbage of 200,000 files filled the
//     collector's 4 MB minimum heap. A walk that keeps a few bytes per
//     file crosses the margin as surely.
//
// So floor plus 2.5 MB: the walkers' most with room for the noise of
// the binary's pages, well under what any per-file cost gives, and
// BusyBox's peak plus 2 MB up to the difference of the floors and of
// the code pages (the binary's, not the walkers' own memory). (It was
// 1.5 MB, twice what the walkers took, before the binary doubled.)
const margin = 2560 // KB

// lsMargin is ls -lR's. ls sorts each directory, so it holds one
// directory's entries (100 here) with their names and stat data; on
// this tree it peaks at the floor plus 0.5 to 0.7 MB (3.9 MB; Alpine's
// BusyBox 1.5 MB, gobox before issue 10 9.2 MB; 1.0 MB in the larger
// binary), so the walkers' margin holds for it too.
const lsMargin = 2560 // KB

// tarMargin is tar's, c and x. tar allocates nothing per entry now
// (applets/archival/tar's alloc tests count it: 0.04 to 0.07 per file),
// so it peaks where the walkers do: on this tree the floor plus 0.8 MB
// (tar c) and 1.3 MB (tar x) in mem.sh's runs. Before, with 500 to 600
// bytes of garbage per entry, it peaked at the floor plus 6.1 and 6.6
// MB (GOGC 100 then) and 2 to 3 MB (GOGC 25): a return of per-entry
// garbage crosses this margin.
const tarMargin = margin

func TestTreeWalkersPeakMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("makes 200,000 files")
	}
	bin := buildGobox(t)
	dir := workDir(t)
	tree := filepath.Join(dir, "tree")
	makeTree(t, tree)

	// The floor: the highest of a few runs, so that noise in it does
	// not tighten the bound.
	var floor int64
	for range 3 {
		floor = max(floor, peak(t, bin, dir, "true"))
	}
	me := fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())
	for _, tt := range []struct {
		args   []string
		margin int64
	}{
		{[]string{"ls", "-lR", "tree"}, lsMargin},
		{[]string{"du", "-s", "tree"}, margin},
		{[]string{"chmod", "-R", "u+w", "tree"}, margin},
		{[]string{"chown", "-R", me, "tree"}, margin},
		{[]string{"cp", "-a", "tree", "copy"}, margin},
		{[]string{"rm", "-rf", "copy"}, margin},
		{[]string{"find", "tree"}, margin},
		{[]string{"find", "tree", "-type", "f", "-name", "*-99", "-size", "-1"}, margin},
		{[]string{"tar", "-cf", "-", "tree"}, tarMargin},
		{[]string{"tar", "-cf", "tree.tar", "tree"}, tarMargin},
		{[]string{"mkdir", "x"}, margin},
		{[]string{"tar", "-C", "x", "-xf", "tree.tar"}, tarMargin},
		{[]string{"du", "-s", "x"}, margin},
		{[]string{"rm", "-rf", "x", "tree.tar"}, margin},
		{[]string{"rm", "-rf", "tree"}, margin},
	} {
		got := peak(t, bin, dir, tt.args...)
		bound := floor + tt.margin
		t.Logf("%-22s peak %5d KB, bound %5d KB (floor %d KB)", fmt.Sprint(tt.args), got, bound, floor)
		if got > bound {
			t.Errorf("gobox %v: peak resident memory %d KB, over the bound of %d KB (gobox true's %d KB + %d KB)",
				tt.args, got, bound, floor, tt.margin)
		}
	}
	if _, err := os.Lstat(tree); !os.IsNotExist(err) {
		t.Errorf("rm -rf left the tree: %v", err)
	}
}

// peak runs gobox with args in dir and returns its peak resident memory
// in KB, failing the test if it fails.
//
// The peak is the kernel's high-water mark of the process's memory
// (VmHWM), read as it exits. Its rusage's ru_maxrss would not do: at
// execve the kernel carries over the high-water mark of the memory the
// process had before (for a child of this test, a copy of, or with
// vfork the very, test process: several MB), so a child of a Go
// program never reports less than its parent's size. So the child runs
// traced, and stops once more as it exits, with its memory still there
// to read.
func peak(t *testing.T, bin, dir string, args ...string) int64 {
	t.Helper()
	// ptrace wants its requests from the thread that started the child.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	stderr, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer stderr.Close()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C"}
	cmd.Stderr = stderr // files, not pipes: no copying goroutines; stdout is /dev/null
	cmd.SysProcAttr = &syscall.SysProcAttr{Ptrace: true}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, syscall.EPERM) {
			t.Skipf("cannot trace a child here (ptrace: %v)", err)
		}
		t.Fatal(err)
	}
	defer cmd.Process.Release()
	pid := cmd.Process.Pid
	hwm := int64(-1)
	var ws syscall.WaitStatus
	for first := true; ; first = false {
		if _, err := syscall.Wait4(pid, &ws, 0, nil); err == syscall.EINTR {
			continue
		} else if err != nil {
			t.Fatalf("gobox %v: wait: %v", args, err)
		}
		if !ws.Stopped() {
			break
		}
		sig := ws.StopSignal()
		switch {
		case first:
			// Stopped after execve: ask for a stop at exit too.
			if err := syscall.PtraceSetOptions(pid, unix.PTRACE_O_TRACEEXIT); err != nil {
				t.Fatalf("gobox %v: ptrace: %v", args, err)
			}
			sig = 0
		case sig == syscall.SIGTRAP && ws.TrapCause() == unix.PTRACE_EVENT_EXIT:
			hwm = vmHWM(t, pid)
			sig = 0
		}
		// Any other stop is a signal for the child: pass it on.
		if err := syscall.PtraceCont(pid, int(sig)); err != nil {
			t.Fatalf("gobox %v: ptrace: %v", args, err)
		}
	}
	if !ws.Exited() || ws.ExitStatus() != 0 {
		msg, _ := os.ReadFile(stderr.Name())
		t.Fatalf("gobox %v: %v\n%s", args, ws, msg)
	}
	if hwm < 0 {
		t.Fatalf("gobox %v: exited without a stop at its exit", args)
	}
	return hwm
}

// vmHWM reads a process's peak resident memory in KB.
func vmHWM(t *testing.T, pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			n, err := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
			if err != nil {
				t.Fatalf("VmHWM: %q", v)
			}
			return n
		}
	}
	t.Fatalf("no VmHWM in /proc/%d/status", pid)
	return 0
}

// buildGobox builds the tree's gobox, or returns $MEMTEST_GOBOX (to try
// another build: an older one must fail).
func buildGobox(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("MEMTEST_GOBOX"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "gobox")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "../../cmd/gobox")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// workDir is a directory for the tree: in memory (/dev/shm) when there
// is room, where making and copying 400,000 files takes seconds rather
// than a disk's minute; otherwise a temporary directory.
func workDir(t *testing.T) string {
	var fs unix.Statfs_t
	const tmpfs = 0x01021994
	if unix.Statfs("/dev/shm", &fs) == nil && fs.Type == tmpfs &&
		fs.Ffree > 3*dirs*filesPerDir && uint64(fs.Bavail)*uint64(fs.Bsize) > 1<<30 {
		if dir, err := os.MkdirTemp("/dev/shm", "gobox-memtest"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// makeTree makes the tree with bare system calls, relative to each
// directory's descriptor.
func makeTree(t *testing.T, root string) {
	t.Helper()
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	rfd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(rfd)
	name := make([]byte, 0, 64)
	for d := range dirs {
		dn := "dir" + strconv.Itoa(d)
		if err := unix.Mkdirat(rfd, dn, 0o755); err != nil {
			t.Fatal(err)
		}
		dfd, err := unix.Openat(rfd, dn, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		for f := range filesPerDir {
			name = strconv.AppendInt(append(name[:0], "file-with-a-longer-name-"...), int64(f), 10)
			fd, err := unix.Openat(dfd, string(name), unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			unix.Close(fd)
		}
		unix.Close(dfd)
	}
}
