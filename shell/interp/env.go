package interp

import (
	"bytes"
	"os"
	"strconv"

	"gobox/internal/userdb"
	"gobox/shell/syntax"
)

// The shell's state as shell/expand sees it (expand.Env).

// Get returns a variable or special parameter.
func (sh *shell) Get(name string) (string, bool) {
	if name == "" {
		return "", false
	}
	c := name[0]
	if c >= '0' && c <= '9' {
		n, err := strconv.Atoi(name)
		if err != nil {
			return "", false
		}
		if n == 0 {
			return sh.arg0, true
		}
		if n <= len(sh.params) {
			return sh.params[n-1], true
		}
		return "", false
	}
	if len(name) == 1 {
		switch c {
		case '?':
			return strconv.Itoa(sh.status), true
		case '$':
			return strconv.Itoa(sh.proc.pid), true
		case '!':
			if !sh.lastBgSet {
				return "", false
			}
			return strconv.Itoa(sh.lastBg), true
		case '#':
			return strconv.Itoa(len(sh.params)), true
		case '-':
			return sh.opts.letters(), true
		case '@', '*':
			return joinParams(sh.params, sh.ifsFirst()), true
		}
	}
	return sh.getVar(name)
}

// ifsFirst returns the separator "$*" joins with.
func (sh *shell) ifsFirst() string {
	ifs, ok := sh.getVar("IFS")
	if !ok {
		return " "
	}
	if ifs == "" {
		return ""
	}
	return ifs[:1]
}

func joinParams(p []string, sep string) string {
	switch len(p) {
	case 0:
		return ""
	case 1:
		return p[0]
	}
	n := 0
	for _, s := range p {
		n += len(s) + len(sep)
	}
	b := make([]byte, 0, n)
	for i, s := range p {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, s...)
	}
	return string(b)
}

// Set assigns a variable for ${x=word} and arithmetic.
func (sh *shell) Set(name, value string) error {
	sh.lastSet = value
	return sh.setVar(name, value)
}

// Itoa is n in decimal for expand: the value Set last assigned when it
// is that number, so that ": $((i += 1))" makes one string, not two.
func (sh *shell) Itoa(n int64) string {
	var a [20]byte
	if b := strconv.AppendInt(a[:0], n, 10); string(b) == sh.lastSet {
		return sh.lastSet
	}
	return strconv.FormatInt(n, 10)
}

// Params returns $1..$n.
func (sh *shell) Params() []string { return sh.params }

// CmdSubst runs stmts in a copy of the shell and returns their output.
func (sh *shell) CmdSubst(stmts []*syntax.Stmt) (string, error) {
	var buf bytes.Buffer
	sh.backStatus = sh.subst(stmts, &buf)
	return buf.String(), nil
}

// Nounset reports set -u.
func (sh *shell) Nounset() bool { return sh.opts.has(optNounset) }

// Noglob reports set -f.
func (sh *shell) Noglob() bool { return sh.opts.has(optNoglob) }

// Dir is the working directory.
func (sh *shell) Dir() string { return sh.dir }

// HomeDir returns user's home directory; "" is $HOME.
func (sh *shell) HomeDir(user string) (string, bool) {
	if user == "" {
		return sh.getVar("HOME")
	}
	u := userdb.DB{}.UserByName(user)
	if u == nil {
		return "", false
	}
	return u.Home, true
}

// ProcSubst starts <(list) or >(list) on a copy of the shell joined to
// this one by a pipe, and returns the /dev/fd/N name of this shell's end:
// descriptor N of the shell's table until the statement ends, inherited
// at that number by the programs it runs.
func (sh *shell) ProcSubst(ps *syntax.ProcSubst) (string, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", err
	}
	sub := sh.fork()
	mine, theirs := r, w
	if ps.Out {
		mine, theirs = w, r
		sub.fds.set(0, &fdesc{f: theirs})
	} else {
		sub.fds.set(1, &fdesc{f: theirs})
	}
	n := 10
	for sh.fds.get(n) != nil {
		n++
	}
	sh.fds.set(n, &fdesc{f: mine})
	sh.procFds = append(sh.procFds, procFd{n: n, f: mine, depth: sh.stmtDepth})
	go func() {
		sub.stmts(ps.Stmts, false)
		sub.finish()
		sub.done()
		theirs.Close()
	}()
	return "/dev/fd/" + strconv.Itoa(n), nil
}

// procFd is a process substitution's end in the shell's table.
type procFd struct {
	n, depth int
	f        *os.File
}

// closeProcFds closes the process substitutions' ends when the statement
// that made them is over.
func (sh *shell) closeProcFds() {
	keep := sh.procFds[:0]
	for _, p := range sh.procFds {
		if p.depth < sh.stmtDepth {
			keep = append(keep, p) // an enclosing statement's
			continue
		}
		if d := sh.fds.get(p.n); d != nil && d.f == p.f {
			sh.fds.set(p.n, nil)
		}
		p.f.Close()
	}
	sh.procFds = keep
}
