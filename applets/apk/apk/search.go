package apk

import (
	"fmt"
	"strings"

	"gobox/internal/opt"
)

// runSearch is "apk search" (apk.md 9.12). Like apk it reads only the
// repositories, not the installed database.
func runSearch(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, withRepos|noState)
	if err != nil {
		return err
	}
	var avail []*pkg
	for _, p := range d.pkgs {
		if len(p.repos) > 0 {
			avail = append(avail, p)
		}
	}
	description, hasOrigin := o.Has("d"), o.Has("has-origin")
	exact := o.Has("e") || o.Has("x") || hasOrigin
	all := o.Has("a") || description || hasOrigin
	pats := append([]string(nil), args...)
	if !exact {
		for i, p := range pats {
			pats[i] = "*" + p + "*"
		}
	}
	walk := pats
	if description || hasOrigin {
		// Every package, filtered below.
		walk = nil
	}
	s := &searcher{e: e, origin: o.Has("o"), seen: map[*pkg]bool{}}
	if o.Has("r") {
		s.names = newNames(avail)
	}
	show := func(p *pkg) {
		switch {
		case description:
			if !matchAny(pats, p.Description) && !matchAny(pats, p.Name) {
				return
			}
		case hasOrigin:
			if p.Origin == "" || !contains(pats, p.Origin) {
				return
			}
		}
		s.result(p)
	}
	found := sortedProviders(avail, walk, true)
	if all {
		for _, p := range found {
			show(p)
		}
		return nil
	}
	// The newest version of each name.
	var prev *pkg
	for _, p := range found {
		switch {
		case prev == nil:
			prev = p
		case prev.Name != p.Name:
			show(prev)
			prev = p
		case pkgLess(prev, p):
			prev = p
		}
	}
	if prev != nil {
		show(prev)
	}
	return nil
}

// matchAny reports whether s matches one of the glob patterns.
func matchAny(pats []string, s string) bool {
	for _, p := range pats {
		if globMatch(p, s) {
			return true
		}
	}
	return false
}

// searcher prints the results of a search.
type searcher struct {
	e      *env
	origin bool   // -o: the origin instead of the name
	names  *names // with -r: print what requires each result
	seen   map[*pkg]bool
}

func (s *searcher) result(p *pkg) {
	if s.names == nil {
		s.pkg(p)
		return
	}
	seen := s.seen
	if s.e.verbose > 0 {
		// apk starts a new generation per result unless quiet, so
		// with -q each dependent is listed once over all results.
		seen = map[*pkg]bool{}
		fmt.Fprintf(s.e.out, "%s is required by:\n", p.NameVersion())
	}
	s.names.reverse(p, false, seen, s.pkg)
}

func (s *searcher) pkg(p *pkg) {
	var b strings.Builder
	switch {
	case s.origin && p.Origin != "":
		b.WriteString(p.Origin)
	default:
		b.WriteString(p.Name)
	}
	if s.e.verbose > 0 {
		b.WriteString("-" + p.Version)
	}
	if !s.origin && s.e.verbose > 1 {
		b.WriteString(" - " + p.Description)
	}
	fmt.Fprintf(s.e.out, "%s\n", b.String())
}
