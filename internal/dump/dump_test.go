package dump

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// dumpString dumps in with the formats and returns what was printed, or the
// first error's text.
func dumpString(t testing.TB, in string, formats ...string) (string, string) {
	d := New()
	for _, f := range formats {
		if err := d.Add(f); err != nil {
			return "", err.Error()
		}
	}
	var out, errb bytes.Buffer
	ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb}
	w := bufio.NewWriter(&out)
	if _, err := d.Dump(ctx, w, nil); err != nil {
		return out.String(), err.Error()
	}
	return out.String(), errb.String()
}

// TestFormats holds the format language to what Alpine's BusyBox 1.36.1
// printed for the same formats and input.
func TestFormats(t *testing.T) {
	const in = "abcdefghijklmnopqrstuvwxyz\x00\x01\xff"
	tests := []struct {
		formats []string
		want    string
	}{
		// Iteration and byte counts, trailing blanks on the last
		// iteration, padding of the last block.
		{[]string{`4/1 "%d " "\n"`}, "97 98 99 100\n101 102 103 104\n105 106 107 108\n109 110 111 112\n113 114 115 116\n117 118 119 120\n121 122 0 1\n255   \n"},
		{[]string{`"%_Ax\n"`, `8/1 "%3u" "\n"`}, " 97 98 99100101102103104\n105106107108109110111112\n113114115116117118119120\n121122  0  1255         \n1d\n"},
		// Only the first conversion of a unit prints (BusyBox links no
		// other print unit), the text after it up to the next '%' too;
		// the others count in the block size.
		{[]string{`"[%02x] [%02x]\n"`}, "[64636261] [[6c6b6a69] [[74737271] [[1007a79] ["},
		{[]string{`"%_u"`}, "abcdefghijklmnopqrstuvwxyznulsohff"},
		{[]string{`1/1 "%02x|" 1/1 "%02x!\n"`}, "61|62!\n63|64!\n65|66!\n67|68!\n69|6a!\n6b|6c!\n6d|6e!\n6f|70!\n71|72!\n73|74!\n75|76!\n77|78!\n79|7a!\n00|01!\nff|  !\n"},
		{[]string{`"%5-3x\n"`}, ""}, // musl rejects the conversion: nothing at all
		{[]string{`1/1 "%_c"`}, "abcdefghijklmnopqrstuvwxyz\\0001377"},
		{[]string{`1/1 "%_p"`}, "abcdefghijklmnopqrstuvwxyz..."},
		{[]string{`1/1 "%_ad "`}, "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 "},
		// Errors.
		{[]string{`x`}, "bad format {x}"},
		{[]string{`1/1`}, "bad format {1/1}"},
		{[]string{`"%s"`}, "%s needs precision or byte count"},
		{[]string{`/3 "%x"`}, "bad byte count for conversion character x"},
		{[]string{`/1 "%x %x"`}, "byte count with multiple conversion characters"},
		{[]string{`"%_z"`}, "bad conversion character %_z"},
		{[]string{`"%*d"`}, "bad conversion character %*d"},
		{[]string{`"abc%"`}, "bad conversion character %"},
	}
	for _, tt := range tests {
		got, errText := dumpString(t, in, tt.formats...)
		if errText != "" {
			got = errText
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.formats, got, tt.want)
		}
	}
}

func TestEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a\tb\nc`, "a\tb\nc"},
		{`\101\x41\x4g\e\\`, "AA\x04g\x1b\\"},
		{`\400`, "\x20" + "0"}, // octal stops before passing 255
		{`\xz`, `\xz`},
		{`\q`, `\q`},
		{`a\0b`, "a"}, // a NUL ends the C string
		{`end\`, `end\`},
	}
	for _, tt := range tests {
		if got := string(unescape(tt.in)); got != tt.want {
			t.Errorf("unescape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrintfSpecs(t *testing.T) {
	tests := []struct {
		format string
		in     string
		want   string
	}{
		{`1/1 "%05c|"`, "A", "    A|"},
		{`1/1 "%-3c|"`, "A", "A  |"},
		{`1/4 "%+d|"`, "\x05\x00\x00\x00", "+5|"},
		{`1/4 "% d|"`, "\x05\x00\x00\x00", " 5|"},
		{`1/4 "%#o|"`, "\x08\x00\x00\x00", "010|"},
		{`1/4 "%#x|"`, "\xff\x00\x00\x00", "0xff|"},
		{`1/4 "%#X|"`, "\xff\x00\x00\x00", "0XFF|"},
		{`1/4 "%.3d|"`, "\x05\x00\x00\x00", "005|"},
		{`1/4 "%08.3x|"`, "\x05\x00\x00\x00", "     005|"},
		{`1/4 "%ld|"`, "\xff\xff\xff\xff", "4294967295|"},
		{`1/2 "%d|"`, "\xff\xff", "-1|"},
		{`1/1 "%d|"`, "\xff", "255|"},
		{`1/4 "%.0s|"`, "abcd", "|"},
		{`1/4 "%5.1s|"`, "abcd", "    a|"},
		{`1/1 "%.0_c|"`, "a", "a|"},
		{`1/1 "%.0_c|"`, "\n", "|"},
		{`1/1 "%3_u|"`, "\x80", " 80|"},
		{`1/8 "%e|"`, "\x00\x00\x00\x00\x00\x00\xf0\x3f", "1.000000e+00|"},
	}
	for _, tt := range tests {
		got, errText := dumpString(t, tt.in, tt.format)
		if got != tt.want || errText != "" {
			t.Errorf("%s of %q: got %q (%q), want %q", tt.format, tt.in, got, errText, tt.want)
		}
	}
}

// FuzzFormat feeds arbitrary format strings and data to the parser and
// the printer: they must return output or an error, never panic.
func FuzzFormat(f *testing.F) {
	for _, seed := range []string{
		`"%07.7_ax "8/2 "%04x ""\n"`, `"%08.8_Ax\n"`, `16/1 "%_u " "\n"`,
		`4/4 "%.2s|"`, `"%_c%_p%_u"`, `2 "%x" "\n"`, `/1 "%x %x"`, `"abc%"`,
		`1/8 "%e %g"`, `"%.5s"`, `"%l"`, `"\x41\101%%"`, `3/ "%d"`, `"%5-3x"`,
	} {
		f.Add(seed, "abc\x00\xff0123456789")
	}
	f.Fuzz(func(t *testing.T, format, data string) {
		if len(data) > 4096 {
			return
		}
		d := New()
		if d.Add(format) != nil {
			return
		}
		bs, err := d.prepare()
		if err != nil || bs > 1<<16 {
			return // a huge block is BusyBox's too: slow, not wrong
		}
		for _, f := range d.fs {
			for _, u := range f.fus {
				if u.reps > 1<<10 || u.pr != nil && (u.pr.spec.width > 1<<10 || u.pr.spec.prec > 1<<10) {
					return
				}
			}
		}
		ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(data), Stdout: io.Discard, Stderr: io.Discard}
		d.Dump(ctx, bufio.NewWriter(io.Discard), nil)
	})
}
