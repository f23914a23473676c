package uptime

import (
	"regexp"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestUptime(t *testing.T) {
	r := applettest.Run(t, &Applet)
	re := regexp.MustCompile(`^ [0-2][0-9]:[0-5][0-9]:[0-6][0-9] up ([0-9]+ days?, )?([ 12][0-9]:[0-5][0-9]|[0-9]+ min),  [0-9]+ users,  load average: [0-9]+\.[0-9][0-9], [0-9]+\.[0-9][0-9], [0-9]+\.[0-9][0-9]\n$`)
	if r.Code != 0 || !re.MatchString(r.Stdout) || r.Stderr != "" {
		t.Errorf("uptime: %q %q status %d", r.Stdout, r.Stderr, r.Code)
	}
	r = applettest.Run(t, &Applet, "-s")
	if r.Code != 0 || !regexp.MustCompile(`^[0-9]{4}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]\n$`).MatchString(r.Stdout) {
		t.Errorf("uptime -s: %q status %d", r.Stdout, r.Code)
	}
	r = applettest.Run(t, &Applet, "-x")
	if r.Code != 1 || !strings.HasPrefix(r.Stderr, "uptime: unrecognized option: x\n") {
		t.Errorf("uptime -x: %q status %d", r.Stderr, r.Code)
	}
}
