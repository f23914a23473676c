package sed

import (
	"bytes"

	"gobox/internal/applet"
	"gobox/internal/regex"
)

// subst runs s on the pattern space and reports whether it replaced
// anything. It follows BusyBox's do_subst_command: after a match the
// search goes on in the rest of the line with REG_NOTBOL, an empty match
// right after a non-empty one is not replaced ("cccd" with s/c*/R/g is
// "RdR"), and an empty match copies the next character before the
// search goes on.
func (e *engine) subst(c *command) (bool, error) {
	re := c.re
	if re == nil {
		if re = e.prev; re == nil {
			return false, applet.Errorf("no previous regexp")
		}
	}
	e.prev = re
	line := e.ps
	var lit []byte
	if re == c.re {
		lit = c.lit
	}
	m := e.find(re, lit, line, false)
	if m == nil {
		return false, nil
	}
	out := e.sbuf[:0]
	pos, count := 0, 0
	altered, prevEmpty, triedEOL := false, true, false
	for {
		start, end := m[0], m[1]
		count++
		if c.which != 0 && c.which != count {
			// Not the match to replace: copy through its end.
			out = append(out, line[pos:pos+end]...)
			pos += end
			if start == end && pos < len(line) {
				out = append(out, line[pos])
				pos++
			}
		} else {
			out = append(out, line[pos:pos+start]...)
			if prevEmpty || start != 0 || start != end {
				out = appendRepl(out, c.repl, line[pos:], m)
				altered = true
			}
			prevEmpty = start == end
			if prevEmpty {
				if pos+end >= len(line) {
					triedEOL = true
				} else {
					out = append(out, line[pos+end])
					end++
				}
			}
			pos += end
			if c.which != 0 {
				break
			}
		}
		if pos >= len(line) {
			if triedEOL {
				break
			}
			triedEOL = true
		}
		if m = e.find(re, lit, line[pos:], true); m == nil {
			break
		}
	}
	out = append(out, line[pos:]...)
	e.sbuf, e.ps = e.ps, out
	return altered, nil
}

// appendRepl appends the replacement for the match m in sub.
func appendRepl(out []byte, parts []replPart, sub []byte, m []int) []byte {
	for _, p := range parts {
		if p.group < 0 {
			out = append(out, p.lit...)
			continue
		}
		if k := 2 * p.group; k+1 < len(m) && m[k] >= 0 {
			out = append(out, sub[m[k]:m[k+1]]...)
		}
	}
	return out
}

// find returns the first match of re in b, as FindSubmatchIndex does;
// a pattern that is the plain string lit is searched for as one,
// without FindSubmatchIndex's allocation.
func (e *engine) find(re *regex.Regexp, lit, b []byte, notBOL bool) []int {
	if lit == nil {
		return re.FindSubmatchIndex(b, notBOL)
	}
	i := bytes.Index(b, lit)
	if i < 0 {
		return nil
	}
	e.litMatch[0], e.litMatch[1] = i, i+len(lit)
	return e.litMatch[:]
}
