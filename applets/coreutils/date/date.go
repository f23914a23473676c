// Package date is the date applet: BusyBox's date, which prints the time in
// a strftime format, parses dates given with -d, and sets the clock.
package date

import (
	"bufio"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/opt"
)

// Applet is date's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "date",
	Path:  "/bin",
	Usage: "[OPTIONS] [+FMT] [[-s] TIME]",
	Help: `Display time (using +FMT), or set time

	-u		Work in UTC (don't convert to local time)
	[-s] TIME	Set time to TIME
	-d TIME		Display TIME, not 'now'
	-D FMT		FMT (strptime format) for -s/-d TIME conversion
	-r FILE		Display last modification time of FILE
	-R		Output RFC-2822 date
	-I[SPEC]	Output ISO-8601 date
			SPEC=date (default), hours, minutes, seconds or ns

Recognized TIME formats:
	@seconds_since_1970
	hh:mm[:ss]
	[YYYY.]MM.DD-hh:mm[:ss]
	YYYY-MM-DD hh:mm[:ss]
	[[[[[YY]YY]MM]DD]hh]mm[.ss]
	'date TIME' form accepts MMDDhhmm[[YY]YY][.ss] instead`,
	Options: &opt.Spec{
		Short:     "Rs:ud:r:I::D:",
		Long:      "rfc-822=R rfc-2822=R set=s utc=u date=d reference=r",
		Conflicts: []string{"d s", "R I"},
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	args = o.Args
	var loc *time.Location
	if o.Has("u") {
		loc = datetime.Location("UTC0", true)
	} else {
		loc = datetime.Location(ctx.LookupEnv("TZ"))
	}

	isofmt := -1
	if o.Has("I") {
		isofmt = 0
		if spec := o.Str("I"); spec != "" {
			isofmt = -1
			for i, s := range []string{"date", "hours", "minutes", "seconds", "ns"} {
				if s == spec {
					isofmt = i
				}
			}
			if isofmt < 0 {
				return applet.Usage("")
			}
		}
	}

	format, haveFormat := "", false
	if len(args) > 0 && strings.HasPrefix(args[0], "+") {
		format, haveFormat = args[0][1:], true
		args = args[1:]
	}
	set := o.Has("s")
	dateStr, haveDate := "", false
	switch {
	case o.Has("s"):
		dateStr, haveDate = o.Str("s"), true
	case o.Has("d"):
		dateStr, haveDate = o.Str("d"), true
	default:
		set = true
		if len(args) > 0 {
			dateStr, haveDate = compat(args[0])
			if !haveDate {
				return applet.Errorf("invalid date '%s'", args[0])
			}
			args = args[1:]
		}
	}
	if len(args) > 0 {
		return applet.Usage("")
	}

	var now time.Time
	if o.Has("r") {
		name := o.Str("r")
		var st unix.Stat_t
		if err := unix.Stat(ctx.Path(name), &st); err != nil {
			return applet.Perror(err, "can't stat '%s'", name)
		}
		now = time.Unix(st.Mtim.Sec, st.Mtim.Nsec)
	} else {
		now = time.Now()
	}
	now = now.In(loc)

	if haveDate {
		tm := datetime.FromTime(now)
		tm.Hour, tm.Min, tm.Sec = 0, 0, 0
		if o.Has("D") {
			if _, ok := datetime.Strptime(dateStr, o.Str("D"), &tm, loc); !ok {
				return applet.Errorf("invalid date '%s'", dateStr)
			}
			now = tm.ToTime(loc)
		} else {
			t, err := datetime.ParseDate(dateStr, tm, loc)
			if err != nil {
				return applet.Errorf("%v", err)
			}
			now = t
		}
		// BusyBox validates the result with mktime, whose error value
		// is also the time one second before the epoch.
		if now.Unix() == -1 {
			return applet.Errorf("invalid date '%s'", dateStr)
		}
		if set {
			ts := unix.NsecToTimespec(now.UnixNano())
			if err := unix.ClockSettime(unix.CLOCK_REALTIME, &ts); err != nil {
				ctx.Perror(err, "can't set date")
			}
		}
	}

	if !haveFormat {
		switch {
		case isofmt >= 0:
			format = "%Y-%m-%dT%H:%M:%S"[:8+3*min(isofmt, 3)]
			if isofmt == 4 {
				format += strings.ReplaceAll(datetime.ExpandNanos(",%N", now.Nanosecond()), "%", "%%")
			}
			if isofmt != 0 {
				z, _ := datetime.Format("%z", now)
				if len(z) == 5 {
					z = z[:3] + ":" + z[3:]
				}
				format += z
			}
		case o.Has("R"):
			format = "%a, %d %b %Y %H:%M:%S %z"
		default:
			format = "%a %b %e %H:%M:%S %Z %Y"
		}
	} else {
		format = datetime.ExpandNanos(format, now.Nanosecond())
	}
	out, _ := datetime.Format(format, now)
	w := bufio.NewWriter(ctx.Stdout)
	w.WriteString(out)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// compat turns the "date MMDDhhmm[[CC]YY][.ss]" operand into the
// [[CC]YY]MMDDhhmm[.ss] order the parser knows. Other strings are
// returned as they are; ok is false for a bad length.
func compat(s string) (string, bool) {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	rest := s[n:]
	if !(rest == "" || len(rest) == 3 && rest[0] == '.' && isDigit(rest[1]) && isDigit(rest[2])) {
		return s, true
	}
	l := n - 8
	if l < 0 || l > 4 || l&1 != 0 {
		return s, false
	}
	return s[8:n] + s[:8] + rest, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
