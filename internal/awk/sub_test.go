package awk

import (
	"testing"

	"gobox/internal/regex"
)

// TestSubstituteLiteral: the substring search for a pattern that is a
// plain string gives what the general path gives (forced here with a
// group around the same string).
func TestSubstituteLiteral(t *testing.T) {
	for _, src := range []string{"", "a", "aaa", "abcabc", "xabx", "ab ab ab", "bab"} {
		for _, lit := range []string{"a", "ab", "aa", "b"} {
			for _, repl := range []string{"", "X", "&&", "[&]", "a&b"} {
				for _, nth := range []int{0, 1} {
					fast, nf := substitute(regex.MustCompile(lit, regex.Extended), src, repl, nth, false)
					slow, ns := substitute(regex.MustCompile("("+lit+")", regex.Extended), src, repl, nth, false)
					if fast != slow || nf != ns {
						t.Errorf("%q %q %q %d: %q %d, general path %q %d", src, lit, repl, nth, fast, nf, slow, ns)
					}
				}
			}
		}
	}
}
