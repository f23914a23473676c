package awk

import (
	"strconv"
	"strings"
	"time"

	"gobox/internal/datetime"
)

// location is the time zone TZ in the program's environment names, as
// musl's localtime reads it.
func (in *interp) location() *time.Location {
	if in.loc == nil {
		var tz string
		set := false
		for _, kv := range in.cfg.Env {
			if v, ok := strings.CutPrefix(kv, "TZ="); ok {
				tz, set = v, true
			}
		}
		in.loc = datetime.Location(tz, set)
	}
	return in.loc
}

// strftime is BusyBox's: C's strftime into a buffer of 240 bytes, and
// an empty string when the result does not fit or has an unknown
// conversion.
func strftime(format string, t time.Time) string {
	s, ok := datetime.Format(format, t)
	if !ok || len(s) >= 240 {
		return ""
	}
	return s
}

// mktime is mktime("YYYY MM DD HH MM SS [DST]"): seconds since the
// epoch, or -1 for a malformed date.
func mktime(s string, loc *time.Location) int64 {
	f := strings.Fields(s)
	if len(f) < 6 {
		return -1
	}
	var v [6]int
	for i := range v {
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil || n < 0 || n > 1<<31 {
			return -1
		}
		v[i] = int(n)
	}
	if v[1] < 1 || v[0] < 1900 {
		return -1
	}
	return time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, loc).Unix()
}
