package datetime

import (
	"strconv"
	"strings"
	"time"
)

// Format formats t like musl's strftime(fmt): "%[flag][width]X" with the
// flags '-' (no padding), '_' (pad with spaces), '0' (pad with zeros) and
// '+', a width for %C %F %G %Y, and the conversions of C locale strftime.
// As glibc does, %k (space-padded 24-hour hour) and %P (lower-case am/pm)
// are also accepted. Like musl, formatting stops at an unknown conversion
// (or a lone trailing '%'): the text produced so far is returned and ok is
// false.
func Format(fmt string, t time.Time) (out string, ok bool) {
	var b strings.Builder
	ok = formatTo(&b, fmt, t)
	return b.String(), ok
}

// maxWidth bounds a field width, as the size of strftime's buffer does.
const maxWidth = 1024

func formatTo(b *strings.Builder, f string, t time.Time) bool {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		i++
		var pad byte
		if i < len(f) && (f[i] == '-' || f[i] == '_' || f[i] == '0') {
			pad = f[i]
			i++
		}
		plus := false
		if i < len(f) && f[i] == '+' {
			plus = true
			i++
		}
		j := i
		for j < len(f) && f[j] >= '0' && f[j] <= '9' {
			j++
		}
		width := 0
		if j < len(f) && strings.IndexByte("CFGY", f[j]) >= 0 {
			if j > i {
				width, _ = strconv.Atoi(f[i:j])
				if width > maxWidth {
					// musl stops padding at the end of the caller's
					// buffer (BusyBox date's is about 1 KiB); without a
					// bound "%99999999999Y" would never finish.
					width = maxWidth
				}
				if width == 0 {
					width = 1
				}
			}
		}
		i = j
		if i < len(f) && (f[i] == 'E' || f[i] == 'O') {
			i++
		}
		if i >= len(f) {
			return false
		}
		conv := f[i]
		s, ok := fmt1(conv, t, pad)
		if !ok {
			return false
		}
		if width > 0 {
			// musl: strip sign and leading zeros, then pad with zeros
			// to width, with '+' for long years when asked.
			if s != "" && (s[0] == '+' || s[0] == '-') {
				s = s[1:]
			}
			for len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
				s = s[1:]
			}
			k := len(s)
			if width < k {
				width = k
			}
			d := 0
			for d < len(s) && s[d] >= '0' && s[d] <= '9' {
				d++
			}
			lim := 5
			if conv == 'C' {
				lim = 3
			}
			if t.Year() < 0 {
				b.WriteByte('-')
				width--
			} else if plus && d+(width-k) >= lim {
				b.WriteByte('+')
				width--
			}
			for ; width > k; width-- {
				b.WriteByte('0')
			}
		}
		b.WriteString(s)
	}
	return true
}

func number(val int64, width int, defPad, pad byte) string {
	if pad == 0 {
		pad = defPad
	}
	s := strconv.FormatInt(val, 10)
	switch pad {
	case '-':
		return s
	case '_':
		for len(s) < width {
			s = " " + s
		}
		return s
	}
	neg := val < 0
	if neg {
		s = s[1:]
		width--
	}
	for len(s) < width {
		s = "0" + s
	}
	if neg {
		s = "-" + s
	}
	return s
}

func sub(f string, t time.Time) (string, bool) {
	var b strings.Builder
	ok := formatTo(&b, f, t)
	return b.String(), ok
}

