package tr

import (
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestStreams: tr holds nothing but its buffers.
func TestStreams(t *testing.T) {
	ctx := &applet.Ctx{Stdin: strings.NewReader(strings.Repeat("hello world\n", 1<<20)), Stdout: io.Discard, Stderr: io.Discard}
	var code int
	_, bytes := applettest.Allocated(func() { code = applet.Run(ctx, &Applet, []string{"-s", "a-z", "A-Z"}) })
	if code != 0 || bytes > 1<<20 {
		t.Errorf("tr of 12 MB: status %d, allocated %d bytes", code, bytes)
	}
}

// TestExpand checks how the strings expand, BusyBox's way.
func TestExpand(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a-e", "abcde"}, {"e-a", ""}, {"a-", "a-"}, {"-a", "-a"}, {`\n\t\\`, "\n\t\\"}, {`\101\x42\q`, "AB\\q"},
		{`\400`, " 0"}, {`\x`, `\x`}, {`a\-c`, "a\\]^_`abc"}, {"[:digit:]x", "0123456789x"},
		{"[:xdigit:]", "0123456789ABCDEFabcdef"}, {"[:blank:]", "\t "}, {"[=x=]", "x"}, {"[x*3]", "[x*3]"},
		{"[:foo:]", "[:foo:]"}, {`a-\x63`, "abc"},
	} {
		got, err := expand(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("expand(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := expand("[=ab=]"); err == nil {
		t.Errorf("expand([=ab=]): no usage error")
	}
}
