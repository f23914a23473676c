package solver

import (
	"math/bits"
	"sort"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/version"
)

// The solver works on integers: a package is its position in
// Request.Packages, a name its id in the table built once per solve, and
// its per-round state lives in slices indexed by them rather than in
// string-keyed maps (apk does the same with its name and package
// structures).

// nameVer is a name a package claims and the version it has under it
// ("" for a virtual provide).
type nameVer struct {
	name    int32
	version string
}

// pkgInfo is what the solver derives once from a Package. Its lists are
// ranges of the index's shared arrays (see the accessors below).
type pkgInfo struct {
	p    *Package
	name int32
	// names: the own name first, then every provide of another name.
	namesLo, namesHi int32
	// claims: the names held exclusively, the own one and the versioned
	// provides of other names.
	claimsLo, claimsHi int32
	depsLo, depsHi     int32 // name id of each Depends entry
	iifLo, iifHi       int32 // name id of each InstallIf entry
	depSlot            int32 // consSeen slot of Depends[0]
	minRepo            int32
	// untagged: an untagged source has it (inTag(p, "")).
	untagged bool
	free     bool // no repository and not installed: a file or a -t package
	depsOK   int8 // 0 not known yet, 1 every dependency has a possible provider, 2 not
}

func (x *index) names(pi *pkgInfo) []nameVer { return x.nvs[pi.namesLo:pi.namesHi] }
func (x *index) claims(pi *pkgInfo) []int32  { return x.ids[pi.claimsLo:pi.claimsHi] }
func (x *index) deps(pi *pkgInfo) []int32    { return x.ids[pi.depsLo:pi.depsHi] }
func (x *index) iif(pi *pkgInfo) []int32     { return x.ids[pi.iifLo:pi.iifHi] }

// prov is a package as a provider of one name: nv is the position of
// that name and its version in nvs.
type prov struct {
	pkg, nv int32
}

// ver is the version of the name at position nv of nvs ("" for a
// virtual provide).
func (x *index) ver(nv int32) string { return x.nvs[nv].version }

// index is the name and provider table of one solve.
type index struct {
	req  *Request
	pkgs []pkgInfo
	nvs  []nameVer // the packages' names
	ids  []int32   // the packages' claims, Depends and InstallIf, as name ids
	// nameStr holds each name once; table is an open-addressing hash
	// table of 1 + their ids (0: free), a quarter of what a Go map of
	// the 12,000 names of an Alpine index takes.
	nameStr []string
	table   []int32
	// providers of name n: provs[provStart[n]:provStart[n+1]], in package
	// order; a provider's position in provs is its slot.
	provs     []prov
	provStart []int32
	// virtualOnly: every provider of the name provides it without a
	// version.
	virtualOnly []bool
	// Installed packages by each name they claim or provide, and
	// packages by each name their install_if names: of name n,
	// instPkgs[instStart[n]:instStart[n+1]] and the same for iif.
	instStart, instPkgs []int32
	iifStart, iifPkgRef []int32
	iifPkgs             []int32
	installed           []int32          // installed packages in Request order
	slots               int32            // world entries and dependencies, for consSeen
	world               []int32          // name id of each world entry
	worldSorted         []int32          // world entry positions, stable by name
	worldTag            map[int32]string // the tags world entries give their names
	worldWants          []bool
	nameFlags           []Flags
}

func (x *index) intern(s string) int32 {
	i, found := x.lookup(s)
	if found {
		return x.table[i] - 1
	}
	id := int32(len(x.nameStr))
	x.nameStr = append(x.nameStr, s)
	x.table[i] = id + 1
	// At most half full, so that probes stay short.
	if 2*len(x.nameStr) > len(x.table) {
		x.rehash(2 * len(x.table))
	}
	return id
}

// nameID is the id of name s, if interned.
func (x *index) nameID(s string) (int32, bool) {
	i, found := x.lookup(s)
	return x.table[i] - 1, found
}

// lookup returns the slot of s, or the free slot where it would go.
func (x *index) lookup(s string) (int, bool) {
	mask := len(x.table) - 1
	i := int(strHash(s)) & mask
	for {
		id := x.table[i]
		if id == 0 {
			return i, false
		}
		if x.nameStr[id-1] == s {
			return i, true
		}
		i = (i + 1) & mask
	}
}

// rehash makes a table of n slots (a power of two) for the names.
func (x *index) rehash(n int) {
	x.table = make([]int32, n)
	for id, s := range x.nameStr {
		i, _ := x.lookup(s)
		x.table[i] = int32(id) + 1
	}
}

