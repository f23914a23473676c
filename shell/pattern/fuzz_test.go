package pattern

import "testing"

// FuzzPattern: any text compiles, and matching, trimming and replacing
// never panic and keep to their input.
func FuzzPattern(f *testing.F) {
	for _, c := range matchCases {
		f.Add(c.pat, c.s)
	}
	f.Fuzz(func(t *testing.T, pat, s string) {
		for _, p := range []*Pattern{compile(pat, false), compile(pat, true)} {
			p.Match(s)
			if r := p.TrimPrefix(s, true); len(r) > len(s) {
				t.Fatalf("TrimPrefix grew %q", s)
			}
			if r := p.TrimSuffix(s, false); len(r) > len(s) {
				t.Fatalf("TrimSuffix grew %q", s)
			}
			p.Replace(s, "x", true)
			if i, j, ok := p.Find(s); ok && (i > j || j > len(s)) {
				t.Fatalf("Find(%q) = %d, %d", s, i, j)
			}
		}
	})
}
