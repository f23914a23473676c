package interp

import (
	"errors"
	"sync"

	"fmt"
	"gobox/internal/applet"
	"io"
	"strconv"
	"strings"

	"gobox/shell/syntax"
)

// stmts runs a list of statements; tested is set in conditions, where
// set -e does not apply. It stops at a pending break, continue, return
// or exit.
func (sh *shell) stmts(list []*syntax.Stmt, tested bool) {
	for _, st := range list {
		sh.stmt(st, tested)
		if sh.ctl != ctlNone {
			return
		}
	}
}

// stmt runs one statement.
func (sh *shell) stmt(st *syntax.Stmt, tested bool) {
	if sh.opts.has(optNoexec) && !sh.opts.has(optInteractive) {
		return
	}
	if st.Pos.Line > 0 {
		sh.setLine(st.Pos.Line)
	}
	sh.stmtDepth++
	if st.Background {
		sh.background(st)
		sh.status = 0
	} else if sh.proc.monitor && !sh.subshell {
		sh.foregroundLine(func() { sh.status = sh.cmd(st.Cmd, tested) })
	} else {
		sh.status = sh.cmd(st.Cmd, tested)
	}
	if len(sh.procFds) > 0 {
		sh.closeProcFds()
	}
	sh.stmtDepth--
	sh.runPendingTraps()
}

// setLine records the line running, for LINENO and messages.
func (sh *shell) setLine(n int) {
	sh.lineno = n
}

// cmd runs one command and returns its status.
func (sh *shell) cmd(c syntax.Command, tested bool) int {
	var st int
	check := false
	switch c := c.(type) {
	case *syntax.CallExpr:
		st = sh.call(c, tested)
		check = true
	case *syntax.Pipeline:
		if c.Negated {
			st = sh.pipeline(c, true)
			if sh.ctl.ending() {
				return st
			}
			if st == 0 {
				st = 1
			} else {
				st = 0
			}
		} else {
			st = sh.pipeline(c, tested)
			check = true
		}
	case *syntax.BinaryCmd:
		st = sh.cmd(c.X, true)
		if sh.ctl != ctlNone {
			return st
		}
		if (st == 0) == (c.Op == syntax.AndIf) {
			sh.status = st
			st = sh.cmd(c.Y, tested)
		}
	case *syntax.Subshell:
		st = sh.subshellCmd(c, tested)
		check = true
	case *syntax.Block:
		st = sh.withRedirs(c.Redirs, func() int {
			sh.stmts(c.Body, tested)
			return sh.status
		})
	case *syntax.IfClause:
		st = sh.withRedirs(c.Redirs, func() int { return sh.ifClause(c, tested) })
	case *syntax.WhileClause:
		st = sh.withRedirs(c.Redirs, func() int { return sh.whileClause(c, tested) })
	case *syntax.ForClause:
		st = sh.withRedirs(c.Redirs, func() int { return sh.forClause(c, tested) })
	case *syntax.CaseClause:
		st = sh.withRedirs(c.Redirs, func() int { return sh.caseClause(c, tested) })
	case *syntax.FuncDecl:
		sh.funcs.writable()[c.Name] = &function{decl: c}
		st = 0
	default:
		panic(fmt.Sprintf("interp: unknown command %T", c))
	}
	if check && st != 0 && !tested && sh.ctl == ctlNone {
		sh.status = st
		sh.errTrap()
		if sh.opts.has(optErrexit) && sh.ctl == ctlNone {
			sh.exit(st)
		}
	}
	return st
}

// exit ends the shell (or the in-process copy) with status st.
func (sh *shell) exit(st int) {
	sh.ctl = ctlExit
	sh.exitCode = st
	sh.status = st
}

func (sh *shell) ifClause(c *syntax.IfClause, tested bool) int {
	sh.stmts(c.Cond, true)
	if sh.ctl != ctlNone {
		return sh.status
	}
	if sh.status == 0 {
		sh.stmts(c.Then, tested)
		return sh.status
	}
	if c.Else != nil {
		sh.stmts(c.Else, tested)
		return sh.status
	}
	return 0
}

