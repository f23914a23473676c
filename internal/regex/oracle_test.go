package regex

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The table in testdata/posix.txt holds what GNU sed and Alpine's BusyBox
// sed (musl's regexec) make of each case, written there by
//
//	go test ./internal/regex -run TestPOSIXTable -oracle.alpine=DIR
//
// with DIR an unpacked Alpine minirootfs (as root, for chroot) and GNU
// sed in PATH. Each line is
//
//	FLAGS <tab> PATTERN <tab> INPUT <tab> GNU <tab> ALPINE [<tab> WANT]
//
// FLAGS is B or E with i for ICase; PATTERN is raw; INPUT has Go escapes
// (\n, \t); a result is "nomatch", "error" (GNU's messages are not
// musl's) or "error:MESSAGE" (musl's), or START,END of the whole match
// followed by the text of each subexpression, Go-quoted (sed cannot tell
// an unset one from an empty one, nor where it is; submatch_test.go checks
// positions). WANT says which result this package gives when the two
// differ: "want=gnu" or "want=alpine" with the reason after a space; a
// difference without one fails the test, so each is a decision.
var oracleAlpine = flag.String("oracle.alpine", "", "rewrite testdata/posix.txt from GNU sed and the BusyBox sed of this Alpine root")

type tableCase struct {
	line                  int
	flags, pattern, input string
	gnu, alpine, want     string
}

