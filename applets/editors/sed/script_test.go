package sed

import (
	"bufio"
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// testParser is a parser whose w files go nowhere.
func testParser() *parser {
	return &parser{open: func(string) (*outFile, error) { return newOut(bufio.NewWriterSize, io.Discard, nil, '\n', nil), nil }}
}

func compileScript(t testing.TB, script string) (*program, error) {
	t.Helper()
	p := testParser()
	if err := p.addBlock(script); err != nil {
		return nil, err
	}
	return p.finish()
}

// TestParse checks how scripts split into commands, addresses and
// arguments.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		script string
		want   string // the commands, space separated
	}{
		{"p", "p"},
		{"pd", "p d"},
		{" ; p;;  d ;", "p d"},
		{"1,3p", "1,3p"},
		{"$!d", "$!d"},
		{"2 ! d", "2!d"},
		{"/a/,/b/p", "/a/,/b/p"},
		{`\,a,p`, "/a/p"},
		{`\,a\,b,p`, `/a\,b/p`},
		{"/a/,+2d", "/a/,+2d"},
		{"1~3p;2,~4p;0,/x/p", "1~3p 2,~4p 0,/x/p"},
		{"0p", "p"},
		{"1,0p", "1p"},
		{"a foo; p", `a"foo; p"`},
		{"a\\\n  two\\\nlines", `a"  two\nlines"`},
		{"a\\  keep", `a"  keep"`},
		{`i x\ty\\n`, `i"x\ty\\n"`},
		{"c", "c"},
		{"b end ; :end", `b"end" :"end"`},
		{": a;b a", `:"a" b"a"`},
		{"r f;p", `r"f;p"`},
		{"w out\np", `w"out" p`},
		{"s/a/b/w out\np", "s p"},
		{"s/a/b/w out\\\np", "s"}, // p is a flag of the joined line
		{"s/a/b/;p", "s p"},
		{"s/a/b/}", "s }"},
		{"s/a/b/ # c\np", "s p"},
		{"{p};}", "{ p } }"},
		{"# c\np # d", "p"},
		{"y/abc/xyz/;p", "y p"},
		{"q5;Q 3;l 0;l;q", "q Q l l q"},
		{"l 2p", "l 2p"}, // BusyBox's reading: l, then 2p
	} {
		prog, err := compileScript(t, tc.script)
		if err != nil {
			t.Errorf("%q: %v", tc.script, err)
			continue
		}
		var got []string
		for _, c := range prog.cmds {
			got = append(got, c.String())
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("%q: got %s, want %s", tc.script, s, tc.want)
		}
	}
}

// TestParseDetails checks what String does not show.
func TestParseDetails(t *testing.T) {
	prog, err := compileScript(t, "s/a\\/b/x\\/\\n&/2gpI;y/ab/x/;q 7")
	if err != nil {
		t.Fatal(err)
	}
	s := prog.cmds[0]
	if s.re.String() != "a/b" || s.which != 0 || !s.print {
		t.Errorf("s: re %q which %d print %v", s.re.String(), s.which, s.print)
	}
	if len(s.repl) != 2 || s.repl[0].lit != "x/\n" || s.repl[1].group != 0 {
		t.Errorf("s: replacement %+v", s.repl)
	}
	y := prog.cmds[1]
	if y.ytab['a'] != 'x' || y.ytab['b'] != 'b' {
		t.Errorf("y: a->%c b->%c", y.ytab['a'], y.ytab['b'])
	}
	if q := prog.cmds[2]; q.num != 7 || !q.hasArg {
		t.Errorf("q: %d", q.num)
	}
	prog, _ = compileScript(t, "#n\np;#nothing")
	if prog.quiet != 2 {
		t.Errorf("#n counted %d times, want 2", prog.quiet)
	}
}

// TestParseErrors checks BusyBox's messages for bad scripts.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ script, err string }{
		{"s/a", "unmatched '/'"},
		{"s/a/b", "unmatched '/'"},
		{"s", "bad format in substitution expression"},
		{"y", "bad format in substitution expression"},
		{"y/a", "unmatched '/'"},
		{"/a", "unmatched '/'"},
		{"k", "unsupported command k"},
		{"2", "missing command"},
		{"1,", "no address after comma"},
		{"1,2i x", "command 'i' uses only one address"},
		{"1,2r x", "command 'r' uses only one address"},
		{"r", "empty filename"},
		{"s/a/b/w", "empty filename"},
		{"s/a/b/q", "bad option in substitution expression"},
		{"//p", "no previous regexp"},
		{"b nowhere", "can't find label for jump to 'nowhere'"},
		{"b}", "can't find label for jump to '}'"},
	} {
		_, err := compileScript(t, tc.script)
		if err == nil || err.Error() != tc.err {
			t.Errorf("%q: got %v, want %q", tc.script, err, tc.err)
		}
		if _, ok := err.(*applet.ExitError); !ok {
			t.Errorf("%q: %T is not an ExitError", tc.script, err)
		}
	}
}

// TestEscapes checks the escape passes BusyBox runs over regexes,
// replacements and text.
func TestEscapes(t *testing.T) {
	for _, tc := range []struct {
		in       string
		from, to byte
		want     string
	}{
		{`a\nb`, 'n', '\n', "a\nb"},
		{`a\\nb`, 'n', '\n', `a\\nb`},
		{`a\\\nb`, 'n', '\n', "a\\\\\nb"},
		{`\/x\/`, '/', '/', "/x/"},
		{`a\xb\\c`, 0, 0, `axb\c`},
		{`trailing\`, 0, 0, "trailing"},
		{`trailing\`, 'n', '\n', `trailing\`},
	} {
		if got := unescape(tc.in, tc.from, tc.to); got != tc.want {
			t.Errorf("unescape(%q, %q, %q) = %q, want %q", tc.in, tc.from, tc.to, got, tc.want)
		}
	}
	if got := copyEscapes(`\t\r\n\,`, ','); got != "\t\r\n," {
		t.Errorf("copyEscapes: %q", got)
	}
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"abc/", 3},
		{`a\/b/`, 4},
		{"[/]/", 3},
		{"[]/]/", 4},
		{"[^]/]/", 5},
		{"[[:alpha:]/]x/", 10}, // BusyBox ends the bracket at the class's "]"
	} {
		if got, err := delimIndex(tc.in, '/', true); err != nil || got != tc.want {
			t.Errorf("delimIndex(%q) = %d %v, want %d", tc.in, got, err, tc.want)
		}
	}
	if got, _ := delimIndex("[/]/", '/', false); got != 1 {
		t.Errorf("delimIndex without brackets: %d", got)
	}
}
