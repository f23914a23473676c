package interp

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"syscall"

	"gobox/applets/coreutils/printf"
	"gobox/internal/applet"
	"gobox/internal/escape"
	"gobox/internal/testexpr"
	"gobox/shell/syntax"
)

// builtin is a command the shell runs itself.
type builtin struct {
	name    string
	special bool // POSIX special builtin: assignments persist, errors are fatal
	fn      func(sh *shell, args []string) int
}

// lookupBuiltin returns the builtin called name. A switch, not a map:
// nothing is built at start-up.
func lookupBuiltin(name string) (builtin, bool) {
	var fn func(*shell, []string) int
	special := false
	switch name {
	case ".", "source":
		fn, special = biDot, true
	case ":", "true":
		fn, special = biTrue, name == ":"
	case "false":
		fn = biFalse
	case "break", "continue":
		fn, special = biBreak, true
	case "eval":
		fn, special = biEval, true
	case "exec":
		fn, special = biExec, true
	case "exit":
		fn, special = biExit, true
	case "export", "readonly":
		fn, special = biExport, true
	case "local":
		fn, special = biLocal, true
	case "return":
		fn, special = biReturn, true
	case "set":
		fn, special = biSet, true
	case "shift":
		fn, special = biShift, true
	case "times":
		fn, special = biTimes, true
	case "trap":
		fn, special = biTrap, true
	case "unset":
		fn, special = biUnset, true
	case "[", "[[", "test", "echo", "printf":
		fn = biApplet
	case "alias":
		fn = biAlias
	case "unalias":
		fn = biUnalias
	case "bg", "fg":
		fn = biFgBg
	case "cd", "chdir":
		fn = biCd
	case "command":
		fn = biCommand
	case "getopts":
		fn = biGetopts
	case "hash":
		fn = biHash
	case "help":
		fn = biHelp
	case "history":
		fn = biHistory
	case "jobs":
		fn = biJobs
	case "kill":
		fn = biKill
	case "let":
		fn = biLet
	case "pwd":
		fn = biPwd
	case "read":
		fn = biRead
	case "type":
		fn = biType
	case "ulimit":
		fn = biUlimit
	case "umask":
		fn = biUmask
	case "wait":
		fn = biWait
	default:
		return builtin{}, false
	}
	return builtin{name: name, special: special, fn: fn}, true
}

// builtinNames lists the builtins as "help" shows them.
const builtinNames = ". : [ [[ alias bg break cd chdir command continue echo eval exec exit export false fg getopts hash help history jobs kill let local printf pwd read readonly return set shift source test times trap true type ulimit umask unalias unset wait"

// runBuiltin runs a builtin. An error that a builtin raises (sh.raise)
// ends a non-interactive shell when the builtin is special, as POSIX
// says; otherwise the builtin's status is 2 and the shell goes on.
func (sh *shell) runBuiltin(bi builtin, args []string) int {
	return sh.runBuiltinAs(bi, args, bi.special)
}

// runBuiltinAs runs a builtin, special or not ("command" takes the
// special-ness away).
func (sh *shell) runBuiltinAs(bi builtin, args []string, special bool) int {
	oldName, oldRaised := sh.cmdName, sh.raised
	sh.cmdName = args[0]
	sh.raised = false
	st := bi.fn(sh, args)
	raised := sh.raised
	sh.cmdName, sh.raised = oldName, oldRaised
	if raised && special && sh.ctl == ctlNone {
		sh.exitOnError()
		return 2
	}
	if sh.ctl == ctlError && !special {
		// An error raised inside a builtin that is not special
		// ("command eval"): caught here, as ash's evalcommand does.
		sh.ctl = ctlNone
		sh.status = 2
		return 2
	}
	return st
}

// raise reports a builtin's error as ash's ash_msg_and_raise_error
// does, and returns status 2.
func (sh *shell) raise(format string, args ...any) int {
	sh.errorf(format, args...)
	sh.raised = true
	return 2
}

// out writes to the shell's standard output.
func (sh *shell) out(s string) {
	io.WriteString(sh.stdout(), s)
}

func (sh *shell) outf(format string, args ...any) {
	fmt.Fprintf(sh.stdout(), format, args...)
}

// getopt parses a builtin's options as ash's nextopt does: it returns
// the letters seen, in order (with "x:" arguments in optArgs), and the
// operands; an unknown letter raises "illegal option -X".
func (sh *shell) getopt(args []string, spec string) (opts []byte, optArgs map[byte]string, rest []string, ok bool) {
	i := 0
	for i < len(args) {
		a := args[i]
		if len(a) < 2 || a[0] != '-' {
			break
		}
		i++
		if a == "--" {
			break
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			k := strings.IndexByte(spec, c)
			if k < 0 || c == ':' {
				sh.raise("illegal option -%c", c)
				return nil, nil, nil, false
			}
			opts = append(opts, c)
			if k+1 < len(spec) && spec[k+1] == ':' {
				v := a[j+1:]
				if v == "" {
					if i >= len(args) {
						sh.raise("no arg for -%c option", c)
						return nil, nil, nil, false
					}
					v = args[i]
					i++
				}
				if optArgs == nil {
					optArgs = map[byte]string{}
				}
				optArgs[c] = v
				break
			}
		}
	}
	return opts, optArgs, args[i:], true
}

