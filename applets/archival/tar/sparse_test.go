package tar

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// sparseFile makes a file of size bytes with a few bytes of data at
// 4096, in the middle and at the end, and holes elsewhere; it skips the
// test where the file system cannot hold it.
func sparseFile(t *testing.T, path string, size int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteAt([]byte("start"), 4096)
	f.WriteAt([]byte("middle"), size/2)
	if err := f.Truncate(size); err != nil {
		t.Skipf("no room for a sparse file of %d bytes: %v", size, err)
	}
	if size > 4 {
		f.WriteAt([]byte("end"), size-3)
	}
}

// checkSparse checks that path is size bytes with sparseFile's data,
// holes kept (st_blocks small); written is the size it was made with,
// before growing by a hole at the end.
func checkSparse(t *testing.T, what, path string, size, written int64) {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	check := func(off int64, want string) {
		b := make([]byte, len(want))
		f.ReadAt(b, off)
		if string(b) != want {
			t.Errorf("%s: %q at %d, want %q", what, b, off, want)
		}
	}
	check(4096, "start")
	check(written/2, "middle")
	check(1000, "\x00\x00\x00")
	check(written-3, "end")
	if size > written {
		check(size-3, "\x00\x00\x00")
	}
	if st.Size != size || st.Blocks*512 > 1<<20 {
		t.Errorf("%s: %d bytes in %d blocks", what, st.Size, st.Blocks)
	}
}

// TestSparseCreate: -S stores files with holes as GNU's pax sparse
// format 1.0, in a few KB, which GNU tar and ours extract with their
// holes, one file over 8 GiB and one ending in a hole; without -S the
// data is stored whole.
func TestSparseCreate(t *testing.T) {
	work := t.TempDir()
	src := filepath.Join(work, "src")
	os.Mkdir(src, 0o755)
	sparseFile(t, filepath.Join(src, "huge"), 9<<30)
	tail := filepath.Join(src, "tail")
	sparseFile(t, tail, 3<<20)
	os.Truncate(tail, 4<<20) // ends in a hole
	os.WriteFile(filepath.Join(src, "dense"), []byte("no holes\n"), 0o644)
	for _, format := range []string{"", "--format=pax", "--format=ustar"} {
		args := []string{"-S", "-cf", "s.tar", "-C", src, "huge", "tail", "dense"}
		if format != "" {
			args = append(args, format)
		}
		if r := tarRun(t, work, "", args...); r.Code != 0 {
			t.Fatalf("%q: %+v", args, r)
		}
		if fi, _ := os.Stat(filepath.Join(work, "s.tar")); fi.Size() > 64<<10 {
			t.Fatalf("%s: a %d-byte archive for sparse files", format, fi.Size())
		}
		r := tarRun(t, work, "", "-tvf", "s.tar")
		if !strings.Contains(r.Stdout, fmt.Sprintf(" %d ", int64(9<<30))) || !strings.Contains(r.Stdout, " huge\n") {
			t.Errorf("%s: listing %q", format, r.Stdout)
		}
		dsts := map[string]func(dst string){
			"ours": func(dst string) {
				if r := tarRun(t, work, "", "-xf", "s.tar", "-C", dst); r.Code != 0 {
					t.Fatalf("%+v", r)
				}
			},
		}
		if gnu, ok := gnuTarOK(); ok {
			dsts["gnu"] = func(dst string) { sh(t, work, gnu, "-xf", "s.tar", "-C", dst) }
		}
		for who, extract := range dsts {
			dst := filepath.Join(work, who+format)
			os.Mkdir(dst, 0o755)
			extract(dst)
			checkSparse(t, who+format+" huge", filepath.Join(dst, "huge"), 9<<30, 9<<30)
			checkSparse(t, who+format+" tail", filepath.Join(dst, "tail"), 4<<20, 3<<20)
			if b, _ := os.ReadFile(filepath.Join(dst, "dense")); string(b) != "no holes\n" {
				t.Errorf("%s: dense has %q", who+format, b)
			}
			os.RemoveAll(dst)
		}
	}
}

// gnuTarOK is gnuTar without skipping: GNU tar's path, if installed.
func gnuTarOK() (string, bool) {
	p, err := exec.LookPath("tar")
	if err != nil {
		return "", false
	}
	out, _ := exec.Command(p, "--version").Output()
	return p, strings.Contains(string(out), "GNU tar")
}

// peakRSS resets the kernel's peak resident size of this process
// (clear_refs 5) and returns a function reading it back, in KB.
func peakRSS(t *testing.T) func() int64 {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the peak RSS: %v", err)
	}
	return func() int64 {
		f, err := os.Open("/proc/self/status")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
				n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(v, "kB")), 10, 64)
				return n
			}
		}
		t.Fatal("no VmHWM in /proc/self/status")
		return 0
	}
}

// TestStreamConstantMemory: tar c of a 4 GiB file (holes read as
// zeros: 4 GiB of data) through a pipe to tar tv, in this process,
// stays within a fixed resident size: the kernel's peak (VmHWM).
func TestStreamConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 4 GiB")
	}
	work := t.TempDir()
	sparseFile(t, filepath.Join(work, "big"), 4<<30)
	fifo := filepath.Join(work, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	peak := peakRSS(t)
	done := make(chan int)
	go func() {
		r := tarRun(t, work, "", "-cf", fifo, "big")
		done <- r.Code
	}()
	r := tarRun(t, work, "", "-tvf", fifo)
	if code := <-done; code != 0 || r.Code != 0 || !strings.Contains(r.Stdout, " 4294967296 ") {
		t.Fatalf("create %d, list %+v", code, r)
	}
	// The test binary itself takes a few MB; buffering the stream
	// would take gigabytes.
	if kb := peak(); kb > 128<<10 {
		t.Errorf("peak RSS %d kB streaming 4 GiB, want < 128 MB", kb)
	} else {
		t.Logf("peak RSS %d kB", kb)
	}
}
