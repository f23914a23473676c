package sed

import (
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/regex"
)

// addrKind is what an address names.
type addrKind uint8

const (
	addrNone  addrKind = iota // no address (or BusyBox's line 0)
	addrLine                  // N
	addrLast                  // $
	addrRegex                 // /RE/ or \cREc
	addrStep                  // first~step (GNU)
	addrPlus                  // addr1,+N
	addrMult                  // addr1,~N (GNU)
)

// address is one address of a command.
type address struct {
	kind addrKind
	n    int // the line, first line of a step, or the N of +N and ~N
	step int // first~step's step
	re   *regex.Regexp
}

// command is one parsed sed command.
type command struct {
	a1, a2 address
	zero   bool // 0,/re/: the range is open before the first line (GNU)
	invert bool // '!'
	name   byte // the command letter

	text   string // a i c: the text; r R: the file; b t T ':': the label
	hasArg bool   // b t T: a label was given; q Q l: a number was given
	num    int    // q Q: the exit status; l: the line length
	target int    // b t T: index of the label's command; '{': index of its '}' (-1: none)
	out    *outFile

	// s
	re    *regex.Regexp // nil: the last regex used
	lit   []byte        // re is this string, with no special characters
	repl  []replPart
	which int // which match to replace, 0 for all
	print bool
	ytab  *[256]byte // y

	// Range state, as BusyBox keeps it in the command.
	inMatch bool
	dead    bool // a line-number start that has matched once
	endLine int  // the line a +N or ~N range ends on, once started
	opened  bool // 0,/re/ has been entered
}

// replPart is a piece of an s replacement: a literal, or a group (0 for
// the whole match).
type replPart struct {
	lit   string
	group int // -1 for a literal
}

// program is a parsed script.
type program struct {
	cmds  []*command
	quiet int // "#n" lines seen (BusyBox counts any comment starting "#n")
}

// parser turns script lines into commands the way BusyBox's add_cmd
// does: a line ending in an odd number of backslashes is joined to the
// next with a newline, commands run to the end of the line or a ';',
// and a/i/c, r/w and s///w take the rest of the line.
type parser struct {
	prog     program
	extended bool
	pending  *string // a line ended by a backslash, waiting for the next
	prev     *regex.Regexp
	// open opens the file of a w command or s///w flag (once per name).
	open func(name string) (*outFile, error)
}

// semicolonWhitespace separates commands.
const semicolonWhitespace = "; \n\r\t\v"

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// parseError is a script error, worded as BusyBox words it.
func parseError(format string, args ...any) error {
	return applet.Errorf(format, args...)
}

// addBlock adds an -e argument (or the script operand): each of its lines
// is a line of script.
func (p *parser) addBlock(s string) error {
	for {
		line, rest, more := strings.Cut(s, "\n")
		if err := p.addLine(line); err != nil {
			return err
		}
		if !more {
			return nil
		}
		s = rest
	}
}

// finish ends the script: a line still waiting for its continuation is
// parsed as it is, and branch targets and blocks are resolved.
func (p *parser) finish() (*program, error) {
	if err := p.addLine(""); err != nil {
		return nil, err
	}
	return &p.prog, p.resolve()
}

// addLine parses one line of script.
func (p *parser) addLine(s string) error {
	if p.pending != nil {
		s = *p.pending + "\n" + s
		p.pending = nil
	}
	n := len(s)
	for n > 0 && s[n-1] == '\\' {
		n--
	}
	if (len(s)-n)&1 == 1 {
		t := s[:len(s)-1]
		p.pending = &t
		return nil
	}
	i := 0
	for i < len(s) {
		for i < len(s) && strings.IndexByte(semicolonWhitespace, s[i]) >= 0 {
			i++
		}
		if i == len(s) {
			break
		}
		if s[i] == '#' {
			if i+1 < len(s) && s[i+1] == 'n' {
				p.prog.quiet++
			}
			j := strings.IndexAny(s[i:], "\n\r")
			if j < 0 {
				break
			}
			i += j
			continue
		}
		c := &command{target: -1}
		var err error
		if i, err = p.parseCommand(c, s, i); err != nil {
			return err
		}
		p.prog.cmds = append(p.prog.cmds, c)
	}
	return nil
}

