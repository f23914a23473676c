package apk

import (
	"fmt"

	"gobox/internal/opt"
)

// runStats is "apk stats" (apk.md 9.20).
func runStats(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, withRepos)
	if err != nil {
		return err
	}
	var pkgs, files, triggers int
	var bytes int64
	dirs := map[string]bool{}
	for _, p := range d.pkgs {
		if p.inst == nil {
			continue
		}
		pkgs++
		bytes += p.InstalledSize
		if len(p.triggers) > 0 {
			triggers++
		}
		for _, dir := range p.inst.Dirs {
			dirs[dir.Name] = true
			files += len(dir.Files)
		}
	}
	if len(dirs) > 0 {
		// apk counts the root directory too.
		dirs[""] = true
	}
	tab := newNames(d.pkgs)
	fmt.Fprintf(e.out, "installed:\n  packages: %d\n  dirs: %d\n  files: %d\n  bytes: %d\n  triggers: %d\n",
		pkgs, len(dirs), files, bytes, triggers)
	fmt.Fprintf(e.out, "available:\n  names: %d\n  packages: %d\n", len(tab.order), len(d.pkgs))
	fmt.Fprintf(e.out, "atoms:\n  num: %d\n", d.atoms())
	return nil
}

// atoms approximates apk's count of interned strings: the distinct
// versions, architectures, licenses, origins, maintainers, URLs and
// descriptions ("apk stats" prints it; apk.md says any number will do).
func (d *db) atoms() int {
	seen := map[string]bool{}
	for _, p := range d.pkgs {
		for _, s := range []string{p.Version, p.Arch, p.License, p.Origin, p.Maintainer, p.Commit} {
			if s != "" {
				seen[s] = true
			}
		}
	}
	return len(seen)
}