// number parses a builtin's numeric operand as ash's number(): digits
// only, else "Illegal number: X" is raised.
func (sh *shell) number(s string) (int, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		sh.raise("Illegal number: %s", s)
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		n = int(^uint(0) >> 1)
	}
	return n, true
}

func biTrue(sh *shell, args []string) int  { return 0 }
func biFalse(sh *shell, args []string) int { return 1 }

func biBreak(sh *shell, args []string) int {
	n := 1
	if len(args) > 1 {
		var ok bool
		if n, ok = sh.number(args[1]); !ok {
			return 2
		}
		if n <= 0 {
			return sh.raise("Illegal number: %s", args[1])
		}
	}
	if n > sh.loopDepth {
		n = sh.loopDepth
	}
	if n > 0 {
		if args[0] == "continue" {
			sh.ctl = ctlContinue
		} else {
			sh.ctl = ctlBreak
		}
		sh.ctlN = n
	}
	return 0
}

func biReturn(sh *shell, args []string) int {
	st := sh.status
	if sh.inTrap {
		// As exit: the status on entering the trap, not its last
		// command's.
		st = sh.lastStatus
	}
	if len(args) > 1 {
		n, ok := sh.number(args[1])
		if !ok {
			return 2
		}
		st = n & 0xff
	}
	sh.ctl = ctlReturn
	sh.status = st
	return st
}

func biExit(sh *shell, args []string) int {
	if sh.stoppedJobsWarn() {
		return 0
	}
	st := sh.status
	if sh.inTrap {
		st = sh.lastStatus
	}
	if len(args) > 1 {
		n, ok := sh.number(args[1])
		if !ok {
			return 2
		}
		st = n & 0xff
	}
	sh.exit(st)
	return st
}

func biEval(sh *shell, args []string) int {
	if len(args) < 2 {
		return 0
	}
	src := strings.Join(args[1:], " ")
	return sh.evalString(src, "eval")
}

// evalString parses and runs src in the current shell (eval, traps).
func (sh *shell) evalString(src, what string) int {
	p := syntax.NewParser(strings.NewReader(src), sh.arg0)
	p.Alias = sh.Alias
	p.Lineno = sh.linenoHook
	line := sh.lineno
	// ash numbers eval's text from the line of the eval.
	p.SetLine(line)
	ran := false
	for {
		stmts, err := p.Next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			sh.evalDepth++
			sh.syntaxError(err)
			sh.evalDepth--
			return 2
		}
		if len(stmts) > 0 {
			ran = true
		}
		sh.stmts(stmts, false)
		if sh.ctl != ctlNone {
			break
		}
	}
	sh.lineno = line
	if !ran {
		return 0
	}
	return sh.status
}

func biExec(sh *shell, args []string) int {
	_, optArgs, rest, ok := sh.getopt(args[1:], "a:")
	if !ok {
		return 2
	}
	if len(rest) == 0 {
		return 0
	}
	argv := append([]string(nil), rest...)
	if a, ok := optArgs['a']; ok {
		argv[0] = a
	}
	r := sh.lookup(rest[0], true, sh.pathVal())
	if r.kind == kindBuiltin || r.kind == kindFunc || r.kind == kindNone || sh.subshell || !sh.proc.owns {
		// In a copy, or a shell that does not own its process, exec
		// runs the command and ends the shell with its status.
		st := sh.runResolved(r, argv)
		if r.kind == kindNone {
			st = 127
			if rest[0] == "" {
				st = 126 // ash's shellexec: EACCES
			}
		}
		sh.exit(st)
		return st
	}
	path := r.path
	if r.kind == kindApplet || r.app != nil {
		path = sh.proc.exePath()
		if r.app != nil {
			argv[0] = r.app.Name
			if a, ok := optArgs['a']; ok {
				argv[0] = a
			}
		}
	}
	err := sh.execReplace(path, argv)
	return sh.notFound(rest[0], err)
}

func biShift(sh *shell, args []string) int {
	n := 1
	if len(args) > 1 {
		var ok bool
		if n, ok = sh.number(args[1]); !ok {
			return 2
		}
	}
	if n > len(sh.params) {
		return 1
	}
	sh.params = sh.params[n:]
	sh.resetGetopts()
	return 0
}

func biTimes(sh *shell, args []string) int {
	var t syscall.Tms
	syscall.Times(&t)
	tick := int64(100)
	for i, v := range []int64{int64(t.Utime), int64(t.Stime), int64(t.Cutime), int64(t.Cstime)} {
		sec := v / tick
		frac := v % tick
		sep := byte(' ')
		if i%2 == 1 {
			sep = '\n'
		}
		sh.outf("%dm%d.%03ds%c", sec/60, sec%60, frac*1000/tick, sep)
	}
	return 0
}

