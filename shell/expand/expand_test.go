package expand

import (
	"testing"

	"gobox/shell/syntax"
)

func TestFields(t *testing.T) {
	for _, c := range fieldCases {
		env := newEnv()
		env.vars["HOME"] = "/root"
		env.dir = t.TempDir()
		env.run(t, c.setup)
		fields, err := Fields(env, words(t, c.words))
		got := show(fields)
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s; p %s\n got  %s\n want %s", c.setup, c.words, got, c.want)
		}
	}
}

func TestLiteralAssign(t *testing.T) {
	for _, c := range literalCases {
		env := newEnv()
		env.vars["HOME"] = "/root"
		env.run(t, c.setup)
		w := words(t, c.word)[0]
		if got, err := Literal(env, w); err != nil || got != c.lit {
			t.Errorf("%s; Literal(%s) = %q, %v; want %q", c.setup, c.word, got, err, c.lit)
		}
		if got, err := Assign(env, w); err != nil || got != c.assign {
			t.Errorf("%s; Assign(%s) = %q, %v; want %q", c.setup, c.word, got, err, c.assign)
		}
	}
}

func TestPattern(t *testing.T) {
	for _, c := range patternCases {
		env := newEnv()
		env.vars["HOME"] = "/root"
		env.run(t, c.setup)
		word, err := Literal(env, words(t, c.word)[0])
		if err != nil {
			t.Fatal(err)
		}
		p, err := Pattern(env, words(t, c.pat)[0])
		if err != nil {
			t.Errorf("%s: Pattern(%s): %v", c.setup, c.pat, err)
			continue
		}
		if got := p.Match(word); got != c.want {
			t.Errorf("%s; case %s in %s): %v, want %v (pattern %q)", c.setup, c.word, c.pat, got, c.want, p.String())
		}
	}
}

// TestHeredoc: the body and output were checked against Alpine's ash.
func TestHeredoc(t *testing.T) {
	env := newEnv()
	env.run(t, `x='a\$b' y='1  2'; set -- p q`)
	src := "cat <<E\n" +
		"\\$x \\\\ \\\" \\a $x `echo hi` $((1+2)) $y\n" +
		"\"$x\" '$x' ~ ${x#a} \"${y}\" $@ \"$*\" \\\n" +
		"joined $(echo \"a  b\")\n" +
		"E\n"
	stmts, err := syntax.Parse(src, "test")
	if err != nil {
		t.Fatal(err)
	}
	body := stmts[0].Cmd.(*syntax.CallExpr).Redirs[0].Heredoc
	got, err := Heredoc(env, body)
	want := "$x \\ \\\" \\a a\\$b hi 3 1  2\n" +
		"\"a\\$b\" 'a\\$b' ~ \\$b \"1  2\" p q \"p q\" joined a  b\n"
	if err != nil || got != want {
		t.Errorf("Heredoc:\n got  %q, %v\n want %q", got, err, want)
	}
}
