package join

import (
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

// TestJoin checks exact output in cases whose results were taken from
// GNU's join 9.1 (C locale), so that they hold without it.
func TestJoin(t *testing.T) {
	files := map[string]string{
		"a":    "a 1\nb 2 \nc 3\n",
		"b":    "a x\nb y\nd z\n",
		"uns":  "b\na\nc\n",
		"one":  "a\n",
		"csv1": "id,name\n1,ann\n3,\n",
		"csv2": "id,age\n1,30\n4,50\n",
		"nul":  "a 1\x00b\n2\x00",
	}
	cases := []struct {
		args         []string
		stdin        string
		out, errText string
		code         int
	}{
		{args: []string{"a", "b"}, out: "a 1 x\nb 2  y\n"},
		{args: []string{"-a1", "-a2", "a", "b"}, out: "a 1 x\nb 2  y\nc 3\nd z\n"},
		{args: []string{"-v2", "a", "b"}, out: "d z\n"},
		// -o auto takes the field count of each file's first line.
		{args: []string{"-o", "auto", "-e", "X", "-a2", "a", "b"}, out: "a 1 x\nb 2 y\nd X z\n"},
		// An -o list wins over auto, whatever their order.
		{args: []string{"-o", "auto", "-o", "1.1", "a", "b"}, out: "a\nb\n"},
		{args: []string{"-o", "0,2.2,1.9", "-e", "-", "-a2", "a", "b"}, out: "a x -\nb y -\nd z -\n"},
		{args: []string{"-t", ",", "--header", "-a1", "-e", "?", "-o", "auto", "csv1", "csv2"},
			out: "id,name,age\n1,ann,30\n3,?,?\n"},
		// -t '': the whole line is the field, and the output separator
		// is a newline.
		{args: []string{"-t", "", "-o", "1.1,2.1", "a", "a"}, out: "a 1\na 1\nb 2 \nb 2 \nc 3\nc 3\n"},
		// -z: NUL ends lines; a newline is a blank.
		{args: []string{"-z", "nul", "nul"}, out: "a 1 1\x00b 2 2\x00"},
		{args: []string{"-", "b"}, stdin: "a 9\nb 8\n", out: "a 9 x\nb 8 y\n"},
		{args: []string{"-i", "-", "b"}, stdin: "A 9\n", out: "A 9 x\n"},
		// Order: a warning once an unpairable line was seen, then
		// status 1; --check-order stops at once.
		{args: []string{"uns", "one"}, errText: "join: uns:2: is not sorted: a\njoin: input is not in sorted order\n", code: 1},
		{args: []string{"--nocheck-order", "uns", "one"}},
		{args: []string{"--check-order", "one", "uns"}, errText: "join: uns:2: is not sorted: a\n", code: 1},
		{args: []string{"nope", "a"}, errText: "join: nope: No such file or directory\n", code: 1},
		{args: []string{".", "a"}, errText: "join: read error: Is a directory\n", code: 1},
		{args: []string{"-", "-"}, errText: "join: both files cannot be standard input\n", code: 1},
		{args: []string{"-a", "3", "a", "b"}, errText: "join: invalid field number: '3'\n", code: 1},
		{args: []string{"-a", "x'y", "a", "b"}, errText: `join: invalid field number: 'x\'y'` + "\n", code: 1},
		{args: []string{"-t", "ab", "a", "b"}, errText: "join: multi-character tab 'ab'\n", code: 1},
		{args: []string{"-t", ",", "-t", ";", "a", "b"}, errText: "join: incompatible tabs\n", code: 1},
		{args: []string{"-1", "2", "-j", "3", "a", "b"}, errText: "join: incompatible join fields 2, 3\n", code: 1},
		{args: []string{"-e", "a", "-e", "b", "a", "b"}, errText: "join: conflicting empty-field replacement strings\n", code: 1},
		{args: []string{"-o", "1.1,", "a", "b"}, errText: "join: invalid file number in field spec: ''\n", code: 1},
		{args: []string{"-o", "0.1", "a", "b"}, errText: "join: invalid field specifier: '0.1'\n", code: 1},
		{args: []string{"-o", "1.0", "a", "b"}, errText: "join: invalid field number: '0'\n", code: 1},
	}
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		got := applettest.Cmd{Args: c.args, Dir: dir, Stdin: c.stdin}.Run(t, &Applet)
		want := applettest.Result{Stdout: c.out, Stderr: c.errText, Code: c.code}
		if got != want {
			t.Errorf("join %q:\ngot  %+v\nwant %+v", c.args, got, want)
		}
	}
}

