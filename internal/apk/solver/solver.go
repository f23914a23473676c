package solver

import (
	"sort"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/version"
)

// prov is a package as a provider of one name.
type prov struct {
	pkg     *Package
	version string // "" for a virtual provide
}

type constraint struct {
	d    dep.Dep
	from *Package // nil for world
}

type state struct {
	req        *Request
	index      map[*Package]int
	providers  map[string][]prov
	instBy     map[string][]*Package // installed packages by each name they claim or provide
	iifRefs    map[string][]*Package // packages whose install_if names this
	iifPkgs    []*Package
	satCache   map[dep.Dep]bool
	worldTag   map[string]string
	worldWants map[string]bool

	// per round
	cons      map[string][]constraint
	consSeen  map[[2]int]bool
	chosen    map[string]*prov // nil value: required but unresolved
	ctxTag    map[*Package]string
	claims    map[string][]*Package
	picked    map[*Package]bool
	flags     map[string]Flags
	requirers map[string]int
	missing   []string
}

// Solve chooses the packages for req and orders the changes.
func Solve(req *Request) *Solution {
	s := &state{
		req:       req,
		index:     make(map[*Package]int, len(req.Packages)),
		providers: make(map[string][]prov, len(req.Packages)),
		instBy:    map[string][]*Package{},
		iifRefs:   map[string][]*Package{},
		satCache:  map[dep.Dep]bool{},
		cons:      map[string][]constraint{},
		consSeen:  map[[2]int]bool{},
	}
	for i, p := range req.Packages {
		s.index[p] = i
		s.providers[p.Name] = append(s.providers[p.Name], prov{p, p.Version})
		for _, d := range p.Provides {
			if d.Name != p.Name {
				s.providers[d.Name] = append(s.providers[d.Name], prov{p, d.Version})
			}
		}
		if p.Installed {
			for _, n := range names(p) {
				s.instBy[n] = append(s.instBy[n], p)
			}
		}
		if len(p.InstallIf) > 0 {
			s.iifPkgs = append(s.iifPkgs, p)
			for _, d := range p.InstallIf {
				s.iifRefs[d.Name] = append(s.iifRefs[d.Name], p)
			}
		}
	}
	sort.SliceStable(s.iifPkgs, func(i, j int) bool {
		a, b := s.iifPkgs[i], s.iifPkgs[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return version.Compare(a.Version, b.Version) > 0
	})
	s.worldTag = map[string]string{}
	s.worldWants = map[string]bool{}
	for i, d := range req.World {
		if !d.Conflict {
			s.worldWants[d.Name] = true
		}
		s.addCons(d, nil, i)
		if d.Tag != "" {
			s.worldTag[d.Name] = d.Tag
		}
	}
	// Constraints learnt from the packages chosen in one round are
	// known to the next, until no new one appears.
	for round := 0; round < 16; round++ {
		s.round()
		grew := false
		for _, p := range s.pickedList() {
			for i, d := range p.Depends {
				grew = s.addCons(d, p, i) || grew
			}
		}
		if !grew {
			break
		}
	}
	return s.finish()
}

func (s *state) addCons(d dep.Dep, from *Package, i int) bool {
	k := [2]int{-1, i}
	if from != nil {
		k[0] = s.index[from]
	}
	if s.consSeen[k] {
		return false
	}
	s.consSeen[k] = true
	s.cons[d.Name] = append(s.cons[d.Name], constraint{d, from})
	return true
}

// names are the names a package claims: its own and every provide.
func names(p *Package) []string {
	n := make([]string, 0, 1+len(p.Provides))
	n = append(n, p.Name)
	for _, d := range p.Provides {
		if d.Name != p.Name {
			n = append(n, d.Name)
		}
	}
	return n
}

func (s *state) pickedList() []*Package {
	l := make([]*Package, 0, len(s.picked))
	for p := range s.picked {
		l = append(l, p)
	}
	sort.Slice(l, func(i, j int) bool { return s.index[l[i]] < s.index[l[j]] })
	return l
}

func (s *state) round() {
	s.chosen = map[string]*prov{}
	s.ctxTag = map[*Package]string{}
	s.claims = map[string][]*Package{}
	s.picked = map[*Package]bool{}
	s.flags = map[string]Flags{}
	s.requirers = map[string]int{}
	s.missing = nil
	for n, f := range s.req.NameFlags {
		s.flags[n] = f
	}
	for _, d := range sortedWorld(s.req.World) {
		if d.Conflict {
			continue
		}
		s.requirers[d.Name]++
		s.visit(d.Name, d.Tag, 0, nil)
	}
	// install_if: add what the choice so far triggers, until stable.
	for changed := true; changed; {
		changed = false
		for _, p := range s.iifPkgs {
			if _, done := s.chosen[p.Name]; done || s.picked[p] || !s.triggered(p) {
				continue
			}
			if s.req.Flags&Available != 0 && len(p.Repos) == 0 {
				continue
			}
			s.requirers[p.Name]++
			only := p
			s.visit(p.Name, s.iifTag(p), 0, func(c prov) bool { return c.pkg == only })
			changed = true
		}
	}
}

func sortedWorld(w []dep.Dep) []dep.Dep {
	l := append([]dep.Dep(nil), w...)
	sort.SliceStable(l, func(i, j int) bool { return l[i].Name < l[j].Name })
	return l
}

// triggered reports whether every install_if entry of p holds.
func (s *state) triggered(p *Package) bool {
	for _, d := range p.InstallIf {
		if !d.Satisfied(s.provider(d.Name)) {
			return false
		}
	}
	return true
}

// iifTag is the tag an install_if package inherits from its triggers.
func (s *state) iifTag(p *Package) string {
	for _, d := range p.InstallIf {
		if c := s.chosen[d.Name]; c != nil && s.ctxTag[c.pkg] != "" {
			return s.ctxTag[c.pkg]
		}
	}
	return ""
}

// provider is the chosen provider of name as a dep.Provider.
func (s *state) provider(name string) *dep.Provider {
	c := s.chosen[name]
	if c == nil {
		return nil
	}
	return &dep.Provider{Version: c.version, Identity: c.pkg.Identity}
}

func (s *state) visit(name, tag string, inherit Flags, only func(prov) bool) {
	if _, done := s.chosen[name]; done {
		return
	}
	// A world entry's tag holds for its name whoever requires it.
	if t, ok := s.worldTag[name]; ok {
		tag = t
	}
	s.flags[name] |= inherit
	fl := s.flags[name] | s.req.Flags
	best := s.pick(name, tag, fl, only)
	if best == nil {
		s.chosen[name] = nil
		s.missing = append(s.missing, name)
		return
	}
	s.chosen[name] = best
	p := best.pkg
	if s.picked[p] {
		return
	}
	s.picked[p] = true
	s.ctxTag[p] = tag
	s.claim(p)
	for _, n := range names(p) {
		if _, done := s.chosen[n]; !done {
			s.chosen[n] = &prov{p, provVersion(p, n)}
		}
	}
	down := fl & (Upgrade | Latest | Available) & s.flags[name]
	for _, d := range p.Depends {
		if d.Conflict {
			continue
		}
		s.requirers[d.Name]++
		s.visit(d.Name, tag, down, nil)
	}
}

// claim records the names p holds exclusively: its own and its versioned
// provides.
func (s *state) claim(p *Package) {
	s.claims[p.Name] = append(s.claims[p.Name], p)
	for _, d := range p.Provides {
		if d.Version != "" && d.Name != p.Name {
			s.claims[d.Name] = append(s.claims[d.Name], p)
		}
	}
}

func provVersion(p *Package, name string) string {
	if name == p.Name {
		return p.Version
	}
	for _, d := range p.Provides {
		if d.Name == name {
			return d.Version
		}
	}
	return ""
}

type cand struct {
	prov
	sel, want, tagOK, tagPref, inRepo bool
	repo                              int
}

func (s *state) pick(name, tag string, fl Flags, only func(prov) bool) *prov {
	provs := s.providers[name]
	if len(provs) == 0 {
		return nil
	}
	// A name only provided without a version is chosen only through a
	// provider with a priority or one whose own name is wanted (7.4).
	virtualOnly := true
	for _, c := range provs {
		if c.version != "" {
			virtualOnly = false
		}
	}
	var best *cand
	for _, c := range provs {
		if only != nil && !only(c) {
			continue
		}
		if c.version == "" && virtualOnly && c.pkg.ProviderPriority == 0 && !s.wanted(c.pkg) {
			continue
		}
		k := cand{prov: c, repo: 1 << 30}
		k.tagOK = s.tagOK(c.pkg, tag)
		k.tagPref = s.tagPreferred(c.pkg, tag)
		k.inRepo = len(c.pkg.Repos) > 0
		for _, r := range c.pkg.Repos {
			k.repo = min(k.repo, r)
		}
		k.sel = k.tagOK && s.selectable(c, name)
		k.want = c.pkg.Name != name && s.wanted(c.pkg)
		if best == nil || s.better(&k, best, fl) {
			kk := k
			best = &kk
		}
	}
	if best == nil {
		return nil
	}
	p := best.prov
	return &p
}

// wanted reports whether a package's own name is required elsewhere.
func (s *state) wanted(p *Package) bool {
	if c, ok := s.chosen[p.Name]; ok && c != nil && c.pkg == p {
		return true
	}
	return s.worldWants[p.Name]
}

// repoTags are the tags a package can be had from; an installed package
// counts as coming from the repository of the tag it was installed with.
func (s *state) inTag(p *Package, tag string) bool {
	if p.Installed && p.Tag == tag {
		return true
	}
	for _, r := range p.Repos {
		if r < len(s.req.Repos) && s.req.Repos[r].Tag == tag {
			return true
		}
	}
	return false
}

func (s *state) tagOK(p *Package, tag string) bool {
	if len(p.Repos) == 0 && !p.Installed {
		return true // a file from the command line or a virtual package (-t)
	}
	return s.inTag(p, "") || tag != "" && s.inTag(p, tag)
}

func (s *state) tagPreferred(p *Package, tag string) bool {
	return s.inTag(p, tag)
}

// selectable: no known constraint excludes the candidate, no chosen
// package holds one of its names, and its dependencies have providers.
func (s *state) selectable(c prov, name string) bool {
	p := c.pkg
	for _, k := range s.cons[name] {
		if !k.d.Conflict && !k.d.Satisfied(&dep.Provider{Version: c.version, Identity: p.Identity}) {
			return false
		}
	}
	if s.violatesConflicts(p) || s.claimed(p) {
		return false
	}
	for _, d := range p.Depends {
		if !d.Conflict && !s.satisfiable(d) {
			return false
		}
	}
	return true
}

func (s *state) violatesConflicts(p *Package) bool {
	for _, n := range names(p) {
		for _, k := range s.cons[n] {
			if k.d.Conflict && k.from != p && !k.d.Satisfied(&dep.Provider{Version: provVersion(p, n), Identity: p.Identity}) {
				return true
			}
		}
	}
	return false
}

// claimed reports whether another chosen package holds a name p claims.
func (s *state) claimed(p *Package) bool {
	check := func(n string) bool {
		for _, q := range s.claims[n] {
			if q != p {
				return true
			}
		}
		return false
	}
	if check(p.Name) {
		return true
	}
	for _, d := range p.Provides {
		if d.Version != "" && check(d.Name) {
			return true
		}
	}
	return false
}

// satisfiable reports whether some package could satisfy d at all.
func (s *state) satisfiable(d dep.Dep) bool {
	if v, ok := s.satCache[d]; ok {
		return v
	}
	v := false
	for _, c := range s.providers[d.Name] {
		if d.Satisfied(&dep.Provider{Version: c.version, Identity: c.pkg.Identity}) {
			v = true
			break
		}
	}
	s.satCache[d] = v
	return v
}

// better is apk's preference order (7.4): is a preferred over b?
func (s *state) better(a, b *cand, fl Flags) bool {
	r := s.compare(a, b, fl)
	if r != 0 {
		return r > 0
	}
	if a.pkg.Name != b.pkg.Name {
		return a.pkg.Name < b.pkg.Name
	}
	return s.index[a.pkg] < s.index[b.pkg]
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *state) compare(a, b *cand, fl Flags) int {
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
			if r := b2i(a.pkg.Installed) - b2i(b.pkg.Installed); r != 0 {
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
			if r := b2i(a.pkg.Installed) - b2i(b.pkg.Installed); r != 0 {
				return r
			}
		}
	}
	if r := version.Compare(a.version, b.version); r != 0 {
		return r
	}
	if a.pkg.Name == b.pkg.Name {
		if r := version.Compare(a.pkg.Version, b.pkg.Version); r != 0 {
			return r
		}
	}
	if r := b2i(a.pkg.Installed) - b2i(b.pkg.Installed); r != 0 {
		return r
	}
	if r := a.pkg.ProviderPriority - b.pkg.ProviderPriority; r != 0 {
		return r
	}
	return b.repo - a.repo
}
