package solver

import (
	"gobox/internal/apk/dep"
	"gobox/internal/apk/version"
)

type constraint struct {
	d    *dep.Dep
	from int32 // -1 for world
}

// choice is what a round decided for a name.
type choice struct {
	state uint8
	pkg   int32
	nv    int32 // the name and version pkg has under it (in nvs)
}

const (
	unseen  uint8 = iota
	missing       // required, and nothing could be chosen
	chosen
)

type state struct {
	index

	// Constraints only grow, from round to round. Few names get any:
	// consOf holds, per name, 1 + the position of its list in consLists
	// (0: none yet), and conflictsOf the same for its "!name" entries.
	consOf, conflictsOf     []int32
	consLists, conflictList [][]constraint
	consSeen                []bool // per slot (world entry or dependency)
	// A provider (by slot) is checked against cons once: provChecked
	// entries of its name's cons are known to hold, or provBad one
	// does not (it never will).
	provChecked []int32
	provBad     []bool

	// per round
	chosen     []choice // per name
	ctxTag     []string // per package: the tag it was required with
	claimFirst []int32  // per name: 1 + the first package claiming it, 0 none
	claimOther []bool   // per name: another package claims it too
	picked     []bool   // per package
	flags      []Flags  // per name
	requirers  []int32  // per name
	missing    []int32
	// selected are the selectable providers (slot, name) whose
	// selectability decided a comparison; asked the packages whose
	// requiredness the round read: see unchanged.
	selected [][2]int32
	asked    []int32
	// reqRound: 1 + the round after which a name was first found
	// required by a chosen package's dependency (0: not yet).
	reqRound []int32
	roundNo  int32
	nested   bool // in wantedAsItself's pick
}

// Solve chooses the packages for req and orders the changes.
func Solve(req *Request) *Solution { return solve(req, false) }

// solve is Solve; exhaustive runs every round, even those unchanged
// shows would only repeat the last (for the tests).
func solve(req *Request, exhaustive bool) *Solution {
	s := &state{}
	s.build(req)
	nn, np := len(s.nameStr), len(s.pkgs)
	s.consOf = make([]int32, nn)
	s.conflictsOf = make([]int32, nn)
	s.consSeen = make([]bool, s.slots)
	s.provChecked = make([]int32, len(s.provs))
	s.provBad = make([]bool, len(s.provs))
	s.chosen = make([]choice, nn)
	s.ctxTag = make([]string, np)
	s.claimFirst = make([]int32, nn)
	s.claimOther = make([]bool, nn)
	s.picked = make([]bool, np)
	s.flags = make([]Flags, nn)
	s.requirers = make([]int32, nn)
	s.reqRound = make([]int32, nn)
	for i := range req.World {
		s.addCons(&req.World[i], s.world[i], -1, int32(i))
	}
	// Constraints learnt from the packages chosen in one round are
	// known to the next, until no new one appears.
	for ; s.roundNo < 16; s.roundNo++ {
		s.round()
		grew := false
		for p := range s.pkgs {
			if !s.picked[p] {
				continue
			}
			pi := &s.pkgs[p]
			for i := range pi.p.Depends {
				grew = s.addCons(&pi.p.Depends[i], s.deps(pi)[i], int32(p), pi.depSlot+int32(i)) || grew
			}
		}
		if !grew || !exhaustive && s.unchanged() {
			break
		}
	}
	return s.finish()
}

// unchanged reports whether what the last round learnt (the constraints
// of the packages it chose, and so the names they require) leaves every
// choice of that round as it was, so that running it again would only
// repeat it. A round reads what it learnt only through selectable and
// required. Constraints only ever turn a candidate unselectable. pick
// keeps the best candidate so far and compares each next one with it,
// selectability first (not at all with Latest): a loser made
// unselectable still loses; a comparison can only turn out otherwise if
// the winner was selectable (and it beat the best so far) or the best so
// far was selectable (and somebody lost to it). Those are recorded: if
// each still meets its name's constraints and no conflict excludes it,
// and no package asked about became required, each pick, and so the
// whole round, is the same.
func (s *state) unchanged() bool {
	for _, p := range s.asked {
		if s.reqRound[s.pkgs[p].name] == s.roundNo+1 {
			return false
		}
	}
	for _, c := range s.selected {
		if !s.consHold(c[0], c[1]) || s.violatesConflicts(s.provs[c[0]].pkg) {
			return false
		}
	}
	return true
}

