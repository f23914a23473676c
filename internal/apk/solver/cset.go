package solver

import (
	"sort"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/version"
)

// String is the verb of a change line (apk.md 9.3).
func (v Verb) String() string {
	return [...]string{"Installing", "Purging", "Upgrading", "Downgrading", "Reinstalling", "Replacing", "Updating pinning"}[v]
}

// String is a change line without its "(n/total) " counter:
// "Upgrading libhello@v2 (1.0-r0 -> 1.1-r0)".
func (c Change) String() string {
	p := c.New
	if p == nil {
		p = c.Old
	}
	name := p.Name
	if c.Tag != "" {
		name += "@" + c.Tag
	}
	switch c.Verb {
	case Upgrading, Downgrading, Replacing:
		return c.Verb.String() + " " + name + " (" + c.Old.Version + " -> " + p.Version + ")"
	}
	return c.Verb.String() + " " + name + " (" + p.Version + ")"
}

// cset builds the ordered change list (7.8) and counts apk's errors.
type cset struct {
	s         *state
	visited   map[*Package]bool // chosen packages already placed
	removed   map[*Package]bool
	namesDone map[string]bool
	errs      map[*Package]bool
	errors    int
	changes   []Change
	seq       []*Package // chosen packages in change order
}

func (s *state) finish() *Solution {
	c := &cset{s: s, visited: map[*Package]bool{}, removed: map[*Package]bool{}, namesDone: map[string]bool{}, errs: map[*Package]bool{}}
	// Names somebody requires and nobody provides count once each.
	seen := map[string]bool{}
	for _, n := range s.missing {
		if !seen[n] && s.requirers[n] > 0 {
			seen[n] = true
			c.errors++
		}
	}
	// A chosen package that breaks a known constraint, holds a name
	// another chosen package holds, or comes from a tag not allowed.
	for _, p := range s.pickedList() {
		if s.broken(p) {
			c.mark(p)
		}
	}
	world := sortedWorld(s.req.World)
	for _, d := range world {
		c.genDep(nil, d)
	}
	for _, p := range s.pickedList() { // install_if packages not yet placed
		c.genName(p.Name)
	}
	var inst []*Package
	for _, p := range s.req.Packages {
		if p.Installed && !s.picked[p] {
			inst = append(inst, p)
		}
	}
	sort.SliceStable(inst, func(i, j int) bool { return inst[i].Name < inst[j].Name })
	for _, p := range inst {
		c.remove(p)
	}
	sol := &Solution{Changes: c.changes, Packages: c.seq, Errors: c.errors}
	if sol.Errors > 0 {
		sol.Report = c.report()
	}
	return sol
}

func (s *state) broken(p *Package) bool {
	for _, n := range names(p) {
		if ch := s.chosen[n]; ch != nil && ch.pkg == p {
			for _, k := range s.cons[n] {
				if !k.d.Conflict && !k.d.Satisfied(&dep.Provider{Version: ch.version, Identity: p.Identity}) {
					return true
				}
			}
		}
	}
	return s.violatesConflicts(p) || s.claimed(p) || !s.tagOK(p, s.ctxTag[p])
}

func (c *cset) mark(p *Package) {
	if p == nil || c.errs[p] {
		return
	}
	c.errs[p] = true
	c.errors++
}

func (c *cset) genDep(from *Package, d dep.Dep) {
	if !d.Satisfied(c.s.provider(d.Name)) {
		c.mark(from)
	}
	if d.Conflict {
		return
	}
	c.genName(d.Name)
	if ch := c.s.chosen[d.Name]; ch != nil && c.errs[ch.pkg] {
		c.mark(from)
	}
}

