package apk

import (
	"fmt"
	"os"
	"path/filepath"

	"gobox/internal/apk/repo"
	"gobox/internal/apk/solver"
	"gobox/internal/opt"
)

// cacheShort, cacheLong are "apk cache"'s own options.
const cacheShort, cacheLong = "ulas", "upgrade=u latest=l available=a add-dependencies ignore-conflict"

// runCache is "apk cache clean|download|purge|sync [DEPS...]" (apk.md
// 9.9). Without an enabled cache every action does nothing.
func runCache(e *env, o *opt.Result, args []string) error {
	if len(args) == 0 {
		return status(99)
	}
	action, deps := args[0], args[1:]
	clean, download := false, false
	switch action {
	case "clean":
		clean = true
	case "purge":
		clean = true
		e.o.Set("purge")
	case "download":
		download = true
	case "sync":
		clean, download = true, true
	default:
		return status(99)
	}
	w, err := openReader(e)
	if err != nil {
		return err
	}
	cache := w.packageCache()
	if cache == "" {
		return nil
	}
	if clean {
		w.cacheClean(cache)
	}
	if download {
		return w.cacheDownload(cache, deps, o)
	}
	return nil
}

// cacheClean deletes what the cache holds that is neither a current
// index, nor "installed", nor a package some remote repository has;
// with --purge every package goes.
func (w *writer) cacheClean(cache string) {
	e := w.e
	keep := map[string]bool{"installed": true}
	for _, r := range w.d.repos {
		if r.Remote() {
			keep[r.CacheName(w.d.arch)] = true
		}
	}
	if !e.o.Has("purge") {
		for _, p := range w.d.pkgs {
			if w.remoteHas(p) {
				keep[cacheFile(p)] = true
			}
		}
	}
	// In directory order, as apk deletes them.
	d, err := os.Open(cache)
	if err != nil {
		return
	}
	ents, _ := d.ReadDir(-1)
	d.Close()
	for _, ent := range ents {
		n := ent.Name()
		if keep[n] || ent.IsDir() {
			continue
		}
		if e.verbose >= 2 {
			fmt.Fprintf(e.out, "deleting %s\n", n)
		}
		if !w.e.o.Has("simulate") && !w.e.o.Has("s") {
			os.Remove(filepath.Join(cache, n))
		}
	}
}

// remoteHas reports whether a loaded remote repository has p.
func (w *writer) remoteHas(p *pkg) bool {
	for _, i := range p.repos {
		if r := w.d.repos[i]; r.ok && r.Remote() {
			return true
		}
	}
	return false
}

// cacheDownload solves for world (or DEPS; world and DEPS with
// --add-dependencies) and downloads into the cache every chosen
// package of a remote repository it does not hold yet.
func (w *writer) cacheDownload(cache string, deps []string, o *opt.Result) error {
	e := w.e
	world := append([]string(nil), w.world...)
	if len(deps) > 0 {
		if !o.Has("add-dependencies") {
			world = nil
		}
		world = append(world, deps...)
	}
	req, m := w.request(world)
	switch {
	case o.Has("u"):
		req.Flags |= solver.Upgrade
	case o.Has("l"):
		req.Flags |= solver.Latest
	case o.Has("a"):
		req.Flags |= solver.Available
	}
	// Unsatisfiable names are no error here: apk downloads what the
	// solver could choose.
	sol := solver.Solve(req)
	errs := 0
	for _, sp := range sol.Packages {
		p := m[sp]
		if p == nil || !w.remoteHas(p) {
			continue
		}
		if _, err := os.Stat(filepath.Join(cache, cacheFile(p))); err == nil {
			continue
		}
		if e.verbose >= 1 {
			fmt.Fprintf(e.out, "fetch %s\n", repo.Display(w.packageURL(p)))
		}
		if e.o.Has("simulate") || e.o.Has("s") {
			continue
		}
		f, err := w.openPackage(p)
		if err != nil {
			e.errorf("%s: %s", p.NameVersion(), errText(err))
			errs++
			continue
		}
		f.Close()
	}
	return status(errs)
}
