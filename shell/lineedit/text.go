package lineedit

import (
	"strings"
	"unicode/utf8"
)

// Markers around the zero-width parts of an expanded prompt (\[ and \]
// in PS1), the bytes readline uses for the same purpose.
const (
	promptIgnoreStart = '\001'
	promptIgnoreEnd   = '\002'
)

const utf8RuneError = utf8.RuneError

func utf8DecodeString(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func decodeRune(b []byte) (rune, int) {
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n <= 1 {
		return r, 0
	}
	return r, n
}

// utf8Len is the length of the UTF-8 sequence that lead starts, 1 for a
// byte that cannot start one.
func utf8Len(lead byte) int {
	switch {
	case lead >= 0xc2 && lead <= 0xdf:
		return 2
	case lead >= 0xe0 && lead <= 0xef:
		return 3
	case lead >= 0xf0 && lead <= 0xf4:
		return 4
	}
	return 1
}

// stripMarkers removes the zero-width markers from an expanded prompt.
func stripMarkers(p string) string {
	if strings.IndexByte(p, promptIgnoreStart) < 0 && strings.IndexByte(p, promptIgnoreEnd) < 0 {
		return p
	}
	return strings.Map(func(r rune) rune {
		if r == promptIgnoreStart || r == promptIgnoreEnd {
			return -1
		}
		return r
	}, p)
}

// decode turns a line into the editor's characters: runes, with the
// bytes that are not valid UTF-8 kept as rawByte|b (one rune per byte
// in byte mode). Lines are cut to MaxLineLen-1 characters.
func (e *Editor) decode(s string) []rune {
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s) && len(out) < MaxLineLen-1; {
		if e.Bytes {
			out = append(out, rune(s[i]))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			out = append(out, rawByte|rune(s[i]))
			i++
			continue
		}
		out = append(out, r)
		i += n
	}
	return out
}

// encode is decode's inverse.
func (e *Editor) encode(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		switch {
		case e.Bytes && r < 0x100, r&rawByte != 0 && r&^rawByte < 0x100:
			b.WriteByte(byte(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
