package interp

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gobox/internal/applet"
	"gobox/shell/syntax"
)

// Main runs the shell as the sh and ash applets: "sh [-/+OPTIONS]
// [-c CMD [NAME [ARG...]] | -s [ARG...] | SCRIPT [ARG...]]".
func Main(ctx *applet.Ctx, args []string) error {
	if fd, ok := isJobChild(args); ok && ctx.OwnsProcess() {
		return applet.Exit(mainJob(ctx, fd))
	}
	sh := New(ctx)
	st := sh.main(args)
	if err := ctx.StdoutErr(); err != nil {
		// The builtins that met it reported it ("sh: write error: ..."):
		// carrying it as the cause keeps the runtime from saying it again.
		return &applet.ExitError{Code: st, Err: err}
	}
	return applet.Exit(st)
}

// New returns a shell whose state comes from ctx: its environment (all
// exported), directory, umask and streams.
func New(ctx *applet.Ctx) *shell {
	p := &proc{
		ctx:   ctx,
		pid:   os.Getpid(),
		self:  os.Getpid(),
		ppid:  os.Getppid(),
		start: time.Now(),
		owns:  ctx.OwnsProcess(),
		umask: ctx.Umask,
	}
	p.secondsAt = p.start
	p.sig = newSigState(p)
	sh := &shell{
		proc:    p,
		vars:    vars{t: newVarMap(64)},
		funcs:   newFuncs(),
		dir:     ctx.Dir,
		umask:   ctx.Umask,
		arg0:    ctx.Name,
		jobs:    &jobTable{},
		ctx:     ctx.Context,
		hash:    nil,
		lineno:  0,
		cmdName: "",
	}
	if sh.ctx == nil {
		sh.ctx = context.Background()
	}
	if sh.arg0 == "" {
		sh.arg0 = "sh"
	}
	if p.owns && len(os.Args) > 0 {
		// ash's $0 is its argv[0] as given ("/bin/sh", "-sh" for a
		// login shell: the runtime looks the applet up without the
		// dash).
		if base := filepath.Base(os.Args[0]); strings.TrimPrefix(base, "-") == ctx.Name {
			sh.arg0 = os.Args[0]
			p.loginName = strings.HasPrefix(base, "-")
		}
	}
	// The files behind the runtime's wrappers, so that children get
	// the descriptors themselves.
	for fd, s := range []any{ctx.Stdin, ctx.Stdout, ctx.Stderr} {
		if f := ctx.File(fd); f != nil {
			s = f
			if p.owns && fd > 0 && int(f.Fd()) == fd {
				// The runtime kills the process when a write to its
				// fd 1 or 2 meets a closed pipe; an in-process applet
				// must see EPIPE instead (status 141), as ash's child
				// would die alone. A copy of the descriptor does.
				if d, err := dupFile(f); err == nil {
					s = d
				}
			}
		}
		sh.fds.set(fd, streamDesc(s, fd == 0))
	}
	for fd, f := range ctx.Files {
		if f != nil {
			sh.fds.set(fd, &fdesc{f: f})
		}
	}
	sh.initVars(ctx.Environ())
	if p.owns {
		if list, ok := sh.vars.get(sigIgnEnv); ok {
			p.inheritIgnored(list.val)
			sh.vars.del(sigIgnEnv)
			sh.envCache = nil
		}
		p.defaultSignals()
	}
	return sh
}

// streamDesc wraps one of the Ctx's streams.
func streamDesc(s any, in bool) *fdesc {
	switch v := s.(type) {
	case nil:
		return nil
	case *os.File:
		return &fdesc{f: v}
	case io.Reader:
		if in {
			return &fdesc{r: v}
		}
		if w, ok := s.(io.Writer); ok {
			return &fdesc{w: w}
		}
		return &fdesc{r: v}
	case io.Writer:
		return &fdesc{w: v}
	}
	return nil
}

