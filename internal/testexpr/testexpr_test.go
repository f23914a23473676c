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
		{[]string{"-t", "abc"}, false, 2, "abc: bad number"},
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
