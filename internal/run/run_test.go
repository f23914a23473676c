package run

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applet"
)

func newCtx(t *testing.T, env ...string) (*applet.Ctx, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &applet.Ctx{
		Context: context.Background(), Name: "test", Dir: t.TempDir(),
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Env: env,
	}, &out, &errb
}

func TestLookPath(t *testing.T) {
	ctx, _, _ := newCtx(t)
	os.WriteFile(filepath.Join(ctx.Dir, "x"), nil, 0o755)
	os.WriteFile(filepath.Join(ctx.Dir, "y"), nil, 0o644)
	os.Mkdir(filepath.Join(ctx.Dir, "d"), 0o755)
	tests := []struct {
		file, path, want string
		err              error
	}{
		{"x", ctx.Dir, ctx.Dir + "/x", nil},
		{"x", "", ctx.Dir + "/./x", nil},
		{"x", "/nonexistent:" + ctx.Dir + "/", ctx.Dir + "/x", nil},
		{"y", ctx.Dir, "", syscall.EACCES},
		{"d", ctx.Dir, "", syscall.EACCES},
		{"z", ctx.Dir, "", syscall.ENOENT},
		{"./y", "", ctx.Dir + "/./y", nil},
		{"", ctx.Dir, "", syscall.ENOENT},
	}
	for _, tc := range tests {
		got, err := LookPath(ctx, tc.file, tc.path)
		if got != tc.want || err != tc.err {
			t.Errorf("LookPath(%q, %q) = %q, %v; want %q, %v", tc.file, tc.path, got, err, tc.want, tc.err)
		}
	}
}

func TestCommand(t *testing.T) {
	tests := []struct {
		argv   []string
		env    []string
		out    string
		status int
		msg    string
	}{
		{[]string{"sh", "-c", "echo $X; pwd >/dev/null"}, []string{"PATH=/usr/bin:/bin", "X=1"}, "1\n", 0, ""},
		{[]string{"sh", "-c", "exit 9"}, []string{"PATH=/usr/bin:/bin"}, "", 9, ""},
		{[]string{"sh", "-c", "kill -KILL $$"}, []string{"PATH=/usr/bin:/bin"}, "", 137, ""},
		{[]string{"nosuch"}, []string{"PATH=/usr/bin:/bin"}, "", 127, "can't execute 'nosuch': No such file or directory"},
		{[]string{"/bin/sh", "-c", "echo ok"}, nil, "ok\n", 0, ""},
	}
	for _, tc := range tests {
		ctx, out, _ := newCtx(t, tc.env...)
		err := Command(ctx, tc.argv, nil)
		status, msg := 0, ""
		if ee, ok := err.(*applet.ExitError); ok {
			status, msg = ee.Code, ee.Msg
		} else if err != nil {
			t.Fatalf("%q: %v", tc.argv, err)
		}
		if out.String() != tc.out || status != tc.status || msg != tc.msg {
			t.Errorf("%q: out %q status %d msg %q; want %q %d %q", tc.argv, out, status, msg, tc.out, tc.status, tc.msg)
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, _, _ := newCtx(t, "PATH=/usr/bin:/bin")
	c, cancel := context.WithCancel(context.Background())
	ctx.Context = c
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	err := Command(ctx, []string{"sleep", "10"}, nil)
	if ee, ok := err.(*applet.ExitError); !ok || ee.Code != 130 {
		t.Errorf("got %v, want status 130", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Error("cancellation did not stop the child")
	}
}
