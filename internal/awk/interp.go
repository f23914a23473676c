package awk

import (
	"bufio"
	"context"
	"errors"
	"io"
	"math"
	"os"
	"strings"
	"syscall"
	"time"

	"gobox/internal/regex"
)

// Config is what a run of a program may use of its surroundings.
type Config struct {
	Context context.Context // cancellation; nil means never
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	// CmdStdin, CmdStdout and CmdStderr are the files behind Stdin,
	// Stdout and Stderr, for the commands system() and pipes run, so
	// that they read and write them themselves. Without them commands
	// read /dev/null, and write through awk's own writers.
	CmdStdin             io.Reader
	CmdStdout, CmdStderr io.Writer
	Dir                  string      // relative file names are resolved against it
	Env                  []string    // ENVIRON, and the commands' environment
	Umask                os.FileMode // for the files print > creates
	Shell                string      // runs commands; "/bin/sh" when empty
	// Args are the operands: ARGV[1] on (files, and var=value
	// assignments done when reached).
	Args []string
	// Argv0 is ARGV[0]; "awk" when empty.
	Argv0 string
	// Assigns are the -v assignments, "name=value", done before BEGIN.
	Assigns []string
	// FS, when FSSet, is the field separator from -F (escapes already
	// processed).
	FS    string
	FSSet bool

	// Buf and BufWriter, when set, supply the buffers of the main
	// input and of standard output (an applet's pooled ones:
	// applet.Ctx.Buf and BufWriter); new ones are made otherwise.
	Buf       func(n int) []byte
	BufWriter func(w io.Writer, n int) *bufio.Writer

	maxFields int // the cap on NF, if not BusyBox's (the fuzz test's)
}

// cancelled is Run's error when the Context was cancelled.
type cancelled struct{}

func (cancelled) Error() string { return "cancelled" }

// IsCancelled reports whether Run stopped because its Context was
// cancelled.
func IsCancelled(err error) bool { return errors.Is(err, cancelled{}) }

// variable is a global or a function's local: a scalar and, once used
// as one, an array. A parameter passed a variable refers to it, so that
// the function can use it as an array.
type variable struct {
	c   Cell
	arr *Array
	ref *variable
}

// ctl is how a statement ended.
type ctl uint8

const (
	ctlNone ctl = iota
	ctlBreak
	ctlContinue
	ctlNext
	ctlNextFile
	ctlReturn
	ctlExit
)

// exitPanic unwinds to Run for exit, and for next and nextfile from
// inside a function.
type exitPanic struct{ c ctl }

type interp struct {
	prog *Program
	cfg  *Config
	ctx  context.Context

	globals []variable
	frame   []variable
	depth   int
	retval  Cell

	rec Cell // $0, unless lazy
	// lazy: $0 is the bytes view, in lazyIn's buffer, not yet a string
	// (most programs use a record's fields as numbers, or not at all):
	// materialize makes it one when anything else needs it, and fill
	// moves it to keep before changing that buffer. lazyPos holds the
	// start and end of its first fields, split up to lazyAt (lazyDone:
	// all of them), for fieldNum.
	lazy     bool
	lazyDone bool
	view     []byte
	lazyIn   *input // nil when view is in keep
	// spare is the buffer of the last main input file, for the next.
	spare     []byte
	keep      []byte
	lazyPos   []int32
	lazyAt    int
	fields    []Cell
	nf        int
	splitDone bool
	// partial marks a split at blanks stopped at splitAt in splitSrc,
	// with the fields before it in fields.
	partial  bool
	splitSrc string
	splitAt  int
	scratch  []string

	convfmt, ofmt, ofs, ors, subsep string
	fs                              splitter
	rs                              recordSep
	icase                           bool

	stdout     *bufio.Writer
	stdoutErr  error
	outputs    map[string]*output
	inputs     map[string]*input
	main       *input // the current input file, or nil
	filesSeen  bool   // an input file was opened
	noMoreMain bool

	ranges     []bool
	exiting    bool
	exitCode   int
	seed       uint32
	rng        uint64
	regexCache map[string]*regex.Regexp
	line       int // the position of the statement running, for messages
	tick       uint
	loc        *time.Location
	stderr     io.Writer // cfg.Stderr, or the one commands share
	// cmdStdout and cmdStderr are the locked writers commands share
	// with awk when the Config gives them no files.
	cmdStdout, cmdStderr io.Writer
}

