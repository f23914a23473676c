package apk

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"gobox/internal/apk/dep"
	"gobox/internal/opt"
)

// infoField is one field "apk info" can print (apk.md 9.10), in the
// fixed order it prints them.
type infoField struct {
	key       string
	installed bool // skipped for packages that are not installed
	print     func(e *env, d *db, p *pkg)
}

func infoFields() []infoField {
	return []infoField{
		{"d", false, func(e *env, d *db, p *pkg) { e.scalar(p, "description", p.Description) }},
		{"w", false, func(e *env, d *db, p *pkg) { e.scalar(p, "webpage", p.URL) }},
		{"s", false, func(e *env, d *db, p *pkg) { e.scalar(p, "installed size", humanSize(p.InstalledSize)) }},
		{"R", false, func(e *env, d *db, p *pkg) { e.list(p, "depends on", p.Depends) }},
		{"P", false, func(e *env, d *db, p *pkg) { e.list(p, "provides", p.Provides) }},
		{"r", true, func(e *env, d *db, p *pkg) { e.list(p, "is required by", d.requiredBy(p)) }},
		{"L", true, func(e *env, d *db, p *pkg) { e.contents(p) }},
		{"t", true, func(e *env, d *db, p *pkg) { e.triggers(p) }},
		{"install-if", false, func(e *env, d *db, p *pkg) { e.list(p, "has auto-install rule", p.InstallIf) }},
		{"rinstall-if", true, func(e *env, d *db, p *pkg) { e.list(p, "affects auto-installation of", d.affects(p)) }},
		{"replaces", true, func(e *env, d *db, p *pkg) { e.list(p, "replaces", p.inst.Replaces) }},
		{"license", false, func(e *env, d *db, p *pkg) { e.scalar(p, "license", p.License) }},
	}
}

// humanSize is apk's size: divided by 1024 while at least 10000.
func humanSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for n >= 10000 && i < len(units)-1 {
		n /= 1024
		i++
	}
	return strconv.FormatInt(n, 10) + " " + units[i]
}

// scalar prints a one-value field: "pkg-ver label:\nvalue\n", or with -v
// "name: value".
func (e *env) scalar(p *pkg, label, v string) {
	if e.verbose > 1 {
		fmt.Fprintf(e.out, "%s: %s", p.Name, v)
		return
	}
	fmt.Fprintf(e.out, "%s %s:\n%s\n", p.NameVersion(), label, v)
}

// list prints a list field: one item per line, or with -v on one line
// after "name: ", each item followed by a space.
func (e *env) list(p *pkg, label string, items []string) {
	if e.verbose > 1 {
		fmt.Fprintf(e.out, "%s: ", p.Name)
		for _, it := range items {
			fmt.Fprintf(e.out, "%s ", it)
		}
		return
	}
	fmt.Fprintf(e.out, "%s %s:\n", p.NameVersion(), label)
	for _, it := range items {
		fmt.Fprintf(e.out, "%s\n", it)
	}
}

func (e *env) contents(p *pkg) {
	if e.verbose == 1 {
		fmt.Fprintf(e.out, "%s contains:\n", p.NameVersion())
	}
	for _, dir := range p.inst.Dirs {
		for _, f := range dir.Files {
			if e.verbose > 1 {
				fmt.Fprintf(e.out, "%s: ", p.Name)
			}
			fmt.Fprintf(e.out, "%s\n", dir.Path(f))
		}
	}
}

func (e *env) triggers(p *pkg) {
	if e.verbose == 1 {
		fmt.Fprintf(e.out, "%s triggers:\n", p.NameVersion())
	}
	for _, t := range p.triggers {
		if e.verbose > 1 {
			fmt.Fprintf(e.out, "%s: trigger ", p.Name)
		}
		fmt.Fprintf(e.out, "%s\n", t)
	}
}

// requiredBy returns the installed packages that depend on p, in apk's
// reverse-dependency order (names.go).
func (d *db) requiredBy(p *pkg) []string {
	var out []string
	newNames(d.pkgs).reverse(p, true, map[*pkg]bool{}, func(q *pkg) { out = append(out, q.NameVersion()) })
	return out
}

// affects returns the installed packages whose install_if names p.
func (d *db) affects(p *pkg) []string {
	var out []string
	for _, q := range d.installed() {
		for _, s := range q.InstallIf {
			if satisfies(p, s) {
				out = append(out, q.NameVersion())
				break
			}
		}
	}
	return out
}

func runInfo(e *env, o *opt.Result, args []string) error {
	switch {
	case o.Has("W"):
		return infoWho(e, args)
	case o.Has("e"):
		return infoExists(e, args)
	}
	d, err := openDB(e, withRepos)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		for _, p := range d.installed() {
			switch {
			case e.verbose > 2:
				fmt.Fprintf(e.out, "%s - %s\n", p.NameVersion(), p.Description)
			case e.verbose > 1:
				fmt.Fprintf(e.out, "%s\n", p.NameVersion())
			default:
				fmt.Fprintf(e.out, "%s\n", p.Name)
			}
		}
		return nil
	}
	fields := infoFields()
	want := map[string]bool{}
	any := false
	for _, f := range fields {
		if o.Has(f.key) || o.Has("a") {
			want[f.key] = true
			any = true
		}
	}
	if !any {
		want["d"], want["w"], want["s"] = true, true, true
	}
	// The packages of every name, printed together in name order.
	missing := 0
	seen := map[*pkg]bool{}
	var ps []*pkg
	for _, name := range args {
		found := d.named(name)
		if len(found) == 0 {
			missing++
		}
		for _, p := range found {
			if !seen[p] {
				seen[p] = true
				ps = append(ps, p)
			}
		}
	}
	sortPkgs(ps)
	{
		for _, p := range ps {
			for _, f := range fields {
				if !want[f.key] || (f.installed && p.inst == nil) {
					continue
				}
				f.print(e, d, p)
				fmt.Fprintln(e.out)
			}
		}
	}
	return status(missing)
}

// infoWho is "apk info -W": the owners of paths.
func infoWho(e *env, args []string) error {
	d, err := openDB(e, 0)
	if err != nil {
		return err
	}
	missing := 0
	var quiet []string
	for _, a := range args {
		path := filepath.Clean(e.ctx.Path(a))
		owner := d.inst.Owner(strings.TrimPrefix(path, "/"))
		if owner == nil {
			e.errorf("%s: Could not find owner package", path)
			missing++
			continue
		}
		if e.verbose < 1 {
			quiet = append(quiet, owner.Name)
			continue
		}
		fmt.Fprintf(e.out, "%s is owned by %s\n", path, owner.NameVersion())
	}
	if len(quiet) > 0 {
		fmt.Fprintf(e.out, "%s\n", strings.Join(quiet, " "))
	}
	return status(missing)
}

// infoExists is "apk info -e": which names are installed.
func infoExists(e *env, args []string) error {
	d, err := openDB(e, 0)
	if err != nil {
		return err
	}
	missing := 0
	for _, a := range args {
		dp, err := dep.Parse(a)
		var found *pkg
		if err == nil {
			for _, p := range d.installed() {
				if p.Name == dp.Name && satisfies(p, a) {
					found = p
					break
				}
			}
		}
		if found == nil {
			missing++
			continue
		}
		if e.verbose > 1 {
			fmt.Fprintf(e.out, "%s\n", found.NameVersion())
		} else {
			fmt.Fprintf(e.out, "%s\n", found.Name)
		}
	}
	return status(missing)
}
