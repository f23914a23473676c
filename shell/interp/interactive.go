package interp

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/wcwidth"
	"gobox/shell/lineedit"
	"gobox/shell/syntax"
)

func isTTY(f *os.File) bool {
	if f == nil {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// jobControl reports whether set -m is in effect in a shell that owns a
// terminal: jobs get process groups of their own.
func (p *proc) jobControl() bool { return p.monitor }

// setJobControl turns job control on or off (set -m).
func (p *proc) setJobControl(sh *shell, on bool) {
	if !p.owns || sh.subshell {
		return
	}
	if !on {
		p.monitor = false
		return
	}
	tty := sh.file(2)
	if !isTTY(tty) {
		tty = sh.file(0)
	}
	if !isTTY(tty) {
		io.WriteString(sh.stderr(), sh.arg0+": can't access tty; job control turned off\n")
		sh.opts.set(optMonitor, false)
		return
	}
	// Our own process group, in the foreground of the terminal.
	p.startJobControl(int(tty.Fd()))
}

// giveTerminal hands the terminal to a job's process group.
func (p *proc) giveTerminal(pgid int) {
	if p.monitor && pgid > 0 {
		p.setForeground(pgid)
	}
}

// takeTerminal takes the terminal back for the shell.
func (p *proc) takeTerminal() {
	if p.monitor {
		p.setForeground(p.pgid)
	}
}

// foreground runs while a foreground child runs: under job control the
// terminal is the child's; the returned function takes it back.
func (p *proc) foreground(proc *os.Process) func() {
	if !p.monitor || proc == nil {
		return func() {}
	}
	p.giveTerminal(proc.Pid)
	return p.takeTerminal
}

// gotSIGINT notes that a foreground child died of SIGINT: a
// non-interactive shell then stops too, as ash (which got the signal
// itself from the terminal).
func (p *proc) gotSIGINT() {
	if p.interactive || !p.owns {
		return
	}
	p.sigintSeen = true
}

// setupInteractive prepares an interactive shell: signals, job control,
// the line editor.
func (sh *shell) setupInteractive() {
	p := sh.proc
	if p.owns {
		signal.Notify(p.sig.ch, syscall.SIGINT, syscall.SIGQUIT, syscall.SIGTERM)
		p.intr = make(chan os.Signal, 1)
		signal.Notify(p.intr, syscall.SIGINT)
		if !sh.monitorGiven || sh.opts.has(optMonitor) {
			sh.setOption(optMonitor, true)
		}
	}
	// Alpine's line editor draws on stdout.
	in, out := sh.file(0), sh.file(1)
	if in != nil && out != nil {
		ed := lineedit.New(in, out)
		ed.Bytes = !wcwidth.UTF8(sh.getVar)
		if hf, ok := sh.getVar("HISTFILE"); ok {
			ed.HistFile = hf
		} else if home, ok := sh.getVar("HOME"); ok && home != "" {
			ed.HistFile = strings.TrimSuffix(home, "/") + "/.ash_history"
		}
		v, set := sh.getVar("HISTFILESIZE")
		ed.MaxHistory = lineedit.HistorySize(v, set)
		ed.Getenv = sh.getVar
		ed.Complete = sh.complete
		p.editor = ed
		p.history = ed.History
	}
}

// saveHistory is a no-op: the editor appends each line as it is entered.
func (sh *shell) saveHistory() {}

// interactiveLoop reads commands with the line editor and runs them.
func (sh *shell) interactiveLoop() {
	r := &promptReader{sh: sh}
	var p *syntax.Parser
	// A parser remembers its reader's error: after one (^C, EOF under
	// ignoreeof) the next line needs a new parser.
	fresh := func() {
		p = syntax.NewParser(r, sh.arg0)
		p.Alias = sh.Alias
		p.Lineno = sh.linenoHook
	}
	fresh()
	for {
		sh.reportJobs()
		r.first = true
		stmts, err := p.Next()
		if err == io.EOF {
			if sh.opts.has(optIgnoreeof) {
				io.WriteString(sh.stderr(), "\nUse \"exit\" to leave shell.\n")
				fresh()
				continue
			}
			io.WriteString(sh.stderr(), "\n")
			return
		}
		if errors.Is(err, lineedit.ErrInterrupted) {
			// The editor wrote "^C\n"; ash's interrupt handler adds
			// a newline on stderr.
			fresh()
			io.WriteString(sh.stderr(), "\n")
			sh.status = 130
			continue
		}
		if errors.Is(err, lineedit.ErrTimeout) {
			io.WriteString(sh.stdout(), "\007timed out waiting for input: auto-logout\n")
			return
		}
		if err != nil {
			var se *syntax.Error
			if !errors.As(err, &se) {
				// The terminal is gone (EIO) or unreadable: as at
				// the end of input, not a loop on the error.
				return
			}
			sh.syntaxError(err)
			p.Reset()
			continue
		}
		sh.runInteractive(stmts)
		if sh.ctl == ctlExit {
			return
		}
		if sh.ctl == ctlError {
			sh.status = sh.exitCode
		}
		sh.ctl = ctlNone
	}
}

// runInteractive runs one command line with Ctrl-C cancelling it.
func (sh *shell) runInteractive(stmts []*syntax.Stmt) {
	ctx, cancel := context.WithCancel(sh.proc.ctx.Context)
	if ctx == nil {
		ctx, cancel = context.WithCancel(context.Background())
	}
	sh.ctx = ctx
	done := make(chan struct{})
	if sh.proc.intr != nil {
		go func() {
			select {
			case <-sh.proc.intr:
				cancel()
			case <-done:
			}
		}()
	}
	sh.stmts(stmts, false)
	close(done)
	interrupted := ctx.Err() != nil
	cancel()
	if interrupted {
		io.WriteString(sh.stderr(), "\n")
	}
	// A signal that arrived while the command ran is not pending any
	// more for the prompt.
	sh.proc.sig.pending[syscall.SIGINT].Store(false)
}

// promptReader feeds the parser lines from the line editor: PS1 for the
// first line of a command, PS2 for the lines that continue it.
type promptReader struct {
	sh    *shell
	first bool
	buf   []byte
}

func (r *promptReader) Read(b []byte) (int, error) {
	if len(r.buf) == 0 {
		ps := "PS2"
		if r.first {
			ps = "PS1"
		}
		r.first = false
		prompt := r.sh.prompt(ps)
		var line string
		var err error
		if ed := r.sh.proc.editor; ed != nil {
			if t, ok := r.sh.getVar("TMOUT"); ok {
				ed.Timeout = parseTimeout(t)
			}
			_, vi := optByName("vi")
			ed.ViMode = vi && r.sh.opts.has(optVi)
			line, err = ed.ReadLine(prompt)
		} else {
			err = io.EOF
		}
		if err != nil {
			return 0, err
		}
		r.buf = append(r.buf[:0], line...)
		r.buf = append(r.buf, '\n')
	}
	n := copy(b, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// prompt expands PS1 or PS2: parameters and command substitutions, then
// the backslash escapes.
func (sh *shell) prompt(name string) string {
	v, _ := sh.getVar(name)
	s, err := sh.expandString(v)
	if err != nil {
		s = v
	}
	return lineedit.ExpandPrompt(s, func(n string) string {
		x, _ := sh.getVar(n)
		return x
	})
}

// complete is the line editor's Tab: commands (functions, builtins,
// aliases, applets, $PATH) for the first word, files otherwise.
func (sh *shell) complete(line string, pos int) ([]string, int) {
	word, start, kind := lineedit.ParseWord(line, pos)
	cands := lineedit.Matches(word, kind, sh.dir, sh.pathVal())
	if kind == lineedit.Command && !strings.Contains(word, "/") {
		seen := map[string]bool{}
		for _, c := range cands {
			seen[c] = true
		}
		add := func(n string) {
			if strings.HasPrefix(n, word) && !seen[n] {
				seen[n] = true
				cands = append(cands, n)
			}
		}
		for n := range sh.funcs.t.m {
			add(n)
		}
		for _, n := range strings.Fields(builtinNames) {
			add(n)
		}
		if sh.aliases != nil {
			for n := range sh.aliases.m {
				add(n)
			}
		}
		for _, a := range sh.applets() {
			add(a.Name)
		}
	}
	return cands, start
}

// parseTimeout reads TMOUT: whole seconds; 0 or junk is no timeout.
func parseTimeout(s string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}
