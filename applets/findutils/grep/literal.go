package grep

import (
	"bytes"
	"strings"
)

// foldIndex finds one literal string with ASCII case folding (BusyBox's
// strcasestr for -F -i, and -i on a plain word). It looks for the
// pattern's rarest byte in either case with IndexByte, then compares the
// whole pattern around it.
type foldIndex struct {
	low    []byte // the pattern in lower case
	j      int    // offset of the anchor byte in low
	c1, c2 byte   // the anchor byte's two cases
}

func newFoldIndex(low []byte) *foldIndex {
	f := &foldIndex{low: low}
	if len(low) == 0 {
		return f
	}
	for i, c := range low {
		if commonness(c) < commonness(low[f.j]) {
			f.j = i
		}
	}
	f.c1 = low[f.j]
	f.c2 = upper(f.c1)
	return f
}

// index returns the offset of the first occurrence in s, or -1.
func (f *foldIndex) index(s []byte) int {
	n := len(f.low)
	if n == 0 {
		return 0
	}
	next1, next2 := -1, -1 // the next anchor of each case at or after pos, once looked for
	if f.c1 == f.c2 {
		next2 = len(s)
	}
	for pos := f.j; pos+n-f.j <= len(s); {
		if next1 < pos {
			next1 = indexFrom(s, pos, f.c1)
		}
		if next2 < pos {
			next2 = indexFrom(s, pos, f.c2)
		}
		k := min(next1, next2)
		start := k - f.j
		if start+n > len(s) {
			return -1
		}
		if equalFold(s[start:start+n], f.low) {
			return start
		}
		pos = k + 1
	}
	return -1
}

// indexFrom returns the offset of c in s at or after from, or len(s).
func indexFrom(s []byte, from int, c byte) int {
	if i := bytes.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return len(s)
}

// equalFold reports whether s equals low (lower case) with ASCII case
// folding.
func equalFold(s, low []byte) bool {
	for i, c := range low {
		if lower(s[i]) != c {
			return false
		}
	}
	return true
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// commonness ranks a byte by how often it turns up in text (higher is
// more common): a space, then letters in English frequency order, then
// digits, then the rest.
func commonness(c byte) int {
	const letters = "zqxjkvbpygfwmucldrhsnioate"
	switch {
	case c == ' ':
		return 100
	case 'a' <= c && c <= 'z':
		return 60 + strings.IndexByte(letters, c)
	case '0' <= c && c <= '9':
		return 40
	}
	return 20
}

// multiLit finds the first occurrence of any of several literal strings
// (-F with several patterns, or several plain words), with or without
// ASCII case folding. Candidates are the places where a pattern's first
// byte occurs: with at most four such bytes (both cases counted), found
// with IndexByte; otherwise by a byte-at-a-time table scan. Each
// candidate is checked against the patterns that start with its byte.
type multiLit struct {
	fold    bool
	pats    [][]byte // in lower case with fold
	byFirst [256][]int32
	isFirst [256]bool
	anchors []byte // the first bytes, when few
}

func newMultiLit(pats [][]byte, fold bool) *multiLit {
	m := &multiLit{fold: fold, pats: pats}
	for i, p := range pats {
		c := p[0]
		m.byFirst[c] = append(m.byFirst[c], int32(i))
		for _, b := range []byte{c, upper(c)} {
			if !m.isFirst[b] && (b == c || fold) {
				m.isFirst[b] = true
				m.anchors = append(m.anchors, b)
			}
		}
	}
	if len(m.anchors) > 4 {
		m.anchors = nil
	}
	return m
}

// search returns the first occurrence in b as a span, or -1, -1.
func (m *multiLit) search(b []byte) (int, int) {
	if m.anchors != nil {
		return m.searchAnchors(b)
	}
	for i := 0; i < len(b); i++ {
		if !m.isFirst[b[i]] {
			continue
		}
		if e := m.check(b, i); e >= 0 {
			return i, e
		}
	}
	return -1, -1
}

// searchAnchors is search for a few first bytes, each looked for with
// IndexByte and remembered until passed.
func (m *multiLit) searchAnchors(b []byte) (int, int) {
	var next [4]int
	for k := range m.anchors {
		next[k] = -1
	}
	for pos := 0; pos < len(b); {
		i := len(b)
		for k, c := range m.anchors {
			if next[k] < pos {
				next[k] = indexFrom(b, pos, c)
			}
			i = min(i, next[k])
		}
		if i == len(b) {
			break
		}
		if e := m.check(b, i); e >= 0 {
			return i, e
		}
		pos = i + 1
	}
	return -1, -1
}

// check returns the end of a pattern that occurs at b[i:], or -1.
func (m *multiLit) check(b []byte, i int) int {
	c := b[i]
	if m.fold {
		c = lower(c)
	}
	for _, k := range m.byFirst[c] {
		p := m.pats[k]
		if i+len(p) > len(b) {
			continue
		}
		if m.fold && equalFold(b[i:i+len(p)], p) || !m.fold && bytes.Equal(b[i:i+len(p)], p) {
			return i + len(p)
		}
	}
	return -1
}
