package datetime

import (
	"math"
	"strconv"
	"testing"
	"time"
)

func TestLocation(t *testing.T) {
	tests := []struct {
		tz   string
		unix int64
		want string
	}{
		{"UTC0", 0, "1970-01-01 00:00:00 UTC +0000"},
		{"UTC", 0, "1970-01-01 00:00:00 UTC +0000"},
		{"EST5EDT", 1288486799, "2010-10-30 20:59:59 EDT -0400"},
		{"EST5EDT", 1262304000, "2009-12-31 19:00:00 EST -0500"},
		{"EET-2EEST,M3.5.0/3,M10.5.0/4", 1288486799, "2010-10-31 03:59:59 EEST +0300"},
		{"EET-2EEST,M3.5.0/3,M10.5.0/4", 1288486801, "2010-10-31 03:00:01 EET +0200"},
		{"EET-2EEST,M3.5.0/3,M10.5.0/4", 1269738001, "2010-03-28 04:00:01 EEST +0300"},
		{"<+0530>-5:30", 0, "1970-01-01 05:30:00 +0530 +0530"},
		{"JST-9", 0, "1970-01-01 09:00:00 JST +0900"},
		{":/nonexistent/zone", 0, "1970-01-01 00:00:00 UTC +0000"},
	}
	for _, tt := range tests {
		loc := Location(tt.tz, true)
		got := time.Unix(tt.unix, 0).In(loc).Format("2006-01-02 15:04:05 MST -0700")
		if got != tt.want {
			t.Errorf("TZ=%q @%d: got %q, want %q", tt.tz, tt.unix, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tm := time.Date(2021, 1, 3, 13, 5, 9, 0, time.FixedZone("XST", -(3*3600+30*60)))
	tests := []struct{ f, want string }{
		{"%a %A %b %B %h", "Sun Sunday Jan January Jan"},
		{"%c", "Sun Jan  3 13:05:09 2021"},
		{"%C %d %D %e %F", "20 03 01/03/21  3 2021-01-03"},
		{"%g %G %V %U %W %j", "20 2020 53 01 00 003"},
		{"%H %I %k %l %p %P", "13 01 13  1 PM pm"},
		{"%m %M %S %s %u %w", "01 05 09 1609691709 7 0"},
		{"%r|%R|%T|%x|%X", "01:05:09 PM|13:05|13:05:09|01/03/21|13:05:09"},
		{"%y %Y %z %Z %%", "21 2021 -0330 XST %"},
		{"%-d %_m %-H %_H %05Y %3C", "3  1 13 13 02021 020"},
		{"%n%t", "\n\t"},
		{"ab%Qcd", "ab"},
		{"ab%", "ab"},
	}
	for _, tt := range tests {
		if got, _ := Format(tt.f, tm); got != tt.want {
			t.Errorf("Format(%q) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestExpandNanos(t *testing.T) {
	tests := []struct{ f, want string }{
		{"%N", "012345678"},
		{"%3N", "012"},
		{"%0N", "012345678"},
		{"%%N %s", "%%N %s"},
		{"x%1Ny", "x0y"},
	}
	for _, tt := range tests {
		if got := ExpandNanos(tt.f, 12345678); got != tt.want {
			t.Errorf("ExpandNanos(%q) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	now := Tm{Year: 2010, Mon: 5, Mday: 15, Hour: 0, Min: 0, Sec: 0}
	tests := []struct {
		in, want string // want "" means invalid
	}{
		{"1:2", "2010-06-15 01:02:00"},
		{"1:2:3", "2010-06-15 01:02:03"},
		{"1.2-3:4", "2010-01-02 03:04:00"},
		{"1.2-3:4:5", "2010-01-02 03:04:05"},
		{"1999.1.2-3:4", "1999-01-02 03:04:00"},
		{"1999.1.2-3:4:5", "1999-01-02 03:04:05"},
		{"1999-1-2 3:4:5", "1999-01-02 03:04:05"},
		{"1999-1-2 3:4", "1999-01-02 03:04:00"},
		{"1999-1-2 3", "1999-01-02 03:00:00"},
		{"1999-1-2", "1999-01-02 00:00:00"},
		{"Jan 2 03:04:05 1999", "1999-01-02 03:04:05"},
		{"1999-1-2 3:4:5Z", "1999-01-02 03:04:05"},
		{"1999-1-2 3:4:5 +0600", "1999-01-01 21:04:05"},
		{"1999-1-2 3:4:5 -0600", "1999-01-02 09:04:05"},
		{"@0", "1970-01-01 00:00:00"},
		{"@-5", "1969-12-31 23:59:55"},
		{"12", "2010-06-15 00:12:00"},
		{"1234", "2010-06-15 12:34:00"},
		{"151234", "2010-06-15 12:34:00"},
		{"01021234", "2010-01-02 12:34:00"},
		{"9901021234", "1999-01-02 12:34:00"},
		{"4901021234", "2049-01-02 12:34:00"},
		{"200001231133", "2000-01-23 11:33:00"},
		{"200001231133.30", "2000-01-23 11:33:30"},
		{"2000-02-30", "2000-03-01 00:00:00"},
		{"", ""},
		{"x", ""},
		{"@12x", ""},
		{"13:70", ""},
		{"99", ""},
		{"1.2.3", ""},
		{"1234.", ""},
		{"1234.5x", ""},
		{"20180923", ""},
		// validate_tm_time rejects mktime's error value, -1, whatever
		// the format; bb_strtoll takes no "+".
		{"@-1", ""},
		{"1969-12-31 23:59:59", ""},
		{"@-2", "1969-12-31 23:59:58"},
		{"@-0", "1970-01-01 00:00:00"},
		{"@+5", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, now, time.UTC)
		if tt.want == "" {
			if err == nil || err.Error() != "invalid date '"+tt.in+"'" {
				t.Errorf("ParseDate(%q) = %v, %v; want invalid date", tt.in, got, err)
			}
			continue
		}
		if err != nil || got.Format("2006-01-02 15:04:05") != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestStrptime(t *testing.T) {
	tests := []struct {
		in, f, want, rest string
		ok                bool
	}{
		{"2020-03-04 05:06:07", "%Y-%m-%d %H:%M:%S", "2020-03-04 05:06:07", "", true},
		{"04/03/20 tail", "%d/%m/%y", "2020-03-04 00:00:00", " tail", true},
		{"04/03/70", "%d/%m/%y", "1970-03-04 00:00:00", "", true},
		{"Mar 4 2020 1:02:03 pm", "%b %d %Y %I:%M:%S %p", "2020-03-04 13:02:03", "", true},
		// musl's strptime has no %s (Alpine: date -D %s says invalid date).
		{"1700000000", "%s", "", "", false},
		{"19 99", "%C %y", "1999-01-01 00:00:00", "", true},
		{"366", "%j", "2010-01-01 00:00:00", "", true},
		{"13", "%m", "", "", false},
		{"x", "%Y", "", "", false},
		{"100%", "%Y%%", "0100-01-01 00:00:00", "", true},
	}
	for _, tt := range tests {
		tm := Tm{Year: 2010, Mon: 0, Mday: 1}
		rest, ok := Strptime(tt.in, tt.f, &tm, time.UTC)
		if ok != tt.ok {
			t.Errorf("Strptime(%q, %q) ok = %v", tt.in, tt.f, ok)
			continue
		}
		if !ok {
			continue
		}
		got := tm.ToTime(time.UTC).Format("2006-01-02 15:04:05")
		if got != tt.want || rest != tt.rest {
			t.Errorf("Strptime(%q, %q) = %q rest %q; want %q rest %q", tt.in, tt.f, got, rest, tt.want, tt.rest)
		}
	}
}

// TestParseDateEpochRange: @SECONDS goes through localtime, which fails
// when the year in the zone does not fit C's int tm_year; BusyBox then
// says "invalid date" (Alpine, measured in three zones).
func TestParseDateEpochRange(t *testing.T) {
	now := Tm{Year: 2010, Mon: 5, Mday: 15}
	const last, first = 67768036191676799, -67768040609740800 // in UTC
	tests := []struct {
		tz   string
		sec  int64
		year int // 0: invalid
	}{
		{"UTC", last, 2147485547},
		{"UTC", last + 1, 0},
		{"UTC", first, -2147481748},
		{"UTC", first - 1, 0},
		{"UTC", math.MaxInt64, 0},
		{"UTC", math.MinInt64 + 1, 0},
		{"UTC", 1 << 62, 0},
		{"XXX-1", last, 0},
		{"XXX-1", last - 3600, 2147485547},
		{"XXX-1", first, -2147481748},
		{"XXX+1", first, 0},
		{"XXX+1", first + 3600, -2147481748},
		{"XXX+1", last, 2147485547},
	}
	for _, tt := range tests {
		in := "@" + strconv.FormatInt(tt.sec, 10)
		got, err := ParseDate(in, now, Location(tt.tz, true))
		if tt.year == 0 {
			if err == nil || err.Error() != "invalid date '"+in+"'" {
				t.Errorf("TZ=%s ParseDate(%q) = %v, %v; want invalid date", tt.tz, in, got, err)
			}
			continue
		}
		if err != nil || got.Unix() != tt.sec || got.Year() != tt.year {
			t.Errorf("TZ=%s ParseDate(%q) = %v, %v; want year %d", tt.tz, in, got, err, tt.year)
		}
	}
}
