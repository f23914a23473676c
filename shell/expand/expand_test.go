package expand

import (
	"errors"
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

// BenchmarkParamTrim is the inner loop of the c-str shell benchmark.
func BenchmarkParamTrim(b *testing.B) {
	env := newEnv()
	env.vars["p"] = "/usr/local/lib/libfoo.so.1.2.3"
	ws := words(b, `${p##*/} ${p%/*} ${p#*.} ${p%%.*} ${p%.[0-9]}`)
	for b.Loop() {
		for _, w := range ws {
			if _, err := Assign(env, w); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFieldsTest is `[ "$i" -lt 1000000 ]`.
func BenchmarkFieldsTest(b *testing.B) {
	env := newEnv()
	env.vars["i"] = "12345"
	ws := words(b, `[ "$i" -lt 1000000 ]`)
	for b.Loop() {
		if _, err := Fields(env, ws); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSplit is `for w in $line` of the e-split benchmark.
func BenchmarkSplit(b *testing.B) {
	env := newEnv()
	env.vars["line"] = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi"
	ws := words(b, `$line`)
	for b.Loop() {
		if _, err := Fields(env, ws); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkArith is `s=$(( (s + i * 3) % 1000003 ))`.
func BenchmarkArith(b *testing.B) {
	env := newEnv()
	env.vars["s"] = "4242"
	env.vars["i"] = "777"
	ws := words(b, `$(( (s + i * 3) % 1000003 ))`)
	for b.Loop() {
		if _, err := Assign(env, ws[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPatternLocale: with LC_ALL=C a character is a byte (checked against
// Alpine's ash run with LC_ALL=C in its environment).
func TestPatternLocale(t *testing.T) {
	for _, c := range []struct {
		setup, pat string
		want       bool
	}{
		{"", "?", true},
		{"", "??", false},
		{"LC_ALL=C", "?", false},
		{"LC_ALL=C", "??", true},
		{"LANG=C", "??", true},
		{"LC_ALL=C.UTF-8 LANG=C", "?", true},
		{"LC_ALL=C", "é", true},
	} {
		env := newEnv()
		env.run(t, c.setup)
		p, err := Pattern(env, words(t, c.pat)[0])
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Match("é"); got != c.want {
			t.Errorf("%s; case é in %s): %v, want %v", c.setup, c.pat, got, c.want)
		}
	}
}

// TestErrorTypes: the errors that end a non-interactive shell are
// *Error; the Env's own errors pass through unchanged.
func TestErrorTypes(t *testing.T) {
	for _, c := range []struct {
		setup, word string
		ours        bool
		syntax      bool
	}{
		{"", "${x?}", true, false},
		{"set -u", "$x", true, false},
		{"", "$((1+))", true, false},
		{"", "${x:1/0}", true, false},
		{"", "${x@}", true, true},
		{"readonly r=", "${r:=1}", false, false},
	} {
		env := newEnv()
		env.run(t, c.setup)
		_, err := Fields(env, words(t, c.word))
		var e *Error
		if ok := errors.As(err, &e); ok != c.ours || ok && e.Syntax != c.syntax {
			t.Errorf("%s; %s: error %#v", c.setup, c.word, err)
		}
	}
	n, err := ArithString(newEnv(), "x = 6 * 7")
	if n != 42 || err != nil {
		t.Errorf("ArithString = %d, %v", n, err)
	}
}
