// Package grep is the grep, egrep and fgrep applets: BusyBox 1.36's
// findutils/grep.c as Alpine builds it (context options on, EXTRA_COMPAT
// off), with -z, --include, --exclude and --exclude-dir added from GNU
// grep (docs/compat/grep.md).
//
// A line ends at a newline or, as BusyBox reads lines, at a NUL byte;
// each is printed with a newline. Patterns are kept in BusyBox's order
// (the reverse of the command line's), which decides what -o prints when
// several match. Regular expressions are compiled when the first line
// needs them, so a bad one is reported only then, as BusyBox does.
//
// The work is split by job: options (this file), matching one line
// (match.go), finding candidate lines in a whole buffer at once
// (find.go, literal.go), reading and the per-line state machine of
// BusyBox's grep_file (scan.go), output (output.go) and -r (recurse.go).
package grep

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// The grep, egrep and fgrep entries in gobox's applet table
// (applets/all). BusyBox gives egrep and fgrep no usage text of their own
// (NOUSAGE_STR); they share grep's.
var (
	Applet = applet.Applet{Name: "grep", Path: "/bin", Usage: usage, Help: help, NoFork: true, Main: runGrep,
		Options: &opt.Spec{Short: short, Long: long, Exclusive: []string{"Hh"}, Undocumented: undocumented}}
	Egrep = applet.Applet{Name: "egrep", Path: "/bin", Usage: usage, Help: help, NoFork: true, Main: runEgrep,
		Options: &opt.Spec{Short: short, Long: long, Exclusive: []string{"Hh"}, Undocumented: undocumented}}
	Fgrep = applet.Applet{Name: "fgrep", Path: "/bin", Usage: usage, Help: help, NoFork: true, Main: runFgrep,
		Options: &opt.Spec{Short: short, Long: long, Exclusive: []string{"Hh"}, Undocumented: undocumented}}
)

const usage = "[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]..."

const help = `Search for PATTERN in FILEs (or stdin)

	-H	Add 'filename:' prefix
	-h	Do not add 'filename:' prefix
	-n	Add 'line_no:' prefix
	-l	Show only names of files that match
	-L	Show only names of files that don't match
	-c	Show only count of matching lines
	-o	Show only the matching part of line
	-q	Quiet. Return 0 if PATTERN is found, 1 otherwise
	-v	Select non-matching lines
	-s	Suppress open and read errors
	-r	Recurse
	-R	Recurse and dereference symlinks
	-i	Ignore case
	-w	Match whole words only
	-x	Match whole lines only
	-F	PATTERN is a literal (not regexp)
	-E	PATTERN is an extended regexp
	-m N	Match up to N times per file
	-A N	Print N lines of trailing context
	-B N	Print N lines of leading context
	-C N	Same as '-A N -B N'
	-e PTRN	Pattern to match
	-f FILE	Read pattern from file`

// The options: BusyBox's getopt string "lnqvscFiHhe:*f:*LorRm:+wxA:+B:+C:+EaI"
// with its "--color[=WHEN]" (accepted and ignored, as are -a and -I),
// plus GNU's -z, --include, --exclude and --exclude-dir, which Alpine's
// build lacks. Of -H and -h the last given wins.
const (
	short        = "lnqvscFiHhe:f:LorRm:wxA:B:C:EaIz"
	long         = "color:: include: exclude: exclude-dir:"
	undocumented = "a I z color include exclude exclude-dir"
)

func runGrep(ctx *applet.Ctx, args []string) error  { return run(ctx, args, 0) }
func runEgrep(ctx *applet.Ctx, args []string) error { return run(ctx, args, 'E') }
func runFgrep(ctx *applet.Ctx, args []string) error { return run(ctx, args, 'F') }

// options is what grep's arguments ask for, after BusyBox's sanity
// checks (-c, -q, -l and -L turn off -n and the context).
type options struct {
	list, listNot, count, quiet    bool // -l -L -c -q
	invert                         bool // -v as given (print_line's -ov case)
	suppress, only, lineNum        bool // -s -o -n
	fixed, icase, word, whole, ere bool // -F -i -w -x -E
	recurse, deref                 bool // -r or -R; -R
	nul                            bool // -z
	hasMax                         bool
	max, after, before             int
	nameH, nameh                   bool // -H, -h
	include, exclude, excludeDir   []string
}

