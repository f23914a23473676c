package shelltest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestHarness checks what the differential comparison cannot: that the
// runner hands a case's streams, status, death by signal, standard input,
// working directory and argv to the shell and back unchanged, and that a
// case that hangs or leaves a process behind is cut off. A runner that lost
// any of them would lose it for both shells alike, and every case would
// still agree.
func TestHarness(t *testing.T) {
	needRoot(t)
	tarball := fixture(t)
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(top, "root")
	unpack(t, tarball, root)
	if err := os.Mkdir(filepath.Join(root, "c"), 0o755); err != nil {
		t.Fatal(err)
	}
	in := "line one\nline two\n"
	tests := []struct {
		name           string
		c              shCase
		stdout, stderr string
		status         int
		err            string
	}{
		{name: "streams-status", c: shCase{script: "echo out; echo err >&2; exit 3\n"},
			stdout: "out\n", stderr: "err\n", status: 3},
		{name: "stdin", c: shCase{script: "read a; cat\n", stdin: &in}, stdout: "line two\n"},
		{name: "no-stdin", c: shCase{script: "cat; echo $?\n"}, stdout: "0\n"},
		{name: "signal", c: shCase{script: "kill -TERM $$\n"}, status: 143},
		{name: "alpine-sh", c: shCase{script: "echo $BB_ASH_VERSION; readlink /bin/sh\n"},
			stdout: "1.36.1\n/bin/busybox\n"},
		{name: "argv-file", c: shCase{script: "echo \"$0 $#:$*\"\n", args: []string{"a b", "c"}},
			stdout: "/c/5/s 2:a b c\n"},
		{name: "argv-c", c: shCase{mode: "c", script: "echo \"$0 $#:$*\"", args: []string{"zero", "one"}},
			stdout: "zero 1:one\n"},
		{name: "argv-stdin", c: shCase{mode: "stdin", script: "echo \"$0 $#:$*\"\n", args: []string{"x"}},
			stdout: "sh 1:x\n"},
		{name: "flags", c: shCase{flags: []string{"-e"}, script: "false; echo no\n"}, status: 1},
		{name: "dir-env-setup", c: shCase{setup: "touch fixture", script: "pwd; echo $PWD $HOME $TZ $LC_ALL; ls\n"},
			stdout: "/c/9/w\n/c/9/w /root UTC C\nfixture\n"},
		{name: "env", c: shCase{env: []string{"EXTRA=1"}, script: "echo $EXTRA\n"}, stdout: "1\n"},
		{name: "leftover-process", c: shCase{script: "sleep 30 & echo started\n"}, stdout: "started\n"},
		{name: "timeout", c: shCase{script: "echo before; sleep 30\n", timeout: 1},
			stdout: "before\n", status: 137, err: "timed out after 1 s"},
	}
	jobs := make([]job, len(tests))
	for i, tc := range tests {
		c := tc.c
		if c.mode == "" {
			c.mode = "file"
		}
		if c.timeout == 0 {
			c.timeout = 10
		}
		jobs[i] = c.job("/c/" + strconv.Itoa(i))
	}
	out, err := runBatch(root, batch{Workers: 4, Jobs: jobs})
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		o := out[i]
		if o.Stdout != tc.stdout || o.Stderr != tc.stderr || o.Status != tc.status || !strings.Contains(o.Err, tc.err) || (tc.err == "") != (o.Err == "") {
			t.Errorf("%s: got stdout %q stderr %q status %d err %q; want %q %q %d %q",
				tc.name, o.Stdout, o.Stderr, o.Status, o.Err, tc.stdout, tc.stderr, tc.status, tc.err)
		}
	}
}
