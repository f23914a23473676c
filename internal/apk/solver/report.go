package solver

import (
	"strings"

	"gobox/internal/apk/dep"
)

// printer lays out labelled, wrapped lists the way apk's error reporter
// does (apk.md 7.9).
type printer struct {
	b      strings.Builder
	width  int
	label  string // section header not printed yet
	labels int
	x, ind int
}

func (w *printer) start(text string) {
	if w.label != "" {
		w.b.WriteString("  " + w.label + ":\n")
		w.label = ""
		w.labels++
	}
	if w.x == 0 {
		w.b.WriteString("    " + text)
		w.x = 4 + len(text)
		w.ind = w.x + 1
	}
}

func (w *printer) item(s string) {
	switch {
	case w.x <= w.ind:
		w.b.WriteString(strings.Repeat(" ", w.ind-w.x) + s)
		w.x = w.ind + len(s)
	case w.x+len(s)+1 >= w.width:
		w.b.WriteString("\n" + strings.Repeat(" ", w.ind) + s)
		w.x = w.ind + len(s)
	default:
		w.b.WriteString(" " + s)
		w.x += 1 + len(s)
	}
}

func (w *printer) end() {
	if w.x != 0 {
		w.b.WriteByte('\n')
		w.x, w.ind = 0, 0
	}
}

func pkgVer(p *Package) string { return p.Name + "-" + p.Version }

// analysis results of a dependency against a package
const (
	irrelevant = iota
	satisfies
	breaks
)

func analyze(d dep.Dep, p *Package) int {
	if d.Name == p.Name {
		if d.Satisfied(&dep.Provider{Version: p.Version, Identity: p.Identity}) {
			return satisfies
		}
		return breaks
	}
	for _, q := range p.Provides {
		if q.Name == d.Name {
			if d.Satisfied(&dep.Provider{Version: q.Version, Identity: p.Identity}) {
				return satisfies
			}
			return breaks
		}
	}
	return irrelevant
}

func (c *cset) report() string {
	s := c.s
	w := &printer{width: s.req.Width}
	if w.width <= 0 {
		w.width = 50
	}
	present := make([]bool, len(s.nameStr))
	for _, p := range c.seq {
		for _, nv := range s.names(&s.pkgs[p]) {
			present[nv.name] = true
		}
	}
	done := make([]bool, len(s.nameStr))
	missing := func(deps []dep.Dep, ids []int32) {
		for i := range deps {
			if n := ids[i]; !deps[i].Conflict && !present[n] && !done[n] {
				done[n] = true
				c.missingName(w, n)
			}
		}
	}
	missing(s.req.World, s.world)
	for _, p := range c.seq {
		c.pkgSection(w, p)
		missing(s.pkgs[p].p.Depends, s.deps(&s.pkgs[p]))
	}
	out := "ERROR: unable to select packages:\n" + w.b.String()
	if w.labels == 0 {
		out += "  Huh? Error reporter did not find the broken constraints.\n"
	}
	return out
}

func (c *cset) missingName(w *printer, name int32) {
	s := c.s
	if provs := s.providers(name); len(provs) > 0 {
		w.label = s.nameStr[name] + " (virtual)"
		w.start("note:")
		for _, word := range strings.Fields("please select one of the 'provided by' packages explicitly") {
			w.item(word)
		}
		w.end()
		w.start("provided by:")
		seen := map[string]bool{}
		for _, p := range provs {
			if n := s.pkgs[p.pkg].p.Name; !seen[n] {
				seen[n] = true
				w.item(n)
			}
		}
		w.end()
	} else {
		w.label = s.nameStr[name] + " (no such package)"
	}
	w.start("required by:")
	for i, d := range s.req.World {
		if s.world[i] == name && !d.Conflict {
			w.item("world[" + d.String() + "]")
		}
	}
	for _, p := range c.seq {
		pi := &s.pkgs[p]
		for i, d := range pi.p.Depends {
			if s.deps(pi)[i] == name && !d.Conflict {
				w.item(pkgVer(pi.p) + "[" + d.String() + "]")
				break
			}
		}
	}
	w.end()
}

func (c *cset) pkgSection(w *printer, pid int32) {
	s := c.s
	p := s.pkgs[pid].p
	w.label = pkgVer(p)
	if !p.Installed && !s.tagOK(pid, s.ctxTag[pid]) {
		w.start("masked in:")
		seen := map[string]bool{}
		for _, r := range p.Repos {
			if t := s.req.Repos[r].Tag; t != "" && !seen[t] {
				seen[t] = true
				w.item("@" + t)
			}
		}
		w.end()
	}
	marked := make([]bool, len(s.pkgs))
	for _, q := range c.seq {
		marked[q] = true
	}
	for _, q := range s.providers(s.pkgs[pid].name) {
		if q.pkg != pid && marked[q.pkg] {
			w.start("conflicts:")
			w.item(pkgVer(s.pkgs[q.pkg].p))
		}
	}
	for _, d := range p.Provides {
		once := true
		id, _ := s.nameID(d.Name)
		for _, q := range s.providers(id) {
			if !marked[q.pkg] || d.Version == "" && s.ver(q.nv) == "" {
				continue
			}
			if once && q.pkg == pid && s.ver(q.nv) == d.Version {
				once = false
				continue
			}
			w.start("conflicts:")
			w.item(pkgVer(s.pkgs[q.pkg].p) + "[" + d.String() + "]")
		}
	}
	w.end()
	c.deps(w, p, breaks, "breaks:")
	if w.label == "" {
		c.deps(w, p, satisfies, "satisfies:")
	}
	w.label = ""
}

// deps lists the world entries and chosen packages' dependencies that p
// satisfies or breaks.
func (c *cset) deps(w *printer, p *Package, want int, label string) {
	for _, d := range c.s.req.World {
		if analyze(d, p) == want {
			w.start(label)
			w.item("world[" + d.String() + "]")
		}
	}
	for _, q := range c.seq {
		qp := c.s.pkgs[q].p
		for _, d := range qp.Depends {
			if analyze(d, p) == want {
				w.start(label)
				w.item(pkgVer(qp) + "[" + d.String() + "]")
			}
		}
	}
	w.end()
}
