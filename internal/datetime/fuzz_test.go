package datetime

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParseDate feeds arbitrary strings to parse_datestr: no panics, the
// BusyBox error text on failure, and @SECONDS and full dates that come
// back as they were written.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"1:2", "1:2:3", "1.2-3:4", "1999.1.2-3:4:5", "1999-1-2 3:4:5", "1999-1-2 3",
		"1999-1-2", "Jan 2 03:04:05 1999", "1999-1-2 3:4:5Z", "1999-1-2 3:4:5 +0600",
		"1999-1-2 3:4:5 -06:30", "@0", "@-5", "@9223372036854775807", "@-9223372036854775808",
		"@99999999999999999999", "12", "1234", "151234", "01021234", "9901021234",
		"200001231133", "200001231133.30", "200001231133.99999999999999999999", "1234.",
		"", "x", "@", "@+1", " 12", "+1+2", "1999-13-40", "99999-1-1", "Feb 30 1:2:3 2000",
	} {
		f.Add(s, int64(1276560000))
	}
	f.Fuzz(func(t *testing.T, s string, now int64) {
		if len(s) > 256 {
			return
		}
		now %= 1 << 40
		tm := FromTime(time.Unix(now, 0).UTC())
		got, err := ParseDate(s, tm, time.UTC)
		if err != nil {
			if err.Error() != "invalid date '"+s+"'" {
				t.Fatalf("ParseDate(%q): error %q", s, err)
			}
			return
		}
		if strings.HasPrefix(s, "@") {
			if n, perr := strconv.ParseInt(s[1:], 10, 64); perr == nil && got.Unix() != n {
				t.Fatalf("ParseDate(%q) = %d", s, got.Unix())
			}
		}
		if got.Location() != time.UTC {
			t.Fatalf("ParseDate(%q) in %v", s, got.Location())
		}
	})
}

// FuzzStrptime runs arbitrary input against arbitrary formats: no panics
// or hangs, and the rest returned is a suffix of the input.
func FuzzStrptime(f *testing.F) {
	for _, c := range [][2]string{
		{"2020-03-04 05:06:07", "%Y-%m-%d %H:%M:%S"}, {"04/03/20 tail", "%d/%m/%y"},
		{"Mar 4 2020 1:02:03 pm", "%b %d %Y %I:%M:%S %p"}, {"1700000000", "%s"},
		{"-1700000000", "%s"}, {"19 99", "%C %y"}, {"366", "%j"}, {"100%", "%Y%%"},
		{"Sun Jan  3 13:05:09 2021", "%c"}, {"12:00:00 AM", "%r"}, {"+0530", "%z"},
		{"Z", "%z"}, {"-05:30", "%z"}, {"2021-W01", "%G-W%V"}, {"99999", "%99999Y"},
		{"1", "%E"}, {"1", "%"}, {"x", "%Ox"}, {"Thursday", "%A"}, {"  \t5", " %n%t%e"},
		{"999999999999999999999", "%s"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, s, fm string) {
		if len(s) > 256 || len(fm) > 256 {
			return
		}
		tm := Tm{Year: 2010, Mon: 5, Mday: 15}
		rest, ok := Strptime(s, fm, &tm, time.UTC)
		if !strings.HasSuffix(s, rest) {
			t.Fatalf("Strptime(%q, %q) rest %q is not a suffix", s, fm, rest)
		}
		if ok && !strings.Contains(fm, "%") && rest != "" && !strings.ContainsAny(fm, " \t\n\v\f\r") {
			// Literal formats consume exactly their own length.
			if len(s)-len(rest) != len(fm) {
				t.Fatalf("Strptime(%q, %q) rest %q", s, fm, rest)
			}
		}
		tm.ToTime(time.UTC)
	})
}

// FuzzFormat formats arbitrary instants with arbitrary strftime formats:
// no panics or hangs, literal text copied, and a date written with
// "%Y-%m-%d %H:%M:%S" reads back with Strptime.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{
		"%a %A %b %B %h", "%c", "%C %d %D %e %F", "%g %G %V %U %W %j", "%H %I %k %l %p %P",
		"%m %M %S %s %u %w", "%r|%R|%T|%x|%X", "%y %Y %z %Z %%", "%-d %_m %-H %_H %05Y %3C",
		"%n%t", "ab%Qcd", "ab%", "%+12Y", "%+4C", "%0F", "%99999999999999999999Y", "%Ey %Od",
		"%N %3N %%N %10N", "plain",
	} {
		f.Add(s, int64(1609691709), 123456789, -(3*3600 + 30*60))
		f.Add(s, int64(-62135596800-86400*400), 0, 0)
		f.Add(s, int64(253402300800), 1, 14*3600)
	}
	f.Fuzz(func(t *testing.T, fm string, sec int64, nsec, off int) {
		if len(fm) > 256 {
			return
		}
		sec %= 1 << 45
		off %= 26 * 3600
		tt := time.Unix(sec, 0).In(time.FixedZone("XST", off))
		out, ok := Format(ExpandNanos(fm, nsec%1000000000), tt)
		if !strings.Contains(fm, "%") && (out != fm || !ok) {
			t.Fatalf("Format(%q) = %q, %v", fm, out, ok)
		}
		if !strings.Contains(fm, "N") && len(out) > len(fm)+strings.Count(fm, "%")*(maxWidth+64) {
			t.Fatalf("Format(%q) produced %d bytes", fm, len(out))
		}
		if y := tt.Year(); y >= 1000 && y <= 9999 {
			const layout = "%Y-%m-%d %H:%M:%S"
			s, _ := Format(layout, tt)
			var tm Tm
			if rest, ok := Strptime(s, layout, &tm, time.UTC); !ok || rest != "" || !tm.ToTime(tt.Location()).Equal(tt) {
				t.Fatalf("Strptime(Format(%v)) = %q %v %+v", tt, rest, ok, tm)
			}
		}
	})
}

// TestFuzzRegressions holds inputs the fuzzers found.
func TestFuzzRegressions(t *testing.T) {
	tt := time.Date(2021, 1, 3, 13, 5, 9, 0, time.UTC)
	// A width that overflows int was taken as MaxInt: endless padding.
	if out, ok := Format("%99999999999999999999Y", tt); !ok || len(out) != maxWidth {
		t.Errorf("huge width: %d bytes, %v", len(out), ok)
	}
	if out, _ := Format("%1030Yx", tt); len(out) != maxWidth+1 || !strings.HasSuffix(out, "2021x") {
		t.Errorf("width above the bound: %d bytes", len(out))
	}
	// %9999999999N was padded one byte at a time to 10 GB.
	if out := ExpandNanos("%9999999999N|%12N", 5); len(out) != maxWidth+1+12 || !strings.HasSuffix(out, "|000000000005") {
		t.Errorf("huge %%N: %d bytes", len(out))
	}
}
