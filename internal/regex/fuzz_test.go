package regex

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzRegex compiles arbitrary patterns and runs them on arbitrary text:
// nothing may panic, every result must be well formed, Match must agree
// with FindStringSubmatchIndex, and the backtracker, the Pike VM (for
// patterns without backreferences) and, where it can run the pattern (the
// translated subset), Go's regexp must give the same match and
// submatches.
func FuzzRegex(f *testing.F) {
	seeds := []struct {
		pat   string
		flags uint8
		in    string
	}{
		{`a\(b*\)c\1`, 0, "abbcbb"},
		{`(a|ab)(c|bcd)(d*)`, 1, "abcd"},
		{`[[:alpha:]]+\>`, 0, "héllo wörld"},
		{`^\(.*\)\1$`, 4, "abab\nxx"},
		{`(a*)*(b)`, 1, "b"},
		{`\<[a-z]\{2,3\}\b`, 2, "Ab abc abcd"},
		{`x\|^y\|z$`, 4, "y\nz"},
		{"[^a-c]\\`\\'", 0, "d"},
		{`(.)\1{2}`, 1, "aaab"},
		{`[[.-.][=a=]]\w\W\s\S\d\D`, 0, "-a_ b 1x"},
	}
	for _, s := range seeds {
		f.Add(s.pat, s.flags, s.in)
	}
	f.Fuzz(func(t *testing.T, pat string, flags uint8, in string) {
		if len(pat) > 64 || len(in) > 128 {
			return
		}
		fl := Flags(flags) & (Extended | ICase | Newline | NoSub)
		re, err := Compile(pat, fl)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Compile(%q): error of type %T", pat, err)
			}
			return
		}
		ws, we := -1, -1
		for ls := 0; ls <= len(in); {
			le := strings.IndexByte(in[ls:], '\n')
			if le < 0 {
				le = len(in)
			} else {
				le += ls
			}
			if re.MatchString(in[ls:le]) {
				ws, we = ls, le
				break
			}
			ls = le + 1
		}
		if s, e := re.FindLine([]byte(in)); s != ws || e != we {
			t.Fatalf("%q (flags %d) in %q: FindLine %d,%d; line by line %d,%d", pat, fl, in, s, e, ws, we)
		}
		for _, notBOL := range []bool{false, true} {
			loc := re.FindStringSubmatchIndex(in, notBOL)
			checkLoc(t, pat, in, loc, re)
			if b := re.FindSubmatchIndex([]byte(in), notBOL); !reflect.DeepEqual(b, loc) {
				t.Fatalf("%q on %q: bytes %v, string %v", pat, in, b, loc)
			}
			if s, e := re.FindIndex([]byte(in), notBOL); loc == nil && s != -1 || loc != nil && (s != loc[0] || e != loc[1]) {
				t.Fatalf("%q on %q: FindIndex %d,%d, Find %v", pat, in, s, e, loc)
			}
			if !notBOL && re.MatchString(in) != (loc != nil) {
				t.Fatalf("%q on %q: MatchString %v, Find %v", pat, in, !(loc != nil), loc)
			}
			if bt := re.backtrack(in, notBOL, false); !reflect.DeepEqual(bt, loc) {
				t.Fatalf("%q (flags %d) on %q notBOL=%v: backtracker %v, Compile's choice %v", pat, fl, in, notBOL, bt, loc)
			}
			if re.hasRefs {
				continue
			}
			if pk := re.pike(in, 0, notBOL, false, false); !reflect.DeepEqual(pk, loc) {
				t.Fatalf("%q (flags %d) on %q notBOL=%v: Pike VM %v, Compile's choice %v", pat, fl, in, notBOL, pk, loc)
			}
			if any := re.pike(in, 0, notBOL, false, true); (any != nil) != (loc != nil) {
				t.Fatalf("%q (flags %d) on %q notBOL=%v: Pike VM match %v, Compile's choice %v", pat, fl, in, notBOL, any != nil, loc)
			}
			if g := goFor(re, in, notBOL); g != nil {
				if gl := g.FindStringSubmatchIndex(in); !reflect.DeepEqual(gl, loc) {
					t.Fatalf("%q (flags %d) on %q notBOL=%v: Go's regexp %v, Compile's choice %v", pat, fl, in, notBOL, gl, loc)
				}
			}
		}
	})
}

func checkLoc(t *testing.T, pat, in string, loc []int, re *Regexp) {
	if loc == nil {
		return
	}
	want := 2 * (re.NumSubexp() + 1)
	if re.flags&NoSub != 0 {
		want = 2
	}
	if len(loc) != want {
		t.Fatalf("%q on %q: %d positions, want %d", pat, in, len(loc), want)
	}
	for i := 0; i < len(loc); i += 2 {
		s, e := loc[i], loc[i+1]
		if s == -1 && e == -1 && i > 0 {
			continue
		}
		if s < 0 || s > e || e > len(in) {
			t.Fatalf("%q on %q: bad span %d,%d in %v", pat, in, s, e, loc)
		}
	}
}
