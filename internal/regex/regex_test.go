package regex

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// spans formats a FindStringSubmatchIndex result as "s,e s,e ..." with
// "-" for an unset subexpression.
func spans(loc []int) string {
	if loc == nil {
		return "nomatch"
	}
	var parts []string
	for i := 0; i < len(loc); i += 2 {
		if loc[i] < 0 {
			parts = append(parts, "-")
		} else {
			parts = append(parts, fmt.Sprintf("%d,%d", loc[i], loc[i+1]))
		}
	}
	return strings.Join(parts, " ")
}

// TestSubmatchPositions checks exact positions, which the table (made
// with sed) cannot show: where an empty subexpression is, and that one
// that did not take part is unset. The expectations are GNU's (glibc's
// regexec, which GNU sed uses), checked by hand against its output.
func TestSubmatchPositions(t *testing.T) {
	E := Extended
	tests := []struct {
		pat   string
		flags Flags
		in    string
		want  string
	}{
		{`(a)|b`, E, "b", "0,1 -"},
		{`(a)|(b)`, E, "xb", "1,2 - 1,2"},
		{`a(b)?c`, E, "ac", "0,2 -"},
		{`a(b*)c`, E, "ac", "0,2 1,1"},
		{`(a*)(b*)`, E, "b", "0,1 0,0 0,1"},
		{`x(a|b)*y`, E, "xaby", "0,4 2,3"},
		{`(a{0})b`, E, "ab", "1,2 1,1"},
		{`\(a\)\{0\}b`, 0, "b", "0,1 -"},
		{`()`, E, "x", "0,0 0,0"},
		{`(|a)b`, E, "ab", "0,2 0,1"},
		{`\(a\)*b\1`, 0, "aba", "0,3 0,1"},
		{`\([a-z]*\)-\1`, 0, "x abc-abc y", "2,9 2,5"},
		{`(.)(.)\2\1`, E, "xabbay", "1,5 1,2 2,3"},
		{`\(ab\)*c`, 0, "ababc", "0,5 2,4"},
		{`(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)`, E, "abcdefghijk",
			"0,11 0,1 1,2 2,3 3,4 4,5 5,6 6,7 7,8 8,9 9,10 10,11"},
		{`é(.)`, E, "aéèb", "1,5 3,5"},
		{`\<b`, 0, "ab b", "3,4"},
		{`b\>`, 0, "ba b", "3,4"},
		{`\<(.)`, E, "éa b", "0,2 0,2"},
		{`.\>`, 0, "café b", "3,5"},
		{`\bé`, 0, "xé é", "4,6"},
	}
	for _, tt := range tests {
		re, err := Compile(tt.pat, tt.flags)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pat, err)
			continue
		}
		if got := spans(re.FindStringSubmatchIndex(tt.in, false)); got != tt.want {
			t.Errorf("%q on %q: got %s, want %s", tt.pat, tt.in, got, tt.want)
		}
		if got := spans(re.FindSubmatchIndex([]byte(tt.in), false)); got != tt.want {
			t.Errorf("%q on []byte %q: got %s, want %s", tt.pat, tt.in, got, tt.want)
		}
	}
}

