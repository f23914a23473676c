package interp

import (
	"io"
	"strings"

	"gobox/shell/expand"
	"gobox/shell/syntax"
)

// call runs a simple command, in ash's order: the words are expanded,
// the redirections applied, then the assignments expanded and made
// (persistent for a special builtin or a command without a name, scoped
// to the command otherwise), the command traced and run.
func (sh *shell) call(c *syntax.CallExpr, tested bool) int {
	if c.Pos.Line > 0 {
		sh.setLine(c.Pos.Line)
	}
	sh.backStatus = 0
	args, err := sh.expandArgs(c.Args)
	if err != nil {
		return sh.expandError(err)
	}
	if sh.ctl != ctlNone {
		return sh.status
	}
	if len(args) == 0 {
		sh.putArgs(args)
		return sh.assignOnly(c)
	}
	name := args[0]
	var bi builtin
	isBi := false
	var fn *function
	if !strings.Contains(name, "/") {
		bi, isBi = lookupBuiltin(name)
		if !isBi || !bi.special {
			if f, ok := sh.funcs.t.m[name]; ok {
				fn, isBi = f, false
			}
		}
	}
	if isBi && !bi.keepsArgs() {
		defer sh.putArgs(args)
	}
	special := isBi && bi.special
	persist := special && name == "exec" && len(args) == 1
	// The trace goes to standard error as it is before the command's
	// own redirections (ash's REDIR_SAVEFD2).
	traceTo := sh.stderr()
	undo, err := sh.redirect(c.Redirs, persist)
	if err != nil {
		sh.redirError(err)
		if special {
			sh.raiseError(1)
		}
		return 1
	}
	defer sh.unredirect(undo)
	var restore func()
	if len(c.Assigns) > 0 {
		var ok bool
		if special {
			ok = sh.assignAll(c.Assigns, name == "exec" && len(args) > 1)
		} else {
			restore, ok = sh.assignScoped(c.Assigns)
		}
		if !ok {
			if restore != nil {
				restore()
			}
			return sh.status
		}
	}
	if restore != nil {
		defer restore()
	}
	if sh.opts.has(optXtrace) {
		sh.trace(traceTo, c.Assigns, args)
	}
	switch {
	case isBi:
		return sh.runBuiltin(bi, args)
	case fn != nil:
		forks := sh.forks
		st := sh.callFunc(fn, args, tested)
		if sh.forks == forks {
			// Nothing could have kept the parameters past the call:
			// a copy of the shell (a subshell, a pipeline stage, a
			// <(...) still running) is the only way.
			sh.putArgs(args)
		}
		return st
	}
	if sh.proc.monitor {
		old := sh.curCall
		sh.curCall = c
		defer func() { sh.curCall = old }()
	}
	if c == sh.execLast && sh.mayExecInPlace() {
		sh.execNow = true
		defer func() { sh.execNow = false }()
	}
	return sh.runCommand(args, c)
}

// isAssignWord reports whether w starts as "name=" when written
// unquoted, as the operands of export, readonly and local may.
func isAssignWord(w *syntax.Word) bool {
	if len(w.Parts) == 0 {
		return false
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return false
	}
	i := strings.IndexByte(l.Value, '=')
	return i > 0 && validName(l.Value[:i])
}

// declWord is the name of a builtin whose operands may be assignments,
// expanded without field splitting.
func declWord(w *syntax.Word) bool {
	if len(w.Parts) != 1 {
		return false
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return false
	}
	switch l.Value {
	case "export", "readonly", "local":
		return true
	}
	return false
}

