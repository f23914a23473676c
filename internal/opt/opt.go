// Package opt parses command-line options with BusyBox's getopt32
// semantics, from a declaration instead of hand-written loops.
//
// A Spec names the short options getopt-style ("ab:c::": a flag, one with
// a required argument, one with an optional attached argument), the long
// options, and the relations between them: groups where the last one given
// wins, pairs that may not be combined, and options that imply others.
// Parse returns a Result that answers by key: a short option's key is its
// letter, a long-only option's key is its name.
//
// As with getopt_long, options and operands may be mixed (operands are
// collected in order) unless Spec.StopAtOperand is set; "--" ends the
// options; "-" is an operand; bundled flags ("-la"), attached ("-w80") and
// separate ("-w 80") arguments, "--name=value" and "--name value", and
// unambiguous prefixes of long names are accepted.
//
// # Declared beside the applet
//
// An applet declares its Spec in its applet.Applet value, as BusyBox
// keeps the getopt string beside the usage text:
//
//	var Applet = applet.Applet{
//		Name:    "rm",
//		Usage:   "[-irf] FILE...",
//		Options: &opt.Spec{Short: "fiRrv", Exclusive: []string{"fi"}},
//		Main:    run,
//	}
//
//	func run(ctx *applet.Ctx, args []string) error {
//		o, err := opt.Parse(ctx.Options(), args)
//
// Main gets the Spec from its Ctx because it cannot name its own Applet
// value (that would be an initialisation cycle). The composite literal
// is static data: no code runs at start-up to build it. COMPATIBILITY.md
// (scripts/compat), the tests of help texts and completion read the same
// declaration through Declared.
//
// An applet whose arguments are not getopt's (echo's "-neE" only while
// every letter is one of them, test's expressions, dd's "if=FILE"
// operands) sets Spec.Manual and parses them itself; its Spec still
// declares what it accepts.
//
// Parse's errors are this package's UsageError (musl getopt's messages,
// printed by the runtime before the usage text); package applet
// re-exports it under the same name, so this package does not depend on
// the runtime that reads it.
//
// "--help" is no option here: as in BusyBox, the runtime answers a first
// argument of "--help" before the applet runs (applet.Run), and anywhere
// else it is an unrecognized option like any other.
package opt

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// UsageError reports bad command-line usage: the runtime prints the
// message (if any) as "NAME: message", then the applet's usage, on stderr,
// and exits with Code (1 when zero). applet.UsageError is this type.
type UsageError struct {
	Msg  string
	Code int
}

func (e *UsageError) Error() string { return e.Msg }

