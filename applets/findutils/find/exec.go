package find

import (
	"strings"
	"unsafe"

	"gobox/internal/applet"
)

// maxArgvLen is how many bytes of names -exec ... {} + gathers before it
// runs the command: BusyBox's bb_arg_max() - 2048, where musl's
// sysconf(_SC_ARG_MAX) is ARG_MAX, 131072, whatever the stack limit. Each
// name counts its length, a NUL and a pointer.
const maxArgvLen = 131072 - 2048

// execAction is one -exec: the command's words, how many "{}" each
// holds, and for -exec ... {} + the names gathered for the next run.
type execAction struct {
	argv   []string
	subst  []int
	plus   bool
	invert bool   // the -exec is negated: its last batch holds when it fails
	names  []byte // the names gathered, one after another
	ends   []int  // where each name in names ends
	size   int
}

// newExec reads -exec's words up to the ";" or "+" that ended them.
func newExec(words []string, plus bool) (*execAction, error) {
	x := &execAction{argv: words, subst: make([]int, len(words)), plus: plus}
	total := 0
	for i, w := range words {
		x.subst[i] = strings.Count(w, "{}")
		total += x.subst[i]
	}
	if plus && total != 1 {
		// BusyBox's rule, after findutils': "{}" once in all the
		// words, in a word of its own or not.
		return nil, applet.Errorf("only one '{}' allowed for -exec +")
	}
	return x, nil
}

// exec is -exec on the current entry: run the command now (";"), or
// gather the name and run it when the batch is full ("+").
func (f *finder) exec(x *execAction) bool {
	if !x.plus {
		argv := make([]string, len(x.argv))
		name := string(f.walk.Path())
		for i, w := range x.argv {
			if x.subst[i] > 0 {
				w = strings.ReplaceAll(w, "{}", name)
			}
			argv[i] = w
		}
		return f.run(argv)
	}
	name := f.walk.Path()
	x.names = append(x.names, name...)
	x.ends = append(x.ends, len(x.names))
	x.size += len(name) + 8 + 1
	if x.size >= maxArgvLen {
		return f.runBatch(x)
	}
	return true
}

// runBatch runs an -exec ... {} + with the names gathered, the word with
// "{}" repeated for each name in turn.
func (f *finder) runBatch(x *execAction) bool {
	argv := make([]string, 0, len(x.argv)+len(x.ends))
	for i, w := range x.argv {
		if x.subst[i] == 0 {
			argv = append(argv, w)
			continue
		}
		start := 0
		for _, end := range x.ends {
			// A view of the name, which stays as it is until the
			// command has run.
			n := unsafe.String(unsafe.SliceData(x.names[start:end]), end-start)
			if w != "{}" {
				n = strings.Replace(w, "{}", n, 1)
			}
			argv = append(argv, n)
			start = end
		}
	}
	ok := f.run(argv)
	x.names, x.ends, x.size = x.names[:0], x.ends[:0], 0
	return ok
}

// flushExecs runs the last batch of every -exec ... {} +, those inside
// parentheses too, and makes the status 1 if one fails (BusyBox runs
// only those outside parentheses, and stops at the first that fails).
func (f *finder) flushExecs() {
	for _, x := range f.plus {
		if len(x.ends) == 0 {
			continue
		}
		if ok := f.runBatch(x); ok == x.invert {
			f.status = 1
		}
		if f.err != nil {
			return
		}
	}
}

// run runs argv and reports whether it exited with status 0. A command
// that cannot be run is reported as BusyBox's spawn_and_wait failing:
// "find: CMD: strerror".
func (f *finder) run(argv []string) bool {
	f.flush()
	st := f.runner.Run(argv)
	if st.Err != nil {
		f.ctx.Perror(st.Err, "%s", argv[0])
		return false
	}
	return st.OK()
}
