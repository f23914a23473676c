package sed

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// benchText is about 8 MB of text lines of varied length.
func benchText() []byte {
	var b bytes.Buffer
	words := strings.Fields("the quick brown fox jumps over the lazy dog while a cat watches from the hill")
	for i := 0; b.Len() < 8<<20; i++ {
		for j := 0; j < 5+i%11; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[(i*7+j*3)%len(words)])
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// BenchmarkScripts runs sed in-process over 8 MB of text. For the
// comparison with BusyBox and GNU sed on a 100 MB file, see
// docs/compat/sed.md.
func BenchmarkScripts(b *testing.B) {
	text := benchText()
	for _, bc := range []struct{ name, script string }{
		{"s-g", "s/the/THE/g"},
		{"s-regex-g", "s/[aeiou][a-z]*/<&>/g"},
		{"s-nomatch", "s/xyzzy/X/"},
		{"p-range", "/quick/,/lazy/p"},
		{"empty", ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ctx := &applet.Ctx{Context: context.Background(), Stdin: bytes.NewReader(text), Stdout: io.Discard, Stderr: io.Discard}
				if code := applet.Run(ctx, &Applet, []string{"-e", bc.script}); code != 0 {
					b.Fatalf("status %d", code)
				}
			}
		})
	}
}
