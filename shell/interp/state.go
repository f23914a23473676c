package interp

import (
	"context"
	"os"
	"sync"
	"time"

	"gobox/internal/applet"
	"gobox/internal/testexpr"
	"gobox/shell/lineedit"
	"gobox/shell/syntax"
)

// function is a defined shell function.
type function struct {
	decl *syntax.FuncDecl
}

// ctlFlow is a pending break, continue, return or exit.
type ctlFlow int

const (
	ctlNone ctlFlow = iota
	ctlBreak
	ctlContinue
	ctlReturn
	ctlExit
	// ctlError is an error "exception" (ash's EXERROR): it unwinds to
	// a builtin run as non-special ("command eval ..."), which turns it
	// into status 2, or ends a non-interactive shell (or subshell) with
	// exitCode; an interactive shell goes back to its prompt.
	ctlError
)

// ending reports whether the shell (or copy) is being left: exit or an
// error.
func (c ctlFlow) ending() bool { return c == ctlExit || c == ctlError }

// localSave is what "local" saved: the variable's state before, restored
// when the function returns.
type localSave struct {
	name string
	old  variable
	had  bool
}

// localFrame is one function call's locals.
type localFrame struct {
	saved     []localSave
	names     map[string]bool
	savedOpts *options // "local -" saves the options
}

// proc is what all copies of one shell share: the process it runs in.
type proc struct {
	ctx         *applet.Ctx // the Ctx the shell was started with
	pid, ppid   int         // $$ (a background job's child keeps its shell's) and $PPID
	self        int         // the process's own PID
	loginName   bool        // argv[0] starts with "-": a login shell
	start       time.Time
	secondsBase int64
	secondsAt   time.Time

	randMu    sync.Mutex
	randState uint32

	selfOnce sync.Once
	selfDev  uint64
	selfIno  uint64
	selfPath string

	// owns is true when the shell has the process to itself (run by
	// applet.Main): only then does it take signals, change the terminal
	// or exec in place.
	owns bool

	sig *sigState

	umask         os.FileMode // the process's umask, as last set
	umaskMu       sync.Mutex  // held while the process umask differs for a fork
	interactive   bool
	monitor       bool // job control is on
	ttyFd         int
	pgid          int
	intr          chan os.Signal // SIGINT, for an interactive shell
	sigintSeen    bool
	editor        *lineedit.Editor
	history       func() []string
	nextJobPID    int
	warnedStopped bool
	jobSigs       bool // SIGTSTP, SIGTTIN, SIGTTOU caught and dropped
	// mainCtl is the pipe on which background jobs' children say that
	// a signal they send to $$ is the shell's (read end here, write end
	// in a job's child); see subWait.
	mainCtlOnce sync.Once
	mainCtlR    int
	mainCtlW    *os.File
	forMain     [65]int

	promptCache
}

func (p *proc) now() time.Time { return time.Now() }

func (p *proc) seconds() int64 {
	return p.secondsBase + int64(p.now().Sub(p.secondsAt)/time.Second)
}

func (p *proc) seedRandom(n uint32) {
	p.randMu.Lock()
	p.randState = n
	p.randMu.Unlock()
}

// random returns ash's $RANDOM: 0..32767 from a small generator.
func (p *proc) random() uint32 {
	p.randMu.Lock()
	defer p.randMu.Unlock()
	// xorshift32; a zero state is reseeded from the clock.
	x := p.randState
	if x == 0 {
		x = uint32(p.now().UnixNano()) | 1
	}
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	p.randState = x
	return (x >> 8) & 0x7fff
}

