package bzip2

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// TestCompressSameAsDebian: bzip2's output is bzip2 1.0.8's, byte for
// byte (internal/bzip2w codes blocks as it does), and Debian's bzip2
// reads it back; the inputs are those a compressor gets wrong first:
// nothing, one byte, a long run of one byte (one block of 10 MB after
// the first stage), noise, text. A block that is exactly periodic has
// equal rotations, which bzip2 and gobox may order differently (origPtr
// alone differs): 10 MB of one byte at -1 fills its first block with
// "zzzz\xfb" 19,997 times; "ab" over a whole block. Those read back.
func TestCompressSameAsDebian(t *testing.T) {
	debianBzip2(t)
	noise := make([]byte, 500<<10)
	rand.New(rand.NewSource(4)).Read(noise)
	var text strings.Builder
	for i := range 40000 {
		fmt.Fprintf(&text, "2026-12-01 12:%02d:%02d host%d GET /item/%d 200 %d\n", i/60%60, i%60, i%7, i*31%1000, i*7919%100000)
	}
	for _, tc := range []struct {
		name    string
		data    []byte
		differs string // the level with a periodic block, or all
	}{
		{"empty", nil, ""},
		{"one byte", []byte{'x'}, ""},
		{"10 MB of one byte", bytes.Repeat([]byte{'z'}, 10<<20), "-1"},
		{"noise", noise, ""},
		{"text", []byte(text.String()), ""},
		{"period 2", bytes.Repeat([]byte("ab"), 99980/2), "all"},
	} {
		for _, level := range []string{"-1", "-9"} {
			ours := runIn(t, &Applet, t.TempDir(), string(tc.data), "-c", level)
			if ours.Code != 0 {
				t.Fatalf("%s %s: status %d, %q", tc.name, level, ours.Code, ours.Stderr)
			}
			if tc.differs != level && tc.differs != "all" {
				if theirs := debian(t, tc.data, "-c", level); ours.Stdout != string(theirs) {
					t.Errorf("%s %s: %d bytes, Debian's %d: not the same", tc.name, level, len(ours.Stdout), len(theirs))
				}
			}
			if got := debian(t, []byte(ours.Stdout), "-dc"); !bytes.Equal(got, tc.data) {
				t.Errorf("%s %s: Debian's bzip2 -d: %d bytes of %d", tc.name, level, len(got), len(tc.data))
			}
		}
	}
}
