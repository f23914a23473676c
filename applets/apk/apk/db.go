package apk

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
	"gobox/internal/apk/repo"
	"gobox/internal/apk/sign"
	"gobox/internal/apk/version"
	"gobox/internal/applet"
)

// pkg is one package the database knows: installed, available, or both
// (the same identity).
type pkg struct {
	*index.Package
	inst     *installeddb.Package // nil when not installed
	repos    []int                // indexes into db.repos holding it
	triggers []string
	// local marks a package available without a repository: a virtual
	// package of add -t, or a package file named on the command line
	// (file is then its path).
	local bool
	file  string
}

// loadedRepo is a repository and whether its index loaded.
type loadedRepo struct {
	*repo.Repository
	ok          bool
	description string // the index's DESCRIPTION
}

// db is the database handle: the root, its installed packages and the
// available ones. The commands that change the system will add the lock
// and the commit to it.
type db struct {
	e     *env
	root  string
	arch  string
	inst  *installeddb.DB
	repos []*loadedRepo
	pkgs  []*pkg
	keys  *sign.Keyring
}

// openFlags say what openDB loads.
type openFlags int

const (
	// withRepos: the repositories' indexes too (local ones directly,
	// remote ones from the cache).
	withRepos openFlags = 1 << iota
	// noState: a root without an installed database is opened as one
	// with no packages installed, as apk-tools opens it for the applets
	// that do not need its state (APK_OPENF_NO_STATE: search, fetch,
	// dot, verify); the others fail with "Unable to read database
	// state".
	noState
)

// openDB opens the database under the root.
func openDB(e *env, flags openFlags) (*db, error) {
	d := &db{e: e, root: e.root()}
	if _, err := os.Stat(d.root); err != nil {
		e.errorf("Unable to open root: %s", applet.ErrText(err))
		return nil, applet.Exit(99)
	}
	d.arch = compiledArch()
	if b, err := os.ReadFile(e.rootPath("etc/apk/arch")); err == nil {
		if f := strings.Fields(string(b)); len(f) > 0 {
			d.arch = f[0]
		}
	}
	if a := e.o.Str("arch"); a != "" {
		d.arch = a
	}
	f, err := os.Open(e.rootPath("lib/apk/db/installed"))
	switch {
	case err == nil:
		d.inst, err = installeddb.Parse(f, e.o.Has("force-old-apk") || e.o.Has("f"))
		f.Close()
	case flags&noState != 0 && errors.Is(err, fs.ErrNotExist):
		d.inst, err = &installeddb.DB{}, nil
	default:
		e.errorf("Unable to read database state: %s", applet.ErrText(err))
		e.errorf("Failed to open apk database: %s", applet.ErrText(err))
		return nil, applet.Exit(99)
	}
	if err != nil {
		var fe *installeddb.FormatError
		if errors.As(err, &fe) {
			e.errorf("%s", fe.Error())
		}
		e.errorf("Failed to open apk database: database file format error")
		return nil, applet.Exit(99)
	}
	trig := map[string][]string{}
	if b, err := os.ReadFile(e.rootPath("lib/apk/db/triggers")); err == nil {
		for _, t := range installeddb.ParseTriggers(b) {
			trig[t.Identity] = t.Globs
		}
	}
	byID := map[string]*pkg{}
	for _, ip := range d.inst.Packages {
		p := &pkg{Package: &ip.Package, inst: ip, triggers: trig[ip.Checksum]}
		d.pkgs = append(d.pkgs, p)
		if ip.Checksum != "" {
			byID[ip.Checksum] = p
		}
	}
	if flags&withRepos != 0 {
		d.loadRepos(byID)
	}
	return d, nil
}

// repoList returns the configured repositories in apk's load order: -X
// (the last first), then the repositories file(s).
func (d *db) repoList() *repo.List {
	e := d.e
	l := &repo.List{}
	xs := e.o.List("X")
	for i := len(xs) - 1; i >= 0; i-- {
		l.Add(xs[i], "")
	}
	if f := e.o.Str("repositories-file"); f != "" {
		b, err := os.ReadFile(e.ctx.Path(f))
		if err != nil {
			// apk-tools goes on without them, status unchanged.
			e.errorf("failed to read repositories: %s", f)
			if e.verbose >= 1 {
				fmt.Fprintln(e.out, "NOTE: --repositories-file is relative to the startup directory since apk 2.12.0_rc2")
			}
			return l
		}
		l.Parse(b)
		return l
	}
	if b, err := os.ReadFile(e.rootPath("etc/apk/repositories")); err == nil {
		l.Parse(b)
	}
	if ents, err := os.ReadDir(e.rootPath("etc/apk/repositories.d")); err == nil {
		for _, ent := range ents {
			if strings.HasSuffix(ent.Name(), ".list") {
				if b, err := os.ReadFile(e.rootPath("etc/apk/repositories.d/" + ent.Name())); err == nil {
					l.Parse(b)
				}
			}
		}
	}
	return l
}

