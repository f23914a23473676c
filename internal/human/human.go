// Package human formats sizes the way BusyBox's make_human_readable_str
// does: "0", "512", "1.0K", "15.3M", powers of 1024, one decimal.
package human

import "strconv"

const units = "\x00KMGTPEZY"

// Size formats val*blockSize. With displayUnit > 0 the value is divided by
// it and rounded (df -m); otherwise it is scaled by 1024 with one decimal
// while it is at least 1024 (ls -h, du -h, df -h).
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
	if u == 0 {
		return strconv.FormatUint(val, 10)
	}
	return strconv.FormatUint(val, 10) + "." + strconv.FormatUint(frac, 10) + string(units[u])
}
