package apk

import (
	"sort"

	"gobox/internal/apk/index"
	"gobox/internal/opt"
)

// listByName is "apk list -d" and "apk list -P": apk walks the matching
// names (sorted) instead of the packages. -d lists the packages of the
// names that depend on each, -P lists every provider of each name,
// prefixed with "<name> "; without -P only a name's own packages count.
func (d *db) listByName(e *env, o *opt.Result, args []string) error {
	tab := newNames(d.pkgs)
	var matched []string
	for _, n := range tab.order {
		if len(args) == 0 || nameMatches(n, args) {
			matched = append(matched, n)
		}
	}
	sort.SliceStable(matched, func(i, j int) bool { return index.CompareNames(matched[i], matched[j]) < 0 })
	providers := o.Has("P")
	each := func(name string) {
		for _, p := range tab.providers[name] {
			if !providers && p.Name != name {
				continue
			}
			prefix := ""
			if providers {
				prefix = "<" + name + "> "
			}
			d.listOne(e, o, p, prefix)
		}
	}
	for _, n := range matched {
		if o.Has("d") {
			for _, rd := range tab.rdepends[n] {
				each(rd)
			}
			continue
		}
		each(n)
	}
	return nil
}

// nameMatches reports whether name matches one of the patterns: globs
// without case, plain names exactly.
func nameMatches(name string, pats []string) bool {
	for _, p := range pats {
		if (isGlob(p) && globMatch(p, name)) || p == name {
			return true
		}
	}
	return false
}
