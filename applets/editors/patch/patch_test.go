package patch

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/applets/editors/diff"
	"gobox/internal/applettest"
)

// TestPatch runs patch on files and checks its output, status and the
// files after. Where BusyBox has the case, the expected results are
// BusyBox 1.35's patch (Debian's build; Alpine's has no patch).
func TestPatch(t *testing.T) {
	const f13 = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	tests := []struct {
		name   string
		files  map[string]string
		args   []string
		stdin  string
		out    string
		stderr string
		code   int
		after  map[string]string // "" content: the file must not exist
	}{
		{name: "insert", files: map[string]string{"input": "qwe\nzxc\n"},
			stdin: "--- input\tJan 01 01:01:01 2000\n+++ input\tJan 01 01:01:01 2000\n@@ -1,2 +1,3 @@\n qwe\n+asd\n zxc\n",
			out:   "patching file input\n", after: map[string]string{"input": "qwe\nasd\nzxc\n"}},
		{name: "reverse", files: map[string]string{"input": "qwe\nasd\nzxc\n"}, args: []string{"-R"},
			stdin: "--- input\n+++ input\n@@ -1,2 +1,3 @@\n qwe\n+asd\n zxc\n",
			out:   "patching file input\n", after: map[string]string{"input": "qwe\nzxc\n"}},
		{name: "already applied", files: map[string]string{"input": "abc\ndef\n123\n"},
			stdin:  "--- input.old\n+++ input\n@@ -1,2 +1,3 @@\n abc\n+def\n 123\n",
			out:    "patching file input\n",
			stderr: "Possibly reversed hunk 1 at 4\nHunk 1 FAILED 1/1.\n abc\n+def\n 123\n", code: 1,
			after: map[string]string{"input": "abc\ndef\n123\n"}},
		{name: "-N already applied", files: map[string]string{"input": "abc\ndef\n123\n"}, args: []string{"-N"},
			stdin: "--- input\n+++ input\n@@ -1,2 +1,3 @@\n abc\n+def\n 123\n",
			out:   "patching file input\n", after: map[string]string{"input": "abc\ndef\n123\n"}},
		{name: "second hunk fails, file kept", files: map[string]string{"f": f13},
			stdin:  "--- f\n+++ f\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n@@ -10,3 +10,3 @@\n j\n-X\n+K\n l\n",
			out:    "patching file f\n",
			stderr: "Hunk 2 FAILED 10/10.\n j\n-X\n+K\n l\n", code: 1,
			after: map[string]string{"f": f13}},
		{name: "offset", files: map[string]string{"f": "0\n0\n" + f13},
			stdin: "--- f\n+++ f\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n",
			out:   "patching file f\n", after: map[string]string{"f": "0\n0\n" + strings.Replace(f13, "c", "C", 1)}},
		{name: "creates", stdin: "--- /dev/null\n+++ dir/new\n@@ -0,0 +1,2 @@\n+x\n+y\n", args: []string{"-p0"},
			out: "creating dir/new\n", after: map[string]string{"dir/new": "x\ny\n"}},
		{name: "create exists", files: map[string]string{"new": "old\n"},
			stdin: "--- /dev/null\n+++ new\n@@ -0,0 +1 @@\n+x\n",
			out:   "creating new\n", stderr: "patch: can't open 'new': File exists\n", code: 1,
			after: map[string]string{"new": "old\n"}},
		{name: "-E removes", files: map[string]string{"f": "x\ny\n"}, args: []string{"-E"},
			stdin: "--- a/f\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n",
			out:   "removing f\n", after: map[string]string{"f": ""}},
		{name: "empties", files: map[string]string{"f": "x\ny\n"},
			stdin: "--- a/f\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-x\n-y\n",
			out:   "patching file f\n", after: map[string]string{"f": "\x00empty"}},
		{name: "dry run", files: map[string]string{"f": f13}, args: []string{"--dry-run"},
			stdin: "--- f\n+++ f\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n",
			out:   "patching file f\n", after: map[string]string{"f": f13}},
		{name: "-p1 and ORIGFILE", files: map[string]string{"g": "qwe\nzxc\n", "p": "--- a/x/y\n+++ b/x/y\n@@ -1,2 +1,3 @@\n qwe\n+asd\n zxc\n"},
			args: []string{"g", "p"}, out: "patching file g\n", after: map[string]string{"g": "qwe\nasd\nzxc\n"}},
		{name: "-p strips", files: map[string]string{"x//y": "qwe\n"}, args: []string{"-p1"},
			stdin: "--- a//x//y\n+++ a//x//y\n@@ -1 +1 @@\n-qwe\n+QWE\n",
			out:   "patching file x//y\n", after: map[string]string{"x/y": "QWE\n"}},
		{name: "no newline markers", files: map[string]string{"f": "a\nb"},
			stdin: "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
			out:   "patching file f\n", after: map[string]string{"f": "a\nc"}},
		// BusyBox applies a hunk at the first place its lines match;
		// gobox tries the place the header gives first.
		{name: "stated place first", files: map[string]string{"f": "a\na\nb\na\na\nb\n"},
			stdin: "--- f\n+++ f\n@@ -4,3 +4,3 @@\n a\n-a\n+X\n b\n",
			out:   "patching file f\n", after: map[string]string{"f": "a\na\nb\na\nX\nb\n"}},
		{name: "U0 deletion", files: map[string]string{"f": "a\nb\nc\n"},
			stdin: "--- f\n+++ f\n@@ -2 +1,0 @@\n-b\n",
			out:   "patching file f\n", after: map[string]string{"f": "a\nc\n"}},
		{name: "-o", files: map[string]string{"f": "qwe\nzxc\n"}, args: []string{"-o", "out"},
			stdin: "--- f\n+++ f\n@@ -1,2 +1,3 @@\n qwe\n+asd\n zxc\n",
			out:   "patching file f\n", after: map[string]string{"f": "qwe\nzxc\n", "out": "qwe\nasd\nzxc\n"}},
		{name: "-b", files: map[string]string{"f": "qwe\n"}, args: []string{"-b"},
			stdin: "--- f\n+++ f\n@@ -1 +1 @@\n-qwe\n+asd\n",
			out:   "patching file f\n", after: map[string]string{"f": "asd\n", "f.orig": "qwe\n"}},
		{name: "really", files: map[string]string{"f": "a\n"}, stdin: "--- f\n+++ f\n@@ -0,0 +0,0 @@\n",
			stderr: "patch: Really? @@ -0,0 +0,0 @@\n", code: 1},
		{name: "missing patch", args: []string{"-i", "nope"}, stderr: "patch: can't open 'nope': No such file or directory\n", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := applettest.Cmd{Args: tt.args, Dir: dir, Stdin: tt.stdin}.Run(t, &Applet)
			if r.Stdout != tt.out || r.Stderr != tt.stderr || r.Code != tt.code {
				t.Errorf("got %q %q %d, want %q %q %d", r.Stdout, r.Stderr, r.Code, tt.out, tt.stderr, tt.code)
			}
			for name, want := range tt.after {
				b, err := os.ReadFile(filepath.Join(dir, name))
				switch {
				case want == "":
					if err == nil {
						t.Errorf("%s exists", name)
					}
				case want == "\x00empty":
					if err != nil || len(b) != 0 {
						t.Errorf("%s: %q %v, want empty", name, b, err)
					}
				case string(b) != want:
					t.Errorf("%s: %q, want %q", name, b, want)
				}
			}
			// No temporary file is left behind.
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if _, ok := tt.files[e.Name()]; !ok && tt.after[e.Name()] == "" && e.Name() != "dir" && e.Name() != "x" {
					t.Errorf("left %s", e.Name())
				}
			}
		})
	}
}

