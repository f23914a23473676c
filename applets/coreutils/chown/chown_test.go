package chown

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applettest"
)

// tree makes d/{f,sub/g}, d/lf -> f, d/ls -> sub, all owned by 0:0.
func tree(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	dir := t.TempDir()
	d := filepath.Join(dir, "d")
	os.MkdirAll(filepath.Join(d, "sub"), 0755)
	os.WriteFile(filepath.Join(d, "f"), nil, 0644)
	os.WriteFile(filepath.Join(d, "sub/g"), nil, 0644)
	os.Symlink("f", filepath.Join(d, "lf"))
	os.Symlink("sub", filepath.Join(d, "ls"))
	filepath.Walk(d, func(p string, _ os.FileInfo, _ error) error { return os.Lchown(p, 0, 0) })
	return dir
}

// owners lists "name uid:gid" (lstat) for each name.
func owners(t *testing.T, dir string, names ...string) string {
	var b strings.Builder
	for _, n := range names {
		st, err := os.Lstat(filepath.Join(dir, n))
		if err != nil {
			fmt.Fprintf(&b, "%s missing;", n)
			continue
		}
		s := st.Sys().(*syscall.Stat_t)
		fmt.Fprintf(&b, "%s %d:%d;", n, s.Uid, s.Gid)
	}
	return b.String()
}

func TestChown(t *testing.T) {
	all := []string{"d", "d/f", "d/sub", "d/sub/g", "d/lf", "d/ls"}
	tests := []struct {
		name   string
		args   []string
		out    string
		stderr string
		code   int
		owners string
	}{
		{"user and group", []string{"5:6", "d/f"}, "", "", 0,
			"d 0:0;d/f 5:6;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"user only", []string{"-v", "5", "d/f"}, "changed ownership of 'd/f' to 5:0\n", "", 0,
			"d 0:0;d/f 5:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"group only dot", []string{"-v", ".7", "d/f"}, "changed ownership of 'd/f' to 0:7\n", "", 0,
			"d 0:0;d/f 0:7;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"follows link", []string{"5:6", "d/lf"}, "", "", 0,
			"d 0:0;d/f 5:6;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"-h", []string{"-h", "5:6", "d/lf"}, "", "", 0,
			"d 0:0;d/f 0:0;d/sub 0:0;d/sub/g 0:0;d/lf 5:6;d/ls 0:0;"},
		{"-R", []string{"-R", "5:6", "d"}, "", "", 0,
			"d 5:6;d/f 5:6;d/sub 5:6;d/sub/g 5:6;d/lf 5:6;d/ls 5:6;"},
		{"-R on link", []string{"-R", "5:6", "d/ls"}, "", "", 0,
			"d 0:0;d/f 0:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 5:6;"},
		{"-RH on link", []string{"-RH", "5:6", "d/ls"}, "", "", 0,
			"d 0:0;d/f 0:0;d/sub 5:6;d/sub/g 5:6;d/lf 0:0;d/ls 0:0;"},
		{"-c unchanged", []string{"-c", "0:0", "d/f"}, "", "", 0,
			"d 0:0;d/f 0:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"-c changed", []string{"-c", "1", "d/f"}, "changed ownership of 'd/f' to 1:0\n", "", 0,
			"d 0:0;d/f 1:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"missing", []string{"1", "d/nx", "d/f"}, "", "chown: d/nx: No such file or directory\n", 1,
			"d 0:0;d/f 1:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"-f still reports stat errors", []string{"-f", "1", "d/nx"}, "", "chown: d/nx: No such file or directory\n", 1,
			"d 0:0;d/f 0:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"unknown user", []string{"no_such_user_x", "d/f"}, "", "chown: unknown user no_such_user_x\n", 1,
			"d 0:0;d/f 0:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
		{"too few", []string{"0"}, "", "-", 1,
			"d 0:0;d/f 0:0;d/sub 0:0;d/sub/g 0:0;d/lf 0:0;d/ls 0:0;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tree(t)
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
			if got := owners(t, dir, all...); got != tt.owners {
				t.Errorf("owners\n%s, want\n%s", got, tt.owners)
			}
		})
	}
}

func TestChownVerboseRecursiveOrder(t *testing.T) {
	dir := tree(t)
	r := applettest.RunIn(t, dir, &Applet, "-Rv", "3:4", "d/sub")
	r.Expect(t, "changed ownership of 'd/sub/g' to 3:4\nchanged ownership of 'd/sub' to 3:4\n", 0)
}

// TestChownLinkLoop: -L through a loop of symlinks ends where BusyBox's
// walk by path names ends, at the path holding one link more than the
// kernel follows (Alpine: one "Symbolic link loop" error, status 1).
func TestChownLinkLoop(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "loop/d"), 0o755)
	os.Symlink("..", filepath.Join(dir, "loop/d/up"))
	owner := fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())
	r := applettest.RunIn(t, dir, &Applet, "-RL", owner, "loop")
	r.Expect(t, "", 1)
	want := "chown: loop" + strings.Repeat("/d/up", 41) + ": Symbolic link loop\n"
	if r.Stderr != want {
		t.Errorf("stderr %q\nwant %q", r.Stderr, want)
	}
}
