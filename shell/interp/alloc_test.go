package interp_test

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestLoopAllocs bounds the heap allocations one round of a loop of
// builtins makes (issue 10: any steady allocation lets the Go heap grow
// by its ~1 MB runway between collections, so the shell's loop of
// scripts/bench/mem.sh stays within BusyBox's memory plus 2 MB only
// when a round allocates (nearly) nothing). What a round must keep, a
// new variable value, may be allocated: i=$((i+1)) and s=x$i make one
// string each. A round is counted as the difference between runs of
// 2N and N rounds, so the shell's start-up is not.
func TestLoopAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocations are not counted under the race detector")
	}
	cases := []struct {
		name, pre, body string
		max             float64 // allocations per round
	}{
		// scripts/bench/mem.sh's loop, its every-100th applets left out
		// (15 allocations a round before; 16, 51 and 20 for the next
		// three).
		{"mem.sh loop", "", `i=$((i + 1)); s=x$i; echo "${s#x}" >/dev/null; case $((i % 100)) in 0) : ;; esac`, 2.1},
		// j's new value is the one string of ": $((j += 2))".
		{"test and arithmetic", "", `i=$((i + 1)); test "$i" -gt 0 && [ -n "$i" ] || exit 1; : $((j += 2))`, 2.1},
		{"redirections", "", `i=$((i + 1)); echo x >/dev/null 2>&1; : </dev/null; echo y 2>/dev/null >&2; echo "$i" >>log; { echo z; } >log`, 1.1},
		// set -- keeps its operands: one slice; a word of several
		// parts is a new string.
		{"field splitting", "", `i=$((i + 1)); set -- a b c; echo $* "$@" $# x$((i % 7))y >/dev/null`, 3.1},
		// A function's arguments are reused after it returns, its frame
		// of locals made by its first "local": the texts of $(( $1 + $2 ))
		// and i's new value are left (11 allocations a round before).
		{"function calls", "f() { r=$(( $1 + $2 )); }", `f "$i" 1; i=$r; f 1 2`, 3.1},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			run := func(n int) func() {
				src := tc.pre + "\ni=0 j=0\nwhile [ $i -lt " + strconv.Itoa(n) + " ]; do\n\t" + tc.body + "\ndone"
				return func() {
					ctx := &applet.Ctx{Context: context.Background(), Name: "sh", Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
						Dir: dir, Env: []string{"PATH=/usr/bin:/bin"}, Umask: 0o22, Applets: table}
					if st := applet.Run(ctx, &sh, []string{"-c", src}); st != 0 {
						t.Fatalf("status %d", st)
					}
				}
			}
			const n = 2000
			per := (float64(applettest.Mallocs(run(2*n))) - float64(applettest.Mallocs(run(n)))) / n
			t.Logf("%.2f allocations per round", per)
			if per > tc.max {
				t.Errorf("%.2f allocations per round, want at most %.1f", per, tc.max)
			}
		})
	}
}
