package nice

import (
	"bytes"
	"os"
	"testing"

	"gobox/internal/applet"
)

// TestFullOutput checks the message and status when what nice prints
// cannot be written, as Alpine's BusyBox words it.
func TestFullOutput(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	var errb bytes.Buffer
	code := applet.Run(&applet.Ctx{Stdout: full, Stderr: &errb, Env: []string{"A=1"}}, &Applet, nil)
	if want := "nice: write error: No space left on device\n"; code != 1 || errb.String() != want {
		t.Errorf("status %d, stderr %q; want 1, %q", code, errb.String(), want)
	}
}
