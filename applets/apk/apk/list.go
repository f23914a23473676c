package apk

import (
	"fmt"
	"path"
	"strings"

	"gobox/internal/apk/version"
	"gobox/internal/opt"
)

// runList is "apk list" (apk.md 9.11).
func runList(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, withRepos)
	if err != nil {
		return err
	}
	if o.Has("d") || o.Has("P") {
		// By name: listnames.go.
		return d.listByName(e, o, args)
	}
	all := append([]*pkg(nil), d.pkgs...)
	sortPkgs(all)
	for _, p := range all {
		if listMatch(o, p, args) {
			d.listOne(e, o, p, "")
		}
	}
	return nil
}

// listOne prints p as "apk list" does, after prefix, unless a filter
// option excludes it.
func (d *db) listOne(e *env, o *opt.Result, p *pkg, prefix string) {
	if o.Has("I") && p.inst == nil {
		return
	}
	if o.Has("a") && len(p.repos) == 0 {
		return
	}
	if o.Has("O") && (p.inst == nil || len(p.repos) > 0) {
		return
	}
	up := d.upgrade(p)
	if o.Has("u") && up == nil {
		return
	}
	if e.verbose < 1 {
		fmt.Fprintf(e.out, "%s%s\n", prefix, p.Name)
		return
	}
	origin := p.Origin
	if origin == "" {
		origin = p.Name
	}
	fmt.Fprintf(e.out, "%s%s %s {%s} (%s)", prefix, p.NameVersion(), p.Arch, origin, p.License)
	switch {
	case p.inst != nil:
		fmt.Fprint(e.out, " [installed]")
	case up != nil:
		fmt.Fprintf(e.out, " [upgradable from: %s]", up.NameVersion())
	}
	fmt.Fprintln(e.out)
	if e.verbose > 1 {
		fmt.Fprintf(e.out, "  %s\n", p.Description)
		if e.verbose > 2 {
			fmt.Fprintf(e.out, "  <%s>\n", p.URL)
		}
		fmt.Fprintln(e.out)
	}
}

// listMatch applies the patterns: globs on the name (or, with -o, the
// origin), matched without case.
func listMatch(o *opt.Result, p *pkg, pats []string) bool {
	if len(pats) == 0 {
		return true
	}
	subject := p.Name
	if o.Has("o") {
		subject = p.Origin
	}
	for _, pat := range pats {
		if ok, _ := path.Match(strings.ToLower(pat), strings.ToLower(subject)); ok {
			return true
		}
	}
	return false
}

// upgrade returns the installed package that the available package p
// would upgrade, or nil.
func (d *db) upgrade(p *pkg) *pkg {
	if p.inst != nil || len(p.repos) == 0 {
		return nil
	}
	for _, q := range d.pkgs {
		if q.inst != nil && q.Name == p.Name && version.Compare(p.Version, q.Version) > 0 {
			return q
		}
	}
	return nil
}