// usage returns a UsageError with a formatted message.
func usage(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// Arg says whether an option takes an argument.
type Arg int

// Argument kinds.
const (
	None     Arg = iota // a flag
	Required            // -x VAL, -xVAL, --name=VAL, --name VAL
	Optional            // only attached: -xVAL, --name=VAL
)

// Spec declares an applet's options. The zero Spec accepts no options.
type Spec struct {
	// Short options, getopt style: "ab:c::".
	Short string
	// Long options, space separated: "name" (a flag), "name:" (required
	// argument), "name::" (optional argument), "name=K" (an alias that sets
	// key K, usually a short letter, taking an argument if K does).
	Long string
	// Exclusive groups of short letters: giving one clears the others, so
	// the last given wins (ls -1 / -C / -l / -x).
	Exclusive []string
	// Conflicts lists pairs of keys "a b" that may not both be given.
	Conflicts []string
	// Implies lists "key=LETTERS": giving key also sets each letter.
	Implies []string
	// Number is the key that "-NUM" (all digits) sets, as in "head -5";
	// empty disables the shortcut.
	Number string
	// StopAtOperand stops option parsing at the first operand (getopt32's
	// leading "+"), for applets that run a command: env, nice, timeout.
	StopAtOperand bool
	// MinArgs and MaxArgs bound the number of operands (MaxArgs 0: no
	// limit). Violations are usage errors, as with getopt32's "-N" / "?N".
	MinArgs, MaxArgs int
	// Plain parses as getopt(3) does, without long options, for the
	// applets BusyBox writes with plain getopt (head): "--name" is the
	// option '-' followed by others, so musl says "unrecognized option: -".
	Plain bool

	// Manual marks an applet whose Main reads its arguments itself,
	// without Parse, because BusyBox's applet does not use getopt for
	// them (echo, test, dd, nice, printf, and those that take no
	// options). Short, Long, Number and Operands then declare what it
	// accepts, for help, COMPATIBILITY.md and completion.
	Manual bool
	// Operands lists, space separated, the words Main recognises among
	// its operands: keywords such as dd's "if= of= bs=", or env's lone
	// "-". They are not parsed here; they are declared so that they can
	// be listed and checked against the help text.
	Operands string
	// Undocumented lists, space separated, the keys of options that are
	// accepted but left out of the help text, as BusyBox leaves them out
	// of its usage (cp's -v, cat's -u, ls's -k): help texts follow
	// BusyBox's word for word.
	Undocumented string
}

// Result is the outcome of Parse.
type Result struct {
	// Args are the operands, in order.
	Args  []string
	count map[string]int
	vals  map[string][]string
	order []string // keys in the order given, for Seen
}

// Has reports whether key was given (and not cleared by an exclusive
// group).
func (r *Result) Has(key string) bool { return r.count[key] > 0 }

// Count returns how many times key was given (-vv counts 2).
func (r *Result) Count(key string) int { return r.count[key] }

// Str returns the last argument given to key, or "".
func (r *Result) Str(key string) string {
	v := r.vals[key]
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}

// StrOr returns the last argument given to key, or def if key was not
// given.
func (r *Result) StrOr(key, def string) string {
	if v := r.vals[key]; len(v) > 0 {
		return v[len(v)-1]
	}
	return def
}

// List returns every argument given to key, in order.
func (r *Result) List(key string) []string { return r.vals[key] }

// Order returns the keys in the order they were given, repeats included.
func (r *Result) Order() []string { return r.order }

// Set marks key as given, for applets whose defaults depend on others.
func (r *Result) Set(key string) { r.count[key]++ }

// Clear unsets key.
func (r *Result) Clear(key string) { delete(r.count, key); delete(r.vals, key) }

type longOpt struct {
	name string
	key  string
	arg  Arg
}

// shorts calls f for each short option of s, in declaration order.
func (s *Spec) shorts(f func(r rune, arg Arg)) {
	for rest := s.Short; rest != ""; {
		r, n := utf8.DecodeRuneInString(rest)
		rest = rest[n:]
		arg := None
		if strings.HasPrefix(rest, "::") {
			arg, rest = Optional, rest[2:]
		} else if strings.HasPrefix(rest, ":") {
			arg, rest = Required, rest[1:]
		}
		f(r, arg)
	}
}

// longs decodes s.Long; an alias "name=K" of a short letter K takes K's
// argument kind from short.
func (s *Spec) longs(short map[rune]Arg) []longOpt {
	var out []longOpt
	for _, f := range strings.Fields(s.Long) {
		lo := longOpt{}
		switch {
		case strings.Contains(f, "="):
			lo.name, lo.key, _ = strings.Cut(f, "=")
			if r, _ := utf8.DecodeRuneInString(lo.key); utf8.RuneLen(r) == len(lo.key) {
				lo.arg = short[r]
			}
		case strings.HasSuffix(f, "::"):
			lo.name, lo.arg = strings.TrimSuffix(f, "::"), Optional
		case strings.HasSuffix(f, ":"):
			lo.name, lo.arg = strings.TrimSuffix(f, ":"), Required
		default:
			lo.name = f
		}
		if lo.key == "" {
			lo.key = lo.name
		}
		out = append(out, lo)
	}
	return out
}

type parser struct {
	spec  *Spec
	short map[rune]Arg
	long  []longOpt
	res   *Result
}

// Parse parses args (without the applet name) according to spec, usually
// the applet's declaration: opt.Parse(ctx.Options(), args). A nil spec
// accepts no options. Errors are *UsageError values carrying musl
// getopt's messages.
func Parse(spec *Spec, args []string) (*Result, error) {
	if spec == nil {
		spec = &Spec{}
	}
	p := &parser{spec: spec, short: map[rune]Arg{}, res: &Result{count: map[string]int{}, vals: map[string][]string{}}}
	spec.shorts(func(r rune, arg Arg) { p.short[r] = arg })
	p.long = spec.longs(p.short)
	if err := p.parse(args); err != nil {
		return nil, err
	}
	n := len(p.res.Args)
	if n < spec.MinArgs || spec.MaxArgs > 0 && n > spec.MaxArgs {
		return nil, usage("")
	}
	if err := p.res.conflict(spec); err != nil {
		return nil, err
	}
	return p.res, nil
}

func (p *parser) parse(args []string) error {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			p.res.Args = append(p.res.Args, args[i+1:]...)
			return nil
		case strings.HasPrefix(a, "--") && !p.spec.Plain:
			used, err := p.parseLong(a[2:], args[i+1:])
			if err != nil {
				return err
			}
			i += used
		case len(a) > 1 && a[0] == '-':
			if p.spec.Number != "" && isDigits(a[1:]) {
				p.set(p.spec.Number, a[1:], true)
				continue
			}
			used, err := p.parseShort(a[1:], args[i+1:])
			if err != nil {
				return err
			}
			i += used
		default:
			if p.spec.StopAtOperand {
				p.res.Args = append(p.res.Args, args[i:]...)
				return nil
			}
			p.res.Args = append(p.res.Args, a)
		}
	}
	return nil
}

