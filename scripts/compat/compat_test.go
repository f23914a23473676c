package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/applets/all"
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// TestCompatibilityIsCurrent keeps COMPATIBILITY.md from drifting from the
// applet table and its declared options, the conformance results and the
// notes.
func TestCompatibilityIsCurrent(t *testing.T) {
	dir := root()
	have, err := os.ReadFile(filepath.Join(dir, "COMPATIBILITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := Generate(dir)
	if !strings.Contains(want, "\n| ls | bin/ls | `-1` ") {
		t.Errorf("generated table lacks ls and its options:\n%s", want)
	}
	if string(have) != want {
		t.Errorf("COMPATIBILITY.md is stale: run 'make compat'")
	}
}

// TestFailingCasesExplained requires a note for every failing BusyBox case.
func TestFailingCasesExplained(t *testing.T) {
	for _, u := range Unexplained(root()) {
		t.Errorf("failing conformance case has no explanation in docs/compat/<applet>.md: %s", u)
	}
}

// TestOptionsColumn checks how a declaration becomes the options column:
// help-text order, long names, -NUM, operand words, undocumented options.
func TestOptionsColumn(t *testing.T) {
	tests := []struct {
		a    applet.Applet
		want string
	}{
		{applet.Applet{Name: "none"}, "(none)"},
		{applet.Applet{Name: "manual", Options: &opt.Spec{Manual: true}}, "(none)"},
		{applet.Applet{
			Name:    "cp",
			Usage:   "[-arR] SRC DEST",
			Help:    "Copy\n\n\t-a\tSame as -dR\n\t-R,-r\tRecurse\n\t-d\tNo deref",
			Options: &opt.Spec{Short: "dRrav", Long: "archive=a verbose=v parents", Undocumented: "v parents"},
		}, "`-a`/`--archive` `-R` `-r` `-d` (undocumented: `-v`/`--verbose` `--parents`)"},
		{applet.Applet{
			Name:    "head",
			Usage:   "[OPTIONS] [FILE]...",
			Help:    "Print\n\n\t-n N\tLines\n\t-n -N\tAll but\n\t-q\tQuiet",
			Options: &opt.Spec{Short: "qn:"},
		}, "`-n` `-q`"},
		{applet.Applet{
			Name:    "nice",
			Usage:   "[-n ADJUST] [PROG ARGS]",
			Options: &opt.Spec{Short: "n:", Number: "n", Manual: true},
		}, "`-n`/`-NUM`"},
		{applet.Applet{
			Name:    "dd",
			Usage:   "[if=FILE] [of=FILE] [ibs=N obs=N/bs=N]",
			Options: &opt.Spec{Manual: true, Operands: "if= of= bs= ibs= obs="},
		}, "`if=` `of=` `ibs=` `obs=` `bs=`"},
		{applet.Applet{
			Name:    "env",
			Help:    "Run\n\n\t-, -i\tEmpty environment\n\t-0\tNUL",
			Options: &opt.Spec{Short: "0i", Operands: "-"},
		}, "`-i` `-` `-0`"},
		{applet.Applet{Name: "nproc", Usage: "[--all] [--ignore=N]", Options: &opt.Spec{Long: "ignore: all"}}, "`--all` `--ignore`"},
	}
	for _, tt := range tests {
		if got := options(&tt.a); got != tt.want {
			t.Errorf("%s: options column %q, want %q", tt.a.Name, got, tt.want)
		}
	}
}

// TestOptionsColumnOfApplets pins the rows that scraping the help text
// got wrong: env listed "-,", head and tail "-n" twice, ls "-lc" and "-lu"
// as options, dd "(none)".
func TestOptionsColumnOfApplets(t *testing.T) {
	want := map[string]string{
		"env":  "`-i`/`--ignore-environment` `-` `-0`/`--null` `-u`/`--unset`",
		"head": "`-n` `-c` `-q` `-v`",
		"tail": "`-c` `-n` `-q` `-v` `-f` `-F` `-s`",
		"dd":   "`if=` `of=` `bs=` `ibs=` `obs=` `count=` `skip=` `seek=` `conv=` `iflag=` `oflag=` `status=`",
	}
	for _, a := range all.List {
		got := options(a)
		if w, ok := want[a.Name]; ok && got != w {
			t.Errorf("%s: options column %q, want %q", a.Name, got, w)
		}
		if a.Name == "ls" && (strings.Contains(got, "-lc") || !strings.Contains(got, " `-c` `-u` ")) {
			t.Errorf("ls: options column %q", got)
		}
	}
}
