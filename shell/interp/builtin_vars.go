package interp

import (
	"sort"
	"strings"
)

// biExport is export and readonly: "-p" or no operand lists, "-n"
// (export) removes the attribute.
func biExport(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "np")
	if !ok {
		return 2
	}
	ro := args[0] == "readonly"
	unexport := !ro && strings.IndexByte(string(opts), 'n') >= 0
	if len(rest) == 0 {
		sh.showVars(args[0], func(x variable) bool {
			if ro {
				return x.readonly
			}
			return x.exported
		})
		return 0
	}
	for _, a := range rest {
		name, val, hasVal := strings.Cut(a, "=")
		if !validName(name) {
			return sh.raise("%s: bad variable name", name)
		}
		if hasVal {
			if err := sh.setVar(name, val); err != nil {
				return sh.raise("%s", err)
			}
		}
		x, _ := sh.vars.get(name)
		switch {
		case ro:
			x.readonly = true
		case unexport:
			x.exported = false
		default:
			x.exported = true
		}
		sh.vars.put(name, x)
		sh.envCache = nil
	}
	return 0
}

// showVars lists variables as "set", "export -p" and "readonly -p" do:
// sorted, values single-quoted.
func (sh *shell) showVars(prefix string, want func(variable) bool) {
	names := sh.vars.names()
	var b strings.Builder
	for _, n := range names {
		x, _ := sh.vars.get(n)
		if !want(x) {
			continue
		}
		if prefix != "" {
			b.WriteString(prefix)
			b.WriteByte(' ')
		}
		b.WriteString(n)
		if x.set {
			b.WriteByte('=')
			b.WriteString(singleQuote(sh.showValue(n, x)))
		}
		b.WriteByte('\n')
	}
	sh.out(b.String())
}

// showValue is a variable's value as listed (dynamic ones as ash has
// them: LINENO is empty outside a command that reads it).
func (sh *shell) showValue(name string, x variable) string {
	return x.val
}

func biUnset(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "vf")
	if !ok {
		return 2
	}
	flag := byte(0)
	if len(opts) > 0 {
		flag = opts[len(opts)-1]
	}
	for _, name := range rest {
		if flag == 'f' {
			if _, ok := sh.funcs.t.m[name]; ok {
				delete(sh.funcs.writable(), name)
			}
			continue
		}
		if !validName(name) {
			return sh.raise("%s: bad variable name", name)
		}
		if err := sh.unsetVar(name); err != nil {
			return sh.raise("%s", err)
		}
	}
	return 0
}

// biLocal makes variables local to the running function: their old
// state comes back when it returns. "local x" unsets x; "local -" saves
// the options.
func biLocal(sh *shell, args []string) int {
	if len(sh.locals) == 0 {
		return sh.raise("not in a function")
	}
	f := sh.locals[len(sh.locals)-1]
	if f == nil {
		f = &localFrame{}
		sh.locals[len(sh.locals)-1] = f
	}
	for _, a := range args[1:] {
		if a == "-" {
			if f.savedOpts == nil {
				o := sh.opts
				f.savedOpts = &o
			}
			continue
		}
		name, val, hasVal := strings.Cut(a, "=")
		if !validName(name) {
			return sh.raise("%s: bad variable name", name)
		}
		if f.names[name] {
			if hasVal {
				if err := sh.setVar(name, val); err != nil {
					return sh.raise("%s", err)
				}
			}
			continue
		}
		old, had := sh.vars.get(name)
		if old.readonly && hasVal {
			return sh.raise("%s", errReadonly(name))
		}
		if f.names == nil {
			f.names = map[string]bool{}
		}
		f.names[name] = true
		f.saved = append(f.saved, localSave{name: name, old: old, had: had})
		if hasVal {
			if err := sh.setVar(name, val); err != nil {
				return sh.raise("%s", err)
			}
		} else if had && !old.readonly {
			nx := old
			nx.val, nx.set = "", false
			sh.vars.put(name, nx)
			if old.exported {
				sh.envCache = nil
			}
			sh.varChanged(name, "")
		}
	}
	return 0
}

// biSet sets options and positional parameters, or lists variables.
func biSet(sh *shell, args []string) int {
	if len(args) == 1 {
		sh.showVars("", func(x variable) bool { return x.set })
		return 0
	}
	rest, st := sh.parseOptions(args[1:], false)
	if st != 0 {
		return st
	}
	if rest != nil {
		sh.params = append([]string(nil), rest...)
		sh.resetGetopts()
	}
	return 0
}

// parseOptions handles "set" and the shell's own option arguments. It
// returns the operands that replace the positional parameters (nil when
// they stay).
func (sh *shell) parseOptions(args []string, invocation bool) ([]string, int) {
	i := 0
	for i < len(args) {
		a := args[i]
		if len(a) == 0 || a[0] != '-' && a[0] != '+' {
			break
		}
		i++
		on := a[0] == '-'
		if on && (a == "-" || a == "--") {
			if a == "-" {
				sh.opts.set(optXtrace, false)
				sh.opts.set(optVerbose, false)
			} else if i == len(args) {
				return []string{}, 0
			}
			break
		}
		for j := 1; j < len(a); j++ {
			c := a[j]
			if c == 'o' {
				if i >= len(args) {
					sh.listOptions(on)
					continue
				}
				name := args[i]
				i++
				o, ok := optByName(name)
				if !ok {
					sh.errorf("illegal option %co %s", a[0], name)
					return nil, 1
				}
				sh.setOption(o, on)
				continue
			}
			o, ok := optByLetter(c)
			if !ok {
				return nil, sh.raise("illegal option %c%c", a[0], c)
			}
			sh.setOption(o, on)
		}
	}
	if i < len(args) || (i > 0 && args[i-1] == "--") {
		return args[i:], 0
	}
	return nil, 0
}

// setOption turns an option on or off.
func (sh *shell) setOption(o opt, on bool) {
	sh.opts.set(o, on)
	if o == optMonitor {
		sh.proc.setJobControl(sh, on)
	}
}

// listOptions prints "set -o" (on) or "set +o" (off) listings.
func (sh *shell) listOptions(on bool) {
	var b strings.Builder
	for _, i := range optInfo {
		if i.name == "" {
			continue
		}
		if on {
			st := "off"
			if sh.opts.has(i.o) {
				st = "on"
			}
			b.WriteString(i.name)
			b.WriteString(strings.Repeat(" ", max(16-len(i.name), 0)))
			b.WriteString(st)
			b.WriteByte('\n')
		} else {
			c := byte('+')
			if sh.opts.has(i.o) {
				c = '-'
			}
			b.WriteString("set ")
			b.WriteByte(c)
			b.WriteString("o ")
			b.WriteString(i.name)
			b.WriteByte('\n')
		}
	}
	sh.out(b.String())
}

// sortedKeys returns a map's keys sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
