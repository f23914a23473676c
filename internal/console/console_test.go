package console

import (
	"bytes"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
)

func TestAskYes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
		rest string // what a later prompt reads
	}{
		{"y\n", true, ""},
		{" yes\nn\n", true, "n\n"},
		{"\tY\n", true, ""},
		{"n\ny\n", false, "y\n"},
		{"\n", false, ""},
		{"", false, ""},
		{"ay\n", false, ""},
		{"y", true, ""},
	} {
		r := strings.NewReader(tt.in)
		if got := AskYes(r); got != tt.want {
			t.Errorf("AskYes(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if rest := tt.in[len(tt.in)-r.Len():]; rest != tt.rest {
			t.Errorf("AskYes(%q) left %q, want %q", tt.in, rest, tt.rest)
		}
	}
}

// TestOrder checks that messages on stderr follow what was written to
// the buffered stdout before them.
func TestOrder(t *testing.T) {
	var both bytes.Buffer
	ctx := &applet.Ctx{Name: "cp", Stdout: &both, Stderr: &both, Stdin: strings.NewReader("y\n")}
	c := New(ctx)
	c.Out.WriteString("one\n")
	c.Warnf("warn %d", 1)
	c.Out.WriteString("two\n")
	c.Perror(syscall.ENOENT, "can't stat '%s'", "x")
	c.Out.WriteString("three\n")
	if !c.Prompt("cp: overwrite 'x'? ") {
		t.Error("Prompt: want yes")
	}
	c.Out.WriteString("four\n")
	c.Flush()
	want := "one\ncp: warn 1\ntwo\ncp: can't stat 'x': No such file or directory\nthree\ncp: overwrite 'x'? four\n"
	if both.String() != want {
		t.Errorf("got %q, want %q", both.String(), want)
	}
}
