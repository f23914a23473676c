package join

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// gnuFiles are the files in the working directory of every case run
// against GNU's join.
var gnuFiles = map[string]string{
	"a":      "a 1\nb 2 \nc 3\n",
	"b":      "a x\nb y\nd z\n",
	"dup1":   "k 1\nk 2\nm 3\n",
	"dup2":   "k a\nk b\nk c\nm d\n",
	"uns":    "b\na\nc\n",
	"uns2":   "a\nc\nb\n",
	"one":    "a\n",
	"csv1":   "id,name\n1,ann\n2,bob\n3,\n",
	"csv2":   "id,age\n1,30\n3,40\n4,50\n",
	"case1":  "Apple 1\nbanana 2\n",
	"case2":  "apple x\nBANANA y\n",
	"blanks": "  a\t1\n\n b 2  \n",
	"blank2": "\na z\nb w\n",
	"empty":  "",
	"nul1":   "a 1\x00b 2\x00",
	"nul2":   "a x\x00c z\x00",
	"noeol":  "a 1\nb 2",
	"by2":    "1 a\n2 b\n3 c\n",
	"ragged": "a\nb 1 2 3\nc 1\n",
	"keys":   ",x\n,y\na,z\n",
	"embnul": "a 1\x002\nb 3\n",
	"tabs":   "a\t1\t\nb\t\t2\n",
	"head1":  "K V\na 1\nc 3\n",
	"head2":  "K W\na x\nb y\n",
	"big1":   "a 1\nb 2\nc 3\nd 4\ne 5\nf 6\ng 7\n",
	"big2":   "b x\nd y\nd yy\nf z\nh w\n",
	"longun": "b\na\nd\nc\n",
}

// gnuCase is one command line run by both joins. usage marks a usage
// error: only the status (and, for operand errors, GNU's message line)
// are compared, since gobox prints its own usage after it.
type gnuCase struct {
	args  []string
	stdin string
	usage bool
}

