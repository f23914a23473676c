package interp_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRedirScopes: a command's redirections are undone by putting back
// the descriptors they changed, as ash's popredir does; what exec made
// persistent under them on other descriptors stays (the table was
// restored whole before, which lost it), and an exec on a redirected
// descriptor is undone with the redirection. Outputs are Alpine's ash's.
func TestRedirScopes(t *testing.T) {
	runCases(t, []tcase{
		{name: "exec in a redirected group", script: "{ exec 3>f; } 4>/dev/null; echo hi >&3; cat f", stdout: "hi\n"},
		{name: "exec in a redirected function", script: "f() { exec 5>g; }; f >/dev/null; echo y >&5; cat g", stdout: "y\n"},
		{name: "exec of stdout under 2>", script: "{ exec 1>h; echo in; } 2>/dev/null; echo out; cat h >&2", stderr: "in\nout\n"},
		{name: "exec of the redirected fd", script: `{ exec 4>a; } 4>b; echo x >&4; echo "st=$?"; cat a; echo -; cat b`,
			stdout: "st=1\n-\n", stderr: "sh: 4: Bad file descriptor\n"},
		{name: "exec closes under a scope", script: "exec 3>x; { exec 3>&-; } 4>/dev/null; echo z >&3; echo $?", stdout: "1\n", stderr: "sh: 3: Bad file descriptor\n"},
		{name: "failed exec keeps nothing", script: "exec 3>k 4>/nonexistent/x", stderr: "sh: can't create /nonexistent/x: nonexistent directory\n", status: 1},
		{name: "same fd twice", script: "echo x >a >b; cat a; echo -; cat b", stdout: "-\nx\n"},
		{name: "&> and dups", script: "echo a >/dev/null >&2 2>&1 3>&2; echo b 3>m >&3; cat m; echo c &>n; cat n", stdout: "b\nc\n", stderr: "a\n"},
		{name: "loop of appends", script: `i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo "$i" >>log; { echo z$i; } >t; done; cat log t`, stdout: "1\n2\n3\nz3\n"},
		{name: "directory and missing dir", script: `echo x >/; echo "st=$?"; echo y >/nonexistent/f; echo "st=$?"; echo z >$unset; echo "st=$?"`,
			stdout: "st=1\nst=1\nst=1\n", stderr: "sh: can't create /: Is a directory\nsh: can't create /nonexistent/f: nonexistent directory\nsh: can't create : nonexistent directory\n"},
		{name: "noclobber", script: `echo a >f; set -C; echo b >f; echo "st=$?"; echo c >/dev/null; echo "st=$?"; cat f`,
			stdout: "st=1\nst=0\na\n", stderr: "sh: can't create f: File exists\n"},
		{name: "read and applets from a file", script: `echo one >f; read x <f; echo "$x"; cat <f >g; cat g; exec 3<f; cat <&3; exec 3<&-`, stdout: "one\none\none\n"},
		{name: "/dev/full", script: `echo x >/dev/full; echo "st=$?"`, stdout: "st=1\n", stderr: "sh: write error: No space left on device\n"},
	})
}

// TestRedirNoLeak: the descriptors a loop of redirections opens are all
// closed again (a bare descriptor has no *os.File whose finalizer would
// close a forgotten one).
func TestRedirNoLeak(t *testing.T) {
	dir := t.TempDir()
	before := openFds(t)
	_, errs, st := run(t, dir, "", `i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo x >/dev/null 2>f; : <f; { exec 3>g; } 4>/dev/null; exec 3>&-; { exec 5>h; } 5>/dev/null; done`)
	if st != 0 || errs != "" {
		t.Fatalf("status %d, stderr %q", st, errs)
	}
	if after := openFds(t); after != before {
		t.Errorf("%d descriptors open after the loop, %d before", after, before)
	}
}

func openFds(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join("/proc/self/fd"))
	if err != nil {
		t.Skip(err)
	}
	return len(ents)
}
