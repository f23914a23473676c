package sed

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func writeFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// onlyFiles fails unless dir holds exactly names: no temporary file is
// left behind.
func onlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("files %v, want %v", got, names)
	}
}

// TestInPlaceKeepsModeAndOwner: the new file has the old one's mode and
// owner; set-id bits go, as in BusyBox (the owner is set after the mode).
func TestInPlaceKeepsModeAndOwner(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	writeFile(t, f, "one\n", 0o640)
	root := os.Getuid() == 0
	if root {
		if err := os.Chown(f, 1234, 5678); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.Stat(f)
	r := applettest.RunIn(t, dir, &Applet, "-i", "s/o/0/", "f")
	r.Expect(t, "", 0)
	after, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, f); got != "0ne\n" {
		t.Errorf("content %q", got)
	}
	if after.Mode() != 0o640 {
		t.Errorf("mode %v, want -rw-r-----", after.Mode())
	}
	if os.SameFile(before, after) {
		t.Error("the file was rewritten in place, not replaced")
	}
	if st := after.Sys().(*syscall.Stat_t); root && (st.Uid != 1234 || st.Gid != 5678) {
		t.Errorf("owner %d:%d, want 1234:5678", st.Uid, st.Gid)
	}
	if root {
		writeFile(t, f, "x\n", 0o4755)
		applettest.RunIn(t, dir, &Applet, "-i", "p", "f").Expect(t, "", 0)
		if st, _ := os.Stat(f); st.Mode() != 0o755 {
			t.Errorf("set-uid file: mode %v, want -rwxr-xr-x", st.Mode())
		}
	}
	onlyFiles(t, dir, "f")
}

// TestInPlaceBackup: the backup is the old file itself (a second name
// of it), and an existing backup is replaced.
func TestInPlaceBackup(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	writeFile(t, f, "one\n", 0o644)
	writeFile(t, f+".bak", "old backup\n", 0o644)
	before, _ := os.Stat(f)
	applettest.RunIn(t, dir, &Applet, "-i.bak", "s/o/0/", "f").Expect(t, "", 0)
	bak, err := os.Stat(f + ".bak")
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, bak) || readFile(t, f+".bak") != "one\n" || readFile(t, f) != "0ne\n" {
		t.Errorf("backup %q (same file: %v), file %q", readFile(t, f+".bak"), os.SameFile(before, bak), readFile(t, f))
	}
	onlyFiles(t, dir, "f", "f.bak")
}

// TestInPlaceSymlink: as in BusyBox and GNU sed, the link is replaced by
// a file with the edited text of its target, which stays as it was.
func TestInPlaceSymlink(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "target"), "one\n", 0o600)
	if err := os.Symlink("target", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	applettest.RunIn(t, dir, &Applet, "-i", "s/o/0/", "link").Expect(t, "", 0)
	st, err := os.Lstat(filepath.Join(dir, "link"))
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o600 {
		t.Fatalf("link is now %v, %v", st, err)
	}
	if readFile(t, filepath.Join(dir, "link")) != "0ne\n" || readFile(t, filepath.Join(dir, "target")) != "one\n" {
		t.Error("wrong contents")
	}
}

// TestInPlaceSubdir: relative names are the Ctx's, and the temporary
// file is made beside the file.
func TestInPlaceSubdir(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	writeFile(t, filepath.Join(dir, "sub", "f"), "a\n", 0o644)
	applettest.RunIn(t, dir, &Applet, "-i", "s/a/b/", "sub/f").Expect(t, "", 0)
	if got := readFile(t, filepath.Join(dir, "sub", "f")); got != "b\n" {
		t.Errorf("got %q", got)
	}
	onlyFiles(t, filepath.Join(dir, "sub"), "f")
}

// TestInPlaceErrorKeepsFile: a script error half way leaves the file as
// it was and no temporary file; the files before it are done.
func TestInPlaceErrorKeepsFile(t *testing.T) {
	for _, tc := range []struct {
		script, err, a string
	}{
		{"/^2$/!{p", "sed: unterminated {\n", "X\nX\n"},
		{"3s//x/", "sed: no previous regexp\n", "X\n"},
	} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "a"), "1\n", 0o644)
		writeFile(t, filepath.Join(dir, "b"), "1\n2\n3\n", 0o644)
		writeFile(t, filepath.Join(dir, "c"), "1\n2\n3\n", 0o644)
		r := applettest.RunIn(t, dir, &Applet, "-i", "-e", "y/1/X/", "-e", tc.script, "a", "b", "c")
		if r.Code != 1 || r.Stderr != tc.err {
			t.Errorf("%s: status %d, stderr %q", tc.script, r.Code, r.Stderr)
		}
		if readFile(t, filepath.Join(dir, "b")) != "1\n2\n3\n" || readFile(t, filepath.Join(dir, "c")) != "1\n2\n3\n" {
			t.Errorf("%s: b or c changed", tc.script)
		}
		if got := readFile(t, filepath.Join(dir, "a")); got != tc.a {
			t.Errorf("%s: a is %q", tc.script, got)
		}
		onlyFiles(t, dir, "a", "b", "c")
	}
}

// TestInPlaceCancelled: cancelled (Ctrl-C in the shell), sed leaves the
// file as it was.
func TestInPlaceCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "f"), strings.Repeat("line\n", 5000), 0o644)
	cctx, cancel := context.WithCancel(context.Background())
	cancel()
	ctx := &applet.Ctx{Context: cctx, Dir: dir}
	if code := applet.Run(ctx, &Applet, []string{"-i", "s/l/L/", "f"}); code != 130 {
		t.Errorf("status %d, want 130", code)
	}
	if got := readFile(t, filepath.Join(dir, "f")); got != strings.Repeat("line\n", 5000) {
		t.Error("file changed")
	}
	onlyFiles(t, dir, "f")
}

// TestInPlaceStdoutFile: w /dev/stdout writes to sed's standard output,
// not into the file being edited.
func TestInPlaceStdoutFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "f"), "a\nb\n", 0o644)
	applettest.RunIn(t, dir, &Applet, "-i", "-e", "s/b/B/w /dev/stdout", "f").Expect(t, "B\n", 0)
	if got := readFile(t, filepath.Join(dir, "f")); got != "a\nB\n" {
		t.Errorf("file %q", got)
	}
}

// TestWriteFileUmask: w files are created with the Ctx's umask, not the
// process's.
func TestWriteFileUmask(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	dir := t.TempDir()
	mask := uint32(0o027)
	r := applettest.Cmd{Args: []string{"-n", "w out"}, Dir: dir, Stdin: "x\n", Umask: &mask}.Run(t, &Applet)
	r.Expect(t, "", 0)
	st, err := os.Stat(filepath.Join(dir, "out"))
	if err != nil || st.Mode().Perm() != 0o640 {
		t.Errorf("out: %v %v, want -rw-r-----", st.Mode(), err)
	}
}
