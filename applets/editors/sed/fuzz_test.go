package sed

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// FuzzScript parses arbitrary scripts, as -e arguments and as lines of
// an -f file, and runs those that parse over a few lines: nothing may
// panic, and errors must be sed's own (ExitError). Scripts that can loop
// forever (b, t, T, D), grow the pattern space without bound (G and H
// double it) or read files (r, R) are only parsed.
func FuzzScript(f *testing.F) {
	for _, s := range []string{
		"p", "s/a/b/g", "2,4!d", "/x/,/y/{s//z/;p}", "$!N;P;D", ":a;N;$!ba;s/\\n/ /g",
		"1~3,+2d", "0,/re/s//X/", "y/abc/xyz/", "a\\\nfoo\\\nbar", "i foo", "c\\", "s/\\(a\\)*/[\\1&]/2p",
		"s,x\\,y,\\n\\t,gI", "1h;1!H;${x;s/\\n/,/g;p}", "l 5", "q3", "/a/I,/b/Mp", "s/a/b/w /dev/stdout",
		"#n\n=", "{{p}", "}", "s/[/]/x/", "\\%a%p", "s&a&\\&&", "s/^/x/3", "n;n;N;G;H;x;g",
	} {
		f.Add(s, "a\nb\nc\n")
	}
	f.Fuzz(fuzzScript)
}

func fuzzScript(t *testing.T, script, input string) {
	{
		p := testParser()
		err := p.addBlock(script)
		for _, line := range strings.Split(script, "\n") {
			if err != nil {
				break
			}
			err = p.addLine(line)
		}
		var prog *program
		if err == nil {
			prog, err = p.finish()
		}
		if err != nil {
			if _, ok := err.(*applet.ExitError); !ok {
				t.Fatalf("%q: error %T %v", script, err, err)
			}
			return
		}
		for _, c := range prog.cmds {
			if strings.IndexByte("btTDGHrR", c.name) >= 0 {
				return
			}
		}
		if len(input) > 200 {
			input = input[:200]
		}
		ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(input), Stdout: io.Discard, Stderr: io.Discard}
		out := newOut(bufio.NewWriterSize, io.Discard, nil, '\n', nil)
		e := &engine{ctx: ctx, prog: prog, prev: p.prev, nl: '\n', out: out, outs: &outFiles{ctx: ctx, nl: '\n', stdout: out}}
		e.in = newInput(ctx, []string{"-"}, false, nil)
		if err := e.run(); err != nil {
			if _, ok := err.(*applet.ExitError); !ok {
				t.Fatalf("%q: run error %T %v", script, err, err)
			}
		}
	}
}
