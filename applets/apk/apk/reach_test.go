package apk

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/apk/index"
	"gobox/internal/apk/solver"
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// TestReachableSameAnswers: the solver, given only the packages the
// world reaches, answers as with every package of the database. Alpine
// 3.20.3's installed packages against Alpine 3.16's index of 4,929
// (installed versions newer than the repository's or absent from it):
// "add NAME" for every 80th name of the index and for each installed
// one, with the upgrade, latest and available flags, and a downgrade.
func TestReachableSameAnswers(t *testing.T) {
	fx := apktest.Fixtures(t)
	root := fixtureRoot(t)
	repoDir := t.TempDir()
	os.MkdirAll(filepath.Join(repoDir, "x86_64"), 0o755)
	data, err := os.ReadFile(filepath.Join(fx, "alpine/APKINDEX-v3.16-x86_64.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repoDir, "x86_64/APKINDEX.tar.gz"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := index.ReadArchive(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}

	// The options as run parses those of "apk add".
	cmd, _, _ := findCommand([]string{"add"})
	spec := &opt.Spec{Short: globalShort + cmd.short, Long: globalLong + " " + cmd.long}
	o, err := opt.Parse(spec, []string{"--root", root, "-X", repoDir, "--repositories-file", "/dev/null", "--allow-untrusted", "-s"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &applet.Ctx{Context: context.Background(), Stdout: io.Discard, Stderr: io.Discard, Dir: "/"}
	e := &env{ctx: ctx, out: bufio.NewWriter(io.Discard), o: o, width: 50}
	w, err := openWriter(e, writeOpts{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()

	var names []string
	for i, p := range a.Index.Packages {
		if i%80 == 0 {
			names = append(names, p.Name)
		}
	}
	for _, p := range w.d.inst.Packages {
		names = append(names, p.Name)
	}
	solve := func(world []string, all bool, flags solver.Flags) (string, int) {
		req, _ := w.requestOf(world, all)
		req.Flags = flags
		sol := solver.Solve(req)
		var b strings.Builder
		for _, c := range sol.Changes {
			b.WriteString(c.String() + "\n")
		}
		return b.String() + sol.Report + fmt.Sprint(sol.Errors), len(req.Packages)
	}
	n := 0
	for _, name := range names {
		for _, fl := range []solver.Flags{0, solver.Upgrade, solver.Latest, solver.Upgrade | solver.Available} {
			world := append(append([]string(nil), w.world...), name)
			got, reached := solve(world, false, fl)
			want, total := solve(world, true, fl)
			if got != want {
				t.Errorf("add %s (flags %d): with the %d packages reached:\n%s\nwith all %d:\n%s", name, fl, reached, got, total, want)
			}
			n++
		}
	}
	down := append(append([]string(nil), w.world...), "busybox<1.36")
	if got, want := first(solve(down, false, 0)), first(solve(down, true, 0)); got != want {
		t.Errorf("add busybox<1.36: reached:\n%s\nall:\n%s", got, want)
	}
	// What the change is for: add gcc meets a few dozen packages.
	if _, reached := solve(append(append([]string(nil), w.world...), "gcc"), false, 0); reached > 100 {
		t.Errorf("add gcc: the solver is given %d packages", reached)
	}
	if n < 250 {
		t.Errorf("only %d cases", n)
	}
}

func first(s string, _ int) string { return s }
