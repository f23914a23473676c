// Package wcwidth is musl's wcwidth and iswprint, and musl's choice of
// LC_CTYPE from the environment: what a BusyBox built against musl with
// UNICODE_USING_LOCALE (Alpine's build) uses to make names printable and to
// measure them on the terminal.
//
// The tables approximate musl's generated ones (nonspacing.h, wide.h):
//   - width 0: general categories Mn, Me and Cf, from Go's unicode package
//     (Unicode 15.0), plus the plane 14 tags and variation selectors that
//     musl special-cases; U+00AD (soft hyphen, Cf) is 1, as in musl, whose
//     code handles everything below U+00FF without tables;
//   - width 2: East Asian Width W and F (EastAsianWidth.txt as of Unicode
//     14.0, with the Unicode 15.0 emoji and kana additions), plus all of
//     planes 2 and 3, as musl does;
//   - everything else printable is width 1, assigned or not.
//
// Differences from musl therefore come only from Unicode version skew in
// these properties (musl's tables may be older or newer than Go's).
package wcwidth

import "unicode"

// IsPrint is musl's iswprint: false for C0 and C1 controls and DEL, the
// line and paragraph separators U+2028 and U+2029, surrogates, the
// interlinear annotation characters U+FFF9-U+FFFB, the non-characters
// U+xFFFE and U+xFFFF of every plane, and anything above U+10FFFF.
func IsPrint(r rune) bool {
	c := uint32(r)
	if c < 0xff {
		return (c+1)&0x7f >= 0x21
	}
	if c < 0x2028 || c-0x202a < 0xd800-0x202a || c-0xe000 < 0xfff9-0xe000 {
		return true
	}
	if c-0xfffc > 0x10ffff-0xfffc || c&0xfffe == 0xfffe {
		return false
	}
	return true
}

// Width is musl's wcwidth: the number of terminal columns r takes, 0 for
// NUL and combining or format characters, 2 for wide ones, -1 for controls
// and non-characters.
func Width(r rune) int {
	c := uint32(r)
	if c < 0xff {
		switch {
		case (c+1)&0x7f >= 0x21:
			return 1
		case c == 0:
			return 0
		}
		return -1
	}
	if c&0xfffeffff < 0xfffe {
		// The BMP and plane 1, by table.
		if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
			return 0
		}
		if inTable(r, wide) {
			return 2
		}
		return 1
	}
	if c&0xfffe == 0xfffe {
		return -1
	}
	if c-0x20000 < 0x20000 {
		return 2
	}
	if c == 0xe0001 || c-0xe0020 < 0x5f || c-0xe0100 < 0xef {
		return 0
	}
	return 1
}

// UTF8 reports whether musl's setlocale(LC_CTYPE, "") selects UTF-8 in
// the environment that lookup reads: the first non-empty one of LC_ALL,
// LC_CTYPE and LANG names the locale, and only "C" and "POSIX" are not
// UTF-8 (musl has no other charset). With none of them set, musl's
// default is C.UTF-8.
func UTF8(lookup func(string) (string, bool)) bool {
	for _, name := range [...]string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v, _ := lookup(name); v != "" {
			return v != "C" && v != "POSIX"
		}
	}
	return true
}

type span struct{ lo, hi rune }

func inTable(r rune, t []span) bool {
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < t[m].lo:
			hi = m
		case r > t[m].hi:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// wide lists East Asian Wide (W) and Fullwidth (F) characters of the BMP
// and plane 1.
var wide = []span{
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
	{0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
	{0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
	{0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
	{0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
	{0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
	{0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
	{0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
	{0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x2E99},
	{0x2E9B, 0x2EF3}, {0x2F00, 0x2FD5}, {0x2FF0, 0x2FFB}, {0x3000, 0x303E},
	{0x3041, 0x3096}, {0x3099, 0x30FF}, {0x3105, 0x312F}, {0x3131, 0x318E},
	{0x3190, 0x31E3}, {0x31F0, 0x321E}, {0x3220, 0x3247}, {0x3250, 0x4DBF},
	{0x4E00, 0xA48C}, {0xA490, 0xA4C6}, {0xA960, 0xA97C}, {0xAC00, 0xD7A3},
	{0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE52}, {0xFE54, 0xFE66},
	{0xFE68, 0xFE6B}, {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4},
	{0x16FF0, 0x16FF1}, {0x17000, 0x187F7}, {0x18800, 0x18CD5},
	{0x18D00, 0x18D08}, {0x1AFF0, 0x1AFF3}, {0x1AFF5, 0x1AFFB},
	{0x1AFFD, 0x1AFFE}, {0x1B000, 0x1B122}, {0x1B132, 0x1B132},
	{0x1B150, 0x1B152}, {0x1B155, 0x1B155}, {0x1B164, 0x1B167},
	{0x1B170, 0x1B2FB}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
	{0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202},
	{0x1F210, 0x1F23B}, {0x1F240, 0x1F248}, {0x1F250, 0x1F251},
	{0x1F260, 0x1F265}, {0x1F300, 0x1F320}, {0x1F32D, 0x1F335},
	{0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
	{0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
	{0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC},
	{0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567},
	{0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
	{0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
	{0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF},
	{0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB},
	{0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
	{0x1F947, 0x1F9FF}, {0x1FA70, 0x1FA7C}, {0x1FA80, 0x1FA88},
	{0x1FA90, 0x1FABD}, {0x1FABF, 0x1FAC5}, {0x1FACE, 0x1FADB},
	{0x1FAE0, 0x1FAE8}, {0x1FAF0, 0x1FAF8},
}