// Run runs the program: BEGIN, the records of the input files, END. It
// returns the exit status (exit's), or an error: an *Error for an awk
// error (status 1), one wrapping EPIPE when output went to a closed
// pipe (BusyBox dies of SIGPIPE), or one that IsCancelled.
func (p *Program) Run(cfg *Config) (status int, err error) {
	in := &interp{
		prog:       p,
		ctx:        cfg.Context,
		globals:    make([]variable, len(p.globals)),
		outputs:    map[string]*output{},
		inputs:     map[string]*input{},
		ranges:     make([]bool, len(p.items)),
		seed:       1,
		rng:        0,
		regexCache: map[string]*regex.Regexp{},
		line:       p.lastLine,
		convfmt:    "%.6g",
		ofmt:       "%.6g",
		ofs:        " ",
		ors:        "\n",
		subsep:     "\x1c",
	}
	if in.ctx == nil {
		in.ctx = context.Background()
	}
	// Defaults go into a copy: the caller's Config is left as it is.
	c := *cfg
	if c.Shell == "" {
		c.Shell = "/bin/sh"
	}
	if c.Buf == nil {
		c.Buf = func(n int) []byte { return make([]byte, n) }
	}
	if c.BufWriter == nil {
		c.BufWriter = bufio.NewWriterSize
	}
	in.cfg = &c
	// Commands given no file of their own write through the same
	// writer as awk, one write at a time.
	stdout, stderr := cfg.Stdout, cfg.Stderr
	if cfg.CmdStdout == nil {
		stdout = &lockedWriter{w: stdout}
		in.cmdStdout = stdout
	}
	if cfg.CmdStderr == nil {
		stderr = &lockedWriter{w: stderr}
		in.cmdStderr = stderr
	}
	in.stderr = stderr
	in.stdout = in.cfg.BufWriter(errWriter{stdout, &in.stdoutErr}, 64<<10)
	defer func() {
		r := recover()
		switch r := r.(type) {
		case nil:
		case *Error:
			status, err = 1, r
		case *ioFailure:
			status, err = 1, r.err
		case cancelPanic:
			status, err = 130, cancelled{}
		default:
			panic(r)
		}
		in.shutdown()
		if err == nil && in.stdoutErr != nil && errors.Is(in.stdoutErr, syscall.EPIPE) {
			err = in.stdoutErr
		}
	}()
	in.init()
	return in.run(), nil
}

// ioFailure carries an error that ends the run with status 1.
type ioFailure struct{ err error }

type cancelPanic struct{}

func (in *interp) init() {
	g := in.globals
	g[vFS].c = str(" ")
	g[vOFS].c = str(" ")
	g[vORS].c = str("\n")
	g[vRS].c = str("\n")
	g[vCONVFMT].c = str("%.6g")
	g[vOFMT].c = str("%.6g")
	g[vSUBSEP].c = str("\x1c")
	g[vNF].c = num(0)
	g[vNR].c = num(0)
	g[vFNR].c = num(0)
	g[vARGIND].c = num(0)
	g[vERRNO].c = num(0)
	g[vIGNORECASE].c = num(0)
	in.fs = splitter{mode: fsSpace}
	in.rs = recordSep{mode: rsChar, c: '\n', sep: str("\n")}
	env := newArray()
	for _, kv := range in.cfg.Env {
		if k, v, ok := strings.Cut(kv, "="); ok {
			*env.Ref(k) = userStr(v)
		}
	}
	g[vENVIRON].arr = env
	if in.cfg.FSSet {
		in.setGlobal(vFS, str(in.cfg.FS))
	}
	for _, a := range in.cfg.Assigns {
		in.assignOperand(a)
	}
	argv := newArray()
	argv0 := in.cfg.Argv0
	if argv0 == "" {
		argv0 = "awk"
	}
	*argv.Ref("0") = userStr(argv0)
	for i, a := range in.cfg.Args {
		*argv.Ref(itoa(i + 1)) = userStr(a)
	}
	g[vARGV].arr = argv
	g[vARGC].c = num(float64(len(in.cfg.Args) + 1))
}

// IsAssignment reports whether s is an operand of the form var=value.
func IsAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	if !ok || name == "" || isDigit(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isAlnum(name[i]) {
			return false
		}
	}
	return true
}

