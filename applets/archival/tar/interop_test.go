package tar

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// gnuTar returns the path of GNU tar, or skips the test.
func gnuTar(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("tar")
	if err != nil {
		t.Skip("GNU tar is not installed (scripts/ci-deps.sh installs it)")
	}
	out, _ := exec.Command(p, "--version").Output()
	if !strings.Contains(string(out), "GNU tar") {
		t.Skip("tar is not GNU tar")
	}
	return p
}

func sh(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %q: %v\n%s", name, args, err, out)
	}
}

// interopTree makes a tree of every kind of entry: sizes from 0 to a
// few MB, modes with set-id bits, relative, absolute and dangling
// symlinks, hard links, a fifo, long names and link targets, a name
// that is not ASCII, and times with nanoseconds.
func interopTree(t *testing.T, root string) {
	long := strings.Repeat("long-directory-name/", 8) + strings.Repeat("f", 120)
	files := map[string]string{
		"empty":                  "",
		"small":                  "hello\n",
		"big":                    strings.Repeat("0123456789abcdef", 300000),
		"dir/nested/f":           "nested\n",
		long:                     "deep\n",
		"ünïcödé name":           "unicode\n",
		"setuid":                 "#!/bin/sh\n",
		"ro/inside":              "in a read-only directory\n",
		strings.Repeat("n", 100): "exactly 100",
	}
	for name, data := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(filepath.Join(root, "setuid"), 0o4755)
	os.Chmod(filepath.Join(root, "dir"), 0o2750)
	os.Symlink("small", filepath.Join(root, "rel-link"))
	os.Symlink("/etc/passwd", filepath.Join(root, "abs-link"))
	os.Symlink("nowhere", filepath.Join(root, "dangling"))
	os.Symlink(strings.Repeat("t", 150), filepath.Join(root, "long-target"))
	os.Link(filepath.Join(root, "small"), filepath.Join(root, "dir/hard"))
	os.Link(filepath.Join(root, long), filepath.Join(root, "hard-to-long"))
	syscall.Mkfifo(filepath.Join(root, "fifo"), 0o640)
	ns := time.Date(2020, 5, 6, 7, 8, 9, 123456789, time.UTC)
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode()&os.ModeSymlink == 0 {
			os.Chtimes(p, ns, ns)
		}
		return nil
	})
	os.Chmod(filepath.Join(root, "ro"), 0o555)
	os.Chtimes(filepath.Join(root, "ro"), ns, ns)
	os.Chtimes(root, ns, ns)
}

// describe lists a tree for comparison: each entry's type, mode, owner,
// size, content hash or link target, and modification time (to the
// second, or to the nanosecond with ns), and which entries are one file.
func describe(t *testing.T, root string, ns bool) string {
	t.Helper()
	var lines []string
	inodes := map[uint64][]string{}
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		st := fi.Sys().(*syscall.Stat_t)
		s := fmt.Sprintf("%s %v %d:%d", rel, fi.Mode(), st.Uid, st.Gid)
		switch {
		case fi.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			s += fmt.Sprintf(" %d %x", len(b), sha256.Sum256(b))
			if st.Nlink > 1 {
				inodes[st.Ino] = append(inodes[st.Ino], rel)
			}
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			s += " -> " + l
		}
		if fi.Mode()&os.ModeSymlink == 0 && rel != "." {
			if ns {
				s += " " + fi.ModTime().UTC().Format(time.RFC3339Nano)
			} else {
				s += " " + fi.ModTime().UTC().Format(time.RFC3339)
			}
		}
		lines = append(lines, s)
		return nil
	})
	for _, names := range inodes {
		sort.Strings(names)
		lines = append(lines, "linked: "+strings.Join(names, " = "))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func compareTrees(t *testing.T, what, want, got string) {
	t.Helper()
	if want == got {
		return
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			t.Errorf("%s: first difference:\nwant %s\n got %s", what, a, b)
			return
		}
	}
}

