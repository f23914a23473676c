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
	present := map[string]bool{}
	for _, p := range c.seq {
		for _, n := range names(p) {
			present[n] = true
		}
	}
	done := map[string]bool{}
	missing := func(deps []dep.Dep) {
		for _, d := range deps {
			if d.Conflict || present[d.Name] || done[d.Name] {
				continue
			}
			done[d.Name] = true
			c.missingName(w, d.Name)
		}
	}
	missing(s.req.World)
	for _, p := range c.seq {
		c.pkgSection(w, p)
		missing(p.Depends)
	}
	out := "ERROR: unable to select packages:\n" + w.b.String()
	if w.labels == 0 {
		out += "  Huh? Error reporter did not find the broken constraints.\n"
	}
	return out
}

func (c *cset) missingName(w *printer, name string) {
	s := c.s
	if provs := s.providers[name]; len(provs) > 0 {
		w.label = name + " (virtual)"
		w.start("note:")
		for _, word := range strings.Fields("please select one of the 'provided by' packages explicitly") {
			w.item(word)
		}
		w.end()
		w.start("provided by:")
		seen := map[string]bool{}
		for _, p := range provs {
			if !seen[p.pkg.Name] {
				seen[p.pkg.Name] = true
				w.item(p.pkg.Name)
			}
		}
		w.end()
	} else {
		w.label = name + " (no such package)"
	}
	w.start("required by:")
	for _, d := range s.req.World {
		if d.Name == name && !d.Conflict {
			w.item("world[" + d.String() + "]")
		}
	}
	for _, p := range c.seq {
		for _, d := range p.Depends {
			if d.Name == name && !d.Conflict {
				w.item(pkgVer(p) + "[" + d.String() + "]")
				break
			}
		}
	}
	w.end()
}

func (c *cset) pkgSection(w *printer, p *Package) {
	s := c.s
	w.label = pkgVer(p)
	if !p.Installed && !s.tagOK(p, s.ctxTag[p]) {
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
	marked := map[*Package]bool{}
	for _, q := range c.seq {
		marked[q] = true
	}
	for _, q := range s.providers[p.Name] {
		if q.pkg != p && marked[q.pkg] {
			w.start("conflicts:")
			w.item(pkgVer(q.pkg))
		}
	}
	for _, d := range p.Provides {
		once := true
		for _, q := range s.providers[d.Name] {
			if !marked[q.pkg] || d.Version == "" && q.version == "" {
				continue
			}
			if once && q.pkg == p && q.version == d.Version {
				once = false
				continue
			}
			w.start("conflicts:")
			w.item(pkgVer(q.pkg) + "[" + d.String() + "]")
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
		for _, d := range q.Depends {
			if analyze(d, p) == want {
				w.start(label)
				w.item(pkgVer(q) + "[" + d.String() + "]")
			}
		}
	}
	w.end()
}