func (s *state) addCons(d *dep.Dep, n, from, slot int32) bool {
	if s.consSeen[slot] {
		return false
	}
	s.consSeen[slot] = true
	addList(&s.consLists, s.consOf, n, constraint{d, from})
	if from >= 0 && !d.Conflict && s.reqRound[n] == 0 {
		s.reqRound[n] = s.roundNo + 1
	}
	if d.Conflict {
		addList(&s.conflictList, s.conflictsOf, n, constraint{d, from})
	}
	return true
}

// addList appends c to the list of name n (see consOf).
func addList(lists *[][]constraint, of []int32, n int32, c constraint) {
	if of[n] == 0 {
		*lists = append(*lists, nil)
		of[n] = int32(len(*lists))
	}
	(*lists)[of[n]-1] = append((*lists)[of[n]-1], c)
}

// cons are the constraints known on name n.
func (s *state) cons(n int32) []constraint {
	if i := s.consOf[n]; i > 0 {
		return s.consLists[i-1]
	}
	return nil
}

// conflicts are the "!name" entries of cons(n).
func (s *state) conflicts(n int32) []constraint {
	if i := s.conflictsOf[n]; i > 0 {
		return s.conflictList[i-1]
	}
	return nil
}

func (s *state) round() {
	clear(s.chosen)
	clear(s.ctxTag)
	clear(s.claimFirst)
	clear(s.claimOther)
	clear(s.picked)
	copy(s.flags, s.nameFlags)
	clear(s.requirers)
	s.missing = s.missing[:0]
	s.selected = s.selected[:0]
	s.asked = s.asked[:0]
	for _, wi := range s.worldSorted {
		d := &s.req.World[wi]
		if d.Conflict {
			continue
		}
		n := s.world[wi]
		s.requirers[n]++
		s.visit(n, d.Tag, 0, -1)
	}
	// install_if: add what the choice so far triggers, until stable.
	for changed := true; changed; {
		changed = false
		for _, p := range s.iifPkgs {
			pi := &s.pkgs[p]
			if s.chosen[pi.name].state != unseen || s.picked[p] || !s.triggered(p) {
				continue
			}
			if s.req.Flags&Available != 0 && len(pi.p.Repos) == 0 {
				continue
			}
			s.requirers[pi.name]++
			s.visit(pi.name, s.iifTag(p), 0, p)
			changed = true
		}
	}
	s.inherit()
}

// inherit spreads Reinstall from the packages chosen for names marked
// Inherit to what they pull in (apk's inherit_pinning_and_flags): the
// packages chosen for their dependencies, through whatever name, and
// the install_if packages one of whose triggers is marked. The flags
// go on each package's own name, which the change set reads.
func (s *state) inherit() {
	const mark = Reinstall | Inherit
	var work []int32
	for p := range s.pkgs {
		if s.picked[p] && s.flags[s.pkgs[p].name]&mark == mark {
			work = append(work, int32(p))
		}
	}
	if len(work) == 0 {
		return
	}
	marked := func(p int32) bool { return s.flags[s.pkgs[p].name]&mark == mark }
	add := func(p int32) {
		if !marked(p) {
			s.flags[s.pkgs[p].name] |= mark
			work = append(work, p)
		}
	}
	for len(work) > 0 {
		for len(work) > 0 {
			p := work[len(work)-1]
			work = work[:len(work)-1]
			pi := &s.pkgs[p]
			for i := range pi.p.Depends {
				if pi.p.Depends[i].Conflict {
					continue
				}
				if ch := &s.chosen[s.deps(pi)[i]]; ch.state == chosen {
					add(ch.pkg)
				}
			}
		}
		for _, p := range s.iifPkgs {
			if !s.picked[p] || marked(p) {
				continue
			}
			pi := &s.pkgs[p]
			for i, n := range s.iif(pi) {
				if ch := &s.chosen[n]; !pi.p.InstallIf[i].Conflict && ch.state == chosen && marked(ch.pkg) {
					add(p)
					break
				}
			}
		}
	}
}

// triggered reports whether every install_if entry of p holds.
func (s *state) triggered(p int32) bool {
	pi := &s.pkgs[p]
	for i := range pi.p.InstallIf {
		if !s.satisfiedBy(&pi.p.InstallIf[i], s.iif(pi)[i]) {
			return false
		}
	}
	return true
}

// satisfiedBy reports whether the chosen provider of name n (if any)
// satisfies d.
func (s *state) satisfiedBy(d *dep.Dep, n int32) bool {
	ch := &s.chosen[n]
	if ch.state != chosen {
		return d.Satisfied(nil)
	}
	return satisfied(d, s.ver(ch.nv), s.pkgs[ch.pkg].p.Identity)
}

// iifTag is the tag an install_if package inherits from its triggers.
func (s *state) iifTag(p int32) string {
	for _, n := range s.iif(&s.pkgs[p]) {
		if ch := &s.chosen[n]; ch.state == chosen && s.ctxTag[ch.pkg] != "" {
			return s.ctxTag[ch.pkg]
		}
	}
	return ""
}

