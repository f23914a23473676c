// Package suffix parses unsigned decimal numbers with multiplier suffixes
// the way BusyBox's xatoull_range_sfx does, with BusyBox's suffix tables
// (bkm_suffixes, km_suffixes, kMG_suffixes, cwbkMG_suffixes,
// kmg_i_suffixes). It is the one place gobox keeps those tables.
package suffix

import (
	"math"
	"strconv"
)

// Table selects one of BusyBox's suffix tables.
type Table uint8

// The tables. A suffix must be all that follows the digits.
const (
	// None allows no suffix (xatoull, xatoul_range).
	None Table = iota
	// BKM is bkm_suffixes: b=512, k=1024, m=1024*1024 (head, tail).
	BKM
	// KM is km_suffixes: k=1024, m=1024*1024.
	KM
	// KMG is kMG_suffixes: kB kD KB KD=1000, k K=1024, MB MD=1000^2,
	// M=1024^2, GB GD=1000^3, G=1024^3 (truncate).
	KMG
	// DD is cwbkMG_suffixes: c=1, w=2, b=512, then KMG (dd).
	DD
	// KMGI is kmg_i_suffixes: KiB kiB K k, MiB miB M m, GiB giB G g
	// (powers of 1024), KB MB GB (powers of 1000) (df -B).
	KMGI
	// Duration is parse_duration_str's duration_suffixes: s=1, m=60,
	// h=3600, d=86400 (sleep, timeout).
	Duration
)

// Mult returns the multiplier of suffix sfx in table t.
func (t Table) Mult(sfx string) (uint64, bool) {
	switch t {
	case BKM:
		switch sfx {
		case "b":
			return 512, true
		case "k":
			return 1 << 10, true
		case "m":
			return 1 << 20, true
		}
	case KM:
		switch sfx {
		case "k":
			return 1 << 10, true
		case "m":
			return 1 << 20, true
		}
	case DD, KMG:
		if t == DD {
			switch sfx {
			case "c":
				return 1, true
			case "w":
				return 2, true
			case "b":
				return 512, true
			}
		}
		switch sfx {
		case "kB", "kD", "KB", "KD":
			return 1000, true
		case "k", "K":
			return 1 << 10, true
		case "MB", "MD":
			return 1000000, true
		case "M":
			return 1 << 20, true
		case "GB", "GD":
			return 1000000000, true
		case "G":
			return 1 << 30, true
		}
	case KMGI:
		switch sfx {
		case "KiB", "kiB", "K", "k":
			return 1 << 10, true
		case "MiB", "miB", "M", "m":
			return 1 << 20, true
		case "GiB", "giB", "G", "g":
			return 1 << 30, true
		case "KB":
			return 1000, true
		case "MB":
			return 1000000, true
		case "GB":
			return 1000000000, true
		}
	case Duration:
		switch sfx {
		case "s":
			return 1, true
		case "m":
			return 60, true
		case "h":
			return 3600, true
		case "d":
			return 86400, true
		}
	}
	return 0, false
}

// Error is a number that did not parse; its text is BusyBox's
// ("invalid number 'X'" or "number X is not in LO..HI range").
type Error struct {
	Num    string
	Range  bool // well-formed but out of range
	Lo, Hi uint64
}

func (e *Error) Error() string {
	if e.Range {
		return "number " + e.Num + " is not in " + strconv.FormatUint(e.Lo, 10) + ".." + strconv.FormatUint(e.Hi, 10) + " range"
	}
	return "invalid number '" + e.Num + "'"
}

// Parse is xatoull_sfx: Range with the whole uint64 range.
func Parse(s string, t Table) (uint64, error) {
	return Range(s, t, 0, math.MaxUint64)
}

// Range is xatoull_range_sfx: decimal digits (no sign, no leading space),
// then nothing or exactly one suffix of table t, the result in lo..hi.
// Too many digits is an invalid number; a suffix that overflows, or a
// result outside lo..hi, is out of range.
func Range(s string, t Table, lo, hi uint64) (uint64, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, &Error{Num: s}
	}
	n, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil {
		return 0, &Error{Num: s}
	}
	if sfx := s[i:]; sfx != "" {
		mult, ok := t.Mult(sfx)
		if !ok {
			return 0, &Error{Num: s}
		}
		if math.MaxUint64/mult < n {
			return 0, &Error{Num: s, Range: true, Lo: lo, Hi: hi}
		}
		n *= mult
	}
	if n < lo || n > hi {
		return 0, &Error{Num: s, Range: true, Lo: lo, Hi: hi}
	}
	return n, nil
}
