package regex

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// randomText is n characters drawn from alphabet, with a newline about
// every line characters (never, with line 0).
func randomText(seed int64, n int, alphabet string, line int) string {
	r := rand.New(rand.NewSource(seed))
	chars := []rune(alphabet)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if line > 0 && r.Intn(line) == 0 {
			b.WriteByte('\n')
			continue
		}
		b.WriteRune(chars[r.Intn(len(chars))])
	}
	return b.String()
}

// TestDFAGivesUp: patterns whose DFA has exponentially many states make
// the lazy DFA give up; the Pike VM then answers every question, with
// the leftmost-longest match and Go's submatches (Go's regexp, in tests
// only, is the reference), in time linear in the text.
func TestDFAGivesUp(t *testing.T) {
	tests := []struct {
		pat   string
		flags Flags
		in    string
	}{
		{`(a|b)*a(a|b){14}c`, Extended, randomText(1, 100_000, "ab", 0) + "c"},
		{`(a|b)*a(a|b){14}c`, Extended, randomText(2, 100_000, "ab", 0)},
		{`a[ab]{14}(b+)x`, Extended | Newline, randomText(3, 100_000, "ab", 500) + "bx"},
		{`\(a\|b\)a[ab]\{15\}c$`, Newline, randomText(4, 100_000, "ab", 300) + "c\nab"},
		{`[[:alpha:]]*é(.){19}z\>`, Extended, randomText(5, 160_000, "aé", 0) + "z"},
		{`(x|a.{14})y`, Extended | ICase, randomText(6, 100_000, "abc", 0) + "Y"},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		for _, notBOL := range []bool{false, true} {
			got := re.FindStringSubmatchIndex(tt.in, notBOL)
			if g := goFor(re, tt.in, notBOL); g != nil {
				if want := g.FindStringSubmatchIndex(tt.in); !reflect.DeepEqual(got, want) {
					t.Errorf("%q notBOL=%v: got %v, Go's regexp %v", tt.pat, notBOL, got, want)
				}
			}
			if !notBOL && re.MatchString(tt.in) != (got != nil) {
				t.Errorf("%q: MatchString %v, Find %v", tt.pat, !(got != nil), got)
			}
		}
		if !re.dfa.failed {
			t.Errorf("%q: the DFA did not give up; the test no longer reaches the Pike VM", tt.pat)
		}
		// Line by line, as grep asks.
		ws, we := -1, -1
		g := goFor(re, "", false)
		for ls := 0; ls <= len(tt.in) && g != nil; {
			le := strings.IndexByte(tt.in[ls:], '\n')
			if le < 0 {
				le = len(tt.in)
			} else {
				le += ls
			}
			if g.MatchString(tt.in[ls:le]) {
				ws, we = ls, le
				break
			}
			ls = le + 1
		}
		if s, e := re.FindLine([]byte(tt.in)); g != nil && (s != ws || e != we) {
			t.Errorf("%q: FindLine %d,%d; Go's regexp line by line %d,%d", tt.pat, s, e, ws, we)
		}
	}
}

// TestPikeLongText: submatches in a text too long for the backtracker's
// set of explored states come from the Pike VM, and agree with Go's.
func TestPikeLongText(t *testing.T) {
	long := randomText(7, 300_000, "abc =", 0)
	tests := []struct {
		pat   string
		flags Flags
		in    string
	}{
		{`([a-c]*)=([a-c]*)`, Extended, long},
		{`(a|ab)(c|bcd)(d*)`, Extended, strings.Repeat("x", 200_000) + "abcd"},
		{`\(c*\)\(b\|bc\)*=\{2\}`, 0, long},
		{`^(.*)(c)$`, Extended, long},
		{`(a*)+$`, Extended, long},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		if re.fitsBacktrack(tt.in) {
			t.Fatalf("%q: %d bytes fit the backtracker; make the text longer", tt.pat, len(tt.in))
		}
		for _, notBOL := range []bool{false, true} {
			got := re.FindStringSubmatchIndex(tt.in, notBOL)
			g := goFor(re, tt.in, notBOL)
			if g == nil {
				t.Fatalf("%q: no Go translation", tt.pat)
			}
			if want := g.FindStringSubmatchIndex(tt.in); !reflect.DeepEqual(got, want) {
				t.Errorf("%q notBOL=%v: got %v, Go's regexp %v", tt.pat, notBOL, got, want)
			}
			if bt := re.backtrack(tt.in, notBOL, false); !reflect.DeepEqual(got, bt) {
				t.Errorf("%q notBOL=%v: got %v, backtracker %v", tt.pat, notBOL, got, bt)
			}
		}
	}
}

// TestPikeBounded: the Pike VM's work is instructions times characters,
// whatever the pattern: these take exponential time in a plain
// backtracker and states beyond count in a DFA.
func TestPikeBounded(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	tests := []struct {
		pat   string
		flags Flags
		in    string
		want  []int
	}{
		{`(a*)*b`, Extended, long, nil},
		{`(a|aa)*c`, Extended, long, nil},
		{`(a?){40}a{40}`, Extended, long[:40], []int{0, 40, 0, 0}},
		{`((a|a)*)*$`, Extended, long, []int{0, len(long), 0, len(long), len(long) - 1, len(long)}},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		got := re.pike(tt.in, 0, false, false, false)
		if len(got) > 2 && len(tt.want) == 4 {
			got = got[:4]
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q on %d bytes: %v, want %v", tt.pat, len(tt.in), got, tt.want)
		}
		if any := re.pike(tt.in, 0, false, false, true); (any != nil) != (tt.want != nil) {
			t.Errorf("%q on %d bytes: match %v", tt.pat, len(tt.in), any != nil)
		}
	}
}
