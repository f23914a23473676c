package rev

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestLongLine reverses a line longer than any buffer.
func TestLongLine(t *testing.T) {
	line := strings.Repeat("ab", 1<<19) + "c"
	r := applettest.Cmd{Stdin: line + "\nxy", Env: []string{"LC_ALL=C"}}.Run(t, &Applet)
	if want := "c" + strings.Repeat("ba", 1<<19) + "\nyx"; r.Stdout != want || r.Code != 0 {
		t.Errorf("rev of a 1 MB line: status %d, output right: %v", r.Code, r.Stdout == want)
	}
}
