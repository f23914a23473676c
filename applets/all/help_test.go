package all

import (
	"strings"
	"testing"
)

// TestHelpTexts checks the shape of every --help: a one-line description,
// then (after a blank line) option lines that start with a tab, as
// BusyBox prints them. A few BusyBox applets (sed, awk) have no
// description: their help starts with an option line, listed here. That the options they list are the ones declared
// is options_test.go's concern.
func TestHelpTexts(t *testing.T) {
	seen := map[string]bool{}
	for _, a := range List {
		if seen[a.Name] {
			t.Errorf("%s: listed twice", a.Name)
		}
		seen[a.Name] = true
		if a.Main == nil || a.Path == "" || !strings.HasPrefix(a.Path, "/") {
			t.Errorf("%s: Main %v, Path %q", a.Name, a.Main != nil, a.Path)
		}
		if a.Help == "" {
			t.Errorf("%s: no help text", a.Name)
			continue
		}
		lines := strings.Split(a.Help, "\n")
		optionsOnly := a.Name == "sed" || a.Name == "awk" || a.Name == "patch" || a.Name == "split" ||
			a.Name == "lzop" || a.Name == "unlzop" || a.Name == "lzopcat" // BusyBox's help of lzop, unlzop and lzopcat has no description line
		if strings.TrimSpace(lines[0]) == "" || strings.HasPrefix(lines[0], "\t") != optionsOnly {
			t.Errorf("%s: help must start with a description line: %q", a.Name, lines[0])
		}
		for _, l := range lines[1:] {
			if strings.HasPrefix(strings.TrimLeft(l, " "), "-") {
				t.Errorf("%s: option line without a leading tab: %q", a.Name, l)
			}
		}
	}
	if len(List) < 60 {
		t.Errorf("only %d applets in the table", len(List))
	}
}