// loopCtl handles a break or continue at the end of a loop's body or
// condition: it reports whether the loop ends.
func (sh *shell) loopCtl() (stop bool) {
	switch sh.ctl {
	case ctlBreak:
		sh.ctlN--
		if sh.ctlN <= 0 {
			sh.ctl = ctlNone
		}
		return true
	case ctlContinue:
		sh.ctlN--
		if sh.ctlN <= 0 {
			sh.ctl = ctlNone
			return false
		}
		return true
	case ctlNone:
		return false
	}
	return true
}

func (sh *shell) whileClause(c *syntax.WhileClause, tested bool) int {
	st := 0
	sh.loopDepth++
	defer func() { sh.loopDepth-- }()
	for {
		sh.stmts(c.Cond, true)
		if sh.ctl != ctlNone {
			if sh.ctl >= ctlReturn {
				return sh.status
			}
			if sh.loopCtl() {
				break
			}
			continue
		}
		if (sh.status == 0) == c.Until {
			break
		}
		sh.stmts(c.Body, tested)
		st = sh.status
		if sh.ctl != ctlNone {
			if sh.ctl >= ctlReturn {
				return sh.status
			}
			if sh.loopCtl() {
				break
			}
		}
	}
	return st
}

func (sh *shell) forClause(c *syntax.ForClause, tested bool) int {
	var items []string
	if c.InSet {
		var err error
		items, err = sh.expandFields(c.Items)
		if err != nil {
			return sh.expandError(err)
		}
	} else {
		items = sh.params
	}
	st := 0
	sh.loopDepth++
	defer func() { sh.loopDepth-- }()
	for _, it := range items {
		if err := sh.setVar(c.Name, it); err != nil {
			sh.errorf("%s", err)
			sh.exitOnError()
			return 2
		}
		sh.stmts(c.Body, tested)
		st = sh.status
		if sh.ctl >= ctlReturn {
			return sh.status
		}
		if sh.ctl != ctlNone && sh.loopCtl() {
			break
		}
	}
	return st
}

func (sh *shell) caseClause(c *syntax.CaseClause, tested bool) int {
	word, err := sh.expandLiteral(c.Word)
	if err != nil {
		return sh.expandError(err)
	}
	for _, it := range c.Items {
		for _, p := range it.Patterns {
			ok, err := sh.matchPattern(p, word)
			if err != nil {
				return sh.expandError(err)
			}
			if ok {
				if len(it.Body) == 0 {
					return 0
				}
				sh.stmts(it.Body, tested)
				return sh.status
			}
		}
	}
	return 0
}

// subshellCmd runs ( list ) on a copy of the shell.
func (sh *shell) subshellCmd(c *syntax.Subshell, tested bool) int {
	if setsLimit(c.Body) {
		// ulimit changes the whole process: such a subshell runs as
		// a child process, so that the limit stays in it.
		if st, ok := sh.withRedirsOK(c.Redirs, func() (int, bool) { return sh.childSubshell(c) }); ok {
			return st
		}
	}
	sub := sh.fork()
	defer sub.done()
	return sub.withRedirs(c.Redirs, func() int {
		sub.stmts(c.Body, tested)
		return sub.finish()
	})
}

// finish ends an in-process copy: it runs the copy's EXIT trap and
// returns its status.
func (sh *shell) finish() int {
	st := sh.status
	if sh.ctl.ending() {
		st = sh.exitCode
	}
	sh.ctl = ctlNone
	sh.status = st
	sh.runExitTrap()
	if sh.ctl.ending() {
		st = sh.exitCode
	}
	return st
}