// weekNum is the ISO 8601 week number (musl's week_num).
func weekNum(yday, wday, year int) int {
	val := (yday + 7 - (wday+6)%7) / 7
	if (wday+371-yday-2)%7 <= 2 {
		val++
	}
	if val == 0 {
		val = 52
		dec31 := (wday + 7 - yday - 1) % 7
		if dec31 == 4 || dec31 == 5 && isLeap(year-1) {
			val++
		}
	} else if val == 53 {
		jan1 := (wday + 371 - yday) % 7
		if jan1 != 4 && (jan1 != 3 || !isLeap(year)) {
			val = 1
		}
	}
	return val
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func fmt1(c byte, t time.Time, pad byte) (string, bool) {
	const days = "SunMonTueWedThuFriSat"
	const fullDays = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday"
	const months = "JanFebMarAprMayJunJulAugSepOctNovDec"
	wday := int(t.Weekday())
	mon := int(t.Month()) - 1
	yday := t.YearDay() - 1
	year := t.Year()
	width, defPad := 2, byte('0')
	var val int64
	switch c {
	case 'a':
		return days[wday*3 : wday*3+3], true
	case 'A':
		return strings.Fields(fullDays)[wday], true
	case 'b', 'h':
		return months[mon*3 : mon*3+3], true
	case 'B':
		return t.Month().String(), true
	case 'c':
		return sub("%a %b %e %H:%M:%S %Y", t)
	case 'C':
		val = int64(year) / 100
	case 'e':
		defPad = '_'
		val = int64(t.Day())
	case 'd':
		val = int64(t.Day())
	case 'D', 'x':
		return sub("%m/%d/%y", t)
	case 'F':
		return sub("%Y-%m-%d", t)
	case 'g', 'G':
		val = int64(year)
		wn := weekNum(yday, wday, year)
		if yday < 3 && wn != 1 {
			val--
		} else if yday > 360 && wn == 1 {
			val++
		}
		if c == 'g' {
			val %= 100
		} else {
			width = 4
		}
	case 'H':
		val = int64(t.Hour())
	case 'k':
		defPad = '_'
		val = int64(t.Hour())
	case 'l', 'I':
		if c == 'l' {
			defPad = '_'
		}
		val = int64(t.Hour())
		if val == 0 {
			val = 12
		} else if val > 12 {
			val -= 12
		}
	case 'j':
		val = int64(yday + 1)
		width = 3
	case 'm':
		val = int64(mon + 1)
	case 'M':
		val = int64(t.Minute())
	case 'n':
		return "\n", true
	case 't':
		return "\t", true
	case 'p':
		if t.Hour() >= 12 {
			return "PM", true
		}
		return "AM", true
	case 'P':
		if t.Hour() >= 12 {
			return "pm", true
		}
		return "am", true
	case 'r':
		return sub("%I:%M:%S %p", t)
	case 'R':
		return sub("%H:%M", t)
	case 's':
		val = t.Unix()
		width = 1
	case 'S':
		val = int64(t.Second())
	case 'T', 'X':
		return sub("%H:%M:%S", t)
	case 'u':
		val = int64(wday)
		if wday == 0 {
			val = 7
		}
		width = 1
	case 'U':
		val = int64((yday + 7 - wday) / 7)
	case 'W':
		val = int64((yday + 7 - (wday+6)%7) / 7)
	case 'V':
		val = int64(weekNum(yday, wday, year))
	case 'w':
		val = int64(wday)
		width = 1
	case 'y':
		val = int64(year) % 100
		if val < 0 {
			val = -val
		}
	case 'Y':
		val = int64(year)
		if val >= 10000 {
			return "+" + strconv.FormatInt(val, 10), true
		}
		width = 4
	case 'z':
		_, off := t.Zone()
		v := off/3600*100 + off%3600/60
		s := strconv.Itoa(v)
		sign := "+"
		if v < 0 {
			sign = "-"
			s = s[1:]
		}
		for len(s) < 4 {
			s = "0" + s
		}
		return sign + s, true
	case 'Z':
		name, _ := t.Zone()
		return name, true
	case '%':
		return "%", true
	default:
		return "", false
	}
	return number(val, width, defPad, pad), true
}

// ExpandNanos replaces BusyBox date's "%[digits]N" (nanoseconds, truncated
// to digits places, 9 by default) in fmt with the digits of nsec, leaving
// "%%" alone.
func ExpandNanos(fmt string, nsec int) string {
	if !strings.Contains(fmt, "N") {
		return fmt
	}
	var b strings.Builder
	for i := 0; i < len(fmt); i++ {
		if fmt[i] != '%' || i+1 >= len(fmt) {
			b.WriteByte(fmt[i])
			continue
		}
		if fmt[i+1] == '%' {
			b.WriteString("%%")
			i++
			continue
		}
		j := i + 1
		for j < len(fmt) && fmt[j] >= '0' && fmt[j] <= '9' {
			j++
		}
		if j >= len(fmt) || fmt[j] != 'N' {
			b.WriteByte('%')
			continue
		}
		pres := 9
		if j > i+1 {
			pres, _ = strconv.Atoi(fmt[i+1 : j])
			if pres == 0 {
				pres = 9
			}
			if pres > maxWidth {
				// BusyBox pads to any width, but strftime's
				// buffer cuts the result at about 1 KiB.
				pres = maxWidth
			}
		}
		scale := 1
		for m := 9 - pres; m > 0; m-- {
			scale *= 10
		}
		s := strconv.Itoa(nsec / scale)
		if len(s) < pres {
			b.WriteString(strings.Repeat("0", pres-len(s)))
		}
		b.WriteString(s)
		i = j
	}
	return b.String()
}
