package cfmt

import (
	"math"
	"strings"
	"testing"
)

func spec(flags string, width, prec int) Spec {
	s := Spec{Width: width, Prec: prec}
	for i := 0; i < len(flags); i++ {
		if !s.Flag(flags[i]) {
			panic("bad flag " + flags)
		}
	}
	return s
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		s    Spec
		f    func(Spec, *strings.Builder)
		want string
	}{
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Int(b, -5) }, "-5"},
		{spec("+", 0, -1), func(s Spec, b *strings.Builder) { s.Int(b, 5) }, "+5"},
		{spec(" ", 0, -1), func(s Spec, b *strings.Builder) { s.Int(b, 5) }, " 5"},
		{spec("0", 8, 3), func(s Spec, b *strings.Builder) { s.Int(b, 5) }, "     005"},
		{spec("0", 6, -1), func(s Spec, b *strings.Builder) { s.Int(b, -5) }, "-00005"},
		{spec("-+", 6, -1), func(s Spec, b *strings.Builder) { s.Int(b, 7) }, "+7    "},
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Int(b, math.MinInt64) }, "-9223372036854775808"},
		{spec("", 0, 0), func(s Spec, b *strings.Builder) { s.Int(b, 0) }, ""},
		{spec("#", 0, -1), func(s Spec, b *strings.Builder) { s.Uint(b, 255, 'X') }, "0XFF"},
		{spec("#", 0, -1), func(s Spec, b *strings.Builder) { s.Uint(b, 0, 'x') }, "0"},
		{spec("#", 0, -1), func(s Spec, b *strings.Builder) { s.Uint(b, 8, 'o') }, "010"},
		{spec("#0", 6, -1), func(s Spec, b *strings.Builder) { s.Uint(b, 31, 'x') }, "0x001f"},
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Uint(b, math.MaxUint64, 'u') }, "18446744073709551615"},
		{spec("", 5, 2), func(s Spec, b *strings.Builder) { s.String(b, "xyz") }, "   xy"},
		{spec("-", 5, -1), func(s Spec, b *strings.Builder) { s.String(b, "ab") }, "ab   "},
		{spec("", 3, -1), func(s Spec, b *strings.Builder) { s.Char(b, 'q') }, "  q"},
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Float(b, 1234.5, 'e') }, "1.234500e+03"},
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Float(b, 0.00001234, 'G') }, "1.234E-05"},
		{spec("#", 0, -1), func(s Spec, b *strings.Builder) { s.Float(b, 1.5, 'g') }, "1.50000"},
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Float(b, 1e6, 'g') }, "1e+06"},
		{spec("#", 0, 0), func(s Spec, b *strings.Builder) { s.Float(b, 2, 'f') }, "2."},
		{spec("0", 6, -1), func(s Spec, b *strings.Builder) { s.Float(b, math.Inf(-1), 'f') }, "  -inf"},
		{spec("", 0, -1), func(s Spec, b *strings.Builder) { s.Float(b, math.NaN(), 'E') }, "NAN"},
		{spec("", 200, -1), func(s Spec, b *strings.Builder) { s.Int(b, 1) }, strings.Repeat(" ", 199) + "1"},
		{spec("", math.MaxInt32+1, -1), func(s Spec, b *strings.Builder) { s.Int(b, 1) }, ""},
		{spec("", 0, math.MaxInt32+1), func(s Spec, b *strings.Builder) { s.Float(b, 1, 'f') }, ""},
	} {
		var b strings.Builder
		tc.f(tc.s, &b)
		if b.String() != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.s, b.String(), tc.want)
		}
	}
}

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		s    string
		v, n int
	}{
		{"", 0, 0}, {"12x", 12, 2}, {"007", 7, 3}, {"2147483647", math.MaxInt32, 10},
		{"2147483648", math.MaxInt32 + 1, 10}, {"99999999999999999999999", math.MaxInt32 + 1, 23},
	} {
		if v, n := Num(tc.s); v != tc.v || n != tc.n {
			t.Errorf("Num(%q) = %d, %d; want %d, %d", tc.s, v, n, tc.v, tc.n)
		}
	}
}
