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

// Location returns the time zone that musl's tzset picks for a TZ
// variable with value tz (set reports whether TZ is set at all):
//
//   - unset: the zoneinfo file /etc/localtime;
//   - empty: UTC;
//   - a POSIX TZ string ("UTC0", "EST5EDT", "CET-1CEST,M3.5.0,M10.5.0/3",
//     "<+0530>-5:30"): a name followed by an offset, or the name UTC or GMT
//     alone; musl's check, made unless tz starts with ':';
//   - otherwise a zoneinfo file, with any ':' dropped: an absolute path or
//     one starting with '.' is read as it is, a name without '.' is looked
//     up in /usr/share/zoneinfo, /share/zoneinfo and /etc/zoneinfo.
//
// A file that is missing or not in TZif format gives UTC, as with musl.
// A POSIX string with daylight saving time but no rules gets the US rules
// (as with glibc and Go's own TZ support).
func Location(tz string, set bool) *time.Location {
	if !set {
		tz = "/etc/localtime"
	}
	if tz == "" || len(tz) > pathMax+1 {
		return time.UTC
	}
	if isPOSIX(tz) {
		return posixLocation(tz)
	}
	if loc := loadFile(strings.TrimPrefix(tz, ":")); loc != nil {
		return loc
	}
	return time.UTC
}

// Limits musl applies to TZ.
const (
	pathMax   = 4096
	nameMax   = 255
	tznameMax = 6
)

// isPOSIX is musl's posix_form test: tz does not start with ':', and a
// zone name is followed by an offset, or is UTC or GMT.
func isPOSIX(tz string) bool {
	if tz[0] == ':' {
		return false
	}
	rest := tz
	name := tzName(&rest)
	if len(rest) == len(tz) {
		return false
	}
	if len(name) > tznameMax {
		name = name[:tznameMax]
	}
	if rest != "" && (rest[0] == '+' || rest[0] == '-' || rest[0] >= '0' && rest[0] <= '9') {
		return true
	}
	return name == "UTC" || name == "GMT"
}

// loadFile reads the zoneinfo file musl would map for name, or returns
// nil.
func loadFile(name string) *time.Location {
	if name == "" {
		return nil
	}
	var paths []string
	if name[0] == '/' || name[0] == '.' {
		paths = []string{name}
	} else if !strings.Contains(name, ".") && len(name) <= nameMax {
		for _, dir := range []string{"/usr/share/zoneinfo/", "/share/zoneinfo/", "/etc/zoneinfo/"} {
			paths = append(paths, dir+name)
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		if len(data) < 44 || string(data[:4]) != "TZif" {
			return nil
		}
		if loc, err := time.LoadLocationFromTZData(name, data); err == nil {
			return loc
		}
		return nil
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
