package dirent

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func openDir(t *testing.T, p string) int {
	t.Helper()
	fd, err := OpenDir(unix.AT_FDCWD, CString(p))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	return fd
}

// entries reads a whole directory: "name type" per entry, sorted.
func entries(t *testing.T, r *Reader) []string {
	t.Helper()
	var out []string
	for {
		e, ok := r.Next()
		if !ok {
			break
		}
		out = append(out, fmt.Sprintf("%s %d %v", e.Name(), e.Type, e.IsDots()))
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestReader(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "..."), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".x"), nil, 0o644)
	os.Symlink("f", filepath.Join(dir, "l"))
	unix.Mkfifo(filepath.Join(dir, "p"), 0o644)
	got := entries(t, NewReader(openDir(t, dir)))
	want := []string{
		". 4 true", ".. 4 true", "... 8 false", ".x 8 false",
		"d 4 false", "f 8 false", "l 10 false", "p 1 false",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestLarge reads a directory that takes many getdents calls, with a
// reused Reader, and checks every entry comes once with its inode.
func TestLarge(t *testing.T) {
	dir := t.TempDir()
	const n = 1500
	for i := range n {
		name := fmt.Sprintf("%s%d", strings.Repeat("x", i%200), i)
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := NewReader(openDir(t, t.TempDir()))
	if got := entries(t, r); len(got) != 2 {
		t.Fatalf("empty directory: %q", got)
	}
	fd := openDir(t, dir)
	r.Reset(fd)
	seen := map[string]bool{}
	for {
		e, ok := r.Next()
		if !ok {
			break
		}
		if e.IsDots() {
			continue
		}
		name := string(e.Name())
		if seen[name] {
			t.Fatalf("%s twice", name)
		}
		seen[name] = true
		var st unix.Stat_t
		if err := Fstatat(fd, e.CName(), &st, unix.AT_SYMLINK_NOFOLLOW); err != nil || st.Ino != e.Ino {
			t.Fatalf("%s: fstatat %v, inode %d, want %d", name, err, st.Ino, e.Ino)
		}
	}
	if r.Err() != nil || len(seen) != n {
		t.Errorf("read %d entries, %v", len(seen), r.Err())
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	os.WriteFile(f, nil, 0o644)
	if _, err := OpenDir(unix.AT_FDCWD, CString(f)); err != unix.ENOTDIR {
		t.Errorf("OpenDir of a file: %v", err)
	}
	fd, err := Openat(unix.AT_FDCWD, CString(f), unix.O_RDONLY)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	r := NewReader(fd)
	if _, ok := r.Next(); ok || r.Err() != unix.ENOTDIR {
		t.Errorf("reading a file: %v", r.Err())
	}
	var st unix.Stat_t
	if err := Fstatat(unix.AT_FDCWD, CString(filepath.Join(dir, "nope")), &st, 0); err != unix.ENOENT {
		t.Errorf("Fstatat of nothing: %v", err)
	}
}

func TestMode(t *testing.T) {
	for _, tt := range []struct {
		typ  uint8
		want uint32
	}{
		{unix.DT_DIR, unix.S_IFDIR}, {unix.DT_REG, unix.S_IFREG}, {unix.DT_LNK, unix.S_IFLNK},
		{unix.DT_FIFO, unix.S_IFIFO}, {unix.DT_SOCK, unix.S_IFSOCK}, {unix.DT_CHR, unix.S_IFCHR},
		{unix.DT_BLK, unix.S_IFBLK}, {unix.DT_UNKNOWN, 0},
	} {
		if got := (Entry{Type: tt.typ}).Mode(); got != tt.want {
			t.Errorf("Mode of type %d = %o, want %o", tt.typ, got, tt.want)
		}
	}
}

func BenchmarkReadDir(b *testing.B) {
	dir := b.TempDir()
	for i := range 1000 {
		os.WriteFile(filepath.Join(dir, fmt.Sprint("file", i)), nil, 0o644)
	}
	r := NewReader(-1)
	for b.Loop() {
		fd, _ := OpenDir(unix.AT_FDCWD, CString(dir))
		r.Reset(fd)
		for {
			e, ok := r.Next()
			if !ok {
				break
			}
			var st unix.Stat_t
			Fstatat(fd, e.CName(), &st, unix.AT_SYMLINK_NOFOLLOW)
		}
		unix.Close(fd)
	}
}

func TestReadlinkat(t *testing.T) {
	dir := t.TempDir()
	os.Symlink("some/target", filepath.Join(dir, "l"))
	os.WriteFile(filepath.Join(dir, "f"), nil, 0o644)
	fd := openDir(t, dir)
	for _, c := range []struct {
		name string
		size int
		want string
		err  error
	}{
		{"l", 64, "some/target", nil},
		{"l", 4, "some", nil}, // cut to the buffer, as readlink(2) does
		{"f", 64, "", unix.EINVAL},
		{"nope", 64, "", unix.ENOENT},
	} {
		buf := make([]byte, c.size)
		n, err := Readlinkat(fd, CString(c.name), buf)
		if err != c.err || err == nil && string(buf[:n]) != c.want {
			t.Errorf("Readlinkat(%q, %d bytes) = %d, %v; want %q, %v", c.name, c.size, n, err, c.want, c.err)
		}
	}
}
