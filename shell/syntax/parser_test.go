package syntax

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// printAll parses src and prints each statement on its own line.
func printAll(t *testing.T, src string) string {
	t.Helper()
	stmts, err := Parse(src, "t")
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	var sb strings.Builder
	PrintList(&sb, stmts)
	return strings.TrimSuffix(sb.String(), "\n")
}

func TestPrint(t *testing.T) {
	tests := []struct{ src, want string }{
		{"echo hi", "echo hi"},
		{"echo a; echo b", "echo a\necho b"},
		{"a=1 b=$x cmd 'q' >x 2>&1 &", "a=1 b=$x cmd 'q' >x 2>&1 &"},
		{"a &\nb", "a &\nb"},
		{"if true; then echo a; elif false; then :; else echo c; fi", "if true; then echo a; elif false; then :; else echo c; fi"},
		{"if a\nthen\n b\nfi", "if a; then b; fi"},
		{"for i in a b; do echo $i; done | cat", "for i in a b; do echo $i; done | cat"},
		{"for i\ndo :; done", "for i; do :; done"},
		{"for i in; do :; done", "for i in; do :; done"},
		{"for i do :; done", "for i; do :; done"},
		{"case $x in a|b) echo 1;; (*) echo 2;; esac", "case $x in (a|b) echo 1 ;; (*) echo 2 ;; esac"},
		{"case x in esac", "case x in esac"},
		{"case x in (esac) ;; in) ;; esac", "case x in (esac) ;; (in) ;; esac"},
		{"case x in x) a; b\nesac", "case x in (x) a; b ;; esac"},
		{"while read a; do :; done < f", "while read a; do :; done <f"},
		{"until false; do :; done", "until false; do :; done"},
		{"! a && b || c", "! a && b || c"},
		{"! a | b", "! a | b"},
		{"a | b | c", "a | b | c"},
		{"a |\n b", "a | b"},
		{"a &&\n\n b", "a && b"},
		{"( cd /; ls ) >x", "( cd /; ls ) >x"},
		{"{ a; b & }", "{ a; b & }"},
		{"f() { echo; }", "f() { echo; }"},
		{"f() ( echo )", "f() ( echo )"},
		{"f() echo hi", "f() echo hi"},
		{"function g { :; }", "g() { :; }"},
		{"function g() { :; }", "g() { :; }"},
		{"function if { :; }", "function if() { :; }"},
		{"f()\n{\n:\n}", "f() { :; }"},
		{"[[ a && b || c ]]", "[[ a && b || c ]]"},
		{"x=1 if", "x=1 if"},
		{">x if", ">x if"},
		{"echo if then", "echo if then"},
		{"echo {a} }", "echo {a} }"},
		{"echo a#b #c", "echo a#b"},
		{"echo a\\\nb", "echo ab"},
		{"ec\\\nho x", "echo x"},
		{`echo \$x "\$y" '\z'`, `echo \$x "\$y" '\z'`},
		{`echo "a $b ${c} $(d) $((1+2)) ` + "`e`" + `"`, `echo "a $b ${c} $(d) $((1+2)) ` + "`e`" + `"`},
		{"echo $10 ${10} $# $$ ${#} ${##} $@ $* $? $- $! $0", "echo $10 ${10} $# $$ ${#} ${##} $@ $* $? $- $! $0"},
		{"echo $ $. a$", "echo $ $. a$"},
		{"echo ${x:-def} ${x-a b} ${x:=1} ${x?e} ${x:+y}", "echo ${x:-def} ${x-a b} ${x:=1} ${x?e} ${x:+y}"},
		{"echo ${#x} ${x#a} ${x##a*} ${x%a} ${x%%a}", "echo ${#x} ${x#a} ${x##a*} ${x%a} ${x%%a}"},
		{"echo ${x/a/b} ${x//a} ${x/#a/b} ${x:1:2} ${x: -1} ${x:1}", "echo ${x/a/b} ${x//a} ${x/#a/b} ${x:1:2} ${x: -1} ${x:1}"},
		{"echo ${x@} ${} ${#x:-1} ${!x} ${1x}", "echo ${x@} ${} ${#x:-1} ${!x} ${1x}"},
		{"echo ${x:}}", "echo ${x:}}"},
		{`echo "${x-"a b"}" "${x#"*"}" ${x-'q'} "${x-'q'}"`, `echo "${x-"a b"}" "${x#"*"}" ${x-'q'} "${x-'q'}"`},
		{"echo $'a\\tb\\'c' $'\\x41\\101\\z' $'\\0x'", `echo $'a\tb\'c' $'AA\\z' $'x'`},
		{"echo $(echo $(echo a)) `echo b`", "echo $(echo $(echo a)) `echo b`"},
		{"echo $( (echo a) )", "echo $( ( echo a ))"},
		{"echo $(case x in x) echo;; esac)", "echo $(case x in (x) echo ;; esac)"},
		{"echo $((1 + (2*3) )) $(( $x + ${y} ))", "echo $((1 + (2*3) )) $(( $x + ${y} ))"},
		{"echo `echo \\`echo a\\``", "echo `echo \\`echo a\\``"},
		{"echo \"`echo \\\"a\\\"`\"", "echo \"`echo \"a\"`\""},
		{"cat <(ls) >(wc) < <(x)", "cat <(ls) >(wc) < <(x)"},
		{"echo 2>x 10>y 1234567890>z 3<&- 4>&1 5<>f >|g >>h <&0 &>all", "echo 1234567890 2>x 10>y >z 3<&- 4>&1 5<>f >|g >>h <&0 &>all"},
		{"echo a&>b", "echo a &>b"},
		{"echo \"2\">x", "echo \"2\" >x"},
		{"cat <<<word", "cat <<<word"},
		{"cat <<E\nhello $x\nE", "cat <<E\nhello $x\nE"},
		{"cat <<E; echo after\nbody\nE", "cat <<E\nbody\nE\necho after"},
		{"cat <<-'E'\n\t\tx $y\n\tE\n", "cat <<-'E'\nx $y\nE"},
		{"cat <<A <<B\na\nA\nb\nB\n", "cat <<A <<B\na\nA\nb\nB"},
		{"cat <<\\E\n$x\\\nE\n", "cat <<\\E\n$x\\\nE"},
		{"cat <<E\na\\\nE\nE\n", "cat <<E\naE\nE"},
		{"cat <<E\nEO\\\nF\nx", "cat <<E\nEOF\nx\nE"},
		{"cat <<EOF\nEO\\\nF\nx", "cat <<EOF\nEOF\\\n\nx\nEOF"},
		{"cat <<\"E\"x\nq\nEx\n", "cat <<\"E\"x\nq\nEx"},
		{"cat <<$E\nq\n$E\n", "cat <<$E\nq\n$E"},
		{"cat <<E\nabc", "cat <<E\nabc\nE"},
		{"x=$(cat <<E\nin\nE\n); echo $x", "x=$(cat <<E\nin\nE\n)\necho $x"},
		{"if true; then cat <<E; fi\nbody\nE\n", "if true; then cat <<E\nbody\nE\nfi"},
		{"echo ${#%} ${x\n}", "echo ${#%} ${x\n}"},
		{"a=b\\c d=\"e\"", "a=b\\c d=\"e\""},
		{"\"a\"=b c\\=d", "\"a\"=b c\\=d"},
		{"echo; ;", ""},
	}
	for _, tt := range tests {
		if tt.want == "" {
			continue
		}
		if got := printAll(t, tt.src); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// strip zeroes positions and function sources so trees parsed from
// different layouts compare equal.
func strip(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			strip(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			strip(v.Index(i))
		}
	case reflect.Struct:
		if r, ok := v.Addr().Interface().(*Redirect); ok && r.Heredoc != nil {
			// A body cut short by the end of input gets its newline
			// when printed.
			parts := r.Heredoc.Parts
			if n := len(parts); n > 0 {
				if l, ok := parts[n-1].(*Lit); !ok {
					r.Heredoc.Parts = append(parts, &Lit{Value: "\n"})
				} else if !strings.HasSuffix(l.Value, "\n") {
					l.Value += "\n"
				}
			}
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			switch {
			case f.Type() == reflect.TypeOf(Pos{}):
				f.Set(reflect.Zero(f.Type()))
			case v.Type().Field(i).Name == "Source":
				f.SetString("")
			default:
				strip(f)
			}
		}
	}
}

func normalize(stmts []*Stmt) []*Stmt {
	strip(reflect.ValueOf(stmts))
	return stmts
}

func TestTree(t *testing.T) {
	lit := func(s string) *Lit { return &Lit{Value: s} }
	word := func(parts ...WordPart) *Word { return &Word{Parts: parts} }
	call := func(args ...*Word) *CallExpr { return &CallExpr{Args: args} }
	tests := []struct {
		src  string
		want Command
	}{
		{`echo a\ b "x\"$y"`, call(word(lit("echo")), word(lit(`a\ b`)),
			word(&DblQuoted{Parts: []WordPart{lit(`x\"`), &ParamExp{Short: true, Name: "y"}}}))},
		{`x=1 y= z=a$b c`, &CallExpr{
			Assigns: []*Assign{{Name: "x", Value: word(lit("1"))}, {Name: "y", Value: word()},
				{Name: "z", Value: word(lit("a"), &ParamExp{Short: true, Name: "b"})}},
			Args: []*Word{word(lit("c"))}}},
		{`echo ${x:-a}`, call(word(lit("echo")), word(&ParamExp{Name: "x", Op: OpDefault, Colon: true, Arg: word(lit("a"))}))},
		{`echo ${x/a\/b/c/d}`, call(word(lit("echo")), word(&ParamExp{Name: "x", Op: OpReplace,
			Arg: word(lit(`a\/b`)), Repl: word(lit("c/d"))}))},
		{`echo ${v////-} ${v///}`, call(word(lit("echo")),
			word(&ParamExp{Name: "v", Op: OpReplaceAll, Arg: word(lit("/")), Repl: word(lit("-"))}),
			word(&ParamExp{Name: "v", Op: OpReplaceAll, Arg: word(lit("/"))}))},
		{`echo ${x:1:2:3}`, call(word(lit("echo")), word(&ParamExp{Name: "x", Op: OpSlice,
			Offset: word(lit("1")), Count: word(lit("2:3"))}))},
		{`echo ${x@a}`, call(word(lit("echo")), word(&ParamExp{Name: "x@", Op: OpBad, Arg: word(lit("a"))}))},
		{`echo ${#x}`, call(word(lit("echo")), word(&ParamExp{Name: "x", Length: true}))},
		{`echo ${##}`, call(word(lit("echo")), word(&ParamExp{Name: "#", Length: true}))},
		{`echo ${#-}`, call(word(lit("echo")), word(&ParamExp{Name: "-", Length: true}))},
		{`echo ${#:-1}`, call(word(lit("echo")), word(&ParamExp{Name: "#", Op: OpDefault, Colon: true, Arg: word(lit("1"))}))},
		{`echo $'\e\x4a'`, call(word(lit("echo")), word(&SglQuoted{Dollar: true, Value: `\eJ`}))},
		{`echo "$'x'"`, call(word(lit("echo")), word(&DblQuoted{Parts: []WordPart{lit("$'x'")}}))},
		{`2>&1 >>f`, &CallExpr{Redirs: []*Redirect{
			{Fd: 2, Op: RdrDupOut, Word: word(lit("1"))}, {Fd: -1, Op: RdrAppend, Word: word(lit("f"))}}}},
		{"cat <<'E'\n$x\nE", &CallExpr{Args: []*Word{word(lit("cat"))}, Redirs: []*Redirect{
			{Fd: -1, Op: RdrHeredoc, Word: word(&SglQuoted{Value: "E"}), Heredoc: word(lit("$x\n")), HeredocQuoted: true}}}},
		{"cat <<E\n$x\\$\nE", &CallExpr{Args: []*Word{word(lit("cat"))}, Redirs: []*Redirect{
			{Fd: -1, Op: RdrHeredoc, Word: word(lit("E")), Heredoc: word(&ParamExp{Short: true, Name: "x"}, lit("\\$\n"))}}}},
		{"echo $((1+$x))", call(word(lit("echo")), word(&ArithExp{X: word(lit("1+"), &ParamExp{Short: true, Name: "x"})}))},
		{"echo `echo \\$x`", call(word(lit("echo")), word(&CmdSubst{Backquote: true, Stmts: []*Stmt{
			{Cmd: call(word(lit("echo")), word(&ParamExp{Short: true, Name: "x"}))}}}))},
		{"for x in a; do :; done", &ForClause{Name: "x", InSet: true, Items: []*Word{word(lit("a"))},
			Body: []*Stmt{{Cmd: call(word(lit(":")))}}}},
		{"if a; then b; elif c; then d; fi", &IfClause{Cond: []*Stmt{{Cmd: call(word(lit("a")))}},
			Then: []*Stmt{{Cmd: call(word(lit("b")))}},
			Else: []*Stmt{{Cmd: &IfClause{Elif: true, Cond: []*Stmt{{Cmd: call(word(lit("c")))}},
				Then: []*Stmt{{Cmd: call(word(lit("d")))}}}}}}},
		{"a && b || c", &BinaryCmd{Op: OrIf, X: &BinaryCmd{Op: AndIf, X: call(word(lit("a"))), Y: call(word(lit("b")))},
			Y: call(word(lit("c")))}},
		{"! a", &Pipeline{Negated: true, Cmds: []Command{call(word(lit("a")))}}},
	}
	for _, tt := range tests {
		stmts, err := Parse(tt.src, "t")
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		normalize(stmts)
		if len(stmts) != 1 || !reflect.DeepEqual(stmts[0].Cmd, tt.want) {
			t.Errorf("%q: got %s, want %s", tt.src, dump(stmts), String(tt.want))
		}
	}
}

func dump(stmts []*Stmt) string {
	var sb strings.Builder
	for _, s := range stmts {
		sb.WriteString(String(s))
		sb.WriteString("; ")
	}
	return sb.String()
}

func TestPositions(t *testing.T) {
	src := "echo a\n\nif true\nthen\n  x=1 echo \"b\nc\" $LINENO\nfi\nf() {\n :\n}\ncat <<E; echo z\nbody\nE\necho end\n"
	stmts, err := Parse(src, "t")
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, s := range stmts {
		lines = append(lines, s.Pos.Line)
	}
	if want := []int{1, 3, 8, 11, 11, 14}; !reflect.DeepEqual(lines, want) {
		t.Errorf("statement lines %v, want %v", lines, want)
	}
	inner := stmts[1].Cmd.(*IfClause).Then[0].Cmd.(*CallExpr)
	if inner.Pos.Line != 5 || stmts[3].Cmd.(*CallExpr).Redirs[0].Heredoc.Pos.Line != 12 {
		t.Errorf("command line %d, want 5", inner.Pos.Line)
	}
	if fd := stmts[2].Cmd.(*FuncDecl); fd.Source != "f() {\n :\n}" {
		t.Errorf("Source %q", fd.Source)
	}
	// A simple command's line is where its first word ends, as in ash
	// (Alpine: "line 2: {x=: not found", $LINENO 4 and 6 here).
	stmts, err = Parse("{x=\\\n\necho \\\n$LINENO\nec\\\nho $LINENO\nx=\\\n1 echo\n", "t")
	if err != nil {
		t.Fatal(err)
	}
	lines = lines[:0]
	for _, s := range stmts {
		lines = append(lines, s.Cmd.(*CallExpr).Pos.Line)
	}
	if want := []int{2, 3, 6, 8}; !reflect.DeepEqual(lines, want) {
		t.Errorf("command lines %v, want %v", lines, want)
	}
}

// The messages are Alpine's ash's, for a script file holding src.
func TestErrors(t *testing.T) {
	tests := []struct {
		src, want  string
		incomplete bool
	}{
		{"if true; then echo; fi fi\n", `line 1: syntax error: unexpected "fi"`, false},
		{"echo \"abc\n\n", "line 3: syntax error: unterminated quoted string", true},
		{"echo 'abc\n", "line 2: syntax error: unterminated quoted string", true},
		{"echo ${x\n", "line 1: syntax error: missing '}'", true},
		{"echo $((1+2)\n", "line 2: syntax error: missing '))'", true},
		{"echo $(\n", `line 2: syntax error: unexpected end of file (expecting ")")`, true},
		{"if\n", `line 2: syntax error: unexpected end of file (expecting "then")`, true},
		{"if true; then\n", `line 2: syntax error: unexpected end of file (expecting "fi")`, true},
		{"case a in a) echo\n", `line 2: syntax error: unexpected end of file (expecting ";;")`, true},
		{"{ echo;\n", `line 2: syntax error: unexpected end of file (expecting "}")`, true},
		{"a |\n", "line 2: syntax error: unexpected end of file", true},
		{"a &&\n", "line 2: syntax error: unexpected end of file", true},
		{"! ! true\n", `line 1: syntax error: unexpected "!"`, false},
		{"for x y; do :; done\n", `line 1: syntax error: unexpected word (expecting "do")`, false},
		{"for x in a b do; done\n", `line 1: syntax error: unexpected "done" (expecting "do")`, false},
		{"case x y\n", `line 1: syntax error: unexpected word (expecting "in")`, false},
		{"echo >\n", "line 2: syntax error: unexpected newline", false},
		{"echo `\n", "line 2: syntax error: EOF in backquote substitution", true},
		{"a && && b\n", `line 1: syntax error: unexpected "&&"`, false},
		{"echo )\n", `line 1: syntax error: unexpected ")"`, false},
		{"f()\n", "line 2: syntax error: unexpected end of file", true},
		{"function f x\n", "line 1: syntax error: unexpected word", false},
		{"echo a & & b\n", `line 1: syntax error: unexpected "&"`, false},
		{"|| b\n", `line 1: syntax error: unexpected "||"`, false},
		{"a;;\n", `line 1: syntax error: unexpected ";;"`, false},
		{"for 1 in a; do :; done\n", "line 1: syntax error: bad for loop variable", false},
		{"f-x() { :; }\n", "line 1: syntax error: bad function name", false},
		{"export() { :; }\n", "line 1: syntax error: bad function name", false},
		{"x=1 f() { :; }\n", `line 1: syntax error: unexpected "("`, false},
		{"echo\n(\n", `line 3: syntax error: unexpected end of file (expecting ")")`, true},
		{"echo a\n\nwhile true\ndo\ndone\n", `line 5: syntax error: unexpected "done"`, false},
		{"echo a\ncase x in\n(a) echo\nesac esac\n", `line 4: syntax error: unexpected "esac"`, false},
		{"echo $'abc\n", "line 2: syntax error: unterminated quoted string", true},
		{"if true\nthen\n  echo\nelse\nfi\n", `line 5: syntax error: unexpected "fi"`, false},
		{"echo a; then\n", `line 1: syntax error: unexpected "then"`, false},
		{"echo a\n\n}\n", `line 3: syntax error: unexpected "}"`, false},
		{"echo ${x:-\"abc}\n", "line 2: syntax error: unterminated quoted string", true},
		{"echo \"${x-abc\n", "line 2: syntax error: unterminated quoted string", true},
		{"echo \"${x#abc\n", "line 2: syntax error: missing '}'", true},
		{"echo $(( ${x\n", "line 1: syntax error: unterminated quoted string", true},
		{"case x in\n a) ;;\n b) echo\n c) ;;\nesac\n", `line 4: syntax error: unexpected ")" (expecting ";;")`, false},
		{"f() {\n echo\n", `line 3: syntax error: unexpected end of file (expecting "}")`, true},
		{"while :; do echo; done done\n", `line 1: syntax error: unexpected "done"`, false},
		{"echo a |\n| b\n", `line 2: syntax error: unexpected "|"`, false},
		{"case x in (a|) ;; esac\n", `line 1: syntax error: unexpected ";;" (expecting ")")`, false},
		{"echo <<\n", "line 2: syntax error: unexpected newline", false},
		{"echo $(case x in x) echo ;; esac; echo \n", `line 2: syntax error: unexpected end of file (expecting ")")`, true},
		{"(echo) (echo)\n", `line 1: syntax error: unexpected "("`, false},
		{"{ echo; } {\n", `line 1: syntax error: unexpected "{"`, false},
		{"x=1 if true; then :; fi\n", `line 1: syntax error: unexpected "then"`, false},
		{"function\n", "line 2: syntax error: unexpected newline (expecting word)", false},
		{"for\n", "line 2: syntax error: bad for loop variable", false},
		{"for x in\n", `line 2: syntax error: unexpected end of file (expecting "do")`, true},
		{"while\n", `line 2: syntax error: unexpected end of file (expecting "do")`, true},
		{"<<EOF; then <W\n", `line 1: syntax error: unexpected "then"`, false},
		{"echo `echo \"abc`\n", "line 1: syntax error: unterminated quoted string", false},
		// ash checks every line of an unquoted here-document body for
		// its delimiter, inside ${...} and $((...)) too (Alpine's ash).
		{"cat <<EOF\na ${x:-\nEOF\n}\necho after\n", "line 4: syntax error: missing '}'", false},
		{"cat <<EOF\na $((1+\nEOF\n))\n", "line 4: syntax error: missing '))'", false},
		{"cat <<EOF\na ${x:-\"\nEOF\n\"}\n", "line 4: syntax error: missing '}'", false},
		{"cat <<EOF\na ${x#'\nEOF\n'}\n", "line 4: syntax error: missing '}'", false},
		{"cat <<EOF\na ${x:-$((1+\nEOF\n))}\n", "line 4: syntax error: missing '))'", false},
		{"cat <<EOF\na $((1+${x:-\nEOF\n}))\n", "line 4: syntax error: missing '}'", false},
		{"cat <<-EOF\n\ta ${x:-\n\tEOF\n}\n", "line 4: syntax error: missing '}'", false},
		{"f() {\ncat <<EOF\na ${x:-\nEOF\n}\n}\n", "line 5: syntax error: missing '}'", false},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src, "t")
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
			continue
		}
		if se.Error() != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, se.Error(), tt.want)
		}
		if IsIncomplete(err) != tt.incomplete {
			t.Errorf("%q: incomplete %v, want %v", tt.src, IsIncomplete(err), tt.incomplete)
		}
	}
}