func readTable(t *testing.T) []tableCase {
	f, err := os.Open(filepath.Join("testdata", "posix.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []tableCase
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 3 {
			t.Fatalf("posix.txt:%d: want at least 3 fields: %q", n, line)
		}
		for len(fs) < 6 {
			fs = append(fs, "")
		}
		in, err := strconv.Unquote(`"` + strings.ReplaceAll(fs[2], `"`, `\"`) + `"`)
		if err != nil {
			t.Fatalf("posix.txt:%d: input %q: %v", n, fs[2], err)
		}
		cases = append(cases, tableCase{line: n, flags: fs[0], pattern: fs[1], input: in, gnu: fs[3], alpine: fs[4], want: fs[5]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func (c tableCase) regFlags() Flags {
	var f Flags
	if strings.Contains(c.flags, "E") {
		f |= Extended
	}
	if strings.Contains(c.flags, "i") {
		f |= ICase
	}
	return f
}

// ours runs the case through this package and formats the result as the
// table does.
func (c tableCase) ours() string {
	re, err := Compile(c.pattern, c.regFlags())
	if err != nil {
		return "error:" + err.Error()
	}
	loc := re.FindStringSubmatchIndex(c.input, false)
	if loc == nil {
		return "nomatch"
	}
	return formatMatch(c.input, loc, min(re.NumSubexp(), 9))
}

func formatMatch(in string, loc []int, ngroups int) string {
	s := fmt.Sprintf("%d,%d", loc[0], loc[1])
	for i := 1; i <= ngroups; i++ {
		g := ""
		if loc[2*i] >= 0 {
			g = in[loc[2*i]:loc[2*i+1]]
		}
		s += " " + strconv.Quote(g)
	}
	return s
}

func TestPOSIXTable(t *testing.T) {
	cases := readTable(t)
	if *oracleAlpine != "" {
		refreshTable(t, cases)
		return
	}
	if len(cases) < 200 {
		t.Errorf("the table has %d cases; keep at least 200", len(cases))
	}
	for _, c := range cases {
		want := c.gnu
		if c.gnu == "error" && strings.HasPrefix(c.alpine, "error:") {
			want = c.alpine // the same, in musl's words
		} else if c.gnu != c.alpine {
			switch {
			case strings.HasPrefix(c.want, "want=gnu"):
			case strings.HasPrefix(c.want, "want=alpine"):
				want = c.alpine
			default:
				t.Errorf("posix.txt:%d: %s %q on %q: GNU %s, Alpine %s: say which this package follows (want=)", c.line, c.flags, c.pattern, c.input, c.gnu, c.alpine)
				continue
			}
		}
		got := c.ours()
		if want == "error" && strings.HasPrefix(got, "error:") {
			continue // GNU's message is not ours to match
		}
		if got != want {
			t.Errorf("posix.txt:%d: %s %q on %q: got %s, want %s (GNU %s, Alpine %s)", c.line, c.flags, c.pattern, c.input, got, want, c.gnu, c.alpine)
		}
	}
}

// refreshTable runs every case through GNU sed and Alpine's BusyBox sed
// and rewrites their columns.
func refreshTable(t *testing.T, cases []tableCase) {
	path := filepath.Join("testdata", "posix.txt")
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(old), "\n")
	for _, c := range cases {
		ngroups := 0
		if re, err := Compile(c.pattern, c.regFlags()); err == nil {
			ngroups = min(re.NumSubexp(), 9)
		}
		gnu := runSed(t, nil, c, ngroups)
		alp := runSed(t, []string{"chroot", *oracleAlpine, "/bin/busybox"}, c, ngroups)
		fs := strings.Split(lines[c.line-1], "\t")
		for len(fs) < 6 {
			fs = append(fs, "")
		}
		fs[3], fs[4] = gnu, alp
		if fs[5] == "" {
			fs = fs[:5]
		}
		lines[c.line-1] = strings.Join(fs, "\t")
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runGrep returns the sed's error for a pattern that does not compile,
// from grep (sed's own parsing of an s command gets in the way of some,
// such as an unmatched '['), or "" when it compiles.
func runGrep(prefix []string, c tableCase) string {
	args := append(prefix, "grep")
	if strings.Contains(c.flags, "E") {
		args = append(args, "-E")
	}
	if strings.Contains(c.flags, "i") {
		args = append(args, "-i")
	}
	args = append(args, "-e", c.pattern)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin = strings.NewReader("\n") // BusyBox compiles at the first line
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"}
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != 2 {
		return ""
	}
	if prefix == nil {
		return "error"
	}
	msg := strings.TrimSpace(errb.String())
	if i := strings.LastIndex(msg, "': "); i >= 0 {
		return "error:" + msg[i+3:]
	}
	return "error:" + msg
}

// runSed substitutes the first match of the case's pattern in its input
// with markers around the match and each subexpression, reading the whole
// input as one pattern space, and turns the output into a result.
func runSed(t *testing.T, prefix []string, c tableCase, ngroups int) string {
	if e := runGrep(prefix, c); e != "" {
		return e
	}
	const d = "\x01"
	repl := "\x02&"
	for i := 1; i <= ngroups; i++ {
		repl += fmt.Sprintf("\x03\\%d", i)
	}
	repl += "\x04"
	sflags := "p"
	if strings.Contains(c.flags, "i") {
		sflags = "Ip"
	}
	args := append(prefix, "sed", "-n")
	if strings.Contains(c.flags, "E") {
		args = append(args, "-E")
	}
	args = append(args, "-e", ":a", "-e", "$!{N;ba", "-e", "}", "-e", "s"+d+c.pattern+d+repl+d+sflags)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin = strings.NewReader(c.input + "\n")
	cmd.Env = []string{"PATH=/usr/bin:/bin", "LC_ALL=C.UTF-8"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if prefix == nil {
			return "error"
		}
		if i := strings.LastIndex(msg, "': "); i >= 0 {
			return "error:" + msg[i+3:]
		}
		return "error:" + msg
	}
	o := out.String()
	i := strings.Index(o, "\x02")
	j := strings.Index(o, "\x04")
	if i < 0 || j < i {
		return "nomatch"
	}
	parts := strings.Split(o[i+1:j], "\x03")
	loc := []int{i, i + len(parts[0])}
	s := fmt.Sprintf("%d,%d", loc[0], loc[1])
	for _, g := range parts[1:] {
		s += " " + strconv.Quote(g)
	}
	return s
}
