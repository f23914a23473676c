package apk

import (
	"fmt"

	"gobox/internal/apk/repo"
	"gobox/internal/opt"
)

// runUpdate is "apk update" (apk.md 9.7): download every remote index,
// then list the repositories with a description and count the packages.
func runUpdate(e *env, o *opt.Result, args []string) error {
	w, err := openWriter(e, writeOpts{autoUpdate: true, forceRefresh: true})
	if err != nil {
		return err
	}
	defer w.close()
	for _, r := range w.d.repos {
		if r.ok && r.description != "" && e.verbose >= 1 {
			fmt.Fprintf(e.out, "%s [%s]\n", r.description, repo.Display(r.Location))
		}
	}
	ids := map[string]bool{}
	n := 0
	for _, p := range w.d.pkgs {
		if p.Checksum == "" || !ids[p.Checksum] {
			ids[p.Checksum] = true
			n++
		}
	}
	bad := 2*w.unavailable + w.stale
	if e.verbose >= 1 {
		if bad == 0 {
			fmt.Fprintf(e.out, "OK: %d distinct packages available\n", n)
		} else {
			fmt.Fprintf(e.out, "%d unavailable, %d stale; %d distinct packages available\n", 2*w.unavailable, w.stale, n)
		}
	}
	return status(bad)
}
