package fsremove

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

func TestRemove(t *testing.T) {
	for _, tt := range []struct {
		name     string
		r        Remover
		answers  string // y/n per prompt
		path     string
		ok       bool
		warnings []string
		prompts  []string
		stdout   string
		left     []string
	}{
		{name: "file", path: "f", ok: true, left: []string{"d", "d/e", "d/e/g"}},
		{name: "missing", path: "nope", warnings: []string{"can't remove 'nope': No such file or directory"},
			left: []string{"d", "d/e", "d/e/g", "f"}},
		{name: "missing -f", r: Remover{Force: true}, path: "nope", ok: true, left: []string{"d", "d/e", "d/e/g", "f"}},
		{name: "directory", path: "d", warnings: []string{"'d' is a directory"}, left: []string{"d", "d/e", "d/e/g", "f"}},
		{name: "tree", r: Remover{Recursive: true, Verbose: true}, path: "d", ok: true, left: []string{"f"},
			stdout: "removed 'd/e/g'\nremoved directory: 'd/e'\nremoved directory: 'd'\n"},
		{name: "interactive", r: Remover{Recursive: true, Interactive: true, Name: "rm"}, answers: "yynnn", path: "d", ok: true,
			prompts: []string{"rm: descend into directory 'd'? ", "rm: descend into directory 'd/e'? ", "rm: remove 'd/e/g'? ",
				"rm: remove directory 'd/e'? ", "rm: remove directory 'd'? "},
			left: []string{"d", "d/e", "d/e/g", "f"}},
		{name: "interactive keeps a file", r: Remover{Recursive: true, Interactive: true, Name: "rm"}, answers: "yynyy", path: "d",
			prompts: []string{"rm: descend into directory 'd'? ", "rm: descend into directory 'd/e'? ", "rm: remove 'd/e/g'? ",
				"rm: remove directory 'd/e'? ", "rm: remove directory 'd'? "},
			warnings: []string{"can't remove 'd/e': Directory not empty"},
			left:     []string{"d", "d/e", "d/e/g", "f"}},
		{name: "not through a file", path: "f/x", warnings: []string{"can't stat 'f/x': Not a directory"},
			left: []string{"d", "d/e", "d/e/g", "f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.MkdirAll(filepath.Join(dir, "d/e"), 0o755)
			for _, f := range []string{"f", "d/e/g"} {
				os.WriteFile(filepath.Join(dir, f), nil, 0o644)
			}
			var warnings, prompts []string
			var out bytes.Buffer
			answers := tt.answers
			r := tt.r
			r.Stdout = &out
			r.Resolve = func(p string) string { return filepath.Join(dir, p) }
			r.Warnf = func(f string, a ...any) { warnings = append(warnings, fmt.Sprintf(f, a...)) }
			r.Prompt = func(p string) bool {
				prompts = append(prompts, p)
				yes := answers != "" && answers[0] == 'y'
				if answers != "" {
					answers = answers[1:]
				}
				return yes
			}
			if ok := r.Remove(tt.path); ok != tt.ok {
				t.Errorf("Remove = %v, want %v", ok, tt.ok)
			}
			if fmt.Sprint(warnings) != fmt.Sprint(tt.warnings) {
				t.Errorf("warnings %q, want %q", warnings, tt.warnings)
			}
			if fmt.Sprint(prompts) != fmt.Sprint(tt.prompts) {
				t.Errorf("prompts %q, want %q", prompts, tt.prompts)
			}
			if out.String() != tt.stdout {
				t.Errorf("stdout %q, want %q", out.String(), tt.stdout)
			}
			var left []string
			filepath.Walk(dir, func(p string, _ os.FileInfo, _ error) error {
				if p != dir {
					left = append(left, strings.TrimPrefix(p, dir+"/"))
				}
				return nil
			})
			sort.Strings(left)
			if fmt.Sprint(left) != fmt.Sprint(tt.left) {
				t.Errorf("left %q, want %q", left, tt.left)
			}
		})
	}
}

// TestDeep removes a tree deeper than PATH_MAX, which BusyBox's walk by
// path names cannot reach the bottom of ("File name too long"): entries
// are named relative to their directory.
func TestDeep(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("n", 250)
	p := filepath.Join(dir, "d")
	os.Mkdir(p, 0o755)
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 { // 20 * 251 bytes > 4096
		unix.Mkdirat(fd, name, 0o755)
		next, err := unix.Openat(fd, name, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		unix.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
	}
	f, _ := unix.Openat(fd, "f", unix.O_WRONLY|unix.O_CREAT, 0o644)
	unix.Close(f)
	unix.Close(fd)
	var warnings []string
	r := &Remover{Recursive: true, Resolve: func(s string) string { return filepath.Join(dir, s) },
		Warnf: func(f string, a ...any) { warnings = append(warnings, fmt.Sprintf(f, a...)) }}
	if !r.Remove("d") || len(warnings) != 0 {
		t.Errorf("remove failed: %.200q", warnings)
	}
	if _, err := os.Lstat(p); !os.IsNotExist(err) {
		t.Errorf("d is still there: %v", err)
	}
}