// shell is the state of one shell: the main one, or an in-process copy
// (a subshell, a command substitution, a pipeline stage).
type shell struct {
	proc *proc

	vars    vars
	funcs   funcs
	aliases *aliases
	params  []string
	arg0    string
	opts    options
	traps   *traps
	dir     string // $PWD as the shell knows it: absolute
	umask   os.FileMode
	fds     fdTable
	hash    map[string]string // remembered command paths

	status     int // $?
	backStatus int // status of the last command substitution, for a command without a name
	lastStatus int // status of the command before a trap ran
	lastBg     int // $!
	lastBgSet  bool

	lineno    int
	linenoSet bool

	ifsCache []byte
	envCache []string

	optOff  int // getopts: offset in the current argument
	optArgi int

	locals    []*localFrame
	funcDepth int
	loopDepth int
	evalDepth int
	dotDepth  int

	ctl  ctlFlow
	ctlN int // levels left for break/continue

	// subshell is set on an in-process copy: "exit" ends the copy and
	// EXIT traps of the parent do not run.
	subshell bool
	// tested counts the enclosing conditions where set -e does not
	// apply (if/while conditions, the left of && and ||, after !).
	inTrap   bool
	exitCode int

	// cmdName is the name of the builtin running (or the file being
	// sourced), for error messages.
	cmdName string
	// cmdString is set when running -c's text (ash numbers its lines
	// from 0); inScript when reading a script or a "." file (messages
	// then carry the line).
	cmdString bool
	inScript  bool
	raised    bool // the running builtin reported an error
	inPS4     bool

	hashShared   bool
	group        *fgGroup         // the foreground command's process group (job control)
	monitorGiven bool             // -m or +m on the command line
	curCall      *syntax.CallExpr // the simple command running, for a stopped job's text
	jobs         *jobTable
	inBackground bool

	ctx context.Context // cancelled on Ctrl-C

	// execLast is a command that may replace the shell's process when
	// it runs a program (the last of sh -c's text, a background job's
	// only command); execNow is set while it runs. atEnd reports that
	// the input has no more commands.
	procFds []procFd // ends of <(...) and >(...) open until the statement ends
	// pumps counts, in a command substitution, the background jobs
	// whose output the shell copies into it (see pumping).
	pumps *sync.WaitGroup
	// childPipes are the shell's copies of pipes made for a child's
	// descriptors (pipeFor), closed once it has started.
	childPipes []*os.File
	stmtDepth  int
	execLast   *syntax.CallExpr
	execNow    bool
	atEnd      func() bool

	// inputFile is the script being read: a builtin that reads stdin
	// (read) synchronises with it.
	input *scriptInput

	sc      *scratch // made on first use: most copies never need one
	lastSet string   // the value Set last assigned (Itoa)
	forks   int      // copies made (fork): a function's arguments are reused when none was
}

// scratch is what a shell reuses from command to command, so that a
// loop of builtins allocates (nearly) nothing per round (issue 10):
// argBuf holds a simple command's words (taken while they are in use: a
// command run meanwhile makes its own), outBuf echo's line, testEnv the
// test builtin's view of the shell; fdSaves and freeFds are redirect's
// (redir.go), cbuf a NUL-terminated path.
type scratch struct {
	argBuf  []string
	outBuf  []byte
	testEnv *testexpr.Env
	fdSaves []fdSave
	freeFds []*fdesc
	cbuf    []byte
}

func (sh *shell) scratch() *scratch {
	if sh.sc == nil {
		sh.sc = &scratch{}
	}
	return sh.sc
}

// fork returns an in-process copy of sh for a subshell, a command
// substitution or a pipeline stage: variables and functions shared
// copy-on-write, descriptors shared until changed, traps reset as POSIX
// says. done releases what the copy shares.
func (sh *shell) fork() *shell {
	sh.forks++
	c := &shell{
		proc:       sh.proc,
		vars:       sh.vars.share(),
		funcs:      sh.funcs.share(),
		aliases:    sh.aliases,
		params:     sh.params,
		arg0:       sh.arg0,
		opts:       sh.opts,
		traps:      sh.traps.forSubshell(),
		dir:        sh.dir,
		umask:      sh.umask,
		fds:        sh.fds.copy(),
		hash:       sh.hash,
		hashShared: true,
		jobs:       sh.jobs.inherit(),
		group:      sh.group,
		pumps:      sh.pumps,
		cmdString:  sh.cmdString,
		inScript:   sh.inScript,
		status:     sh.status,
		lastBg:     sh.lastBg,
		lastBgSet:  sh.lastBgSet,
		lineno:     sh.lineno,
		linenoSet:  sh.linenoSet,
		ifsCache:   sh.ifsCache,
		envCache:   sh.environ(), // made once in the parent, for all its copies
		optOff:     sh.optOff,
		funcDepth:  sh.funcDepth,
		loopDepth:  sh.loopDepth,
		subshell:   true,
		ctx:        sh.ctx,
		evalDepth:  sh.evalDepth,
		dotDepth:   sh.dotDepth,
		locals:     nil,
		inTrap:     false,
		cmdName:    "",
		input:      nil,
		lastStatus: sh.lastStatus,
	}
	// A copy's "local" still finds its function's frame, read-only;
	// writes go to the copy's own table.
	for _, f := range sh.locals {
		if f == nil {
			c.locals = append(c.locals, nil)
			continue
		}
		names := make(map[string]bool, len(f.names))
		for k, v := range f.names {
			names[k] = v
		}
		c.locals = append(c.locals, &localFrame{saved: f.saved[:len(f.saved):len(f.saved)], names: names, savedOpts: f.savedOpts})
	}
	c.opts.set(optInteractive, false)
	return c
}

// done releases what a copy shares with its parent and closes the
// descriptors it opened.
func (sh *shell) done() {
	sh.vars.release()
	sh.funcs.release()
	sh.fds.closeOwned(sh)
}
