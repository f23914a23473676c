package cpio

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applettest"
)

// gnuCpio returns the path of GNU cpio, or skips the test.
func gnuCpio(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("cpio")
	if err != nil {
		t.Skip("GNU cpio is not installed (scripts/ci-deps.sh installs it)")
	}
	if out, _ := exec.Command(p, "--version").Output(); !strings.Contains(string(out), "GNU cpio") {
		t.Skip("cpio is not GNU cpio")
	}
	return p
}

// interopTree makes regular files (empty to a few MB), a directory
// tree, hard links, symlinks (relative, dangling, long), a fifo and a
// long name.
func interopTree(t *testing.T, root string) []string {
	long := strings.Repeat("long-directory-name/", 12) + strings.Repeat("f", 200)
	tree(t, root, map[string]string{
		"empty": "", "small": "hello\n", "big": strings.Repeat("0123456789abcdef", 200000),
		"dir/nested/f": "nested\n", long: "deep\n", "ünïcödé": "u\n",
		"rel": "->small", "dangling": "->nowhere", "longlink": "->" + strings.Repeat("x/", 500),
	})
	os.Link(filepath.Join(root, "small"), filepath.Join(root, "hard1"))
	os.Link(filepath.Join(root, "small"), filepath.Join(root, "dir/hard2"))
	os.Link(filepath.Join(root, "empty"), filepath.Join(root, "hardempty"))
	syscall.Mkfifo(filepath.Join(root, "fifo"), 0o640)
	os.Chmod(filepath.Join(root, "dir/nested"), 0o750)
	var names []string
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if p != root {
			names = append(names, strings.TrimPrefix(p, root+"/"))
		}
		return nil
	})
	return names
}

// describe is a tree's listing: names, types, modes, sizes, contents,
// link targets and hard link groups.
func describe(t *testing.T, root string) string {
	var lines []string
	inodes := map[uint64]string{}
	filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == root {
			return err
		}
		name := strings.TrimPrefix(p, root+"/")
		line := fmt.Sprintf("%s %v", name, fi.Mode())
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			line += " -> " + l
		case fi.Mode().IsRegular():
			b, _ := os.ReadFile(p)
			line += fmt.Sprintf(" %d %x", len(b), sha256.Sum256(b))
			ino := fi.Sys().(*syscall.Stat_t).Ino
			if first, ok := inodes[ino]; ok {
				line += " = " + first
			} else {
				inodes[ino] = name
			}
		}
		lines = append(lines, line)
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestInterop(t *testing.T) {
	gnu := gnuCpio(t)
	src := t.TempDir()
	names := interopTree(t, src)
	list := strings.Join(names, "\n") + "\n"
	want := describe(t, src)
	for _, format := range []string{"newc", "odc", "crc"} {
		t.Run("gnu-to-gobox-"+format, func(t *testing.T) {
			cmd := exec.Command(gnu, "-o", "--quiet", "-H", format)
			cmd.Dir, cmd.Stdin = src, strings.NewReader(list)
			archive, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			dst := t.TempDir()
			r := applettest.Cmd{Args: []string{"-id", "--quiet"}, Dir: dst, Stdin: string(archive)}.Run(t, &Applet)
			if r.Code != 0 || r.Stderr != "" {
				t.Fatalf("gobox -i: %d %q", r.Code, r.Stderr)
			}
			if got := describe(t, dst); got != want {
				t.Errorf("tree differs:\n%s\nwant\n%s", got, want)
			}
		})
		t.Run("gobox-to-gnu-"+format, func(t *testing.T) {
			r := applettest.Cmd{Args: []string{"-o", "-H", format}, Dir: src, Stdin: list}.Run(t, &Applet)
			if r.Code != 0 {
				t.Fatalf("gobox -o: %d %q", r.Code, r.Stderr)
			}
			dst := t.TempDir()
			cmd := exec.Command(gnu, "-id", "--quiet")
			cmd.Dir, cmd.Stdin = dst, strings.NewReader(r.Stdout)
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Run(); err != nil || errb.Len() > 0 {
				t.Fatalf("GNU cpio -i: %v %s", err, errb.String())
			}
			if got := describe(t, dst); got != want {
				t.Errorf("tree differs:\n%s\nwant\n%s", got, want)
			}
		})
	}
}
