package apk

import (
	"fmt"

	"gobox/internal/apk/repo"
	"gobox/internal/opt"
)

// runPolicy is "apk policy" (apk.md 9.13): per name, its versions and
// where each comes from.
func runPolicy(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, withRepos)
	if err != nil {
		return err
	}
	for _, name := range args {
		var ps []*pkg
		for _, p := range d.pkgs {
			if p.Name == name {
				ps = append(ps, p)
			}
		}
		if len(ps) == 0 {
			continue
		}
		sortPkgs(ps)
		fmt.Fprintf(e.out, "%s policy:\n", name)
		for _, p := range ps {
			fmt.Fprintf(e.out, "  %s:\n", p.Version)
			if p.inst != nil {
				fmt.Fprintf(e.out, "    lib/apk/db/installed\n")
			}
			for _, i := range p.repos {
				r := d.repos[i]
				fmt.Fprint(e.out, "    ")
				for _, t := range r.Tags {
					fmt.Fprintf(e.out, "@%s ", t)
				}
				fmt.Fprintf(e.out, "%s\n", repo.Display(r.Location))
			}
		}
	}
	return nil
}
