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
