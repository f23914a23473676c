// Package testexpr evaluates test(1) expressions the way BusyBox's test,
// [ and [[ do: POSIX's special cases for up to four arguments, then a
// recursive-descent parser over -o, -a, !, ( ) and the unary and binary
// primaries. The shell's test builtin and the test applets share it.
package testexpr

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/regex"
	"gobox/internal/termwidth"
)

// Env is what an evaluation may consult besides its arguments.
type Env struct {
	// Path resolves a file operand (relative to the caller's working
	// directory). Nil means names are used as given.
	Path func(name string) string
	// IsTTY answers -t FD. Nil means isatty(2) on the process's fd.
	IsTTY func(fd int) bool
	// Bash selects [[ ]] rules: && and || instead of -a and -o, pattern
	// matching for = == !=, and =~ regular expressions.
	Bash bool
}

// Eval evaluates args (without the command name and without a closing
// "]" or "]]") and returns the exit status: 0 true, 1 false, 2 error. msg
// is the error text BusyBox prints after "test: " (empty when none).
func Eval(args []string, env *Env) (status int, msg string) {
	if env == nil {
		env = &Env{}
	}
	e := &evaluator{env: env}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(syntaxError)
			if !ok {
				panic(r)
			}
			status, msg = 2, string(se)
		}
	}()
	return e.run(args)
}

type syntaxError string

type token int

const (
	tEOI token = iota
	tFILRD
	tFILWR
	tFILEX
	tFILEXIST
	tFILREG
	tFILDIR
	tFILCDEV
	tFILBDEV
	tFILFIFO
	tFILSOCK
	tFILSYM
	tFILGZ
	tFILTT
	tFILSUID
	tFILSGID
	tFILSTCK
	tFILNT
	tFILOT
	tFILEQ
	tFILUID
	tFILGID
	tSTREZ
	tSTRNZ
	tSTREQ
	tSTRNE
	tSTRLT
	tSTRGT
	tREGEX
	tINTEQ
	tINTNE
	tINTGE
	tINTGT
	tINTLE
	tINTLT
	tUNOT
	tBAND
	tBOR
	tLPAREN
	tRPAREN
	tOPERAND
)

type opType int

const (
	noOp opType = iota
	unop
	binop
	bunop
	bbinop
	paren
)

// lookup returns the operator s names, if any.
func lookup(s string) (token, opType, bool) {
	if n, ok := unaryOp(s); ok {
		return n, unop, true
	}
	if n, ok := binaryOp(s); ok {
		return n, binop, true
	}
	switch s {
	case "!":
		return tUNOT, bunop, true
	case "-a", "&&":
		return tBAND, bbinop, true
	case "-o", "||":
		return tBOR, bbinop, true
	case "(":
		return tLPAREN, paren, true
	case ")":
		return tRPAREN, paren, true
	}
	return 0, noOp, false
}

// unaryOp returns the unary primary s names (file and string tests), if
// any.
func unaryOp(s string) (token, bool) {
	switch s {
	case "-r":
		return tFILRD, true
	case "-w":
		return tFILWR, true
	case "-x":
		return tFILEX, true
	case "-e":
		return tFILEXIST, true
	case "-f":
		return tFILREG, true
	case "-d":
		return tFILDIR, true
	case "-c":
		return tFILCDEV, true
	case "-b":
		return tFILBDEV, true
	case "-p":
		return tFILFIFO, true
	case "-u":
		return tFILSUID, true
	case "-g":
		return tFILSGID, true
	case "-k":
		return tFILSTCK, true
	case "-s":
		return tFILGZ, true
	case "-t":
		return tFILTT, true
	case "-z":
		return tSTREZ, true
	case "-n":
		return tSTRNZ, true
	case "-h", "-L":
		return tFILSYM, true
	case "-O":
		return tFILUID, true
	case "-G":
		return tFILGID, true
	case "-S":
		return tFILSOCK, true
	}
	return 0, false
}

// binaryOp returns the binary primary s names (string, integer and file
// comparisons), if any.
func binaryOp(s string) (token, bool) {
	switch s {
	case "=", "==":
		return tSTREQ, true
	case "!=":
		return tSTRNE, true
	case "<":
		return tSTRLT, true
	case ">":
		return tSTRGT, true
	case "=~":
		return tREGEX, true
	case "-eq":
		return tINTEQ, true
	case "-ne":
		return tINTNE, true
	case "-ge":
		return tINTGE, true
	case "-gt":
		return tINTGT, true
	case "-le":
		return tINTLE, true
	case "-lt":
		return tINTLT, true
	case "-nt":
		return tFILNT, true
	case "-ot":
		return tFILOT, true
	case "-ef":
		return tFILEQ, true
	}
	return 0, false
}

