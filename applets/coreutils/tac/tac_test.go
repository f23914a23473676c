package tac

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// reversed is tac done the simple way: the lines of s, last first.
func reversed(s string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for i := len(lines) - 1; i >= 0; i-- {
		b.WriteString(lines[i])
	}
	return b.String()
}

// bigInput has lines of every length from 0 to 300, a line longer than
// two blocks, and a last line without a newline.
func bigInput() string {
	var b strings.Builder
	for i := range 3000 {
		b.WriteString(strings.Repeat(string(rune('a'+i%26)), i%301))
		b.WriteByte('\n')
		if i == 1500 {
			b.WriteString(strings.Repeat("L", 3*blockSize+17) + "\n")
		}
	}
	b.WriteString("last")
	return b.String()
}

// TestBackwards reads regular files backwards a block at a time, and
// pipes (and standard input that is a file, from its offset) whole: the
// output is the same as reversing the lines in memory.
func TestBackwards(t *testing.T) {
	dir := t.TempDir()
	input := bigInput()
	if err := os.WriteFile(filepath.Join(dir, "big"), []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	want := reversed(input)
	if r := applettest.RunIn(t, dir, &Applet, "big"); r.Stdout != want || r.Code != 0 {
		t.Errorf("tac big: status %d %q, output right: %v", r.Code, r.Stderr, r.Stdout == want)
	}
	if r := (applettest.Cmd{Dir: dir, Stdin: input}).Run(t, &Applet); r.Stdout != want || r.Code != 0 {
		t.Errorf("tac < pipe: status %d, output right: %v", r.Code, r.Stdout == want)
	}
	// Standard input that is a file is read from where its offset is.
	f, err := os.Open(filepath.Join(dir, "big"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	skip := strings.Index(input, "\n") + 1 + 5
	f.Seek(int64(skip), io.SeekStart)
	var out bytes.Buffer
	ctx := &applet.Ctx{Stdin: f, Stdout: &out, Stderr: io.Discard, Dir: dir}
	if code := applet.Run(ctx, &Applet, []string{"-", "-"}); code != 0 || out.String() != reversed(input[skip:]) {
		t.Errorf("tac - - < big (at offset %d): status %d, output right: %v", skip, code, out.String() == reversed(input[skip:]))
	}
	if off, _ := f.Seek(0, io.SeekCurrent); off != int64(len(input)) {
		t.Errorf("standard input left at offset %d, want its end %d", off, len(input))
	}
}

// TestBoundedMemory: a regular file is not held in memory.
func TestBoundedMemory(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for b.Len() < 8<<20 {
		b.WriteString("a line of some length, repeated\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "big"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := &applet.Ctx{Stdout: io.Discard, Stderr: io.Discard, Dir: dir}
	var code int
	_, bytes := applettest.Allocated(func() { code = applet.Run(ctx, &Applet, []string{"big"}) })
	if code != 0 || bytes > 1<<20 {
		t.Errorf("tac of 8 MB: status %d, allocated %d bytes", code, bytes)
	}
}
