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
	// Status 130 (SIGINT) shows that the cancellation stopped the child.
	err := Command(ctx, []string{"sleep", "10"}, nil)
	if ee, ok := err.(*applet.ExitError); !ok || ee.Code != 130 {
		t.Errorf("got %v, want status 130", err)
	}
}

// TestChildStreams checks that a child gets the files behind the Ctx's
// streams, even through the runtime's stdout wrapper, so that it writes
// to them itself, and a pipe only for streams that are no file.
func TestChildStreams(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer full.Close()
	var errb bytes.Buffer
	probe := &applet.Applet{Name: "probe", Main: func(ctx *applet.Ctx, args []string) error {
		return Command(ctx, args, nil)
	}}
	ctx := &applet.Ctx{Stdout: full, Stderr: &errb, Env: []string{"PATH=/usr/bin:/bin"}, Dir: "/"}
	code := applet.Run(ctx, probe, []string{"sh", "-c", "exec 3>&1 4>&2; readlink /proc/$$/fd/3 >&2; readlink /proc/$$/fd/4 >&2; exit 4"})
	got := strings.Split(errb.String(), "\n")
	if code != 4 || len(got) != 3 || got[0] != "/dev/full" || !strings.HasPrefix(got[1], "pipe:") {
		t.Errorf("status %d, child's stdout and stderr %q; want 4, /dev/full and a pipe", code, got)
	}
}
