package grep

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// fixture makes the files the table's cases name.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"t":     "foo\nbar\nxfoo foo\nfoo bar foo\nbaz\n",
		"c2":    "a\nfoo\nb\n",
		"e2":    "y\nfoo\nz\n",
		"e3":    "foo\n",
		"nul":   "a\x00foo\nfoo\x00b\nx\n",
		"pats":  "foo\nba.r\n",
		"empty": "",
		"d/a":   "foo\n",
	}
	var n strings.Builder
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&n, "%d\n", i)
	}
	files["n"] = n.String()
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestGrep runs grep as Alpine's BusyBox 1.36.1 was run on the same
// files and input (chroot ALPINE busybox grep ...): the expected output,
// messages and status are what it gave. For usage errors only the message
// before the usage text is compared (the banner differs).
func TestGrep(t *testing.T) {
	dir := fixture(t)
	for _, tc := range []struct {
		args     []string
		stdin    string
		out, err string
		usage    bool
		code     int
	}{
		{args: []string{"foo", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-n", "foo", "t"}, out: "1:foo\n3:xfoo foo\n4:foo bar foo\n", code: 0},
		{args: []string{"-c", "foo", "t"}, out: "3\n", code: 0},
		{args: []string{"-v", "foo", "t"}, out: "bar\nbaz\n", code: 0},
		{args: []string{"-vn", "foo", "t"}, out: "2:bar\n5:baz\n", code: 0},
		{args: []string{"-vc", "foo", "t"}, out: "2\n", code: 0},
		{args: []string{"-i", "FOO", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-w", "foo", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-x", "foo", "t"}, out: "foo\n", code: 0},
		{args: []string{"-o", "-e", "foo", "-e", "bar", "t"}, out: "foo\nbar\nfoo\nfoo\nbar\n", code: 0},
		{args: []string{"-ow", "foo", "t"}, out: "foo\nfoo\nfoo\nfoo\nfoo\n", code: 0},
		{args: []string{"-ow", "foo"}, stdin: "xfoo bar foo\n", out: "bar\nfoo\n", code: 0},
		{args: []string{"-Fo", "foo", "t"}, out: "foo\nfoo\nfoo\n", code: 0},
		{args: []string{"-Fio", "FOO", "t"}, out: "FOO\nFOO\nFOO\n", code: 0},
		{args: []string{"-Fw", "", "t"}, out: "foo\nbar\nxfoo foo\nfoo bar foo\nbaz\n", code: 0},
		{args: []string{"-Fw", "foo"}, stdin: "foop foo\nfoop\n", out: "foop foo\n", code: 0},
		{args: []string{"-F", "-w", "-o", "foo"}, stdin: "foo xfoo foo\n", out: "foo\n", code: 0},
		{args: []string{"-F", "-i", "-x", "FOO"}, stdin: "foo\nFoo bar\n", out: "foo\n", code: 0},
		{args: []string{"-F", "-e", "ba", "-e", "fo", "-o"}, stdin: "foo bar baz\n", out: "fo\n", code: 0},
		{args: []string{"-e", "ba", "-e", "fo", "-o"}, stdin: "foo bar baz\n", out: "fo\n", code: 0},
		{args: []string{"-n", "-o", "o*", "t"}, out: "1:oo\n3:oo\n3:oo\n4:oo\n4:oo\n", code: 0},
		{args: []string{"-o", "b*"}, stdin: "abbbc\n", out: "bbb\n", code: 0},
		{args: []string{"-w", ""}, stdin: "foo\n\n bar\n", out: "\n bar\n", code: 0},
		{args: []string{"-x", ""}, stdin: "foo\n\n bar\n", out: "\n", code: 0},
		{args: []string{"-w", "-e", "b", "-e", "a"}, stdin: "ab\na b\n", out: "a b\n", code: 0},
		{args: []string{"-w", "^"}, stdin: "anything\n", out: "", code: 1},
		{args: []string{"-w", "word"}, stdin: "bword,word\nwordb,word\nwordword\n", out: "bword,word\nwordb,word\n", code: 0},
		{args: []string{"-nov", "foo", "t"}, out: "", code: 0},
		{args: []string{"-Hov", "bar", "t"}, out: "", code: 0},
		{args: []string{"-nov", "-w", "foo"}, stdin: "foox\nfoo\n", out: "1:", code: 0},
		{args: []string{"-l", "foo", "t", "n", "c2"}, out: "t\nc2\n", code: 0},
		{args: []string{"-L", "foo", "t", "n", "c2"}, out: "n\n", code: 0},
		{args: []string{"-cL", "foo", "c2", "n"}, out: "n:0\nn\n", code: 0},
		{args: []string{"-lc", "foo", "t", "c2"}, out: "t\nc2\n", code: 0},
		{args: []string{"-Lv", "foo", "t", "e3"}, out: "e3\n", code: 0},
		{args: []string{"-c", "foo", "t", "c2", "n"}, out: "t:3\nc2:1\nn:0\n", code: 0},
		{args: []string{"-h", "-H", "foo", "t"}, out: "t:foo\nt:xfoo foo\nt:foo bar foo\n", code: 0},
		{args: []string{"-H", "-h", "foo", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-H", "foo", "-"}, stdin: "foo\n", out: "(standard input):foo\n", code: 0},
		{args: []string{"foo", "-", "t"}, stdin: "foo\n", out: "(standard input):foo\nt:foo\nt:xfoo foo\nt:foo bar foo\n", code: 0},
		{args: []string{"foo", "nofile", "t"}, out: "t:foo\nt:xfoo foo\nt:foo bar foo\n", err: "grep: nofile: No such file or directory\n", code: 2},
		{args: []string{"-s", "foo", "nofile", "t"}, out: "t:foo\nt:xfoo foo\nt:foo bar foo\n", code: 2},
		{args: []string{"-q", "foo", "nofile", "t"}, out: "", err: "grep: nofile: No such file or directory\n", code: 0},
		{args: []string{"-q", "nomatch", "t", "nofile"}, out: "", err: "grep: nofile: No such file or directory\n", code: 2},
		{args: []string{"-qv", "foo", "e3"}, out: "", code: 1},
		{args: []string{"foo", "d"}, out: "", code: 1},
		{args: []string{"-c", "foo", "d"}, out: "0\n", code: 1},
		{args: []string{"-e", ""}, stdin: "a\n\nb\n", out: "a\n\nb\n", code: 0},
		{args: []string{"-c", ""}, stdin: "one\ntwo", out: "2\n", code: 0},
		{args: []string{"-c", ""}, out: "0\n", code: 1},
		{args: []string{"b"}, stdin: "abc", out: "abc\n", code: 0},
		{args: []string{"foo"}, stdin: "a\x00foo\nfoo\x00b\nx\n", out: "foo\nfoo\n", code: 0},
		{args: []string{"-n", "-v", "foo"}, stdin: "a\x00foo\nfoo\x00b\nx\n", out: "1:a\n4:b\n5:x\n", code: 0},
		{args: []string{"-c", ""}, stdin: "a\x00\x00b", out: "3\n", code: 0},
		{args: []string{"-f", "pats", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-f", "-", "t"}, stdin: "tw.\nfoo\n", out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-f", "empty", "t"}, out: "", code: 1},
		{args: []string{"-v", "-f", "empty", "t"}, out: "foo\nbar\nxfoo foo\nfoo bar foo\nbaz\n", code: 0},
		{args: []string{"-vxf", "empty", "t"}, out: "foo\nbar\nxfoo foo\nfoo bar foo\nbaz\n", code: 0},
		{args: []string{"-Fxf", "empty", "t"}, out: "foo\nbar\nxfoo foo\nfoo bar foo\nbaz\n", code: 0},
		{args: []string{"-e", "foo", "-f", "empty", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-f", "nofile", "t"}, out: "", err: "grep: nofile: No such file or directory\n", code: 2},
		{args: []string{"-Fv", "foo\nbar\n"}, stdin: "foo\nbar\nbaz\n", out: "", code: 1},
		{args: []string{"-m", "1", "foo", "t"}, out: "foo\n", code: 0},
		{args: []string{"-m", "0", "foo", "t"}, out: "", code: 0},
		{args: []string{"-m", "0", "bar", "t"}, out: "", code: 1},
		{args: []string{"-c", "-m", "2", "foo", "t"}, out: "2\n", code: 0},
		{args: []string{"-c", "-m", "0", "foo", "t"}, out: "1\n", code: 0},
		{args: []string{"-m1", "-v", "foo", "t"}, out: "bar\n", code: 0},
		{args: []string{"-m2", "-vn", "foo", "t"}, out: "2:bar\n5:baz\n", code: 0},
		{args: []string{"-m", "1", "-A", "1", "foo", "t"}, out: "foo\nbar\n", code: 0},
		{args: []string{"-A2", "-m2", "1", "n"}, out: "1\n2\n3\n--\n10\n", code: 0},
		{args: []string{"-A1", "-e", "5", "-e", "7", "n"}, out: "5\n6\n7\n8\n--\n15\n16\n17\n18\n", code: 0},
		{args: []string{"-B2", "-n", "1", "n"}, out: "1:1\n--\n8-8\n9-9\n10:10\n11:11\n12:12\n13:13\n14:14\n15:15\n16:16\n17:17\n18:18\n19:19\n", code: 0},
		{args: []string{"-C1", "-e", "3", "-e", "9", "n", "c2", "t"}, out: "n-2\nn:3\nn-4\n--\nn-8\nn:9\nn-10\n--\nn-12\nn:13\nn-14\n--\nn-18\nn:19\nn-20\n", code: 0},
		{args: []string{"-C1", "foo", "c2", "c2"}, out: "c2-a\nc2:foo\nc2-b\n--\nc2-a\nc2:foo\nc2-b\n", code: 0},
		{args: []string{"-A1", "foo", "e3", "e2"}, out: "e3:foo\ne2:foo\ne2-z\n", code: 0},
		{args: []string{"-B1", "foo", "e3", "e2"}, out: "e3:foo\n--\ne2-y\ne2:foo\n", code: 0},
		{args: []string{"-n", "-C1", "foo", "e2", "c2", "e3"}, out: "e2-1-y\ne2:2:foo\ne2-3-z\n--\nc2-1-a\nc2:2:foo\nc2-3-b\n--\ne3:1:foo\n", code: 0},
		{args: []string{"-B1", "-c", "1", "n"}, out: "11\n", code: 0},
		{args: []string{"-A1", "-o", "1", "n"}, out: "1\n2\n--\n1\n1\n--\n1\n1\n1\n1\n1\n1\n1\n1\n1\n20\n", code: 0},
		{args: []string{"-C1", "-A0", "5", "n"}, out: "4\n5\n--\n14\n15\n", code: 0},
		{args: []string{"-A0", "5", "n"}, out: "5\n15\n", code: 0},
		{args: []string{"-A3", "-B3", "-m2", "-n", "-e", "foo", "-e", "baz", "t"}, out: "1:foo\n2-bar\n3:xfoo foo\n", code: 0},
		{args: []string{"-nA1", "-v", "x"}, stdin: "x\ny\nx\nx\nz\n", out: "2:y\n3-x\n--\n5:z\n", code: 0},
		{args: []string{"-E", "fo+|ba[rz]", "t"}, out: "foo\nbar\nxfoo foo\nfoo bar foo\nbaz\n", code: 0},
		{args: []string{"-x", "-E", "a|ab"}, stdin: "ab\n", out: "ab\n", code: 0},
		{args: []string{"-o", "-E", "a|ab"}, stdin: "ab\n", out: "ab\n", code: 0},
		{args: []string{"-e", "(", "-e", "a"}, stdin: "a\n", out: "a\n", code: 0},
		{args: []string{"-E", "-e", "(", "-e", "a"}, stdin: "b\n", out: "", err: "grep: bad regex '(': Missing ')'\n", code: 2},
		{args: []string{"-E", "("}, out: "", code: 1},
		{args: []string{"-E", "^$"}, stdin: "a\n\nb\n", out: "\n", code: 0},
		{args: []string{"-i", "k"}, stdin: "\u212a\nk\nK\n", out: "k\nK\n", code: 0},
		{args: []string{"-c", "\xff"}, stdin: "a\xffb\nc\n", out: "", err: "grep: bad regex '\xff': Invalid regexp\n", code: 2},
		{args: []string{"a\\{", "t"}, out: "", err: "grep: bad regex 'a\\{': Invalid contents of {}\n", code: 2},
		{args: []string{"-E", "a{1", "t"}, out: "", err: "grep: bad regex 'a{1': Invalid contents of {}\n", code: 2},
		{args: []string{"-A", "x", "foo", "t"}, out: "", err: "grep: invalid number 'x'\n", code: 2},
		{args: []string{"-A", "-1", "foo", "t"}, out: "", err: "grep: invalid number '-1'\n", code: 2},
		{args: []string{"-m", "99999999999", "foo", "t"}, out: "", err: "grep: invalid number '99999999999'\n", code: 2},
		{args: []string{"--color=always", "foo", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"--col", "foo", "t"}, out: "foo\nxfoo foo\nfoo bar foo\n", code: 0},
		{args: []string{"-r", "foo", "d"}, out: "d/a:foo\n", code: 0},
		{args: []string{"-r", "foo", "d/a"}, out: "foo\n", code: 0},
		{args: []string{"-rh", "foo", "d"}, out: "foo\n", code: 0},
		{args: []string{"-r", "foo"}, stdin: "foo\n", out: "foo\n", code: 0},
		{args: []string{}, out: "", usage: true, code: 2},
		{args: []string{"-y", "foo"}, out: "", err: "grep: unrecognized option: y\n", usage: true, code: 2},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
		stderr := r.Stderr
		if tc.usage {
			stderr, _, _ = strings.Cut(stderr, "gobox ")
		}
		if r.Stdout != tc.out || stderr != tc.err || r.Code != tc.code {
			t.Errorf("grep %q <<<%q:\ngot  stdout %q stderr %q status %d\nwant stdout %q stderr %q status %d",
				tc.args, tc.stdin, r.Stdout, stderr, r.Code, tc.out, tc.err, tc.code)
		}
	}
}

// sortedLines returns s's lines sorted, for output whose order is the
// order a directory lists its entries in.
func sortedLines(s string) string {
	l := strings.SplitAfter(s, "\n")
	sort.Strings(l)
	return strings.Join(l, "")
}

// TestRecursive checks -r and -R as Alpine's BusyBox walks: -r follows
// the operand and symlinks to files, not symlinks to directories below
// the operand; -R follows all; file names are printed even for one
// operand (not with -h); an unreadable entry is reported even with -s.
func TestRecursive(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{"d/a": "foo\n", "d/sub/b": "nofoo\nfoo\n", "d/sub/c.txt": "foo txt\n", "t": "xfoo\n"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	os.Symlink("../t", filepath.Join(dir, "d/link"))
	os.Symlink("sub", filepath.Join(dir, "d/dlink"))
	os.Symlink("d", filepath.Join(dir, "top"))
	for _, tc := range []struct {
		args []string
		out  string
		err  string
		code int
	}{
		{[]string{"-r", "foo", "d"}, "d/a:foo\nd/link:xfoo\nd/sub/b:foo\nd/sub/b:nofoo\nd/sub/c.txt:foo txt\n", "", 0},
		{[]string{"-R", "foo", "d"}, "d/a:foo\nd/dlink/b:foo\nd/dlink/b:nofoo\nd/dlink/c.txt:foo txt\nd/link:xfoo\nd/sub/b:foo\nd/sub/b:nofoo\nd/sub/c.txt:foo txt\n", "", 0},
		{[]string{"-r", "foo", "d/"}, "d/a:foo\nd/link:xfoo\nd/sub/b:foo\nd/sub/b:nofoo\nd/sub/c.txt:foo txt\n", "", 0},
		{[]string{"-r", "foo", "top"}, "top/a:foo\ntop/link:xfoo\ntop/sub/b:foo\ntop/sub/b:nofoo\ntop/sub/c.txt:foo txt\n", "", 0},
		{[]string{"-rh", "nofoo", "d"}, "nofoo\n", "", 0},
		{[]string{"-rc", "foo", "d/sub"}, "d/sub/b:2\nd/sub/c.txt:1\n", "", 0},
		{[]string{"-rl", "foo", "d", "t"}, "d/a\nd/link\nd/sub/b\nd/sub/c.txt\nt\n", "", 0},
		{[]string{"-rL", "txt", "d"}, "d/a\nd/link\nd/sub/b\n", "", 0},
		{[]string{"-r", "zzz", "d"}, "", "", 1},
		{[]string{"foo", "d"}, "", "", 1},
		// GNU grep's options, which Alpine's build lacks.
		{[]string{"-r", "--include=*.txt", "foo", "d"}, "d/sub/c.txt:foo txt\n", "", 0},
		{[]string{"-r", "--exclude=*.txt", "--exclude=l*", "foo", "d"}, "d/a:foo\nd/sub/b:foo\nd/sub/b:nofoo\n", "", 0},
		{[]string{"-r", "--exclude-dir=s*", "foo", "d"}, "d/a:foo\nd/link:xfoo\n", "", 0},
	} {
		r := applettest.RunIn(t, dir, &Applet, tc.args...)
		if sortedLines(r.Stdout) != tc.out || r.Stderr != tc.err || r.Code != tc.code {
			t.Errorf("grep %q: got stdout %q stderr %q status %d; want %q %q %d", tc.args, sortedLines(r.Stdout), r.Stderr, r.Code, tc.out, tc.err, tc.code)
		}
	}

	// A dangling symlink: -r reports it unless -s (status not 2);
	// -R's stat of it is reported even with -s.
	os.Symlink("nowhere", filepath.Join(dir, "d/sub/dangling"))
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{[]string{"-r", "nofoo", "d/sub"}, "grep: d/sub/dangling: No such file or directory\n"},
		{[]string{"-rs", "nofoo", "d/sub"}, ""},
		{[]string{"-Rs", "nofoo", "d/sub"}, "grep: d/sub/dangling: No such file or directory\n"},
	} {
		r := applettest.RunIn(t, dir, &Applet, tc.args...)
		if r.Stdout != "d/sub/b:nofoo\n" || r.Stderr != tc.err || r.Code != 0 {
			t.Errorf("grep %q: got stdout %q stderr %q status %d; want stderr %q status 0", tc.args, r.Stdout, r.Stderr, r.Code, tc.err)
		}
	}
}

// TestFlavours checks egrep and fgrep, and -z (GNU's, which Alpine's
// build lacks): NUL-terminated lines in and out.
func TestFlavours(t *testing.T) {
	for _, tc := range []struct {
		a     *applet.Applet
		args  []string
		stdin string
		out   string
	}{
		{&Egrep, []string{"fo+|x"}, "foo\nbar\nx\n", "foo\nx\n"},
		{&Fgrep, []string{"a.c"}, "abc\na.c\n", "a.c\n"},
		{&Fgrep, []string{"-E", "a.c"}, "abc\na.c\n", "a.c\n"},
		{&Applet, []string{"-z", "b.r"}, "foo\nbar\x00baz\x00bzr", "foo\nbar\x00bzr\x00"},
		{&Applet, []string{"-zc", "^b"}, "foo\nbar\x00baz\x00", "1\n"},
		{&Applet, []string{"-z", "-F", "o\nb"}, "foo\nbar\x00baz\x00", "foo\nbar\x00baz\x00"},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: tc.stdin}.Run(t, tc.a)
		if r.Stdout != tc.out || r.Code != 0 {
			t.Errorf("%s %q: got %q status %d (%q); want %q", tc.a.Name, tc.args, r.Stdout, r.Code, r.Stderr, tc.out)
		}
	}
}

// TestLongLines checks lines far longer than the read buffer, and lines
// cut by buffer refills anywhere, with the finder and without.
func TestLongLines(t *testing.T) {
	long := strings.Repeat("x", 3*bufSize) + "needle" + strings.Repeat("y", 1000)
	in := "a\n" + long + "\nb needle\n" + long
	for _, tc := range []struct {
		args []string
		out  string
	}{
		{[]string{"-c", "needle"}, "3\n"},
		{[]string{"-n", "-o", "needle"}, "2:needle\n3:needle\n4:needle\n"},
		{[]string{"-c", "-E", "x+needle"}, "2\n"},
		{[]string{"-vn", "needle"}, "1:a\n"},
		{[]string{"-x", "-F", long}, long + "\n" + long + "\n"},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: in}.Run(t, &Applet)
		if r.Stdout != tc.out || r.Code != 0 {
			t.Errorf("grep %q: got %.80q status %d; want %.80q", tc.args, r.Stdout, r.Code, tc.out)
		}
	}
}

// variant runs grep with the finder or without, from a read buffer of
// the given starting size.
func variant(slow bool, bufLen int) *applet.Applet {
	a := Applet
	a.Main = func(ctx *applet.Ctx, args []string) error {
		g, operands, err := newGrep(ctx, args, 0)
		if err != nil {
			return status2(err)
		}
		g.slow, g.bufLen = slow, bufLen
		return g.run(operands)
	}
	return &a
}

// TestFinderMatchesLineByLine checks that searching whole buffers (the
// finder, and the bulk handling of the lines it skips) gives what
// matching each line on its own gives, over random text with NULs, long
// lines and lines cut at every buffer boundary, for each option that
// changes what a skipped line does.
func TestFinderMatchesLineByLine(t *testing.T) {
	tokens := []string{"foo", "bar", "Foo", "FOO", "a", " ", " ", "\n", "\n", "\n", "\n\n", "xfoo", "_", "ba", "o", "\x00", "\t", strings.Repeat("z", 300)}
	patterns := [][]string{
		{"foo"}, {"-F", "foo"}, {"-i", "foo"}, {"-e", "foo", "-e", "ba"}, {"-F", "-e", "foo", "-e", "ba"},
		{"-F", "-i", "-e", "FOO", "-e", "b", "-e", "zz"}, {"fo*"}, {"-E", "fo+|ba"}, {"-w", "foo"}, {"-x", "foo"},
		{"^foo"}, {"o$"}, {"-i", "-e", "Fo", "-e", "o b"}, {"-E", "a[[:space:]]+b"}, {"-e", "o", "-e", "[ab]r"},
		{"-F", "-e", "foo", "-e", "ba", "-e", "zz", "-e", "a b", "-e", "_x", "-e", "Fo", "-e", "r\t", "-e", "oo", "-e", "q"},
		{"-F", "-i", "-e", "foo", "-e", "BA", "-e", "zz", "-e", "a b", "-e", "_x", "-e", "Fo", "-e", "r\t", "-e", "oo", "-e", "q"},
		{`\(o\)\1`}, {`\(fo\).*\1`}, {"-E", "(o)\\1|^b"}, {"-E", "^$"}, {"^"}, {"-e", "z$", "-e", "^$"},
		{"xfo[o ]"}, {"-E", "foo( |$)"}, {`ba\(r\).*\1`},
	}
	modes := [][]string{
		{}, {"-v"}, {"-n"}, {"-c"}, {"-vc"}, {"-A1"}, {"-B2", "-n"}, {"-C1", "-v"}, {"-m2"}, {"-m1", "-A2"},
		{"-o"}, {"-l"}, {"-L"}, {"-vn", "-m3", "-B1"}, {"-H", "-v"}, {"-c", "-m0"},
	}
	rnd := rand.New(rand.NewSource(1))
	dir := t.TempDir()
	for round := 0; round < 25; round++ {
		var b strings.Builder
		for b.Len() < 2000+rnd.Intn(3000) {
			b.WriteString(tokens[rnd.Intn(len(tokens))])
		}
		in := b.String()
		for _, p := range patterns {
			for _, m := range modes {
				args := append(append([]string{}, m...), p...)
				want := applettest.Cmd{Args: args, Stdin: in, Dir: dir}.Run(t, variant(true, 64*1024))
				bufLen := 16 + rnd.Intn(200)
				got := applettest.Cmd{Args: args, Stdin: in, Dir: dir}.Run(t, variant(false, bufLen))
				if got != want {
					t.Fatalf("grep %q (buffer %d) over %q:\nfinder:       %q %d\nline by line: %q %d", args, bufLen, in, got.Stdout, got.Code, want.Stdout, want.Code)
				}
			}
		}
	}
}

// TestOutputErrors checks that a failed write stops grep and is
// reported, and that a closed pipe ends it as SIGPIPE would.
func TestOutputErrors(t *testing.T) {
	in := strings.Repeat("foo\n", 100000)
	r := applettest.Cmd{Args: []string{"foo"}, Stdin: in, Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Stderr != "grep: write error: No space left on device\n" || r.Code != 1 {
		t.Errorf("on a full disk: stderr %q status %d", r.Stderr, r.Code)
	}
	writes := 0
	pipe := applettest.WriterFunc(func(p []byte) (int, error) {
		writes++
		return 0, syscall.EPIPE
	})
	r = applettest.Cmd{Args: []string{"foo"}, Stdin: in, Stdout: pipe}.Run(t, &Applet)
	if r.Stderr != "" || r.Code != applet.StatusPipe || writes != 1 {
		t.Errorf("on a closed pipe: stderr %q status %d after %d writes", r.Stderr, r.Code, writes)
	}
}

// TestStopsEarly checks that -q, -l, -L and -m stop reading at once,
// over an input that never ends.
func TestStopsEarly(t *testing.T) {
	for _, tc := range []struct {
		args []string
		out  string
		code int
	}{
		{[]string{"-q", "foo"}, "", 0},
		{[]string{"-l", "foo"}, "(standard input)\n", 0},
		{[]string{"-L", "foo"}, "", 1},
		{[]string{"-m", "2", "-c", "foo"}, "2\n", 0},
		{[]string{"-m", "1", "-n", "-v", "bar"}, "1:foo\n", 0},
	} {
		ctx := &applet.Ctx{Context: context.Background(), Stdin: applettest.Repeat("foo\n", 1<<50)}
		var out strings.Builder
		ctx.Stdout = &out
		if code := applet.Run(ctx, &Applet, tc.args); out.String() != tc.out || code != tc.code {
			t.Errorf("grep %q: got %q status %d; want %q %d", tc.args, out.String(), code, tc.out, tc.code)
		}
	}
}

// TestMemoryBounded checks that grep keeps no more than its read buffer
// over a large input, with the finder and line by line.
func TestMemoryBounded(t *testing.T) {
	for _, args := range [][]string{{"-c", "zzz"}, {"-c", "-v", "zzz"}, {"-n", "-B3", "-e", "z$", "-e", "^q"}} {
		ctx := &applet.Ctx{Context: context.Background(), Stdout: io.Discard}
		_, bytes := applettest.Allocated(func() {
			ctx.Stdin = applettest.Repeat("a line of text that does not match\n", 64<<20)
			applet.Run(ctx, &Applet, args)
		})
		if bytes > 1<<20 {
			t.Errorf("grep %q over 64 MB allocated %d bytes", args, bytes)
		}
	}
}

// BenchmarkGrep greps 16 MB of generated text, for the cases of the
// issue's benchmark (fixed string, regex, -i, -c with a backreference,
// -F with several patterns), and a few more.
func BenchmarkGrep(b *testing.B) {
	rnd := rand.New(rand.NewSource(7))
	words := make([]string, 5000)
	for i := range words {
		w := make([]byte, 2+rnd.Intn(8))
		for j := range w {
			w[j] = byte('a' + rnd.Intn(26))
		}
		words[i] = string(w)
	}
	words[17], words[99] = "error", "Warning"
	var sb strings.Builder
	for i := 0; sb.Len() < 16<<20; i++ {
		fmt.Fprintf(&sb, "%d %d", i, rnd.Intn(100000))
		for n := 3 + rnd.Intn(12); n > 0; n-- {
			sb.WriteString(" " + words[rnd.Intn(len(words))])
		}
		sb.WriteByte('\n')
	}
	text := sb.String()
	for _, args := range [][]string{
		{"error"}, {"-c", "error"}, {"-i", "error"}, {"-c", "err[aeiou]r"}, {"-c", "-E", "(ab|cd)e"},
		{"-c", `\(ab\).*\1`}, {"-c", "-v", "a"}, {"-c", "-F", "-e", "error", "-e", "warning", "-e", "foo"}, {"-c", "-w", "the"},
	} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(text), Stdout: io.Discard}
				applet.Run(ctx, &Applet, args)
			}
		})
	}
}