// strHash is FNV-1a.
func strHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// internDeps appends the name ids of deps to x.ids and returns their
// range.
func (x *index) internDeps(deps []dep.Dep) (lo, hi int32) {
	lo = int32(len(x.ids))
	for i := range deps {
		x.ids = append(x.ids, x.intern(deps[i].Name))
	}
	return lo, int32(len(x.ids))
}

func (x *index) build(req *Request) {
	x.req = req
	x.pkgs = make([]pkgInfo, len(req.Packages))
	// Names are mostly packages' own and provided ones (dependencies
	// name them again): that count sizes the table.
	hint := len(req.World) + len(req.NameFlags)
	for _, p := range req.Packages {
		hint += 1 + len(p.Provides)
	}
	x.nameStr = make([]string, 0, hint)
	x.rehash(max(16, 1<<bits.Len(uint(2*hint))))
	untaggedRepo := make([]bool, len(req.Repos))
	for i, r := range req.Repos {
		untaggedRepo[i] = r.Tag == ""
	}
	// The per-package lists share a few arrays sized up front.
	nn, nd := 0, 0
	for _, p := range req.Packages {
		nn += 1 + len(p.Provides)
		nd += len(p.Depends) + len(p.InstallIf)
	}
	x.nvs = make([]nameVer, 0, nn)
	x.ids = make([]int32, 0, 2*nn+nd+len(req.World))
	slot := int32(len(req.World))
	for i, p := range req.Packages {
		pi := &x.pkgs[i]
		pi.p = p
		// The versions of a name are usually listed together.
		if i > 0 && p.Name == req.Packages[i-1].Name {
			pi.name = x.pkgs[i-1].name
		} else {
			pi.name = x.intern(p.Name)
		}
		pi.namesLo = int32(len(x.nvs))
		x.nvs = append(x.nvs, nameVer{pi.name, p.Version})
		for _, d := range p.Provides {
			if d.Name != p.Name {
				x.nvs = append(x.nvs, nameVer{x.intern(d.Name), d.Version})
			}
		}
		pi.namesHi = int32(len(x.nvs))
		pi.claimsLo = int32(len(x.ids))
		for _, nv := range x.names(pi) {
			if nv.name == pi.name || nv.version != "" {
				x.ids = append(x.ids, nv.name)
			}
		}
		pi.claimsHi = int32(len(x.ids))
		pi.depsLo, pi.depsHi = x.internDeps(p.Depends)
		pi.depSlot = slot
		slot += int32(len(p.Depends))
		pi.iifLo, pi.iifHi = x.internDeps(p.InstallIf)
		pi.free = len(p.Repos) == 0 && !p.Installed
		pi.untagged = p.Installed && p.Tag == ""
		pi.minRepo = 1 << 30
		for _, r := range p.Repos {
			pi.minRepo = min(pi.minRepo, int32(r))
			if r < len(untaggedRepo) && untaggedRepo[r] {
				pi.untagged = true
			}
		}
	}
	x.slots = slot
	lo, hi := x.internDeps(req.World)
	x.world = x.ids[lo:hi]
	for n := range req.NameFlags {
		x.intern(n)
	}
	nprov := len(x.nvs)
	nn = len(x.nameStr)

	// Providers, counted then placed, in package order.
	x.provStart = make([]int32, nn+1)
	for i := range x.pkgs {
		for _, nv := range x.names(&x.pkgs[i]) {
			x.provStart[nv.name+1]++
		}
	}
	for n := 0; n < nn; n++ {
		x.provStart[n+1] += x.provStart[n]
	}
	x.provs = make([]prov, nprov)
	fill := append([]int32(nil), x.provStart[:nn]...)
	x.virtualOnly = make([]bool, nn)
	for n := range x.virtualOnly {
		x.virtualOnly[n] = true
	}
	for i := range x.pkgs {
		pi := &x.pkgs[i]
		for j, nv := range x.names(pi) {
			x.provs[fill[nv.name]] = prov{int32(i), pi.namesLo + int32(j)}
			fill[nv.name]++
			if nv.version != "" {
				x.virtualOnly[nv.name] = false
			}
		}
	}

	// Both tables are counted, then filled, in package order.
	x.instStart = make([]int32, nn+1)
	x.iifStart = make([]int32, nn+1)
	for i := range x.pkgs {
		pi := &x.pkgs[i]
		if pi.p.Installed {
			x.installed = append(x.installed, int32(i))
			for _, nv := range x.names(pi) {
				x.instStart[nv.name+1]++
			}
		}
		if pi.iifHi > pi.iifLo {
			x.iifPkgs = append(x.iifPkgs, int32(i))
			for _, n := range x.iif(pi) {
				x.iifStart[n+1]++
			}
		}
	}
	for n := 0; n < nn; n++ {
		x.instStart[n+1] += x.instStart[n]
		x.iifStart[n+1] += x.iifStart[n]
	}
	x.instPkgs = make([]int32, x.instStart[nn])
	x.iifPkgRef = make([]int32, x.iifStart[nn])
	copy(fill, x.instStart[:nn])
	for _, i := range x.installed {
		for _, nv := range x.names(&x.pkgs[i]) {
			x.instPkgs[fill[nv.name]] = i
			fill[nv.name]++
		}
	}
	copy(fill, x.iifStart[:nn])
	for _, i := range x.iifPkgs {
		for _, n := range x.iif(&x.pkgs[i]) {
			x.iifPkgRef[fill[n]] = i
			fill[n]++
		}
	}
	sort.SliceStable(x.iifPkgs, func(i, j int) bool {
		a, b := x.pkgs[x.iifPkgs[i]].p, x.pkgs[x.iifPkgs[j]].p
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return version.Compare(a.Version, b.Version) > 0
	})

	x.worldWants = make([]bool, nn)
	x.worldSorted = make([]int32, len(req.World))
	for i, d := range req.World {
		x.worldSorted[i] = int32(i)
		if !d.Conflict {
			x.worldWants[x.world[i]] = true
		}
		if d.Tag != "" {
			if x.worldTag == nil {
				x.worldTag = map[int32]string{}
			}
			x.worldTag[x.world[i]] = d.Tag
		}
	}
	sort.SliceStable(x.worldSorted, func(i, j int) bool {
		return req.World[x.worldSorted[i]].Name < req.World[x.worldSorted[j]].Name
	})
	x.nameFlags = make([]Flags, nn)
	for n, f := range req.NameFlags {
		id, _ := x.nameID(n)
		x.nameFlags[id] = f
	}
}

