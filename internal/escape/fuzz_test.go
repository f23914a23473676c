package escape

import (
	"strings"
	"testing"
)

// FuzzExpand expands arbitrary strings both ways: no panics, never longer
// than the input, unchanged without a backslash, stopping only at a \c,
// and a string that only holds the simple two-byte escapes expands to
// one byte per escape.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{
		"", "plain", `\`, `a\`, `\\`, `\c`, `a\cb`, `\\c`, `\a\b\e\f\n\r\t\v`, `\x`, `\x4`, `\x41`,
		`\x414`, `\xZ`, `\0`, `\0101`, `\101`, `\777`, `\400`, `\08`, `\q`, `\0\00\000\0000`,
		"\\\x00", "\xff\\\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []struct {
			name string
			f    func(string) (string, bool)
		}{{"Echo", Echo}, {"Printf", Printf}} {
			out, stop := fn.f(s)
			if len(out) > len(s) {
				t.Fatalf("%s(%q) = %q, longer than the input", fn.name, s, out)
			}
			if !strings.Contains(s, `\`) && (out != s || stop) {
				t.Fatalf("%s(%q) = %q %v", fn.name, s, out, stop)
			}
			if stop && !strings.Contains(s, `\c`) {
				t.Fatalf("%s(%q) stopped without \\c", fn.name, s)
			}
			// Only \a..\v, \\ and unknown escapes: simple counting.
			if !strings.ContainsAny(s, "01234567xc") && !strings.HasSuffix(s, `\`) || strings.Count(s, `\`) == 0 {
				want := len(s)
				for i := 0; i < len(s); i++ {
					if s[i] == '\\' && i+1 < len(s) {
						if strings.IndexByte(`abefnrtv\`, s[i+1]) >= 0 {
							want--
						}
						i++
					}
				}
				if len(out) != want {
					t.Fatalf("%s(%q) = %q, want %d bytes", fn.name, s, out, want)
				}
			}
			// What precedes the first backslash is copied as it is.
			if i := strings.IndexByte(s, '\\'); i >= 0 && !strings.HasPrefix(out, s[:i]) {
				t.Fatalf("%s(%q) = %q lost its prefix", fn.name, s, out)
			}
		}
		// The two differ only for \0 followed by an octal digit.
		if !strings.Contains(s, `\0`) {
			e, es := Echo(s)
			p, ps := Printf(s)
			if e != p || es != ps {
				t.Fatalf("Echo(%q) = %q, Printf = %q", s, e, p)
			}
		}
	})
}
