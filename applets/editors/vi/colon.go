package vi

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"gobox/internal/applet"
)

// The colon commands (BusyBox's colon(): no ex mode, a fixed set of
// commands with line addresses).

func errText(err error) string { return applet.ErrText(err) }

// getOneAddress reads one line address at p: the line, whether one was
// given, and the rest, or ok false after an error (reported).
func (e *editor) getOneAddress(s string) (rest string, addr int, valid, ok bool) {
	got := false
	addr = e.countLines(0, e.dot)
	sign := 0
	i := 0
	at := func(i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	for {
		c := at(i)
		switch {
		case isBlank(c):
			if got {
				addr += sign
				sign = 0
			}
			i++
		case !got && c == '.':
			i++
			got = true
		case !got && c == '$':
			i++
			addr = e.countLines(0, len(e.text)-1)
			got = true
		case !got && c == '\'':
			i++
			m := at(i)
			if isUpper(m) {
				m |= 0x20
			}
			i++
			q := -1
			if m >= 'a' && m <= 'z' {
				q = e.mark[m-'a']
			}
			if q < 0 {
				e.statusLineBold("Mark not set")
				return "", 0, false, false
			}
			addr = e.countLines(0, q)
			got = true
		case !got && (c == '/' || c == '?'):
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				j = len(s)
			} else {
				j += i + 1
			}
			if i+1 != j {
				e.lastSearch = s[i:j]
			}
			i = j
			if at(i) == c {
				i++
			}
			var q, dir int
			if c == '/' {
				q, dir = e.nextLine(e.dot), forward
			} else {
				q, dir = e.beginLine(e.dot), back
			}
			pat := ""
			if len(e.lastSearch) > 0 {
				pat = e.lastSearch[1:]
			}
			q = e.charSearch(q, pat, dir, true)
			if q < 0 {
				start := 0
				if dir < 0 {
					start = len(e.text) - 1
				}
				q = e.charSearch(start, pat, dir, true)
				if q < 0 {
					e.statusLineBold("Pattern not found")
					return "", 0, false, false
				}
			}
			addr = e.countLines(0, q)
			got = true
		case isDigit(c):
			num := 0
			for isDigit(at(i)) {
				num = num*10 + int(at(i)-'0')
				if num > 1<<30 {
					num = 1 << 30
				}
				i++
			}
			if !got {
				addr = num
				got = true
			} else if sign >= 0 {
				addr += num
			} else {
				addr -= num
			}
			sign = 0
		case c == '-' || c == '+':
			if !got {
				got = true
			} else {
				addr += sign
			}
			sign = 1
			if c == '-' {
				sign = -1
			}
			i++
		default:
			addr += sign
			return s[i:], addr, got, true
		}
	}
}

// getAddress reads the line addresses before a command: as many as
// given, the last two count. got's bits say how many there were.
func (e *editor) getAddress(s string, b, en *int, got *uint) (string, bool) {
	getAddr := true
	save := e.dot
	defer func() { e.dot = save }()
	for {
		c := byte(0)
		if len(s) > 0 {
			c = s[0]
		}
		switch {
		case isBlank(c):
			s = s[1:]
		case getAddr && c == '%':
			s = s[1:]
			*b = 1
			*en = e.countLines(0, len(e.text)-1)
			*got = 3
			getAddr = false
		case getAddr:
			rest, addr, valid, ok := e.getOneAddress(s)
			if !ok {
				return "", false
			}
			s = rest
			if !(valid || strings.HasPrefix(s, ",") || strings.HasPrefix(s, ";") || *got&1 != 0) {
				return s, true
			}
			*b = *en
			*en = addr
			*got = *got<<1 | 1
			getAddr = false
		case c == ',' || c == ';':
			if c == ';' {
				e.dot = e.findLine(*en)
			}
			s = s[1:]
			getAddr = true
		default:
			return s, true
		}
	}
}

func (e *editor) setops1(arg string, no int) {
	name, val, hasEq := strings.Cut(arg, "=")
	names := []string{"ai", "autoindent", "et", "expandtab", "fl", "flash", "ic", "ignorecase", "sm", "showmatch", "ts", "tabstop"}
	index := -1
	for i, n := range names {
		if n == name[no:] {
			index = i
			break
		}
	}
	if index < 0 {
		e.statusLineBold("bad option: %s", arg)
		return
	}
	bit := 1 << (index >> 1)
	if bit == optTabstop {
		if !hasEq || no != 0 {
			e.statusLineBold("bad option: %s", arg)
			return
		}
		t := strtou(val)
		if t <= 0 || t > maxTabstop {
			e.statusLineBold("bad option: %s", arg)
			return
		}
		e.tabstop = t
		return
	}
	if hasEq {
		e.statusLineBold("bad option: %s", arg)
		return
	}
	if no != 0 {
		e.setops &^= bit
	} else {
		e.setops |= bit
	}
}