// status2 gives an error of the arguments the status BusyBox's grep
// dies with (its xfunc_error_retval, 2): usage, bad numbers, a -f FILE
// it cannot open.
func status2(err error) error {
	var ue *applet.UsageError
	if errors.As(err, &ue) {
		ue.Code = 2
		return ue
	}
	var ee *applet.ExitError
	if errors.As(err, &ee) {
		ee.Code = 2
		return ee
	}
	return err
}

func run(ctx *applet.Ctx, args []string, flavour byte) error {
	g, operands, err := newGrep(ctx, args, flavour)
	if err != nil {
		return status2(err)
	}
	return g.run(operands)
}

// newGrep reads grep's arguments, and its -f FILEs: the grep to run,
// and the operands left to it.
func newGrep(ctx *applet.Ctx, args []string, flavour byte) (*grep, []string, error) {
	o, r, err := parseOptions(ctx, args)
	if err != nil {
		return nil, nil, err
	}
	switch flavour {
	case 'E':
		o.ere = true
	case 'F':
		o.fixed = true
	}
	g := &grep{ctx: ctx, opts: o, invert: o.invert}
	operands := r.Args
	if err := g.loadPatterns(r, &operands); err != nil {
		return nil, nil, err
	}
	g.printName = len(operands) > 1
	if o.nameH {
		g.printName = true
	}
	if o.nameh {
		g.printName = false
	}
	g.context = o.before > 0 || o.after > 0
	g.eol = '\n'
	if o.nul {
		g.eol = 0
	}
	return g, operands, nil
}

// run greps the operands and returns grep's status: 2 if a file could
// not be opened, else 0 if a line was selected (or -L printed a name),
// else 1.
func (g *grep) run(operands []string) error {
	g.w = g.ctx.BufWriter(g.ctx.Stdout, 32*1024)
	err := g.operands(operands)
	if ferr := g.w.Flush(); err == nil && ferr != nil {
		return nil // the runtime reports the write error it saw
	}
	if err != nil {
		if _, ok := err.(quit); ok {
			return nil
		}
		return err
	}
	if g.openErr {
		return applet.Exit(2)
	}
	if !g.matched {
		return applet.Exit(1)
	}
	return nil
}

// parseOptions parses the arguments as BusyBox's getopt32 call does:
// numbers are xatoi_positive's, -C sets whichever of -A and -B no later
// option gave, and -c, -q, -l and -L turn off -n and the context.
func parseOptions(ctx *applet.Ctx, args []string) (options, *opt.Result, error) {
	var o options
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return o, nil, err
	}
	flags := map[byte]*bool{
		'l': &o.list, 'L': &o.listNot, 'c': &o.count, 'q': &o.quiet, 'v': &o.invert,
		's': &o.suppress, 'o': &o.only, 'n': &o.lineNum, 'F': &o.fixed, 'i': &o.icase,
		'w': &o.word, 'x': &o.whole, 'E': &o.ere, 'R': &o.deref, 'z': &o.nul,
		'H': &o.nameH, 'h': &o.nameh,
	}
	for k, p := range flags {
		*p = r.Has(string(k))
	}
	o.recurse = r.Has("r") || o.deref
	// The numbers in the order given: a bad one is reported where
	// getopt32 meets it; -C gives way to an -A or -B after it.
	var copt int
	var hasC, afterSet, beforeSet bool
	seen := map[string]int{}
	for _, k := range r.Order() {
		var dst *int
		switch k {
		case "m":
			dst, o.hasMax = &o.max, true
		case "A":
			dst, afterSet = &o.after, true
		case "B":
			dst, beforeSet = &o.before, true
		case "C":
			dst, hasC, afterSet, beforeSet = &copt, true, false, false
		default:
			continue
		}
		v := r.List(k)[seen[k]]
		seen[k]++
		n, err := count(v)
		if err != nil {
			return o, nil, err
		}
		*dst = n
	}
	if hasC {
		if !afterSet {
			o.after = copt
		}
		if !beforeSet {
			o.before = copt
		}
	}
	if o.count || o.quiet || o.list || o.listNot {
		o.lineNum = false
		o.before, o.after = 0, 0
	}
	o.include = r.List("include")
	o.exclude = r.List("exclude")
	o.excludeDir = r.List("exclude-dir")
	return o, r, nil
}

