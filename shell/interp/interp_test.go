package interp_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gobox/applets/coreutils/cat"
	"gobox/applets/coreutils/head"
	"gobox/applets/coreutils/pwd"
	"gobox/applets/coreutils/sleep"
	"gobox/applets/coreutils/yes"
	"gobox/internal/applet"
	"gobox/shell/interp"
)

// sh is the shell as an applet value, for applet.Run.
var sh = applet.Applet{Name: "sh", Parallel: true, Main: interp.Main}

// table is the applets the tests run, sorted by name as a Table is
// (not applets/all: these tests do not depend on every applet).
var table = applet.Table{&cat.Applet, &head.Applet, &pwd.Applet, &sleep.Applet, &yes.Applet}

// run runs "sh -c script" in-process in dir with the binary's applet
// table and returns what it wrote and its status.
func run(t *testing.T, dir, stdin, script string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx := &applet.Ctx{
		Context: context.Background(),
		Name:    "sh",
		Stdin:   strings.NewReader(stdin),
		Stdout:  &out,
		Stderr:  &errb,
		Dir:     dir,
		Env:     []string{"PATH=/usr/bin:/bin", "HOME=" + dir},
		Umask:   0o022,
		Applets: table,
	}
	st := applet.Run(ctx, &sh, append([]string{"-c", script}, args...))
	return out.String(), errb.String(), st
}

type tcase struct {
	name, script   string
	stdout, stderr string
	status         int
	stdin          string
	args           []string
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out, errs, st := run(t, dir, tc.stdin, tc.script, tc.args...)
			if out != tc.stdout || errs != tc.stderr || st != tc.status {
				t.Errorf("sh -c %q:\nstdout %q, want %q\nstderr %q, want %q\nstatus %d, want %d",
					tc.script, out, tc.stdout, errs, tc.stderr, st, tc.status)
			}
		})
	}
}

// TestIsolation: copies of the shell (pipeline stages, subshells) keep
// what they change to themselves, as separate processes would.
func TestIsolation(t *testing.T) {
	runCases(t, []tcase{
		{name: "cd in a pipeline stage", script: "cd / | true; [ \"$PWD\" != / ] && echo kept", stdout: "kept\n"},
		{name: "assignment in a stage", script: "x=1 | true; echo \"x=$x\"", stdout: "x=\n"},
		{name: "subshell cd and umask", script: "umask 022; (cd /; umask 077); [ \"$(pwd)\" != / ] && echo same; umask", stdout: "same\n0022\n"},
		{name: "exit in a subshell", script: "(exit 3); echo $?; (exit 4) | true; echo $?", stdout: "3\n0\n"},
		{name: "exit in substitution", script: "x=$(echo a; exit 5; echo b); echo \"$x $?\"", stdout: "a 5\n"},
		{name: "function defined in subshell", script: "(f() { :; }); f", stderr: "sh: f: not found\n", status: 127},
		{name: "message with NAME", script: "(f() { :; }); f", args: []string{"name"}, stderr: "name: line 0: f: not found\n", status: 127},
	})
}

// TestPipelineEPIPE: "yes | head -1" ends at once, yes quietly (141).
func TestPipelineEPIPE(t *testing.T) {
	start := time.Now()
	out, errs, st := run(t, t.TempDir(), "", "yes | head -n 1; echo $?; set -o pipefail; yes | head -n 1; echo $?")
	if out != "y\n0\ny\n141\n" || errs != "" || st != 0 {
		t.Errorf("got %q, %q, %d", out, errs, st)
	}
	_ = start
}

