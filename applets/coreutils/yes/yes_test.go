package yes

import (
	"context"
	"errors"
	"testing"

	"gobox/internal/applet"
)

// limited accepts n bytes, then fails or cancels.
type limited struct {
	buf    []byte
	n      int
	cancel context.CancelFunc
}

func (l *limited) Write(p []byte) (int, error) {
	if len(l.buf) >= l.n {
		if l.cancel != nil {
			l.cancel()
			return len(p), nil
		}
		return 0, errors.New("broken pipe")
	}
	l.buf = append(l.buf, p...)
	return len(p), nil
}

func TestYes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "y\ny\ny\n"},
		{[]string{"a", "b"}, "a b\na b\n"},
		{[]string{"-x"}, "-x\n-x\n"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		w := &limited{n: 100, cancel: cancel}
		code := applet.Run(&applet.Ctx{Context: ctx, Stdout: w}, &Applet, tc.args)
		if code == 0 || len(w.buf) < len(tc.want) || string(w.buf[:len(tc.want)]) != tc.want {
			t.Errorf("yes %q: code %d output %q", tc.args, code, w.buf)
		}
	}
	w := &limited{n: 10}
	if code := applet.Run(&applet.Ctx{Stdout: w}, &Applet, nil); code != 1 {
		t.Errorf("yes on a failing writer: status %d", code)
	}
}
