package datetime

import (
	"math"
	"strings"
	"time"
)

// Tm is a broken-down time like C's struct tm, with the year in full and
// the month 0-11. Fields may be out of range; ToTime normalises them as
// mktime does.
type Tm struct {
	Year, Mon, Mday, Hour, Min, Sec int
	Wday, Yday                      int
}

// FromTime breaks t down in its own location.
func FromTime(t time.Time) Tm {
	return Tm{
		Year: t.Year(), Mon: int(t.Month()) - 1, Mday: t.Day(),
		Hour: t.Hour(), Min: t.Minute(), Sec: t.Second(),
		Wday: int(t.Weekday()), Yday: t.YearDay() - 1,
	}
}

// ToTime is mktime: the instant tm names in loc.
func (tm Tm) ToTime(loc *time.Location) time.Time {
	return time.Date(tm.Year, time.Month(tm.Mon+1), tm.Mday, tm.Hour, tm.Min, tm.Sec, 0, loc)
}

// InvalidDate is the error for a date string that cannot be parsed; its
// text is BusyBox's "invalid date '...'".
type InvalidDate string

func (e InvalidDate) Error() string { return "invalid date '" + string(e) + "'" }

// ParseDate is BusyBox's parse_datestr followed by validate_tm_time: it
// reads s in one of the formats
//
//	hh:mm[:ss]  [YYYY.]MM.DD-hh:mm[:ss]  YYYY-MM-DD hh:mm[:ss] [+-hhmm|Z]
//	YYYY-MM-DD[ hh]  Mon DD hh:mm:ss YYYY  @SECONDS
//	[[[[[YY]YY]MM]DD]hh]mm[.ss]
//
// Fields s does not give are taken from tm (the caller's idea of "now",
// in loc). The result is the instant named, in loc.
func ParseDate(s string, tm Tm, loc *time.Location) (time.Time, error) {
	t, ok := parseDate(s, tm, loc)
	// validate_tm_time: mktime's error value is also the second before
	// the epoch, which BusyBox therefore rejects.
	if !ok || t.Unix() == -1 {
		return time.Time{}, InvalidDate(s)
	}
	return t, nil
}

// parseDate is parse_datestr.
func parseDate(s string, tm Tm, loc *time.Location) (time.Time, bool) {
	fmts := []string{
		"%R", "%T", "%m.%d-%R", "%m.%d-%T", "%Y.%m.%d-%R", "%Y.%m.%d-%T",
		"%b %d %T %Y", "%Y-%m-%d %R", "%Y-%m-%d %T",
		"%Y-%m-%d %R %z", "%Y-%m-%d %T %z",
		"%Y-%m-%d %H", "%Y-%m-%d",
	}
	for _, f := range fmts {
		t := tm
		var z zoneInfo
		rest, ok := strptime(s, f, &t, &z)
		if ok && rest == "" {
			if z.set {
				u := time.Date(t.Year, time.Month(t.Mon+1), t.Mday, t.Hour, t.Min, t.Sec-z.off, 0, time.UTC)
				return u.In(loc), true
			}
			return t.ToTime(loc), true
		}
	}
	if strings.HasPrefix(s, "@") {
		n, ok := strtoll(s[1:])
		if !ok {
			return time.Time{}, false
		}
		return epoch(n, loc)
	}
	d, ok := parseDigits(s, tm)
	if !ok {
		return time.Time{}, false
	}
	return d.ToTime(loc), true
}

// epoch is @SECONDS as BusyBox converts it, with localtime: that fails
// (an invalid date) when the year in loc does not fit C's int tm_year,
// so between about -2147481748 and 2147485547.
func epoch(n int64, loc *time.Location) (time.Time, bool) {
	// Far outside, rejected before Go's time arithmetic could overflow;
	// a week's margin covers any zone's offset.
	const first, last = -67768040609740800 - 7*86400, 67768036191676799 + 7*86400
	if n < first || n > last {
		return time.Time{}, false
	}
	t := time.Unix(n, 0).In(loc)
	y := int64(t.Year()) - 1900
	return t, y >= math.MinInt32 && y <= math.MaxInt32
}