func TestBasics(t *testing.T) {
	runCases(t, []tcase{
		{name: "echo", script: "echo hello world", stdout: "hello world\n"},
		{name: "vars", script: "x=a; y=\"$x b\"; echo \"$y\"", stdout: "a b\n"},
		{name: "if", script: "if false; then echo a; elif true; then echo b; else echo c; fi", stdout: "b\n"},
		{name: "for", script: "for i in 1 2 3; do echo $i; done", stdout: "1\n2\n3\n"},
		{name: "for over params", script: "for i; do echo $i; done", args: []string{"sh", "x", "y"}, stdout: "x\ny\n"},
		{name: "while break", script: "while true; do echo once; break; done; echo out", stdout: "once\nout\n"},
		{name: "nested break 2", script: "for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done", stdout: "1a\n"},
		{name: "continue", script: "for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done", stdout: "1\n3\n"},
		{name: "case", script: "case foo in f*) echo F;; *) echo other;; esac", stdout: "F\n"},
		{name: "function and return", script: "f() { echo \"in $1\"; return 3; }; f x; echo $?", stdout: "in x\n3\n"},
		{name: "and or", script: "false && echo no || echo yes; true || echo no; true && echo and", stdout: "yes\nand\n"},
		{name: "negation", script: "! false; echo $?; ! true; echo $?", stdout: "0\n1\n"},
		{name: "not found", script: "nosuchcmd; echo $?", stdout: "127\n", stderr: "sh: nosuchcmd: not found\n"},
		{name: "exit status", script: "exit 7", status: 7},
		{name: "exit 256", script: "exit 256", status: 0},
		{name: "exit bad number", script: "exit abc; echo no", stderr: "sh: exit: line 0: Illegal number: abc\n", status: 2},
		{name: "command substitution status", script: "x=$(false); echo $?", stdout: "1\n"},
		{name: "subst status not seen by same command", script: "false; echo $(true) $?", stdout: "1\n"},
		{name: "prefix assignment scoped", script: "x=1 true; echo \"[$x]\"; f() { echo \"f:$x\"; }; x=2 f; echo \"[$x]\"", stdout: "[]\nf:2\n[]\n"},
		{name: "special builtin assignment persists", script: "x=3 :; echo $x", stdout: "3\n"},
		{name: "local", script: "x=g; f() { local x=l; echo $x; }; f; echo $x", stdout: "l\ng\n"},
		{name: "local unsets", script: "x=1; f() { local x; echo \"[${x-unset}]\"; }; f", stdout: "[unset]\n"},
		{name: "local outside function", script: "local x; echo no", stderr: "sh: local: line 0: not in a function\n", status: 2},
		{name: "readonly", script: "readonly r=1; r=2; echo no", stderr: "sh: r: is read only\n", status: 2},
		{name: "shift", script: "set -- a b c; shift 2; echo $# $1; shift 5; echo $?", stdout: "1 c\n1\n"},
		{name: "set -e", script: "set -e; false || true; if false; then :; fi; ! true; echo alive; false; echo dead", stdout: "alive\n", status: 1},
		{name: "set -e in && list", script: "set -e; false && true; echo alive", stdout: "alive\n"},
		{name: "set -u", script: "set -u; echo $nope; echo no", stderr: "sh: nope: parameter not set\n", status: 2},
		{name: "set -x", script: "set -x; x=1 echo \"a b\" c", stdout: "a b c\n", stderr: "+ x=1 echo 'a b' c\n"},
		{name: "dollar-dash", script: "set -e; echo $-", stdout: "ce\n"},
		{name: "pipefail off", script: "false | true; echo $?", stdout: "0\n"},
		{name: "pipefail on", script: "set -o pipefail; false | true; echo $?", stdout: "1\n"},
		{name: "eval", script: "eval 'x=5; echo $x'", stdout: "5\n"},
		{name: "trap EXIT", script: "trap 'echo bye' EXIT; echo hi", stdout: "hi\nbye\n"},
		{name: "trap EXIT status", script: "trap 'echo bye $?' EXIT; exit 3", stdout: "bye 3\n", status: 3},
		{name: "trap listing", script: "trap 'echo x' INT HUP; trap", stdout: "trap -- 'echo x' HUP\ntrap -- 'echo x' INT\n"},
		{name: "trap in subshell lists parent's", script: "trap 'echo T' EXIT; x=$(trap); echo \"[$x]\"", stdout: "[trap -- 'echo T' EXIT]\nT\n"},
		{name: "subshell exit trap", script: "(trap 'echo sub' EXIT; echo in); echo out", stdout: "in\nsub\nout\n"},
		{name: "here-doc", script: "x=v; cat <<EOF\na $x\nEOF\ncat <<'EOF'\nb $x\nEOF", stdout: "a v\nb $x\n"},
		{name: "here-string", script: "cat <<<hello", stdout: "hello\n"},
		{name: "redirect dup", script: "echo err 1>&2", stderr: "err\n"},
		{name: "redirect to closed fd", script: "echo x >&5; echo $?", stdout: "1\n", stderr: "sh: 5: Bad file descriptor\n"},
		{name: "read", stdin: "a b  c\nnext\n", script: "read x y; echo \"[$x][$y]\"; read z; echo $z", stdout: "[a][b  c]\nnext\n"},
		{name: "read IFS", script: "echo 'X:Y:Z:' | (IFS=': ' read x y; echo \"|$x|$y|\")", stdout: "|X|Y:Z:|\n"},
		{name: "read at EOF", script: "read x </dev/null; echo $?", stdout: "1\n"},
		{name: "while read", stdin: "1\n2\n", script: "while read n; do echo \"n=$n\"; done", stdout: "n=1\nn=2\n"},
		{name: "type", script: "f() { :; }; type f cd export if", stdout: "f is a function\ncd is a shell builtin\nexport is a special shell builtin\nif is a shell keyword\n"},
		{name: "command -v", script: "command -v cd; command -v nosuch; echo $?", stdout: "cd\n127\n"},
		{name: "alias", script: "alias ll='ls -l' a=b; alias; unalias a; alias", stdout: "a='b'\nll='ls -l'\nll='ls -l'\n"},
		{name: "getopts", script: "while getopts ab:c o; do echo \"$o ${OPTARG-}\"; done; echo $OPTIND", args: []string{"sh", "-a", "-b", "B", "-c", "x"}, stdout: "a \nb B\nc \n5\n"},
		{name: "getopts bad option", script: "getopts a o; echo \"$o\"", args: []string{"sh", "-z"}, stdout: "?\n", stderr: "Illegal option -z\n"},
		{name: "umask", script: "umask 027; umask; umask -S; umask u=rwx,g=rx,o=; umask", stdout: "0027\nu=rwx,g=rx,o=\n0027\n"},
		{name: "cd and pwd", script: "cd /; pwd; cd /usr/../bin; echo $PWD; cd -", stdout: "/\n/bin\n/\n"},
		{name: "cd fails", script: "cd /nonexistent; echo $?", stdout: "2\n", stderr: "sh: cd: line 0: can't cd to /nonexistent: No such file or directory\n"},
		{name: "printf builtin", script: "printf '%s-%d\\n' a 5", stdout: "a-5\n"},
		{name: "test builtin", script: "[ 1 -lt 2 ] && test a = a && echo ok", stdout: "ok\n"},
		{name: "export -p", script: "unset PATH HOME PWD; export A=1; export -p", stdout: "export A='1'\nexport SHLVL='1'\n"},
		{name: "dot", script: "echo 'echo sourced $1' > f.sh; . ./f.sh arg", stdout: "sourced arg\n"},
		{name: "background and wait", script: "sleep 0 & wait $!; echo $?", stdout: "0\n"},
		{name: "break in a subshell ends it", script: "for v in a b; do (echo $v; break; echo no); done", stdout: "a\nb\n"},
		{name: "case keeps $? for its body", script: "false || case a in a) echo $?;; esac", stdout: "1\n"},
		{name: "return in a loop condition", script: "f() { while return 2; do :; done; }; f; echo $?", stdout: "2\n"},
		{name: "command takes special-ness away", script: "readonly r=1; command eval r=2 2>/dev/null; echo st=$?", stdout: "st=2\n"},
		{name: "error in eval ends the subshell", script: "readonly r=1; (eval r=2 2>/dev/null; echo BUG); echo $?", stdout: "2\n"},
		{name: "redirection error of a special builtin", script: "(eval : <nonexistent; echo BUG); echo $?", stdout: "1\n", stderr: "sh: can't open nonexistent: no such file\n"},
		{name: "unset bad name", script: "(unset -); echo $?", stdout: "2\n", stderr: "sh: unset: line 0: -: bad variable name\n"},
		{name: "in-process background job", script: "{ echo bg; } > o & wait; cat o", stdout: "bg\n"},
	})
}

