package solver

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/apk/dep"
)

// pkgLine reads a test package: "name=ver D:a,b p:x=1,y i:a,b k:N r:0,1"
// (r: lists repository indexes; the default is repository 0).
func pkgLine(t testing.TB, line string) *Package {
	t.Helper()
	f := strings.Fields(line)
	nv := strings.SplitN(f[0], "=", 2)
	p := &Package{Name: nv[0], Version: nv[1], Identity: "Q1" + nv[0] + "-" + nv[1] + "="}
	list := func(s string) []dep.Dep {
		var l []dep.Dep
		for _, x := range strings.Split(s, ",") {
			d, err := dep.Parse(x)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			l = append(l, d)
		}
		return l
	}
	repos := "0"
	for _, x := range f[1:] {
		k, v, _ := strings.Cut(x, ":")
		switch k {
		case "D":
			p.Depends = list(v)
		case "p":
			p.Provides = list(v)
			for i := range p.Provides {
				// a provide "x=1" is stored with its version, "x" as virtual
				if !p.Provides[i].Versioned() {
					p.Provides[i].Version = ""
				}
			}
		case "i":
			p.InstallIf = list(v)
		case "k":
			p.ProviderPriority, _ = strconv.Atoi(v)
		case "r":
			repos = v
		default:
			t.Fatalf("bad field %q", x)
		}
	}
	if repos != "" {
		for _, r := range strings.Split(repos, ",") {
			n, _ := strconv.Atoi(r)
			p.Repos = append(p.Repos, n)
		}
	}
	return p
}

// setup builds a request: packages (one per line), the installed ones
// ("name=ver" or "name=ver@tag"; one not in the list is added as
// installed only), world (space separated) and repository tags.
func setup(t testing.TB, pkgs, installed, world string, tags ...string) *Request {
	t.Helper()
	req := &Request{Width: 50}
	for _, l := range strings.Split(pkgs, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			req.Packages = append(req.Packages, pkgLine(t, l))
		}
	}
	for _, s := range strings.Fields(installed) {
		nv, tag, _ := strings.Cut(s, "@")
		found := false
		for _, p := range req.Packages {
			if p.Name+"="+p.Version == nv {
				p.Installed, p.Tag, found = true, tag, true
			}
		}
		if !found {
			t.Fatalf("installed %q not in the packages", s)
		}
	}
	var err error
	if req.World, err = dep.ParseList(world); err != nil {
		t.Fatal(err)
	}
	if len(tags) == 0 {
		tags = []string{"", ""}
	}
	for _, tag := range tags {
		req.Repos = append(req.Repos, Repository{Tag: tag})
	}
	return req
}

// output prints a solution as apk would: change lines, or the report and
// the exit status.
func output(sol *Solution) string {
	var b strings.Builder
	if sol.Errors > 0 {
		b.WriteString(sol.Report)
		fmt.Fprintf(&b, "[exit %d]\n", min(sol.Errors, 99))
		return b.String()
	}
	for i, c := range sol.Changes {
		fmt.Fprintf(&b, "(%d/%d) %s\n", i+1, len(sol.Changes), c)
	}
	return b.String()
}