// TestHeredocEndNotInSubst: a $(...) or `...` in a here-document body
// is read as a script, so a delimiter line inside it does not end the
// body; a backslash-newline joins lines before the check (Alpine's ash).
func TestHeredocEndNotInSubst(t *testing.T) {
	for _, src := range []string{
		"cat <<EOF\na ${x:-$(echo\nEOF\n)}\nEOF\n",
		"cat <<EOF\nb $(echo hi\nEOF\necho x\n)\nEOF\n",
		"cat <<EOF\na ${x:-\\\nEOF\n}\nEOF\n",
		"cat <<EOF\nc `echo\nEOF\n`\nEOF\n",
	} {
		stmts, err := Parse(src, "t")
		if err != nil || len(stmts) != 1 {
			t.Errorf("%q: %d statements, %v; want one", src, len(stmts), err)
		}
	}
	// A backslash-newline in the delimiter word joins it and does not
	// quote it (Alpine: "cat <<EO\<newline>F" expands the body).
	stmts, err := Parse("cat <<EO\\\nF\nbody $x\nEOF\n", "t")
	if err != nil {
		t.Fatal(err)
	}
	r := stmts[0].Cmd.(*CallExpr).Redirs[0]
	if r.HeredocQuoted || len(r.Heredoc.Parts) != 3 {
		t.Errorf("<<EO\\<newline>F: quoted %v, body %#v", r.HeredocQuoted, r.Heredoc.Parts)
	}
	// After such an error the next command parses from a clean state.
	p := NewParser(strings.NewReader("cat <<EOF\na ${x:-\nEOF\necho \"a\nEOF\nb\"\n"), "t")
	if _, err := p.Next(); err == nil {
		t.Fatal("no error")
	}
	if stmts, err := p.Next(); err != nil || len(stmts) != 1 {
		t.Errorf("after the error: %v, %v", stmts, err)
	}
}