// TestExternal runs real programs: status, redirections into them.
func TestExternal(t *testing.T) {
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "s")
	os.WriteFile(script, []byte("echo script $1\n"), 0o755)
	runCases(t, []tcase{
		{name: "exit status", script: "/bin/sh -c 'exit 4'; echo $?", stdout: "4\n"},
		{name: "killed by signal", script: "/bin/sh -c 'kill -9 $$'; echo $?", stdout: "137\n", stderr: "Killed\n"},
		{name: "stdout redirect", script: "/bin/sh -c 'echo out' > f; cat f", stdout: "out\n"},
		{name: "pipeline", script: "/bin/echo a | /bin/cat", stdout: "a\n"},
		{name: "no shebang", script: script + " arg", stdout: "script arg\n"},
		{name: "not executable", script: "/etc/passwd; echo $?", stdout: "126\n", stderr: "sh: /etc/passwd: Permission denied\n"},
		{name: "environment", script: "X=1 /bin/sh -c 'echo $X'; export Y=2; /bin/sh -c 'echo $Y'", stdout: "1\n2\n"},
		{name: "directory", script: "cd /; /bin/pwd", stdout: "/\n"},
	})
}

// TestAshQuirks: behaviours matched to Alpine's ash (each was wrong once).
func TestAshQuirks(t *testing.T) {
	runCases(t, []tcase{
		{name: "empty command name", script: "''; echo $?", stdout: "127\n", stderr: "sh: : Permission denied\n"},
		{name: "exec of an empty name", script: "exec ''", stderr: "sh: exec: line 0: : Permission denied\n", status: 126},
		{name: "empty substitution runs nothing", script: "false; $(); echo $?; false; ``; echo $?; false; x=$(); echo $?", stdout: "0\n0\n0\n"},
		{name: "OPTERR=0 is silent", script: "OPTERR=0; getopts ab v -c; echo \"$v\"", stdout: "?\n"},
		{name: "read into a readonly variable", script: "readonly x=1; read x <<EOF\na\nEOF\necho \"st=$? x=$x\"",
			stdout: "st=2 x=1\n", stderr: "sh: read: line 0: x: is read only\n"},
		{name: "break in a function breaks the caller's loop", script: "f() { break; }; for i in 1 2; do echo $i; f; done; echo end", stdout: "1\nend\n"},
		{name: "continue in a function", script: "f() { continue; }; for i in 1 2; do echo $i; f; echo no; done", stdout: "1\n2\n"},
		{name: "xtrace to the shell's stderr", script: "set -x; echo a 2>/dev/null; x=1 2>/dev/null", stdout: "a\n", stderr: "+ echo a\n+ x=1\n"},
		{name: "-c lines from 0, eval from its own", script: "echo $LINENO\neval 'echo $LINENO\necho $LINENO'", stdout: "0\n1\n2\n"},
		{name: "syntax error in eval", script: "echo a\neval 'echo b\n('; echo no",
			stdout: "a\nb\n", stderr: "sh: eval: line 2: syntax error: unexpected end of file (expecting \")\")\n", status: 2},
		{name: "printf without arguments", script: "printf; echo \"st=$?\"", stdout: "st=2\n", stderr: "sh: usage: printf FORMAT [ARGUMENT...]\n"},
		{name: "printf to a closed stdout", script: "printf 'x\\n' >&-; echo \"st=$?\"", stdout: "st=1\n"},
		{name: "read from a closed fd", script: "read x <&-; echo \"st=$?\"", stdout: "st=1\n"},
		{name: "type [[", script: "type '[['", stdout: "[[ is a shell builtin\n"},
		{name: "dot of a missing file", script: ". ./nosuch.sh; echo no", stderr: "sh: .: line 0: can't open './nosuch.sh': No such file or directory\n", status: 2},
		{name: "dot of a directory", script: ". /; echo \"st=$?\"", stdout: "st=0\n"},
		{name: "/dev/fd/N is the shell's descriptor", script: "{ read x </dev/fd/3; } 3<<EOF\nhello\nEOF\necho \"$x\"", stdout: "hello\n"},
		{name: "/dev/stdout in a pipeline stage", script: "echo a >/dev/stdout | { read x; echo \"got $x\"; }", stdout: "got a\n"},
		{name: "substitution through /dev/stdout waits for the pipe", script: "for i in 1 2 3 4 5 6 7 8; do x=$(echo hi >/dev/stdout); printf %s \"$x\"; done; x=$(cat /dev/fd/3 3<<EOF\nfd3\nEOF\n); echo \" $x\"",
			stdout: "hihihihihihihihi fd3\n"},
		{name: "process substitution", script: "f() { echo one; read l <\"$1\"; echo \"$l\"; }; f <(echo hi); while read l; do echo \"got $l\"; done < <(echo a; echo b)",
			stdout: "one\nhi\ngot a\ngot b\n"},
	})
}

// TestVerbose: set -v echoes each line read from a script as it is
// read, to stderr, from the line after the set.
func TestVerbose(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "v.sh"), []byte("echo 1\nset -v\necho 2\nf() {\n echo x\n}\nf\n"), 0o644)
	var out, errb bytes.Buffer
	ctx := &applet.Ctx{Name: "sh", Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Dir: dir, Umask: 0o22, Applets: table}
	st := applet.Run(ctx, &sh, []string{"v.sh"})
	if out.String() != "1\n2\nx\n" || errb.String() != "echo 2\nf() {\n echo x\n}\nf\n" || st != 0 {
		t.Errorf("stdout %q stderr %q status %d", out.String(), errb.String(), st)
	}
}
