package arith

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// vars is a fake shell: a map, with names starting with "ro" read-only.
type vars map[string]string

func (v vars) Get(name string) (string, bool) {
	s, ok := v[name]
	return s, ok
}

func (v vars) Set(name, value string) error {
	if strings.HasPrefix(name, "ro") {
		return errors.New(name + ": is read only")
	}
	v[name] = value
	return nil
}

func TestEval(t *testing.T) {
	for _, c := range evalCases {
		v := vars{}
		for k, val := range c.setup {
			v[k] = val
		}
		n, err := Eval(c.expr, v)
		got := strconv.FormatInt(n, 10)
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%v $((%s)) = %q, want %q", c.setup, c.expr, got, c.want)
			continue
		}
		if c.post == "" {
			continue
		}
		var post []string
		for _, name := range strings.Fields(c.post) {
			name, _, _ = strings.Cut(name, "=")
			post = append(post, name+"="+v[name])
		}
		if p := strings.Join(post, " "); p != c.post {
			t.Errorf("%v $((%s)): after: %s, want %s", c.setup, c.expr, p, c.post)
		}
	}
}

func TestEvalErrorsOrder(t *testing.T) {
	for _, c := range evalCases2 {
		v := vars{}
		for k, val := range c.setup {
			v[k] = val
		}
		n, err := Eval(c.expr, v)
		got := strconv.FormatInt(n, 10)
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%v $((%s)) = %q, want %q", c.setup, c.expr, got, c.want)
		}
	}
}

func TestReadonly(t *testing.T) {
	v := vars{"ro": "1"}
	if _, err := Eval("ro=2", v); err == nil || err.Error() != "ro: is read only" {
		t.Errorf("ro=2: %v", err)
	}
	if n, err := Eval("ro+1", v); n != 2 || err != nil {
		t.Errorf("ro+1 = %d, %v", n, err)
	}
}

func BenchmarkEval(b *testing.B) {
	v := vars{"s": "12345", "i": "678"}
	for b.Loop() {
		if _, err := Eval("(s + i * 3) % 1000003", v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalAssign(b *testing.B) {
	v := vars{"i": "0"}
	for b.Loop() {
		if _, err := Eval("i+=1", v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvalChanging is $(( $1 + $2 )) of the b-func shell benchmark:
// a text that changes with every call, compiled each time.
func BenchmarkEvalChanging(b *testing.B) {
	v := vars{}
	texts := make([]string, 1<<16)
	for i := range texts {
		texts[i] = " " + strconv.Itoa(100000+i) + " + 1 "
	}
	i := 0
	for b.Loop() {
		if _, err := Eval(texts[i&(1<<16-1)], v); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// opTable is the operators as ash's arith lists them, longest first where
// one is a prefix of another: the reference scanOp is checked against.
var opTable = [...]struct {
	s string
	o op
}{
	{"<<=", opShlAssign}, {">>=", opShrAssign},
	{"<<", opShl}, {">>", opShr}, {"||", opOrOr}, {"&&", opAndAnd},
	{"!=", opNe}, {"<=", opLe}, {">=", opGe}, {"==", opEq},
	{"|=", opOrAssign}, {"&=", opAndAssign}, {"*=", opMulAssign},
	{"/=", opDivAssign}, {"%=", opRemAssign}, {"+=", opAddAssign},
	{"-=", opSubAssign}, {"--", opPostDec}, {"^=", opXorAssign},
	{"++", opPostInc}, {"**", opPow},
	{"!", opNot}, {"<", opLt}, {">", opGt}, {"=", opAssign},
	{"|", opOr}, {"&", opAnd}, {"*", opMul}, {"/", opDiv}, {"%", opRem},
	{"+", opAdd}, {"-", opSub}, {"^", opXor}, {"~", opBitNot},
	{",", opComma}, {"?", opCond}, {":", opCondSep},
	{")", opRParen}, {"(", opLParen},
}

// TestScanOp: scanOp finds what a scan of ash's table finds, for every
// text of up to three bytes of operator characters and others.
func TestScanOp(t *testing.T) {
	const chars = "<>|&!=*/%+-^~,?:()a1 "
	for _, a := range chars {
		for _, b := range chars + "\x00" {
			for _, c := range chars + "\x00" {
				s := strings.TrimRight(string([]rune{a, b, c}), "\x00")
				var want op
				wantN := 0
				for _, e := range opTable {
					if strings.HasPrefix(s, e.s) {
						want, wantN = e.o, len(e.s)
						break
					}
				}
				if got, n := scanOp(s, 0); got != want || n != wantN {
					t.Errorf("scanOp(%q) = %v, %d; want %v, %d", s, got, n, want, wantN)
				}
			}
		}
	}
}
