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
		n, err := strconv.ParseUint(s, 8, 32)
		if err != nil || n > 0o7777 {
			return 0, false
		}
		return uint32(n), true
	}
	whoMask := func(c byte) uint32 {
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
	permMask := func(c byte) uint32 {
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
	m := cur
	i := 0
	for i < len(s) {
		if s[i] == ',' {
			i++
			continue
		}
		var who uint32
		for i < len(s) && whoMask(s[i]) != 0 {
			who |= whoMask(s[i])
			i++
			if i == len(s) {
				return 0, false
			}
		}
		for {
			// An action: op followed by a perm list or a perm copy.
			op := s[i]
			switch op {
			case '+', '-':
			case '=':
				if who != 0 {
					m &^= who
				} else {
					m &^= all
				}
			default:
				return 0, false
			}
			i++
			var perms uint32
			if i < len(s) && (s[i] == 'u' || s[i] == 'g' || s[i] == 'o') {
				src := whoMask(s[i]) & (rwxu | rwxg | rwxo) & m
				for _, pm := range []uint32{0o444, 0o222, 0o111} {
					if src&pm != 0 {
						src |= pm
					}
				}
				perms = src
				i++
			} else {
				for i < len(s) && permMask(s[i]) != 0 {
					if s[i] != 'X' || m&(isDir|0o111) != 0 {
						perms |= permMask(s[i])
					}
					i++
				}
			}
			if perms != 0 {
				mask := who
				if who == 0 {
					mask = ^umask
				}
				perms &= mask
				if op == '-' {
					m &^= perms
				} else {
					m |= perms
				}
			}
			if i >= len(s) || s[i] == ',' {
				break
			}
		}
	}
	return m, true
}