// strtou is bb_strtou: digits only, anything else is an error (-1).
func strtou(s string) int {
	if s == "" || !isDigit(s[0]) {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// expandArgs replaces % and # by the current and alternate file names;
// a backslash quotes the next character.
func (e *editor) expandArgs(args string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(args); i++ {
		c := args[i]
		switch c {
		case '%', '#':
			name, ok := e.filename, e.hasName
			if c == '#' {
				name, ok = e.altname, e.hasAlt
			}
			if !ok {
				e.statusLineBold("No previous filename")
				return "", false
			}
			b.WriteString(name)
		case '\\':
			if i+1 < len(args) {
				i++
			}
			b.WriteByte(args[i])
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// colon runs one colon command line.
func (e *editor) colon(line string) {
	defer func() { e.dot = e.boundDot(e.dot) }()
	buf := strings.TrimLeft(line, ":")
	buf = strings.TrimLeft(buf, " \t")
	if buf == "" || buf[0] == '"' {
		return
	}
	b, en := -1, -1
	var got uint
	li := e.countLines(0, len(e.text)-1)
	fn, hasFn := e.filename, e.hasName
	buf, ok := e.getAddress(buf, &b, &en, &got)
	if !ok {
		return
	}
	// The command word, up to white space, and its arguments.
	cmd := buf
	args := ""
	if i := strings.IndexAny(buf, " \t\n\v\f\r"); i >= 0 {
		cmd = buf[:i]
		args = strings.TrimLeft(buf[i:], " \t")
	}
	useforce := false
	if strings.HasSuffix(cmd, "!") {
		useforce = true
		cmd = cmd[:len(cmd)-1]
	}
	gotAddress := got&1 != 0
	gotRange := got&3 == 3
	q, r := 0, len(e.text)-1
	if gotAddress {
		if en < 0 || en > li {
			e.statusLineBold("Invalid range")
			return
		}
		q = e.findLine(en)
		r = q
		if !gotRange {
			r = e.endLine(q)
			li = 1
		} else {
			if b < 0 || b > li || b > en {
				e.statusLineBold("Invalid range")
				return
			}
			q = e.findLine(b)
			r = e.endLine(r)
		}
	}
	is := func(word string) bool { return strings.HasPrefix(word, cmd) }
	i := len(cmd)
	switch {
	case i == 0:
		if en >= 0 {
			e.dot = e.findLine(en)
			e.dotSkipOverWS()
		}
	case cmd[0] == '!':
		exp, ok := e.expandArgs(buf[1:])
		if !ok {
			return
		}
		e.goBottomAndClearToEOL()
		e.cookmode()
		run := e.system
		if e.shell != nil {
			run = e.shell
		}
		if st := run(exp); st != 0 {
			fmt.Fprintf(e.out, "\nshell returned %d\n\n", st)
		}
		e.out.Flush()
		e.rawmode()
		e.hitReturn()
	case cmd == "=":
		if !gotAddress {
			en = e.countLines(0, e.dot)
		}
		e.statusLine("%d", en)
	case is("delete"):
		if !gotAddress {
			q, r = e.beginLine(e.dot), e.endLine(e.dot)
		}
		e.dot = e.yankDelete(q, r, whole, true, allowUndo)
		e.dotSkipOverWS()
	case is("edit"):
		if e.modified != 0 && !useforce {
			e.statusLineBold("No write since last change (:%s! overrides)", cmd)
			return
		}
		if args != "" {
			exp, ok := e.expandArgs(args)
			if !ok {
				return
			}
			fn, hasFn = exp, true
		} else if !e.hasName {
			e.statusLineBold("No current filename")
			return
		}
		size := e.initTextBuffer(fn, hasFn)
		e.reg[ureg], e.regSet[ureg] = nil, false
		e.reg[e.ydreg], e.regSet[e.ydreg] = nil, false
		li = e.countLines(0, len(e.text)-1)
		nf, ro := "", ""
		if size < 0 {
			nf = " [New file]"
		}
		if e.readonly != 0 {
			ro = " [Readonly]"
		}
		e.statusLine("'%s'%s%s %dL, %dC", fn, nf, ro, li, len(e.text))
	case is("file"):
		if en >= 0 {
			e.statusLineBold("No address allowed on this command")
			return
		}
		if args != "" {
			exp, ok := e.expandArgs(args)
			if !ok {
				return
			}
			e.updateFilename(exp)
		} else {
			e.lastCksum = 0
		}
	case is("features"):
		e.goBottomAndClearToEOL()
		e.cookmode()
		e.write(features)
		e.out.Flush()
		e.rawmode()
		e.hitReturn()
	case is("list"):
		if !gotAddress {
			q, r = e.beginLine(e.dot), e.endLine(e.dot)
		}
		e.goBottomAndClearToEOL()
		e.write("\r\n")
		for ; q <= r && q < len(e.text); q++ {
			c := e.text[q]
			noprint := c&0x80 != 0 && !isPrint(int(c))
			if noprint {
				c = '.'
				e.write(escBold)
			}
			if c == '\n' {
				e.write("$\r")
			} else if c < ' ' || c == 127 {
				e.out.WriteByte('^')
				if c == 127 {
					c = '?'
				} else {
					c += '@'
				}
			}
			e.out.WriteByte(c)
			if noprint {
				e.write(escNorm)
			}
		}
		e.hitReturn()
	case is("quit") || is("next") || is("prev"):
		if useforce {
			if cmd[0] == 'q' {
				e.optind = len(e.files)
			}
			e.editing = 0
			return
		}
		if e.modified != 0 {
			e.statusLineBold("No write since last change (:%s! overrides)", cmd)
			return
		}
		n := len(e.files) - e.optind - 1
		if cmd[0] == 'q' && n > 0 {
			e.statusLineBold("%d more file(s) to edit", n)
			return
		}
		if cmd[0] == 'n' && n <= 0 {
			e.statusLineBold("No more files to edit")
			return
		}
		if cmd[0] == 'p' {
			if e.optind < 1 {
				e.statusLineBold("No previous files to edit")
				return
			}
			e.optind -= 2
		}
		e.editing = 0
	case is("read"):
		if args != "" {
			exp, ok := e.expandArgs(args)
			if !ok {
				return
			}
			fn, hasFn = exp, true
			e.initFilename(fn)
		} else if !e.hasName {
			e.statusLineBold("No current filename")
			return
		}
		if en == 0 {
			q = 0
		} else {
			at := e.dot
			if gotAddress {
				at = e.findLine(en)
			}
			q = e.nextLine(at)
			if q == len(e.text)-1 {
				q++
			}
		}
		num := e.countLines(0, q)
		if q == len(e.text) {
			num++
		}
		size := e.fileInsert(fn, q, false)
		if size < 0 {
			return
		}
		li = e.countLines(q, q+size-1)
		ro := ""
		if e.readonly != 0 {
			ro = " [Readonly]"
		}
		e.statusLine("'%s'%s %dL, %dC", fn, ro, li, size)
		e.dot = e.findLine(num)
	case is("rewind"):
		if e.modified != 0 && !useforce {
			e.statusLineBold("No write since last change (:%s! overrides)", cmd)
		} else {
			e.optind = -1
			e.editing = 0
		}
	case is("set"):
		if args == "" || args == "all" {
			yn := func(bit int) string {
				if e.setops&bit != 0 {
					return ""
				}
				return "no"
			}
			e.statusLineBold("%sautoindent %sexpandtab %sflash %signorecase %sshowmatch tabstop=%d",
				yn(optAutoindent), yn(optExpandtab), yn(optFlash), yn(optIgnorecase), yn(optShowmatch), e.tabstop)
			return
		}
		for _, a := range strings.Fields(args) {
			no := 0
			if strings.HasPrefix(a, "no") {
				no = 2
			}
			e.setops1(a, no)
		}
	case cmd[0] == 's':
		e.substitute(buf, gotAddress, gotRange, q, r, b, en)
	case is("version"):
		e.statusLine("%s", applet.Version)
	case is("write") || cmd == "wq" || cmd == "wn" || cmd == "x":
		e.colonWrite(cmd, args, useforce, fn, hasFn, q, r)
	case is("yank"):
		if !gotAddress {
			q, r = e.beginLine(e.dot), e.endLine(e.dot)
		}
		e.textYank(q, r, e.ydreg, whole)
		li = e.countLines(q, r)
		e.statusLine("Yank %d lines (%d chars) into [%c]", li, len(e.reg[e.ydreg]), e.whatReg())
	default:
		e.notImplemented(cmd)
	}
}

func (e *editor) colonWrite(cmd, args string, useforce bool, fn string, hasFn bool, q, r int) {
	if args != "" {
		exp, ok := e.expandArgs(args)
		if !ok {
			return
		}
		if !useforce && (!hasFn || fn != exp) {
			if _, err := os.Stat(e.ctx.Path(exp)); err == nil {
				e.statusLineBold("File exists (:w! overrides)")
				return
			}
		}
		fn, hasFn = exp, true
		e.initFilename(fn)
	} else if e.readonly != 0 && !useforce && hasFn {
		e.statusLineBold("'%s' is read only", fn)
		return
	}
	size, l := 0, 0
	if e.modified != 0 || cmd[0] != 'x' {
		size = r - q + 1
		l = e.fileWrite(fn, hasFn, q, r)
	}
	if l < 0 {
		if l == -1 {
			e.statusLineBoldErr(fn, e.writeErr)
		}
		return
	}
	li := e.countLines(q, q+l-1)
	e.statusLine("'%s' %dL, %dC", fn, li, l)
	if l != size {
		return
	}
	if q == 0 && q+l == len(e.text) {
		e.modified = 0
		e.lastModified = -1
	}
	if len(cmd) > 1 && cmd[1] == 'n' {
		e.editing = 0
	} else if cmd[0] == 'x' || (len(cmd) > 1 && cmd[1] == 'q') {
		if n := len(e.files) - e.optind - 1; n > 0 {
			if useforce {
				e.optind = len(e.files)
			} else {
				e.statusLineBold("%d more file(s) to edit", n)
				return
			}
		}
		e.editing = 0
	}
}

// substitute is :s/find/replace/[g], with plain text (Alpine's BusyBox
// is built without regular expressions in vi).
func (e *editor) substitute(buf string, gotAddress, gotRange bool, q, r, b, en int) {
	if len(buf) < 2 {
		e.statusLine(":s expression missing delimiters")
		return
	}
	c := buf[1]
	rest := buf[2:]
	mid := strings.IndexByte(rest, c)
	if mid < 0 || c == 0 {
		e.statusLine(":s expression missing delimiters")
		return
	}
	find, repl := rest[:mid], rest[mid+1:]
	gflag := byte(0)
	if k := strings.IndexByte(repl, c); k >= 0 {
		if k+1 < len(repl) {
			gflag = repl[k+1]
		}
		repl = repl[:k]
	}
	if find != "" {
		e.lastSearch = "/" + find
	} else if len(e.lastSearch) <= 1 {
		e.statusLineBold("No previous search")
		return
	} else {
		find = e.lastSearch[1:]
	}
	if !gotAddress {
		q = e.beginLine(e.dot)
		b = e.countLines(0, q)
		en = b
	} else if !gotRange {
		b = en
	}
	subs := 0
	for i := b; i <= en; i++ {
		ls := q
		for {
			found := e.charSearch(q, find, forward, false)
			if found < 0 {
				break
			}
			undo := allowUndo
			if subs != 0 {
				undo = allowUndoChain
			}
			e.holeDelete(found, found+len(find)-1, undo)
			if len(repl) != 0 {
				e.stringInsert(found, []byte(repl), allowUndoChain)
			}
			e.dot = ls
			subs++
			if gflag == 'g' && found+len(repl) < e.endLine(ls) {
				q = found + len(repl)
				continue
			}
			break
		}
		q = e.nextLine(ls)
	}
	if subs == 0 {
		e.statusLineBold("No match")
	} else {
		e.dotSkipOverWS()
	}
}

// system runs a command line with /bin/sh on the terminal, returning
// its wait status as system(3) does.
func (e *editor) system(line string) int {
	cmd := exec.Command("/bin/sh", "-c", line)
	cmd.Dir = e.ctx.Dir
	cmd.Env = e.ctx.Environ()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.ctx.Stdin, e.ctx.Stdout, e.ctx.Stderr
	err := cmd.Run()
	if err == nil {
		return 0
	}
	if x, ok := err.(*exec.ExitError); ok {
		return x.ExitCode() << 8
	}
	return 127 << 8
}
