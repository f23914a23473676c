package awk

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse feeds the parser arbitrary programs: it must return a
// program or an *Error, never panic or hang. Programs that parse are run
// on a little input when they cannot reach the outside (no commands, no
// files, no getline) and cannot loop; the run must end the same way.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`BEGIN{print 2^3^2, -2^2, 1 " " -1}`,
		`{s+=$3} END{print s}`,
		`/a/,/b/{print NR": "$0}`,
		`function f(a, b){b[1]=a; return b[1]*2} BEGIN{print f(21)}`,
		`BEGIN { "echo x" | getline v; getline w < "f"; print v > "/dev/stderr" }`,
		`{ $3 = ""; NF = 2; print length, length($1) substr($0, 2) }`,
		`BEGIN { printf "%5.2f|%-5d|%c\n", 3.14, 42, 65; x = y = 3; a[1,2]; if ((1,2) in a) delete a }`,
		"BEGIN { if (1)\nprint \"a\"\nelse\nprint \"b\" }",
		`{ gsub(/[()]/, "_"); sub(/^[^=]*=/, "", $2); print }`,
		`BEGIN { for (k in ENVIRON) n++; while (i < 3) i++; do j++; while (j < 2) }`,
		"{ x = $1 \\\n + $2 } # comment",
		`BEGIN { print length 1; print -i^2, $i++, $++i, !x }`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		prog, err := Parse([]Source{{Name: "cmd. line", Text: src}})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Msg == "" {
				t.Fatalf("%q: error %v is no awk.Error", src, err)
			}
			return
		}
		if prog == nil {
			t.Fatalf("%q: no program and no error", src)
		}
		for _, w := range []string{"getline", "system", "|", ">", "while", "for", "do", "close", "fflush", "func", "srand"} {
			if strings.Contains(src, w) {
				return
			}
		}
		// Nor widths in the millions: slow, not wrong.
		if strings.Contains(src, "%") {
			return
		}
		var out, errb strings.Builder
		// Fields in the millions are slow, not wrong: fewer here.
		_, err = prog.Run(&Config{Stdin: strings.NewReader("a b c\n1 2 3\n"), Stdout: &out, Stderr: &errb, maxFields: 1000})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%q: run error %v is no awk.Error", src, err)
			}
		}
	})
}