type evaluator struct {
	env      *Env
	args     []string
	pos      int
	lastNum  token
	lastType opType
	groups   []int
}

func (e *evaluator) at(i int) (string, bool) {
	if i < 0 || i >= len(e.args) {
		return "", false
	}
	return e.args[i], true
}

// check classifies args[i] and remembers the operator found (BusyBox's
// check_operator and last_operator).
func (e *evaluator) check(i int) token {
	e.lastNum, e.lastType = 0, noOp
	s, ok := e.at(i)
	if !ok {
		return tEOI
	}
	n, t, found := lookup(s)
	if !found {
		return tOPERAND
	}
	if n == tREGEX && !e.env.Bash {
		return tOPERAND
	}
	if (n == tBAND || n == tBOR) && e.env.Bash == (s[0] == '-') {
		// [ ] takes -a and -o, [[ ]] takes && and ||.
		return tOPERAND
	}
	e.lastNum, e.lastType = n, t
	return n
}

func syntax(op, msg string) {
	if op != "" {
		panic(syntaxError(op + ": " + msg))
	}
	panic(syntaxError(msg))
}

func (e *evaluator) run(all []string) (int, string) {
	// all is only read (the shell's test runs in its hottest loops:
	// issue 10 counts its allocations).
	st, end := 0, len(all)
	negate := 0
	for {
		n := end - st
		if n == 0 {
			return 1 ^ negate, ""
		}
		if n == 1 {
			res := 0
			if all[st] == "" {
				res = 1
			}
			return res ^ negate, ""
		}
		if n == 3 {
			e.args = all[st:end]
			e.check(1)
			if e.lastType == binop {
				e.pos = 0
				res := 0
				if !e.binop() {
					res = 1
				}
				return res ^ negate, ""
			}
		} else if n == 4 && all[st] == "(" && all[st+3] == ")" {
			// "( x y )": the two-argument test of x and y.
			end = st + 3
			st++
		}
		if all[st] != "!" {
			break
		}
		st++
		negate ^= 1
	}
	// The general parser starts again from the first argument: the
	// leading "!"s stripped above are handled by nexpr.
	e.args = all[:end]
	e.pos = 0
	res := 1
	if e.oexpr(e.check(0)) {
		res = 0
	}
	if _, ok := e.at(e.pos); ok {
		if s, ok := e.at(e.pos + 1); ok {
			return 2, s + ": unknown operand"
		}
	}
	return res, ""
}

func (e *evaluator) oexpr(n token) bool {
	res := e.aexpr(n)
	e.pos++
	if e.check(e.pos) == tBOR {
		e.pos++
		r := e.oexpr(e.check(e.pos))
		return r || res
	}
	e.pos--
	return res
}

func (e *evaluator) aexpr(n token) bool {
	res := e.nexpr(n)
	e.pos++
	if e.check(e.pos) == tBAND {
		e.pos++
		r := e.aexpr(e.check(e.pos))
		return r && res
	}
	e.pos--
	return res
}

func (e *evaluator) nexpr(n token) bool {
	if n == tUNOT {
		e.pos++
		n = e.check(e.pos)
		if n == tEOI {
			// "[ ! ]" and "[ a -a ! ]" are valid: "!" may lack its
			// argument.
			e.pos--
			return true
		}
		return !e.nexpr(n)
	}
	return e.primary(n)
}

func (e *evaluator) primary(n token) bool {
	if n == tEOI {
		syntax("", "argument expected")
	}
	if n == tLPAREN {
		e.pos++
		res := e.oexpr(e.check(e.pos))
		e.pos++
		if e.check(e.pos) != tRPAREN {
			syntax("", "closing paren expected")
		}
		return res
	}
	args0Type := e.lastType
	// Like coreutils: "is args[1] a binary operator with args[2]
	// present?" first.
	if e.check(e.pos+1) != tEOI {
		if _, ok := e.at(e.pos + 2); ok && e.lastType == binop {
			return e.binop()
		}
	}
	if args0Type == unop {
		if _, ok := e.at(e.pos + 1); ok {
			e.pos++
			a := e.args[e.pos]
			switch n {
			case tSTREZ:
				return a == ""
			case tSTRNZ:
				return a != ""
			case tFILTT:
				// BusyBox passes the number to isatty(int): C
				// truncates it to 32 bits (4294967297 is fd 1).
				return e.isatty(int(int32(getn(a))))
			}
			return e.filstat(a, n)
		}
	} else if e.lastType == binop {
		return e.binop()
	}
	return e.args[e.pos] != ""
}