// subst runs a command substitution on a copy whose standard output is
// w, and returns its status.
func (sh *shell) subst(stmts []*syntax.Stmt, w io.Writer) int {
	if len(stmts) == 0 {
		// "$()" and "``" run nothing: status 0, as ash.
		return 0
	}
	sub := sh.fork()
	defer sub.done()
	if sh.traps != nil {
		// ash lists the parent's traps in "$(trap)", so that a
		// script can save them.
		if sub.traps == nil {
			sub.traps = &traps{}
		}
		sub.traps.shown = sh.traps
	}
	sub.fds.set(1, &fdesc{w: w})
	sub.pumps = &sync.WaitGroup{}
	sub.stmts(stmts, false)
	st := sub.finish()
	sub.pumps.Wait()
	return st
}

// withRedirs applies redirections around f.
func (sh *shell) withRedirs(rs []*syntax.Redirect, f func() int) int {
	if len(rs) == 0 {
		return f()
	}
	undo, err := sh.redirect(rs, false)
	if err != nil {
		sh.redirError(err)
		return 1
	}
	st := f()
	sh.unredirect(undo)
	return st
}

// errorf prints a shell error message: "$0: [cmd: ][line N: ]msg".
func (sh *shell) errorf(format string, args ...any) {
	var b strings.Builder
	b.WriteString(sh.arg0)
	b.WriteString(": ")
	if sh.cmdName != "" || sh.inScript {
		if sh.cmdName != "" && sh.cmdName != sh.arg0 {
			b.WriteString(sh.cmdName)
			b.WriteString(": ")
		}
		if !sh.opts.has(optInteractive) || sh.inScript {
			b.WriteString("line ")
			b.WriteString(strconv.Itoa(sh.lineno))
			b.WriteString(": ")
		}
	}
	fmt.Fprintf(&b, format, args...)
	b.WriteByte('\n')
	io.WriteString(sh.stderr(), b.String())
}

// exitOnError raises an error that POSIX says is fatal (a special
// builtin's, an expansion's): see ctlError.
func (sh *shell) exitOnError() { sh.raiseError(2) }

func (sh *shell) raiseError(code int) {
	sh.ctl = ctlError
	sh.exitCode = code
	sh.status = code
}

// expandError reports a failed expansion: ash prints it and a
// non-interactive shell exits with status 2.
func (sh *shell) expandError(err error) int {
	if err != errSilent {
		sh.errorf("%s", err)
	}
	sh.exitOnError()
	return 2
}

// errSilent is an error already reported.
var errSilent = errors.New("")

// errText is the C library's text for an error.
func errText(err error) string { return applet.ErrText(err) }

// withRedirsOK is withRedirs for f that may decline (ok false, nothing
// done).
func (sh *shell) withRedirsOK(rs []*syntax.Redirect, f func() (int, bool)) (int, bool) {
	ok := true
	st := sh.withRedirs(rs, func() int {
		var st int
		st, ok = f()
		return st
	})
	return st, ok
}

// setsLimit reports whether a list runs ulimit with a value (a command
// whose name is the literal word ulimit and that has an operand).
func setsLimit(list []*syntax.Stmt) bool {
	found := false
	var walk func(c syntax.Command)
	stmts := func(l []*syntax.Stmt) {
		for _, st := range l {
			if !found {
				walk(st.Cmd)
			}
		}
	}
	walk = func(c syntax.Command) {
		switch c := c.(type) {
		case *syntax.CallExpr:
			if len(c.Args) > 1 && len(c.Args[0].Parts) == 1 {
				if l, ok := c.Args[0].Parts[0].(*syntax.Lit); ok && l.Value == "ulimit" {
					found = true
				}
			}
		case *syntax.Pipeline:
			for _, x := range c.Cmds {
				walk(x)
			}
		case *syntax.BinaryCmd:
			walk(c.X)
			walk(c.Y)
		case *syntax.Subshell:
			stmts(c.Body)
		case *syntax.Block:
			stmts(c.Body)
		case *syntax.IfClause:
			stmts(c.Cond)
			stmts(c.Then)
			stmts(c.Else)
		case *syntax.WhileClause:
			stmts(c.Cond)
			stmts(c.Body)
		case *syntax.ForClause:
			stmts(c.Body)
		case *syntax.CaseClause:
			for _, it := range c.Items {
				stmts(it.Body)
			}
		}
	}
	stmts(list)
	return found
}