// TestInteropGNU: archives GNU tar makes (gnu, pax and ustar formats,
// plain and gzipped) extract identically with gobox's tar, and gobox's
// (its default BusyBox layout, pax and ustar) with GNU tar's.
func TestInteropGNU(t *testing.T) {
	gnu := gnuTar(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root: owners and set-id bits are compared")
	}
	work := t.TempDir()
	src := filepath.Join(work, "src")
	os.Mkdir(src, 0o755)
	interopTree(t, src)
	want := describe(t, src, false)
	wantNS := describe(t, src, true)
	defer os.Chmod(filepath.Join(src, "ro"), 0o755)

	for _, format := range []string{"gnu", "posix", "ustar"} {
		for _, z := range []string{"", "z"} {
			name := "gnu-" + format + ".tar" + map[string]string{"": "", "z": ".gz"}[z]
			archive := filepath.Join(work, name)
			args := []string{"-c" + z + "f", archive, "--format=" + format}
			if format == "ustar" {
				// GNU tar's exclusions apply to the operands after them.
				args = append(args, "--exclude=long-directory-name", "--exclude=hard-to-long", "--exclude=long-target")
			}
			args = append(args, "-C", src, ".")
			cmd := exec.Command(gnu, args...)
			out, err := cmd.CombinedOutput()
			if err != nil && format != "ustar" {
				t.Fatalf("GNU tar %q: %v\n%s", args, err, out)
			}
			dst := filepath.Join(work, "x-"+name)
			os.Mkdir(dst, 0o755)
			r := tarRun(t, work, "", "-xf", archive, "-C", dst)
			if r.Code != 0 {
				t.Fatalf("gobox tar x of %s: %+v", name, r)
			}
			w := want
			if format == "posix" {
				w = wantNS // pax keeps nanoseconds
			}
			if format == "ustar" {
				w = describe(t, src, false)
				w = dropLines(w, "long-directory-name", "hard-to-long", "long-target")
			}
			compareTrees(t, "GNU tar --format="+format+" -c"+z+", gobox tar -x", w, describe(t, dst, format == "posix"))
			os.Chmod(filepath.Join(dst, "ro"), 0o755)
		}
	}

	for _, format := range []string{"", "pax", "ustar"} {
		for _, z := range []string{"", "z"} {
			name := "gobox-" + format + ".tar" + map[string]string{"": "", "z": ".gz"}[z]
			archive := filepath.Join(work, name)
			args := []string{"-c" + z + "f", archive, "-C", src, "."}
			if format != "" {
				args = append(args, "--format="+format)
			}
			if format == "ustar" {
				args = append(args, "--exclude=long-directory-name", "--exclude=hard-to-long", "--exclude=long-target")
			}
			if r := tarRun(t, work, "", args...); r.Code != 0 {
				t.Fatalf("gobox tar %q: %+v", args, r)
			}
			dst := filepath.Join(work, "y-"+name)
			os.Mkdir(dst, 0o755)
			sh(t, work, gnu, "-x"+z+"f", archive, "-C", dst)
			w := want
			if format == "pax" {
				w = wantNS
			}
			if format == "ustar" {
				w = dropLines(want, "long-directory-name", "hard-to-long", "long-target")
			}
			compareTrees(t, "gobox tar --format="+format+" -c"+z+", GNU tar -x", w, describe(t, dst, format == "pax"))
			os.Chmod(filepath.Join(dst, "ro"), 0o755)
			// GNU tar's own check against the tree: contents, modes,
			// times, owners and links all agree.
			if format != "ustar" {
				cmd := exec.Command(gnu, "-d"+z+"f", archive, "-C", src)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("GNU tar -d of gobox's %s: %v\n%s", name, err, out)
				}
			}
		}
	}
}

func dropLines(s string, subs ...string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		keep := true
		for _, sub := range subs {
			if strings.Contains(l, sub) {
				keep = false
			}
		}
		if keep {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestInteropSparse: GNU tar's sparse files, in each of its formats,
// extract with their holes, one of them over 8 GiB.
func TestInteropSparse(t *testing.T) {
	gnu := gnuTar(t)
	work := t.TempDir()
	src := filepath.Join(work, "src")
	os.Mkdir(src, 0o755)
	sizes := map[string]int64{"small": 10 << 20, "huge": 9 << 30}
	for name, size := range sizes {
		f, err := os.Create(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		f.WriteAt([]byte("start"), 4096)
		f.WriteAt([]byte("middle"), size/2)
		if err := f.Truncate(size); err != nil {
			t.Skipf("no room for a sparse file of %d bytes: %v", size, err)
		}
		f.WriteAt([]byte("end"), size-3)
		f.Close()
	}
	for _, v := range []string{"gnu", "0.0", "0.1", "1.0"} {
		archive := filepath.Join(work, "sparse-"+v+".tar")
		args := []string{"--sparse", "-cf", archive, "-C", src, "small", "huge"}
		if v == "gnu" {
			args = append(args, "--format=gnu")
		} else {
			args = append(args, "--format=pax", "--sparse-version="+v)
		}
		sh(t, work, gnu, args...)
		if fi, _ := os.Stat(archive); fi.Size() > 1<<20 {
			t.Fatalf("GNU tar wrote a %d-byte archive for sparse files", fi.Size())
		}
		dst := filepath.Join(work, "x-"+v)
		os.Mkdir(dst, 0o755)
		if r := tarRun(t, work, "", "-xf", archive, "-C", dst); r.Code != 0 {
			t.Fatalf("%s: %+v", v, r)
		}
		for name, size := range sizes {
			p := filepath.Join(dst, name)
			var st syscall.Stat_t
			syscall.Stat(p, &st)
			f, _ := os.Open(p)
			check := func(off int64, want string) {
				b := make([]byte, len(want))
				f.ReadAt(b, off)
				if string(b) != want {
					t.Errorf("%s %s: %q at %d, want %q", v, name, b, off, want)
				}
			}
			check(4096, "start")
			check(size/2, "middle")
			check(size-3, "end")
			check(1000, "\x00\x00\x00")
			f.Close()
			if st.Size != size || st.Blocks*512 > 1<<20 {
				t.Errorf("%s %s: %d bytes in %d blocks", v, name, st.Size, st.Blocks)
			}
		}
		r := tarRun(t, work, "", "-tvf", archive, "huge")
		if !strings.Contains(r.Stdout, fmt.Sprintf(" %d ", sizes["huge"])) {
			t.Errorf("%s: listing %q", v, r.Stdout)
		}
	}
}
