package apk

import (
	"fmt"
	"sort"

	"gobox/internal/apk/dep"
	"gobox/internal/opt"
)

// runDot is "apk dot" (apk.md 9.14): the dependency graph of the named
// packages in Graphviz syntax. Without --installed it reads only the
// repositories, as apk does.
func runDot(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, withRepos|noState)
	if err != nil {
		return err
	}
	g := &dotGraph{e: e, errorsOnly: o.Has("errors"), installedOnly: o.Has("installed"),
		state: map[*pkg]int{}, errName: map[string]bool{}}
	var ps []*pkg
	for _, p := range d.pkgs {
		if g.installedOnly || len(p.repos) > 0 {
			ps = append(ps, p)
		}
	}
	g.names = newNames(ps)
	var walk []string
	if len(args) == 0 {
		walk = append(walk, g.names.order...)
		sort.Strings(walk)
	}
	for _, a := range args {
		if !isGlob(a) {
			walk = append(walk, a)
			continue
		}
		var m []string
		for _, n := range g.names.order {
			if globMatch(a, n) {
				m = append(m, n)
			}
		}
		sort.Strings(m)
		walk = append(walk, m...)
	}
	for _, name := range walk {
		for _, p := range g.names.providers[name] {
			g.pkg(p)
		}
	}
	if !g.started {
		return status(1)
	}
	fmt.Fprintf(e.out, "}\n")
	return nil
}

// dotGraph walks packages depth first, printing edges after the
// dependency's own subgraph, as apk's dump_pkg does.
type dotGraph struct {
	e                         *env
	names                     *names
	errorsOnly, installedOnly bool
	started                   bool
	state                     map[*pkg]int // 0 new, 1 being walked, 2 done
	errName                   map[string]bool
}

func (g *dotGraph) start() {
	if !g.started {
		g.started = true
		fmt.Fprintf(g.e.out, "digraph \"apkindex\" {\n  rankdir=LR;\n  node [shape=box];\n")
	}
}

// pkg prints p's edges and returns how many problems (cycles) lie
// beneath it.
func (g *dotGraph) pkg(p *pkg) int {
	if g.installedOnly && p.inst == nil {
		return 0
	}
	switch g.state[p] {
	case 2:
		return 0
	case 1:
		return -1
	}
	g.state[p] = 1
	ret := 0
	for _, s := range p.Depends {
		dp, err := dep.Parse(s)
		if err != nil || dp.Conflict {
			continue
		}
		provs := g.names.providers[dp.Name]
		if len(provs) == 0 {
			if !g.errName[dp.Name] {
				g.errName[dp.Name] = true
				g.start()
				fmt.Fprintf(g.e.out, "  \"%s\" [style=dashed, color=red, fontcolor=red, shape=octagon];\n", dp.Name)
			}
			fmt.Fprintf(g.e.out, "  \"%s\" -> \"%s\" [color=red];\n", p.NameVersion(), dp.Name)
			continue
		}
		for _, q := range provs {
			if g.installedOnly && q.inst == nil {
				continue
			}
			if !satisfies(q, s) {
				continue
			}
			r := g.pkg(q)
			ret += r
			if r == 0 && g.errorsOnly {
				continue
			}
			g.start()
			fmt.Fprintf(g.e.out, "  \"%s\" -> \"%s\"[", p.NameVersion(), q.NameVersion())
			if r != 0 {
				fmt.Fprint(g.e.out, "color=red,")
			}
			if q.Name != dp.Name {
				fmt.Fprintf(g.e.out, "arrowhead=inv,label=\"%s\",", dp.Name)
			}
			fmt.Fprint(g.e.out, "];\n")
		}
	}
	g.state[p] = 2
	return ret
}