// TestUsage checks the operand errors: GNU's words, then the usage.
func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{nil, "join: missing operand\n"},
		{[]string{"f"}, "join: missing operand after 'f'\n"},
		{[]string{"f", "-i"}, "join: missing operand after '-i'\n"},
		{[]string{"f", "g", "h"}, "join: extra operand 'h'\n"},
	} {
		r := applettest.Run(t, &Applet, c.args...)
		if r.Code != 1 || r.Stdout != "" || !strings.HasPrefix(r.Stderr, c.msg) || !strings.Contains(r.Stderr, "Usage: join [OPTIONS] FILE1 FILE2") {
			t.Errorf("join %q: %+v", c.args, r)
		}
	}
}

// TestRun checks that a run of equal keys is joined in full (the
// product of both runs) however long.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var f1, f2, want strings.Builder
	for i := range 300 {
		fmt.Fprintf(&f1, "k %d\n", i)
	}
	f1.WriteString("z 0\n")
	for i := range 3 {
		fmt.Fprintf(&f2, "k %c\n", 'a'+i)
	}
	for i := range 300 {
		for k := range 3 {
			fmt.Fprintf(&want, "k %d %c\n", i, 'a'+k)
		}
	}
	os.WriteFile(filepath.Join(dir, "f2"), []byte(f2.String()), 0o644)
	r := applettest.Cmd{Args: []string{"-", "f2"}, Dir: dir, Stdin: f1.String()}.Run(t, &Applet)
	r.Expect(t, want.String(), 0)
}

// keys is an input of n lines "KEY x" with increasing keys, made as it
// is read.
type keys struct{ i, n int }

func (k *keys) Read(p []byte) (int, error) {
	if k.i == k.n {
		return 0, io.EOF
	}
	if len(p) < 13 {
		return 0, io.ErrShortBuffer
	}
	// "%010d x\n", without fmt's allocation.
	for i, v := 9, k.i; i >= 0; i, v = i-1, v/10 {
		p[i] = byte('0' + v%10)
	}
	copy(p[10:], " x\n")
	k.i++
	return 13, nil
}

// TestStreams checks that memory does not grow with the input: joining
// ten times the lines allocates about as often.
func TestStreams(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f2"), []byte("0000000005 y\n"), 0o644)
	run := func(n int) uint64 {
		mallocs, _ := applettest.Allocated(func() {
			var out applettest.Counter
			ctx := &applet.Ctx{Stdin: &keys{n: n}, Stdout: &out, Dir: dir}
			if code := applet.Run(ctx, &Applet, []string{"-a1", "-", "f2"}); code != 0 || out.N != int64(n*13+2) {
				t.Fatalf("status %d, %d bytes out", code, out.N)
			}
		})
		return mallocs
	}
	small, large := run(10_000), run(100_000)
	if large > small+100 {
		t.Errorf("%d allocations for 10,000 lines, %d for 100,000", small, large)
	}
}

// TestWriteErrors checks a full disk and a closed pipe: GNU's "write
// error" with status 1, and death by SIGPIPE.
func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("a 1\nb 2\n"), 0o644)
	r := applettest.Cmd{Args: []string{"f", "f"}, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Code != 1 || r.Stderr != "join: write error: No space left on device\n" {
		t.Errorf("full: %+v", r)
	}
	var written int
	pipe := applettest.WriterFunc(func(p []byte) (int, error) {
		written++
		return 0, syscall.EPIPE
	})
	r = applettest.Cmd{Args: []string{"-a1", "-", "f"}, Dir: dir, Stdin: strings.Repeat("c 1\n", 1<<20), Stdout: pipe}.Run(t, &Applet)
	if r.Code != applet.StatusPipe || r.Stderr != "" || written > 2 {
		t.Errorf("closed pipe: %+v after %d writes", r, written)
	}
}
