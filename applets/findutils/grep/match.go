package grep

import (
	"bytes"
	"unicode/utf8"

	"gobox/internal/applet"
	"gobox/internal/regex"
)

// pattern is one pattern of the list. A regular expression without
// special characters is matched as the literal string it is (lit), which
// finds the same leftmost-longest match; any other is compiled when a
// line first needs it, as BusyBox's grep compiles it.
type pattern struct {
	text []byte
	lit  bool       // matched as a literal string
	fold *foldIndex // -i on a literal
	re   *regex.Regexp
}

// hit is what BusyBox's pattern loop leaves for one line: whether a
// pattern found it, the pattern that did (or the last one tried), and
// that pattern's matched_range, relative to where its last search began
// (after -w moved on, BusyBox's -o takes it as relative to the line, and
// so does printOnly).
type hit struct {
	found  bool
	p      *pattern
	so, eo int
}

// setup decides how each pattern is matched: -F patterns and regular
// expressions made of ordinary characters as literal strings. The
// engine judges a pattern that is not UTF-8 (musl rejects it), and with
// -i one that is not ASCII; an ASCII letter folds to ASCII only, as in
// musl (not to the Kelvin sign or the long s).
func (g *grep) setup() {
	o := &g.opts
	g.needPos = o.only || o.word || o.whole
	g.needNum = o.lineNum || g.context
	for _, p := range g.pats {
		p.lit = o.fixed || isLiteral(p.text, o.ere) && utf8.Valid(p.text) && (!o.icase || isASCII(p.text))
		if p.lit && o.icase {
			p.fold = newFoldIndex(lowerASCII(p.text))
		}
	}
}

// isLiteral reports whether a regular expression has no character that
// could be special in its dialect (conservatively: '*' at the start of a
// BRE is literal too, but is left to the engine).
func isLiteral(t []byte, ere bool) bool {
	special := ".[]\\*^$"
	if ere {
		special = ".[]\\*^$+?(){}|"
	}
	return !bytes.ContainsAny(t, special)
}

func isASCII(t []byte) bool {
	for _, c := range t {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// compile compiles p on first use; a bad expression ends grep with
// status 2, as BusyBox's xregcomp does.
func (g *grep) compile(p *pattern) error {
	if p.re != nil || p.lit {
		return nil
	}
	re, err := regex.Compile(string(p.text), g.reFlags(0))
	if err != nil {
		return applet.Exitf(2, "bad regex '%s': %s", p.text, regexErrText(err))
	}
	p.re = re
	return nil
}

// reFlags returns the compilation flags for grep's options, plus extra.
func (g *grep) reFlags(extra regex.Flags) regex.Flags {
	f := extra
	if g.opts.ere {
		f |= regex.Extended
	}
	if g.opts.icase {
		f |= regex.ICase
	}
	if !g.needPos {
		f |= regex.NoSub
	}
	return f
}

// regexErrText is the regerror text of a compilation error.
func regexErrText(err error) string {
	if e, ok := err.(*regex.Error); ok {
		return e.Msg
	}
	return applet.ErrText(err)
}

// index returns the offset of p's first occurrence in s, or -1: strstr,
// or with -i strcasestr (ASCII folding).
func (p *pattern) index(s []byte) int {
	if p.fold == nil {
		return bytes.Index(s, p.text)
	}
	return p.fold.index(s)
}

// find is BusyBox's regexec on s for p: the leftmost-longest match.
func (g *grep) find(p *pattern, s []byte, notBOL bool) (so, eo int, ok bool, err error) {
	if p.lit {
		i := p.index(s)
		return i, i + len(p.text), i >= 0, nil
	}
	if err := g.compile(p); err != nil {
		return 0, 0, false, err
	}
	so, eo = p.re.FindIndex(s, notBOL)
	return so, eo, so >= 0, nil
}

// eval runs BusyBox's pattern loop on a line: the patterns in order
// until one finds it.
func (g *grep) eval(line []byte) (hit, error) {
	var h hit
	for _, p := range g.pats {
		h = hit{p: p}
		var err error
		if g.opts.fixed {
			h.found = g.evalFixed(p, line)
		} else if h.found, err = g.evalRegex(p, line, &h); err != nil {
			return h, err
		}
		if h.found {
			break
		}
	}
	return h, nil
}

// evalFixed is the -F case: strstr, then -x or -w checks; -w tries again
// one byte further on.
func (g *grep) evalFixed(p *pattern, line []byte) bool {
	str := 0
	for {
		m := p.index(line[str:])
		if m < 0 {
			return false
		}
		m += str
		switch {
		case g.opts.whole:
			return m == str && len(line)-str == len(p.text)
		case g.opts.word:
			c := byte(' ')
			if m != 0 {
				c = line[m-1]
			}
			if !isWord(c) {
				if e := m + len(p.text); e == len(line) || !isWord(line[e]) {
					return true
				}
			}
			str = m + 1
			if str > len(line) {
				// Only an empty pattern gets here; BusyBox's
				// strstr then runs past the line's end, and
				// finds it.
				return true
			}
			continue
		}
		return true
	}
}

// evalRegex is the regular-expression case: regexec, then -x or -w
// checks; -w searches again from the end of a match that is not a word.
func (g *grep) evalRegex(p *pattern, line []byte, h *hit) (bool, error) {
	if !g.needPos {
		if p.lit {
			return p.index(line) >= 0, nil
		}
		if err := g.compile(p); err != nil {
			return false, err
		}
		return p.re.Match(line), nil
	}
	at, notBOL := 0, false
	for {
		so, eo, ok, err := g.find(p, line[at:], notBOL)
		if err != nil || !ok {
			return false, err
		}
		h.so, h.eo = so, eo
		switch {
		case g.opts.whole:
			return so == 0 && at+eo == len(line), nil
		case !g.opts.word:
			return true, nil
		}
		c := byte(' ')
		if at > 0 || so != 0 {
			c = line[at+so-1]
		}
		if !isWord(c) {
			c = 0
			if at+eo < len(line) {
				c = line[at+eo]
			}
		}
		if !isWord(c) {
			return true, nil
		}
		if eo == 0 {
			return false, nil
		}
		at += eo
		notBOL = true
	}
}

// printOnly is -o: with -F the pattern itself, once; otherwise each
// non-empty match from h's on, searching on after each.
func (g *grep) printOnly(f *fileState, line []byte, h hit) error {
	if g.opts.fixed {
		if h.found {
			g.printLine(f, h.p.text, f.linenum, ':')
		}
		return nil
	}
	start, end := h.so, h.eo
	for {
		if end > start {
			g.printLine(f, line[start:end], f.linenum, ':')
		}
		if end >= len(line) {
			return nil
		}
		if end == start {
			end++
		}
		so, eo, ok, err := g.find(h.p, line[end:], true)
		if err != nil || !ok {
			return err
		}
		start, end = end+so, end+eo
	}
}

// isWord is BusyBox's test for -w: isalnum in the C locale, or '_'.
func isWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// lowerASCII returns t with ASCII letters in lower case (strcasestr's
// folding, whatever the bytes above 127).
func lowerASCII(t []byte) []byte {
	low := make([]byte, len(t))
	for i, c := range t {
		low[i] = lower(c)
	}
	return low
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
