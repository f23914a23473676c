package printf

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestPrintf(t *testing.T) {
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		{[]string{`\c`, "foo"}, "", "", 0},
		{[]string{`%s\c`, "foo", "bar"}, "foo", "", 0},
		{[]string{`%s\n`, "foo", "bar"}, "foo\nbar\n", "", 0},
		{[]string{`%b`, `a\tb`, `c\d\n`}, "a\tbc\\d\n", "", 0},
		{[]string{`%b|`, `\0101\101`}, "AA|", "", 0},
		{[]string{`\0101\101\n`}, "\x081A\n", "", 0},
		{[]string{`%d\n`, `"x`, `'y`}, "120\n121\n", "", 0},
		{[]string{`|%23.12f|`, "5.25"}, "|         5.250000000000|", "", 0},
		{[]string{`|%*.*f|`, "23", "12", "5.25"}, "|         5.250000000000|", "", 0},
		{[]string{`|%*f|`, "-23", "5.25"}, "|5.250000               |", "", 0},
		{[]string{`|%.*f|`, "-12", "5.25"}, "|5.250000|", "", 0},
		{[]string{`%zd %ld %Ld %%`, "-5", "-5", "-5"}, "-5 -5 -5 %", "", 0},
		{[]string{`%d %i %x|`, "   +3", "010", "0x1f"}, "3 8 1f|", "", 0},
		{[]string{`%x %o %u|`, "-2", "8", "-1"}, "fffffffffffffffe 10 18446744073709551615|", "", 0},
		{[]string{`%d\n`, "1", "-", "2", "bad", "3", "123bad"},
			"1\n0\n2\n0\n3\n0\n", "printf: invalid number '-'\nprintf: invalid number 'bad'\nprintf: invalid number '123bad'\n", 1},
		{[]string{`%`, "a"}, "", "printf: %: invalid format\n", 1},
		{[]string{`x%lr`, "a"}, "x", "printf: %r: invalid format\n", 1},
		{[]string{`%0*d|%0 d|`, "2", "1", "2"}, "01| 2|", "", 0},
		{[]string{`%#x %#o %#X|%.0d|`, "0", "0", "255", "0"}, "0 0 0XFF||", "", 0},
		{[]string{`%-5s|%5.2s|%c|`, "ab", "xyz", "qrs"}, "ab   |   xy|q|", "", 0},
		{[]string{`%e %g %G %E`, "1234.5", "1234.5", "0.00001234", "1"}, "1.234500e+03 1234.5 1.234E-05 1.000000E+00", "", 0},
		{[]string{`%g %g %#g %+.1f % f`, "100000", "1000000", "1.5", "2", "1"}, "100000 1e+06 1.50000 +2.0  1.000000", "", 0},
		{[]string{`%f %f %5.1f|`, "inf", "-nan", "-inf"}, "inf -nan  -inf|", "", 0},
		{[]string{`%*d|`, "x", "5"}, "5|", "printf: invalid number 'x'\n", 0},
		{[]string{`%s %s|`, "a"}, "a |", "", 0},
		{[]string{"--", "-%s-", "x"}, "-x-", "", 0},
		{[]string{`a\045d`}, "a%d", "", 0},
		{[]string{`%08.3d|%-+6d|`, "5", "7"}, "     005|+7    |", "", 0},
		// strtod's ERANGE (musl's, as Alpine shows it) is an invalid
		// number, with strtod's value still printed.
		{[]string{`%g\n`, "1e999", "-1e-400", "5e-324", "1e-310", "0x1p-1075"},
			"inf\n-0\n4.94066e-324\n1e-310\n0\n",
			"printf: invalid number '1e999'\nprintf: invalid number '-1e-400'\nprintf: invalid number '5e-324'\n" +
				"printf: invalid number '1e-310'\nprintf: invalid number '0x1p-1075'\n", 1},
		{[]string{`%g\n`, "4e-324", "2.2250738585072014e-308", "0x1p1024", "0x1.8p-1075", "nan(12)"},
			"4.94066e-324\n2.22507e-308\ninf\n4.94066e-324\nnan\n", "", 0},
	} {
		r := applettest.Run(t, &Applet, tc.args...)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("printf %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
	r := applettest.Run(t, &Applet)
	if r.Code != 1 || r.Stderr == "" {
		t.Errorf("printf without args: %d %q", r.Code, r.Stderr)
	}
}

// fullWriter fails every write with ENOSPC, counting them.
type fullWriter struct{ writes int }

func (w *fullWriter) Write(p []byte) (int, error) {
	w.writes++
	return 0, syscall.ENOSPC
}

// TestPrintfStopsAtWriteError: once a write has failed, printf stops
// reusing the format for the remaining arguments (here the bad number
// at the end is never reached) and reports the write error.
func TestPrintfStopsAtWriteError(t *testing.T) {
	args := []string{`%d\n`}
	for range 10000 {
		args = append(args, "1")
	}
	args = append(args, "bad")
	w := &fullWriter{}
	var errb bytes.Buffer
	code := applet.Run(&applet.Ctx{Context: context.Background(), Stdout: w, Stderr: &errb}, &Applet, args)
	if code != 1 || errb.String() != "printf: write error: No space left on device\n" || w.writes != 1 {
		t.Errorf("printf >full: status %d, %d writes, stderr %q", code, w.writes, errb.String())
	}
}

// chunkWriter records the sizes of the writes it gets.
type chunkWriter struct {
	bytes.Buffer
	sizes []int
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.Buffer.Write(p)
}

// TestPrintfBuffer: output goes out in writes of about 4 KB, all of
// it, and a short printf allocates a few bytes for its buffer, not 4 KB
// (the shell runs printf in its loops; issue 10).
func TestPrintfBuffer(t *testing.T) {
	args := []string{`%s\n`}
	for range 3000 {
		args = append(args, "abc")
	}
	w := &chunkWriter{}
	ctx := &applet.Ctx{Context: context.Background(), Stdout: w, Stderr: io.Discard}
	if code := applet.Run(ctx, &Applet, args); code != 0 {
		t.Fatalf("status %d", code)
	}
	if w.Len() != 12000 || w.String() != strings.Repeat("abc\n", 3000) || len(w.sizes) != 3 || w.sizes[0] != 4096 {
		t.Errorf("printf of 12000 bytes: %d bytes in writes of %v", w.Len(), w.sizes)
	}

	// A piece larger than the buffer goes out as it is, after what
	// was buffered.
	w = &chunkWriter{}
	ctx.Stdout = w
	big := strings.Repeat("x", 10000)
	if code := applet.Run(ctx, &Applet, []string{`a%sb`, big}); code != 0 || w.String() != "a"+big+"b" || len(w.sizes) != 3 || w.sizes[1] != 10000 {
		t.Errorf("printf of a 10000-byte argument: status %d, writes of %v", code, w.sizes)
	}

	short := func() {
		applet.Run(&applet.Ctx{Context: context.Background(), Stdout: io.Discard, Stderr: io.Discard}, &Applet, []string{`%s\n`, "x1234"})
	}
	short()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 100 {
		short()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / 100; per > 2048 {
		t.Errorf("a short printf allocates %d bytes, want at most 2048", per)
	}
}
