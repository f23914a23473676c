package wc

import (
	"runtime"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestBufferReusedAcrossFiles: wc reads every file through one buffer
// (before, each file allocated a new 64 KiB one: wc of 1,000 files made
// 64 MB of garbage). What wc of 300 files allocates must not grow with
// the buffer times the files.
func TestBufferReusedAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	files := applettest.Files(t, dir, 300)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := applettest.Cmd{Args: append([]string{"-l"}, files...), Dir: dir}.Run(t, &Applet)
	runtime.ReadMemStats(&after)
	if r.Code != 0 || !strings.HasSuffix(r.Stdout, " total\n") {
		t.Fatalf("wc -l of 300 files: status %d, stderr %q", r.Code, r.Stderr)
	}
	// One buffer, and per file its name, its open file and its line.
	if got, max := after.TotalAlloc-before.TotalAlloc, uint64(64<<10+300*2048); got > max {
		t.Errorf("wc -l of 300 files allocated %d bytes, want at most %d", got, max)
	}
}
