// Package sleep is the sleep applet: BusyBox's sleep with fractions, the
// suffixes s, m, h and d, several arguments summed, and "inf".
package sleep

import (
	"math"
	"strconv"
	"strings"
	"time"

	"gobox/internal/applet"
)

// Applet is sleep's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "sleep",
	Path:  "/bin",
	Usage: "[N]...",
	Help: `Pause for a time equal to the total of the args given, where each arg can
have an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays`,
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	if len(args[0]) >= 3 && strings.EqualFold(args[0][:3], "inf") {
		return wait(ctx, -1)
	}
	total := 0.0
	for _, a := range args {
		d, err := parseDuration(a)
		if err != nil {
			return err
		}
		total += d
	}
	return wait(ctx, total)
}

// wait sleeps for secs seconds (forever if negative or too long),
// returning early with status 130 (as for SIGINT) when ctx is cancelled.
func wait(ctx *applet.Ctx, secs float64) error {
	var timeout <-chan time.Time
	if secs >= 0 && secs < float64(math.MaxInt64/int64(time.Second)) {
		d := time.Duration(secs * float64(time.Second))
		if d <= 0 {
			return nil
		}
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	var done <-chan struct{}
	if ctx.Context != nil {
		done = ctx.Done()
	}
	select {
	case <-timeout:
		return nil
	case <-done:
		return applet.Exit(130)
	}
}

// parseDuration is BusyBox's parse_duration_str: a decimal number with an
// optional fraction and an optional suffix s, m, h or d.
func parseDuration(s string) (float64, error) {
	if !strings.Contains(s, ".") {
		n, err := xatoulSfx(s)
		return float64(n), err
	}
	l := 0
	for l < len(s) && (s[l] >= '0' && s[l] <= '9' || s[l] == '.') {
		l++
	}
	num, suffix := s[:l], s[l:]
	d := 0.0
	if num != "" {
		var err error
		d, err = strconv.ParseFloat(num, 64)
		if err != nil || strings.Count(num, ".") > 1 {
			return 0, applet.Usage("")
		}
	}
	// BusyBox scales by the suffix parsed after a dummy "1".
	m, err := xatoulSfx("1" + suffix)
	if err != nil {
		return 0, err
	}
	return d * float64(m), nil
}

// xatoulSfx parses an unsigned decimal number with an optional duration
// suffix, with BusyBox's error messages.
func xatoulSfx(s string) (uint64, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, applet.Errorf("invalid number '%s'", s)
	}
	n, err := strconv.ParseUint(s[:i], 10, 64)
	if err != nil {
		return 0, applet.Errorf("invalid number '%s'", s)
	}
	mult := uint64(1)
	switch s[i:] {
	case "":
	case "s":
	case "m":
		mult = 60
	case "h":
		mult = 3600
	case "d":
		mult = 86400
	default:
		return 0, applet.Errorf("invalid number '%s'", s)
	}
	if n > math.MaxUint64/mult {
		return 0, applet.Errorf("number %s is not in 0..18446744073709551615 range", s)
	}
	return n * mult, nil
}