// instBy are the installed packages that claim or provide name n.
func (x *index) instBy(n int32) []int32 { return x.instPkgs[x.instStart[n]:x.instStart[n+1]] }

// iifRefs are the packages whose install_if names n.
func (x *index) iifRefs(n int32) []int32 { return x.iifPkgRef[x.iifStart[n]:x.iifStart[n+1]] }

// providers are the providers of name n.
func (x *index) providers(n int32) []prov { return x.provs[x.provStart[n]:x.provStart[n+1]] }

// provVersion is the version p has under name n.
func (x *index) provVersion(p, n int32) string {
	for _, nv := range x.names(&x.pkgs[p]) {
		if nv.name == n {
			return nv.version
		}
	}
	return ""
}

// inTag reports whether p can be had from a source with this tag; an
// installed package counts as coming from the repository of the tag it
// was installed with.
func (x *index) inTag(p int32, tag string) bool {
	pi := &x.pkgs[p]
	if tag == "" {
		return pi.untagged
	}
	if pi.p.Installed && pi.p.Tag == tag {
		return true
	}
	for _, r := range pi.p.Repos {
		if r < len(x.req.Repos) && x.req.Repos[r].Tag == tag {
			return true
		}
	}
	return false
}

func (x *index) tagOK(p int32, tag string) bool {
	pi := &x.pkgs[p]
	return pi.free || pi.untagged || tag != "" && x.inTag(p, tag)
}

// depsSatisfiable reports whether every dependency of p has some package
// that could satisfy it.
func (x *index) depsSatisfiable(p int32) bool {
	pi := &x.pkgs[p]
	if pi.depsOK == 0 {
		pi.depsOK = 1
		for i, n := range x.deps(pi) {
			d := &pi.p.Depends[i]
			if !d.Conflict && !x.satisfiable(d, n) {
				pi.depsOK = 2
				break
			}
		}
	}
	return pi.depsOK == 1
}

// satisfiable reports whether some package could satisfy d (named n).
func (x *index) satisfiable(d *dep.Dep, n int32) bool {
	for _, c := range x.providers(n) {
		if satisfied(d, x.ver(c.nv), x.pkgs[c.pkg].p.Identity) {
			return true
		}
	}
	return false
}

func satisfied(d *dep.Dep, version, identity string) bool {
	return d.Satisfied(&dep.Provider{Version: version, Identity: identity})
}