// TestRoundTrip patches random files with diff's output for random
// changes, with several amounts of context and both directions (-R),
// and checks that the result is the other file, byte for byte.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	words := []string{"a", "b", "c", "", " a", "a\tb"}
	gen := func(base []string) []string {
		if base == nil || r.IntN(4) == 0 {
			n := r.IntN(30)
			s := make([]string, n)
			for i := range s {
				s[i] = words[r.IntN(len(words))]
			}
			return s
		}
		s := append([]string(nil), base...)
		for range r.IntN(6) {
			i := r.IntN(len(s) + 1)
			switch r.IntN(3) {
			case 0:
				if i < len(s) {
					s = append(s[:i], s[i+1:]...)
				}
			case 1:
				s = append(s[:i], append([]string{words[r.IntN(len(words))]}, s[i:]...)...)
			default:
				if i < len(s) {
					s[i] = words[r.IntN(len(words))]
				}
			}
		}
		return s
	}
	text := func(lines []string) string {
		s := strings.Join(lines, "\n")
		if len(lines) > 0 && r.IntN(5) != 0 {
			s += "\n"
		}
		return s
	}
	dir := t.TempDir()
	// Each patch syncs its file: keep the count modest.
	for i := range 80 {
		a := gen(nil)
		b := gen(a)
		ta, tb := text(a), text(b)
		for _, u := range []string{"3", "0", "1"} {
			os.WriteFile(filepath.Join(dir, "a"), []byte(ta), 0o644)
			os.WriteFile(filepath.Join(dir, "b"), []byte(tb), 0o644)
			d := applettest.RunIn(t, dir, &diff.Applet, "-U", u, "a", "b")
			os.WriteFile(filepath.Join(dir, "p"), []byte(d.Stdout), 0o644)
			p := applettest.RunIn(t, dir, &Applet, "-s", "-i", "p", "a")
			got, _ := os.ReadFile(filepath.Join(dir, "a"))
			if p.Code != 0 || string(got) != tb {
				t.Fatalf("case %d -U%s: %q -> %q: patch gave %q (%+v)\n%s", i, u, ta, tb, got, p, d.Stdout)
			}
			p = applettest.RunIn(t, dir, &Applet, "-s", "-R", "-i", "p", "a")
			got, _ = os.ReadFile(filepath.Join(dir, "a"))
			if p.Code != 0 || string(got) != ta {
				t.Fatalf("case %d -U%s -R: %q -> %q: patch gave %q (%+v)\n%s", i, u, tb, ta, got, p, d.Stdout)
			}
		}
	}
}

// FuzzPatch feeds arbitrary patches (and files) to patch: it must never
// panic, and a file it fails on must stay as it was.
func FuzzPatch(f *testing.F) {
	f.Add("a\nb\n", "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n")
	f.Add("", "--- /dev/null\n+++ f\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n")
	f.Add("x\n", "--- f\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")
	f.Add("a\n", "+++ f\n@@ -1 +1 @@\n-a\n+b\n@@ -9,0 +9 @@\n+z\n")
	f.Add("a\n", "--- f\n+++ f\n@@ -,x +\n \n\\\n-- \n")
	f.Fuzz(func(t *testing.T, file, patch string) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "f"), []byte(file), 0o644)
		os.WriteFile(filepath.Join(dir, "p"), []byte(patch), 0o644)
		r := applettest.Cmd{Args: []string{"-i", "p", "f"}, Dir: dir}.Run(t, &Applet)
		if r.Code != 0 {
			if got, err := os.ReadFile(filepath.Join(dir, "f")); err == nil && string(got) != file && !strings.Contains(patch, "/dev/null") {
				t.Errorf("status %d but f changed: %q -> %q", r.Code, file, got)
			}
		}
	})
}