var gnuCases = []gnuCase{
	{args: []string{"a", "b"}},
	{args: []string{"b", "a"}},
	{args: []string{"-a", "1", "a", "b"}},
	{args: []string{"-a", "2", "a", "b"}},
	{args: []string{"-a1", "-a2", "a", "b"}},
	{args: []string{"-v", "1", "a", "b"}},
	{args: []string{"-v", "2", "a", "b"}},
	{args: []string{"-v1", "-v2", "a", "b"}},
	{args: []string{"-v1", "-a2", "a", "b"}},
	{args: []string{"-e", "X", "-a1", "-a2", "-o", "0,1.2,2.2", "a", "b"}},
	{args: []string{"-o", "auto", "a", "b"}},
	{args: []string{"-o", "auto", "-e", "-", "-a", "2", "a", "b"}},
	{args: []string{"-o", "auto", "-o", "1.1", "a", "b"}},
	{args: []string{"-o", "1.2", "-o", "2.2", "-o", "0", "a", "b"}},
	{args: []string{"-o", "1.2 2.2\t0", "a", "b"}},
	{args: []string{"-o", "1.9,2.9", "-e", "E", "a", "b"}},
	{args: []string{"-o", "1.9,2.9", "a", "b"}},
	{args: []string{"-o", "0", "-a", "2", "a", "b"}},
	{args: []string{"dup1", "dup2"}},
	{args: []string{"dup2", "dup1"}},
	{args: []string{"-v1", "dup1", "dup2"}},
	{args: []string{"-t", ",", "csv1", "csv2"}},
	{args: []string{"-t", ",", "--header", "csv1", "csv2"}},
	{args: []string{"-t", ",", "--header", "-a1", "-e", "?", "-o", "auto", "csv1", "csv2"}},
	{args: []string{"-t", ",", "-a1", "-a2", "-e", "NA", "csv1", "csv2"}},
	{args: []string{"--header", "head1", "head2"}},
	{args: []string{"--header", "-a1", "-a2", "head1", "head2"}},
	{args: []string{"--header", "head1", "empty"}},
	{args: []string{"--header", "empty", "head2"}},
	{args: []string{"--header", "-o", "0,2.2", "empty", "head2"}},
	{args: []string{"-i", "case1", "case2"}},
	{args: []string{"--ignore-case", "-o", "0,2.1", "case1", "case2"}},
	{args: []string{"case1", "case2"}},
	{args: []string{"blanks", "blank2"}},
	{args: []string{"-a1", "-a2", "blanks", "blank2"}},
	{args: []string{"-e", "E", "-o", "auto", "-a1", "blanks", "blank2"}},
	{args: []string{"empty", "a"}},
	{args: []string{"-a2", "empty", "a"}},
	{args: []string{"-z", "nul1", "nul2"}},
	{args: []string{"-z", "-a1", "-a2", "nul1", "nul2"}},
	{args: []string{"noeol", "a"}},
	{args: []string{"-1", "2", "by2", "b"}},
	{args: []string{"-2", "2", "b", "by2"}},
	{args: []string{"-1", "2", "-2", "2", "by2", "by2"}},
	{args: []string{"-j", "1", "a", "b"}},
	{args: []string{"-j1", "a", "b"}},
	{args: []string{"-j", "2", "by2", "by2"}},
	{args: []string{"ragged", "ragged"}},
	{args: []string{"-o", "auto", "ragged", "ragged"}},
	{args: []string{"-t", ",", "keys", "keys"}},
	{args: []string{"-t", ",", "-1", "3", "-2", "3", "keys", "keys"}},
	{args: []string{"embnul", "a"}},
	{args: []string{"-t", `\0`, "embnul", "embnul"}},
	{args: []string{"-t", "\t", "tabs", "tabs"}},
	{args: []string{"tabs", "tabs"}},
	{args: []string{"-t", "", "a", "a"}},
	{args: []string{"-t", "", "-o", "1.1,2.1", "a", "a"}},
	{args: []string{"big1", "big2"}},
	{args: []string{"-a1", "big1", "big2"}},
	{args: []string{"-v2", "big1", "big2"}},
	{args: []string{"-", "b"}, stdin: "a 9\nb 8\n"},
	{args: []string{"a", "-"}, stdin: "b q\nc r\n"},
	// Order checking.
	{args: []string{"uns", "one"}},
	{args: []string{"one", "uns"}},
	{args: []string{"uns2", "one"}},
	{args: []string{"-a1", "uns2", "one"}},
	{args: []string{"--check-order", "uns2", "one"}},
	{args: []string{"--check-order", "one", "uns"}},
	{args: []string{"--nocheck-order", "uns", "one"}},
	{args: []string{"--check-order", "--nocheck-order", "uns", "one"}},
	{args: []string{"longun", "longun"}},
	{args: []string{"-v1", "longun", "one"}},
	{args: []string{"uns", "uns"}},
	{args: []string{"-i", "--check-order", "case1", "case2"}},
	{args: []string{"--check-order", "-", "one"}, stdin: "b\na\n"},
	// Errors.
	{args: []string{"nope", "a"}},
	{args: []string{"a", "nope"}},
	{args: []string{"nope", "nope2"}},
	{args: []string{"a b", "a"}},
	{args: []string{".", "a"}},
	{args: []string{"-", "-"}},
	{args: []string{"-a", "3", "a", "b"}},
	{args: []string{"-a", "0", "a", "b"}},
	{args: []string{"-a", "1x", "a", "b"}},
	{args: []string{"-a", " +1", "a", "b"}},
	{args: []string{"-a", "x'y", "a", "b"}},
	{args: []string{"-v", "-1", "a", "b"}},
	{args: []string{"-t", "ab", "a", "b"}},
	{args: []string{"-t", ",", "-t", ";", "a", "b"}},
	{args: []string{"-t", ",", "-t", ",", "a", "b"}},
	{args: []string{"-1", "2", "-j", "3", "a", "b"}},
	{args: []string{"-1", "0", "a", "b"}},
	{args: []string{"-2", "-1", "a", "b"}},
	{args: []string{"-1", "+2", "by2", "b"}},
	{args: []string{"-j", "99999999999999999999999", "a", "b"}},
	{args: []string{"-e", "a", "-e", "b", "a", "b"}},
	{args: []string{"-e", "a", "-e", "a", "-a1", "-o", "1.3", "a", "b"}},
	{args: []string{"-o", "1.x", "a", "b"}},
	{args: []string{"-o", "3.1", "a", "b"}},
	{args: []string{"-o", "0.1", "a", "b"}},
	{args: []string{"-o", "1", "a", "b"}},
	{args: []string{"-o", "", "a", "b"}},
	{args: []string{"-o", "1.1,", "a", "b"}},
	{args: []string{"-o", "1.1  2.2", "a", "b"}},
	{args: []string{"a"}, usage: true},
	{args: []string{"a", "-i"}, usage: true},
	{args: []string{}, usage: true},
	{args: []string{"a", "b", "c"}, usage: true},
	{args: []string{"-x", "a", "b"}, usage: true},
	{args: []string{"--nope", "a", "b"}, usage: true},
	{args: []string{"a", "b", "-a"}, usage: true},
}

