package cfmt

import (
	"math"
	"syscall"
	"testing"
)

// TestStrtod checks values and errno against musl's strtod, as Alpine's
// BusyBox printf shows them ("invalid number" for ERANGE, the value
// still used).
func TestStrtod(t *testing.T) {
	const minSub = 0x1p-1074 // the least subnormal
	for _, tc := range []struct {
		in  string
		v   float64
		err error
	}{
		{"1", 1, nil}, {" -2.5", -2.5, nil}, {"+3e2", 300, nil}, {"0x10", 16, nil},
		{"0x1p4", 16, nil}, {"inf", math.Inf(1), nil}, {"-Infinity", math.Inf(-1), nil},
		{"\t2", 2, nil}, {"1.e1", 10, nil}, {"0X1P3", 8, nil}, {"1e+0005", 1e5, nil},
		// not a number, or not only one
		{"", 0, syscall.EINVAL}, {"  ", 0, syscall.EINVAL}, {"1x", 0, syscall.EINVAL},
		{"0x", 0, syscall.EINVAL}, {"1_0", 0, syscall.EINVAL}, {"--1", 0, syscall.EINVAL},
		{"infx", 0, syscall.EINVAL}, {"infinit", 0, syscall.EINVAL}, {"1p5", 0, syscall.EINVAL},
		{"1 ", 0, syscall.EINVAL}, {".", 0, syscall.EINVAL}, {"1e", 0, syscall.EINVAL},
		{"0x.p1", 0, syscall.EINVAL}, {"nan(1-2)", 0, syscall.EINVAL},
		// overflow
		{"1e999", math.Inf(1), syscall.ERANGE}, {"-1e309", math.Inf(-1), syscall.ERANGE},
		{"1.7976931348623158e308", math.MaxFloat64, nil},
		{"1.7976931348623159e308", math.Inf(1), syscall.ERANGE},
		// underflow to zero; zero itself is exact
		{"1e-400", 0, syscall.ERANGE}, {"-1e-400", math.Copysign(0, -1), syscall.ERANGE},
		{"00001e-0000000000000400", 0, syscall.ERANGE}, {"2e-324", 0, syscall.ERANGE},
		{"0e9999", 0, nil}, {"0.000e-999", 0, nil}, {"0x0p9999", 0, nil},
		// subnormal results: ERANGE when inexact, except when rounding
		// carried up to a power of two
		{"1e-310", 1e-310, syscall.ERANGE}, {"5e-324", minSub, syscall.ERANGE},
		{"1e-323", 2 * minSub, syscall.ERANGE},
		{"4e-324", minSub, nil}, {"3e-324", minSub, nil},
		{"9.88131291682493088e-324", 2 * minSub, nil},
		{"2.2250738585072011e-308", 0x0.fffffffffffffp-1022, syscall.ERANGE},
		{"2.2250738585072014e-308", 0x1p-1022, nil},
		// hexadecimal: exact, or checked on the exponent
		{"0x1p-1074", minSub, nil}, {"0x1.8p-1074", 2 * minSub, nil},
		{"0x1.8p-1075", minSub, nil}, {"0x3p-1077", 0, nil}, {"0x1.8p-1080", 0, nil},
		{"0x1p-1075", 0, syscall.ERANGE}, {"0x1P-1075", 0, syscall.ERANGE},
		{"0x.01p-1066", minSub, nil}, {"0x.01p-1067", 0, syscall.ERANGE}, {"0x1p-1100", 0, syscall.ERANGE},
		{"0x1p1024", math.Inf(1), nil}, {"0x1p1100", math.Inf(1), nil},
		{"0x1p1107", math.Inf(1), syscall.ERANGE}, {"0X1p1200", math.Inf(1), syscall.ERANGE},
		{"0x.8p1105", math.Inf(1), nil}, {"0x.8p1108", math.Inf(1), syscall.ERANGE},
	} {
		v, err := Strtod(tc.in)
		if v != tc.v || math.Signbit(v) != math.Signbit(tc.v) || err != tc.err {
			t.Errorf("Strtod(%q) = %v, %v; want %v, %v", tc.in, v, err, tc.v, tc.err)
		}
	}
	for _, in := range []string{"nan", "-nan", "NaN", "nan(123)", "nan()", "-NAN(a_Z)"} {
		v, err := Strtod(in)
		if !math.IsNaN(v) || err != nil || math.Signbit(v) != (in[0] == '-') {
			t.Errorf("Strtod(%q) = %v, %v; want a NaN", in, v, err)
		}
	}
}