func (c *cset) genName(name string) {
	ch := c.s.chosen[name]
	if ch == nil || c.visited[ch.pkg] {
		return
	}
	p := ch.pkg
	c.visited[p] = true
	for _, n := range names(p) {
		c.removeOrphan(n)
	}
	old := c.installedOf(p.Name)
	if old != nil && old != p {
		c.removeDependents(old)
	}
	for _, d := range p.Depends {
		c.genDep(p, d)
	}
	c.record(old, p)
	for _, n := range names(p) {
		for _, q := range c.s.iifRefs[n] {
			if c.s.picked[q] && !c.visited[q] && c.iifPlaced(q) {
				c.genName(q.Name)
			}
		}
	}
}

// iifPlaced: every package that triggers q is already in the change list.
func (c *cset) iifPlaced(q *Package) bool {
	for _, d := range q.InstallIf {
		if d.Conflict {
			continue
		}
		if ch := c.s.chosen[d.Name]; ch == nil || !c.visited[ch.pkg] {
			return false
		}
	}
	return true
}

func (c *cset) installedOf(name string) *Package {
	for _, q := range c.s.instBy[name] {
		if q.Name == name {
			return q
		}
	}
	return nil
}

// removeOrphan removes the installed packages holding name that lose it
// to the package being placed (a takeover is shown right before it).
func (c *cset) removeOrphan(name string) {
	if c.namesDone[name] {
		return
	}
	c.namesDone[name] = true
	for _, q := range c.s.instBy[name] {
		if !c.s.picked[q] {
			c.remove(q)
		}
	}
}

// removeDependents removes installed packages that are not chosen and
// depend on p or on what it triggers.
func (c *cset) removeDependents(p *Package) {
	for _, n := range names(p) {
		for _, q := range c.s.iifRefs[n] {
			if q.Installed && !c.s.picked[q] {
				c.remove(q)
			}
		}
	}
	for _, q := range c.s.req.Packages {
		if !q.Installed || c.s.picked[q] || c.removed[q] {
			continue
		}
		for _, d := range q.Depends {
			if !d.Conflict && dependsOn(d, p) {
				c.remove(q)
				break
			}
		}
	}
}

func dependsOn(d dep.Dep, p *Package) bool {
	for _, n := range names(p) {
		if n == d.Name {
			return true
		}
	}
	return false
}

// remove purges p after the installed packages that need it, then the
// installed packages only it needed.
func (c *cset) remove(p *Package) {
	if c.removed[p] || c.s.picked[p] {
		return
	}
	// Another version chosen under the same name replaces it.
	if ch := c.s.chosen[p.Name]; ch != nil && ch.pkg.Name == p.Name {
		return
	}
	c.removed[p] = true
	c.removeDependents(p)
	c.changes = append(c.changes, Change{Old: p, Verb: Purge})
	for _, d := range p.Depends {
		if d.Conflict {
			continue
		}
		for _, q := range c.s.instBy[d.Name] {
			if !c.s.picked[q] {
				c.remove(q)
			}
		}
	}
}

func (c *cset) record(old, p *Package) {
	c.seq = append(c.seq, p)
	tag := c.s.changeTag(p)
	fl := c.s.flags[p.Name] | c.s.req.Flags
	ch := Change{Old: old, New: p, Tag: tag}
	switch {
	case old == nil:
		ch.Verb = Install
	case old == p:
		switch {
		case p.Tag != tag:
			ch.Verb = Pinning
		case fl&Reinstall != 0:
			ch.Verb = Reinstalling
		default:
			return
		}
	default:
		switch version.Compare(p.Version, old.Version) {
		case -1:
			ch.Verb = Downgrading
		case 1:
			ch.Verb = Upgrading
		default:
			ch.Verb = Replacing
		}
	}
	c.changes = append(c.changes, ch)
}

// changeTag is the tag a chosen package is installed with: none when an
// untagged source has it, else the tag it was required with.
func (s *state) changeTag(p *Package) string {
	if s.inTag(p, "") {
		return ""
	}
	if t := s.ctxTag[p]; t != "" && s.inTag(p, t) {
		return t
	}
	return p.Tag
}
