package duration

import (
	"bytes"
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"gobox/internal/applet"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  string // "usage" for a usage error
	}{
		{"1", 1, ""}, {"2s", 2, ""}, {"3m", 180, ""}, {"1h", 3600, ""}, {"1d", 86400, ""},
		{"1.5m", 90, ""}, {".5", 0.5, ""}, {"1.", 1, ""}, {"0.25d", 21600, ""},
		{"0", 0, ""}, {"007", 7, ""},
		{"", 0, "invalid number ''"},
		{"s", 0, "invalid number 's'"},
		{"5x", 0, "invalid number '5x'"},
		{"1.5x", 0, "invalid number '1x'"},
		{"x.5", 0, "invalid number '1x.5'"},
		{"-1", 0, "invalid number '-1'"},
		{"+1", 0, "invalid number '+1'"},
		{" 1", 0, "invalid number ' 1'"},
		{"99999999999999999999", 0, "invalid number '99999999999999999999'"},
		{"999999999999999999d", 0, "number 999999999999999999d is not in 0..18446744073709551615 range"},
		{".s", 0, "usage"},
		{"1..2", 0, "usage"},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		switch {
		case tt.err == "":
			if err != nil || got != tt.want {
				t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		case tt.err == "usage":
			var u *applet.UsageError
			if !errors.As(err, &u) {
				t.Errorf("Parse(%q) error %v, want a usage error", tt.in, err)
			}
		case err == nil || err.Error() != tt.err:
			t.Errorf("Parse(%q) error %v, want %q", tt.in, err, tt.err)
		}
	}
}

func TestOf(t *testing.T) {
	tests := []struct {
		in   float64
		want time.Duration
	}{
		{0, 0}, {-1, 0}, {1.5, 1500 * time.Millisecond}, {1e30, math.MaxInt64},
	}
	for _, tt := range tests {
		if got := Of(tt.in); got != tt.want {
			t.Errorf("Of(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSleep(t *testing.T) {
	ctx := &applet.Ctx{Context: context.Background(), Stderr: &bytes.Buffer{}}
	start := time.Now()
	if err := Sleep(ctx, 30*time.Millisecond); err != nil || time.Since(start) < 30*time.Millisecond {
		t.Errorf("Sleep: %v after %v", err, time.Since(start))
	}
	if err := Sleep(ctx, 0); err != nil {
		t.Errorf("Sleep(0): %v", err)
	}
	for _, d := range []time.Duration{-1, time.Hour, math.MaxInt64} {
		c, cancel := context.WithCancel(context.Background())
		ctx := &applet.Ctx{Context: c}
		go func() { time.Sleep(10 * time.Millisecond); cancel() }()
		err := Sleep(ctx, d)
		var e *applet.ExitError
		if !errors.As(err, &e) || e.Code != 130 || e.Msg != "" {
			t.Errorf("Sleep(%v) cancelled: %v, want a silent status 130", d, err)
		}
	}
}