// TestNewline checks REG_NEWLINE against GNU sed's M flag, which sets it.
func TestNewline(t *testing.T) {
	E := Extended
	N := Newline
	tests := []struct {
		pat   string
		flags Flags
		in    string
		want  string
	}{
		{`^c`, N, "ab\ncd", "3,4"},
		{`^c`, 0, "ab\ncd", "nomatch"},
		{`b$`, N, "ab\ncd", "1,2"},
		{`b$`, 0, "ab\ncd", "nomatch"},
		{`d$`, 0, "ab\ncd", "4,5"},
		{`b.c`, N, "ab\ncd", "nomatch"},
		{`b.c`, 0, "ab\ncd", "1,4"},
		{`b[^x]c`, N, "ab\ncd", "nomatch"},
		{`b[^x]c`, 0, "ab\ncd", "1,4"},
		{`b\nc`, N, "ab\ncd", "1,4"},
		{`b[[:space:]]c`, N, "ab\ncd", "1,4"},
		{`^$`, N, "a\n\nb", "2,2"},
		{"\\`c", N, "ab\ncd", "nomatch"},
		{`b\'`, N, "ab\ncd", "nomatch"},
		{`(^|x)c`, E | N, "ab\ncd", "3,4 3,3"},
		{`\(^c\)\1`, N, "ab\ncc", "3,5 3,4"},
		{`\<c`, N, "ab\ncé", "3,4"},
		// Many lines, as grep searches a buffer: the match is found in
		// its line, even when a superset of a backreference pattern
		// matched an earlier one.
		{`x`, N, "a\nb\nx", "4,5"},
		{`\(a\)\1`, N, "ab\nxa\naa", "6,8 6,7"},
		{`\([a-z]\)\1$`, N, "abb \nxx\n", "5,7 5,6"},
		{`a*`, N, "\nb", "0,0"},
		{`b\>`, N, "ab\nb", "1,2"},
		{`[0-9]+$`, E | N, "a1\n22 x\n333", "1,2"},
		{`é\>`, N, "éa\né", "4,6"},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		if got := spans(re.FindStringSubmatchIndex(tt.in, false)); got != tt.want {
			t.Errorf("%q (flags %d) on %q: got %s, want %s", tt.pat, tt.flags, tt.in, got, tt.want)
		}
	}
}

// TestNotBOL checks REG_NOTBOL: the text does not start a line, so ^ (and
// \`) cannot match at its start; with Newline ^ still matches after '\n'.
// Word assertions see no character before the text, as musl's regexec.
func TestNotBOL(t *testing.T) {
	N := Newline
	tests := []struct {
		pat   string
		flags Flags
		in    string
		want  string
	}{
		{`^a`, 0, "aaa", "nomatch"},
		{`^a`, N, "aaa", "nomatch"},
		{`^a`, N, "b\na", "2,3"},
		{`^\(b\)*a`, N, "x\nba", "2,4 2,3"},
		{`^b`, N, "b\nb", "2,3"},
		{`^\(b\)\1`, N, "bb\nbb", "3,5 3,4"},
		{"\\`a", 0, "a", "nomatch"},
		{`a`, 0, "ba", "1,2"},
		{`^`, 0, "a", "nomatch"},
		{`$`, 0, "a", "1,1"},
		{`\<a`, 0, "a", "0,1"},
		{`a*$`, 0, "baa", "1,3"},
		{`\(^a\)\1`, N, "aa\naa", "3,5 3,4"},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		if got := spans(re.FindStringSubmatchIndex(tt.in, true)); got != tt.want {
			t.Errorf("%q (flags %d) on %q with notBOL: got %s, want %s", tt.pat, tt.flags, tt.in, got, tt.want)
		}
		if got := spans(re.FindSubmatchIndex([]byte(tt.in), true)); got != tt.want {
			t.Errorf("%q (flags %d) on []byte %q with notBOL: got %s, want %s", tt.pat, tt.flags, tt.in, got, tt.want)
		}
	}
}

