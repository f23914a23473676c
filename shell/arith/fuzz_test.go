package arith

import "testing"

// FuzzEval: no expression panics; variables may hold expressions.
func FuzzEval(f *testing.F) {
	for _, c := range evalCases {
		f.Add(c.expr, "1+x")
	}
	f.Fuzz(func(t *testing.T, expr, val string) {
		v := vars{"x": val, "y": "x*2"}
		Eval(expr, v)
	})
}
