package solver

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/version"
)

// randomRequest makes a small request with everything the solver reads:
// versions, provides (versioned and virtual), priorities, install_if,
// conflicts, tags, installed packages and flags. Hard makes most of them
// unsolvable; otherwise most are solvable.
func randomRequest(r *rand.Rand, hard bool) *Request {
	odds := func(easy, h int) bool {
		if hard {
			return r.IntN(h) == 0
		}
		return r.IntN(easy) == 0
	}
	names := []string{"a", "b", "c", "d", "e", "f", "g"}
	virt := []string{"v", "so:x", "cmd:y"}
	vers := []string{"1.0-r0", "1.1-r0", "2.0-r0"}
	ops := []version.Result{version.Any, version.Less, version.Less | version.Equal, version.Equal, version.Greater | version.Equal, version.Greater, version.Equal | version.Fuzzy}
	anyName := func() string {
		if hard && r.IntN(4) == 0 {
			return virt[r.IntN(len(virt))]
		}
		if !hard && r.IntN(10) == 0 {
			return "so:" + names[r.IntN(len(names))] // versioned provides of one name only
		}
		return names[r.IntN(len(names))]
	}
	randDep := func() dep.Dep {
		d := dep.Dep{Name: anyName(), Op: version.Any, Conflict: odds(30, 8)}
		if odds(4, 1) {
			d.Op = ops[r.IntN(len(ops))]
		}
		if d.Op != version.Any {
			d.Version = vers[r.IntN(len(vers))][:3]
		}
		return d
	}
	req := &Request{Repos: []Repository{{}, {Tag: "edge"}, {}}, Width: 50}
	for _, n := range names {
		for _, v := range vers {
			if r.IntN(3) == 0 {
				continue
			}
			p := &Package{Name: n, Version: v, Identity: "Q1" + n + v}
			for k := r.IntN(3); k > 0; k-- {
				p.Depends = append(p.Depends, randDep())
			}
			for k := r.IntN(2); k > 0; k-- {
				pv := dep.Dep{Name: virt[r.IntN(len(virt))], Op: version.Equal, Version: v[:3]}
				if !hard {
					pv.Name = "so:" + n
				}
				if odds(4, 2) {
					pv.Name, pv.Op, pv.Version = virt[r.IntN(len(virt))], version.Any, ""
				}
				p.Provides = append(p.Provides, pv)
			}
			if r.IntN(6) == 0 {
				d := randDep()
				d.Conflict = false
				p.InstallIf = []dep.Dep{d}
			}
			if r.IntN(4) == 0 {
				p.ProviderPriority = r.IntN(3) * 10
			}
			for i := range req.Repos {
				if i == 0 && !hard || r.IntN(2) == 0 {
					p.Repos = append(p.Repos, i)
				}
			}
			if r.IntN(4) == 0 {
				p.Installed = true
				if odds(10, 4) {
					p.Tag = "edge"
				}
			}
			req.Packages = append(req.Packages, p)
		}
	}
	for k := 1 + r.IntN(4); k > 0; k-- {
		d := randDep()
		if odds(10, 6) {
			d.Tag = "edge"
		}
		req.World = append(req.World, d)
	}
	req.Flags = Flags(r.IntN(32)) &^ Reinstall
	if !hard {
		req.Flags &= Upgrade | Available
	}
	if r.IntN(3) == 0 {
		req.NameFlags = map[string]Flags{names[r.IntN(len(names))]: Upgrade}
	}
	return req
}

func describe(req *Request) string {
	var b strings.Builder
	for _, p := range req.Packages {
		fmt.Fprintf(&b, "%s=%s D:%s p:%s i:%s k:%d r:%v inst:%v@%s\n", p.Name, p.Version,
			dep.FormatList(p.Depends), dep.FormatList(p.Provides), dep.FormatList(p.InstallIf), p.ProviderPriority, p.Repos, p.Installed, p.Tag)
	}
	fmt.Fprintf(&b, "world: %s flags %d %v\n", dep.FormatList(req.World), req.Flags, req.NameFlags)
	return b.String()
}

func solutionText(sol *Solution) string {
	s := output(sol)
	for _, p := range sol.Packages {
		s += " " + p.Name + "-" + p.Version
	}
	return s
}

// TestRoundSkip: stopping when unchanged says a round would repeat the
// last gives what running the rounds until nothing is learnt gives.
func TestRoundSkip(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 1))
	for i := 0; i < 6000; i++ {
		req := randomRequest(r, i%2 == 0)
		fast, full := solutionText(solve(req, false)), solutionText(solve(req, true))
		if fast != full {
			t.Fatalf("request %d:\n%s\nskipping rounds:\n%s\nall rounds:\n%s", i, describe(req), fast, full)
		}
	}
}
