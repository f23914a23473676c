package apk

import (
	"path"
	"sort"
	"strings"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/index"
	"gobox/internal/apk/version"
)

// names is apk's table of names as the read-only commands walk it: every
// name a package has, provides or depends on, with its providers and the
// names whose packages depend on it, each in the order apk adds them
// while loading (installed database first, then the repositories in
// order). apk answers "who depends on this" in that order, so output
// that lists reverse dependencies follows it.
type names struct {
	order     []string          // every name, first seen first
	providers map[string][]*pkg // name -> packages called or providing it
	rdepends  map[string][]string
}

// newNames builds the table over the packages ps, in load order.
func newNames(ps []*pkg) *names {
	n := &names{providers: map[string][]*pkg{}, rdepends: map[string][]string{}}
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			n.order = append(n.order, name)
		}
	}
	for _, p := range ps {
		add(p.Name)
		n.providers[p.Name] = append(n.providers[p.Name], p)
		for _, pr := range p.Provides {
			if pd, err := dep.Parse(pr); err == nil {
				add(pd.Name)
				if pd.Name != p.Name {
					n.providers[pd.Name] = append(n.providers[pd.Name], p)
				}
			}
		}
		for _, s := range p.Depends {
			dp, err := dep.Parse(s)
			if err != nil {
				continue
			}
			add(dp.Name)
			rd := n.rdepends[dp.Name]
			if !contains(rd, p.Name) {
				n.rdepends[dp.Name] = append(rd, p.Name)
			}
		}
		for _, s := range p.InstallIf {
			if dp, err := dep.Parse(s); err == nil {
				add(dp.Name)
			}
		}
		if p.inst != nil {
			for _, s := range p.inst.Replaces {
				if dp, err := dep.Parse(s); err == nil {
					add(dp.Name)
				}
			}
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// reverse calls fn for each package that depends on p (through p's name
// or one of its provides), as apk_pkg_foreach_reverse_dependency does:
// installedOnly skips packages that are not installed, and a package
// already in seen is skipped (and every package reported is added), which
// is apk's "generation id" that lists each dependent once.
func (n *names) reverse(p *pkg, installedOnly bool, seen map[*pkg]bool, fn func(q *pkg)) {
	targets := []string{p.Name}
	for _, pr := range p.Provides {
		if pd, err := dep.Parse(pr); err == nil {
			targets = append(targets, pd.Name)
		}
	}
	for _, name := range targets {
		for _, name0 := range n.rdepends[name] {
			for _, q := range n.providers[name0] {
				if (installedOnly && q.inst == nil) || seen[q] {
					continue
				}
				for _, s := range q.Depends {
					if dp, err := dep.Parse(s); err == nil && dp.Name == name && !dp.Conflict && satisfies(p, s) {
						seen[q] = true
						fn(q)
						break
					}
				}
			}
		}
	}
}

// pkgLess orders packages as apk displays them: by name without case,
// then bytewise, then by version.
func pkgLess(a, b *pkg) bool {
	if a.Name != b.Name {
		return index.CompareNames(a.Name, b.Name) < 0
	}
	return version.Compare(a.Version, b.Version) < 0
}

// globMatch is fnmatch(3) with FNM_CASEFOLD, as apk matches patterns.
func globMatch(pat, s string) bool {
	ok, _ := path.Match(strings.ToLower(pat), strings.ToLower(s))
	if ok {
		return true
	}
	// path.Match stops "*" at "/", fnmatch without FNM_PATHNAME does
	// not: retry with the slashes out of the way.
	if strings.Contains(s, "/") {
		ok, _ = path.Match(strings.ReplaceAll(strings.ToLower(pat), "/", "\x00"), strings.ReplaceAll(strings.ToLower(s), "/", "\x00"))
	}
	return ok
}

// isGlob reports whether a pattern has a wildcard: apk looks names
// without one up exactly (and case-sensitively).
func isGlob(s string) bool { return strings.ContainsAny(s, "*?[") }

// sortedProviders returns the packages among ps whose name (or, with
// provides, a provided name) matches one of the patterns, sorted for
// display; no patterns match everything. Patterns without wildcards
// match exactly.
func sortedProviders(ps []*pkg, pats []string, provides bool) []*pkg {
	var out []*pkg
	for _, p := range ps {
		if len(pats) == 0 || pkgMatches(p, pats, provides) {
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return pkgLess(out[i], out[j]) })
	return out
}

func pkgMatches(p *pkg, pats []string, provides bool) bool {
	match := func(pat, name string) bool {
		if isGlob(pat) {
			return globMatch(pat, name)
		}
		return pat == name
	}
	for _, pat := range pats {
		if match(pat, p.Name) {
			return true
		}
		if !provides {
			continue
		}
		for _, pr := range p.Provides {
			if pd, err := dep.Parse(pr); err == nil && match(pat, pd.Name) {
				return true
			}
		}
	}
	return false
}
