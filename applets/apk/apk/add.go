package apk

import (
	"fmt"
	"os"
	"strings"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/sign"
	"gobox/internal/apk/solver"
	"gobox/internal/apk/version"
	"gobox/internal/opt"
)

func errBad() error { return sign.ErrBad }

func isRoot() bool { return os.Geteuid() == 0 }

// writeFileAtomic writes a file through a temporary name.
func writeFileAtomic(name string, data []byte) error {
	tmp := name + ".new"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// worldName is the name a world entry is about.
func worldName(s string) string {
	if d, err := dep.Parse(s); err == nil {
		return d.Name
	}
	return s
}

// setWorld replaces the entry for the name of s in world by s.
func setWorld(world []string, s string) []string {
	n := worldName(s)
	out := world[:0:0]
	for _, w := range world {
		if worldName(w) != n {
			out = append(out, w)
		}
	}
	return append(out, s)
}

// runAdd is "apk add" (apk.md 9.4): each argument is a world
// dependency or a package file; with -t NAME they become the
// dependencies of a virtual package and only NAME goes to world.
func runAdd(e *env, o *opt.Result, args []string) error {
	w, err := openWriter(e, writeOpts{initdb: o.Has("initdb"), autoUpdate: true})
	if err != nil {
		return err
	}
	defer w.close()
	var virt *pkg
	var virtDep dep.Dep
	if o.Has("t") {
		if virt, virtDep, err = w.virtual(o.Str("t")); err != nil {
			return err
		}
		if len(args) == 0 {
			e.warnf("creating empty virtual package")
		}
	}
	kind, format := "world", "name(@tag)([<>~=]version)"
	if virt != nil {
		kind, format = "child", "name([<>~=]version)"
	}
	var deps []dep.Dep
	for _, a := range args {
		if strings.Contains(a, ".apk") {
			if !w.nonRepositoryOK() {
				return status(99)
			}
			p, err := w.addFile(a)
			if err != nil {
				e.errorf("%s: %s", a, errText(err))
				return status(99)
			}
			deps = append(deps, dep.Dep{Name: p.Name, Op: version.Checksum, Version: p.Checksum})
			continue
		}
		d, err := dep.Parse(a)
		if err != nil {
			e.errorf("'%s' is not a valid %s dependency, format is %s", a, kind, format)
			return status(99)
		}
		deps = append(deps, d)
	}
	world := append([]string(nil), w.world...)
	var named []string
	if virt != nil {
		for _, d := range deps {
			virt.Depends = setWorld(virt.Depends, d.String())
		}
		w.d.pkgs = append(w.d.pkgs, virt)
		world = setWorld(world, virtDep.String())
		named = []string{virtDep.Name}
	} else {
		for _, d := range deps {
			world = setWorld(world, d.String())
			named = append(named, d.Name)
		}
	}
	req, m := w.request(world)
	for _, n := range named {
		if o.Has("u") {
			req.NameFlags[n] |= solver.Upgrade
		}
		if o.Has("l") {
			req.NameFlags[n] |= solver.Latest
		}
	}
	sol, err := w.solve(req)
	if err != nil {
		return err
	}
	return w.commitChanges(sol, m, world)
}

// runDel is "apk del" (apk.md 9.5).
func runDel(e *env, o *opt.Result, args []string) error {
	w, err := openWriter(e, writeOpts{})
	if err != nil {
		return err
	}
	defer w.close()
	missing := 0
	world := append([]string(nil), w.world...)
	for _, a := range args {
		inWorld := false
		for _, x := range world {
			if worldName(x) == a {
				inWorld = true
			}
		}
		if !inWorld && len(w.d.named(a)) == 0 {
			e.errorf("No such package: %s", a)
			missing++
		}
	}
	if missing > 0 {
		return status(missing)
	}
	drop := map[string]bool{}
	for _, a := range args {
		drop[a] = true
	}
	if o.Has("r") {
		// Also every installed package depending on them, recursively.
		for changed := true; changed; {
			changed = false
			for _, p := range w.d.inst.Packages {
				if drop[p.Name] {
					continue
				}
				for _, ds := range p.Depends {
					if d, err := dep.Parse(ds); err == nil && !d.Conflict && w.providesAny(d.Name, drop) {
						drop[p.Name] = true
						changed = true
						break
					}
				}
			}
		}
	}
	kept := world[:0:0]
	for _, x := range world {
		if !drop[worldName(x)] {
			kept = append(kept, x)
		}
	}
	world = kept
	req, m := w.request(world)
	sol, err := w.solve(req)
	if err != nil {
		return err
	}
	// Names that stay installed because something else needs them.
	var keep []string
	for _, a := range args {
		for _, sp := range sol.Packages {
			if sp.Name != a {
				continue
			}
			var by []string
			for _, q := range sol.Packages {
				for _, d := range q.Depends {
					if d.Name == a {
						by = append(by, q.Name)
					}
				}
			}
			for _, x := range world {
				if d, err := dep.Parse(x); err == nil && d.Name == a {
					by = append(by, "world")
				}
			}
			keep = append(keep, fmt.Sprintf("  %s: %s", a, strings.Join(by, " ")))
		}
	}
	if len(keep) > 0 && e.verbose >= 1 {
		fmt.Fprintf(e.out, "World updated, but the following packages are not removed due to:\n%s\n\n", strings.Join(keep, "\n"))
	}
	return w.commitChanges(sol, m, world)
}

// providesAny reports whether an installed package of one of the names
// in set has or provides name.
func (w *writer) providesAny(name string, set map[string]bool) bool {
	if set[name] {
		return true
	}
	for _, p := range w.d.inst.Packages {
		if !set[p.Name] {
			continue
		}
		for _, pr := range p.Provides {
			if d, err := dep.Parse(pr); err == nil && d.Name == name {
				return true
			}
		}
	}
	return false
}

// runUpgrade is "apk upgrade" (apk.md 9.8); gobox is not packaged as
// apk-tools, so there is no self-upgrade step.
func runUpgrade(e *env, o *opt.Result, args []string) error {
	w, err := openWriter(e, writeOpts{autoUpdate: true})
	if err != nil {
		return err
	}
	defer w.close()
	if w.unavailable+w.stale > 0 && !e.o.Has("force-missing-repositories") {
		e.errorf("Not continuing due to stale/unavailable repositories.Use --force-missing-repositories to continue.")
		return status(99)
	}
	world := append([]string(nil), w.world...)
	req, m := w.request(world)
	// Named packages alone are upgraded; with --ignore, everything but
	// them (apk-tools marks them installed-only).
	if len(args) == 0 {
		req.Flags |= solver.Upgrade
	} else {
		names, missing := w.matchNames(args)
		if missing > 0 {
			return status(missing)
		}
		flag := solver.Upgrade
		if o.Has("ignore") {
			req.Flags |= solver.Upgrade
			flag = solver.Installed
		}
		for _, n := range names {
			req.NameFlags[n] |= flag
		}
	}
	if o.Has("a") {
		req.Flags |= solver.Available
	}
	if o.Has("l") {
		req.Flags |= solver.Latest
	}
	sol, err := w.solve(req)
	if err != nil {
		return err
	}
	return w.commitChanges(sol, m, world)
}

// matchNames resolves upgrade's name arguments as apk-tools does
// (apk_db_foreach_matching_name): when one of them has a "*", every name
// apk knows that matches one of them, and none is an error; otherwise
// each name, which must be one apk knows (a package's name, or one that
// a package provides, depends on or is installed if, or one in world):
// "Package 'NAME' not found" for each that is not, whose count is then
// the exit status.
func (w *writer) matchNames(args []string) (names []string, missing int) {
	known := newNames(w.d.pkgs)
	has := make(map[string]bool, len(known.order)+len(w.world))
	for _, n := range known.order {
		has[n] = true
	}
	for _, d := range parseWorld(w.world) {
		if !has[d.Name] {
			has[d.Name] = true
			known.order = append(known.order, d.Name)
		}
	}
	for _, a := range args {
		if strings.Contains(a, "*") {
			for _, n := range known.order {
				for _, pat := range args {
					if globMatch(pat, n) {
						names = append(names, n)
						break
					}
				}
			}
			return names, 0
		}
	}
	for _, a := range args {
		if !has[a] {
			w.e.errorf("Package '%s' not found", a)
			missing++
			continue
		}
		names = append(names, a)
	}
	return names, missing
}

// runFix is "apk fix" (apk.md 9.6): reinstall (or upgrade with -u) the
// named packages, or every broken one, without touching world.
func runFix(e *env, o *opt.Result, args []string) error {
	w, err := openWriter(e, writeOpts{autoUpdate: true})
	if err != nil {
		return err
	}
	defer w.close()
	world := append([]string(nil), w.world...)
	req, m := w.request(world)
	flag := solver.Reinstall
	if o.Has("u") {
		flag = solver.Upgrade
	}
	names := args
	if len(names) == 0 {
		for _, p := range w.d.inst.Packages {
			if strings.ContainsAny(p.Broken, "fs") || (o.Has("x") && strings.Contains(p.Broken, "x")) {
				names = append(names, p.Name)
			}
		}
	}
	for _, n := range names {
		if w.d.inst.Find(n) == nil {
			e.errorf("Package '%s' not found", n)
			return status(1)
		}
	}
	if o.Has("d") {
		// The solver passes the flag on to everything the named
		// packages pull in, install_if ones included, as apk does.
		flag |= solver.Inherit
	}
	for _, n := range names {
		req.NameFlags[n] |= flag
	}
	sol, err := w.solve(req)
	if err != nil {
		return err
	}
	return w.commitChanges(sol, m, world)
}
