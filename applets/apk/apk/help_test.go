package apk

import (
	"slices"
	"strings"
	"testing"
)

// TestHelpListsCommands checks that the help lists exactly the commands
// of the table, as apk-tools 2.14's "apk --help" does: every command
// once, and nothing that is not one.
func TestHelpListsCommands(t *testing.T) {
	var listed []string
	for _, l := range strings.Split(Applet.Help, "\n") {
		if f := strings.Fields(l); strings.HasPrefix(l, "\t") && len(f) > 1 && !strings.HasPrefix(f[0], "-") {
			listed = append(listed, f[0])
		}
	}
	var table []string
	for _, c := range commands() {
		table = append(table, c.name)
	}
	slices.Sort(listed)
	slices.Sort(table)
	if !slices.Equal(listed, table) {
		t.Errorf("help lists %v, the table has %v", listed, table)
	}
	if len(table) != 18 {
		t.Errorf("%d commands, apk-tools 2.14 has 18", len(table))
	}
}