// visit chooses a provider for name and, through it, for its
// dependencies; only >= 0 restricts the choice to that package.
func (s *state) visit(name int32, tag string, inherit Flags, only int32) {
	if s.chosen[name].state != unseen {
		return
	}
	// A world entry's tag holds for its name whoever requires it.
	if t, ok := s.worldTag[name]; ok {
		tag = t
	}
	s.flags[name] |= inherit
	fl := s.flags[name] | s.req.Flags
	best, ok := s.pick(name, tag, fl, only)
	if !ok {
		s.chosen[name] = choice{state: missing}
		s.missing = append(s.missing, name)
		return
	}
	s.chosen[name] = choice{chosen, best.pkg, best.nv}
	p := best.pkg
	if s.picked[p] {
		return
	}
	s.picked[p] = true
	s.ctxTag[p] = tag
	pi := &s.pkgs[p]
	s.claim(p)
	for j, nv := range s.names(pi) {
		if s.chosen[nv.name].state == unseen {
			s.chosen[nv.name] = choice{chosen, p, pi.namesLo + int32(j)}
		}
	}
	down := fl & (Upgrade | Latest | Available) & s.flags[name]
	for i := range pi.p.Depends {
		if pi.p.Depends[i].Conflict {
			continue
		}
		n := s.deps(pi)[i]
		s.requirers[n]++
		s.visit(n, tag, down, -1)
	}
}

// claim records the names p holds exclusively: its own and its versioned
// provides.
func (s *state) claim(p int32) {
	for _, n := range s.claims(&s.pkgs[p]) {
		switch f := s.claimFirst[n]; {
		case f == 0:
			s.claimFirst[n] = p + 1
		case f != p+1:
			s.claimOther[n] = true
		}
	}
}

// claimed reports whether another chosen package holds a name p claims.
func (s *state) claimed(p int32) bool {
	for _, n := range s.claims(&s.pkgs[p]) {
		if f := s.claimFirst[n]; f != 0 && (f != p+1 || s.claimOther[n]) {
			return true
		}
	}
	return false
}

type cand struct {
	prov
	sel, want, tagOK, tagPref, inRepo bool
	repo                              int
	// fl: the flags of the name asked for and of the candidate's own
	// name (apk keeps them per package: "upgrade --ignore busybox"
	// marks the busybox packages wherever they are candidates).
	fl Flags
}

func (s *state) pick(name int32, tag string, fl Flags, only int32) (prov, bool) {
	lo, hi := s.provStart[name], s.provStart[name+1]
	// A name only provided without a version is chosen only through a
	// provider with a priority or one whose own name is wanted (7.4).
	virtualOnly := s.virtualOnly[name]
	var best cand
	var bestSlot int32
	have, kept := false, false
	for slot := lo; slot < hi; slot++ {
		c := s.provs[slot]
		if only >= 0 && c.pkg != only {
			continue
		}
		pi := &s.pkgs[c.pkg]
		if s.ver(c.nv) == "" && virtualOnly && pi.p.ProviderPriority == 0 && !s.wanted(c.pkg) && !s.required(c.pkg) {
			continue
		}
		k := cand{prov: c, repo: int(pi.minRepo), inRepo: len(pi.p.Repos) > 0, fl: fl | s.flags[pi.name]}
		k.tagOK = s.tagOK(c.pkg, tag)
		k.tagPref = s.inTag(c.pkg, tag)
		k.sel = k.tagOK && s.selectable(slot, name)
		k.want = pi.name != name && s.wantedAsItself(c.pkg)
		// Record the candidates whose selectability decided a
		// comparison (see unchanged).
		switch {
		case !have:
			best, bestSlot, have, kept = k, slot, true, false
		case s.better(&k, &best, fl):
			best, bestSlot, kept = k, slot, false
			if k.sel && fl&Latest == 0 {
				s.selected = append(s.selected, [2]int32{slot, name})
				kept = true
			}
		case best.sel && !kept && fl&Latest == 0:
			s.selected = append(s.selected, [2]int32{bestSlot, name})
			kept = true
		}
	}
	return best.prov, have
}

// wanted reports whether a package's own name is required elsewhere.
func (s *state) wanted(p int32) bool {
	n := s.pkgs[p].name
	if ch := &s.chosen[n]; ch.state == chosen && ch.pkg == p {
		return true
	}
	return s.worldWants[n]
}