// count parses a number as getopt32's "+" does (xatoi_positive), with
// its messages.
func count(s string) (int, error) {
	n, bad := strconv.ParseUint(s, 10, 32)
	switch {
	case s == "" || s[0] < '0' || s[0] > '9' || bad != nil:
		return 0, applet.Exitf(2, "invalid number '%s'", s)
	case n > math.MaxInt32:
		return 0, applet.Exitf(2, "number %s is not in 0..%d range", s, math.MaxInt32)
	}
	return int(n), nil
}

// loadPatterns builds the pattern list as BusyBox does: each -e argument
// split at newlines, then each line of each -f FILE, the whole list in
// reverse; without either, the first operand (taken from operands). An
// empty -f FILE and no -e mean a pattern that matches every line ("", or
// ".*" with -x), with -v reversed: nothing matches.
func (g *grep) loadPatterns(r *opt.Result, operands *[]string) error {
	var texts [][]byte
	for _, e := range r.List("e") {
		texts = appendSplit(texts, e)
	}
	for _, f := range r.List("f") {
		var err error
		if texts, err = g.readPatternFile(texts, f); err != nil {
			return err
		}
	}
	if len(texts) == 0 && r.Has("f") {
		p := ""
		if g.opts.whole {
			p = ".*"
		}
		texts = append(texts, []byte(p))
		g.invert = !g.invert
	}
	if len(texts) == 0 {
		if len(*operands) == 0 {
			return applet.Usage("")
		}
		texts = appendSplit(texts, (*operands)[0])
		*operands = (*operands)[1:]
	}
	g.pats = make([]*pattern, len(texts))
	for i, t := range texts {
		g.pats[len(texts)-1-i] = &pattern{text: t}
	}
	return nil
}

// appendSplit appends the newline-separated parts of s (strsep's: "a\n"
// is "a" and "").
func appendSplit(texts [][]byte, s string) [][]byte {
	for {
		i := bytes.IndexByte([]byte(s), '\n')
		if i < 0 {
			return append(texts, []byte(s))
		}
		texts = append(texts, []byte(s[:i]))
		s = s[i+1:]
	}
}

// readPatternFile appends the lines of FILE ("-" is standard input),
// which end at a newline or a NUL as BusyBox reads them.
func (g *grep) readPatternFile(texts [][]byte, name string) ([][]byte, error) {
	var in io.Reader = g.ctx.Stdin
	if name != "-" {
		f, err := os.Open(g.ctx.Path(name))
		if err != nil {
			return nil, applet.PerrorCode(2, err, "%s", name)
		}
		defer f.Close()
		in = f
	}
	data, _ := io.ReadAll(in) // BusyBox's getline stops silently at a read error
	for len(data) > 0 {
		i := bytes.IndexAny(data, "\n\x00")
		if i < 0 {
			texts = append(texts, data)
			break
		}
		texts = append(texts, data[:i:i])
		data = data[i+1:]
	}
	return texts, nil
}

// operands greps each operand in turn: "-" (and no operand) is standard
// input, a directory with -r is walked.
func (g *grep) operands(names []string) error {
	if len(names) == 0 {
		names = []string{"-"}
	}
	for _, name := range names {
		if g.ctx.Cancelled() {
			return applet.Exit(130)
		}
		var err error
		if name == "-" {
			err = g.grepReader(g.ctx.Stdin, "(standard input)")
		} else {
			err = g.grepOperand(name)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// grepOperand greps a named operand: with -r a directory (or a symlink
// to one) is walked, and printing file names is turned on for good.
func (g *grep) grepOperand(name string) error {
	p := g.ctx.Path(name)
	if g.opts.recurse {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			if !g.opts.nameh {
				g.printName = true
			}
			return g.grepDir(name, p)
		}
	}
	if g.excluded(name) {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		if !g.opts.suppress {
			g.ctx.Perror(err, "%s", name)
		}
		g.openErr = true
		return nil
	}
	defer f.Close()
	return g.grepReader(f, name)
}

// excluded reports whether --include and --exclude leave out the file
// name (matched by its last component, as GNU grep does).
func (g *grep) excluded(name string) bool {
	if len(g.opts.include) == 0 && len(g.opts.exclude) == 0 {
		return false
	}
	base := path.Base(name)
	for _, pat := range g.opts.exclude {
		if ok, _ := path.Match(pat, base); ok {
			return true
		}
	}
	if len(g.opts.include) == 0 {
		return false
	}
	for _, pat := range g.opts.include {
		if ok, _ := path.Match(pat, base); ok {
			return false
		}
	}
	return true
}
