package ls

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// TestMain lets the test binary stand in for gobox: run with
// GOBOX_TEST_APPLET set, it is the ls applet as a process of its own,
// dispatched by applet.Main as the real binary does, so that its peak
// memory can be read from the kernel.
//
// With GOBOX_TEST_HWM=FILE too, it writes its peak resident memory to
// FILE as it ends: the kernel's VmHWM of its own address space. The
// Maxrss that wait4 reports would not do: Go starts a child with
// CLONE_VM, so the child's is at least the test binary's peak.
func TestMain(m *testing.M) {
	if os.Getenv("GOBOX_TEST_APPLET") != "" {
		code := applet.Main(applet.Table{&Applet}, append([]string{"ls"}, os.Args[1:]...))
		if f := os.Getenv("GOBOX_TEST_HWM"); f != "" {
			status, _ := os.ReadFile("/proc/self/status")
			_, hwm, _ := strings.Cut(string(status), "VmHWM:")
			hwm, _, _ = strings.Cut(hwm, "kB")
			os.WriteFile(f, []byte(strings.TrimSpace(hwm)), 0o644)
		}
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// scratchDir returns a new empty directory for a large tree: on tmpfs
// (/dev/shm) when there is one, where 100,000 files are made and
// removed in a second or two rather than ten.
func scratchDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("/dev/shm", "gobox-ls-test-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

// addDirs adds directories d<from>..d<to-1> to root, each holding files
// regular files (and a symlink, for -l's readlink), and returns root.
// Every tree made by it has the same largest directory and depth,
// whatever its number of directories.
func addDirs(t testing.TB, root string, from, to, files int) string {
	t.Helper()
	for d := from; d < to; d++ {
		dir := filepath.Join(root, fmt.Sprintf("d%04d", d))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		if err != nil {
			t.Fatal(err)
		}
		for f := 0; f < files; f++ {
			// mknod makes an empty file in one system call.
			if err := unix.Mknodat(fd, fmt.Sprintf("file-with-a-longer-name-%05d.txt", f), unix.S_IFREG|0o644, 0); err != nil {
				unix.Close(fd)
				t.Fatal(err)
			}
		}
		err = unix.Symlinkat("file-with-a-longer-name-00000.txt", fd, "link")
		unix.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// allocated returns the bytes ls allocates listing args in dir.
func allocated(t *testing.T, dir string, args ...string) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	var errb strings.Builder
	ctx := &applet.Ctx{Stdout: io.Discard, Stderr: &errb, Dir: dir, Env: []string{"TZ=UTC"}}
	runtime.ReadMemStats(&before)
	code := applet.Run(ctx, &Applet, args)
	runtime.ReadMemStats(&after)
	if code != 0 || errb.Len() > 0 {
		t.Fatalf("ls %q: status %d, stderr %q", args, code, errb.String())
	}
	return after.TotalAlloc - before.TotalAlloc
}

// TestRecursiveAllocation checks that what ls -R allocates depends on
// the largest directory, not on the size of the tree: five times the
// directories (of the same size) must cost no more. ls used to allocate
// a node and three strings per entry, about 350 bytes each.
func TestRecursiveAllocation(t *testing.T) {
	small := addDirs(t, scratchDir(t), 0, 10, 300)
	large := addDirs(t, scratchDir(t), 0, 50, 300)
	for _, args := range [][]string{{"-lR"}, {"-R"}, {"-aRFis", "--color=always"}, {"-lRSr"}, {"-lRL"}, {"-CRQ"}} {
		args = append(args, ".")
		allocated(t, small, args...) // first use of userdb, time zone
		s := allocated(t, small, args...)
		l := allocated(t, large, args...)
		// The directory stack holds a name per directory at one level.
		if l > s+16<<10 {
			t.Errorf("ls %q: %d bytes allocated for 3,000 files, %d for 15,000", args, s, l)
		}
	}
}

// peakRSS runs the test binary as "ls ARGS" in dir and returns its peak
// resident memory in KiB, as the kernel accounts it (see TestMain).
func peakRSS(t *testing.T, dir string, args ...string) int {
	t.Helper()
	hwm := filepath.Join(t.TempDir(), "hwm")
	cmd := exec.Command(os.Args[0], args...)
	cmd.Dir = dir
	// The runtime's defaults: no GOGC, GOMEMLIMIT or GODEBUG.
	cmd.Env = []string{"GOBOX_TEST_APPLET=1", "GOBOX_TEST_HWM=" + hwm, "TZ=UTC", "PATH=/usr/bin:/bin"}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	var errb strings.Builder
	cmd.Stdout, cmd.Stderr = devnull, &errb
	if err := cmd.Run(); err != nil || errb.Len() > 0 {
		t.Fatalf("ls %q: %v, stderr %q", args, err, errb.String())
	}
	b, err := os.ReadFile(hwm)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := strconv.Atoi(string(b))
	if err != nil {
		t.Fatalf("VmHWM %q: %v", b, err)
	}
	return kb
}

// TestRecursiveMemory runs ls -lR as a process over trees of 20,000 and
// 100,000 files (1,000 per directory) and checks its peak memory: at
// most 2 MiB above what the same binary needs to list one directory
// entry (ls -ld), as issue 10 allows above BusyBox, and the same for
// both trees. ls used to keep a node per entry and left the rest to the
// collector, which let the heap reach its 4 MB goal: 4 to 10 MB more.
func TestRecursiveMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("makes 100,000 files")
	}
	if raceEnabled {
		t.Skip("the race detector's own memory varies from run to run")
	}
	root := addDirs(t, scratchDir(t), 0, 20, 1000)
	base := peakRSS(t, root, "-ld", ".")
	small := peakRSS(t, root, "-lR", ".")
	addDirs(t, root, 20, 100, 1000)
	large := peakRSS(t, root, "-lR", ".")
	t.Logf("peak RSS: ls -ld %d KiB, ls -lR of 20,000 files %d KiB, of 100,000 files %d KiB", base, small, large)
	if large > base+2048 {
		t.Errorf("ls -lR of 100,000 files peaks at %d KiB, ls -ld at %d: more than 2 MiB above", large, base)
	}
	// The kernel counts resident pages in batches: allow for that.
	if large > small+512 {
		t.Errorf("ls -lR peaks at %d KiB for 20,000 files, %d KiB for 100,000", small, large)
	}
}