// strtoll parses like bb_strtoll: an optional "-", decimal digits,
// nothing after them.
func strtoll(s string) (int64, bool) {
	neg := false
	if s != "" && s[0] == '-' {
		neg = true
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		d := int64(s[i] - '0')
		if n > (1<<63-1-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	if neg {
		n = -n
	}
	return n, true
}

// scan2 reads an unsigned number of at most width digits, skipping
// leading white space, as sscanf's "%2u" does.
func scanU(s string, width int) (int, string, bool) {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	if s != "" && s[0] == '+' {
		s = s[1:]
		width--
	}
	n, i := 0, 0
	for i < len(s) && i < width && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return 0, s, false
	}
	return n, s[i:], true
}

// parseDigits handles [[[[[YY]YY]MM]DD]hh]mm[.ss] ("touch -t" order).
func parseDigits(s string, tm Tm) (Tm, bool) {
	curYear := tm.Year - 1900
	l := strings.IndexByte(s, '.')
	if l < 0 {
		l = len(s)
	}
	// widths of the fields, in order, for each accepted length
	var widths []int
	switch l {
	case 2:
		widths = []int{2}
	case 4:
		widths = []int{2, 2}
	case 6:
		widths = []int{2, 2, 2}
	case 8:
		widths = []int{2, 2, 2, 2}
	case 10:
		widths = []int{2, 2, 2, 2, 2}
	case 12:
		widths = []int{4, 2, 2, 2, 2}
	default:
		return tm, false
	}
	vals := make([]int, 0, len(widths))
	rest := s
	for _, w := range widths {
		v, r, ok := scanU(rest, w)
		if !ok {
			break
		}
		vals = append(vals, v)
		rest = r
	}
	if len(vals) < len(widths) {
		return tm, false
	}
	end := byte(0)
	if rest != "" {
		end = rest[0]
		rest = rest[1:]
	}
	n := len(vals)
	tm.Min = vals[n-1]
	if n >= 2 {
		tm.Hour = vals[n-2]
	}
	if n >= 3 {
		tm.Mday = vals[n-3]
	}
	if n >= 4 {
		tm.Mon = vals[n-4] - 1
	}
	switch l {
	case 10:
		y := vals[0]
		if curYear >= 50 {
			y += curYear / 100 * 100
			if y < curYear-50 {
				y += 100
			}
			if y > curYear+50 {
				y -= 100
			}
		}
		tm.Year = y + 1900
	case 12:
		tm.Year = vals[0]
	}
	tm.Sec = 0
	if end == '.' {
		v, r, ok := scanU(rest, 1<<30)
		if ok {
			tm.Sec = v
			end = 0
			if r != "" {
				end = r[0]
			}
		}
	}
	if tm.Sec > 60 || tm.Min > 59 || tm.Hour > 23 || tm.Mday > 31 || tm.Mon > 11 {
		return tm, false
	}
	return tm, end == 0
}

type zoneInfo struct {
	set bool
	off int // seconds east of UTC
}

// Strptime parses s according to the strptime format f (musl's
// conversions, plus %z and %s as glibc has them), updating tm. It returns
// the unparsed rest of s, and false if s does not match f.
func Strptime(s, f string, tm *Tm, loc *time.Location) (string, bool) {
	var z zoneInfo
	rest, ok := strptime(s, f, tm, &z)
	if ok && z.set {
		u := time.Date(tm.Year, time.Month(tm.Mon+1), tm.Mday, tm.Hour, tm.Min, tm.Sec-z.off, 0, time.UTC)
		*tm = FromTime(u.In(loc))
	}
	return rest, ok
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func strptime(s, f string, tm *Tm, z *zoneInfo) (string, bool) {
	const monthNames = "January February March April May June July August September October November December"
	const dayNames = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday"
	century, relyear, wantCentury := 0, 0, 0
	matchName := func(names string, dest *int) bool {
		for i, n := range strings.Fields(names) {
			for _, cand := range []string{n, n[:3]} {
				if len(s) >= len(cand) && strings.EqualFold(s[:len(cand)], cand) {
					*dest = i
					s = s[len(cand):]
					return true
				}
			}
		}
		return false
	}
	// numRange reads at most as many digits as min+range has and checks
	// min <= v < min+range.
	numRange := func(dest *int, min, rng, adj int) bool {
		if s == "" || s[0] < '0' || s[0] > '9' {
			return false
		}
		v := 0
		for i := 1; i <= min+rng && s != "" && s[0] >= '0' && s[0] <= '9'; i *= 10 {
			v = v*10 + int(s[0]-'0')
			s = s[1:]
		}
		if v-min < 0 || v-min >= rng {
			return false
		}
		*dest = v - adj
		return true
	}
	numDigits := func(dest *int, w int) bool {
		neg := false
		if s != "" && s[0] == '+' {
			s = s[1:]
		} else if s != "" && s[0] == '-' {
			neg = true
			s = s[1:]
		}
		if s == "" || s[0] < '0' || s[0] > '9' {
			return false
		}
		v := 0
		for i := 0; i < w && s != "" && s[0] >= '0' && s[0] <= '9'; i++ {
			v = v*10 + int(s[0]-'0')
			s = s[1:]
		}
		if neg {
			v = -v
		}
		*dest = v
		return true
	}
	for len(f) > 0 {
		if f[0] != '%' {
			if isSpace(f[0]) {
				for s != "" && isSpace(s[0]) {
					s = s[1:]
				}
			} else {
				if s == "" || s[0] != f[0] {
					return s, false
				}
				s = s[1:]
			}
			f = f[1:]
			continue
		}
		f = f[1:]
		if f != "" && f[0] == '+' {
			f = f[1:]
		}
		w := -1
		if f != "" && f[0] >= '0' && f[0] <= '9' {
			w = 0
			for f != "" && f[0] >= '0' && f[0] <= '9' {
				w = w*10 + int(f[0]-'0')
				f = f[1:]
			}
		}
		if f == "" {
			return s, false
		}
		c := f[0]
		f = f[1:]
		if c == 'E' || c == 'O' {
			if f == "" {
				return s, false
			}
			c = f[0]
			f = f[1:]
		}
		ok := true
		var r string
		switch c {
		case 'a', 'A':
			ok = matchName(dayNames, &tm.Wday)
		case 'b', 'B', 'h':
			ok = matchName(monthNames, &tm.Mon)
		case 'c':
			r, ok = strptime(s, "%a %b %e %H:%M:%S %Y", tm, z)
			s = r
		case 'C':
			if w < 0 {
				w = 2
			}
			ok = numDigits(&century, w)
			wantCentury |= 2
		case 'd', 'e':
			ok = numRange(&tm.Mday, 1, 31, 0)
		case 'D', 'x':
			r, ok = strptime(s, "%m/%d/%y", tm, z)
			s = r
		case 'F':
			r, ok = strptime(s, "%Y-%m-%d", tm, z)
			s = r
		case 'H', 'k':
			ok = numRange(&tm.Hour, 0, 24, 0)
		case 'I', 'l':
			ok = numRange(&tm.Hour, 1, 12, 0)
		case 'j':
			ok = numRange(&tm.Yday, 1, 366, 1)
		case 'm':
			ok = numRange(&tm.Mon, 1, 12, 1)
		case 'M':
			ok = numRange(&tm.Min, 0, 60, 0)
		case 'n', 't':
			for s != "" && isSpace(s[0]) {
				s = s[1:]
			}
		case 'p', 'P':
			switch {
			case len(s) >= 2 && strings.EqualFold(s[:2], "AM"):
				if tm.Hour == 12 {
					tm.Hour = 0
				}
				s = s[2:]
			case len(s) >= 2 && strings.EqualFold(s[:2], "PM"):
				if tm.Hour < 12 {
					tm.Hour += 12
				}
				s = s[2:]
			default:
				ok = false
			}
		case 'r':
			r, ok = strptime(s, "%I:%M:%S %p", tm, z)
			s = r
		case 'R':
			r, ok = strptime(s, "%H:%M", tm, z)
			s = r
		case 'S':
			ok = numRange(&tm.Sec, 0, 61, 0)
		case 'T', 'X':
			r, ok = strptime(s, "%H:%M:%S", tm, z)
			s = r
		case 'U', 'W':
			var dummy int
			ok = numRange(&dummy, 0, 54, 0)
		case 'w':
			ok = numRange(&tm.Wday, 0, 7, 0)
		case 'y':
			if w < 0 {
				w = 2
			}
			ok = numDigits(&relyear, w)
			wantCentury |= 1
		case 'Y':
			if w < 0 {
				w = 4
			}
			ok = numDigits(&tm.Year, w)
			wantCentury = 0
		case 'z':
			ok = parseZone(&s, z)
		case '%':
			if s == "" || s[0] != '%' {
				return s, false
			}
			s = s[1:]
		default:
			return s, false
		}
		if !ok {
			return s, false
		}
	}
	if wantCentury != 0 {
		y := relyear
		if wantCentury&2 != 0 {
			y += century * 100
		} else if y <= 68 {
			y += 2000
		} else {
			y += 1900
		}
		tm.Year = y
	}
	return s, true
}

// parseZone reads a numeric zone as glibc's %z does: "Z", or +hh, +hhmm,
// +hh:mm (or with '-').
func parseZone(s *string, z *zoneInfo) bool {
	t := strings.TrimLeft(*s, " ")
	if t != "" && t[0] == 'Z' {
		*s = t[1:]
		z.set, z.off = true, 0
		return true
	}
	if t == "" || t[0] != '+' && t[0] != '-' {
		return false
	}
	neg := t[0] == '-'
	t = t[1:]
	var d []int
	for len(d) < 4 && t != "" {
		if t[0] == ':' && len(d) == 2 {
			t = t[1:]
			continue
		}
		if t[0] < '0' || t[0] > '9' {
			break
		}
		d = append(d, int(t[0]-'0'))
		t = t[1:]
	}
	var hh, mm int
	switch len(d) {
	case 2:
		hh = d[0]*10 + d[1]
	case 4:
		hh, mm = d[0]*10+d[1], d[2]*10+d[3]
	default:
		return false
	}
	if hh > 12 && !(hh <= 24 && mm == 0) || mm > 59 {
		return false
	}
	off := hh*3600 + mm*60
	if neg {
		off = -off
	}
	*s = t
	z.set, z.off = true, off
	return true
}
