// Package date is the date applet: BusyBox's date, which prints the time in
// a strftime format, parses dates given with -d, and sets the clock.
package date

import (
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
	req, err := parseRequest(ctx, o)
	if err != nil {
		return err
	}
	now, err := startTime(ctx, o)
	if err != nil {
		return err
	}
	now = now.In(req.loc)
	if req.haveDate {
		if now, err = req.parseDate(now); err != nil {
			return err
		}
		if req.set {
			setClock(ctx, now)
		}
	}
	return printTime(ctx, req.layout(now), now)
}

// request is what date's options and operands ask for.
type request struct {
	loc         *time.Location
	iso         int  // -I's precision (see isoPrecision), or -1
	rfc2822     bool // -R
	format      string
	haveFormat  bool // +FMT was given, maybe empty
	date        string
	haveDate    bool // a TIME to display or set was given
	dateFmt     string
	haveDateFmt bool // -D FMT parses TIME
	set         bool // set the clock to TIME
}

// parseRequest reads date's options and operands, in BusyBox's order, so
// that the first of several mistakes is the one reported.
func parseRequest(ctx *applet.Ctx, o *opt.Result) (*request, error) {
	req := &request{
		loc:         location(ctx, o),
		rfc2822:     o.Has("R"),
		dateFmt:     o.Str("D"),
		haveDateFmt: o.Has("D"),
	}
	var ok bool
	if req.iso, ok = isoPrecision(o); !ok {
		return nil, applet.Usage("")
	}
	args := o.Args
	if len(args) > 0 && strings.HasPrefix(args[0], "+") {
		req.format, req.haveFormat = args[0][1:], true
		args = args[1:]
	}
	args, err := req.takeDate(o, args)
	if err != nil {
		return nil, err
	}
	if len(args) > 0 {
		return nil, applet.Usage("")
	}
	return req, nil
}

// location is the zone date works in: UTC with -u, TZ's otherwise.
func location(ctx *applet.Ctx, o *opt.Result) *time.Location {
	if o.Has("u") {
		return datetime.Location("UTC0", true)
	}
	return datetime.Location(ctx.LookupEnv("TZ"))
}

// isoPrecision is -I's SPEC as an index into date, hours, minutes,
// seconds and ns: 0 for a bare -I, -1 without -I. ok is false for an
// unknown SPEC.
func isoPrecision(o *opt.Result) (iso int, ok bool) {
	if !o.Has("I") {
		return -1, true
	}
	spec := o.Str("I")
	if spec == "" {
		return 0, true
	}
	for i, s := range []string{"date", "hours", "minutes", "seconds", "ns"} {
		if s == spec {
			return i, true
		}
	}
	return -1, false
}

// takeDate finds the TIME to display or set: -s's, -d's, or else an
// operand (in the "date MMDDhhmm" order), which sets the clock. It
// returns the operands left over.
func (req *request) takeDate(o *opt.Result, args []string) ([]string, error) {
	req.set = o.Has("s")
	switch {
	case o.Has("s"):
		req.date, req.haveDate = o.Str("s"), true
	case o.Has("d"):
		req.date, req.haveDate = o.Str("d"), true
	default:
		req.set = true
		if len(args) > 0 {
			req.date, req.haveDate = compat(args[0])
			if !req.haveDate {
				return nil, applet.Errorf("invalid date '%s'", args[0])
			}
			args = args[1:]
		}
	}
	return args, nil
}

// startTime is the time date shows unless given a TIME: -r FILE's
// modification time, or now.
func startTime(ctx *applet.Ctx, o *opt.Result) (time.Time, error) {
	if !o.Has("r") {
		return time.Now(), nil
	}
	name := o.Str("r")
	var st unix.Stat_t
	if err := unix.Stat(ctx.Path(name), &st); err != nil {
		return time.Time{}, applet.Perror(err, "can't stat '%s'", name)
	}
	return time.Unix(st.Mtim.Sec, st.Mtim.Nsec), nil
}

// parseDate parses the request's TIME (with -D's format, if given). What
// TIME leaves out comes from now at midnight, as in BusyBox, which clears
// the time of day before parsing.
func (req *request) parseDate(now time.Time) (time.Time, error) {
	tm := datetime.FromTime(now)
	tm.Hour, tm.Min, tm.Sec = 0, 0, 0
	var t time.Time
	if req.haveDateFmt {
		if _, ok := datetime.Strptime(req.date, req.dateFmt, &tm, req.loc); !ok {
			return t, applet.Errorf("invalid date '%s'", req.date)
		}
		t = tm.ToTime(req.loc)
	} else {
		var err error
		// ParseDate's error is BusyBox's "invalid date 'TIME'",
		// which the runtime prints as it is, with status 1.
		if t, err = datetime.ParseDate(req.date, tm, req.loc); err != nil {
			return t, err
		}
	}
	// BusyBox validates the result with mktime, whose error value
	// is also the time one second before the epoch.
	if t.Unix() == -1 {
		return t, applet.Errorf("invalid date '%s'", req.date)
	}
	return t, nil
}

// setClock sets the system clock to t. A failure is reported and date
// goes on to print the time, as BusyBox does.
func setClock(ctx *applet.Ctx, t time.Time) {
	ts := unix.NsecToTimespec(t.UnixNano())
	if err := unix.ClockSettime(unix.CLOCK_REALTIME, &ts); err != nil {
		ctx.Perror(err, "can't set date")
	}
}

// layout is the strftime format to print now with: +FMT (its %N
// expanded here, since strftime has none), or -I's, -R's or the default.
func (req *request) layout(now time.Time) string {
	switch {
	case req.haveFormat:
		return datetime.ExpandNanos(req.format, now.Nanosecond())
	case req.iso >= 0:
		return isoLayout(req.iso, now)
	case req.rfc2822:
		return "%a, %d %b %Y %H:%M:%S %z"
	}
	return "%a %b %e %H:%M:%S %Z %Y"
}

// isoLayout is -I's format at precision iso (see isoPrecision): the date,
// then the time to the hour, minute, second or nanosecond, then the zone
// as +hh:mm.
func isoLayout(iso int, now time.Time) string {
	format := "%Y-%m-%dT%H:%M:%S"[:8+3*min(iso, 3)]
	if iso == 4 {
		format += strings.ReplaceAll(datetime.ExpandNanos(",%N", now.Nanosecond()), "%", "%%")
	}
	if iso != 0 {
		z, _ := datetime.Format("%z", now)
		if len(z) == 5 {
			z = z[:3] + ":" + z[3:]
		}
		format += z
	}
	return format
}

// printTime prints now in the strftime format, on a line of its own.
func printTime(ctx *applet.Ctx, format string, now time.Time) error {
	out, _ := datetime.Format(format, now)
	w := ctx.BufWriter(ctx.Stdout, 0)
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
