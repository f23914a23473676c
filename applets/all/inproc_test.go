package all

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// TestInProcessGarbage: an applet that the shell runs in its own
// process, run after run as a script's loop does, takes its read and
// output buffers from the runtime's pool (applet.Ctx.Buf, BufWriter),
// so a run leaves a few KB of garbage, not the 32 to 170 KB of buffers
// each made anew (which cost a collection every few runs). Counted in
// bytes allocated per run, never timed.
func TestInProcessGarbage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	var lines strings.Builder
	for i := range 50 {
		lines.WriteString(strings.Repeat("x", i%7) + " word " + string(rune('a'+i%26)) + "\n")
	}
	if err := os.WriteFile(file, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args  []string
		stdin string
	}{
		{[]string{"wc", "-l"}, "a\nb\n"},
		{[]string{"wc", file}, ""},
		{[]string{"grep", "-q", "b"}, "abc\n"},
		{[]string{"grep", "word", file}, ""},
		{[]string{"awk", "{print $2}"}, "1 2\n"},
		{[]string{"sed", "s/b/x/"}, "abc\n"},
		{[]string{"cut", "-d", " ", "-f1"}, "a b\n"},
		{[]string{"tr", "a-z", "A-Z"}, "abc\n"},
		{[]string{"sort", file}, ""},
		{[]string{"uniq", file}, ""},
		{[]string{"head", "-n", "3", file}, ""},
		{[]string{"head", "-c", "3", file}, ""},
		{[]string{"md5sum", file}, ""},
		{[]string{"od", "-c", file}, ""},
		{[]string{"cat", "-n", file}, ""},
		{[]string{"basename", "/a/b/c"}, ""},
		{[]string{"fold", "-w", "5"}, "abcdefgh\n"},
		{[]string{"tee"}, "abc\n"},
		{[]string{"cksum", file}, ""},
		{[]string{"nl", file}, ""},
		{[]string{"paste", file, file}, ""},
	}
	for _, tt := range tests {
		a := List.Lookup(tt.args[0])
		if a == nil {
			t.Fatalf("no applet %s", tt.args[0])
		}
		run := func() {
			var out bytes.Buffer
			ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(tt.stdin), Stdout: &out, Stderr: &out, Dir: dir, Applets: List}
			if code := applet.Run(ctx, a, tt.args[1:]); code != 0 {
				t.Fatalf("%v: status %d: %s", tt.args, code, out.String())
			}
		}
		run()
		const runs = 50
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range runs {
			run()
		}
		runtime.ReadMemStats(&after)
		if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 16<<10 {
			t.Errorf("%v: %d bytes allocated per run", tt.args, per)
		}
	}
}
