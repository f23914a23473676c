package expand

import (
	"errors"
	"strings"
	"testing"

	"gobox/shell/syntax"
)

// testEnv is a fake shell for the expander: variables, parameters, two
// options, and command substitution of "echo" and "printf %s" only.
type testEnv struct {
	vars     map[string]string
	readonly map[string]bool
	params   []string
	nounset  bool
	noglob   bool
	dir      string
}

func newEnv() *testEnv {
	// IFS is set from the start, as in ash.
	return &testEnv{vars: map[string]string{"HOME": "/h", "IFS": " \t\n"}, readonly: map[string]bool{}, dir: "/"}
}

func (e *testEnv) Get(name string) (string, bool) {
	switch name {
	case "#":
		return itoa(len(e.params)), true
	case "0":
		return "sh", true
	case "?":
		return "0", true
	case "-":
		return "", true
	}
	v, ok := e.vars[name]
	return v, ok
}

func (e *testEnv) Set(name, value string) error {
	if e.readonly[name] {
		return errors.New(name + ": is read only")
	}
	e.vars[name] = value
	return nil
}

func (e *testEnv) Params() []string { return e.params }
func (e *testEnv) Nounset() bool    { return e.nounset }
func (e *testEnv) Noglob() bool     { return e.noglob }
func (e *testEnv) Dir() string      { return e.dir }

func (e *testEnv) HomeDir(user string) (string, bool) {
	if user == "root" {
		return "/root", true
	}
	return "", false
}

func (e *testEnv) CmdSubst(stmts []*syntax.Stmt) (string, error) {
	var out strings.Builder
	for _, st := range stmts {
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return "", errors.New("testEnv: unsupported command substitution")
		}
		args, err := Fields(e, call.Args)
		if err != nil {
			return "", err
		}
		if len(args) == 0 {
			continue
		}
		switch args[0] {
		case "echo":
			out.WriteString(strings.Join(args[1:], " ") + "\n")
		case "printf":
			// "%s" and its arguments, or a format with \\0 and \\n.
			if len(args) < 2 {
				return "", errors.New("testEnv: printf without a format")
			}
			if args[1] == "%s" {
				out.WriteString(strings.Join(args[2:], ""))
			} else {
				out.WriteString(strings.NewReplacer(`\0`, "\x00", `\n`, "\n").Replace(args[1]))
			}
		default:
			return "", errors.New("testEnv: unsupported command " + args[0])
		}
	}
	return out.String(), nil
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// run applies a setup script of the few commands the tests use:
// assignments, set [-uf] [-- args], readonly x=y, unset x, cd dir.
func (e *testEnv) run(t testing.TB, src string) {
	t.Helper()
	stmts, err := syntax.Parse(src, "setup")
	if err != nil {
		t.Fatalf("setup %q: %v", src, err)
	}
	for _, st := range stmts {
		call := st.Cmd.(*syntax.CallExpr)
		for _, a := range call.Assigns {
			v, err := Assign(e, a.Value)
			if err != nil {
				t.Fatalf("setup %q: %v", src, err)
			}
			e.vars[a.Name] = v
		}
		if len(call.Args) == 0 {
			continue
		}
		args, err := Fields(e, call.Args)
		if err != nil {
			t.Fatalf("setup %q: %v", src, err)
		}
		switch args[0] {
		case "set":
			for i, a := range args[1:] {
				switch a {
				case "-u":
					e.nounset = true
				case "-f":
					e.noglob = true
				case "--":
					e.params = append([]string{}, args[i+2:]...)
				}
				if a == "--" {
					break
				}
			}
		case "readonly":
			for _, a := range args[1:] {
				k, v, _ := strings.Cut(a, "=")
				e.vars[k] = v
				e.readonly[k] = true
			}
		case "unset":
			for _, a := range args[1:] {
				delete(e.vars, a)
			}
		case "cd":
			e.dir = args[1]
		default:
			t.Fatalf("setup %q: unknown command %s", src, args[0])
		}
	}
}

// words parses "p WORDS" and returns the words after p.
func words(t testing.TB, src string) []*syntax.Word {
	t.Helper()
	stmts, err := syntax.Parse("p "+src, "test")
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return stmts[0].Cmd.(*syntax.CallExpr).Args[1:]
}

// show formats fields as the test scripts print them in ash:
// p() { for a; do printf '[%s]' "$a"; done; echo; }
func show(fields []string) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString("[" + f + "]")
	}
	return b.String()
}
