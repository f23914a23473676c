package pattern

import "testing"

func TestMatch(t *testing.T) {
	for _, c := range matchCases {
		if got := compile(c.pat, false).Match(c.s); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pat, c.s, got, c.want)
		}
	}
}

// TestMatchPOSIX: the cases where gobox follows POSIX and glibc, not musl.
func TestMatchPOSIX(t *testing.T) {
	for _, c := range posixCases {
		for _, bytes := range []bool{false, true} {
			if bytes && !isASCII(c.s) {
				continue
			}
			if got := compile(c.pat, bytes).Match(c.s); got != c.want {
				t.Errorf("Match(%q, %q) (C locale %v) = %v, want %v", c.pat, c.s, bytes, got, c.want)
			}
		}
	}
}

// TestTrimStrayBytes: a stray byte is one character when trimming and
// replacing too, as in bash (${s#?} on "\x81a" is "a"); the valid
// characters around it stay whole, where bash and glibc fall back to
// bytes for the whole string (a choice: characters are never split).
func TestTrimStrayBytes(t *testing.T) {
	for _, c := range []struct{ s, pat, pre, suf, repAll string }{
		{"\x81a", "?", "a", "\x81", "<><>"},
		{"a\x81", "?", "\x81", "a", "<><>"},
		{"é\x81é", "?", "\x81é", "é\x81", "<><><>"},
		{"x\xe2\x82", "x?", "\x82", "x\xe2\x82", "<>\x82"},
	} {
		p := compile(c.pat, false)
		if got := p.TrimPrefix(c.s, false); got != c.pre {
			t.Errorf("${%q#%s} = %q, want %q", c.s, c.pat, got, c.pre)
		}
		if got := p.TrimSuffix(c.s, false); got != c.suf {
			t.Errorf("${%q%%%s} = %q, want %q", c.s, c.pat, got, c.suf)
		}
		if got := p.Replace(c.s, "<>", true); got != c.repAll {
			t.Errorf("${%q//%s/<>} = %q, want %q", c.s, c.pat, got, c.repAll)
		}
	}
}

func TestTrimReplace(t *testing.T) {
	for _, c := range trimCases {
		p := compile(c.pat, false)
		got := [6]string{p.TrimPrefix(c.s, false), p.TrimPrefix(c.s, true), p.TrimSuffix(c.s, false),
			p.TrimSuffix(c.s, true), p.Replace(c.s, "<>", false), p.Replace(c.s, "<>", true)}
		want := [6]string{c.pre, c.longPre, c.suf, c.longSuf, c.rep, c.repAll}
		if got != want {
			t.Errorf("%q on %q:\n got  %q\n want %q", c.pat, c.s, got, want)
		}
	}
}

// TestReplaceStars: ash loops forever on ${v//*/x}; gobox replaces once.
func TestReplaceStars(t *testing.T) {
	for _, c := range []struct{ s, pat, want string }{
		{"abc", "*", "<>"},
		{"", "*", "<>"},
		{"abc", "**", "<>"},
	} {
		if got := compile(c.pat, false).Replace(c.s, "<>", true); got != c.want {
			t.Errorf("Replace(%q, %q, all) = %q, want %q", c.s, c.pat, got, c.want)
		}
		if got := compile(c.pat, false).Replace(c.s, "<>", false); got != c.want {
			t.Errorf("Replace(%q, %q) = %q, want %q", c.s, c.pat, got, c.want)
		}
	}
}

func TestCompileCached(t *testing.T) {
	a, b := Compile("*.c"), Compile("*.c")
	if a != b {
		t.Error("Compile does not cache")
	}
}

func TestLiteralNoAlloc(t *testing.T) {
	p := Compile("abc")
	s := "abd"
	if n := testing.AllocsPerRun(100, func() { p.Match(s) }); n != 0 {
		t.Errorf("literal Match allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { Match("*.c", "foo.c") }); n != 0 {
		t.Errorf("cached Match allocates %v times", n)
	}
}

func BenchmarkMatchLiteral(b *testing.B) {
	p := Compile("install")
	for b.Loop() {
		p.Match("uninstall")
	}
}

func BenchmarkMatchSuffix(b *testing.B) {
	p := Compile("*.c")
	for b.Loop() {
		p.Match("shell/expand/expand.c")
	}
}

func BenchmarkMatchClass(b *testing.B) {
	p := Compile("*[13579]")
	for b.Loop() {
		p.Match("123457")
	}
}

func BenchmarkMatchCached(b *testing.B) {
	for b.Loop() {
		Match("[1-4]*2", "3992")
	}
}

func BenchmarkTrim(b *testing.B) {
	long, short := Compile("*/"), Compile(".[0-9]")
	for b.Loop() {
		long.TrimPrefix("/usr/local/lib/libfoo.so.1.2.3", true)
		short.TrimSuffix("local/lib/libfoo-7.so.1.2.3", false)
	}
}

func BenchmarkGlob(b *testing.B) {
	for b.Loop() {
		Glob("/", "usr/*/")
	}
}

func TestMatchBytes(t *testing.T) {
	for _, c := range byteCases {
		if got := compile(c.pat, true).Match(c.s); got != c.want {
			t.Errorf("C locale: Match(%q, %q) = %v, want %v", c.pat, c.s, got, c.want)
		}
	}
	// ASCII patterns match alike in both locales.
	for _, c := range matchCases {
		if !isASCII(c.pat) || !isASCII(c.s) {
			continue
		}
		if got := compile(c.pat, true).Match(c.s); got != c.want {
			t.Errorf("C locale: Match(%q, %q) = %v, want %v", c.pat, c.s, got, c.want)
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