// TestGNU runs each case through GNU's join (coreutils 9 on Debian, in
// the C locale) and through gobox's, in directories holding gnuFiles,
// and compares output, diagnostics and status.
func TestGNU(t *testing.T) {
	gnu, err := exec.LookPath("/usr/bin/join")
	if err != nil {
		t.Skip("no /usr/bin/join (GNU coreutils) to compare with")
	}
	if out, _ := exec.Command(gnu, "--version").Output(); !bytes.Contains(out, []byte("GNU coreutils")) {
		t.Skipf("%s is not GNU's join", gnu)
	}
	if len(gnuCases) < 60 {
		t.Fatalf("only %d cases", len(gnuCases))
	}
	gnuDir, ourDir := t.TempDir(), t.TempDir()
	for _, dir := range []string{gnuDir, ourDir} {
		for name, text := range gnuFiles {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range gnuCases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			cmd := exec.Command(gnu, c.args...)
			cmd.Args[0] = "join" // GNU names itself after argv[0]
			cmd.Dir = gnuDir
			cmd.Env = []string{"LC_ALL=C", "PATH=/usr/bin:/bin"}
			cmd.Stdin = strings.NewReader(c.stdin)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			code := 0
			if err := cmd.Run(); err != nil {
				var ee *exec.ExitError
				if !errors.As(err, &ee) {
					t.Fatal(err)
				}
				code = ee.ExitCode()
			}
			want := applettest.Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code}
			got := applettest.Cmd{Args: c.args, Dir: ourDir, Stdin: c.stdin}.Run(t, &Applet)
			if c.usage {
				// GNU's message line, then "Try 'join --help'"; ours
				// is followed by the usage. Operand errors are worded
				// alike; option errors are the runtime's (musl's).
				first := func(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }
				if strings.Contains(want.Stderr, "operand") && first(got.Stderr) != first(want.Stderr) {
					t.Errorf("stderr starts %q; GNU's %q", first(got.Stderr), first(want.Stderr))
				}
				if !strings.Contains(got.Stderr, "Usage: join") {
					t.Errorf("no usage in stderr %q", got.Stderr)
				}
				want.Stderr, got.Stderr = "", ""
			}
			if got != want {
				t.Errorf("args %q stdin %q:\ngot  %+v\nGNU  %+v", c.args, c.stdin, got, want)
			}
		})
	}
}

// TestGNURandom compares both joins on generated inputs: sorted or not,
// with repeated, missing and empty keys, under option sets drawn from a
// fixed seed, so that every run checks the same cases.
func TestGNURandom(t *testing.T) {
	gnu := "/usr/bin/join"
	if out, err := exec.Command(gnu, "--version").Output(); err != nil || !bytes.Contains(out, []byte("GNU coreutils")) {
		t.Skip("no GNU join at /usr/bin/join to compare with")
	}
	rng := rand.New(rand.NewPCG(7, 7))
	words := []string{"", "a", "A", "b", "bb", "B", "c", "d", "e"}
	genFile := func(sep string) string {
		var b strings.Builder
		n := rng.IntN(8)
		var keys []string
		for range n {
			keys = append(keys, words[rng.IntN(len(words))])
		}
		if rng.IntN(4) != 0 {
			slices.Sort(keys)
		}
		for _, k := range keys {
			b.WriteString(k)
			for range rng.IntN(4) {
				b.WriteString(sep)
				b.WriteString(words[rng.IntN(len(words))])
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	optSets := [][]string{
		{}, {"-a1"}, {"-a2"}, {"-v1"}, {"-v2"}, {"-a1", "-a2"}, {"-i"},
		{"-e", "E"}, {"-o", "auto"}, {"-o", "auto", "-e", "-"}, {"-o", "0,1.2,2.2"},
		{"-o", "2.1,1.3", "-e", "x"}, {"-1", "2"}, {"-2", "2"}, {"-j", "2"},
		{"--header"}, {"--check-order"}, {"--nocheck-order"},
	}
	gnuDir, ourDir := t.TempDir(), t.TempDir()
	for n := range 300 {
		sep := " "
		var args []string
		if rng.IntN(3) == 0 {
			sep = ","
			args = append(args, "-t", ",")
		}
		files := map[string]string{"x": genFile(sep), "y": genFile(sep)}
		for range 1 + rng.IntN(2) {
			args = append(args, optSets[rng.IntN(len(optSets))]...)
		}
		args = append(args, "x", "y")
		for _, dir := range []string{gnuDir, ourDir} {
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		cmd := exec.Command(gnu, args...)
		cmd.Args[0] = "join"
		cmd.Dir = gnuDir
		cmd.Env = []string{"LC_ALL=C"}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		code := 0
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatal(err)
			}
			code = ee.ExitCode()
		}
		want := applettest.Result{Stdout: stdout.String(), Stderr: stderr.String(), Code: code}
		got := applettest.Cmd{Args: args, Dir: ourDir}.Run(t, &Applet)
		if got != want {
			t.Errorf("case %d: join %q\nx=%q\ny=%q\ngot  %+v\nGNU  %+v", n, args, files["x"], files["y"], got, want)
		}
	}
}