// initVars sets the variables a new shell starts with: the environment
// (exported), then ash's defaults.
func (sh *shell) initVars(env []string) {
	m := sh.vars.writable()
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !validName(k) {
			continue
		}
		m[k] = variable{val: v, set: true, exported: true}
	}
	def := func(k, v string) {
		if _, ok := m[k]; !ok {
			m[k] = variable{val: v, set: true}
		}
	}
	m["IFS"] = variable{val: " \t\n", set: true, exported: m["IFS"].exported}
	def("PATH", defaultPath)
	def("PS1", "\\w \\$ ")
	if os.Geteuid() == 0 {
		// ash's default prompt for root.
		m["PS1"] = variable{val: "\\w # ", set: true, exported: m["PS1"].exported}
		if _, ok := envHas(env, "PS1"); ok {
			v, _ := envHas(env, "PS1")
			m["PS1"] = variable{val: v, set: true, exported: true}
		}
	}
	def("PS2", "> ")
	def("PS4", "+ ")
	m["OPTIND"] = variable{val: "1", set: true}
	m["PPID"] = variable{val: strconv.Itoa(sh.proc.ppid), set: true}
	m["BB_ASH_VERSION"] = variable{val: "1.36.1", set: true}
	def("HOSTNAME", hostname())
	if _, ok := m["FUNCNAME"]; !ok {
		m["FUNCNAME"] = variable{val: "", set: true}
	}
	lvl := 0
	if x, ok := m["SHLVL"]; ok {
		lvl, _ = strconv.Atoi(strings.TrimSpace(x.val))
	}
	m["SHLVL"] = variable{val: strconv.Itoa(lvl + 1), set: true, exported: true}
	// PWD: kept from the environment when it names the directory we
	// are in, as ash's getpwd does.
	pwd, ok := m["PWD"]
	if !ok || !samePath(pwd.val, sh.dir) {
		m["PWD"] = variable{val: sh.dir, set: true, exported: true}
	} else {
		sh.dir = pwd.val
		x := m["PWD"]
		x.exported = true
		m["PWD"] = x
	}
	sh.envCache = nil
}

func envHas(env []string, k string) (string, bool) {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], k+"="); ok {
			return v, true
		}
	}
	return "", false
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return ""
	}
	return h
}

