package interp

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// biCommand is "command [-pvV] NAME [ARG...]": run NAME skipping
// functions, or describe it.
func biCommand(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "pvV")
	if !ok {
		return 2
	}
	path := sh.pathVal()
	verify := byte(0)
	for _, o := range opts {
		switch o {
		case 'p':
			path = defaultPath
		case 'v', 'V':
			verify = o
		}
	}
	if len(rest) == 0 {
		return 0
	}
	if verify != 0 {
		// ash describes the first operand only.
		return sh.describe(rest[0], path, verify)
	}
	r := sh.lookup(rest[0], true, path)
	if r.kind == kindBuiltin {
		return sh.runBuiltinAs(r.bi, rest, false)
	}
	return sh.runResolved(r, rest)
}

// biType describes each operand.
func biType(sh *shell, args []string) int {
	st := 0
	for _, a := range args[1:] {
		if a == "--" {
			continue
		}
		st |= sh.describe(a, sh.pathVal(), 'V')
	}
	return st
}

// describe prints what name is: for command -v (mode 'v') its path or
// name, for type and command -V (mode 'V') a sentence.
func (sh *shell) describe(name, path string, mode byte) int {
	w := sh.stdout()
	if isKeyword(name) && name != "[[" && name != "]]" {
		if mode == 'v' {
			fmt.Fprintf(w, "%s\n", name)
		} else {
			fmt.Fprintf(w, "%s is a shell keyword\n", name)
		}
		return 0
	}
	if a, ok := sh.aliases.get(name); ok {
		if mode == 'v' {
			fmt.Fprintf(w, "alias %s=%s\n", name, singleQuote(a))
		} else {
			fmt.Fprintf(w, "%s is an alias for %s\n", name, a)
		}
		return 0
	}
	r := sh.lookup(name, false, path)
	switch r.kind {
	case kindFunc:
		if mode == 'v' {
			fmt.Fprintf(w, "%s\n", name)
		} else {
			fmt.Fprintf(w, "%s is a function\n", name)
		}
	case kindBuiltin:
		if mode == 'v' {
			fmt.Fprintf(w, "%s\n", name)
		} else if r.bi.special {
			fmt.Fprintf(w, "%s is a special shell builtin\n", name)
		} else {
			fmt.Fprintf(w, "%s is a shell builtin\n", name)
		}
	case kindFile:
		p := r.path
		if !strings.HasPrefix(p, "/") {
			p = sh.path(p)
		}
		if mode == 'v' {
			fmt.Fprintf(w, "%s\n", p)
		} else {
			fmt.Fprintf(w, "%s is %s\n", name, p)
		}
	case kindApplet:
		if mode == 'v' {
			fmt.Fprintf(w, "%s\n", name)
		} else {
			fmt.Fprintf(w, "%s is a shell builtin\n", name)
		}
	default:
		if mode == 'V' {
			fmt.Fprintf(w, "%s: not found\n", name)
		}
		return 127
	}
	return 0
}

// biHash lists the remembered commands, or forgets them (-r), or looks
// names up.
func biHash(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "r")
	if !ok {
		return 2
	}
	if len(opts) > 0 {
		sh.hash = nil
		sh.hashShared = false
		return 0
	}
	if len(rest) == 0 {
		var b strings.Builder
		for _, k := range sortedKeys(sh.hash) {
			b.WriteString(sh.hash[k])
			b.WriteByte('\n')
		}
		sh.out(b.String())
		return 0
	}
	st := 0
	for _, n := range rest {
		r := sh.lookup(n, true, sh.pathVal())
		if r.kind == kindNone {
			sh.errorf("%s: not found", n)
			st = 1
		}
	}
	return st
}

// aliases is the alias table: replaced, never changed in place, so that
// copies may share it.
type aliases struct {
	m     map[string]string
	order []string
}

func (a *aliases) get(name string) (string, bool) {
	if a == nil {
		return "", false
	}
	v, ok := a.m[name]
	return v, ok
}

func (a *aliases) with(name, val string) *aliases {
	n := &aliases{m: map[string]string{}}
	if a != nil {
		for k, v := range a.m {
			n.m[k] = v
		}
		n.order = append(n.order, a.order...)
	}
	if _, ok := n.m[name]; !ok {
		n.order = append(n.order, name)
	}
	n.m[name] = val
	return n
}

