package spawn

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
)

// fakeApplet prints its name, directory and arguments; "fail" makes it
// exit 4, "pipe" fails as a write to a closed pipe does.
func fakeApplet(name string, noFork bool) *applet.Applet {
	return &applet.Applet{Name: name, NoFork: noFork, Main: func(ctx *applet.Ctx, args []string) error {
		if len(args) > 0 && args[0] == "pipe" {
			return &os.PathError{Op: "write", Path: "x", Err: syscall.EPIPE}
		}
		ctx.Stdout.Write([]byte(ctx.Name + " " + ctx.Dir + " " + strings.Join(args, ",") + " " + ctx.Getenv("X") + "\n"))
		if len(args) > 0 && args[0] == "fail" {
			return applet.Exit(4)
		}
		return nil
	}}
}

func newRunner(t *testing.T, path string, table applet.Table) (*Runner, *bytes.Buffer) {
	var out bytes.Buffer
	ctx := &applet.Ctx{
		Context: context.Background(), Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out,
		Dir: t.TempDir(), Env: []string{"PATH=" + path, "X=1"}, Applets: table,
	}
	return &Runner{Ctx: ctx}, &out
}

func TestChild(t *testing.T) {
	r, out := newRunner(t, "/usr/bin:/bin", nil)
	defer r.Close()
	os.WriteFile(filepath.Join(r.Ctx.Dir, "noexec"), []byte("#!/bin/sh\n"), 0o644)
	tests := []struct {
		argv []string
		want Status
		out  string
	}{
		{[]string{"sh", "-c", `echo "$X" "$PWD"`}, Status{}, "1 " + r.Ctx.Dir + "\n"},
		{[]string{"sh", "-c", "exit 3"}, Status{Code: 3}, ""},
		{[]string{"sh", "-c", "kill -9 $$"}, Status{Signal: syscall.SIGKILL}, ""},
		{[]string{"nosuch-command"}, Status{Err: syscall.ENOENT}, ""},
		{[]string{"./noexec"}, Status{Err: syscall.EACCES}, ""},
		{[]string{"/nonexistent/x"}, Status{Err: syscall.ENOENT}, ""},
	}
	for _, tt := range tests {
		out.Reset()
		got := r.Run(tt.argv)
		if got != tt.want || out.String() != tt.out {
			t.Errorf("%q: got %+v %q, want %+v %q", tt.argv, got, out.String(), tt.want, tt.out)
		}
	}
	if !(Status{}).OK() || (Status{Code: 1}).OK() || (Status{Signal: 9}).OK() || (Status{Err: syscall.ENOENT}).OK() {
		t.Error("OK is wrong")
	}
}

// TestInProcess: an applet that the PATH does not hold, or that the PATH
// leads to through a link to the running binary, runs as a function
// call; anything else the PATH holds runs as a program.
func TestInProcess(t *testing.T) {
	bin := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "gobox-test-linked")); err != nil {
		t.Fatal(err)
	}
	table := applet.Table{
		fakeApplet("gobox-test-forks", false),
		fakeApplet("gobox-test-linked", true),
		fakeApplet("gobox-test-nowhere", true),
		fakeApplet("sh", true),
	}
	r, out := newRunner(t, bin+":/usr/bin:/bin", table)
	dir := r.Ctx.Dir
	tests := []struct {
		argv []string
		want Status
		out  string
	}{
		{[]string{"gobox-test-nowhere", "a", "b"}, Status{}, "gobox-test-nowhere " + dir + " a,b 1\n"},
		{[]string{"gobox-test-nowhere", "fail"}, Status{Code: 4}, "gobox-test-nowhere " + dir + " fail 1\n"},
		{[]string{"gobox-test-nowhere", "pipe"}, Status{Signal: syscall.SIGPIPE}, ""},
		{[]string{"gobox-test-linked", "x"}, Status{}, "gobox-test-linked " + dir + " x 1\n"},
		{[]string{bin + "/gobox-test-linked", "y"}, Status{}, "gobox-test-linked " + dir + " y 1\n"},
		// Not NoFork, and nowhere in the PATH: not found.
		{[]string{"gobox-test-forks"}, Status{Err: syscall.ENOENT}, ""},
		// The PATH's sh is another program: it runs.
		{[]string{"sh", "-c", "echo real"}, Status{}, "real\n"},
	}
	for _, tt := range tests {
		out.Reset()
		got := r.Run(tt.argv)
		if got != tt.want || out.String() != tt.out {
			t.Errorf("%q: got %+v %q, want %+v %q", tt.argv, got, out.String(), tt.want, tt.out)
		}
	}
}
