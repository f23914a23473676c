package apk

import (
	"fmt"
	"strings"

	"gobox/internal/apk/repo"
	"gobox/internal/apk/version"
	"gobox/internal/opt"
)

// runVersion is "apk version" (apk.md 9.21): -t and -c compare and check
// version strings, -I lists the repositories' descriptions, and by
// default installed packages are compared with the newest available.
func runVersion(e *env, o *opt.Result, args []string) error {
	switch {
	case o.Has("t"):
		if len(args) != 2 {
			return status(1)
		}
		fmt.Fprintf(e.out, "%s\n", compareOp(args[0], args[1]))
		return nil
	case o.Has("c"):
		bad := 0
		for _, v := range args {
			if !version.Valid(v) {
				if e.verbose > 0 {
					fmt.Fprintf(e.out, "%s\n", v)
				}
				bad++
			}
		}
		return status(bad)
	}
	d, err := openDB(e, withRepos)
	if err != nil {
		return err
	}
	if o.Has("I") {
		for _, r := range d.repos {
			if r.ok && r.description != "" {
				fmt.Fprintf(e.out, "%s [%s]\n", r.description, repo.Display(r.Location))
			}
		}
		return nil
	}
	limit, limited := o.Str("l"), o.Has("l")
	if !limited && len(args) == 0 && e.verbose == 1 {
		limit, limited = "<", true
	}
	if limit == "" {
		limited = false
	}
	if e.verbose > 0 {
		fmt.Fprintf(e.out, "%-42s%s\n", "Installed:", "Available:")
	}
	for _, p := range d.installed() {
		if len(args) > 0 && !pkgMatches(p, args, false) {
			continue
		}
		latest, tag := d.latest(p, o.Has("a"))
		op := "?"
		if latest != "" {
			op = version.CompareResult(p.Version, latest, false).String()
		}
		if limited && !strings.Contains(limit, op[:1]) {
			continue
		}
		if e.verbose <= 0 {
			fmt.Fprintf(e.out, "%s\n", p.Name)
			continue
		}
		fmt.Fprintf(e.out, "%-39s %s %s %s\n", p.NameVersion(), op, latest, tag)
	}
	return nil
}

// compareOp is "apk version -t": "<", "=" or ">", compared as apk's
// tokenizer reads them even when invalid.
func compareOp(a, b string) string {
	return version.CompareResult(a, b, false).String()
}

// latest returns the newest version of p's name available to it (from
// the repositories its tag allows, or any with all) and the tag of the
// first repository holding it ("@tag", "" untagged). The installed
// package itself counts, as apk's installed database is one of its
// sources.
func (d *db) latest(p *pkg, all bool) (string, string) {
	latest, tag := p.Version, ""
	for _, q := range d.pkgs {
		if q.Name != p.Name {
			continue
		}
		for _, i := range q.repos {
			r := d.repos[i]
			if !all && !d.allowed(r, p.inst.Tag) {
				continue
			}
			switch c := version.Compare(q.Version, latest); {
			case c > 0:
				latest, tag = q.Version, repoTag(r)
			case c == 0 && tag == "" && q != p:
				tag = repoTag(r)
			}
		}
	}
	return latest, tag
}

// allowed reports whether packages of r may be used for a package
// installed with tag: untagged repositories always, tagged ones for
// their own tag.
func (d *db) allowed(r *loadedRepo, tag string) bool {
	return len(r.Tags) == 0 || (tag != "" && contains(r.Tags, tag))
}

func repoTag(r *loadedRepo) string {
	if len(r.Tags) == 0 {
		return ""
	}
	return "@" + r.Tags[0]
}