// Lines run one at a time: an error on line 3 comes after lines 1 and
// 2 were handed out.
func TestNextStopsAtError(t *testing.T) {
	p := NewParser(strings.NewReader("echo a\necho b; \\\necho c\nfi\necho d\n"), "t")
	var got []string
	var err error
	for {
		var stmts []*Stmt
		stmts, err = p.Next()
		if err != nil {
			break
		}
		got = append(got, dump(stmts))
	}
	if want := []string{"echo a; ", "echo b; echo c; "}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if err == nil || err.Error() != `line 4: syntax error: unexpected "fi"` {
		t.Errorf("error %v", err)
	}
}

// lineReader hands out one line per Read, as a terminal does, and
// counts the calls.
type lineReader struct {
	lines []string
	reads int
}

func (r *lineReader) Read(b []byte) (int, error) {
	r.reads++
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(b, r.lines[0])
	r.lines[0] = r.lines[0][n:]
	if r.lines[0] == "" {
		r.lines = r.lines[1:]
	}
	return n, nil
}

func TestNextReadsOnlyWhatItNeeds(t *testing.T) {
	tests := []struct {
		lines []string
		reads int // Read calls for the first command
		want  string
	}{
		{[]string{"echo a\n", "echo b\n"}, 1, "echo a; "},
		{[]string{"if true\n", "then x\n", "fi\n", "echo b\n"}, 3, "if true; then x; fi; "},
		{[]string{"cat <<E\n", "body\n", "E\n", "echo b\n"}, 3, "cat <<E\nbody\nE\n; "},
		{[]string{"echo 'a\n", "b'\n", "echo b\n"}, 2, "echo 'a\nb'; "},
		{[]string{"echo a \\\n", "b\n", "echo b\n"}, 2, "echo a b; "},
		{[]string{"\n", "echo b\n"}, 1, ""},
		{[]string{"a &&\n", "b\n", "c\n"}, 2, "a && b; "},
	}
	for _, tt := range tests {
		r := &lineReader{lines: append([]string(nil), tt.lines...)}
		p := NewParser(r, "t")
		stmts, err := p.Next()
		if err != nil {
			t.Errorf("%q: %v", tt.lines, err)
			continue
		}
		if got := dump(stmts); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.lines, got, tt.want)
		}
		if r.reads != tt.reads {
			t.Errorf("%q: %d reads, want %d", tt.lines, r.reads, tt.reads)
		}
		if b := p.Buffered(); len(b) != 0 {
			t.Errorf("%q: buffered %q", tt.lines, b)
		}
	}
}