// samePath reports whether a and b name the same directory.
func samePath(a, b string) bool {
	if a == "" || a[0] != '/' {
		return false
	}
	if a == b {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// shellName is how builtins shared with the applets sign their messages:
// the applet name the shell runs as ("sh", "ash").
func (p *proc) shellName() string {
	if p.ctx != nil && p.ctx.Name != "" {
		return p.ctx.Name
	}
	return "sh"
}

// main parses the invocation and runs the shell; it returns the status.
func (sh *shell) main(args []string) int {
	var cmd string
	haveCmd, login := false, false
	i := 0
	for i < len(args) {
		a := args[i]
		if len(a) < 2 || (a[0] != '-' && a[0] != '+') {
			if a == "-" {
				i++
			}
			break
		}
		i++
		if a == "--" {
			break
		}
		on := a[0] == '-'
		if strings.HasPrefix(a, "--") {
			// ash knows --login and ignores any other long option.
			if a == "--login" {
				login = true
			}
			continue
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			switch c {
			case 'c':
				haveCmd = true
				sh.opts.set(optCmdstr, true)
				continue
			case 's':
				sh.opts.set(optStdin, true)
				continue
			case 'i':
				sh.opts.set(optInteractive, on)
				continue
			case 'l':
				login = true
				continue
			case 'o':
				if i >= len(args) {
					sh.listOptions(on)
					continue
				}
				name := args[i]
				i++
				o, ok := optByName(name)
				if !ok {
					// ash prints it (not raising it): the status is
					// still 0.
					sh.errorf("illegal option %co %s", a[0], name)
					return 0
				}
				sh.opts.set(o, on)
				continue
			}
			o, ok := optByLetter(c)
			if !ok {
				sh.errorf("illegal option %c%c", a[0], c)
				return 2
			}
			sh.opts.set(o, on)
			if o == optMonitor {
				sh.monitorGiven = true
			}
		}
	}
	rest := args[i:]
	if strings.HasPrefix(sh.proc.ctx.Name, "-") || sh.proc.loginName {
		login = true
	}
	if haveCmd {
		if len(rest) == 0 {
			sh.errorf("-c requires an argument")
			return 2
		}
		cmd = rest[0]
		rest = rest[1:]
		if len(rest) > 0 {
			// ash: with a NAME, messages carry the line as in a script.
			sh.arg0 = rest[0]
			rest = rest[1:]
			sh.inScript = true
		}
		sh.params = rest
		sh.cmdString = true
	} else if !sh.opts.has(optStdin) && len(rest) > 0 {
		sh.params = rest[1:]
		return sh.runScript(rest[0], login)
	} else {
		sh.opts.set(optStdin, true)
		sh.params = rest
		if !sh.opts.has(optInteractive) && sh.stdinIsTTY() && sh.stderrIsTTY() {
			sh.opts.set(optInteractive, true)
		}
	}
	interactive := sh.opts.has(optInteractive)
	sh.proc.interactive = interactive
	if interactive {
		sh.setupInteractive()
	}
	if login {
		sh.sourceProfile()
	}
	if interactive {
		if env, ok := sh.getVar("ENV"); ok && env != "" {
			sh.sourceIfExists(env)
		}
	}
	if sh.ctl.ending() {
		return sh.finishMain()
	}
	if haveCmd {
		sh.runCmdString(cmd)
		return sh.finishMain()
	}
	if interactive {
		sh.interactiveLoop()
		return sh.finishMain()
	}
	in := sh.fds.get(0)
	sh.runStdin(in)
	return sh.finishMain()
}

// runCmdString runs -c's text.
func (sh *shell) runCmdString(src string) {
	r := strings.NewReader(src)
	p := syntax.NewParser(r, sh.arg0)
	p.Alias = sh.Alias
	p.Lineno = sh.linenoHook
	// ash numbers the lines of -c's string from 0.
	p.SetLine(0)
	sh.atEnd = func() bool {
		return r.Len() == 0 && len(bytes.TrimSpace(p.Buffered())) == 0
	}
	sh.parseLoop(p, nil)
	sh.atEnd = nil
}

// runScript runs a script file.
func (sh *shell) runScript(name string, login bool) int {
	f, err := os.Open(sh.path(name))
	if err != nil {
		// ash: "$0: can't open 'NAME': strerror" with the shell's own
		// $0, status 2 whatever the error.
		sh.errorf("can't open '%s': %s", name, applet.ErrText(err))
		return 2
	}
	sh.arg0 = name
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		// ash reads a directory as an empty script (read fails with
		// EISDIR, which ends its input).
		return 0
	}
	sh.inScript = true
	if login {
		sh.sourceProfile()
	}
	sh.runReader(f, name, true)
	return sh.finishMain()
}

// runStdin runs commands read from standard input.
func (sh *shell) runStdin(in *fdesc) {
	if in == nil {
		return
	}
	if in.f == nil {
		sh.runReader(in.r, sh.arg0, true)
		return
	}
	si := &scriptInput{sh: sh, f: in.f}
	if off, err := in.f.Seek(0, io.SeekCurrent); err == nil && off >= 0 {
		si.seekable = true
	}
	sh.input = si
	p := syntax.NewParser(si, sh.arg0)
	p.Alias = sh.Alias
	p.Lineno = sh.linenoHook
	si.p = p
	sh.parseLoop(p, si)
}

// scriptInput is a script read from the shell's own standard input,
// which commands may read too: a pipe is read a line at a time, a file
// in blocks with the unparsed rest given back (by seeking) before a
// command runs.
type scriptInput struct {
	sh       *shell
	f        *os.File
	p        *syntax.Parser
	seekable bool
	buf      [1]byte
}

func (s *scriptInput) Read(b []byte) (int, error) {
	if s.seekable {
		n, err := s.f.Read(b)
		if s.sh != nil && s.sh.opts.has(optVerbose) && n > 0 {
			// set -v: one line at a time, the rest given back.
			if i := bytes.IndexByte(b[:n], '\n'); i >= 0 && i+1 < n {
				if _, err := s.f.Seek(int64(i+1-n), io.SeekCurrent); err == nil {
					n = i + 1
				}
			}
			s.sh.stderr().Write(b[:n])
		}
		return n, err
	}
	// One byte at a time up to a newline: what follows belongs to the
	// commands.
	n := 0
	for n < len(b) {
		m, err := s.f.Read(s.buf[:])
		if m == 1 {
			b[n] = s.buf[0]
			n++
			if s.buf[0] == '\n' {
				s.echo(b[:n])
				return n, nil
			}
			continue
		}
		if n > 0 {
			s.echo(b[:n])
			return n, nil
		}
		if err == nil {
			err = io.EOF
		}
		return 0, err
	}
	return n, nil
}

// echo writes what was read to standard error under set -v.
func (s *scriptInput) echo(b []byte) {
	if s.sh != nil && s.sh.opts.has(optVerbose) {
		s.sh.stderr().Write(b)
	}
}

// sync gives back what the parser read ahead, before a command reads
// the descriptor d.
func (s *scriptInput) sync(d *fdesc) {
	if s == nil || !s.seekable || d == nil || d.f != s.f || s.p == nil {
		return
	}
	if b := s.p.Buffered(); len(b) > 0 {
		if _, err := s.f.Seek(-int64(len(b)), io.SeekCurrent); err == nil {
			s.p.Reset()
		}
	}
}

// runReader runs the commands read from r (a script, a "." file); top
// says it is the shell's script. It returns the last status.
func (sh *shell) runReader(r io.Reader, name string, top bool) int {
	p := syntax.NewParser(&verboseReader{sh: sh, r: r}, name)
	p.Alias = sh.Alias
	p.Lineno = sh.linenoHook
	sh.parseLoop(p, nil)
	return sh.status
}

// parseLoop parses and runs one command line at a time until the end,
// an exit, or a syntax error (which ends a non-interactive shell).
func (sh *shell) parseLoop(p *syntax.Parser, si *scriptInput) {
	for {
		stmts, err := p.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			sh.syntaxError(err)
			return
		}
		if si != nil && si.seekable {
			si.sync(sh.fds.get(0))
		}
		if sh.atEnd != nil && len(stmts) == 1 && !stmts[0].Background && sh.atEnd() {
			// The last command of -c's text may replace the shell
			// (ash's EV_EXIT): sh -c 'prog' leaves no shell behind.
			if c, ok := stmts[0].Cmd.(*syntax.CallExpr); ok {
				sh.execLast = c
			}
		}
		sh.stmts(stmts, false)
		if sh.ctl == ctlReturn && sh.funcDepth == 0 {
			// "return" outside a function ends the file being read.
			sh.ctl = ctlNone
			return
		}
		if sh.ctl != ctlNone {
			if sh.ctl == ctlBreak || sh.ctl == ctlContinue {
				sh.ctl = ctlNone
				continue
			}
			return
		}
	}
}

