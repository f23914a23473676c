package basename

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestBasename(t *testing.T) {
	tests := []struct {
		args []string
		out  string
		code int
	}{
		{[]string{"/usr/local/bin/foo"}, "foo\n", 0},
		{[]string{"/usr/local/bin/"}, "bin\n", 0},
		{[]string{"/foo/bar.txt", ".txt"}, "bar\n", 0},
		{[]string{"foo", "foo"}, "foo\n", 0},
		{[]string{"/"}, "/\n", 0},
		{[]string{"//"}, "/\n", 0},
		{[]string{""}, "\n", 0},
		{[]string{"-a", "/a/b/", "c/d"}, "b\nd\n", 0},
		{[]string{"-s", ".c", "a.c", "b.c", ".c"}, "a\nb\n.c\n", 0},
		{[]string{"--", "-a"}, "-a\n", 0},
		{[]string{"a", "b", "c"}, "", 1},
		{nil, "", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			applettest.Run(t, &Applet, tt.args...).Expect(t, tt.out, tt.code)
		})
	}
}