func TestBuffered(t *testing.T) {
	p := NewParser(strings.NewReader("echo a\ncat\nrest of it\n"), "t")
	for i := 0; i < 2; i++ {
		if _, err := p.Next(); err != nil {
			t.Fatal(err)
		}
	}
	if got := string(p.Buffered()); got != "rest of it\n" {
		t.Errorf("Buffered %q", got)
	}
	if _, err := p.Next(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Next(); err != io.EOF {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
}

func TestReset(t *testing.T) {
	r := &lineReader{lines: []string{"echo ) more\n", "echo ok\n"}}
	p := NewParser(r, "t")
	if _, err := p.Next(); err == nil {
		t.Fatal("no error")
	}
	p.Reset()
	stmts, err := p.Next()
	if err != nil || dump(stmts) != "echo ok; " {
		t.Errorf("after Reset: %q, %v", dump(stmts), err)
	}
}

// errOnceReader fails its first read (a ^C at a line editor's prompt),
// then gives its lines.
type errOnceReader struct {
	lineReader
	failed bool
}

var errInterrupted = errors.New("interrupted")

func (r *errOnceReader) Read(b []byte) (int, error) {
	if !r.failed {
		r.failed = true
		return 0, errInterrupted
	}
	return r.lineReader.Read(b)
}

// TestResetAfterReaderError: after Reset the parser reads again from a
// reader that returned an error (interp used to need a new Parser).
func TestResetAfterReaderError(t *testing.T) {
	r := &errOnceReader{lineReader: lineReader{lines: []string{"echo ok\n"}}}
	p := NewParser(r, "t")
	if _, err := p.Next(); err != errInterrupted {
		t.Fatalf("first Next: %v, want the reader's error", err)
	}
	p.Reset()
	stmts, err := p.Next()
	if err != nil || dump(stmts) != "echo ok; " {
		t.Errorf("after Reset: %q, %v", dump(stmts), err)
	}
}

func TestAlias(t *testing.T) {
	aliases := map[string]string{
		"ll":   "ls -l",
		"e":    "echo ",
		"x":    "X",
		"loop": "loop again",
		"cs":   "case x in ",
		"b":    "x",
		"nop":  "",
		"lb":   "{ echo",
		"qfoo": "qbar", "qbar": "qbaz", "qbaz": "quux", "quux": "qfoo",
		"foo": "echo ", "bar": "baz", "baz": "quux2",
		"c1": "echo a;", "ff": "f() {", "self": "self",
	}
	tests := []struct{ src, want string }{
		{"ll /", "ls -l /"},
		{"e x", "echo X"},
		{"e e x", "echo echo X"},
		{"echo x", "echo x"},
		{"loop", "loop again"},
		{"'ll'", "'ll'"},
		{"cs\nb) echo BAD;;\n*) echo Ok;;\nesac", "case x in (b) echo BAD ;; (*) echo Ok ;; esac"},
		{"cs b) echo BAD;; esac", "case x in (X) echo BAD ;; esac"},
		{"nop echo hi", "echo hi"},
		{"lb; }", "{ echo; }"},
		{"a=1 ll", "a=1 ls -l"},
		{"if ll; then ll; fi", "if ls -l; then ls -l; fi"},
		{"qfoo", "qfoo"}, // ash-alias/alias.tests: a loop stops where it began
		{"qfoo\nqfoo", "qfoo"},
		{"foo bar", "echo quux2"},
		{"c1 echo b", "echo a; echo b"},
		{"ff echo inf; }; f", "f() { echo inf; }; f"},
		{"self&", "self &"}, // Alpine: "self: not found", no loop
		{"self>/dev/null", "self >/dev/null"},
	}
	for _, tt := range tests {
		p := NewParser(strings.NewReader(tt.src), "t")
		p.Alias = func(name string) (string, bool) {
			v, ok := aliases[name]
			return v, ok
		}
		stmts, err := p.Next()
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		if got := strings.TrimSuffix(dump(stmts), "; "); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

// unterminable reports a here-document that no printed form can end
// as the source did: a <<- one whose delimiter starts with a tab (the
// stripping of tabs keeps any line from ending it), or one whose
// delimiter spans lines.
func unterminable(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return false
		}
		if r, ok := v.Interface().(*Redirect); ok && r.Word != nil {
			mark := heredocMark(r.Word)
			if r.Op == RdrHeredocTab && strings.HasPrefix(mark, "\t") ||
				(r.Op == RdrHeredoc || r.Op == RdrHeredocTab) && strings.Contains(mark, "\n") {
				return true
			}
		}
		return unterminable(v.Elem())
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if unterminable(v.Index(i)) {
				return true
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if unterminable(v.Field(i)) {
				return true
			}
		}
	}
	return false
}

// roundTrip parses src, prints it, parses that and compares the trees.
func roundTrip(t testing.TB, src string) {
	stmts, err := Parse(src, "t")
	if err != nil || unterminable(reflect.ValueOf(stmts)) {
		return
	}
	var sb strings.Builder
	if err := PrintList(&sb, stmts); err != nil {
		t.Fatal(err)
	}
	printed := sb.String()
	again, err := Parse(printed, "t")
	if err != nil {
		t.Fatalf("%q printed as %q: %v", src, printed, err)
	}
	if a, b := normalize(stmts), normalize(again); !reflect.DeepEqual(a, b) {
		t.Fatalf("%q printed as %q parses differently:\n%s\n%s", src, printed, dump(a), dump(b))
	}
	// Printing is stable.
	sb.Reset()
	PrintList(&sb, again)
	if sb.String() != printed {
		t.Fatalf("%q: printed %q then %q", src, printed, sb.String())
	}
}

var roundTripCorpus = []string{
	"echo a\\\\", "echo \\", "echo \"a\\\\\" 'b\\'", "x=${y-\"a}b\"} z=\"${y#\"*\"}\"",
	"echo ${x-$'a'} \"${x-$'a'}\" ${x#$'a'}", "echo \"$(echo \")\")\"",
	"echo `echo \"\\`x\\`\"`", "echo \"`echo \\\"x\\\"`\"",
	"cat <<A; cat <<B\na\nA\nb\nB\n", "f() { cat <<E\nx\nE\n}", "echo $(cat <<E\nx\nE\n) b",
	"echo $(cat <<E)\nnot body\n", "a | while read x; do cat <<E; done\nbody\nE\n",
	"case a in (a) cat <<E;; esac\nx\nE\n", "echo $'\\001\\377\\n\\'' $'\\x'", "echo ${x:-`echo }`}",
	"echo $((1+(2))) $(( (1) ))", "echo $1a $a_b ${a}b", "f() { :; } >x 2>&1",
	"echo ${x/a/} ${x//} ${x/} ${x/a/b/c}", "echo \\${x} \"\\${x}\"", "[[ $a == b && c ]] || d",
	"echo <(a) >(b; c)", "while a & do b & done", "{ a & }", "( a & )", "echo $(a &)",
	"cat <<-E\n\t$x\n\tE\n", "cat <<E\n\\$x \\\\ \\a \"q\"\nE\n", "echo ${x:}a}", "echo ${x:=$'\\n'}",
	"echo a # comment", "echo #x", "echo ${#x} ${#} ${#1} ${#@}", "v=$'a\\tb' f", "echo 0<x 01>y",
}

func TestRoundTrip(t *testing.T) {
	for _, src := range roundTripCorpus {
		roundTrip(t, src)
	}
}

// ashTests finds BusyBox's ash test suite where busybox-suite caches it.
func ashTests(t *testing.T) []string {
	home, _ := os.UserHomeDir()
	files, _ := filepath.Glob(filepath.Join(home, ".cache/busybox-suite/*/shell/ash_test/*/*.tests"))
	if len(files) == 0 {
		t.Skip("BusyBox's ash tests not found under ~/.cache/busybox-suite")
	}
	return files
}

// Every script of BusyBox's ash tests parses, except those whose point
// is a syntax error, and each survives a print/parse round trip.
func TestAshSuite(t *testing.T) {
	wantErr := map[string]string{
		"heredoc8.tests":             `line 3: syntax error: unexpected "then"`,
		"tickquote1.tests":           "line 1: syntax error: unterminated quoted string",
		"groups_and_keywords2.tests": `line 8: syntax error: unexpected ")"`,
		"noeol3.tests":               "line 2: syntax error: unterminated quoted string",
		"alias_case.tests":           `line 6: syntax error: unexpected ")"`, // its alias is not defined here
	}
	for _, f := range ashTests(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(string(src), f)
		want := wantErr[filepath.Base(f)]
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("%s: error %q, want %q", f, got, want)
		}
		roundTrip(t, string(src))
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range roundTripCorpus {
		f.Add(s)
	}
	f.Add("if a; then b; elif c; then d; else e; fi; for x in a b; do :; done; case $x in a|b) ;; esac")
	f.Add("cat <<E; echo ${x:-a} $((1+2)) `b` $(c) \"$d\" 'e' $'f\\n'\nbody $x\nE\n")
	f.Fuzz(func(t *testing.T, src string) {
		roundTrip(t, src)
	})
}

func TestParsePrompt(t *testing.T) {
	tests := []struct {
		src  string
		want []WordPart
	}{
		{`\$ \u $x "q" 'r'`, []WordPart{&Lit{Value: `\\\$ \u `}, &ParamExp{Short: true, Name: "x"}, &Lit{Value: ` "q" 'r'`}}},
		{"a\\\nb $((1+1))`echo c`", []WordPart{&Lit{Value: "ab "}, &ArithExp{X: &Word{Parts: []WordPart{&Lit{Value: "1+1"}}}},
			&CmdSubst{Backquote: true, Stmts: []*Stmt{{Cmd: &CallExpr{Args: []*Word{{Parts: []WordPart{&Lit{Value: "echo"}}}, {Parts: []WordPart{&Lit{Value: "c"}}}}}}}}}},
	}
	for _, tt := range tests {
		w, err := ParsePrompt(tt.src)
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		strip(reflect.ValueOf(w))
		if !reflect.DeepEqual(w.Parts, tt.want) {
			t.Errorf("%q: got %q", tt.src, String(w))
		}
	}
	if _, err := ParsePrompt("$(date"); err == nil {
		t.Error("no error for $(date")
	}
}

// FuzzAlias checks that alias expansion always ends.
func FuzzAlias(f *testing.F) {
	f.Add("qfoo\nfoo bar", "qfoo", "qbar ", "qbar", "qfoo")
	f.Add("a b c", "a", "b ", "b", "a a ")
	f.Fuzz(func(t *testing.T, src, n1, v1, n2, v2 string) {
		calls := 0
		p := NewParser(strings.NewReader(src), "t")
		p.Alias = func(name string) (string, bool) {
			if calls++; calls > 100000 {
				t.Fatalf("alias expansion does not end: %q %q=%q %q=%q", src, n1, v1, n2, v2)
			}
			switch name {
			case n1:
				return v1, true
			case n2:
				return v2, true
			}
			return "", false
		}
		for {
			if _, err := p.Next(); err != nil {
				return
			}
		}
	})
}
