package regex

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// class is a set of characters: a bracket expression or '.'. ranges is
// the positive set as sorted, non-overlapping, non-adjacent lo, hi pairs;
// neg complements it. With fold the positive set is first closed under
// case folding, so that, as in musl and Go, [^a] with ICase excludes both
// 'a' and 'A'.
type class struct {
	ranges []rune
	neg    bool
	fold   bool
	ascii  [2]uint64 // membership of runes below 128, the final answer
}

// newClass builds a class from lo, hi pairs in any order.
func newClass(pairs []rune, neg, fold bool) *class {
	c := &class{ranges: normalize(pairs), neg: neg, fold: fold}
	for r := rune(0); r < 128; r++ {
		if c.slowMatch(r) {
			c.ascii[r>>6] |= 1 << (r & 63)
		}
	}
	return c
}

// match reports whether r is in the class.
func (c *class) match(r rune) bool {
	if r < 128 && r >= 0 {
		return c.ascii[r>>6]&(1<<(r&63)) != 0
	}
	return c.slowMatch(r)
}

func (c *class) slowMatch(r rune) bool {
	in := inRanges(c.ranges, r)
	if !in && c.fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if inRanges(c.ranges, f) {
				in = true
				break
			}
		}
	}
	return in != c.neg
}

// single returns the one character the class matches, if it matches one.
func (c *class) single() (rune, bool) {
	if c.neg || c.fold || len(c.ranges) != 2 || c.ranges[0] != c.ranges[1] {
		return 0, false
	}
	return c.ranges[0], true
}

// inRanges reports whether r is in the sorted pairs.
func inRanges(rs []rune, r rune) bool {
	if len(rs) <= 16 {
		for i := 0; i < len(rs); i += 2 {
			if r < rs[i] {
				return false
			}
			if r <= rs[i+1] {
				return true
			}
		}
		return false
	}
	// Binary search over pairs.
	lo, hi := 0, len(rs)/2
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < rs[2*m]:
			hi = m
		case r > rs[2*m+1]:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// normalize sorts pairs and merges overlapping and adjacent ones.
func normalize(p []rune) []rune {
	pairs := make([][2]rune, len(p)/2)
	for i := range pairs {
		pairs[i] = [2]rune{p[2*i], p[2*i+1]}
	}
	slices.SortFunc(pairs, func(a, b [2]rune) int { return cmp.Compare(a[0], b[0]) })
	out := make([]rune, 0, len(p))
	for _, r := range pairs {
		lo, hi := r[0], r[1]
		if k := len(out); k > 0 && lo <= out[k-1]+1 {
			out[k-1] = max(out[k-1], hi)
			continue
		}
		out = append(out, lo, hi)
	}
	return out
}

// negate returns the complement of normalized pairs within 0..MaxRune.
func negate(p []rune) []rune {
	var out []rune
	next := rune(0)
	for i := 0; i < len(p); i += 2 {
		if p[i] > next {
			out = append(out, next, p[i]-1)
		}
		next = p[i+1] + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, next, unicode.MaxRune)
	}
	return out
}

// subtract returns a minus b, both normalized.
func subtract(a, b []rune) []rune {
	return intersect(a, negate(b))
}

// intersect returns the intersection of normalized a and b.
func intersect(a, b []rune) []rune {
	var out []rune
	for i, j := 0, 0; i < len(a) && j < len(b); {
		lo, hi := max(a[i], b[j]), min(a[i+1], b[j+1])
		if lo <= hi {
			out = append(out, lo, hi)
		}
		if a[i+1] < b[j+1] {
			i += 2
		} else {
			j += 2
		}
	}
	return out
}

// tablePairs appends the characters of t as pairs, expanding strides.
func tablePairs(out []rune, t *unicode.RangeTable) []rune {
	for _, r := range t.R16 {
		out = appendStride(out, rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range t.R32 {
		out = appendStride(out, rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	return out
}

func appendStride(out []rune, lo, hi, stride rune) []rune {
	if stride == 1 {
		return append(out, lo, hi)
	}
	for r := lo; r <= hi; r += stride {
		out = append(out, r, r)
	}
	return out
}

// ctype returns the characters of the class [:name:] as normalized pairs,
// as musl's isw* functions in a UTF-8 locale define them (Go's Unicode
// tables standing in for musl's), and whether name is a class.
func ctype(name string) ([]rune, bool) {
	switch name {
	case "alnum":
		return normalize(append(alphaPairs(), '0', '9')), true
	case "alpha":
		return alphaPairs(), true
	case "blank":
		return []rune{'\t', '\t', ' ', ' '}, true
	case "cntrl":
		return []rune{0, 0x1f, 0x7f, 0x9f, 0x2028, 0x2029, 0xfff9, 0xfffb}, true
	case "digit":
		return []rune{'0', '9'}, true
	case "graph":
		return subtract(printPairs(), spacePairs()), true
	case "lower":
		p := []rune{'a', 'z'}
		p = tablePairs(p, unicode.Ll)
		p = tablePairs(p, unicode.Lt)
		return normalize(subtract(normalize(p), []rune{'A', 'Z'})), true
	case "print":
		return printPairs(), true
	case "punct":
		// musl's punct is what is printable, neither space nor alphanumeric.
		p := subtract(printPairs(), spacePairs())
		return subtract(p, normalize(append(alphaPairs(), '0', '9'))), true
	case "space":
		return spacePairs(), true
	case "upper":
		p := []rune{'A', 'Z'}
		p = tablePairs(p, unicode.Lu)
		p = tablePairs(p, unicode.Lt)
		p = tablePairs(p, unicode.Other_Uppercase)
		return normalize(p), true
	case "xdigit":
		return []rune{'0', '9', 'A', 'F', 'a', 'f'}, true
	}
	return nil, false
}

// alphaPairs is musl's iswalpha: ASCII letters and, above ASCII, letters,
// letter numbers and decimal digits.
func alphaPairs() []rune {
	p := []rune{'A', 'Z', 'a', 'z'}
	p = tablePairs(p, unicode.L)
	p = tablePairs(p, unicode.Nl)
	p = tablePairs(p, unicode.Nd)
	return subtract(normalize(p), []rune{'0', '9'})
}

// spacePairs is musl's iswspace.
func spacePairs() []rune {
	return []rune{'\t', '\r', ' ', ' ', 0x1680, 0x1680, 0x2000, 0x2006, 0x2008, 0x200a, 0x2028, 0x2029, 0x205f, 0x205f, 0x3000, 0x3000}
}

// printPairs is musl's iswprint: everything but controls, the line and
// paragraph separators, surrogates, U+FFF9..FFFB and the noncharacters
// U+xFFFE and U+xFFFF.
func printPairs() []rune {
	p := []rune{0x20, 0x7e, 0xa0, 0x2027, 0x202a, 0xd7ff, 0xe000, 0xfff8, 0xfffc, 0xfffd}
	for plane := rune(0x10000); plane <= 0x100000; plane += 0x10000 {
		p = append(p, plane, plane+0xfffd)
	}
	return p
}

// isWordRune is musl's word character for \b \< \> \w: '_' or alphanumeric.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord(r)
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Nd, r)
}
