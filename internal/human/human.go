// Package human formats sizes the way BusyBox's make_human_readable_str
// does: "0", "512", "1.0K", "15.3M", powers of 1024, one decimal; or
// whole numbers ("4K", "240M") when the block size is 0.
package human

import "strconv"

const units = "\x00KMGTPEZY"

// Size is make_human_readable_str(val, blockSize, displayUnit): it
// formats val*blockSize (val itself for a blockSize of 0 or 1). With
// displayUnit > 0 the value is divided by it and rounded (df -m);
// otherwise it is scaled by 1024 while it is at least 1024, shown with
// one decimal and a unit letter (ls -h, du -h, df -h), or, when
// blockSize is 0, rounded to a whole number with a unit letter.
func Size(val, blockSize, displayUnit uint64) string {
	if val == 0 {
		return "0"
	}
	if blockSize > 1 {
		val *= blockSize
	}
	if displayUnit > 0 {
		val += displayUnit / 2
		val /= displayUnit
		return strconv.FormatUint(val, 10)
	}
	u := 0
	frac := uint64(0)
	for val >= 1024 && u < len(units)-1 {
		frac = ((val%1024)*10 + 1024/2) / 1024
		val /= 1024
		u++
	}
	if frac >= 10 {
		val++
		frac = 0
	}
	if blockSize == 0 {
		if frac >= 5 {
			val++
		}
		if u == 0 {
			return strconv.FormatUint(val, 10)
		}
		return strconv.FormatUint(val, 10) + string(units[u])
	}
	if u == 0 {
		return strconv.FormatUint(val, 10)
	}
	return strconv.FormatUint(val, 10) + "." + strconv.FormatUint(frac, 10) + string(units[u])
}

// Whole is Size(val, 0, 0): val scaled by 1024 and rounded to a whole
// number with a unit letter (ls -sh block counts, df's -B header).
func Whole(val uint64) string { return Size(val, 0, 0) }