// syntaxError reports a syntax error; a non-interactive shell exits 2.
func (sh *shell) syntaxError(err error) {
	var se *syntax.Error
	if !errors.As(err, &se) {
		sh.errorf("%s", applet.ErrText(err))
	} else {
		var b strings.Builder
		b.WriteString(sh.arg0)
		b.WriteString(": ")
		switch {
		case (sh.evalDepth > 0 || sh.dotDepth > 0) && sh.cmdName != "":
			// Inside eval or ".": "$0: eval: line N: ..." with the
			// line counted from the eval's (the file's own for ".").
			b.WriteString(sh.cmdName)
			b.WriteString(": line ")
			b.WriteString(strconv.Itoa(se.Pos.Line))
			b.WriteString(": ")
			b.WriteString(se.Text())
		case sh.cmdString && !sh.inScript || sh.evalDepth > 0:
			b.WriteString(se.Text())
		default:
			b.WriteString(se.Error())
		}
		b.WriteByte('\n')
		io.WriteString(sh.stderr(), b.String())
	}
	if !sh.opts.has(optInteractive) {
		sh.exit(2)
	} else {
		sh.status = 2
	}
}

// finishMain ends the main shell: the EXIT trap, then the status.
func (sh *shell) finishMain() int {
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
	sh.saveHistory()
	return st
}

// sourceProfile reads /etc/profile and ~/.profile (a login shell).
func (sh *shell) sourceProfile() {
	sh.sourceIfExists("/etc/profile")
	if home, ok := sh.getVar("HOME"); ok && home != "" {
		sh.sourceIfExists(strings.TrimSuffix(home, "/") + "/.profile")
	}
}

// sourceIfExists runs a file in the current shell if it can be read.
func (sh *shell) sourceIfExists(name string) {
	f, err := os.Open(sh.path(name))
	if err != nil {
		return
	}
	defer f.Close()
	oldName, oldScript := sh.cmdName, sh.inScript
	sh.cmdName, sh.inScript = name, true
	sh.runReader(f, name, false)
	sh.cmdName, sh.inScript = oldName, oldScript
}

func (sh *shell) stdinIsTTY() bool  { return isTTY(sh.file(0)) }
func (sh *shell) stderrIsTTY() bool { return isTTY(sh.file(2)) }

// verboseReader is a script's input: read in blocks, handed to the
// parser a line at a time so that set -v, which may be turned on by the
// line before, echoes each line to standard error as the parser takes
// it, as ash does.
type verboseReader struct {
	sh       *shell
	r        io.Reader
	buf      []byte
	pos, end int
}

func (v *verboseReader) Read(b []byte) (int, error) {
	if v.pos == v.end {
		if v.buf == nil {
			v.buf = make([]byte, 4096)
		}
		n, err := v.r.Read(v.buf)
		v.pos, v.end = 0, n
		if n == 0 {
			return 0, err
		}
	}
	avail := v.buf[v.pos:v.end]
	if i := bytes.IndexByte(avail, '\n'); i >= 0 {
		avail = avail[:i+1]
	}
	n := copy(b, avail)
	v.pos += n
	if v.sh.opts.has(optVerbose) {
		v.sh.stderr().Write(b[:n])
	}
	return n, nil
}

// linenoHook is the parser's Lineno: ash numbers a backquote's text from
// the $LINENO of the command running when it is parsed.
func (sh *shell) linenoHook() int { return sh.lineno }