// expandArgs expands a command's words into the shell's argument
// buffer, which the caller gives back with putArgs when nothing keeps
// the slice.
func (sh *shell) expandArgs(words []*syntax.Word) ([]string, error) {
	if len(words) == 0 {
		return nil, nil
	}
	out := sh.scratch().argBuf[:0]
	if out == nil {
		out = make([]string, 0, len(words))
	}
	sh.scratch().argBuf = nil
	if !declWord(words[0]) {
		return expand.AppendFields(out, sh, words)
	}
	if _, isFunc := sh.funcs.t.m[words[0].Parts[0].(*syntax.Lit).Value]; isFunc {
		return expand.AppendFields(out, sh, words)
	}
	out = append(out, words[0].Parts[0].(*syntax.Lit).Value)
	for i, w := range words[1:] {
		if isAssignWord(w) {
			s, err := sh.expandAssign(w)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
			continue
		}
		var err error
		if out, err = expand.AppendFields(out, sh, words[i+1:i+2]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// putArgs gives a command's words back for the next command to reuse.
func (sh *shell) putArgs(args []string) {
	if cap(args) == 0 || cap(args) > 256 {
		return
	}
	clear(args) // the strings need not live on
	sh.scratch().argBuf = args[:0]
}

// keepsArgs reports whether a builtin may keep its argument slice (as
// the positional parameters) or run other commands while it holds it:
// those get a slice of their own.
func (b builtin) keepsArgs() bool {
	switch b.name {
	case ".", "source", "command", "eval", "exec":
		return true
	}
	return false
}

// assignOnly runs a command of assignments and redirections alone.
func (sh *shell) assignOnly(c *syntax.CallExpr) int {
	traceTo := sh.stderr()
	undo, err := sh.redirect(c.Redirs, false)
	if err != nil {
		sh.redirError(err)
		return 1
	}
	defer sh.unredirect(undo)
	if !sh.assignAll(c.Assigns, false) {
		return sh.status
	}
	if sh.opts.has(optXtrace) && len(c.Assigns) > 0 {
		sh.trace(traceTo, c.Assigns, nil)
	}
	return sh.backStatus
}

// assignAll makes assignments in the shell's scope.
func (sh *shell) assignAll(as []*syntax.Assign, export bool) bool {
	for _, a := range as {
		v, err := sh.expandAssign(a.Value)
		if err != nil {
			sh.expandError(err)
			return false
		}
		if err := sh.setVar(a.Name, v); err != nil {
			sh.errorf("%s", err)
			sh.exitOnError()
			if sh.ctl == ctlNone {
				sh.status = 2
			}
			return false
		}
		if export {
			sh.exportVar(a.Name)
		}
	}
	return true
}

// assignScoped makes prefix assignments for one command: exported, and
// undone by the returned function.
func (sh *shell) assignScoped(as []*syntax.Assign) (func(), bool) {
	saved := make([]localSave, 0, len(as))
	restore := func() {
		for i := len(saved) - 1; i >= 0; i-- {
			s := saved[i]
			if s.had {
				sh.vars.put(s.name, s.old)
			} else {
				sh.vars.del(s.name)
			}
			sh.envCache = nil
			sh.varChanged(s.name, s.old.val)
		}
	}
	for _, a := range as {
		v, err := sh.expandAssign(a.Value)
		if err != nil {
			sh.expandError(err)
			return restore, false
		}
		old, had := sh.vars.get(a.Name)
		if old.readonly {
			sh.errorf("%s", errReadonly(a.Name))
			sh.exitOnError()
			if sh.ctl == ctlNone {
				sh.status = 2
			}
			return restore, false
		}
		saved = append(saved, localSave{name: a.Name, old: old, had: had})
		sh.vars.put(a.Name, variable{val: v, set: true, exported: true})
		sh.envCache = nil
		sh.varChanged(a.Name, v)
	}
	return restore, true
}

// exportVar marks a variable exported.
func (sh *shell) exportVar(name string) {
	x, _ := sh.vars.get(name)
	if !x.exported {
		x.exported = true
		sh.vars.put(name, x)
		sh.envCache = nil
	}
}

// callFunc runs a shell function.
func (sh *shell) callFunc(fn *function, args []string, tested bool) int {
	if sh.funcDepth >= maxFuncDepth {
		sh.errorf("%s", "function nesting too deep")
		sh.exitOnError()
		return 2
	}
	oldParams, oldOptOff, oldOptArgi := sh.params, sh.optOff, sh.optArgi
	sh.params = args[1:]
	sh.funcDepth++
	sh.locals = append(sh.locals, nil) // made by the first "local"
	// ash keeps its loop nesting across a call: break and continue in
	// a function end it and act on the caller's loop.
	st := sh.cmd(fn.decl.Body, tested)
	if sh.ctl == ctlReturn {
		sh.ctl = ctlNone
		st = sh.status
	}
	if frame := sh.locals[len(sh.locals)-1]; frame != nil {
		sh.popLocals(frame)
	}
	sh.locals = sh.locals[:len(sh.locals)-1]
	sh.funcDepth--
	sh.params, sh.optOff, sh.optArgi = oldParams, oldOptOff, oldOptArgi
	return st
}

// maxFuncDepth bounds recursion, where ash would run out of stack.
const maxFuncDepth = 10000

// popLocals restores what a function's "local"s saved.
func (sh *shell) popLocals(f *localFrame) {
	for i := len(f.saved) - 1; i >= 0; i-- {
		s := f.saved[i]
		if s.had {
			sh.vars.put(s.name, s.old)
		} else {
			sh.vars.del(s.name)
		}
		sh.envCache = nil
		sh.varChanged(s.name, s.old.val)
	}
	if f.savedOpts != nil {
		sh.opts = *f.savedOpts
	}
}

// inLocalScope reports whether name is local to the running function.
func (sh *shell) inLocalScope(name string) bool {
	if len(sh.locals) == 0 {
		return false
	}
	f := sh.locals[len(sh.locals)-1]
	return f != nil && f.names[name]
}

// trace prints a command for set -x: PS4, then the assignments and
// words, quoted where needed.
func (sh *shell) trace(w io.Writer, as []*syntax.Assign, args []string) {
	var b strings.Builder
	b.WriteString(sh.ps4())
	pfx := ""
	for _, a := range as {
		v, _ := sh.getVar(a.Name)
		b.WriteString(pfx)
		b.WriteString(a.Name)
		b.WriteByte('=')
		b.WriteString(maybeQuote(v))
		pfx = " "
	}
	for _, s := range args {
		b.WriteString(pfx)
		if isKeyword(s) {
			b.WriteString(singleQuote(s))
		} else {
			b.WriteString(maybeQuote(s))
		}
		pfx = " "
	}
	b.WriteByte('\n')
	io.WriteString(w, b.String())
}

// ps4 expands PS4 for tracing.
func (sh *shell) ps4() string {
	v, ok := sh.getVar("PS4")
	if !ok {
		return ""
	}
	if !strings.ContainsAny(v, "$`\\") {
		return v
	}
	if sh.inPS4 {
		return v
	}
	sh.inPS4 = true
	defer func() { sh.inPS4 = false }()
	s, err := sh.expandString(v)
	if err != nil {
		return v
	}
	return s
}

func isKeyword(s string) bool {
	switch s {
	case "!", "case", "do", "done", "elif", "else", "esac", "fi", "for", "if", "in", "then", "until", "while", "{", "}", "[[", "]]", "function":
		return true
	}
	return false
}

// maybeQuote quotes s for set -x and the listings when it holds a
// character the shell would treat specially, as ash's maybe_single_quote.
func maybeQuote(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '+' || c >= ';' && c <= '?' || c == '`' || c == '[' || c == '\\' || c > 'z' {
			return singleQuote(s)
		}
	}
	return s
}

// singleQuote quotes s with single quotes, as ash's single_quote: a run
// of single quotes inside is written in double quotes.
func singleQuote(s string) string {
	var b strings.Builder
	for {
		n := strings.IndexByte(s, '\'')
		if n < 0 {
			n = len(s)
		}
		b.WriteByte('\'')
		b.WriteString(s[:n])
		b.WriteByte('\'')
		s = s[n:]
		if s == "" {
			break
		}
		j := 0
		for j < len(s) && s[j] == '\'' {
			j++
		}
		b.WriteByte('"')
		b.WriteString(s[:j])
		b.WriteByte('"')
		s = s[j:]
		if s == "" {
			break
		}
	}
	return b.String()
}

// mayExecInPlace reports whether the shell may end by replacing itself
// with a program: it owns its process, is no in-process copy, and has
// no trap that would still have to run (ash forks when it may have
// traps).
func (sh *shell) mayExecInPlace() bool {
	if !sh.proc.owns || sh.subshell || sh.opts.has(optInteractive) {
		return false
	}
	if sh.traps != nil {
		for _, c := range sh.traps.cmd {
			if c != nil && *c != "" {
				return false
			}
		}
	}
	return true
}