// getn converts a decimal integer operand, allowing surrounding blanks,
// as BusyBox's getn does with musl's strtoll: errno is checked first, and
// musl sets EINVAL when there is no digit at all, so "", "x" and "-" are
// "out of range" (as on Alpine), digits followed by junk "bad number".
func getn(s string) int64 {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	digits := t
	if digits != "" && (digits[0] == '-' || digits[0] == '+') {
		digits = digits[1:]
	}
	i := 0
	for i < len(digits) && digits[i] >= '0' && digits[i] <= '9' {
		i++
	}
	if i == 0 {
		syntax(s, "out of range")
	}
	num := t[:len(t)-len(digits)+i]
	v, err := strconv.ParseInt(strings.TrimPrefix(num, "+"), 10, 64)
	if err != nil {
		syntax(s, "out of range")
	}
	if strings.TrimLeft(digits[i:], " \t\n\v\f\r") != "" {
		syntax(s, "bad number")
	}
	return v
}

func (e *evaluator) binop() bool {
	opnd1 := e.args[e.pos]
	e.pos++
	e.check(e.pos)
	op := e.lastNum
	e.pos++
	opnd2, ok := e.at(e.pos)
	if !ok {
		syntax(e.args[e.pos-1], "argument expected")
	}
	switch op {
	case tINTEQ, tINTNE, tINTGE, tINTGT, tINTLE, tINTLT:
		v1, v2 := getn(opnd1), getn(opnd2)
		switch op {
		case tINTEQ:
			return v1 == v2
		case tINTNE:
			return v1 != v2
		case tINTGE:
			return v1 >= v2
		case tINTGT:
			return v1 > v2
		case tINTLE:
			return v1 <= v2
		}
		return v1 < v2
	}
	if e.env.Bash {
		switch op {
		case tSTREQ:
			return Match(opnd2, opnd1)
		case tSTRNE:
			return !Match(opnd2, opnd1)
		case tREGEX:
			// BusyBox's regcomp(REG_EXTENDED | REG_NOSUB): an invalid
			// one ([[ a =~ "(" ]]) is status 2 without a message.
			re, err := regex.Compile(opnd2, regex.Extended|regex.NoSub)
			if err != nil {
				panic(syntaxError(""))
			}
			return re.MatchString(opnd1)
		}
	}
	switch op {
	case tSTREQ:
		return opnd1 == opnd2
	case tSTRNE:
		return opnd1 != opnd2
	case tSTRLT:
		return opnd1 < opnd2
	case tSTRGT:
		return opnd1 > opnd2
	}
	var b1, b2 unix.Stat_t
	if unix.Stat(e.path(opnd1), &b1) != nil || unix.Stat(e.path(opnd2), &b2) != nil {
		return false
	}
	switch op {
	case tFILNT:
		return b1.Mtim.Sec > b2.Mtim.Sec
	case tFILOT:
		return b1.Mtim.Sec < b2.Mtim.Sec
	}
	return b1.Dev == b2.Dev && b1.Ino == b2.Ino
}

func (e *evaluator) path(name string) string {
	if e.env.Path != nil {
		return e.env.Path(name)
	}
	return name
}

func (e *evaluator) isatty(fd int) bool {
	if e.env.IsTTY != nil {
		return e.env.IsTTY(fd)
	}
	return termwidth.IsTerminalFD(fd)
}

func (e *evaluator) inGroup(gid uint32) bool {
	if int(gid) == os.Getgid() || int(gid) == os.Getegid() {
		return true
	}
	if e.groups == nil {
		e.groups, _ = os.Getgroups()
		if e.groups == nil {
			e.groups = []int{}
		}
	}
	for _, g := range e.groups {
		if uint32(g) == gid {
			return true
		}
	}
	return false
}

// access is BusyBox's test_eaccess: like access(2) with the effective
// ids, and root may execute only files with some execute bit.
func (e *evaluator) access(st *unix.Stat_t, mode uint32) bool {
	euid := uint32(os.Geteuid())
	if euid == 0 {
		if mode != unix.X_OK {
			return true
		}
		if st.Mode&0o111 != 0 {
			return true
		}
	}
	if st.Uid == euid {
		mode <<= 6
	} else if e.inGroup(st.Gid) {
		mode <<= 3
	}
	return st.Mode&mode != 0
}

