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
	visited   []bool // chosen packages already placed
	removed   []bool
	namesDone []bool
	errs      []bool
	errors    int
	changes   []Change
	seq       []int32 // chosen packages in change order
}

func (s *state) finish() *Solution {
	np, nn := len(s.pkgs), len(s.nameStr)
	c := &cset{s: s, visited: make([]bool, np), removed: make([]bool, np), namesDone: make([]bool, nn), errs: make([]bool, np)}
	picked := 0
	for p := range s.pkgs {
		if s.picked[p] {
			picked++
		}
	}
	c.seq = make([]int32, 0, picked)
	c.changes = make([]Change, 0, picked+len(s.installed))
	// Names somebody requires and nobody provides count once each.
	seen := make([]bool, nn)
	for _, n := range s.missing {
		if !seen[n] && s.requirers[n] > 0 {
			seen[n] = true
			c.errors++
		}
	}
	// A chosen package that breaks a known constraint, holds a name
	// another chosen package holds, or comes from a tag not allowed.
	for p := range s.pkgs {
		if s.picked[p] && s.broken(int32(p)) {
			c.mark(int32(p))
		}
	}
	for _, wi := range s.worldSorted {
		c.genDep(-1, &s.req.World[wi], s.world[wi])
	}
	for p := range s.pkgs { // install_if packages not yet placed
		if s.picked[p] {
			c.genName(s.pkgs[p].name)
		}
	}
	var inst []int32
	for _, p := range s.installed {
		if !s.picked[p] {
			inst = append(inst, p)
		}
	}
	sort.SliceStable(inst, func(i, j int) bool { return s.pkgs[inst[i]].p.Name < s.pkgs[inst[j]].p.Name })
	for _, p := range inst {
		c.remove(p)
	}
	sol := &Solution{Changes: c.changes, Packages: make([]*Package, len(c.seq)), Errors: c.errors}
	for i, p := range c.seq {
		sol.Packages[i] = s.pkgs[p].p
	}
	if sol.Errors > 0 {
		sol.Report = c.report()
	}
	return sol
}

func (s *state) broken(p int32) bool {
	pi := &s.pkgs[p]
	for _, nv := range s.names(pi) {
		if ch := &s.chosen[nv.name]; ch.state == chosen && ch.pkg == p {
			for _, k := range s.cons(nv.name) {
				if !k.d.Conflict && !satisfied(k.d, s.ver(ch.nv), pi.p.Identity) {
					return true
				}
			}
		}
	}
	return s.violatesConflicts(p) || s.claimed(p) || !s.tagOK(p, s.ctxTag[p])
}

// mark counts an error against p (-1: the world).
func (c *cset) mark(p int32) {
	if p < 0 || c.errs[p] {
		return
	}
	c.errs[p] = true
	c.errors++
}

func (c *cset) genDep(from int32, d *dep.Dep, n int32) {
	if !c.s.satisfiedBy(d, n) {
		c.mark(from)
	}
	if d.Conflict {
		return
	}
	c.genName(n)
	if ch := &c.s.chosen[n]; ch.state == chosen && c.errs[ch.pkg] {
		c.mark(from)
	}
}

func (c *cset) genName(name int32) {
	s := c.s
	ch := &s.chosen[name]
	if ch.state != chosen || c.visited[ch.pkg] {
		return
	}
	p := ch.pkg
	pi := &s.pkgs[p]
	c.visited[p] = true
	for _, nv := range c.s.names(pi) {
		c.removeOrphan(nv.name)
	}
	old := c.installedOf(pi.name)
	if old >= 0 && old != p {
		c.removeDependents(old)
	}
	for i := range pi.p.Depends {
		c.genDep(p, &pi.p.Depends[i], c.s.deps(pi)[i])
	}
	c.record(old, p)
	for _, nv := range c.s.names(pi) {
		for _, q := range s.iifRefs(nv.name) {
			if s.picked[q] && !c.visited[q] && c.iifPlaced(q) {
				c.genName(s.pkgs[q].name)
			}
		}
	}
}

