package sort

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of sort and what Alpine's BusyBox 1.36.1 gave
// for it (the expected values were taken from it, in its chroot): standard
// output, standard error (up to the usage text when usage is set) and
// the exit status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// runAlpineCases runs applet a on each case in a fresh directory holding f ("b\na\n"),
// g ("a\nc\n") and an empty directory d, with the environment env.
func runAlpineCases(t *testing.T, a *applet.Applet, env []string, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		dir := t.TempDir()
		for name, data := range map[string]string{"f": "b\na\n", "g": "a\nc\n"} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
			t.Fatal(err)
		}
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin, Env: env}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			i := strings.Index(stderr, "Usage: "+a.Name)
			j := strings.LastIndex(stderr[:max(i, 0)], "gobox ")
			if i < 0 || j < 0 {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
				continue
			}
			stderr = stderr[:j]
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <<< %q:\ngot  %q %q %d\nwant %q %q %d", a.Name, tc.args, tc.stdin, r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestSortAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"f", "g"}, "", "a\na\nb\nc\n", "", 0, false},
		{[]string{"nope", "f"}, "", "", "sort: nope: No such file or directory\n", 2, false},
		{[]string{"d", "f"}, "", "a\nb\n", "", 0, false},
		{[]string{}, "b\x00a\nc\x00\x00d", "\na\nb\nc\nd\n", "", 0, false},
		{[]string{"-z"}, "b\x00a\nc\x00\x00d", "\x00a\nc\x00b\x00d\x00", "", 0, false},
		{[]string{"-h"}, "1K\n2M\n3\n1.5K\n1k\n-1G\n10\nabc\n\n1E\n0.5G\n1Ki\n 2K\n", "\nabc\n3\n10\n1K\n1Ki\n1k\n1.5K\n 2K\n2M\n-1G\n0.5G\n1E\n", "", 0, false},
		{[]string{"-hr"}, "1K\n2M\n3\n1.5K\n1k\n-1G\n10\nabc\n\n1E\n0.5G\n1Ki\n 2K\n", "1E\n0.5G\n-1G\n2M\n 2K\n1.5K\n1k\n1Ki\n1K\n10\n3\nabc\n\n", "", 0, false},
		{[]string{"-k2h"}, "b 2K\na 1M\nc 3\n", "c 3\nb 2K\na 1M\n", "", 0, false},
		{[]string{"-k1x", "f"}, "", "", "sort: unknown key option\n", 2, false},
		{[]string{"-k0", "f"}, "", "", "sort: bad field specification\n", 2, false},
		{[]string{"-k1.0", "f"}, "", "", "sort: bad field specification\n", 2, false},
		{[]string{"-t", "ab", "f"}, "", "", "sort: bad -t parameter\n", 2, false},
		{[]string{"-k1,1,2", "f"}, "", "", "sort: unknown key option\n", 2, false},
		{[]string{"-ku", "f"}, "", "", "sort: bad field specification\n", 2, false},
		{[]string{"-k1:", "f"}, "", "", "sort: unknown sort type\n", 2, false},
		{[]string{"-k1^", "f"}, "", "", "sort: unknown key option\n", 2, false},
		{[]string{"-k", "", "f"}, "", "a\nb\n", "", 0, false},
		{[]string{"-k", "1,", "f"}, "", "a\nb\n", "", 0, false},
		{[]string{"-k", ",1", "f"}, "", "", "sort: bad field specification\n", 2, false},
		{[]string{"-k", "2147483648", "f"}, "", "", "sort: bad field specification\n", 2, false},
		{[]string{"-k", "1,2.0", "f"}, "", "", "sort: bad field specification\n", 2, false},
		{[]string{"-t", "", "f"}, "", "", "sort: bad -t parameter\n", 2, false},
		{[]string{"-h"}, "-5\n0\nabc\n-1K\n1\nK\n1X\n2 K\n1e3\n1e3K\n0x10\n5M\n1P\n1T\n1Z\n1Y\n1R\n1Q\n.5\n+3\n-0\ninf\n1m\n1g\n1t\n1e\n", "K\nabc\n-5\n-0\n0\n.5\n1\n1Q\n1R\n1X\n1e\n1g\n1m\n1t\n2 K\n+3\n0x10\n1e3\ninf\n-1K\n1e3K\n5M\n1T\n1P\n1Z\n1Y\n", "", 0, false},
		{[]string{"-h"}, "K\nnan\nnanK\n-infK\ninfK\n-inf\n1K\n5\n-nan\n0K\n-0K\nnanM\n", "K\n-nan\nnan\nnanK\nnanM\n-inf\n5\n-infK\n-0K\n0K\n1K\ninfK\n", "", 0, false},
		{[]string{"-g"}, "K\nnan\nnanK\n-infK\ninfK\n-inf\n1K\n5\n-nan\n0K\n-0K\nnanM\n", "K\n-nan\nnan\nnanK\nnanM\n-inf\n-infK\n-0K\n0K\n1K\n5\ninfK\n", "", 0, false},
		{[]string{"-g"}, "1e3\n0x1p3\n0x\n0xg\n.5e\n1e+\n-inf\ninfinity\ninfin\nnan(12)\nnan(\n  7\n+-3\n", "+-3\nnan(\nnan(12)\n-inf\n0x\n0xg\n.5e\n1e+\n  7\n0x1p3\n1e3\ninfin\ninfinity\n", "", 0, false},
		{[]string{"-n"}, "10\n9\n-1\n1e3\n0x10\n .5\n-.5e1\nabc\n\n+2\n", "-.5e1\n-1\n\nabc\n .5\n+2\n9\n10\n0x10\n1e3\n", "", 0, false},
		{[]string{"-s", "-k1,1r"}, "a 1\nb 0\na 2\n", "b 0\na 1\na 2\n", "", 0, false},
		{[]string{"-s", "-r", "-k1,1"}, "a 1\nb 0\na 2\n", "b 0\na 1\na 2\n", "", 0, false},
		{[]string{"-s", "-r"}, "a 1\nb 0\na 2\n", "b 0\na 2\na 1\n", "", 0, false},
		{[]string{"-u", "-k1,1"}, "a 1\na 2\nb 1\n", "a 1\nb 1\n", "", 0, false},
		{[]string{"-u", "-r", "-k1,1"}, "a 1\na 2\nb 1\n", "b 1\na 2\n", "", 0, false},
		{[]string{"-su", "-k1,1"}, "a 1\na 2\nb 0\na 0\n", "a 1\nb 0\n", "", 0, false},
		{[]string{"-c"}, "a 1\na 2\nb 1\n", "", "", 0, false},
		{[]string{"-cu"}, "a\na\n", "", "Check line 1\n", 1, false},
		{[]string{"-c"}, "b\na\n", "", "Check line 1\n", 1, false},
		{[]string{"-c", "-r"}, "a\nb\nb\n", "", "Check line 1\n", 1, false},
		{[]string{"-c"}, "a\nb\nb\nc\na\n", "", "Check line 4\n", 1, false},
		{[]string{"-c", "nope"}, "a\n", "", "sort: nope: No such file or directory\n", 2, false},
		{[]string{"-c", "-k1,1"}, "a 2\na 1\n", "", "Check line 1\n", 1, false},
		{[]string{"-cu", "-k1,1"}, "a 2\na 1\n", "", "Check line 1\n", 1, false},
		{[]string{"-m", "f", "g"}, "", "a\na\nb\nc\n", "", 0, false},
		{[]string{"-S", "10", "-T", "/tmp", "f"}, "", "a\nb\n", "", 0, false},
		{[]string{"-C", "f"}, "", "", "sort: unrecognized option: C\n", 2, true},
		{[]string{"-o", "a", "-o", "b", "f"}, "", "", "", 2, true},
		{[]string{"-t", "a", "-t", "b", "f"}, "", "", "", 2, true},
		{[]string{"-k"}, "", "", "sort: option requires an argument: k\n", 2, true},
		{[]string{"-o", "d", "f"}, "", "", "sort: can't open 'd': Is a directory\n", 2, false},
		{[]string{"-o", "nodir/x", "f"}, "", "", "sort: can't open 'nodir/x': No such file or directory\n", 2, false},
		{[]string{"--reverse", "f"}, "", "", "sort: unrecognized option: reverse\n", 2, true},
		{[]string{"-ng"}, "a\nb\n", "", "sort: unknown sort type\n", 2, false},
		{[]string{"-ng"}, "a\n", "a\n", "", 0, false},
		{[]string{"-c", "-ng"}, "a\nb\n", "", "sort: unknown sort type\n", 2, false},
		{[]string{"-V"}, "a10\na9\na1.2\na1.10\nb\n1.0\n01\n001\n1\nx1\nx01\nx001\nx0a\nx00\n", "001\n01\n1\n1.0\na1.2\na1.10\na9\na10\nb\nx001\nx00\nx01\nx0a\nx1\n", "", 0, false},
		{[]string{"-M"}, "feb\nJAN\n mar\nxyz\nDec\nmayo\nsept\nmA\n\tmar\n  FEB\njanuary\nju\n", "ju\nmA\nxyz\nJAN\njanuary\n  FEB\nfeb\n\tmar\n mar\nmayo\nsept\nDec\n", "", 0, false},
		{[]string{"-k2,2.3"}, "b xa\na xb\n", "a xb\nb xa\n", "", 0, false},
		{[]string{"-k2.2,2.3"}, "b xa\na xb\n", "a xb\nb xa\n", "", 0, false},
		{[]string{"-t:", "-k2,2.4"}, "b:xa:1\na:xb:2\n", "b:xa:1\na:xb:2\n", "", 0, false},
		{[]string{"-k2b"}, "b  x\na x\n", "a x\nb  x\n", "", 0, false},
		{[]string{"-b", "-k2,2"}, "b  x \na x\n", "a x\nb  x \n", "", 0, false},
		{[]string{"-f"}, "B\na\nC\nb\n_x\n", "a\nB\nb\nC\n_x\n", "", 0, false},
		{[]string{"-d"}, "B\na\nC\nb\n_x\n", "B\nC\na\nb\n_x\n", "", 0, false},
		{[]string{"-i"}, "a\x01b\na\x02a\nab\n", "a\x02a\na\x01b\nab\n", "", 0, false},
		{[]string{"-k2.1n"}, "x 10\ny 9\n", "y 9\nx 10\n", "", 0, false},
		{[]string{"-k1,1", "-k1.5"}, "b\na\n", "a\nb\n", "", 0, false},
		{[]string{"-k4,4"}, "42\t1\t3\twoot\n42\t1\t010\tzoology\negg\t1\t2\tpapyrus\n7\t3\t42\tsoup\n999\t3\t0\talgebra\n", "999\t3\t0\talgebra\negg\t1\t2\tpapyrus\n7\t3\t42\tsoup\n42\t1\t3\twoot\n42\t1\t010\tzoology\n", "", 0, false},
		{[]string{"-k2,3n"}, "42\t1\t3\twoot\n42\t1\t010\tzoology\negg\t1\t2\tpapyrus\n7\t3\t42\tsoup\n999\t3\t0\talgebra\n", "42\t1\t010\tzoology\n42\t1\t3\twoot\negg\t1\t2\tpapyrus\n7\t3\t42\tsoup\n999\t3\t0\talgebra\n", "", 0, false},
		{[]string{"-k2,3n", "-r"}, "42\t1\t3\twoot\n42\t1\t010\tzoology\negg\t1\t2\tpapyrus\n7\t3\t42\tsoup\n999\t3\t0\talgebra\n", "egg\t1\t2\tpapyrus\n42\t1\t3\twoot\n42\t1\t010\tzoology\n999\t3\t0\talgebra\n7\t3\t42\tsoup\n", "", 0, false},
		{[]string{"-k2,3rn"}, "42\t1\t3\twoot\n42\t1\t010\tzoology\negg\t1\t2\tpapyrus\n7\t3\t42\tsoup\n999\t3\t0\talgebra\n", "7\t3\t42\tsoup\n999\t3\t0\talgebra\n42\t1\t010\tzoology\n42\t1\t3\twoot\negg\t1\t2\tpapyrus\n", "", 0, false},
		{[]string{"-k", "2,2n", "-k", "1,1r"}, "c 3\nb 2\nd 2\n", "d 2\nb 2\nc 3\n", "", 0, false},
		{[]string{"-n", "-k2", "-t/"}, "/a/2\n/b/1\n", "/a/2\n/b/1\n", "", 0, false},
		{[]string{"-n", "-k3", "-t/"}, "//a/2\n//b/1\n", "//a/2\n//b/1\n", "", 0, false},
		{[]string{"-t:", "-k1,1"}, "a/a:a\na:b\n", "a:b\na/a:a\n", "", 0, false},
		{[]string{"-t.", "-k1,1.1", "-k2"}, "aa.2\nab.1\n", "ab.1\naa.2\n", "", 0, false},
		{[]string{"-t.", "-k", "1,1", "-k", "2n,2n", "-k", "3"}, "GLIBC_2.21\nGLIBC_2.1.1\nGLIBC_2.2.1\nGLIBC_2.2\nGLIBC_2.20\nGLIBC_2.10\nGLIBC_2.1\n", "GLIBC_2.1\nGLIBC_2.1.1\nGLIBC_2.2\nGLIBC_2.2.1\nGLIBC_2.10\nGLIBC_2.20\nGLIBC_2.21\n", "", 0, false},
		{[]string{"-u", "-t.", "-k", "1,1", "-k", "2n,2n", "-k", "3"}, "GLIBC_2.10\nGLIBC_2.2.1\nGLIBC_2.1.1\nGLIBC_2.20\nGLIBC_2.2\nGLIBC_2.1\nGLIBC_2.21\n", "GLIBC_2.1\nGLIBC_2.1.1\nGLIBC_2.2\nGLIBC_2.2.1\nGLIBC_2.10\nGLIBC_2.20\nGLIBC_2.21\n", "", 0, false},
		{[]string{"-u", "-k2"}, "a c\nb c\n", "a c\n", "", 0, false},
		{[]string{"-z"}, "one\x00two\x00three\x00", "one\x00three\x00two\x00", "", 0, false},
		{[]string{"-n", "-k2", "-t", " "}, " 2 \n 1 \n a \n", " a \n 1 \n 2 \n", "", 0, false},
		{[]string{"-r", "-f", "-k1,1"}, "b\nA\na\nB\n", "b\nB\na\nA\n", "", 0, false},
		{[]string{"-fu"}, "b\nA\na\nB\n", "A\nB\n", "", 0, false},
		{[]string{"-bfu"}, " b\nA\na \nB\n", "A\n b\n", "", 0, false},
		{[]string{"-t:", "-k2"}, "a:b:c\nb:a\nc\n", "c\nb:a\na:b:c\n", "", 0, false},
		{[]string{"-t:", "-k2,2", "-k1,1r"}, "a:x\nb:x\nc:w\n", "c:w\nb:x\na:x\n", "", 0, false},
		{[]string{"-k1.2,1.2"}, "ba\nab\nca\n", "ba\nca\nab\n", "", 0, false},
		{[]string{"-k", "1.3b"}, "a   c\nb b\n", "a   c\nb b\n", "", 0, false},
		{[]string{"-d", "-k1"}, "a-c\nab\na_b\n", "a_b\nab\na-c\n", "", 0, false},
	})
}