// parseCommand parses [addr[,addr]][!]cmd[args] at s[i:] and returns
// where the next command may start.
func (p *parser) parseCommand(c *command, s string, i int) (int, error) {
	n, err := p.address(s[i:], &c.a1, false)
	if err != nil {
		return 0, err
	}
	i += n
	if i < len(s) && s[i] == ',' {
		i++
		switch {
		case i+1 < len(s) && (s[i] == '+' || s[i] == '~') && isDigit(s[i+1]):
			c.a2.kind = addrPlus
			if s[i] == '~' {
				c.a2.kind = addrMult
			}
			v, m := atoi(s[i+1:])
			c.a2.n = v
			i += 1 + m
		default:
			n, err := p.address(s[i:], &c.a2, true)
			if err != nil {
				return 0, err
			}
			if n == 0 {
				return 0, parseError("no address after comma")
			}
			i += n
		}
		// 0,/re/ opens the range before line 1 (GNU); BusyBox takes
		// line 0 as no address, which never starts a range, and an
		// ending line 0 as no ending address.
		if c.a1.kind == addrLine && c.a1.n == 0 && c.a2.kind == addrRegex {
			c.zero = true
		}
		if c.a2.kind == addrLine && c.a2.n == 0 {
			c.a2.kind = addrNone
		}
	}
	if c.a1.kind == addrLine && c.a1.n == 0 {
		c.a1.kind = addrNone
	}
	i = skipSpace(s, i)
	if i < len(s) && s[i] == '!' {
		c.invert = true
		i = skipSpace(s, i+1)
	}
	if i == len(s) {
		return 0, parseError("missing command")
	}
	c.name = s[i]
	return p.parseArgs(c, s, i+1)
}

// atoi reads the decimal digits at the start of s (strtol's way, with
// saturation instead of overflow) and returns the value and their count.
func atoi(s string) (int, int) {
	v, i := 0, 0
	for i < len(s) && isDigit(s[i]) {
		if v < 1<<40 {
			v = v*10 + int(s[i]-'0')
		}
		i++
	}
	return v, i
}

// address parses one address at the start of s and returns its length
// (0: none there).
func (p *parser) address(s string, a *address, second bool) (int, error) {
	if s == "" {
		return 0, nil
	}
	switch c := s[0]; {
	case isDigit(c):
		v, n := atoi(s)
		a.kind, a.n = addrLine, v
		if !second && n+1 < len(s) && s[n] == '~' && isDigit(s[n+1]) {
			st, m := atoi(s[n+1:])
			a.kind, a.step = addrStep, st
			n += 1 + m
		}
		return n, nil
	case c == '$':
		a.kind = addrLast
		return 1, nil
	case c == '/' || c == '\\':
		pos := 1
		delim := byte('/')
		if c == '\\' {
			if len(s) < 2 {
				return 0, parseError("unmatched '%c'", 0)
			}
			delim = s[1]
			pos = 2
		}
		next, err := delimIndex(s[pos:], delim, true)
		if err != nil {
			return 0, err
		}
		end := pos + next + 1
		var flags regex.Flags
		for end < len(s) && (s[end] == 'I' || s[end] == 'M') {
			// GNU's address flags; BusyBox has none, and takes
			// neither letter as a command.
			if s[end] == 'I' {
				flags |= regex.ICase
			} else {
				flags |= regex.Newline
			}
			end++
		}
		a.kind = addrRegex
		if next == 0 {
			if p.prev == nil {
				return 0, parseError("no previous regexp")
			}
			a.re = p.prev
			return end, nil
		}
		re, err := p.compile(copyEscapes(s[pos:pos+next], 0), flags)
		if err != nil {
			return 0, err
		}
		a.re, p.prev = re, re
		return end, nil
	}
	return 0, nil
}

// compile compiles a regex of the script, reporting errors as BusyBox's
// xregcomp does.
func (p *parser) compile(pat string, flags regex.Flags) (*regex.Regexp, error) {
	if p.extended {
		flags |= regex.Extended
	}
	re, err := regex.Compile(pat, flags)
	if err != nil {
		return nil, parseError("bad regex '%s': %s", pat, applet.ErrText(err))
	}
	return re, nil
}

// delimIndex returns the index in s of the first delim not escaped by a
// backslash and, when brackets is set, not inside a bracket expression.
func delimIndex(s string, delim byte, brackets bool) (int, error) {
	bracket := -1
	escaped := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case bracket >= 0:
			if c == ']' && !(bracket == i-1 || bracket == i-2 && s[i-1] == '^') {
				bracket = -1
			}
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case brackets && c == '[':
			bracket = i
		case c == delim:
			return i, nil
		}
	}
	return 0, parseError("unmatched '%c'", delim)
}