// TestErrors checks the messages of patterns that do not compile; they
// are musl's regerror texts, as Alpine's BusyBox prints them ("grep: bad
// regex 'a\{1': Invalid contents of {}").
func TestErrors(t *testing.T) {
	E := Extended
	tests := []struct {
		pat   string
		flags Flags
		want  string
	}{
		{`a\{1`, 0, "Invalid contents of {}"},
		{`a{1`, E, "Invalid contents of {}"},
		{`a{2,1}`, E, "Invalid contents of {}"},
		{`a{256}`, E, "Invalid contents of {}"},
		{`a\{1\}\}`, 0, ""},
		{`[a`, 0, "Missing ']'"},
		{`[[:alpha:]`, 0, "Missing ']'"},
		{`(a`, E, "Missing ')'"},
		{`\(a`, 0, "Missing ')'"},
		{`a\)`, 0, "Missing ')'"},
		{`[[:nope:]]`, 0, "Unknown character class name"},
		{`[z-a]`, 0, "Invalid character range"},
		{`[a-c-e]`, 0, "Invalid character range"},
		{`[[.ab.]]`, 0, "Unknown collating element"},
		{`a\`, 0, "Trailing backslash"},
		{`\(a\)\2`, 0, "Invalid back reference"},
		{`\(a\1\)`, 0, "Invalid back reference"},
		{`*a`, E, "Repetition not preceded by valid expression"},
		{`a|+`, E, "Repetition not preceded by valid expression"},
		{`\{1\}`, 0, "Repetition not preceded by valid expression"},
		{`\x{41`, 0, "Missing '}'"},
		{"a\xffb", 0, "Invalid regexp"},
		{"[\xff]", 0, "Invalid regexp"},
		{`((((((((((a{255}){255}){255}))))))))`, E, "Out of memory"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.pat, tt.flags)
		got := ""
		if err != nil {
			got = err.Error()
			var e *Error
			if !asError(err, &e) || errText(e.Code) != e.Msg {
				t.Errorf("%q: error %#v is not an *Error with musl's code", tt.pat, err)
			}
		}
		if got != tt.want {
			t.Errorf("Compile(%q): error %q, want %q", tt.pat, got, tt.want)
		}
	}
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

// TestEscapes checks musl's backslash extensions: control characters,
// \xHH, and classes.
func TestEscapes(t *testing.T) {
	tests := []struct {
		pat, in, want string
	}{
		{`a\tb`, "a\tb", "0,3"},
		{`\n`, "a\nb", "1,2"},
		{`\e`, "\033", "0,1"},
		{`\x41\x{263a}`, "zA☺", "1,5"},
		{`\x4g`, "\x04g", "0,2"},
		{`\d\D`, "a1b", "1,3"},
		{`\w\W`, "é-", "0,3"},
		{`[\w]`, "w", "0,1"},
		{`[\w]`, `\`, "0,1"},
		{`\s\S`, " x", "0,2"},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, 0)
		if got := spans(re.FindStringSubmatchIndex(tt.in, false)); got != tt.want {
			t.Errorf("%q on %q: got %s, want %s", tt.pat, tt.in, got, tt.want)
		}
	}
}

// TestEmptyPattern: the empty pattern matches the empty string at the
// start (sed's "no previous regexp" keeps it out of the table).
func TestEmptyPattern(t *testing.T) {
	for _, f := range []Flags{0, Extended} {
		re := MustCompile("", f)
		if got := spans(re.FindStringSubmatchIndex("abc", false)); got != "0,0" {
			t.Errorf("flags %d: got %s", f, got)
		}
		if !re.MatchString("") || !re.Match(nil) {
			t.Errorf("flags %d: no match on empty text", f)
		}
	}
}

// TestInvalidUTF8 checks text that is not UTF-8: each bad byte is one
// character, which '.' and negated lists match (as U+FFFD), and the rest
// of the line still matches.
func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		pat   string
		flags Flags
		in    string
		want  string
	}{
		{`b`, 0, "a\xffb", "2,3"},
		{`a.b`, 0, "a\xffb", "0,3"},
		{`a[^x]b`, 0, "a\xffb", "0,3"},
		{`\(.\)\1`, 0, "\xff\xff", "0,2 0,1"},
		{`\<b`, 0, "\xffb", "1,2"},
		{`a.*`, 0, "xa\xc3", "1,3"},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		if got := spans(re.FindStringSubmatchIndex(tt.in, false)); got != tt.want {
			t.Errorf("%q on %q: got %s, want %s", tt.pat, tt.in, got, tt.want)
		}
	}
}

func TestNoSub(t *testing.T) {
	for _, pat := range []string{`\(a\)\(b\)`, `\(a\)\1`} {
		re := MustCompile(pat, NoSub)
		if got := spans(re.FindStringSubmatchIndex("xaab aa ab", false)); got == "nomatch" || strings.Contains(got, " ") {
			t.Errorf("%q with NoSub: got %s, want the whole match only", pat, got)
		}
		if re.NumSubexp() != 2 && pat == `\(a\)\(b\)` {
			t.Errorf("%q: NumSubexp %d", pat, re.NumSubexp())
		}
	}
}

func TestLiteralPrefix(t *testing.T) {
	tests := []struct {
		pat      string
		flags    Flags
		prefix   string
		complete bool
	}{
		{`abc`, 0, "abc", true},
		{`a\.c`, 0, "a.c", true},
		{`ab*`, 0, "a", false},
		{`abc`, ICase, "", false},
		{`\(abc\)`, 0, "", false},
		{`^abc`, 0, "", false},
		{`a|b`, 0, "a|b", true},
		{`a|b`, Extended, "", false},
		{``, 0, "", false},
	}
	for _, tt := range tests {
		p, c := MustCompile(tt.pat, tt.flags).LiteralPrefix()
		if p != tt.prefix || c != tt.complete {
			t.Errorf("%q: LiteralPrefix() = %q, %v; want %q, %v", tt.pat, p, c, tt.prefix, tt.complete)
		}
	}
}

// TestEnginesAgree runs every case of the table, and the cases above,
// through the backtracking engine alone, the Pike VM alone (without
// backreferences) and Go's regexp (a reference in tests only) where it
// can take the pattern, and wants the answer Compile's choice gives: the
// engines must not disagree on submatches.
func TestEnginesAgree(t *testing.T) {
	type c struct {
		pat   string
		flags Flags
		in    string
	}
	var cases []c
	for _, tc := range readTable(t) {
		cases = append(cases, c{tc.pattern, tc.regFlags(), tc.input})
		cases = append(cases, c{tc.pattern, tc.regFlags() | Newline, tc.input})
	}
	for _, in := range []string{"ab\ncd", "a\n\nb", "xé é", "aéèb"} {
		for _, pat := range []string{`^c`, `b$`, `b.c`, `^$`, `\<.`, `.\>`, `\b`, `\B.`, `(^|x)c`} {
			cases = append(cases, c{pat, Extended, in}, c{pat, Extended | Newline, in})
		}
	}
	for _, tc := range cases {
		re, err := Compile(tc.pat, tc.flags)
		if err != nil {
			continue
		}
		for _, notBOL := range []bool{false, true} {
			want := re.FindStringSubmatchIndex(tc.in, notBOL)
			if got := re.backtrack(tc.in, notBOL, false); !reflect.DeepEqual(got, want) {
				t.Errorf("%q (flags %d) on %q notBOL=%v: backtracker %s, Compile's choice %s", tc.pat, tc.flags, tc.in, notBOL, spans(got), spans(want))
			}
			if !re.hasRefs {
				if got := re.pike(tc.in, 0, notBOL, false, false); !reflect.DeepEqual(got, want) {
					t.Errorf("%q (flags %d) on %q notBOL=%v: Pike VM %s, Compile's choice %s", tc.pat, tc.flags, tc.in, notBOL, spans(got), spans(want))
				}
				if got := re.pike(tc.in, 0, notBOL, false, true); (got != nil) != (want != nil) {
					t.Errorf("%q (flags %d) on %q notBOL=%v: Pike VM says match %v, Compile's choice %s", tc.pat, tc.flags, tc.in, notBOL, got != nil, spans(want))
				}
			}
			if g := goFor(re, tc.in, notBOL); g != nil {
				if got := g.FindStringSubmatchIndex(tc.in); !reflect.DeepEqual(got, want) {
					t.Errorf("%q (flags %d) on %q: Go %s, Compile's choice %s", tc.pat, tc.flags, tc.in, spans(got), spans(want))
				}
			}
			if got := re.MatchString(tc.in); got != (re.FindStringSubmatchIndex(tc.in, false) != nil) {
				t.Errorf("%q on %q: MatchString %v disagrees with Find", tc.pat, tc.in, got)
			}
			if s, e := re.FindIndex([]byte(tc.in), notBOL); want == nil && s != -1 || want != nil && (s != want[0] || e != want[1]) {
				t.Errorf("%q (flags %d) on %q notBOL=%v: FindIndex %d,%d, Find %s", tc.pat, tc.flags, tc.in, notBOL, s, e, spans(want))
			}
		}
	}
}

// TestFindIndexAllocs: FindIndex allocates nothing for a pattern without
// subexpressions (grep -o on a long input: issue 10), through each way
// it can find a match: a complete literal, a pattern searched line by
// line, and one that is not.
func TestFindIndexAllocs(t *testing.T) {
	in := []byte("request 123 served in 45 ms\nnext line 678\n")
	for _, tc := range []struct {
		pat   string
		flags Flags
	}{
		{"served", 0},
		{"[0-9]*7", Extended | Newline},
		{"[0-9]+ ms", Extended},
		{"l.ne [0-9]", 0},
	} {
		re, err := Compile(tc.pat, tc.flags)
		if err != nil {
			t.Fatal(err)
		}
		if s, _ := re.FindIndex(in, false); s < 0 {
			t.Fatalf("%q: no match", tc.pat)
		}
		if n := testing.AllocsPerRun(100, func() { re.FindIndex(in, false) }); n != 0 {
			t.Errorf("%q: FindIndex allocates %v times a call", tc.pat, n)
		}
	}
}

// TestConcurrent uses one Regexp from several goroutines at once, through
// every engine (go test -race): the DFA's cache, the backtracker's pool and
// the lazily compiled Go regexp are shared.
func TestConcurrent(t *testing.T) {
	pats := []struct {
		pat   string
		flags Flags
		group string
	}{
		{`\([a-z]*\)-\1`, 0, "abc"},
		{`\([a-z]*\)-abc`, 0, "abc"},
		{`\<\([a-z]*\)-a`, 0, "abc"},
		{`([a-z]+)-a`, Extended | Newline, "abc"},
	}
	for _, p := range pats {
		re := MustCompile(p.pat, p.flags)
		var wg sync.WaitGroup
		for g := 0; g < 8; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 200; i++ {
					in := fmt.Sprintf("x%d é abc-abc", i)
					loc := re.FindStringSubmatchIndex(in, false)
					if loc == nil || in[loc[2]:loc[3]] != p.group {
						t.Errorf("%q on %q: %v", p.pat, in, loc)
						return
					}
					if !re.MatchString(in) || re.MatchString(in[:5]) {
						t.Errorf("%q on %q: MatchString wrong", p.pat, in)
						return
					}
					if s, e := re.FindLine([]byte("a\n" + in)); s != 2 || e != len(in)+2 {
						t.Errorf("%q: FindLine %d,%d", p.pat, s, e)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
}

// TestPathological: patterns that take exponential time in a plain
// backtracker finish, because states are remembered.
func TestPathological(t *testing.T) {
	// Nested repetitions once took time exponential in their depth to
	// compile (their size was computed twice at each level).
	deep := "^" + strings.Repeat("+", 200) + "1"
	if re, err := Compile(deep, Extended); err != nil || re.MatchString("0") {
		t.Errorf("%q: %v", deep, err)
	}
	long := strings.Repeat("a", 3000)
	tests := []struct {
		pat   string
		flags Flags
		in    string
		want  bool
	}{
		{`\(a*\)*b`, 0, long, false},
		{`\(a*\)*\1b`, 0, long, false},
		{`\(a\|aa\)*\1c`, 0, long[:200], false},
		{`(a|a)*\1b`, Extended, long[:500], false},
		{`\(.*\)\1`, 0, long[:400], true},
		{`^\(a*\)\1$`, 0, long[:201], false},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, tt.flags)
		if got := re.MatchString(tt.in); got != tt.want {
			t.Errorf("%q on %d bytes: %v, want %v", tt.pat, len(tt.in), got, tt.want)
		}
	}
}

// TestFindLine checks grep's question about a buffer against asking
// Match of each line in turn.
func TestFindLine(t *testing.T) {
	bufs := []string{"", "\n", "a", "b\na", "ab\ncd\n", "x\n\nab b\nbb\n", "é\nfoo bar\nbar foo", "abc\nabcabc\n"}
	pats := []struct {
		pat   string
		flags Flags
	}{
		{`a`, 0}, {`a`, Newline}, {`^$`, Newline}, {`^$`, 0}, {`b$`, Newline}, {`\(b\)\1`, Newline},
		{`\(b\)\1`, 0}, {`\<foo`, Newline}, {`.\>`, Newline}, {`x*`, Newline}, {`\(abc\)\1`, Newline},
		{`b\nc`, Newline}, {`a.c`, 0}, {"\\`a", Newline}, {`foo`, ICase}, {`[^a]`, Newline},
	}
	for _, p := range pats {
		re := MustCompile(p.pat, p.flags)
		for _, buf := range bufs {
			ws, we := -1, -1
			for ls := 0; ls <= len(buf); {
				le := strings.IndexByte(buf[ls:], '\n')
				if le < 0 {
					le = len(buf)
				} else {
					le += ls
				}
				if re.MatchString(buf[ls:le]) {
					ws, we = ls, le
					break
				}
				ls = le + 1
			}
			if s, e := re.FindLine([]byte(buf)); s != ws || e != we {
				t.Errorf("%q (flags %d) in %q: FindLine %d,%d; line by line %d,%d", p.pat, p.flags, buf, s, e, ws, we)
			}
		}
	}
}

// TestFoldBackref: with ICase a backreference matches its text character
// by character regardless of case, and a byte that is not UTF-8 only
// itself (it once matched any other such byte, or the first byte of a
// character: found by FuzzRegex, testdata/fuzz/FuzzRegex/9b2dbbfdd29ae6d2).
func TestFoldBackref(t *testing.T) {
	tests := []struct {
		pat  string
		in   string
		want string
	}{
		{`\(.\)\1`, "\xf6\xec", "nomatch"},
		{`\(.\)\1`, "\xf6\xf6", "0,2 0,1"},
		{`\(.\)\1`, "\xd5ձ", "nomatch"},
		{`\(.\)\1\{3\}`, "\xf6ձ\xec\xe9", "nomatch"},
		{`\(ab\)\1`, "abAB", "0,4 0,2"},
		{`\(k\)\1`, "k\u212a", "0,4 0,1"},
		{"\\(\u212a\\)\\1", "\u212ak", "0,4 0,3"},
		{`\(.\)\1`, "\xe2\x82\xe2\x82\xac", "nomatch"},
		{`\(..\)\1`, "\xe2\x82\xe2\x82\xac", "nomatch"},
		{`\(é\)\1x`, "éÉx", "0,5 0,2"},
	}
	for _, tt := range tests {
		re := MustCompile(tt.pat, ICase)
		if got := spans(re.FindStringSubmatchIndex(tt.in, false)); got != tt.want {
			t.Errorf("%q on %q: got %s, want %s", tt.pat, tt.in, got, tt.want)
		}
		if got := spans(re.backtrack(tt.in, false, false)); got != tt.want {
			t.Errorf("%q on %q: backtracker %s, want %s", tt.pat, tt.in, got, tt.want)
		}
	}
}
