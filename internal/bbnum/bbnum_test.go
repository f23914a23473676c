package bbnum

import (
	"math"
	"syscall"
	"testing"

	"gobox/internal/suffix"
)

func TestStrtoull(t *testing.T) {
	tests := []struct {
		s     string
		base  int
		v     uint64
		n     int
		errno syscall.Errno
	}{
		{"123", 10, 123, 3, 0},
		{"  -1", 10, math.MaxUint64, 4, 0},
		{"+7x", 10, 7, 2, 0},
		{"0x1f", 0, 31, 4, 0},
		{"0x", 0, 0, 1, 0},
		{"0xg", 16, 0, 1, 0},
		{"017", 0, 15, 3, 0},
		{"08", 0, 0, 1, 0},
		{"ff", 16, 255, 2, 0},
		{"18446744073709551615", 10, math.MaxUint64, 20, 0},
		{"18446744073709551616", 10, math.MaxUint64, 20, syscall.ERANGE},
		{"x", 10, 0, 0, 0},
		{"", 10, 0, 0, 0},
	}
	for _, tt := range tests {
		v, n, errno := Strtoull(tt.s, tt.base)
		if v != tt.v || n != tt.n || errno != tt.errno {
			t.Errorf("Strtoull(%q, %d) = %d, %d, %v; want %d, %d, %v", tt.s, tt.base, v, n, errno, tt.v, tt.n, tt.errno)
		}
	}
	if v, _, errno := Strtoll("-9223372036854775809", 10); v != math.MinInt64 || errno != syscall.ERANGE {
		t.Errorf("Strtoll below the range: %d, %v", v, errno)
	}
	if v, _, errno := Strtoll("-9223372036854775808", 10); v != math.MinInt64 || errno != 0 {
		t.Errorf("Strtoll(MinInt64): %d, %v", v, errno)
	}
}

func TestBb(t *testing.T) {
	tests := []struct {
		s     string
		v     uint64
		errno syscall.Errno
	}{
		{"12", 12, 0},
		{"12,", 12, syscall.EINVAL}, // a good number, an odd end
		{"12x", math.MaxUint64, syscall.ERANGE},
		{" 12", math.MaxUint64, syscall.ERANGE},
		{"-1", math.MaxUint64, syscall.ERANGE},
		{"", math.MaxUint64, syscall.ERANGE},
	}
	for _, tt := range tests {
		if v, _, errno := Bb(tt.s, 10); v != tt.v || errno != tt.errno {
			t.Errorf("Bb(%q) = %d, %v; want %d, %v", tt.s, v, errno, tt.v, tt.errno)
		}
	}
	if v, _, errno := BbU("4294967296", 10); v != math.MaxUint32 || errno != syscall.ERANGE {
		t.Errorf("BbU past 32 bits: %d, %v", v, errno)
	}
}

func TestXRange(t *testing.T) {
	tests := []struct {
		s       string
		base    int
		lo, hi  uint64
		table   suffix.Table
		bits32  bool
		v       uint64
		errText string
	}{
		{"0x10", 0, 0, math.MaxUint64, suffix.None, false, 16, ""},
		{"2k", 0, 0, math.MaxUint64, suffix.BKM, false, 2048, ""},
		{"010b", 0, 0, math.MaxUint64, suffix.BKM, false, 4096, ""},
		{"1K", 0, 0, math.MaxUint64, suffix.BKM, false, 0, "invalid number '1K'"},
		{"-1", 0, 0, math.MaxUint64, suffix.None, false, 0, "invalid number '-1'"},
		{"+1", 0, 0, math.MaxUint64, suffix.None, false, 0, "invalid number '+1'"},
		{" 1", 0, 0, math.MaxUint64, suffix.None, false, 0, "invalid number ' 1'"},
		{"18446744073709551615m", 0, 0, math.MaxUint64, suffix.BKM, false, 0, "number 18446744073709551615m is not in 0..18446744073709551615 range"},
		{"3000000000", 10, 0, math.MaxInt32, suffix.None, true, 0, "number 3000000000 is not in 0..2147483647 range"},
		{"99999999999", 10, 0, math.MaxInt32, suffix.None, true, 0, "invalid number '99999999999'"},
		{"0", 10, 1, math.MaxInt32, suffix.None, true, 0, "number 0 is not in 1..2147483647 range"},
	}
	for _, tt := range tests {
		f := XRange
		if tt.bits32 {
			f = XRange32
		}
		v, err := f(tt.s, tt.base, tt.lo, tt.hi, tt.table)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if v != tt.v || errText != tt.errText {
			t.Errorf("XRange(%q) = %d, %q; want %d, %q", tt.s, v, errText, tt.v, tt.errText)
		}
	}
	for _, tt := range []struct {
		s       string
		v       int64
		errText string
	}{
		{"-5", -5, ""},
		{"+5", 5, ""},
		{"-0x10", -16, ""},
		{"-9223372036854775808", math.MinInt64, ""},
		{"9223372036854775808", 0, "number 9223372036854775808 is not in 0..9223372036854775807 range"},
		{"-9223372036854775809", 0, "number 9223372036854775809 is not in 0..9223372036854775808 range"},
		{"-x", 0, "invalid number 'x'"},
	} {
		v, err := XRangeSigned(tt.s, 0, math.MinInt64, math.MaxInt64, suffix.None)
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if v != tt.v || errText != tt.errText {
			t.Errorf("XRangeSigned(%q) = %d, %q; want %d, %q", tt.s, v, errText, tt.v, tt.errText)
		}
	}
}