// unescape copies s replacing "\from" by to; with to == 0 it replaces
// every "\c" by c. Other escapes are copied whole, so "\\n" stays. A
// trailing lone backslash is dropped when to == 0.
func unescape(s string, from, to byte) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == '\\' {
			if to == 0 || i+1 < len(s) && s[i+1] == from {
				if to != 0 {
					b.WriteByte(to)
				} else if i+1 < len(s) {
					b.WriteByte(s[i+1])
				} else {
					break
				}
				i += 2
				continue
			}
			b.WriteByte('\\')
			i++
			if i == len(s) {
				break
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// copyEscapes turns \n, \t and \r into the characters (GNU's \t and \r
// too), and "\DELIM" into DELIM when delim is not 0.
func copyEscapes(s string, delim byte) string {
	s = unescape(s, 'n', '\n')
	s = unescape(s, 't', '\t')
	s = unescape(s, 'r', '\r')
	if delim != 0 {
		s = unescape(s, delim, delim)
	}
	return s
}

// splitDelim reads "DmatchDreplaceD" at the start of s (s, y) and
// returns the two parts and the index of the third delimiter.
func splitDelim(s string) (match, repl string, end int, err error) {
	if s == "" {
		return "", "", 0, parseError("bad format in substitution expression")
	}
	delim := s[0]
	i, err := delimIndex(s[1:], delim, true)
	if err != nil {
		return "", "", 0, err
	}
	match = copyEscapes(s[1:1+i], delim)
	rest := s[2+i:]
	j, err := delimIndex(rest, delim, false)
	if err != nil {
		return "", "", 0, err
	}
	// "s&8&\&&" keeps "\&" (an escaped '&' in the replacement), as
	// GNU does.
	rd := delim
	if delim == '&' {
		rd = 0
	}
	repl = copyEscapes(rest[:j], rd)
	return match, repl, 2 + i + j, nil
}

// fileName reads the file name of r, w, R, W and s///w: blanks are
// skipped, then the name runs to the end of the line. It returns the
// index of that end in s.
func fileName(s string, i int) (string, int, error) {
	start := skipSpace(s, i)
	eol := strings.IndexByte(s[start:], '\n')
	if eol < 0 {
		eol = len(s)
	} else {
		eol += start
	}
	if eol == start {
		return "", 0, parseError("empty filename")
	}
	name := s[start:eol]
	if eol < len(s) {
		// BusyBox puts back the backslash of a continued line.
		name += "\\"
	}
	return name, eol, nil
}

// parseArgs parses the arguments of c's command at s[i:].
func (p *parser) parseArgs(c *command, s string, i int) (int, error) {
	switch c.name {
	case 's':
		return p.parseSubst(c, s, i)
	case 'a', 'i', 'c':
		if c.name != 'c' && c.a2.kind != addrNone {
			return 0, parseError("command '%c' uses only one address", c.name)
		}
		for i < len(s) {
			if s[i] == '\n' || s[i] == '\\' {
				i++
				break
			}
			if !isSpace(s[i]) {
				break
			}
			i++
		}
		c.text = unescape(copyEscapes(s[i:], 0), 0, 0)
		return len(s), nil
	case 'r', 'w', 'R', 'W':
		if c.name == 'r' && c.a2.kind != addrNone {
			return 0, parseError("command '%c' uses only one address", c.name)
		}
		name, end, err := fileName(s, i)
		if err != nil {
			return 0, err
		}
		c.text = name
		if c.name == 'w' || c.name == 'W' {
			if c.out, err = p.open(name); err != nil {
				return 0, err
			}
		}
		return end, nil
	case ':', 'b', 't', 'T':
		i = skipSpace(s, i)
		n := strings.IndexAny(s[i:], semicolonWhitespace)
		if n < 0 {
			n = len(s) - i
		}
		if n > 0 {
			c.text, c.hasArg = s[i:i+n], true
		}
		return i + n, nil
	case 'y':
		match, repl, end, err := splitDelim(s[i:])
		if err != nil {
			return 0, err
		}
		d := s[i]
		match, repl = unescape(match, d, d), unescape(repl, d, d)
		var tab [256]byte
		var set [256]bool
		for k := range tab {
			tab[k] = byte(k)
		}
		for k := 0; k < len(match) && k < len(repl); k++ {
			if !set[match[k]] {
				tab[match[k]], set[match[k]] = repl[k], true
			}
		}
		c.ytab = &tab
		return i + end + 1, nil
	case 'q', 'Q', 'l':
		// GNU's exit status (q, Q) and line length (l). BusyBox
		// reads digits there as the next command's address, so
		// they count only where the command ends after them.
		j := skipSpace(s, i)
		if j < len(s) && isDigit(s[j]) {
			v, n := atoi(s[j:])
			if k := skipSpace(s, j+n); k == len(s) || strings.IndexByte(";}#", s[k]) >= 0 {
				c.num, c.hasArg = v, true
				return j + n, nil
			}
		}
		return i, nil
	case 'd', 'D', 'g', 'G', 'h', 'H', 'n', 'N', 'p', 'P', 'x', '=', '{', '}':
		return i, nil
	}
	return 0, parseError("unsupported command %c", c.name)
}

// parseSubst parses s's "/regex/replacement/flags" at s[i:].
func (p *parser) parseSubst(c *command, s string, i int) (int, error) {
	match, repl, end, err := splitDelim(s[i:])
	if err != nil {
		return 0, err
	}
	var flags regex.Flags
	c.which = 1
	j := i + end + 1
flags:
	for ; j < len(s); j++ {
		ch := s[j]
		if isDigit(ch) {
			// A regex anchored at ^ matches once: BusyBox ignores
			// the count then.
			if match == "" || match[0] != '^' {
				v, n := atoi(s[j:])
				c.which = int(uint32(min(v, 1<<32-1)))
				j += n - 1
			}
			continue
		}
		if isSpace(ch) {
			continue
		}
		switch ch {
		case 'g':
			c.which = 0
		case 'p':
			c.print = true
		case 'w':
			name, eol, err := fileName(s, j+1)
			if err != nil {
				return 0, err
			}
			if c.out, err = p.open(name); err != nil {
				return 0, err
			}
			j = eol - 1
		case 'i', 'I':
			flags |= regex.ICase
		case 'm', 'M':
			// GNU's multi-line mode; BusyBox has none.
			flags |= regex.Newline
		case '#':
			j = len(s)
			break flags
		case ';', '}':
			break flags
		default:
			return 0, parseError("bad option in substitution expression")
		}
	}
	if match != "" {
		if c.re, err = p.compile(match, flags); err != nil {
			return 0, err
		}
		// A pattern that is a plain string is searched for as one.
		if lit, complete := c.re.LiteralPrefix(); complete && lit != "" && flags&regex.ICase == 0 {
			c.lit = []byte(lit)
		}
	}
	c.repl = parseRepl(repl)
	return j, nil
}

// parseRepl splits a replacement into literals and group references:
// "\N" is group N, '&' the whole match, "\c" the character c.
func parseRepl(s string) []replPart {
	var parts []replPart
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			parts = append(parts, replPart{lit: string(lit), group: -1})
			lit = lit[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
			if i == len(s) {
				break
			}
			if isDigit(s[i]) {
				flush()
				parts = append(parts, replPart{group: int(s[i] - '0')})
				continue
			}
			lit = append(lit, s[i])
		case c == '&':
			flush()
			parts = append(parts, replPart{group: 0})
		default:
			lit = append(lit, c)
		}
	}
	flush()
	return parts
}

// resolve ties each branch to its label and each '{' to its '}'. A
// branch to a label that does not exist is an error before any input
// is read (BusyBox finds out when it takes the branch).
func (p *parser) resolve() error {
	var open []int
	for i, c := range p.prog.cmds {
		switch c.name {
		case '{':
			open = append(open, i)
		case '}':
			if len(open) > 0 {
				p.prog.cmds[open[len(open)-1]].target = i
				open = open[:len(open)-1]
			}
		case 'b', 't', 'T':
			if !c.hasArg {
				continue
			}
			c.target = -1
			for k, l := range p.prog.cmds {
				if l.name == ':' && l.hasArg && l.text == c.text {
					c.target = k
					break
				}
			}
			if c.target < 0 {
				return parseError("can't find label for jump to '%s'", c.text)
			}
		}
	}
	return nil
}

// String returns a readable form of a command, for tests.
func (c *command) String() string {
	var b strings.Builder
	a := func(x address) {
		switch x.kind {
		case addrLine:
			b.WriteString(strconv.Itoa(x.n))
		case addrLast:
			b.WriteByte('$')
		case addrRegex:
			b.WriteString("/" + x.re.String() + "/")
		case addrStep:
			b.WriteString(strconv.Itoa(x.n) + "~" + strconv.Itoa(x.step))
		case addrPlus:
			b.WriteString("+" + strconv.Itoa(x.n))
		case addrMult:
			b.WriteString("~" + strconv.Itoa(x.n))
		}
	}
	if c.zero {
		b.WriteByte('0')
	}
	a(c.a1)
	if c.a2.kind != addrNone {
		b.WriteByte(',')
		a(c.a2)
	}
	if c.invert {
		b.WriteByte('!')
	}
	b.WriteByte(c.name)
	if c.text != "" {
		b.WriteString(strconv.Quote(c.text))
	}
	return b.String()
}
