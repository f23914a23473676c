// Package version implements apk-tools 2.14's version strings: validity,
// comparison and the comparison operators of dependencies (apk.md section
// 6). The tokenizer is apk's, quirks included (1.0 < 1.0-r0, 1.0 > 1.00),
// because which package gets installed depends on them.
package version

// Result is a set of comparison outcomes. Compare returns exactly one of
// Less, Equal, Greater; a dependency operator is a set of them.
type Result uint8

// The outcomes, with apk's bit values, and the Fuzzy modifier of "~".
const (
	Less    Result = 1
	Equal   Result = 2
	Greater Result = 4
	Fuzzy   Result = 8

	// Any is the mask of a dependency without a version.
	Any = Less | Equal | Greater
	// Checksum is the mask of "><": the version is a package identity.
	Checksum = Less | Greater
)

// token types, in the order the grammar allows them to follow each other.
type tokType int8

const (
	tInvalid tokType = iota - 1
	tDigitOrZero
	tDigit
	tLetter
	tSuffix
	tSuffixNo
	tRevisionNo
	tEnd
)

// next decides the type of the token that starts s after a token of type
// t, and consumes the separator that introduces it.
func next(t tokType, s string) (tokType, string) {
	if s == "" || s[0] == 0 {
		return tEnd, s
	}
	c := s[0]
	var n tokType
	switch {
	case (t == tDigit || t == tDigitOrZero) && c >= 'a' && c <= 'z':
		n = tLetter
	case t == tLetter && isDigit(c):
		n = tDigit
	case t == tSuffix && isDigit(c):
		n = tSuffixNo
	default:
		n = tInvalid
		switch c {
		case '.':
			n = tDigitOrZero
		case '_':
			n = tSuffix
		case '-':
			if len(s) > 1 && s[1] == 'r' {
				n = tRevisionNo
				s = s[1:]
			}
		}
		s = s[1:]
	}
	if n < t && !(n == tDigitOrZero && t == tDigit ||
		n == tSuffix && t == tSuffixNo ||
		n == tDigit && t == tLetter) {
		n = tInvalid
	}
	return n, s
}

var preSuffixes = [...]string{"alpha", "beta", "pre", "rc"}
var postSuffixes = [...]string{"cvs", "svn", "git", "hg", "p"}

// token reads one token of type t from s: its value, the type of the
// following token and the rest of s.
func token(t tokType, s string) (int64, tokType, string) {
	if s == "" {
		return 0, tEnd, s
	}
	var v int64
	i := 0
	nt := tInvalid
	switch t {
	case tDigitOrZero:
		if s[0] == '0' {
			// Leading zeros after a dot: all but one are consumed and
			// count negatively, so 1.00 < 1.0 and 1.005 < 1.05.
			for i+1 < len(s) && s[i+1] == '0' {
				i++
			}
			v = int64(-i)
			nt = tDigit
			break
		}
		fallthrough
	case tDigit, tSuffixNo, tRevisionNo:
		for i < len(s) && isDigit(s[i]) {
			v = v*10 + int64(s[i]-'0')
			i++
			if i >= 18 {
				return -1, tInvalid, s
			}
		}
	case tLetter:
		v = int64(s[0])
		i = 1
	case tSuffix:
		found := false
		for k, name := range preSuffixes {
			if hasPrefix(s, name) {
				v, i, found = int64(k-len(preSuffixes)), len(name), true
				break
			}
		}
		if !found {
			for k, name := range postSuffixes {
				if hasPrefix(s, name) {
					v, i, found = int64(k), len(name), true
					break
				}
			}
		}
		if !found {
			return -1, tInvalid, s
		}
	default:
		return -1, tInvalid, s
	}
	s = s[i:]
	switch {
	case s == "":
		return v, tEnd, s
	case nt != tInvalid:
		return v, nt, s
	}
	nt, s = next(t, s)
	return v, nt, s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// Valid reports whether apk accepts v as a version (apk version -c). The
// empty string is valid.
func Valid(v string) bool {
	t := tDigit
	for t != tEnd && t != tInvalid {
		_, t, v = token(t, v)
	}
	return t == tEnd
}

// Compare compares two versions: -1 if a is older, 0 if equal, +1 if newer.
func Compare(a, b string) int {
	switch compare(a, b, false) {
	case Less:
		return -1
	case Greater:
		return 1
	}
	return 0
}

// CompareResult is Compare as a Result (Less, Equal or Greater); with fuzzy
// set, versions whose common leading tokens agree are Equal (the "~"
// operator).
func CompareResult(a, b string, fuzzy bool) Result { return compare(a, b, fuzzy) }

func compare(a, b string, fuzzy bool) Result {
	at, bt := tDigit, tDigit
	var av, bv int64
	for at == bt && at != tEnd && at != tInvalid && av == bv {
		av, at, a = token(at, a)
		bv, bt, b = token(bt, b)
	}
	switch {
	case av < bv:
		return Less
	case av > bv:
		return Greater
	case at == bt, fuzzy:
		return Equal
	}
	// The common part is equal: the longer version is newer unless what
	// follows is a pre-release suffix.
	if at == tSuffix {
		if v, _, _ := token(at, a); v < 0 {
			return Less
		}
	}
	if bt == tSuffix {
		if v, _, _ := token(bt, b); v < 0 {
			return Greater
		}
	}
	switch {
	case at > bt:
		return Less
	case bt > at:
		return Greater
	}
	return Equal
}

// ParseOp reads a dependency operator: any non-empty combination of
// "<", ">", "=" and "~", whose sets are ORed ("~" is Equal|Fuzzy). It
// reports false for anything else.
func ParseOp(op string) (Result, bool) {
	var r Result
	for i := 0; i < len(op); i++ {
		switch op[i] {
		case '<':
			r |= Less
		case '>':
			r |= Greater
		case '=':
			r |= Equal
		case '~':
			r |= Fuzzy | Equal
		default:
			return 0, false
		}
	}
	return r, op != ""
}

// String gives the operator's canonical spelling, as apk prints it back
// ("?" for a set no operator spells).
func (r Result) String() string {
	switch r {
	case Less:
		return "<"
	case Less | Equal:
		return "<="
	case Equal | Fuzzy, Fuzzy:
		return "~"
	case Equal:
		return "="
	case Greater | Equal:
		return ">="
	case Greater:
		return ">"
	case Checksum:
		return "><"
	}
	return "?"
}

// Match reports whether version v satisfies the constraint "op want".
// An op of Any (or containing it) matches every version. Checksum
// constraints are not versions: callers compare identities themselves.
func Match(v string, op Result, want string) bool {
	if op&Any == Any {
		return true
	}
	return compare(v, want, op&Fuzzy != 0)&op != 0
}
