package dirent

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// visit walks the current entry as chown -R does (children first),
// following symlinks with follow, and records "path" per entry and
// "path/" after a directory's entries, or "path: error".
func visit(t *testing.T, w *Walk, follow bool, out *[]string) {
	var st unix.Stat_t
	if err := w.Stat(&st, follow); err != nil {
		*out = append(*out, w.String()+": "+err.Error())
		return
	}
	*out = append(*out, w.String())
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return
	}
	if err := w.Open(); err != nil {
		*out = append(*out, w.String()+": "+err.Error())
		return
	}
	depth := w.Depth()
	var sub [][]string
	for w.Next() {
		var s []string
		visit(t, w, follow, &s)
		sub = append(sub, s)
	}
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	if w.Depth() != depth {
		t.Fatalf("depth %d after the entries, want %d", w.Depth(), depth)
	}
	// The directory's order is the file system's.
	slices.SortFunc(sub, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	for _, s := range sub {
		*out = append(*out, s...)
	}
	w.Close()
	// Back at the directory: its path, and At names it.
	var again unix.Stat_t
	dirfd, name := w.At()
	if err := Fstatat(dirfd, name, &again, 0); err != nil || again.Ino != st.Ino {
		t.Errorf("%s: At after Close names another file (%v)", w.Path(), err)
	}
	*out = append(*out, w.String()+"/")
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a/b/c", "a/e", "x"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	for _, f := range []string{"a/f", "a/b/g", "a/b/c/h"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	os.Symlink("../x", filepath.Join(dir, "a/l"))
	for _, tt := range []struct {
		op     string
		follow bool
		want   string
	}{
		{"a", false, "a a/b a/b/c a/b/c/h a/b/c/ a/b/g a/b/ a/e a/e/ a/f a/l a/"},
		{"a/", false, "a/ a/b a/b/c a/b/c/h a/b/c/ a/b/g a/b/ a/e a/e/ a/f a/l a//"},
		{"a", true, "a a/b a/b/c a/b/c/h a/b/c/ a/b/g a/b/ a/e a/e/ a/f a/l a/l/ a/"},
		{"a/b/g", false, "a/b/g"},
	} {
		var w Walk
		w.Start(tt.op, filepath.Join(dir, tt.op))
		var out []string
		visit(t, &w, tt.follow, &out)
		if got := strings.Join(out, " "); got != tt.want {
			t.Errorf("%s (follow %v):\n got %s\nwant %s", tt.op, tt.follow, got, tt.want)
		}
	}
}

// TestWalkLoop: following a loop of symlinks ends with ELOOP where the
// kernel would stop a path name holding MaxSymlinks+1 links.
func TestWalkLoop(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.Symlink("..", filepath.Join(dir, "d/up"))
	var w Walk
	w.Start("t", dir)
	var out []string
	visit(t, &w, true, &out)
	var loop string
	for _, s := range out {
		if strings.HasSuffix(s, ": "+unix.ELOOP.Error()) {
			loop = strings.TrimSuffix(s, ": "+unix.ELOOP.Error())
		}
	}
	want := "t" + strings.Repeat("/d/up", MaxSymlinks+1)
	if loop != want {
		t.Errorf("loop ends at %q, want %q", loop, want)
	}
	// The kernel agrees on where a path name of links fails.
	var st unix.Stat_t
	deep := filepath.Join(dir, strings.Repeat("d/up/", MaxSymlinks)+"d")
	if err := unix.Stat(deep, &st); err != nil {
		t.Errorf("stat through %d links: %v", MaxSymlinks, err)
	}
	if err := unix.Stat(deep+"/up", &st); err != unix.ELOOP {
		t.Errorf("stat through %d links: %v, want ELOOP", MaxSymlinks+1, err)
	}
}

