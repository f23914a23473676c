package makedir

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

func TestMake(t *testing.T) {
	for _, tt := range []struct {
		name     string
		existing []string // directories made first
		file     string   // a regular file made first
		md       MakeDir
		path     string
		ok       bool
		warnings []string
		stdout   string
		modes    map[string]uint32 // directory -> mode wanted
	}{
		{name: "one", md: MakeDir{Mode: -1}, path: "a", ok: true, modes: map[string]uint32{"a": 0o755}},
		{name: "umask", md: MakeDir{Mode: -1, Umask: 0o027}, path: "a", ok: true, modes: map[string]uint32{"a": 0o750}},
		{name: "mode", md: MakeDir{Mode: 0o1751}, path: "a", ok: true, modes: map[string]uint32{"a": 0o1751}},
		{name: "exists", existing: []string{"a"}, md: MakeDir{Mode: -1}, path: "a",
			warnings: []string{"can't create directory 'a': File exists"}},
		{name: "missing parent", md: MakeDir{Mode: -1}, path: "a/b",
			warnings: []string{"can't create directory 'a/b': No such file or directory"}},
		{name: "parents", md: MakeDir{Mode: 0o700, Parents: true, Verbose: true}, path: "a//b/c/", ok: true,
			stdout: "created directory: 'a//'\ncreated directory: 'a//b/'\ncreated directory: 'a//b/c/'\n",
			modes:  map[string]uint32{"a": 0o755, "a/b": 0o755, "a/b/c": 0o700}},
		{name: "parents keep u+wx", md: MakeDir{Mode: -1, Parents: true, Umask: 0o377}, path: "a/b", ok: true,
			modes: map[string]uint32{"a": 0o700, "a/b": 0o400}},
		{name: "parents exist", existing: []string{"a/b"}, md: MakeDir{Mode: 0o700, Parents: true}, path: "a/b", ok: true,
			modes: map[string]uint32{"a/b": 0o755}},
		{name: "parents through a file", file: "a", md: MakeDir{Mode: -1, Parents: true}, path: "a/b",
			warnings: []string{"can't create directory 'a/': File exists"}},
		{name: "root and dot", md: MakeDir{Mode: 0o700, Parents: true}, path: ".", ok: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, d := range tt.existing {
				os.MkdirAll(filepath.Join(dir, d), 0o755)
			}
			if tt.file != "" {
				os.WriteFile(filepath.Join(dir, tt.file), nil, 0o644)
			}
			old := unix.Umask(0o022) // the test's own files; MakeDir uses its Umask
			defer unix.Umask(old)
			var warnings []string
			var out bytes.Buffer
			md := tt.md
			md.Stdout = &out
			md.Resolve = func(p string) string { return filepath.Join(dir, p) }
			md.Warnf = func(f string, a ...any) { warnings = append(warnings, fmt.Sprintf(f, a...)) }
			if ok := md.Make(tt.path); ok != tt.ok {
				t.Errorf("Make = %v, want %v", ok, tt.ok)
			}
			if fmt.Sprint(warnings) != fmt.Sprint(tt.warnings) {
				t.Errorf("warnings %q, want %q", warnings, tt.warnings)
			}
			if out.String() != tt.stdout {
				t.Errorf("stdout %q, want %q", out.String(), tt.stdout)
			}
			for d, m := range tt.modes {
				var st unix.Stat_t
				if err := unix.Stat(filepath.Join(dir, d), &st); err != nil || st.Mode&0o7777 != m {
					t.Errorf("%s: mode %o (%v), want %o", d, st.Mode&0o7777, err, m)
				}
			}
		})
	}
}
