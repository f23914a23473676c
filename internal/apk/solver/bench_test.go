package solver

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
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
	benchSolve(b, &Request{World: world, Packages: pkgs, Repos: []Repository{{}, {}}, Width: 50})
}

// realIndex is Alpine 3.16's x86_64 main index (4929 packages).
const realIndex = "../../../../shared/fixtures/apk/alpine/APKINDEX-v3.16-x86_64.tar.gz"

// BenchmarkSolveAlpine solves a world of 50 names against Alpine 3.16's
// real index (its so:, cmd:, pc: provides, provider priorities and 1538
// install_if packages): alpine-base, as every Alpine world has (its
// busybox provides /bin/sh, which many packages need), and 49 names
// spread over the alphabet.
func BenchmarkSolveAlpine(b *testing.B) {
	pkgs := readIndex(b, realIndex)
	seen := map[string]bool{}
	var names []string
	for _, p := range pkgs {
		if !seen[p.Name] {
			seen[p.Name] = true
			names = append(names, p.Name)
		}
	}
	sort.Strings(names)
	world := []dep.Dep{{Name: "alpine-base", Op: 7}}
	for i := 0; i < 49; i++ {
		world = append(world, dep.Dep{Name: names[i*len(names)/49], Op: 7})
	}
	benchSolve(b, &Request{World: world, Packages: pkgs, Repos: []Repository{{}}, Width: 50})
}

// benchSolve times Solve and also reports the process's CPU time per
// solve, which a busy machine disturbs less than the elapsed time.
func benchSolve(b *testing.B, req *Request) {
	if sol := Solve(req); sol.Errors != 0 {
		b.Fatalf("errors: %s", sol.Report)
	}
	b.ReportAllocs()
	var r0, r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Solve(req)
	}
	b.StopTimer()
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := r1.Utime.Nano() + r1.Stime.Nano() - r0.Utime.Nano() - r0.Stime.Nano()
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
}

// readIndex reads the packages of an APKINDEX.tar.gz (a test's own
// reader, so that the benchmark does not depend on package index).
func readIndex(tb testing.TB, path string) []*Package {
	f, err := os.Open(path)
	if err != nil {
		tb.Skip(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f) // the signature and index members read as one tar
	if err != nil {
		tb.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err != nil {
			tb.Fatal(err)
		}
		if h.Name == "APKINDEX" {
			break
		}
	}
	deps := func(s string) []dep.Dep {
		l, err := dep.ParseList(s)
		if err != nil {
			tb.Fatal(err)
		}
		return l
	}
	var pkgs []*Package
	p := &Package{}
	sc := bufio.NewScanner(tr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			if p.Name != "" {
				p.Repos = []int{0}
				pkgs = append(pkgs, p)
			}
			p = &Package{}
			continue
		}
		k, v, _ := strings.Cut(line, ":")
		switch k {
		case "C":
			p.Identity = v
		case "P":
			p.Name = v
		case "V":
			p.Version = v
		case "D":
			p.Depends = deps(v)
		case "p":
			p.Provides = deps(v)
		case "i":
			p.InstallIf = deps(v)
		case "k":
			p.ProviderPriority, _ = strconv.Atoi(v)
		}
	}
	if err := sc.Err(); err != nil && err != io.EOF {
		tb.Fatal(err)
	}
	if p.Name != "" {
		p.Repos = []int{0}
		pkgs = append(pkgs, p)
	}
	return pkgs
}
