package solver

import (
	"fmt"
	"testing"

	"gobox/internal/apk/dep"
)

// genIndex makes a deterministic index of n packages: 4 versions of n/4
// names, each depending on a few lower-numbered names and a shared
// library, half of them providing a so: and a cmd: name.
func genIndex(n int) []*Package {
	names := n / 4
	pkgs := make([]*Package, 0, n)
	for i := 0; i < names; i++ {
		for v := 0; v < 4; v++ {
			p := &Package{
				Name:     fmt.Sprintf("pkg%05d", i),
				Version:  fmt.Sprintf("1.%d-r%d", v, i%3),
				Identity: fmt.Sprintf("Q1p%dv%d=", i, v),
				Repos:    []int{v % 2},
			}
			if i%2 == 0 {
				p.Provides = []dep.Dep{
					{Name: fmt.Sprintf("so:lib%05d.so.1", i), Op: 2, Version: fmt.Sprintf("1.%d", v)},
					{Name: fmt.Sprintf("cmd:c%05d", i), Op: 2, Version: p.Version},
				}
			}
			for k := 1; k <= 3 && i-k*7 >= 0; k++ {
				j := i - k*7
				if j%2 == 0 {
					p.Depends = append(p.Depends, dep.Dep{Name: fmt.Sprintf("so:lib%05d.so.1", j), Op: 7})
				} else {
					p.Depends = append(p.Depends, dep.Dep{Name: fmt.Sprintf("pkg%05d", j), Op: 6, Version: "1.1"})
				}
			}
			pkgs = append(pkgs, p)
		}
	}
	return pkgs
}

// BenchmarkSolve500 solves a world of 500 names against 20,000 packages.
func BenchmarkSolve500(b *testing.B) {
	pkgs := genIndex(20000)
	var world []dep.Dep
	for i := 0; i < 500; i++ {
		world = append(world, dep.Dep{Name: fmt.Sprintf("pkg%05d", i*9), Op: 7})
	}
	req := &Request{World: world, Packages: pkgs, Repos: []Repository{{}, {}}, Width: 50}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sol := Solve(req)
		if sol.Errors != 0 {
			b.Fatalf("errors: %s", sol.Report)
		}
	}
}