func (a *aliases) without(name string) *aliases {
	n := &aliases{m: map[string]string{}}
	for k, v := range a.m {
		if k != name {
			n.m[k] = v
		}
	}
	for _, k := range a.order {
		if k != name {
			n.order = append(n.order, k)
		}
	}
	return n
}

// Alias returns an alias's text, for the parser's alias expansion.
func (sh *shell) Alias(name string) (string, bool) { return sh.aliases.get(name) }

func biAlias(sh *shell, args []string) int {
	if len(args) == 1 {
		if sh.aliases == nil {
			return 0
		}
		var b strings.Builder
		for _, k := range sortedKeys(sh.aliases.m) {
			b.WriteString(k + "=" + singleQuote(sh.aliases.m[k]) + "\n")
		}
		sh.out(b.String())
		return 0
	}
	st := 0
	for _, a := range args[1:] {
		name, val, has := strings.Cut(a, "=")
		if has {
			sh.aliases = sh.aliases.with(name, val)
			continue
		}
		v, ok := sh.aliases.get(name)
		if !ok {
			fmt.Fprintf(sh.stderr(), "alias: %s not found\n", name)
			st = 1
			continue
		}
		sh.out(name + "=" + singleQuote(v) + "\n")
	}
	return st
}

func biUnalias(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "a")
	if !ok {
		return 2
	}
	if len(opts) > 0 {
		sh.aliases = nil
		return 0
	}
	st := 0
	for _, n := range rest {
		if _, ok := sh.aliases.get(n); !ok {
			fmt.Fprintf(sh.stderr(), "unalias: %s not found\n", n)
			st = 1
			continue
		}
		sh.aliases = sh.aliases.without(n)
	}
	return st
}

func biHelp(sh *shell, args []string) int {
	var b strings.Builder
	b.WriteString("Built-in commands:\n------------------\n")
	col := 0
	for _, n := range strings.Fields(builtinNames) {
		sep := " "
		if col == 0 {
			sep = "\t"
		}
		b.WriteString(sep + n)
		col += 1 + len(n)
		if col > 60 {
			b.WriteByte('\n')
			col = 0
		}
	}
	b.WriteByte('\n')
	sh.out(b.String())
	return 0
}

func biHistory(sh *shell, args []string) int {
	if sh.proc.history != nil {
		for i, l := range sh.proc.history() {
			sh.outf("%4d %s\n", i, l)
		}
	}
	return 0
}

// biLet evaluates each argument as arithmetic; the status is 0 when the
// last is non-zero.
func biLet(sh *shell, args []string) int {
	if len(args) < 2 {
		return sh.raise("expression expected")
	}
	var v int64
	for _, a := range args[1:] {
		var err error
		v, err = sh.arithString(a)
		if err != nil {
			return sh.expandError(err)
		}
	}
	if v == 0 {
		return 1
	}
	return 0
}

