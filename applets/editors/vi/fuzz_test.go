package vi

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// FuzzColon runs colon command lines on a small text: no line may panic
// or leave the cursor or the text invalid. Commands that could touch
// files outside the test's directory are skipped, and :! runs nothing.
func FuzzColon(f *testing.F) {
	for _, s := range []string{"1,3d", "%s/a/b/g", "'a,'bd", "/x/,/y/y", ".,+2d", "$r other", "set ai noic ts=4",
		"e!", "w part", "2,1d", "s#a#b#", ":=", "x", "q", "0r other", "/", "?", ";,", "3;+1d", "-1", "'", "s//x/", "file new"} {
		f.Add("one\ntwo\nthree\n", s)
	}
	f.Fuzz(func(t *testing.T, text, line string) {
		if strings.ContainsAny(line, "/~") && strings.ContainsAny(line, "wrefx") {
			t.Skip("may name a file outside the test's directory")
		}
		dir := t.TempDir()
		ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Dir: dir}
		e := &editor{ctx: ctx, out: bufio.NewWriter(io.Discard), tabstop: 8, lastModified: -1, newindent: -1,
			ydreg: 26, curLine: -1, undoQState: undoEmpty, rows: 24, cols: 80,
			shell: func(string) int { return 0 }}
		e.keys = newKeyboard(ctx.Stdin, nil)
		for i := range e.mark {
			e.mark[i] = -1
		}
		e.newScreen(e.rows, e.cols)
		e.text = []byte(text)
		if len(e.text) == 0 {
			e.text = []byte("\n")
		}
		e.mark[0], e.mark[1] = 0, len(e.text)-1
		func() {
			defer func() {
				if p := recover(); p != nil {
					if _, ok := p.(inputEnded); !ok {
						panic(p)
					}
				}
			}()
			e.colon(line)
		}()
		if len(e.text) > 0 && (e.dot < 0 || e.dot >= len(e.text)) {
			t.Fatalf("dot %d outside the text (%d bytes)", e.dot, len(e.text))
		}
	})
}