// wantedAsItself reports whether p is what its own name, wanted
// elsewhere, would choose. apk settles a world name with a single
// candidate before the virtual names its packages provide, and then
// that package holds them (world "postfix-lite mailer" keeps mta on
// postfix-lite); a name with other candidates may keep another
// version, as an installed busybox that no repository has keeps its
// name and leaves /bin/sh to the installed busybox-binsh rather than to
// the older busybox of the repository, which provides it too.
func (s *state) wantedAsItself(p int32) bool {
	n := s.pkgs[p].name
	if ch := &s.chosen[n]; ch.state == chosen {
		return ch.pkg == p
	}
	if !s.worldWants[n] {
		return false
	}
	// The choice for the own name compares its providers only; one of
	// them providing it under another name is taken as wanted, without
	// asking further.
	if s.nested {
		return true
	}
	s.nested = true
	best, ok := s.pick(n, s.worldTag[n], s.flags[n]|s.req.Flags, -1)
	s.nested = false
	return ok && best.pkg == p
}

// required reports whether a package chosen in an earlier round depends
// on p's own name. A virtual name's provider is chosen through it then
// (busybox for /bin/sh when alpine-base, in the world, depends on
// busybox), whichever of the two names the round met first.
func (s *state) required(p int32) bool {
	s.asked = append(s.asked, p)
	return s.reqRound[s.pkgs[p].name] != 0
}

// selectable: no known constraint excludes the candidate, no chosen
// package holds one of its names, and its dependencies have providers.
func (s *state) selectable(slot, name int32) bool {
	p := s.provs[slot].pkg
	return s.consHold(slot, name) && !s.violatesConflicts(p) && !s.claimed(p) && s.depsSatisfiable(p)
}

// consHold reports whether the provider in slot meets every constraint
// on name, checking only those added since it was last asked.
func (s *state) consHold(slot, name int32) bool {
	if s.provBad[slot] {
		return false
	}
	cs := s.cons(name)
	c := s.provs[slot]
	id := s.pkgs[c.pkg].p.Identity
	for k := int(s.provChecked[slot]); k < len(cs); k++ {
		if d := cs[k].d; !d.Conflict && !satisfied(d, s.ver(c.nv), id) {
			s.provBad[slot] = true
			return false
		}
	}
	s.provChecked[slot] = int32(len(cs))
	return true
}

func (s *state) violatesConflicts(p int32) bool {
	pi := &s.pkgs[p]
	for _, nv := range s.names(pi) {
		for _, k := range s.conflicts(nv.name) {
			if k.from != p && !satisfied(k.d, s.provVersion(p, nv.name), pi.p.Identity) {
				return true
			}
		}
	}
	return false
}

// better is apk's preference order (7.4): is a preferred over b?
func (s *state) better(a, b *cand, fl Flags) bool {
	r := s.compare(a, b, fl)
	if r != 0 {
		return r > 0
	}
	if an, bn := s.pkgs[a.pkg].p.Name, s.pkgs[b.pkg].p.Name; an != bn {
		return an < bn
	}
	return a.pkg < b.pkg
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *state) compare(a, b *cand, fl Flags) int {
	ap, bp := s.pkgs[a.pkg].p, s.pkgs[b.pkg].p
	fl |= a.fl | b.fl
	latest := fl&Latest != 0
	if !latest {
		if r := b2i(a.sel) - b2i(b.sel); r != 0 {
			return r
		}
		// A provider the world names itself satisfies the name too
		// (world "postfix-lite mailer" keeps mta on postfix-lite).
		if r := b2i(a.want) - b2i(b.want); r != 0 {
			return r
		}
		if fl&Installed != 0 {
			if r := b2i(ap.Installed) - b2i(bp.Installed); r != 0 {
				return r
			}
		}
	}
	if r := b2i(a.tagOK) - b2i(b.tagOK); r != 0 {
		return r
	}
	if fl&Available != 0 {
		if r := b2i(a.inRepo) - b2i(b.inRepo); r != 0 {
			return r
		}
	}
	if !latest {
		if r := b2i(a.tagPref) - b2i(b.tagPref); r != 0 {
			return r
		}
		if fl&Upgrade == 0 {
			if r := b2i(ap.Installed) - b2i(bp.Installed); r != 0 {
				return r
			}
		}
	}
	if r := version.Compare(s.ver(a.nv), s.ver(b.nv)); r != 0 {
		return r
	}
	if ap.Name == bp.Name {
		if r := version.Compare(ap.Version, bp.Version); r != 0 {
			return r
		}
	}
	if r := b2i(ap.Installed) - b2i(bp.Installed); r != 0 {
		return r
	}
	if r := ap.ProviderPriority - bp.ProviderPriority; r != 0 {
		return r
	}
	return b.repo - a.repo
}