func (e *evaluator) filstat(name string, n token) bool {
	var st unix.Stat_t
	p := e.path(name)
	if n == tFILSYM {
		if unix.Lstat(p, &st) != nil {
			return false
		}
		return st.Mode&unix.S_IFMT == unix.S_IFLNK
	}
	if unix.Stat(p, &st) != nil {
		return false
	}
	ft := st.Mode & unix.S_IFMT
	switch n {
	case tFILEXIST:
		return true
	case tFILRD:
		return e.access(&st, unix.R_OK)
	case tFILWR:
		return e.access(&st, unix.W_OK)
	case tFILEX:
		return e.access(&st, unix.X_OK)
	case tFILREG:
		return ft == unix.S_IFREG
	case tFILDIR:
		return ft == unix.S_IFDIR
	case tFILCDEV:
		return ft == unix.S_IFCHR
	case tFILBDEV:
		return ft == unix.S_IFBLK
	case tFILFIFO:
		return ft == unix.S_IFIFO
	case tFILSOCK:
		return ft == unix.S_IFSOCK
	case tFILSUID:
		return st.Mode&unix.S_ISUID != 0
	case tFILSGID:
		return st.Mode&unix.S_ISGID != 0
	case tFILSTCK:
		return st.Mode&unix.S_ISVTX != 0
	case tFILGZ:
		return st.Size > 0
	case tFILUID:
		return int(st.Uid) == os.Geteuid()
	case tFILGID:
		return int(st.Gid) == os.Getegid()
	}
	return true
}

// Match reports whether name matches the shell pattern pattern, like
// fnmatch(3) with no flags: * and ? match any character including "/",
// [...] brackets (with ! or ^ negation, ranges and [:class:]), and
// backslash quoting.
func Match(pattern, name string) bool {
	return match(pattern, name)
}

func match(p, s string) bool {
	// Iterative matching with one remembered star: on a mismatch, the
	// last '*' takes one more character and matching resumes after it.
	// Because '*' matches any character, earlier stars never need to be
	// revisited, so this is O(len(p)*len(s)) rather than exponential.
	pi, si := 0, 0
	starP, starS := -1, 0
	for {
		if pi < len(p) && p[pi] == '*' {
			for pi < len(p) && p[pi] == '*' {
				pi++
			}
			if pi == len(p) {
				return true
			}
			starP, starS = pi, si
			continue
		}
		if pi < len(p) && si < len(s) {
			if n, ok := matchOne(p[pi:], s[si]); ok {
				pi += n
				si++
				continue
			}
		} else if pi == len(p) && si == len(s) {
			return true
		}
		if starP < 0 || starS >= len(s) {
			return false
		}
		starS++
		pi, si = starP, starS
	}
}

// matchOne matches c against the single-character pattern element at the
// start of p (not '*') and returns the element's length.
func matchOne(p string, c byte) (int, bool) {
	switch p[0] {
	case '?':
		return 1, true
	case '[':
		ok, rest, valid := bracket(p, c)
		if !valid {
			// An unclosed "[" is an ordinary character.
			return 1, c == '['
		}
		return len(p) - len(rest), ok
	case '\\':
		if len(p) > 1 {
			return 2, c == p[1]
		}
	}
	return 1, c == p[0]
}

// bracket matches c against the bracket expression at the start of p.
func bracket(p string, c byte) (matched bool, rest string, valid bool) {
	i := 1
	neg := false
	if i < len(p) && (p[i] == '!' || p[i] == '^') {
		neg = true
		i++
	}
	first := true
	for i < len(p) {
		if p[i] == ']' && !first {
			return matched != neg, p[i+1:], true
		}
		first = false
		if p[i] == '[' && i+1 < len(p) && p[i+1] == ':' {
			if j := strings.Index(p[i+2:], ":]"); j >= 0 {
				if classMatch(p[i+2:i+2+j], c) {
					matched = true
				}
				i += j + 4
				continue
			}
		}
		lo := p[i]
		if lo == '\\' && i+1 < len(p) {
			i++
			lo = p[i]
		}
		i++
		hi := lo
		if i+1 < len(p) && p[i] == '-' && p[i+1] != ']' {
			hi = p[i+1]
			i += 2
			if hi == '\\' && i < len(p) {
				hi = p[i]
				i++
			}
		}
		if lo <= c && c <= hi {
			matched = true
		}
	}
	return false, "", false
}

func classMatch(class string, c byte) bool {
	switch class {
	case "alpha":
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	case "digit":
		return c >= '0' && c <= '9'
	case "alnum":
		return classMatch("alpha", c) || classMatch("digit", c)
	case "upper":
		return c >= 'A' && c <= 'Z'
	case "lower":
		return c >= 'a' && c <= 'z'
	case "space":
		return c == ' ' || c >= '\t' && c <= '\r'
	case "blank":
		return c == ' ' || c == '\t'
	case "punct":
		return c > ' ' && c < 0x7f && !classMatch("alnum", c)
	case "print":
		return c >= ' ' && c < 0x7f
	case "graph":
		return c > ' ' && c < 0x7f
	case "cntrl":
		return c < ' ' || c == 0x7f
	case "xdigit":
		return classMatch("digit", c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
	return false
}