// iifPlaced: every package that triggers q is already in the change list.
func (c *cset) iifPlaced(q int32) bool {
	qi := &c.s.pkgs[q]
	for i := range qi.p.InstallIf {
		if qi.p.InstallIf[i].Conflict {
			continue
		}
		if ch := &c.s.chosen[c.s.iif(qi)[i]]; ch.state != chosen || !c.visited[ch.pkg] {
			return false
		}
	}
	return true
}

// installedOf is the installed package named name, or -1.
func (c *cset) installedOf(name int32) int32 {
	for _, q := range c.s.instBy(name) {
		if c.s.pkgs[q].name == name {
			return q
		}
	}
	return -1
}

// removeOrphan removes the installed packages holding name that lose it
// to the package being placed (a takeover is shown right before it).
func (c *cset) removeOrphan(name int32) {
	if c.namesDone[name] {
		return
	}
	c.namesDone[name] = true
	for _, q := range c.s.instBy(name) {
		if !c.s.picked[q] {
			c.remove(q)
		}
	}
}

// removeDependents removes installed packages that are not chosen and
// depend on p or on what it triggers.
func (c *cset) removeDependents(p int32) {
	s := c.s
	pi := &s.pkgs[p]
	for _, nv := range c.s.names(pi) {
		for _, q := range s.iifRefs(nv.name) {
			if s.pkgs[q].p.Installed && !s.picked[q] {
				c.remove(q)
			}
		}
	}
	for _, q := range s.installed {
		if s.picked[q] || c.removed[q] {
			continue
		}
		qi := &s.pkgs[q]
		for i := range qi.p.Depends {
			if !qi.p.Depends[i].Conflict && s.dependsOn(s.deps(qi)[i], pi) {
				c.remove(q)
				break
			}
		}
	}
}

// dependsOn reports whether p claims or provides name n.
func (x *index) dependsOn(n int32, p *pkgInfo) bool {
	for _, nv := range x.names(p) {
		if nv.name == n {
			return true
		}
	}
	return false
}

// remove purges p after the installed packages that need it, then the
// installed packages only it needed.
func (c *cset) remove(p int32) {
	s := c.s
	if c.removed[p] || s.picked[p] {
		return
	}
	pi := &s.pkgs[p]
	// Another version chosen under the same name replaces it.
	if ch := &s.chosen[pi.name]; ch.state == chosen && s.pkgs[ch.pkg].name == pi.name {
		return
	}
	c.removed[p] = true
	c.removeDependents(p)
	c.changes = append(c.changes, Change{Old: pi.p, Verb: Purge})
	for i := range pi.p.Depends {
		if pi.p.Depends[i].Conflict {
			continue
		}
		for _, q := range s.instBy(c.s.deps(pi)[i]) {
			if !s.picked[q] {
				c.remove(q)
			}
		}
	}
}

// record adds the change that puts p in place of old (-1: none).
func (c *cset) record(old, p int32) {
	s := c.s
	c.seq = append(c.seq, p)
	np := s.pkgs[p].p
	tag := s.changeTag(p)
	fl := s.flags[s.pkgs[p].name] | s.req.Flags
	ch := Change{New: np, Tag: tag}
	switch {
	case old < 0:
		ch.Verb = Install
	case old == p:
		ch.Old = np
		switch {
		case np.Tag != tag:
			ch.Verb = Pinning
		case fl&Reinstall != 0:
			ch.Verb = Reinstalling
		default:
			return
		}
	default:
		ch.Old = s.pkgs[old].p
		switch version.Compare(np.Version, ch.Old.Version) {
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
func (s *state) changeTag(p int32) string {
	if s.inTag(p, "") {
		return ""
	}
	if t := s.ctxTag[p]; t != "" && s.inTag(p, t) {
		return t
	}
	return s.pkgs[p].p.Tag
}
