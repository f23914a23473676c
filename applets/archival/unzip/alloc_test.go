package unzip

import (
	"fmt"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestAllocsPerMember: unzip allocates (almost) nothing per member
// (issue 10: what a run allocates in all decides its peak, the runtime
// letting the heap grow 1 MB between collections): no header, name,
// reader or system-call name per member. What grows with the archive's
// directories (their deferred times) may allocate. Stored members, so
// that what is counted is unzip's and untar's, not a decompressor's.
// The count is of allocations, not bytes or time, so it cannot flake.
func TestAllocsPerMember(t *testing.T) {
	const dirs, files = 20, 2000
	var ents []zent
	for i := range dirs {
		ents = append(ents, zent{name: fmt.Sprintf("d%02d/", i), mode: 0o755 | 1<<31})
	}
	for i := range files {
		ents = append(ents, zent{name: fmt.Sprintf("d%02d/file%04d", i%dirs, i), data: "data", store: true})
	}
	archive := filepath.Join(t.TempDir(), "a.zip")
	makeZip(t, archive, ents)
	run := func() {
		r := applettest.Cmd{Args: []string{"-q", "-o", archive, "-d", t.TempDir()}}.Run(t, &Applet)
		if r.Code != 0 {
			t.Fatalf("unzip: %d %s", r.Code, r.Stderr)
		}
	}
	per := float64(applettest.Mallocs(run)) / files
	t.Logf("unzip: %.2f allocations per member", per)
	if per > 0.15 {
		t.Errorf("unzip: %.2f allocations per member, want at most 0.15", per)
	}
}
