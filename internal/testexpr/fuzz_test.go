package testexpr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEval evaluates arbitrary argument vectors (NUL-separated in the
// fuzzer's input) with both [ ] and [[ ]] rules: no panics, a status
// of 0, 1 or 2, a message only with status 2, and the same answer twice.
func FuzzEval(f *testing.F) {
	for _, seed := range []string{
		"", "a", "!", "-n\x00x", "-z\x00", "a\x00=\x00a", "a\x00!=\x00b",
		"1\x00-eq\x001", " 2 \x00-lt\x00+3", "9999999999999999999\x00-gt\x000",
		"(\x00a\x00)", "(\x00(\x00x\x00)\x00)", "!\x00!\x00!\x00a",
		"(\x00!\x00-e\x00)", "a\x00-a\x00b\x00-o\x00c", "a\x00&&\x00b\x00||\x00",
		"-f\x00file", "-d\x00dir", "-h\x00link", "-L\x00link", "-s\x00file",
		"file\x00-nt\x00dir", "file\x00-ef\x00file", "-t\x00abc", "-t\x001",
		"x\x00=~\x00^x$", "x\x00=~\x00*", "abc\x00==\x00a*[b-c]", "abc\x00!=\x00[[:alpha:]]*",
		"a\x00<\x00b", "a\x00>\x00b", "(\x00a\x00-a", ")", "-a", "-o\x00-a\x00-o",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\x00==\x00*a*a*a*a*a*a*a*a*a*a*a*a*c",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	dir := f.TempDir()
	os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "dir"), 0o755)
	os.Symlink("file", filepath.Join(dir, "link"))
	f.Fuzz(func(t *testing.T, in string, bash bool) {
		if len(in) > 4096 {
			return
		}
		args := strings.Split(in, "\x00")
		if in == "" {
			args = nil
		}
		if len(args) > 200 {
			return
		}
		env := &Env{
			Path:  func(name string) string { return filepath.Join(dir, name) },
			IsTTY: func(int) bool { return false },
			Bash:  bash,
		}
		st, msg := Eval(args, env)
		if st < 0 || st > 2 {
			t.Fatalf("Eval(%q) status %d", args, st)
		}
		if st != 2 && msg != "" {
			t.Fatalf("Eval(%q) = %d with message %q", args, st, msg)
		}
		if st2, msg2 := Eval(args, env); st2 != st || msg2 != msg {
			t.Fatalf("Eval(%q) not deterministic: %d %q then %d %q", args, st, msg, st2, msg2)
		}
		// POSIX: one argument is true iff it is not empty.
		if len(args) == 1 && (st == 0) != (args[0] != "") {
			t.Fatalf("Eval(%q) = %d", args, st)
		}
	})
}

// FuzzMatch checks the shell pattern matcher: no panics or exponential
// blow-up, a pattern without special characters matches only itself,
// and "*" + pattern matches any prefix + a matching string.
func FuzzMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"a*", "abc"}, {"*", ""}, {"a?c", "abc"}, {"[a-c]x", "bx"}, {"[!a-c]x", "bx"},
		{"[[:digit:]]*", "7z"}, {`\*`, "*"}, {"[", "["}, {"[]]", "]"}, {"[a-]", "-"},
		{`[\]]`, "]"}, {"[[:foo:]]", "f"}, {"*a*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
		{"**?*?*", "ab"}, {`a\`, `a\`}, {"[^]", "^"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		if len(pat) > 256 || len(s) > 256 {
			return
		}
		got := Match(pat, s)
		if !strings.ContainsAny(pat, `*?[\`) && got != (pat == s) {
			t.Fatalf("Match(%q, %q) = %v", pat, s, got)
		}
		if got && !Match("*"+pat, "x"+s) {
			t.Fatalf("Match(%q, %q) but not with a * prefix", pat, s)
		}
		if got && !Match(pat+"*", s+"x") && !strings.HasSuffix(pat, `\`) {
			t.Fatalf("Match(%q, %q) but not with a * suffix", pat, s)
		}
		if Match(pat, s) != got {
			t.Fatal("not deterministic")
		}
	})
}

// TestMatchRegressions holds inputs the fuzzers found.
func TestMatchRegressions(t *testing.T) {
	for _, tc := range []struct {
		pat, s string
		want   bool
	}{
		// Exponential backtracking in the recursive matcher.
		{"*a*a*a*a*a*a*a*a*a*a*a*a*c", strings.Repeat("a", 40) + "b", false},
		{"*a*a*a*a*a*a*a*a*a*a*a*a*b", strings.Repeat("a", 40) + "b", true},
		{"*[", "x[", true},
		{"a*b?", "aXbbY", true},
		{`*\`, `x\`, true},
	} {
		if got := Match(tc.pat, tc.s); got != tc.want {
			t.Errorf("Match(%q, %q) = %v", tc.pat, tc.s, got)
		}
	}
}
