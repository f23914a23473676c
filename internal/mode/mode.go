// Package mode parses file modes the way BusyBox's bb_parse_mode does:
// octal numbers ("755", "04755") and symbolic clauses ("u+x,g-w,o=r",
// "a+X", "go=u", "+t").
//
// # The umask
//
// An applet's umask is its Ctx's (applet.Ctx.Umask), never the process's:
// the shell scopes it per subshell and runs applets side by side in one
// process. Callers pass it in (Parse's umask, ParseNodeMode's).
//
// Where the kernel applies the process umask as well (open, mkdir, mknod
// with O_CREAT or a mode), applets ask for perm &^ ctx.Umask, so that the
// kernel clears the process's bits from that. The result is exactly
// perm &^ ctx.Umask whenever the process umask is a subset of ctx.Umask,
// and never more permissive than either mask. A process run by
// applet.Main sets ctx.Umask from the process's own, so there it is
// exact. A shell that hands out other umasks must keep its process umask
// a subset of all of them (0 is the simple choice, and then the programs
// it starts need their umask set before exec, as internal/run does), or
// the files its applets create come out with fewer permissions than asked.
// Applets do not fchmod after creating: that would also change a file
// that existed already, which O_CREAT never does.
package mode

import "strconv"

// Permission bit groups.
const (
	setuid = 0o4000
	setgid = 0o2000
	sticky = 0o1000
	rwxu   = 0o700
	rwxg   = 0o070
	rwxo   = 0o007
	all    = setuid | setgid | sticky | rwxu | rwxg | rwxo
	isDir  = 0o040000 // S_IFDIR
)

// Parse applies the mode specification s to cur (a full st_mode, so that
// "X" can tell directories) and returns the new mode. umask masks the
// permission list of clauses without a who list ("+x"), as POSIX says.
// ok is false when s is not a valid mode (BusyBox returns -1).
func Parse(s string, cur, umask uint32) (mode uint32, ok bool) {
	if s != "" && s[0] >= '0' && s[0] <= '7' {
		return parseOctal(s)
	}
	p := parser{s: s, m: cur, umask: umask}
	for p.i < len(s) {
		if s[p.i] == ',' {
			p.i++
			continue
		}
		if !p.clause() {
			return 0, false
		}
	}
	return p.m, true
}

// parseOctal is an octal mode, which replaces the permission bits.
func parseOctal(s string) (mode uint32, ok bool) {
	n, err := strconv.ParseUint(s, 8, 32)
	if err != nil || n > 0o7777 {
		return 0, false
	}
	return uint32(n), true
}

// whoMask is the bits the who letter c ("ugoa") stands for, 0 for another
// letter.
func whoMask(c byte) uint32 {
	switch c {
	case 'a':
		return all
	case 'u':
		return setuid | rwxu
	case 'g':
		return setgid | rwxg
	case 'o':
		return rwxo
	}
	return 0
}

// permMask is the bits, for all classes, the perm letter c ("rwxXst")
// stands for, 0 for another letter.
func permMask(c byte) uint32 {
	switch c {
	case 'r':
		return 0o444
	case 'w':
		return 0o222
	case 'x', 'X':
		return 0o111
	case 's':
		return setuid | setgid
	case 't':
		return sticky
	}
	return 0
}

// parser applies a symbolic mode's clauses one by one to m, reading s
// from i on.
type parser struct {
	s     string
	i     int
	m     uint32
	umask uint32
}

// clause applies one clause: a who list and one or more actions ("u+x-w").
func (p *parser) clause() bool {
	var who uint32
	for p.i < len(p.s) && whoMask(p.s[p.i]) != 0 {
		who |= whoMask(p.s[p.i])
		p.i++
		if p.i == len(p.s) {
			// A who list needs an action.
			return false
		}
	}
	for {
		if !p.action(who) {
			return false
		}
		if p.i >= len(p.s) || p.s[p.i] == ',' {
			return true
		}
	}
}

// action applies one action: an operator followed by a perm list or a
// perm copy. Without a who list, the umask masks the perms.
func (p *parser) action(who uint32) bool {
	op := p.s[p.i]
	switch op {
	case '+', '-':
	case '=':
		if who != 0 {
			p.m &^= who
		} else {
			p.m &^= all
		}
	default:
		return false
	}
	p.i++
	perms := p.perms()
	if perms == 0 {
		return true
	}
	mask := who
	if who == 0 {
		mask = ^p.umask
	}
	perms &= mask
	if op == '-' {
		p.m &^= perms
	} else {
		p.m |= perms
	}
	return true
}

// perms reads what follows an operator: a perm copy ("u", "g" or "o")
// or a perm list, maybe empty. X counts only for a directory or a file
// that someone may execute already.
func (p *parser) perms() uint32 {
	if p.i < len(p.s) && (p.s[p.i] == 'u' || p.s[p.i] == 'g' || p.s[p.i] == 'o') {
		return p.permCopy()
	}
	var perms uint32
	for p.i < len(p.s) && permMask(p.s[p.i]) != 0 {
		if p.s[p.i] != 'X' || p.m&(isDir|0o111) != 0 {
			perms |= permMask(p.s[p.i])
		}
		p.i++
	}
	return perms
}

// permCopy reads a perm copy: the read, write and execute bits the class
// named has now, each given to all three classes ("g=u" with u's rw-
// gives rw-rw-rw-, which the who list then narrows to the group's).
func (p *parser) permCopy() uint32 {
	src := whoMask(p.s[p.i]) & (rwxu | rwxg | rwxo) & p.m
	p.i++
	for _, pm := range []uint32{0o444, 0o222, 0o111} {
		if src&pm != 0 {
			src |= pm
		}
	}
	return src
}
