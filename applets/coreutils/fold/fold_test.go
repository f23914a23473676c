package fold

import (
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestStreams: fold writes as it reads, so an 8 MB line without a blank
// costs no more than its buffers, with -s too.
func TestStreams(t *testing.T) {
	in := strings.Repeat("x", 8<<20)
	for _, args := range [][]string{{"-w", "7"}, {"-s", "-w", "7"}} {
		ctx := &applet.Ctx{Stdin: strings.NewReader(in), Stdout: io.Discard, Stderr: io.Discard}
		var code int
		_, bytes := applettest.Allocated(func() { code = applet.Run(ctx, &Applet, args) })
		if code != 0 || bytes > 1<<20 {
			t.Errorf("fold %q of an 8 MB line: status %d, allocated %d bytes", args, code, bytes)
		}
	}
	r := applettest.Cmd{Args: []string{"-s", "-w", "3"}, Stdin: "ab " + strings.Repeat("x", 7)}.Run(t, &Applet)
	if r.Stdout != "ab \nxxx\nxxx\nx" {
		t.Errorf("fold -s -w 3: %q", r.Stdout)
	}
}
