// Package duration parses and waits for durations the way BusyBox's
// sleep, timeout and usleep do: parse_duration_str's "N[.N][smhd]" and
// a sleep that the shell's Ctrl-C (context cancellation) interrupts.
package duration

import (
	"math"
	"strconv"
	"strings"
	"time"

	"gobox/internal/applet"
	"gobox/internal/suffix"
)

// Parse is BusyBox's parse_duration_str (with FLOAT_DURATION): a decimal
// number of seconds, with an optional fraction, then an optional suffix
// s, m, h or d. Errors are BusyBox's: a bad integer or suffix is an
// "invalid number" (for a fraction, BusyBox reports the suffix after a
// "1": "1.5x" gives "invalid number '1x'"), a malformed fraction is a
// usage error.
func Parse(s string) (seconds float64, err error) {
	if !strings.Contains(s, ".") {
		n, err := suffix.Parse(s, suffix.Duration)
		if err != nil {
			return 0, applet.Errorf("%v", err)
		}
		return float64(n), nil
	}
	l := len(s) - len(strings.TrimLeft(s, "0123456789."))
	d := 0.0
	if l > 0 {
		// strtod must take all of it without overflow: "1..2" and "."
		// are usage errors.
		d, err = strconv.ParseFloat(s[:l], 64)
		if err != nil {
			return 0, applet.Usage("")
		}
	}
	m, err := suffix.Parse("1"+s[l:], suffix.Duration)
	if err != nil {
		return 0, applet.Errorf("%v", err)
	}
	return d * float64(m), nil
}

// forever is the longest wait a time.Duration holds, in seconds.
const forever = float64(math.MaxInt64 / int64(time.Second))

// Of converts seconds to a time.Duration, saturating at the largest one.
func Of(seconds float64) time.Duration {
	if seconds >= forever {
		return math.MaxInt64
	}
	if seconds <= 0 {
		return 0
	}
	return time.Duration(seconds * float64(time.Second))
}

// Sleep waits for d, or forever if d is negative or the largest
// Duration (BusyBox's sleep_for_duration waits forever for a total it
// cannot hold). It returns nil when the time is up and applet.Exit(130)
// (the status of a SIGINT death) as soon as ctx is cancelled.
//
// A wait forever still runs a timer: with a context that is never
// cancelled (context.Background's Done is nil), a select with nothing
// pending would make Go's runtime kill the process as deadlocked, where
// BusyBox sleeps until it is killed.
func Sleep(ctx *applet.Ctx, d time.Duration) error {
	if d == 0 {
		return nil
	}
	endless := d < 0 || d == math.MaxInt64
	if endless {
		d = math.MaxInt64
	}
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if !endless {
				return nil
			}
			t.Reset(d)
		case <-ctx.Done():
			return applet.Exit(130)
		}
	}
}