// assignOperand does a var=value assignment (-v, or an operand), with
// the value's escapes processed; it reports whether s was one.
func (in *interp) assignOperand(s string) bool {
	if !IsAssignment(s) {
		return false
	}
	name, val, _ := strings.Cut(s, "=")
	v := userStr(Unescape(val))
	for i, g := range in.prog.globals {
		if g == name {
			in.setGlobal(i, v)
			return true
		}
	}
	// A variable the program never names: nothing can see it.
	return true
}

func (in *interp) run() int {
	if in.runSection(in.prog.begin) {
		return in.exitCode
	}
	if len(in.prog.items) > 0 || len(in.prog.end) > 0 {
		if in.mainLoop() {
			return in.exitCode
		}
	}
	in.exiting = true
	in.runSection(in.prog.end)
	return in.exitCode
}

// runSection runs BEGIN or END, and reports whether the program exited.
// An exit in BEGIN or the main part runs END first, as BusyBox does.
func (in *interp) runSection(body []Stmt) (exited bool) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(exitPanic)
			if !ok {
				panic(r)
			}
			if e.c == ctlExit {
				in.doExit()
				exited = true
			}
		}
	}()
	if in.exec(body) == ctlExit {
		in.doExit()
		return true
	}
	return false
}

// doExit runs END after an exit, unless it is END that exits.
func (in *interp) doExit() {
	if in.exiting {
		return
	}
	in.exiting = true
	in.runSection(in.prog.end)
}

// mainLoop reads the records of every input file and runs the items on
// each; it reports whether the program exited.
func (in *interp) mainLoop() (exited bool) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(exitPanic)
			if !ok {
				panic(r)
			}
			if e.c == ctlExit {
				in.doExit()
				exited = true
			}
		}
	}()
	for {
		if in.main == nil && !in.nextFile() {
			return false
		}
		in.globals[vFNR].c = num(0)
		for {
			ok := in.readMain()
			if !ok {
				break
			}
			c := in.runItems()
			if c == ctlExit {
				in.doExit()
				return true
			}
			if c == ctlNextFile {
				break
			}
		}
		in.closeMain()
	}
}

// readMain reads the next record of the current input file into $0.
func (in *interp) readMain() bool {
	rec, ok := in.readRecordBytes(in.main)
	if !ok {
		return false
	}
	in.setRecordView(rec, in.main)
	in.incr(vNR)
	in.incr(vFNR)
	return true
}

func (in *interp) incr(i int) {
	c := &in.globals[i].c
	*c = num(toNum(*c) + 1)
}

// runItems runs the pattern-action items on the current record.
func (in *interp) runItems() (c ctl) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(exitPanic)
			if !ok || e.c == ctlExit {
				panic(r)
			}
			c = e.c
		}
	}()
	in.tick++
	if in.tick&1023 == 0 && in.ctx.Err() != nil {
		panic(cancelPanic{})
	}
	for i, it := range in.prog.items {
		in.line = it.line
		switch {
		case it.end != nil:
			if !in.ranges[i] && !truth(in.eval(it.pattern)) {
				continue
			}
			in.ranges[i] = true
			if truth(in.eval(it.end)) {
				in.ranges[i] = false
			}
		case it.pattern != nil:
			if !truth(in.eval(it.pattern)) {
				continue
			}
		}
		if it.print {
			in.printRecord()
			continue
		}
		switch c := in.exec(it.action); c {
		case ctlNext:
			return ctlNone
		case ctlNextFile, ctlExit:
			return c
		}
	}
	return ctlNone
}

func (in *interp) printRecord() {
	w := in.stdout
	w.WriteString(in.recordStr())
	w.WriteString(in.ors)
	in.checkStdout()
}

// checkStdout ends the run at a closed output pipe, as SIGPIPE ends
// BusyBox.
func (in *interp) checkStdout() {
	if in.stdoutErr != nil && errors.Is(in.stdoutErr, syscall.EPIPE) {
		panic(&ioFailure{in.stdoutErr})
	}
}

// fatal ends the run with BusyBox's "FILE:LINE: message".
func (in *interp) fatal(msg string) { in.fatalAt(in.line, msg) }

func (in *interp) fatalAt(line int, msg string) {
	panic(&Error{Msg: in.prog.where(line) + ": " + msg})
}

