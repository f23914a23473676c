package suffix

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		s     string
		table Table
		want  uint64
		err   string
	}{
		{"0", None, 0, ""},
		{"123", None, 123, ""},
		{"007", None, 7, ""},
		{"18446744073709551615", None, math.MaxUint64, ""},
		{"18446744073709551616", None, 0, "invalid number '18446744073709551616'"},
		{"", None, 0, "invalid number ''"},
		{"-1", None, 0, "invalid number '-1'"},
		{"+1", None, 0, "invalid number '+1'"},
		{" 1", None, 0, "invalid number ' 1'"},
		{"1 ", None, 0, "invalid number '1 '"},
		{"0x10", None, 0, "invalid number '0x10'"},
		{"1k", None, 0, "invalid number '1k'"},
		{"k", BKM, 0, "invalid number 'k'"},
		{"2b", BKM, 1024, ""},
		{"2k", BKM, 2048, ""},
		{"2m", BKM, 2 << 20, ""},
		{"2K", BKM, 0, "invalid number '2K'"},
		{"2kk", BKM, 0, "invalid number '2kk'"},
		{"2b", KM, 0, "invalid number '2b'"},
		{"3m", KM, 3 << 20, ""},
		{"1kB", KMG, 1000, ""}, {"1kD", KMG, 1000, ""}, {"1KB", KMG, 1000, ""}, {"1KD", KMG, 1000, ""},
		{"1k", KMG, 1024, ""}, {"1K", KMG, 1024, ""},
		{"1MB", KMG, 1000000, ""}, {"1MD", KMG, 1000000, ""}, {"1M", KMG, 1 << 20, ""},
		{"1GB", KMG, 1000000000, ""}, {"1GD", KMG, 1000000000, ""}, {"1G", KMG, 1 << 30, ""},
		{"1m", KMG, 0, "invalid number '1m'"},
		{"1g", KMG, 0, "invalid number '1g'"},
		{"1c", KMG, 0, "invalid number '1c'"},
		{"1T", KMG, 0, "invalid number '1T'"},
		{"5c", DD, 5, ""}, {"5w", DD, 10, ""}, {"5b", DD, 2560, ""}, {"5KD", DD, 5000, ""}, {"5G", DD, 5 << 30, ""},
		{"99999999999G", DD, 0, "number 99999999999G is not in 0..18446744073709551615 range"},
		{"1KiB", KMGI, 1024, ""}, {"1kiB", KMGI, 1024, ""}, {"1k", KMGI, 1024, ""},
		{"1MiB", KMGI, 1 << 20, ""}, {"1m", KMGI, 1 << 20, ""}, {"1g", KMGI, 1 << 30, ""},
		{"1KB", KMGI, 1000, ""}, {"1GB", KMGI, 1000000000, ""},
		{"1kB", KMGI, 0, "invalid number '1kB'"},
		{"2s", Duration, 2, ""}, {"2m", Duration, 120, ""}, {"2h", Duration, 7200, ""}, {"2d", Duration, 172800, ""},
	}
	for _, tt := range tests {
		got, err := Parse(tt.s, tt.table)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Parse(%q, %d) = %d, %v; want error %q", tt.s, tt.table, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q, %d) = %d, %v; want %d", tt.s, tt.table, got, err, tt.want)
		}
	}
}

func TestRange(t *testing.T) {
	tests := []struct {
		s      string
		lo, hi uint64
		want   uint64
		err    string
	}{
		{"1", 1, 10, 1, ""},
		{"10", 1, 10, 10, ""},
		{"0", 1, 10, 0, "number 0 is not in 1..10 range"},
		{"11", 1, 10, 0, "number 11 is not in 1..10 range"},
		{"1k", 1, 2000, 1024, ""},
		{"2k", 1, 2000, 0, "number 2k is not in 1..2000 range"},
		{"x", 1, 2000, 0, "invalid number 'x'"},
	}
	for _, tt := range tests {
		got, err := Range(tt.s, DD, tt.lo, tt.hi)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Range(%q) = %d, %v; want error %q", tt.s, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Range(%q) = %d, %v; want %d", tt.s, got, err, tt.want)
		}
	}
}
