package printf

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// longDigits reports a run of more than four digits: a width or precision
// that large only makes the output huge.
func longDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run > 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// FuzzPrintf runs printf with arbitrary formats and arguments (NUL
// separated): no panics or hangs, status 0 or 1, diagnostics that are all
// "printf: ..." lines, and a format without % or \ printed as it is.
func FuzzPrintf(f *testing.F) {
	for _, c := range [][2]string{
		{`\c`, "foo"}, {`%s\c`, "foo\x00bar"}, {`%s\n`, "foo\x00bar"}, {`%b`, `a\tb` + "\x00" + `c\d\n`},
		{`%b|`, `\0101\101`}, {`\0101\101\n`, ""}, {`%d\n`, `"x` + "\x00'y"}, {`|%23.12f|`, "5.25"},
		{`|%*.*f|`, "23\x0012\x005.25"}, {`|%*f|`, "-23\x005.25"}, {`%zd %ld %Ld %%`, "-5\x00-5\x00-5"},
		{`%d %i %x|`, "   +3\x00010\x000x1f"}, {`%x %o %u|`, "-2\x008\x00-1"}, {`%d\n`, "1\x00-\x002\x00bad"},
		{`%`, "a"}, {`x%lr`, "a"}, {`%0*d|%0 d|`, "2\x001\x002"}, {`%#x %#o %#X|%.0d|`, "0\x000\x00255\x000"},
		{`%-5s|%5.2s|%c|`, "ab\x00xyz\x00qrs"}, {`%e %g %G %E`, "1234.5\x001234.5\x000.00001234\x001"},
		{`%g %g %#g %+.1f % f`, "100000\x001000000\x001.5\x002\x001"}, {`%f %f %5.1f|`, "inf\x00-nan\x00-inf"},
		{`%*d|`, "x\x005"}, {`%s %s|`, "a"}, {"--", "-%s-\x00x"}, {`a\045d`, ""}, {`%08.3d|%-+6d|`, "5\x007"},
		{`%d %d`, "9223372036854775807\x00-9223372036854775808"}, {`%u`, "18446744073709551616"},
		{`%f %e`, "1e400\x001e-400"}, {`%a`, "1"}, {`%.3q`, ""}, {`%99999999999d|`, "5"},
		{`%.*d|`, "-2147483648\x001"}, {`\x41\777\0\`, ""}, {"plain text", ""},
	} {
		f.Add(c[0], c[1])
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, format, args string) {
		if len(format) > 256 || len(args) > 256 || format == "--" {
			return
		}
		argv := []string{format}
		if args != "" {
			argv = append(argv, strings.Split(args, "\x00")...)
		}
		if longDigits(format) ||
			strings.Contains(format, "*") && longDigits(args) {
			return
		}
		r := applettest.Cmd{Args: argv, Dir: dir}.Run(t, &Applet)
		if r.Code != 0 && r.Code != 1 {
			t.Fatalf("printf %q: status %d", argv, r.Code)
		}
		if r.Stderr != "" && !strings.HasPrefix(r.Stderr, "printf: ") {
			t.Fatalf("printf %q: stderr %q", argv, r.Stderr)
		}
		if r.Code == 0 && r.Stderr != "" && !strings.Contains(r.Stderr, "invalid number") {
			t.Fatalf("printf %q: status 0 with %q", argv, r.Stderr)
		}
		if !strings.ContainsAny(format, `%\`) && (r.Stdout != format || r.Code != 0) {
			t.Fatalf("printf %q = %q, %d", argv, r.Stdout, r.Code)
		}
	})
}

// TestFuzzRegressions holds inputs that crashed: a width or precision
// beyond C's int used to build a string of that many bytes.
func TestFuzzRegressions(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdout string
		code   int
	}{
		{[]string{`a%99999999999db|%.99999999999dc`, "5", "6"}, "ab|c", 0},
		{[]string{`%99999999999999999999999s|%99999999999f|`, "x", "1"}, "||", 0},
		{[]string{`x%*dy`, "-2147483648", "5"}, "x5y", 0},
	} {
		applettest.Run(t, &Applet, tc.args...).Expect(t, tc.stdout, tc.code)
	}
}
