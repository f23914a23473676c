package interp

import (
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
)

// variable is one shell variable. A variable can exist without a value
// ("export x", "readonly x", "local x"): set is false then.
type variable struct {
	val      string
	set      bool
	exported bool
	readonly bool
}

// varMap is a table of variables shared copy-on-write between a shell
// and its in-process copies (subshells, $(...), pipeline stages): a copy
// takes a reference, and whoever writes while others hold one clones the
// map first. A copy drops its reference when it ends, so the parent,
// which waits for it, writes in place again afterwards.
type varMap struct {
	m    map[string]variable
	refs atomic.Int32
}

func newVarMap(n int) *varMap {
	v := &varMap{m: make(map[string]variable, n)}
	v.refs.Store(1)
	return v
}

// vars is one shell's view of its variables.
type vars struct {
	t *varMap
}

func (v *vars) share() vars {
	v.t.refs.Add(1)
	return vars{t: v.t}
}

func (v *vars) release() {
	v.t.refs.Add(-1)
}

// writable makes the table this shell's own before a write.
func (v *vars) writable() map[string]variable {
	if v.t.refs.Load() > 1 {
		n := newVarMap(len(v.t.m) + 4)
		for k, x := range v.t.m {
			n.m[k] = x
		}
		v.t.refs.Add(-1)
		v.t = n
	}
	return v.t.m
}

func (v *vars) get(name string) (variable, bool) {
	x, ok := v.t.m[name]
	return x, ok
}

func (v *vars) put(name string, x variable) {
	v.writable()[name] = x
}

func (v *vars) del(name string) {
	if _, ok := v.t.m[name]; ok {
		delete(v.writable(), name)
	}
}

// names returns the variable names in sorted order.
func (v *vars) names() []string {
	out := make([]string, 0, len(v.t.m))
	for k := range v.t.m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// funcMap is the function table, shared copy-on-write like varMap.
type funcMap struct {
	m    map[string]*function
	refs atomic.Int32
}

type funcs struct{ t *funcMap }

func newFuncs() funcs {
	f := &funcMap{m: map[string]*function{}}
	f.refs.Store(1)
	return funcs{t: f}
}

func (f *funcs) share() funcs { f.t.refs.Add(1); return funcs{t: f.t} }
func (f *funcs) release()     { f.t.refs.Add(-1) }

func (f *funcs) writable() map[string]*function {
	if f.t.refs.Load() > 1 {
		n := &funcMap{m: make(map[string]*function, len(f.t.m)+1)}
		n.refs.Store(1)
		for k, x := range f.t.m {
			n.m[k] = x
		}
		f.t.refs.Add(-1)
		f.t = n
	}
	return f.t.m
}

// validName reports whether s is a shell variable name.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// errReadonly is the error of an assignment to a readonly variable.
type errReadonly string

func (e errReadonly) Error() string { return string(e) + ": is read only" }

// setVar assigns name=val in the current scope, honouring readonly and
// allexport, and keeps the variables the shell itself reads in sync.
func (sh *shell) setVar(name, val string) error {
	x, _ := sh.vars.get(name)
	if x.readonly {
		return errReadonly(name)
	}
	x.val, x.set = val, true
	if sh.opts.has(optAllexport) {
		x.exported = true
	}
	sh.vars.put(name, x)
	if x.exported {
		sh.envCache = nil
	}
	sh.varChanged(name, val)
	return nil
}

// varChanged updates what the shell caches of its special variables.
func (sh *shell) varChanged(name, val string) {
	switch name {
	case "IFS":
		sh.ifsCache = nil
	case "PATH":
		sh.hash = nil
	case "OPTIND":
		sh.optOff = 0
	case "RANDOM":
		if n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64); err == nil {
			sh.proc.seedRandom(uint32(n))
		}
	case "SECONDS":
		if n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64); err == nil {
			sh.proc.secondsBase = n
			sh.proc.secondsAt = sh.proc.now()
		}
	case "LINENO":
		sh.linenoSet = true
	}
}

// unsetVar removes a variable; readonly ones cannot be.
func (sh *shell) unsetVar(name string) error {
	x, ok := sh.vars.get(name)
	if !ok {
		return nil
	}
	if x.readonly {
		return errReadonly(name)
	}
	if x.exported {
		sh.envCache = nil
	}
	if sh.inLocalScope(name) {
		// A local that is unset stays local: its old value comes back
		// at return.
		sh.vars.put(name, variable{})
	} else {
		sh.vars.del(name)
	}
	sh.varChanged(name, "")
	return nil
}

// getVar returns a variable's value, dynamic ones included.
func (sh *shell) getVar(name string) (string, bool) {
	x, ok := sh.vars.get(name)
	if ok && x.set {
		switch name {
		case "LINENO":
			if !sh.linenoSet {
				return strconv.Itoa(sh.lineno), true
			}
		}
		return x.val, true
	}
	switch name {
	case "RANDOM":
		if !ok {
			return strconv.Itoa(int(sh.proc.random())), true
		}
	case "SECONDS":
		if !ok {
			return strconv.FormatInt(sh.proc.seconds(), 10), true
		}
	case "LINENO":
		if !ok {
			return strconv.Itoa(sh.lineno), true
		}
	}
	return "", false
}

// environ returns the exported variables as KEY=VALUE, sorted. The
// result is cached until an exported variable changes (dirtyEnv).
func (sh *shell) environ() []string {
	if sh.envCache != nil {
		return sh.envCache
	}
	env := make([]string, 0, 32)
	for k, x := range sh.vars.t.m {
		if x.exported && x.set {
			env = append(env, k+"="+x.val)
		}
	}
	sort.Strings(env)
	sh.envCache = env
	return env
}