// biGetopts is POSIX getopts with ash's messages.
func biGetopts(sh *shell, args []string) int {
	if len(args) < 3 {
		return sh.raise("usage: getopts optstring var [arg...]")
	}
	optstr, name := args[1], args[2]
	params := sh.params
	if len(args) > 3 {
		params = args[3:]
	}
	optind := 1
	if v, ok := sh.getVar("OPTIND"); ok {
		if n, err := strconv.Atoi(v); err == nil {
			optind = n
		}
	}
	if optind < 1 {
		optind = 1
	}
	// optOff is the offset inside params[optind-1] of the next letter;
	// a change of OPTIND from outside resets it (varChanged).
	silent := strings.HasPrefix(optstr, ":")
	if v, ok := sh.getVar("OPTERR"); ok && v == "0" {
		// BusyBox's getopts: OPTERR=0 is the silent mode too.
		silent = true
	}
	setOptind := func(n int) {
		sh.setVar("OPTIND", strconv.Itoa(n))
	}
	end := func() int {
		sh.setVar(name, "?")
		sh.unsetVar("OPTARG")
		return 1
	}
	if optind > len(params) {
		sh.optOff = 0
		setOptindKeep(sh, optind)
		return end()
	}
	arg := params[optind-1]
	off := sh.optOff
	if off == 0 {
		if len(arg) < 2 || arg[0] != '-' {
			return end()
		}
		if arg == "--" {
			setOptindKeep(sh, optind+1)
			return end()
		}
		off = 1
	}
	c := arg[off]
	off++
	next := func() {
		if off >= len(arg) {
			optind++
			off = 0
		}
	}
	i := strings.IndexByte(optstr, c)
	if i < 0 || c == ':' {
		if silent {
			sh.setVar("OPTARG", string(c))
		} else {
			fmt.Fprintf(sh.stderr(), "Illegal option -%c\n", c)
			sh.unsetVar("OPTARG")
		}
		sh.setVar(name, "?")
		next()
		setOptindKeep(sh, optind)
		sh.optOff = off
		return 0
	}
	if i+1 < len(optstr) && optstr[i+1] == ':' {
		if off < len(arg) {
			sh.setVar("OPTARG", arg[off:])
			optind++
			off = 0
		} else if optind < len(params) {
			sh.setVar("OPTARG", params[optind])
			optind += 2
			off = 0
		} else {
			if silent {
				sh.setVar("OPTARG", string(c))
				sh.setVar(name, ":")
			} else {
				fmt.Fprintf(sh.stderr(), "No arg for -%c option\n", c)
				sh.unsetVar("OPTARG")
				sh.setVar(name, "?")
			}
			optind++
			off = 0
			setOptindKeep(sh, optind)
			sh.optOff = off
			return 0
		}
	} else {
		sh.unsetVar("OPTARG")
		next()
	}
	sh.setVar(name, string(c))
	setOptindKeep(sh, optind)
	sh.optOff = off
	_ = setOptind
	return 0
}

// setOptindKeep sets OPTIND without resetting getopts' place in the
// current argument.
func setOptindKeep(sh *shell, n int) {
	off := sh.optOff
	sh.setVar("OPTIND", strconv.Itoa(n))
	sh.optOff = off
}

// resetGetopts starts getopts over (set, shift).
func (sh *shell) resetGetopts() {
	sh.optOff = 0
}

// biDot is "." and source: read and run a file in the current shell.
func biDot(sh *shell, args []string) int {
	rest := args[1:]
	if len(rest) > 0 && rest[0] == "--" {
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return 2
	}
	name := rest[0]
	full := name
	if !strings.Contains(name, "/") {
		full = ""
		for _, d := range strings.Split(sh.pathVal(), ":") {
			if d == "" {
				d = "."
			}
			c := strings.TrimSuffix(d, "/") + "/" + name
			if fi, err := os.Stat(sh.path(c)); err == nil && fi.Mode().IsRegular() {
				full = c
				break
			}
		}
		if full == "" {
			// ash (BASH_SOURCE_CURDIR): the current directory last.
			if fi, err := os.Stat(sh.path(name)); err == nil && fi.Mode().IsRegular() {
				full = name
			}
		}
		if full == "" {
			sh.raised = true
			sh.errorf("%s: not found", name)
			return 2
		}
	}
	f, err := os.Open(sh.path(full))
	if err != nil {
		sh.raised = true
		sh.errorf("can't open '%s': %s", name, errText(err))
		return 2
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		// ash: a directory reads as an empty file.
		return 0
	}
	oldParams := sh.params
	if len(rest) > 1 {
		sh.params = rest[1:]
	}
	oldName, oldScript, oldLine := sh.cmdName, sh.inScript, sh.lineno
	sh.cmdName = full
	sh.inScript = true
	sh.dotDepth++
	sh.status = 0
	st := sh.runReader(f, full, false)
	sh.dotDepth--
	sh.cmdName, sh.inScript, sh.lineno = oldName, oldScript, oldLine
	if len(rest) > 1 {
		sh.params = oldParams
	}
	if sh.ctl == ctlReturn && sh.funcDepth == 0 {
		sh.ctl = ctlNone
	}
	return st
}

// discard is for output nobody reads.
var _ = io.Discard
