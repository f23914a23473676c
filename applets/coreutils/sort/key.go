package sort

import (
	"strconv"
	"strings"

	"gobox/internal/opt"
)

// The options that change how lines compare. A key with options of its
// own uses only those; a key without uses the global ones.
const (
	flagN  = 1 << iota // -n: numbers, as atof reads them
	flagG              // -g: numbers, as strtod reads them
	flagM              // -M: month names
	flagV              // -V: versions (strverscmp)
	flagH              // -h: numbers with K, M, G... suffixes
	flagB              // -b: no leading blanks in the key
	flagBB             // no trailing blanks (global -b, or b after a key's comma)
	flagR              // -r: reverse
	flagD              // -d: only blanks and alphanumerics
	flagF              // -f: fold lower case to upper
	flagI              // -i: only printable characters

	typeMask      = flagN | flagG | flagM | flagV | flagH
	transformMask = flagD | flagF | flagI
)

// key is one -k key: fields and characters counted from 1, 0 where not
// given, and the options it compares with.
type key struct {
	startField, startChar int
	endField, endChar     int
	flags                 int // its own options, or the global ones
}

// whole reports whether k is the whole line untouched: BusyBox's
// default key, which it compares without copying.
func (k *key) whole() bool {
	return k.startField == 1 && k.startChar == 0 && k.endField == 0 && k.endChar == 0 &&
		k.flags&(flagB|flagBB|transformMask) == 0
}

// badType reports whether k asks for two kinds of comparison at once,
// which BusyBox finds out when it first compares with it.
func (k *key) badType() bool {
	t := k.flags & typeMask
	return t&(t-1) != 0
}

// newSorter reads the options into a sorter.
func newSorter(r *opt.Result) (*sorter, error) {
	s := &sorter{sep: -1, stable: r.Has("s"), unique: r.Has("u"), zero: r.Has("z")}
	global := 0
	for _, c := range "ngMVhbrdfi" {
		if r.Has(string(c)) {
			global |= letterFlag(byte(c))
		}
	}
	if global&flagB != 0 {
		global |= flagBB // a global -b strips trailing blanks too
	}
	s.reverse = global&flagR != 0
	if r.Has("t") {
		t := r.Str("t")
		if len(t) != 1 {
			return nil, fail("bad -t parameter")
		}
		s.sep = int(t[0])
	}
	for _, spec := range r.List("k") {
		k, err := parseKey(spec)
		if err != nil {
			return nil, err
		}
		s.keys = append(s.keys, k)
	}
	if len(s.keys) == 0 {
		s.keys = []key{{startField: 1}}
	}
	for i := range s.keys {
		if s.keys[i].flags == 0 {
			s.keys[i].flags = global
		}
	}
	s.setKinds()
	return s, nil
}

// letterFlag is the flag of an option letter that a key may carry.
func letterFlag(c byte) int {
	switch c {
	case 'n':
		return flagN
	case 'g':
		return flagG
	case 'M':
		return flagM
	case 'V':
		return flagV
	case 'h':
		return flagH
	case 'b':
		return flagB
	case 'r':
		return flagR
	case 'd':
		return flagD
	case 'f':
		return flagF
	case 'i':
		return flagI
	}
	return 0
}

// parseKey parses a -k KEYDEF: F[.C][OPTS][,F[.C][OPTS]] with BusyBox's
// messages. A b after the comma strips trailing blanks. Of the other
// option letters of sort, V and those that are no comparison option are
// "unknown sort type"; any other character is an "unknown key option".
func parseKey(s string) (key, error) {
	var k key
	const sortLetters = "ngMVhucszbrdfimS:T:o:k:*t:"
	for part := 0; s != ""; part++ {
		field, rest, err := number(s)
		if err != nil {
			return k, err
		}
		char := 0
		if rest != "" && rest[0] == '.' {
			if char, rest, err = number(rest[1:]); err != nil {
				return k, err
			}
		}
		if part == 0 {
			k.startField, k.startChar = field, char
		} else {
			k.endField, k.endChar = field, char
		}
		s = rest
		for s != "" {
			c := s[0]
			if c == ',' && part == 0 {
				s = s[1:]
				break
			}
			if !strings.ContainsRune(sortLetters, rune(c)) {
				return k, fail("unknown key option")
			}
			f := letterFlag(c)
			if f == 0 || f == flagV {
				return k, fail("unknown sort type")
			}
			if part == 1 && f == flagB {
				f = flagBB
			}
			k.flags |= f
			s = s[1:]
		}
	}
	return k, nil
}

// number reads a field or character number at the start of s: digits,
// 1 to INT_MAX.
func number(s string) (int, string, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, s, fail("bad field specification")
	}
	n, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil || n == 0 || n > 1<<31-1 {
		return 0, s, fail("bad field specification")
	}
	return int(n), s[i:], nil
}

// span returns where key k lies in line, as BusyBox's get_key finds it:
// fields are separated by the -t character (the end field's trailing
// separator excluded) or start at a run of blanks; -b skips the start's
// blanks, a trailing b (or a global -b) drops the end's; the start
// character counts from the start field, but the end character from
// the start of the line.
func (s *sorter) span(line []byte, k *key) (start, end int) {
	n := len(line)
	if k.whole() {
		return 0, n
	}
	for j, field := range [2]int{k.startField, k.endField} {
		if field == 0 {
			end = n
		} else {
			end = 0
			sepSeen := false
			for i := 1; i < field+j; i++ {
				if s.sep >= 0 {
					sepSeen = false
					for end < n {
						c := line[end]
						end++
						if int(c) == s.sep {
							sepSeen = true
							break
						}
					}
				} else {
					for end < n && isSpace(line[end]) {
						end++
					}
					for end < n && !isSpace(line[end]) {
						end++
					}
				}
			}
			if j == 1 && sepSeen {
				end--
			}
		}
		if j == 0 {
			start = end
		}
	}
	if k.flags&flagB != 0 {
		for start < n && isSpace(line[start]) {
			start++
		}
	}
	if k.flags&flagBB != 0 {
		for end > start && isSpace(line[end-1]) {
			end--
		}
	}
	if k.endChar != 0 {
		end = min(k.endChar, n)
	}
	if k.startChar != 0 {
		start = min(start+k.startChar-1, n)
	}
	if end < start {
		end = start
	}
	return start, end
}

// keyOf returns key k of line: a part of line, or, for -d, -i and -f,
// that part transformed into buf.
func (s *sorter) keyOf(line []byte, k *key, buf *[]byte) []byte {
	start, end := s.span(line, k)
	kb := line[start:end]
	if k.flags&transformMask == 0 {
		return kb
	}
	out := (*buf)[:0]
	for _, c := range kb {
		if c, ok := transform(c, k.flags); ok {
			out = append(out, c)
		}
	}
	*buf = out
	return out
}

// transform applies -d, -i and -f to one byte: whether it stays, and
// what it becomes.
func transform(c byte, flags int) (byte, bool) {
	if flags&flagD != 0 && !isSpace(c) && !isAlnum(c) {
		return 0, false
	}
	if flags&flagI != 0 && (c < 0x20 || c >= 0x7f) {
		return 0, false
	}
	if flags&flagF != 0 && c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	return c, true
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
