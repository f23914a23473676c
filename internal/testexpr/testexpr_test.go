package testexpr

import "testing"

func TestEval(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		bash   bool
		status int
		msg    string
	}{
		{nil, false, 1, ""},
		{[]string{"!", "!", "!", "a"}, false, 1, ""},
		{[]string{"(", "!", "-e", ")"}, false, 1, ""},
		{[]string{"(", "(", "x", ")", ")"}, false, 0, ""},
		// musl's strtoll: no digit is EINVAL ("out of range"), junk after
		// digits "bad number", overflow ERANGE before junk.
		{[]string{"-t", "abc"}, false, 2, "abc: out of range"},
		{[]string{"", "-eq", "0"}, false, 2, "out of range"},
		{[]string{"-", "-eq", "0"}, false, 2, "-: out of range"},
		{[]string{" 1 ", "-eq", "1"}, false, 0, ""},
		{[]string{"1x", "-eq", "1"}, false, 2, "1x: bad number"},
		{[]string{"99999999999999999999x", "-eq", "1"}, false, 2, "99999999999999999999x: out of range"},
		{[]string{"a", "-o", "b"}, true, 2, "-o: unknown operand"},
		{[]string{"a", "||", ""}, true, 0, ""},
		{[]string{"x", "=~", "y"}, false, 2, "=~: unknown operand"},
	} {
		st, msg := Eval(tc.args, &Env{Bash: tc.bash, IsTTY: func(int) bool { return false }})
		if st != tc.status || msg != tc.msg {
			t.Errorf("Eval(%q, bash=%v) = %d %q; want %d %q", tc.args, tc.bash, st, msg, tc.status, tc.msg)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, s string
		want   bool
	}{
		{"a*", "abc", true},
		{"*", "a/b", true},
		{"a?c", "abc", true},
		{"[a-c]x", "bx", true},
		{"[!a-c]x", "bx", false},
		{"[^a]", "b", true},
		{"[[:digit:]]*", "7z", true},
		{`\*`, "*", true},
		{`\*`, "a", false},
		{"[", "[", true},
		{"[]]", "]", true},
		{"a", "ab", false},
	} {
		if got := Match(tc.pat, tc.s); got != tc.want {
			t.Errorf("Match(%q, %q) = %v", tc.pat, tc.s, got)
		}
	}
}

// TestRegexMatch is [[ STR =~ ERE ]], with the statuses Alpine's ash
// gives (chroot ALPINE /bin/ash -c '[[ STR =~ ERE ]]; echo $?'): an ERE
// as musl's regcomp reads it, unanchored, and a pattern that does not
// compile is status 2 without a message.
func TestRegexMatch(t *testing.T) {
	for _, tc := range []struct {
		s, re  string
		status int
	}{
		{"abc", "b", 0},
		{"abc", "^b", 1},
		{"abc", "^a.c$", 0},
		{"a+b", "a+b", 1},
		{"aab", "a+b", 0},
		{"aab", "a{2}", 0},
		{"ab", "a|b", 0},
		{"x", "", 0},
		{"", "^$", 0},
		{"Abc", "abc", 1},
		{"é", "^.$", 0},
		{"axb", "a.b", 0},
		{"a", "()", 0},
		{"ab", "a|", 0},
		{"a", "a**", 0},
		// Go's regexp, used before, rejected \s and \1 (status 2), and
		// read \< and a{1 as literals (status 1).
		{"a b", `a\sb`, 0},
		{"foo bar", `\<bar`, 0},
		{"foo bar", `\<oo`, 1},
		{"x", "a{1", 2},
		{"x", "[", 2},
		{"x", "(", 2},
		{"a", `\`, 2},
		{"x", "*", 2},
		// A backreference in an ERE is GNU's (and bash's): musl reads
		// (ab)\1 as "ab1", so Alpine says 1 here and 0 for "ab1".
		{"abab", `(ab)\1`, 0},
	} {
		st, msg := Eval([]string{tc.s, "=~", tc.re}, &Env{Bash: true, IsTTY: func(int) bool { return false }})
		if st != tc.status || msg != "" {
			t.Errorf("[[ %q =~ %q ]] = %d %q; want %d", tc.s, tc.re, st, msg, tc.status)
		}
	}
}