// fatalRaw ends the run with a message with no position.
func (in *interp) fatalRaw(msg string) { panic(&Error{Msg: msg}) }

func (in *interp) exec(list []Stmt) ctl {
	for _, s := range list {
		if c := in.execOne(s); c != ctlNone {
			return c
		}
	}
	return ctlNone
}

func (in *interp) loopTick() {
	in.tick++
	if in.tick&4095 == 0 && in.ctx.Err() != nil {
		panic(cancelPanic{})
	}
}

func (in *interp) execOne(s Stmt) ctl {
	switch s := s.(type) {
	case *exprStmt:
		in.line = s.line
		in.eval(s.x)
	case *printStmt:
		in.line = s.line
		in.print(s)
	case *ifStmt:
		in.line = s.line
		if truth(in.eval(s.c)) {
			return in.exec(s.then)
		}
		return in.exec(s.els)
	case *whileStmt:
		for {
			in.line = s.line
			if !truth(in.eval(s.c)) {
				break
			}
			in.loopTick()
			switch c := in.exec(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
		}
	case *doStmt:
		for {
			in.loopTick()
			switch c := in.exec(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
			in.line = s.line
			if !truth(in.eval(s.c)) {
				break
			}
		}
	case *forStmt:
		in.line = s.line
		if s.init != nil {
			in.eval(s.init)
		}
		for {
			if s.c != nil && !truth(in.eval(s.c)) {
				break
			}
			in.loopTick()
			switch c := in.exec(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
			if s.post != nil {
				in.eval(s.post)
			}
		}
	case *forInStmt:
		in.line = s.line
		keys := in.array(s.arr).Keys()
		for _, k := range keys {
			in.loopTick()
			in.store(s.v, str(k))
			switch c := in.exec(s.body); c {
			case ctlBreak:
				return ctlNone
			case ctlNone, ctlContinue:
			default:
				return c
			}
		}
	case *blockStmt:
		return in.exec(s.body)
	case *nextStmt:
		return ctlNext
	case *nextfileStmt:
		return ctlNextFile
	case *breakStmt:
		return ctlBreak
	case *continueStmt:
		return ctlContinue
	case *exitStmt:
		in.line = s.line
		if s.x != nil {
			in.exitCode = int(uint8(truncInt(toNum(in.eval(s.x)))))
		}
		return ctlExit
	case *returnStmt:
		in.line = s.line
		if s.x != nil {
			in.retval = in.eval(s.x)
		} else {
			in.retval = Cell{}
		}
		return ctlReturn
	case *deleteStmt:
		in.line = s.line
		a := in.array(s.arr)
		if s.keys == nil {
			a.Clear()
		} else {
			a.Delete(in.subscript(s.keys))
		}
	}
	return ctlNone
}

// root returns the variable a reference names, following parameters to
// the variable they were passed.
func (in *interp) root(v *varRef) *variable {
	var p *variable
	if v.local {
		p = &in.frame[v.idx]
	} else {
		p = &in.globals[v.idx]
	}
	for p.ref != nil {
		p = p.ref
	}
	return p
}

// array returns the array a variable holds, making it one if needed.
func (in *interp) array(v *varRef) *Array {
	p := in.root(v)
	if p.arr == nil {
		p.arr = newArray()
	}
	return p.arr
}

// subscript evaluates an array subscript: the keys joined by SUBSEP.
func (in *interp) subscript(keys []Expr) string {
	if len(keys) == 1 {
		return in.keyStr(in.eval(keys[0]))
	}
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(in.subsep)
		}
		b.WriteString(in.keyStr(in.eval(k)))
	}
	return b.String()
}

func (in *interp) keyStr(c Cell) string {
	if c.kind == kNum && c.n >= 0 && c.n < 1e15 && c.n == math.Trunc(c.n) {
		return itoa(int(c.n))
	}
	return in.toStr(c)
}

// setGlobal assigns a global, with what assigning a special variable
// does.
func (in *interp) setGlobal(i int, v Cell) {
	if i == vNF {
		in.setNF(v)
		return
	}
	if i == vFS {
		// The current record is split with the FS it was read with.
		in.ensureSplit()
	}
	in.globals[i].c = v
	if i < numSpecial {
		in.special(i)
	}
}

// special updates what depends on special variable i.
func (in *interp) special(i int) {
	v := in.globals[i].c
	switch i {
	case vFS:
		in.fs = *in.newSplitter(in.toStr(v))
	case vRS:
		in.setRS(in.toStr(v))
	case vOFS:
		in.ofs = in.toStr(v)
	case vORS:
		in.ors = in.toStr(v)
	case vCONVFMT:
		in.convfmt = in.toStr(v)
	case vOFMT:
		in.ofmt = in.toStr(v)
	case vSUBSEP:
		in.subsep = in.toStr(v)
	case vIGNORECASE:
		in.icase = truth(v)
		in.fs.ire = nil
	}
}

// store assigns to an lvalue.
func (in *interp) store(lv Expr, v Cell) {
	switch lv := lv.(type) {
	case *varRef:
		if lv.local {
			in.frame[lv.idx].c = v
		} else {
			in.setGlobal(lv.idx, v)
		}
	case *fieldRef:
		in.setField(in.fieldIndex(lv), v)
	case *indexRef:
		*in.array(lv.arr).Ref(in.subscript(lv.keys)) = v
	case *groupExpr:
		in.store(unparen(lv), v)
	}
}

func (in *interp) fieldIndex(f *fieldRef) int {
	i := truncInt(toNum(in.eval(f.index)))
	if i < 0 {
		in.fatalAt(f.line, "Access to negative field")
	}
	return i
}

// evalNum is toNum(in.eval(e)), without making a string of a field of
// a record that is not one yet.
func (in *interp) evalNum(e Expr) float64 {
	if f, ok := e.(*fieldRef); ok && in.lazy {
		return in.fieldNum(in.fieldIndex(f))
	}
	return toNum(in.eval(e))
}

func (in *interp) eval(e Expr) Cell {
	switch e := e.(type) {
	case *numLit:
		return e.v
	case *strLit:
		return e.v
	case *varRef:
		if e.local {
			return in.frame[e.idx].c
		}
		if e.idx == vNF && !in.lazyNF() {
			in.ensureSplit()
		}
		return in.globals[e.idx].c
	case *fieldRef:
		return in.field(in.fieldIndex(e))
	case *indexRef:
		return *in.array(e.arr).Ref(in.subscript(e.keys))
	case *assignExpr:
		return in.assign(e)
	case *concatExpr:
		if len(e.parts) == 2 {
			a := in.toStr(in.eval(e.parts[0]))
			return str(a + in.toStr(in.eval(e.parts[1])))
		}
		var b strings.Builder
		for _, p := range e.parts {
			b.WriteString(in.toStr(in.eval(p)))
		}
		return str(b.String())
	case *binaryExpr:
		if e.op >= tEq && e.op <= tGe {
			if c, ok := in.compareField(e); ok {
				return c
			}
			l := in.eval(e.l)
			r := in.eval(e.r)
			return boolNum(in.compare(e.op, l, r))
		}
		ln := in.evalNum(e.l)
		return num(in.arith(e.op, ln, in.evalNum(e.r), e.line))
	case *regexLit:
		if in.lazy {
			return boolNum(in.regexOf(e).Match(in.view))
		}
		return boolNum(in.regexOf(e).MatchString(in.recordStr()))
	case *matchExpr:
		// A field against a constant regular expression is matched in
		// the record's bytes (a dynamic one is an expression, which
		// could read the next record).
		if f, ok := e.l.(*fieldRef); ok && in.lazy {
			if _, ok := unparen(e.re).(*regexLit); ok {
				i := in.fieldIndex(f)
				if b, _, ok := in.lazyField(i); ok {
					return boolNum(in.regexOf(e.re).Match(b) != e.neg)
				}
				return boolNum(in.regexOf(e.re).MatchString(in.toStr(in.field(i))) != e.neg)
			}
		}
		s := in.toStr(in.eval(e.l))
		return boolNum(in.regexOf(e.re).MatchString(s) != e.neg)
	case *andExpr:
		return boolNum(truth(in.eval(e.l)) && truth(in.eval(e.r)))
	case *orExpr:
		return boolNum(truth(in.eval(e.l)) || truth(in.eval(e.r)))
	case *condExpr:
		if truth(in.eval(e.c)) {
			return in.eval(e.a)
		}
		return in.eval(e.b)
	case *unaryExpr:
		switch e.op {
		case tNot:
			return boolNum(!truth(in.eval(e.x)))
		case tMinus:
			return num(-in.evalNum(e.x))
		}
		return num(in.evalNum(e.x))
	case *incDecExpr:
		return in.incDec(e)
	case *inExpr:
		key := in.subscript(e.keys)
		return boolNum(in.array(e.arr).Get(key) != nil)
	case *groupExpr:
		if len(e.items) == 1 {
			return in.eval(e.items[0])
		}
		var b strings.Builder
		for i, x := range e.items {
			if i > 0 {
				b.WriteString(in.subsep)
			}
			b.WriteString(in.toStr(in.eval(x)))
		}
		return str(b.String())
	case *builtinCall:
		return in.callBuiltin(e)
	case *userCall:
		return in.callUser(e)
	case *getlineExpr:
		return in.getline(e)
	}
	in.fatal("Possible syntax error")
	return Cell{}
}

// compare is BusyBox's comparison: numeric when both sides are numbers
// (by subtracting, so NaN and inf-inf compare as BusyBox's do), else by
// bytes.
// compareField compares a field with a constant ($3 > 100, 0 == $1,
// $1 == "GET") while the record is bytes, with no string made: a field
// that looks numeric against a number compares as its number, anything
// against a string as bytes; ok is false for other comparisons, which
// eval does.
func (in *interp) compareField(e *binaryExpr) (c Cell, ok bool) {
	if !in.lazy {
		return Cell{}, false
	}
	f, fok := e.l.(*fieldRef)
	k, kok := constant(e.r)
	swapped := false
	if !fok || !kok {
		f, fok = e.r.(*fieldRef)
		k, kok = constant(e.l)
		swapped = true
	}
	if !fok || !kok {
		return Cell{}, false
	}
	i := in.fieldIndex(f)
	b, found, lazy := in.lazyField(i)
	var fc Cell
	switch {
	case lazy && k.kind == kStr && !in.icase:
		d := compareBytes(b, k.s)
		if swapped {
			d = -d
		}
		return boolNum(in.compare(e.op, num(float64(d)), num(0))), true
	case lazy && !found:
		// Past NF: uninitialized, as field gives it.
	case lazy && k.kind == kNum && len(b) > 0: // "" is a string
		v, n := strtod(string(b))
		for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
			n++
		}
		if n == len(b) { // numeric, as classify decides
			fc = Cell{n: v, kind: kStrnum}
			break
		}
		fc = in.field(i)
	default:
		fc = in.field(i)
	}
	if swapped {
		return boolNum(in.compare(e.op, k, fc)), true
	}
	return boolNum(in.compare(e.op, fc, k)), true
}