func (p *parser) parseShort(s string, rest []string) (used int, err error) {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		s = s[n:]
		arg, ok := p.short[r]
		if !ok {
			return 0, usage("unrecognized option: %c", r)
		}
		key := string(r)
		switch arg {
		case None:
			p.set(key, "", false)
			continue
		case Optional:
			p.set(key, s, s != "")
			return 0, nil
		}
		if s != "" {
			p.set(key, s, true)
			return 0, nil
		}
		if len(rest) == 0 {
			return 0, usage("option requires an argument: %c", r)
		}
		p.set(key, rest[0], true)
		return 1, nil
	}
	return 0, nil
}

func (p *parser) parseLong(s string, rest []string) (used int, err error) {
	name, val, hasVal := strings.Cut(s, "=")
	lo, err := p.findLong(name, s)
	if err != nil {
		return 0, err
	}
	switch lo.arg {
	case None:
		if hasVal {
			return 0, usage("option does not take an argument: %s", lo.name)
		}
		p.set(lo.key, "", false)
	case Optional:
		p.set(lo.key, val, hasVal)
	case Required:
		if !hasVal {
			if len(rest) == 0 {
				return 0, usage("option requires an argument: %s", lo.name)
			}
			val, used = rest[0], 1
		}
		p.set(lo.key, val, true)
	}
	return used, nil
}

// findLong finds the long option name (or the one it is an unambiguous
// prefix of). arg is the whole argument after "--", which musl's messages
// quote ("unrecognized option: foo=bar").
func (p *parser) findLong(name, arg string) (*longOpt, error) {
	var match *longOpt
	ambiguous := false
	for i := range p.long {
		lo := &p.long[i]
		if lo.name == name {
			return lo, nil
		}
		if strings.HasPrefix(lo.name, name) && name != "" {
			if match != nil && match.key != lo.key {
				ambiguous = true
			}
			match = lo
		}
	}
	if ambiguous {
		return nil, usage("option is ambiguous: %s", arg)
	}
	if match == nil {
		return nil, usage("unrecognized option: %s", arg)
	}
	return match, nil
}

// set records key (with its argument if hasVal) and applies the spec's
// exclusive groups and implications.
func (p *parser) set(key, val string, hasVal bool) {
	if len(key) == 1 {
		for _, g := range p.spec.Exclusive {
			if strings.Contains(g, key) {
				for _, other := range g {
					if string(other) != key {
						delete(p.res.count, string(other))
					}
				}
			}
		}
	}
	p.res.count[key]++
	p.res.order = append(p.res.order, key)
	if hasVal {
		p.res.vals[key] = append(p.res.vals[key], val)
	}
	for _, imp := range p.spec.Implies {
		k, letters, _ := strings.Cut(imp, "=")
		if k == key {
			for _, l := range letters {
				if p.res.count[string(l)] == 0 {
					p.res.count[string(l)] = 1
				}
			}
		}
	}
}

// conflict applies the spec's Conflicts after parsing.
func (r *Result) conflict(spec *Spec) error {
	for _, c := range spec.Conflicts {
		f := strings.Fields(c)
		if len(f) == 2 && r.Has(f[0]) && r.Has(f[1]) {
			return usage("")
		}
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// IsUsage reports whether err is a usage error.
func IsUsage(err error) bool {
	var ue *UsageError
	return errors.As(err, &ue)
}

// AtoiPositive is BusyBox's xatoi_positive: decimal digits only (no sign,
// no blanks) that fit an unsigned int, else "invalid number 'x'"; above
// INT_MAX, "number x is not in 0..2147483647 range".
func AtoiPositive(s string) (int, error) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, errors.New("invalid number '" + s + "'")
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, errors.New("invalid number '" + s + "'")
	}
	if n > math.MaxInt32 {
		return 0, fmt.Errorf("number %s is not in 0..%d range", s, math.MaxInt32)
	}
	return int(n), nil
}

// Atoi parses a decimal option argument, returning a BusyBox-style error
// ("invalid number 'x'") on failure.
func Atoi(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New("invalid number '" + s + "'")
	}
	return n, nil
}
