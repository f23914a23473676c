package du

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func size(t *testing.T, p string) int64 {
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func blocks(t *testing.T, p string) int64 {
	st, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Blocks
}

func TestDu(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "d/sub"), 0755)
	os.WriteFile(filepath.Join(dir, "d/a"), make([]byte, 3000), 0644)
	os.WriteFile(filepath.Join(dir, "d/sub/b"), make([]byte, 5000), 0644)
	os.Link(filepath.Join(dir, "d/a"), filepath.Join(dir, "d/sub/hard"))
	os.WriteFile(filepath.Join(dir, "big"), make([]byte, 3<<20), 0644)
	ds, ss := size(t, filepath.Join(dir, "d")), size(t, filepath.Join(dir, "d/sub"))
	all := ds + ss + 3000 + 5000

	tests := []struct {
		args   []string
		out    string
		stderr string
		code   int
	}{
		{[]string{"-b", "-s", "d"}, fmt.Sprintf("%d\td\n", all), "", 0},
		{[]string{"-bl", "-s", "d"}, fmt.Sprintf("%d\td\n", all+3000), "", 0},
		{[]string{"-bc", "-s", "d", "big"}, fmt.Sprintf("%d\td\n%d\tbig\n%d\ttotal\n", all, 3<<20, all+3<<20), "", 0},
		{[]string{"-b", "-d", "0", "d"}, fmt.Sprintf("%d\td\n", all), "", 0},
		{[]string{"-b", "big"}, "3145728\tbig\n", "", 0},
		{[]string{"-bh", "big"}, "3.0M\tbig\n", "", 0},
		{[]string{"-bm", "big"}, "3\tbig\n", "", 0},
		{[]string{"-bk", "big"}, "3072\tbig\n", "", 0},
		{[]string{"-b", "d/sub/b"}, "5000\td/sub/b\n", "", 0},
		{[]string{"-b", "-s", "d", "d"}, fmt.Sprintf("%d\td\n", all), "", 0}, // seen once
		{[]string{"-s", "-b", "nx", "big"}, "3145728\tbig\n", "du: nx: No such file or directory\n", 1},
		{[]string{"-d", "x"}, "", "du: invalid number 'x'\n", 1},
		{[]string{"-x-"}, "", "-", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
		})
	}

	// Tree output: directories after their contents, files only with -a.
	r := applettest.RunIn(t, dir, &Applet, "-b", "d")
	lines := strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "\td/sub") || lines[1] != fmt.Sprintf("%d\td", all) {
		t.Errorf("du -b d:\n%s", r.Stdout)
	}
	r = applettest.RunIn(t, dir, &Applet, "-ab", "d")
	if n := strings.Count(r.Stdout, "\n"); n != 4 { // a (or hard), sub/b, sub, d
		t.Errorf("du -ab d:\n%s", r.Stdout)
	}

	// Default unit: 1K blocks from st_blocks, rounded up.
	k := (blocks(t, filepath.Join(dir, "big")) + 1) / 2
	applettest.RunIn(t, dir, &Applet, "big").Expect(t, fmt.Sprintf("%d\tbig\n", k), 0)
	applettest.Cmd{Args: []string{"big"}, Dir: dir, Env: []string{"POSIXLY_CORRECT=1"}}.Run(t, &Applet).
		Expect(t, fmt.Sprintf("%d\tbig\n", blocks(t, filepath.Join(dir, "big"))), 0)
}

func TestDuSymlinks(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0755)
	os.WriteFile(filepath.Join(dir, "real/f"), make([]byte, 10000), 0644)
	os.Symlink("real", filepath.Join(dir, "link"))
	ls := size(t, filepath.Join(dir, "link"))
	rs := size(t, filepath.Join(dir, "real"))
	applettest.RunIn(t, dir, &Applet, "-b", "link").Expect(t, fmt.Sprintf("%d\tlink\n", ls), 0)
	applettest.RunIn(t, dir, &Applet, "-bsH", "link").Expect(t, fmt.Sprintf("%d\tlink\n", rs+10000), 0)
	applettest.RunIn(t, dir, &Applet, "-bsL", "link").Expect(t, fmt.Sprintf("%d\tlink\n", rs+10000), 0)
}

// TestDuWalk checks the descriptor-relative walk: names as given (a
// trailing slash kept, no doubled one), "." and ".." skipped, directories
// larger than one getdents buffer, and nesting between buffers.
func TestDuWalk(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 200)
	os.Mkdir(filepath.Join(dir, "t"), 0o755)
	var want []string
	for i := 0; i < 300; i++ { // about 65 KB of dirents: several getdents calls
		name := fmt.Sprintf("t/%s%03d", long, i)
		if i%100 == 50 {
			os.MkdirAll(filepath.Join(dir, name, "in"), 0o755)
			os.WriteFile(filepath.Join(dir, name, "in", "f"), []byte("x"), 0o644)
			want = append(want, name+"/in/f", name+"/in", name)
			continue
		}
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
		want = append(want, name)
	}
	want = append(want, "t")
	r := applettest.RunIn(t, dir, &Applet, "-a", "t")
	var got []string
	for _, l := range strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n") {
		_, name, _ := strings.Cut(l, "\t")
		got = append(got, name)
	}
	if r.Code != 0 || len(got) != len(want) || got[len(got)-1] != "t" {
		t.Fatalf("du -a t: status %d, %d lines, want %d", r.Code, len(got), len(want))
	}
	seen := map[string]bool{}
	for _, g := range got {
		seen[g] = true
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("du -a t: %s missing", w)
		}
	}
	r = applettest.RunIn(t, dir, &Applet, "-s", "-b", "t/", filepath.Join(dir, "t")+"//")
	if !strings.HasSuffix(r.Stdout, "\tt/\n") || r.Stderr != "" || strings.Contains(r.Stdout, "///") {
		t.Errorf("du -s t/ t//: %q %q", r.Stdout, r.Stderr)
	}
	r = applettest.RunIn(t, dir, &Applet, "-a", "-d", "1", "t/")
	if n := strings.Count(r.Stdout, "\n"); n != 301 || !strings.Contains(r.Stdout, "\tt/"+long+"050\n") || strings.Contains(r.Stdout, "/in") {
		t.Errorf("du -a -d 1 t/: %d lines\n%s", n, r.Stdout)
	}
	// A directory inside a symlinked directory, with -L, is read
	// through the link.
	os.Symlink("t", filepath.Join(dir, "lt"))
	r = applettest.RunIn(t, dir, &Applet, "-L", "lt")
	if !strings.Contains(r.Stdout, "\tlt/"+long+"150/in\n") || !strings.HasSuffix(r.Stdout, "\tlt\n") {
		t.Errorf("du -L lt:\n%s", r.Stdout)
	}
}

// BenchmarkDu walks a generated tree of 100 directories of 50 files.
func BenchmarkDu(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < 10; i++ {
		for j := 0; j < 10; j++ {
			d := filepath.Join(dir, fmt.Sprintf("d%d", i), fmt.Sprintf("e%d", j))
			if err := os.MkdirAll(d, 0o755); err != nil {
				b.Fatal(err)
			}
			for k := 0; k < 50; k++ {
				os.WriteFile(filepath.Join(d, fmt.Sprintf("file%d", k)), nil, 0o644)
			}
		}
	}
	b.ResetTimer()
	for b.Loop() {
		ctx := &applet.Ctx{Context: context.Background(), Name: "du", Stdout: io.Discard, Stderr: io.Discard, Dir: dir}
		if code := applet.Run(ctx, &Applet, []string{"."}); code != 0 {
			b.Fatalf("status %d", code)
		}
	}
}
