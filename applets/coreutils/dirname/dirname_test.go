package dirname

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestDirname(t *testing.T) {
	tests := []struct {
		args []string
		out  string
		code int
	}{
		{[]string{"/foo/bar/baz"}, "/foo/bar\n", 0},
		{[]string{""}, ".\n", 0},
		{[]string{"foo/bar///baz"}, "foo/bar\n", 0},
		{[]string{"foo/bar/baz"}, "foo/bar\n", 0},
		{[]string{"/"}, "/\n", 0},
		{[]string{"foo"}, ".\n", 0},
		{[]string{"//a//b//"}, "//a\n", 0},
		{[]string{"a/"}, ".\n", 0},
		{[]string{"/a"}, "/\n", 0},
		{[]string{"--", "/a/b"}, "/a\n", 0},
		{[]string{"-x"}, ".\n", 0},
		{[]string{"a", "b"}, "", 1},
		{nil, "", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			applettest.Run(t, &Applet, tt.args...).Expect(t, tt.out, tt.code)
		})
	}
}