// cacheDir returns the directory of cached indexes, or "" when there
// is none.
func (d *db) cacheDir() string {
	e := d.e
	if e.o.Has("no-cache") {
		return ""
	}
	if c := e.rootPath(e.o.StrOr("cache-dir", "etc/apk/cache")); isDir(c) {
		return c
	}
	if c := e.rootPath("var/cache/apk"); isDir(c) {
		return c
	}
	return ""
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func (d *db) loadRepos(byID map[string]*pkg) {
	e := d.e
	d.keys = sign.LoadDir(e.keysDir())
	cache := d.cacheDir()
	for _, r := range d.repoList().Repos {
		lr := &loadedRepo{Repository: r}
		d.repos = append(d.repos, lr)
		var data []byte
		var err error
		what := "opening"
		if r.Remote() {
			what = "opening from cache"
			if e.fetchIndex != nil {
				// A writing command refreshes the index (write.go).
				data, what, err = e.fetchIndex(d, r, cache)
			} else if cache == "" {
				err = errors.New("cache not available")
			} else {
				data, err = os.ReadFile(filepath.Join(cache, r.CacheName(d.arch)))
			}
		} else {
			data, err = os.ReadFile(r.IndexURL(d.arch))
		}
		var a *index.Archive
		if err == nil {
			a, err = index.ReadArchive(bytes.NewReader(data))
		}
		if err == nil && !e.o.Has("allow-untrusted") {
			err = a.Verify(d.keys)
		}
		if err != nil {
			e.warnf("%s %s: %s", what, repo.Display(r.Location), errText(err))
			continue
		}
		lr.ok = true
		lr.description = a.Description
		n := len(d.repos) - 1
		// The index's packages and their repository lists are made in
		// two arrays, not one by one (an index may hold 20,000).
		ps := make([]pkg, len(a.Index.Packages))
		rs := make([]int, len(a.Index.Packages))
		d.pkgs = slices.Grow(d.pkgs, len(a.Index.Packages))
		for i, ip := range a.Index.Packages {
			if p, ok := byID[ip.Checksum]; ok && ip.Checksum != "" {
				p.repos = append(p.repos, n)
				continue
			}
			rs[i] = n
			p := &ps[i]
			*p = pkg{Package: ip, repos: rs[i : i+1 : i+1]}
			d.pkgs = append(d.pkgs, p)
			if ip.Checksum != "" {
				byID[ip.Checksum] = p
			}
		}
	}
}

// errText words err as apk does: strerror for a system error, apk's own
// words (already in the error) otherwise.
func errText(err error) string {
	var errno syscall.Errno
	var pe *os.PathError
	if errors.As(err, &errno) || errors.As(err, &pe) {
		return applet.ErrText(err)
	}
	return err.Error()
}

// sortPkgs orders packages by name, then version.
func sortPkgs(ps []*pkg) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Name != ps[j].Name {
			return ps[i].Name < ps[j].Name
		}
		return version.Compare(ps[i].Version, ps[j].Version) < 0
	})
}

// named returns the packages called name or providing it, sorted.
func (d *db) named(name string) []*pkg {
	var out []*pkg
	for _, p := range d.pkgs {
		if p.Name == name || provides(p, name) {
			out = append(out, p)
		}
	}
	sortPkgs(out)
	return out
}

// provides reports whether p lists name in its provides.
func provides(p *pkg, name string) bool {
	for _, pr := range p.Provides {
		if d, err := dep.Parse(pr); err == nil && d.Name == name {
			return true
		}
	}
	return false
}

// installed returns the installed packages sorted by name.
func (d *db) installed() []*pkg {
	var out []*pkg
	for _, p := range d.pkgs {
		if p.inst != nil {
			out = append(out, p)
		}
	}
	sortPkgs(out)
	return out
}

// satisfies reports whether package p satisfies the dependency text s,
// under its own name or one of its provides.
func satisfies(p *pkg, s string) bool {
	dp, err := dep.Parse(s)
	if err != nil || dp.Conflict {
		return false
	}
	if dp.Name == p.Name && dp.Satisfied(&dep.Provider{Version: p.Version, Identity: p.Checksum}) {
		return true
	}
	for _, pr := range p.Provides {
		pd, err := dep.Parse(pr)
		if err != nil || pd.Name != dp.Name {
			continue
		}
		if dp.Satisfied(&dep.Provider{Version: pd.Version, Identity: p.Checksum}) {
			return true
		}
	}
	return false
}
