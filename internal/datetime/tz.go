// Package datetime holds the date and time code shared by date, touch and
// friends: BusyBox's date string parsing (parse_datestr), a musl-compatible
// strftime and strptime, and musl's interpretation of the TZ variable,
// including POSIX TZ strings such as "EST5EDT" or "EET-2EEST,M3.5.0/3,M10.5.0/4".
package datetime

import (
	"encoding/binary"
	"os"
	"strings"
	"time"
)

// Location returns the time zone that musl's tzset would pick for a TZ
// variable with value tz (set reports whether TZ is set at all): unset or
// empty means /etc/localtime, ":NAME" or a value containing '/' names a
// zoneinfo file, anything else is a POSIX TZ string. A value that cannot be
// used gives UTC, as with musl.
func Location(tz string, set bool) *time.Location {
	if !set || tz == "" {
		tz = "/etc/localtime"
	}
	slash := strings.IndexByte(tz, '/')
	if tz[0] == ':' || slash >= 0 && !strings.Contains(tz[:slash], ",") {
		name := strings.TrimPrefix(tz, ":")
		if loc := loadFile(name); loc != nil {
			return loc
		}
		return time.UTC
	}
	return posixLocation(tz)
}

func loadFile(name string) *time.Location {
	if name == "" {
		return nil
	}
	var paths []string
	if name[0] == '/' || name[0] == '.' {
		paths = []string{name}
	} else if !strings.Contains(name, ".") && len(name) <= 255 {
		for _, dir := range []string{"/usr/share/zoneinfo/", "/share/zoneinfo/", "/etc/zoneinfo/"} {
			paths = append(paths, dir+name)
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if loc, err := time.LoadLocationFromTZData(name, data); err == nil {
			return loc
		}
	}
	if name[0] != '/' && name[0] != '.' {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return nil
}

// posixLocation builds a Location from a POSIX TZ string. The standard
// name and offset are parsed leniently, as musl does ("UTC" alone is UTC+0);
// daylight saving rules are left to Go's own TZ string support by handing
// the string to the zoneinfo loader as a TZif footer.
func posixLocation(tz string) *time.Location {
	s := tz
	name := tzName(&s)
	if name == "" {
		name = "UTC"
		if len(s) > 0 && s[0] != '+' && s[0] != '-' && (s[0] < '0' || s[0] > '9') {
			return time.UTC
		}
	}
	off := -tzOffset(&s)
	if strings.ContainsAny(tz, "\n\x00") {
		return time.FixedZone(name, off)
	}
	loc, err := time.LoadLocationFromTZData(tz, tzif(name, off, tz))
	if err != nil {
		return time.FixedZone(name, off)
	}
	return loc
}

func tzName(s *string) string {
	t := *s
	if strings.HasPrefix(t, "<") {
		if i := strings.IndexByte(t, '>'); i > 0 {
			*s = t[i+1:]
			return t[1:i]
		}
		*s = ""
		return t[1:]
	}
	i := 0
	for i < len(t) && (t[i]|32) >= 'a' && (t[i]|32) <= 'z' {
		i++
	}
	*s = t[i:]
	return t[:i]
}

// tzOffset parses [+-]hh[:mm[:ss]] and returns seconds west of UTC.
func tzOffset(s *string) int {
	t := *s
	neg := false
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t = t[1:]
	}
	num := func() int {
		n := 0
		for t != "" && t[0] >= '0' && t[0] <= '9' {
			n = n*10 + int(t[0]-'0')
			t = t[1:]
		}
		return n
	}
	off := 3600 * num()
	if t != "" && t[0] == ':' {
		t = t[1:]
		off += 60 * num()
		if t != "" && t[0] == ':' {
			t = t[1:]
			off += num()
		}
	}
	*s = t
	if neg {
		return -off
	}
	return off
}

// tzif returns a version 2 TZif file with no transitions, one zone type
// (name, off) and footer as its TZ string.
func tzif(name string, off int, footer string) []byte {
	var b []byte
	header := func() {
		b = append(b, "TZif2"...)
		b = append(b, make([]byte, 15)...)
		for _, n := range []uint32{0, 0, 0, 0, 1, uint32(len(name) + 1)} {
			b = binary.BigEndian.AppendUint32(b, n)
		}
	}
	data := func() {
		b = binary.BigEndian.AppendUint32(b, uint32(int32(off)))
		b = append(b, 0, 0)
		b = append(b, name...)
		b = append(b, 0)
	}
	header()
	data()
	header()
	data()
	b = append(b, '\n')
	b = append(b, footer...)
	b = append(b, '\n')
	return b
}
