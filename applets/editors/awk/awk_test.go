package awk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// files are the files every case's directory holds.
var testFiles = map[string]string{
	"f3":       "l1\nl2\nl3\n",
	"a.txt":    "X1\nX2\n",
	"emp.data": "Beth 4.00 0\nDan 3.75 0\nKathy 4.00 10\nMark 5.00 20\nMary 5.50 22\nSusie 4.25 18\n",
	"text":     "the quick brown fox\njumps over the lazy dog\nthe end\n",
	"prog.awk": "{ print NR \": \" $0 }\n",
	"lib.awk":  "function double(x) {\n\treturn x * 2\n}\n",
	"bad.awk":  "BEGIN {\n\tx = (1\n}\n",
	"input":    "do re mi\n",
}

func testDir(t *testing.T) string {
	dir := t.TempDir()
	for name, text := range testFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// bbBanner is the first line of Alpine's BusyBox's usage text.
const bbBanner = "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary."

// TestAwk runs the applet as Alpine's BusyBox awk was run to get each
// case's output, messages and status: the classic programs of The AWK
// Programming Language's first chapter, and the command line.
func TestAwk(t *testing.T) {
	tests := []struct {
		name           string
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{"pay", []string{"$3 > 0 { print $1, $2 * $3 }", "emp.data"}, "", "Kathy 40\nMark 100\nMary 121\nSusie 76.5\n", "", 0},
		{"no hours", []string{"$3 == 0 { print $1 }", "emp.data"}, "", "Beth\nDan\n", "", 0},
		{"NF and last field", []string{"{ print NF, $1, $NF }", "emp.data"}, "", "3 Beth 0\n3 Dan 0\n3 Kathy 10\n3 Mark 20\n3 Mary 22\n3 Susie 18\n", "", 0},
		{"printf pay", []string{"{ printf(\"total pay for %s is $%.2f\\n\", $1, $2 * $3) }", "emp.data"}, "", "total pay for Beth is $0.00\ntotal pay for Dan is $0.00\ntotal pay for Kathy is $40.00\ntotal pay for Mark is $100.00\ntotal pay for Mary is $121.00\ntotal pay for Susie is $76.50\n", "", 0},
		{"report columns", []string{"{ printf(\"%-8s $%6.2f\\n\", $1, $2 * $3) }", "emp.data"}, "", "Beth     $  0.00\nDan      $  0.00\nKathy    $ 40.00\nMark     $100.00\nMary     $121.00\nSusie    $ 76.50\n", "", 0},
		{"count", []string{"$3 > 15 { emp = emp + 1 } END { print emp, \"employees worked more than 15 hours\" }", "emp.data"}, "", "3 employees worked more than 15 hours\n", "", 0},
		{"average", []string{"{ pay = pay + $2 * $3 } END { print NR, \"employees\"; print \"total pay is\", pay; print \"average pay is\", pay/NR }", "emp.data"}, "", "6 employees\ntotal pay is 337.5\naverage pay is 56.25\n", "", 0},
		{"maximum", []string{"$2 > maxrate { maxrate = $2; maxemp = $1 } END { print \"highest hourly rate:\", maxrate, \"for\", maxemp }", "emp.data"}, "", "highest hourly rate: 5.50 for Mary\n", "", 0},
		{"names", []string{"{ names = names $1 \" \" } END { print names }", "emp.data"}, "", "Beth Dan Kathy Mark Mary Susie \n", "", 0},
		{"last line", []string{"{ last = $0 } END { print last }", "emp.data"}, "", "Susie 4.25 18\n", "", 0},
		{"wc", []string{"{ nc = nc + length($0) + 1; nw = nw + NF } END { print NR, \"lines,\", nw, \"words,\", nc, \"characters\" }", "text"}, "", "3 lines, 11 words, 52 characters\n", "", 0},
		{"reverse", []string{"{ line[NR] = $0 } END { i = NR; while (i > 0) { print line[i]; i = i - 1 } }", "emp.data"}, "", "Susie 4.25 18\nMary 5.50 22\nMark 5.00 20\nKathy 4.00 10\nDan 3.75 0\nBeth 4.00 0\n", "", 0},
		{"word frequency", []string{"{ for (i = 1; i <= NF; i++) count[$i]++ } END { for (w in count) print w, count[w] }", "text"}, "", "fox 1\nover 1\nlazy 1\nbrown 1\nthe 3\njumps 1\nend 1\nquick 1\ndog 1\n", "", 0},
		{"validation", []string{"NF != 3 { print $0, \"number of fields is not equal to 3\" } $2 < 3.35 { print $0, \"rate is below minimum wage\" }", "emp.data"}, "", "", "", 0},
		{"column sums", []string{"{ for (i = 2; i <= NF; i++) sum[i] += $i } END { for (i = 2; i <= 3; i++) printf \"%g%s\", sum[i], (i < 3 ? \" \" : \"\\n\") }", "emp.data"}, "", "26.5 70\n", "", 0},
		{"field sum stdin", []string{"{ s += $2 } END { print s }"}, "1 2\n3 4\n5 6\n", "12\n", "", 0},
		{"swap fields", []string{"{ t = $1; $1 = $2; $2 = t; print }"}, "a b c\nd e f\n", "b a c\ne d f\n", "", 0},
		{"uniq", []string{"!seen[$0]++"}, "a\nb\na\nc\nb\n", "a\nb\nc\n", "", 0},
		{"line numbers", []string{"{ printf \"%6d\\t%s\\n\", NR, $0 }", "text"}, "", "     1\tthe quick brown fox\n     2\tjumps over the lazy dog\n     3\tthe end\n", "", 0},
		{"longest line", []string{"length($0) > max { max = length($0); line = $0 } END { print max, line }", "text"}, "", "23 jumps over the lazy dog\n", "", 0},
		{"between markers", []string{"/quick/,/lazy/"}, "the quick brown fox\njumps over the lazy dog\nthe end\n", "the quick brown fox\njumps over the lazy dog\n", "", 0},
		{"-F char", []string{"-F:", "{ print $2 }"}, "a:b:c\n", "b\n", "", 0},
		{"-F tab escape", []string{"-F", "\\t", "{ print $2 }"}, "a\tb c\td\n", "b c\n", "", 0},
		{"-F regex", []string{"-F", "[0-9]+", "{ print $2 }"}, "a12b345c\n", "b\n", "", 0},
		{"-F t is a t", []string{"-Ft", "{ print $1 }"}, "atb\tc\n", "a\n", "", 0},
		{"-v", []string{"-v", "x=5", "-v", "y=a\\tb", "BEGIN { print x * 2, y }"}, "", "10 a\tb\n", "", 0},
		{"-v strnum", []string{"-v", "x=10", "BEGIN { print (x > 9) }"}, "", "1\n", "", 0},
		{"-f", []string{"-f", "prog.awk", "f3"}, "", "1: l1\n2: l2\n3: l3\n", "", 0},
		{"-f stdin", []string{"-f", "-", "a.txt"}, "{ print \"got\", $0 }", "got X1\ngot X2\n", "", 0},
		{"-f twice", []string{"-f", "lib.awk", "-f", "prog.awk", "f3"}, "", "1: l1\n2: l2\n3: l3\n", "", 0},
		{"-f and -e", []string{"-f", "lib.awk", "-e", "BEGIN { print double(21) }"}, "", "42\n", "", 0},
		{"-e", []string{"-e", "BEGIN { print \"e\" }"}, "", "e\n", "", 0},
		{"-e twice", []string{"-e", "BEGIN { print 1 }", "-e", "END { print 2 }"}, "", "1\n2\n", "", 0},
		{"-e and ARGC", []string{"-e", "{print $2; print ARGC;}", "input"}, "", "re\n2\n", "", 0},
		{"--", []string{"--", "{ print $1 }"}, "x y\n", "x\n", "", 0},
		{"-W", []string{"-W", "x", "BEGIN { print 1 }"}, "", "1\n", "awk: warning: option -W is ignored\n", 0},
		{"operand after program stops options", []string{"{ print }", "-F:"}, "x\n", "", "awk: -F:: No such file or directory\n", 1},
		{"stdin dash", []string{"{ print FILENAME \": \" $0 }", "f3", "-", "a.txt"}, "in\n", "f3: l1\nf3: l2\nf3: l3\n-: in\na.txt: X1\na.txt: X2\n", "", 0},
		{"assignment operands", []string{"{ print v, $0 }", "v=1", "f3", "v=2", "a.txt"}, "", "1 l1\n1 l2\n1 l3\n2 X1\n2 X2\n", "", 0},
		{"ENVIRON", []string{"BEGIN { print ENVIRON[\"FOO\"] }"}, "", "bar\n", "", 0},
		{"missing file", []string{"{ print }", "nosuch"}, "", "", "awk: nosuch: No such file or directory\n", 1},
		{"missing -f", []string{"-f", "nosuch.awk"}, "", "", "awk: can't open 'nosuch.awk': No such file or directory\n", 1},
		{"-v bad", []string{"-v", "1x=2", "BEGIN{}"}, "", "", "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n", 1},
		{"unknown option", []string{"-q", "BEGIN{}"}, "", "", "awk: unrecognized option: q\nBusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n", 1},
		{"--version", []string{"--version"}, "", "", "awk: unrecognized option: version\nBusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n", 1},
		{"-F without argument", []string{"-F"}, "", "", "awk: option requires an argument: F\nBusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n", 1},
		{"syntax error in -f", []string{"-f", "bad.awk"}, "", "", "awk: bad.awk:2: Unexpected token\n", 1},
		{"runtime error in -f", []string{"-f", "lib.awk", "-e", "BEGIN { print double(1) / 0 }"}, "", "", "awk: cmd. line:1: Division by zero\n", 1},
		{"exit status", []string{"BEGIN { exit 3 }"}, "", "", "", 3},
		{"system in dir", []string{"BEGIN { system(\"cat f3\") }"}, "", "l1\nl2\nl3\n", "", 0},
		{"output file in dir", []string{"BEGIN { print \"hi\" > \"out.txt\"; close(\"out.txt\"); while ((getline l < \"out.txt\") > 0) print \"read\", l }"}, "", "read hi\n", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := applettest.Cmd{
				Args:  tc.args,
				Dir:   testDir(t),
				Stdin: tc.stdin,
				Env:   []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TZ=UTC", "FOO=bar"},
			}.Run(t, &Applet)
			stderr := strings.ReplaceAll(tc.stderr, bbBanner, applet.Banner()+" multi-call binary.")
			if r.Stdout != tc.stdout || r.Stderr != stderr || r.Code != tc.code {
				t.Errorf("awk %q\n got: %q %q %d\nwant: %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, stderr, tc.code)
			}
		})
	}
}