// constant returns the value of a number or string constant.
func constant(e Expr) (Cell, bool) {
	switch e := e.(type) {
	case *numLit:
		return e.v, true
	case *strLit:
		return e.v, true
	}
	return Cell{}, false
}

// compareBytes is strings.Compare(string(b), s).
func compareBytes(b []byte, s string) int {
	for i := 0; i < len(b) && i < len(s); i++ {
		if b[i] != s[i] {
			if b[i] < s[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(b) < len(s):
		return -1
	case len(b) > len(s):
		return 1
	}
	return 0
}

func (in *interp) compare(op tok, l, r Cell) bool {
	var d float64
	if l.isNum() && r.isNum() {
		d = toNum(l) - toNum(r)
	} else {
		ls, rs := in.toStr(l), in.toStr(r)
		if in.icase {
			d = float64(strcasecmp(ls, rs))
		} else {
			d = float64(strings.Compare(ls, rs))
		}
	}
	switch op {
	case tEq:
		return d == 0
	case tNe:
		return !(d == 0)
	case tGt:
		return d > 0
	case tGe:
		return d >= 0
	case tLt:
		return !(d >= 0)
	}
	return !(d > 0) // tLe
}

func strcasecmp(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := lower(a[i]), lower(b[i])
		if x != y {
			return int(x) - int(y)
		}
	}
	return len(a) - len(b)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// arith does a binary arithmetic operator.
func (in *interp) arith(op tok, l, r float64, line int) float64 {
	switch op {
	case tPlus, tAddAssign:
		return l + r
	case tMinus, tSubAssign:
		return l - r
	case tMul, tMulAssign:
		return l * r
	case tDiv, tDivAssign:
		if r == 0 {
			in.fatalAt(line, "Division by zero")
		}
		return l / r
	case tMod, tModAssign:
		if r == 0 {
			in.fatalAt(line, "Division by zero")
		}
		q := l / r
		var t float64
		if q >= -9223372036854775808 && q < 9223372036854775808 {
			t = math.Trunc(q)
		} else {
			t = -9223372036854775808 // C's (long long) on x86
		}
		return l - t*r
	case tPow, tPowAssign:
		return pow(l, r)
	}
	return 0
}

// pow is C's pow, whose NaN for a negative base and a fractional
// exponent prints as "-nan".
func pow(x, y float64) float64 {
	v := math.Pow(x, y)
	if math.IsNaN(v) && !math.IsNaN(x) && !math.IsNaN(y) {
		return negNaN()
	}
	return v
}

// assign evaluates an assignment: the lvalue's place first (a subscript,
// a field number), then the value, as BusyBox does.
func (in *interp) assign(e *assignExpr) Cell {
	switch lv := e.lhs.(type) {
	case *varRef:
		if e.op == tAssign {
			v := in.eval(e.rhs)
			in.store(lv, v)
			return v
		}
		l := toNum(in.eval(lv))
		v := num(in.arith(e.op, l, in.evalNum(e.rhs), e.line))
		in.store(lv, v)
		return v
	case *indexRef:
		p := in.array(lv.arr).Ref(in.subscript(lv.keys))
		if e.op == tAssign {
			v := in.eval(e.rhs)
			*p = v
			return v
		}
		l := toNum(*p)
		r := in.evalNum(e.rhs)
		v := num(in.arith(e.op, l, r, e.line))
		// The element may have been deleted by the right-hand side;
		// BusyBox writes to its old place, which is gone: so do we.
		*p = v
		return v
	case *fieldRef:
		i := in.fieldIndex(lv)
		if e.op == tAssign {
			v := in.eval(e.rhs)
			in.setField(i, v)
			return v
		}
		l := toNum(in.field(i))
		v := num(in.arith(e.op, l, in.evalNum(e.rhs), e.line))
		in.setField(i, v)
		return v
	}
	in.fatalAt(e.line, "Possible syntax error")
	return Cell{}
}

func (in *interp) incDec(e *incDecExpr) Cell {
	switch lv := e.lv.(type) {
	case *indexRef:
		p := in.array(lv.arr).Ref(in.subscript(lv.keys))
		old := toNum(*p)
		*p = num(old + e.diff)
		if e.pre {
			return *p
		}
		return num(old)
	case *fieldRef:
		i := in.fieldIndex(lv)
		old := toNum(in.field(i))
		in.setField(i, num(old+e.diff))
		if e.pre {
			return num(old + e.diff)
		}
		return num(old)
	}
	old := toNum(in.eval(e.lv))
	in.store(e.lv, num(old+e.diff))
	if e.pre {
		return num(old + e.diff)
	}
	return num(old)
}

// maxDepth bounds the nesting of function calls: far beyond what a
// script needs, and short of what would exhaust the goroutine's stack
// (which would end the whole process, the shell with it).
const maxDepth = 20000

func (in *interp) callUser(c *userCall) Cell {
	f := c.fn
	if f == nil {
		in.fatalAt(c.line, "Call to undefined function")
	}
	frame := make([]variable, len(f.params))
	for i, a := range c.args {
		if i >= len(f.params) {
			in.eval(a) // evaluated, and dropped
			continue
		}
		if vr, ok := unparen(a).(*varRef); ok {
			frame[i].c = in.eval(vr)
			frame[i].ref = in.root(vr)
			continue
		}
		frame[i].c = in.eval(a)
	}
	if in.depth >= maxDepth {
		in.fatalAt(c.line, "Function call nesting too deep")
	}
	saved, savedLine := in.frame, in.line
	in.frame = frame
	in.depth++
	in.retval = Cell{}
	ctl := in.exec(f.body)
	in.depth--
	in.frame, in.line = saved, savedLine
	switch ctl {
	case ctlReturn:
		v := in.retval
		in.retval = Cell{}
		return v
	case ctlNext, ctlNextFile, ctlExit:
		panic(exitPanic{ctl})
	}
	return Cell{}
}