// biApplet runs echo, printf, test, [ and [[ as ash does: its builtins
// are BusyBox's applets, here gobox's, run in-process. Their messages
// carry the shell's name ("sh: invalid number 'x'"), as in ash.
func biApplet(sh *shell, args []string) int {
	var a *applet.Applet
	switch args[0] {
	case "test", "[", "[[":
		return sh.testBuiltin(args)
	case "echo":
		return sh.echoBuiltin(args)
	}
	switch args[0] {
	case "printf":
		a = &printf.Applet
	}
	if args[0] == "printf" {
		if len(args) == 1 {
			sh.errPlain("usage: printf FORMAT [ARGUMENT...]")
			return 2
		}
		if sh.fds.get(1) == nil {
			// ash's printf fails quietly on a closed stdout.
			return 1
		}
	}
	ctx := sh.appletCtx(args[0])
	st := applet.Run(appletErrCtx(sh, ctx), a, args[1:])
	if st == applet.StatusPipe {
		return sh.builtinEPIPE()
	}
	return st
}

// builtinEPIPE is what a builtin's write to a closed pipe does, the
// shell being the writer: with SIGPIPE ignored or trapped, ash's echo
// reports the EPIPE ("write error: Broken pipe", status 1) and a trap
// runs after it; by default the shell dies of the signal (an in-process
// copy ends with 141, as a forked subshell would die).
func (sh *shell) builtinEPIPE() int {
	a, trapped := sh.trapCmd(int(syscall.SIGPIPE))
	if !trapped {
		if sh.subshell || !sh.proc.owns {
			sh.exit(applet.StatusPipe)
			return applet.StatusPipe
		}
		sh.proc.dieOf(syscall.SIGPIPE)
	}
	sh.errPlain("write error: %s", applet.ErrText(syscall.EPIPE))
	if a != "" && !sh.subshell {
		sh.proc.sig.post(int(syscall.SIGPIPE))
	}
	return 1
}

// appletErrCtx makes an applet builtin's messages carry the shell's name
// ("sh: invalid number 'x'") as ash's do.
func appletErrCtx(sh *shell, c *applet.Ctx) *applet.Ctx {
	c.Stderr = &prefixWriter{w: c.Stderr, from: c.Name + ": ", to: sh.proc.shellName() + ": "}
	return c
}

// prefixWriter replaces the applet's name at the start of each message
// with the shell's.
type prefixWriter struct {
	w        io.Writer
	from, to string
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	s := string(b)
	if strings.HasPrefix(s, p.from) {
		s = p.to + s[len(p.from):]
		if _, err := io.WriteString(p.w, s); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return p.w.Write(b)
}

// testBuiltin is test, [ and [[ evaluated directly (testexpr, as the
// applets do), without an applet's Ctx: they run in the hottest loops.
func (sh *shell) testBuiltin(args []string) int {
	rest := args[1:]
	if sh.scratch().testEnv == nil {
		sh.scratch().testEnv = &testexpr.Env{Path: sh.path, IsTTY: func(fd int) bool { return isTTY(sh.file(fd)) }}
	}
	env := sh.scratch().testEnv
	env.Bash = false
	switch args[0] {
	case "[":
		if len(rest) == 0 || rest[len(rest)-1] != "]" {
			sh.errPlain("missing ]")
			return 2
		}
		rest = rest[:len(rest)-1]
	case "[[":
		if len(rest) == 0 || rest[len(rest)-1] != "]]" {
			sh.errPlain("missing ]]")
			return 2
		}
		rest = rest[:len(rest)-1]
		env.Bash = true
	}
	st, msg := testexpr.Eval(rest, env)
	if msg != "" {
		sh.errPlain("%s", msg)
	}
	return st
}

// echoBuiltin is echo as the echo applet does it (BusyBox's: leading
// arguments of only n, e and E are options; -E does not undo -e), done
// here without an applet's Ctx and buffers: $(echo ...) is the commonest
// substitution there is.
func (sh *shell) echoBuiltin(args []string) int {
	args = args[1:]
	newline, interpret := true, false
	for len(args) > 0 {
		a := args[0]
		if len(a) < 2 || a[0] != '-' || strings.Trim(a[1:], "neE") != "" {
			break
		}
		for i := 1; i < len(a); i++ {
			switch a[i] {
			case 'n':
				newline = false
			case 'e':
				interpret = true
			}
		}
		args = args[1:]
	}
	b := sh.scratch().outBuf[:0]
	stop := false // "\c" ends the output, newline included
	for i, a := range args {
		if i > 0 {
			b = append(b, ' ')
		}
		if interpret {
			var out string
			out, stop = escape.Echo(a)
			b = append(b, out...)
			if stop {
				break
			}
		} else {
			b = append(b, a...)
		}
	}
	if newline && !stop {
		b = append(b, '\n')
	}
	if cap(b) <= 64<<10 {
		sh.scratch().outBuf = b // for the next echo
	}
	if _, err := sh.stdout().Write(b); err != nil {
		if errors.Is(err, syscall.EPIPE) {
			return sh.builtinEPIPE()
		}
		sh.errPlain("write error: %s", applet.ErrText(err))
		return 1
	}
	return 0
}
