// Package suffix parses numbers with multiplier suffixes, as BusyBox's
// xatoull_sfx does for dd, head, tail, truncate and friends.
package suffix

import (
	"errors"
	"strconv"
	"strings"
)

// Mult is one suffix and its multiplier.
type Mult struct {
	Suffix string
	N      uint64
}

// Tables BusyBox uses.
var (
	// KMG: k/K=1024, m/M, g/G (head, tail, truncate).
	KMG = []Mult{{"k", 1024}, {"K", 1024}, {"m", 1024 * 1024}, {"M", 1024 * 1024}, {"g", 1 << 30}, {"G", 1 << 30}}
	// DD: dd's bs=/count=/skip=/seek= suffixes: c w b kD K/k MD M GD G T...
	DD = []Mult{
		{"c", 1}, {"w", 2}, {"b", 512},
		{"kB", 1000}, {"kD", 1000}, {"k", 1024}, {"K", 1024},
		{"MB", 1000000}, {"MD", 1000000}, {"M", 1024 * 1024},
		{"GB", 1000000000}, {"GD", 1000000000}, {"G", 1 << 30},
		{"TB", 1000000000000}, {"TD", 1000000000000}, {"T", 1 << 40},
	}
	// BKM: b=512, k=1024, m=1024*1024 (head -c, tail -c, BusyBox's bkm_suffixes).
	BKM = []Mult{{"b", 512}, {"k", 1024}, {"m", 1024 * 1024}}
)

// ErrInvalid is returned for malformed numbers; callers print BusyBox's
// "invalid number 'X'".
var ErrInvalid = errors.New("invalid number")

// Parse parses a decimal (or with base 0, C-style 0x/0 prefixed) unsigned
// number followed by an optional suffix from table.
func Parse(s string, table []Mult) (uint64, error) {
	num := s
	mult := uint64(1)
	for _, m := range table {
		if strings.HasSuffix(s, m.Suffix) && len(s) > len(m.Suffix) {
			num = s[:len(s)-len(m.Suffix)]
			mult = m.N
			break
		}
	}
	if num == "" || num[0] == '-' || num[0] == '+' && len(num) == 1 {
		return 0, ErrInvalid
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(num, "+"), 10, 64)
	if err != nil {
		return 0, ErrInvalid
	}
	if n != 0 && n*mult/mult != n {
		return 0, ErrInvalid
	}
	return n * mult, nil
}