// TestWalkDeep walks a tree deeper than PATH_MAX: each entry is named
// relative to its directory, so no path name is ever that long.
func TestWalkDeep(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("n", 200)
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	const depth = 30 // 30 * 201 bytes > 4096
	for range depth {
		if err := unix.Mkdirat(fd, name, 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := unix.Openat(fd, name, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		unix.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
	}
	unix.Close(fd)
	var w Walk
	w.Start("t", dir)
	var out []string
	visit(t, &w, false, &out)
	if len(out) != 2*(depth+1) {
		t.Fatalf("%d steps, want %d: %q", len(out), 2*(depth+1), out[len(out)-1])
	}
	if got := len(out[depth]); got != 1+depth*201 {
		t.Errorf("deepest path is %d bytes, want %d", got, 1+depth*201)
	}
}

// TestWalkAllocs: once its buffers have grown, a walk allocates nothing,
// however many entries it reads.
func TestWalkAllocs(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, d, "sub"), 0o755)
		for i := range 300 {
			os.WriteFile(filepath.Join(dir, d, "sub", strings.Repeat("x", i%50)+string(rune('a'+i%26))+strings.Repeat("y", i/26)), nil, 0o644)
		}
	}
	var w Walk
	var count int
	var walk func()
	walk = func() {
		var st unix.Stat_t
		if w.Stat(&st, true) != nil {
			t.Fatal("stat")
		}
		count++
		if st.Mode&unix.S_IFMT == unix.S_IFDIR && w.Open() == nil {
			for w.Next() {
				walk()
			}
			w.Close()
		}
	}
	run := func() {
		count = 0
		w.Start("t", dir)
		walk()
	}
	run()
	if allocs := testing.AllocsPerRun(5, run); allocs != 0 {
		t.Errorf("a walk of %d entries made %v allocations", count, allocs)
	}
}

// TestEnter mirrors a walk in a second one, as cp walks its destination.
func TestEnter(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(src, "d/e"), 0o755)
	os.WriteFile(filepath.Join(src, "d/e/f"), nil, 0o644)
	var s, d Walk
	s.Start("src", src)
	d.Start("dst", dst)
	var made []string
	var copyTree func()
	copyTree = func() {
		if s.Open() != nil || d.OpenPath() != nil {
			t.Fatal("open")
		}
		for s.Next() {
			d.Enter(s.Entry())
			dirfd, name := d.At()
			made = append(made, d.String())
			if s.Entry().Type == unix.DT_DIR {
				if err := Mkdirat(dirfd, name, 0o755); err != nil {
					t.Fatal(err)
				}
				copyTree()
			} else if err := Mknodat(dirfd, name, unix.S_IFREG|0o600, 0); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		d.Close()
	}
	copyTree()
	if got := strings.Join(made, " "); got != "dst/d dst/d/e dst/d/e/f" {
		t.Errorf("made %s", got)
	}
	if _, err := os.Stat(filepath.Join(dst, "d/e/f")); err != nil {
		t.Error(err)
	}
}

func TestAt(t *testing.T) {
	dir := t.TempDir()
	fd, err := OpenDir(unix.AT_FDCWD, CString(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if err := Mkdirat(fd, CString("d"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := Mknodat(fd, CString("f"), unix.S_IFREG|0o600, 0); err != nil {
		t.Fatal(err)
	}
	if err := Symlinkat(CString("f"), fd, CString("l")); err != nil {
		t.Fatal(err)
	}
	if err := Linkat(fd, CString("f"), fd, CString("h"), 0); err != nil {
		t.Fatal(err)
	}
	if err := Fchmodat(fd, CString("l"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Fchownat(fd, CString("l"), os.Getuid(), os.Getgid(), unix.AT_SYMLINK_NOFOLLOW); err != nil {
		t.Fatal(err)
	}
	ts := [2]unix.Timespec{{Sec: 1000, Nsec: 5}, {Sec: 2000, Nsec: 7}}
	if err := Utimensat(fd, CString("h"), &ts, 0); err != nil {
		t.Fatal(err)
	}
	var st unix.Stat_t
	Fstatat(fd, CString("f"), &st, 0)
	if st.Mode != unix.S_IFREG|0o640 || st.Nlink != 2 || st.Mtim != ts[1] {
		t.Errorf("f: mode %o, %d links, mtime %v", st.Mode, st.Nlink, st.Mtim)
	}
	Fstatat(fd, CString("d"), &st, 0)
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		t.Errorf("d: mode %o", st.Mode)
	}
	if err := Faccessat(fd, CString("nope"), unix.F_OK); err != unix.ENOENT {
		t.Errorf("Faccessat of nothing: %v", err)
	}
	if err := Unlinkat(fd, CString("d"), 0); err != unix.EISDIR {
		t.Errorf("Unlinkat of a directory: %v", err)
	}
	for _, n := range []string{"f", "l", "h"} {
		if err := Unlinkat(fd, CString(n), 0); err != nil {
			t.Error(err)
		}
	}
	if err := Unlinkat(fd, CString("d"), unix.AT_REMOVEDIR); err != nil {
		t.Error(err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("left %v", names)
	}
}
