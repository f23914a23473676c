package expand

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/shell/syntax"
)

// FuzzExpand: every word of any script that parses expands without a
// panic in each way the shell expands words (fields, literal,
// assignment, pattern, here-document, arithmetic), with the fake Env, and
// an error is always an error value.
func FuzzExpand(f *testing.F) {
	for _, c := range fieldCases {
		f.Add(c.setup + "\np " + c.words)
	}
	for _, c := range patternCases {
		f.Add("case " + c.word + " in " + c.pat + ") ;; esac")
	}
	f.Add("cat <<E >$x\n$x ${y:-`echo a`} $((1+2)) \\$ \"q\"\nE\nx=~/a:~root ${#1} ${@:1:2} ${x/#[!a-c]*/\\*}")
	f.Add("for i in ${x##*/} $(printf %s 'a\nb') \"$*\"; do :; done; echo ${x:?msg} ${z=1} $((z+=2, z**3))")
	dir := f.TempDir()
	for _, name := range []string{"a", "b.c", ".d", "e f"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		stmts, err := syntax.Parse(src, "fuzz")
		if err != nil {
			return
		}
		env := newEnv()
		env.vars["x"] = "/usr/lib/a b.c"
		env.vars["y"] = "*"
		env.vars["n"] = "7"
		env.params = []string{"a b", "", "c*", "-1"}
		env.dir = dir
		// Keep pathname expansion in the test's directory.
		env.noglob = strings.ContainsAny(src, "/~")
		fz := fuzzer{t: t, env: env}
		fz.stmts(stmts)
	})
}

type fuzzer struct {
	t   *testing.T
	env *testEnv
	n   int // words expanded: a bound for long inputs
}

func (fz *fuzzer) stmts(list []*syntax.Stmt) {
	for _, st := range list {
		fz.cmd(st.Cmd)
	}
}

func (fz *fuzzer) cmd(c syntax.Command) {
	switch c := c.(type) {
	case *syntax.CallExpr:
		for _, a := range c.Assigns {
			fz.word(a.Value)
		}
		if fz.n < 200 {
			fz.n++
			_, _ = Fields(fz.env, c.Args)
		}
		for _, w := range c.Args {
			fz.word(w)
		}
		fz.redirs(c.Redirs)
	case *syntax.Pipeline:
		for _, x := range c.Cmds {
			fz.cmd(x)
		}
	case *syntax.BinaryCmd:
		fz.cmd(c.X)
		fz.cmd(c.Y)
	case *syntax.Subshell:
		fz.stmts(c.Body)
		fz.redirs(c.Redirs)
	case *syntax.Block:
		fz.stmts(c.Body)
		fz.redirs(c.Redirs)
	case *syntax.IfClause:
		fz.stmts(c.Cond)
		fz.stmts(c.Then)
		fz.stmts(c.Else)
	case *syntax.WhileClause:
		fz.stmts(c.Cond)
		fz.stmts(c.Body)
	case *syntax.ForClause:
		for _, w := range c.Items {
			fz.word(w)
		}
		fz.stmts(c.Body)
	case *syntax.CaseClause:
		fz.word(c.Word)
		for _, it := range c.Items {
			for _, p := range it.Patterns {
				fz.word(p)
			}
			fz.stmts(it.Body)
		}
	case *syntax.FuncDecl:
		fz.cmd(c.Body)
	}
}

func (fz *fuzzer) redirs(rs []*syntax.Redirect) {
	for _, r := range rs {
		fz.word(r.Word)
		if r.Heredoc != nil && fz.n < 200 {
			fz.n++
			_, _ = Heredoc(fz.env, r.Heredoc)
		}
	}
}

// word expands w every way a word is expanded, and matches its text as a
// pattern against itself.
func (fz *fuzzer) word(w *syntax.Word) {
	if w == nil || fz.n >= 200 {
		return
	}
	fz.n++
	env := fz.env
	lit, _ := Literal(env, w)
	_, _ = Assign(env, w)
	_, _ = Fields(env, []*syntax.Word{w})
	if p, err := Pattern(env, w); err == nil {
		p.Match(lit)
		p.TrimPrefix(lit, true)
		p.TrimSuffix(lit, false)
		p.Replace(lit, "x", true)
	}
	_, _ = Arith(env, w)
	_, _ = ArithString(env, lit)
}
