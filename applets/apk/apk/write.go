package apk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/apk/commit"
	"gobox/internal/apk/dep"
	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
	"gobox/internal/apk/repo"
	"gobox/internal/apk/solver"
	"gobox/internal/applet"
	"gobox/internal/httpclient"
)

// writer is the database opened for a command that changes the system
// (add, del, fix, upgrade): the root's descriptor, the lock, the world,
// the scripts and who owns each file.
type writer struct {
	e       *env
	d       *db
	root    *commit.Root
	lock    *os.File
	world   []string
	scripts []*installeddb.Script
	prot    *commit.ProtectedRules
	owner   map[string]*installeddb.Package // file path -> owner
	sim     bool
	http    *httpclient.Client
	// touched are the directories that gained or lost files in this
	// commit; changed the packages installed or upgraded (for triggers).
	touched map[string]bool
	changed map[*installeddb.Package]bool
	trig    map[*installeddb.Package][]string
	// forceRefresh downloads every index (apk update); unavailable and
	// stale count the remote repositories that failed (apk.md 4.4).
	forceRefresh       bool
	unavailable, stale int
	// afterFile is the tests' hook into extraction.
	afterFile func(string)
}

// writeOpts are what a writing command asks of openWriter.
type writeOpts struct {
	initdb     bool
	autoUpdate bool // refresh stale remote indexes (add, fix, upgrade, update)
	// forceRefresh downloads every remote index (apk update).
	forceRefresh bool
}

// openWriter opens the root for writing: --initdb layout, the lock,
// the indexes (refreshed when stale), world and scripts.
func openWriter(e *env, wo writeOpts) (*writer, error) {
	w := &writer{e: e, sim: e.o.Has("simulate") || e.o.Has("s"), forceRefresh: wo.forceRefresh, touched: map[string]bool{}, changed: map[*installeddb.Package]bool{}, trig: map[*installeddb.Package][]string{}}
	rootDir := e.root()
	if wo.initdb && !w.sim {
		os.MkdirAll(rootDir, 0o755)
	}
	r, err := commit.Open(rootDir)
	if err != nil {
		e.errorf("Unable to open root: %s", applet.ErrText(err))
		e.errorf("Failed to open apk database: %s", applet.ErrText(err))
		return nil, applet.Exit(99)
	}
	w.root = r
	if wo.initdb && !w.sim {
		if err := r.InitDB(); err != nil {
			e.errorf("Failed to open apk database: %s", applet.ErrText(err))
			return nil, applet.Exit(99)
		}
	}
	if !w.sim {
		lock, err := r.Lock()
		if err != nil {
			if errors.Is(err, unix.EWOULDBLOCK) {
				e.errorf("Unable to lock database: temporary error (try again later)")
				e.errorf("Failed to open apk database: temporary error (try again later)")
			} else {
				e.errorf("Failed to open apk database: %s", applet.ErrText(err))
			}
			return nil, applet.Exit(99)
		}
		w.lock = lock
		r.MkdirAll("var/cache/apk", 0o755)
	}
	if wo.autoUpdate && !w.sim && !e.o.Has("no-network") {
		e.fetchIndex = w.fetchIndex
	}
	d, err := openDB(e, withRepos)
	e.fetchIndex = nil
	if err != nil {
		return nil, err
	}
	w.d = d
	if b, err := os.ReadFile(e.rootPath("etc/apk/world")); err == nil {
		w.world = installeddb.ParseWorld(b)
	}
	if f, err := os.Open(e.rootPath("lib/apk/db/scripts.tar")); err == nil {
		w.scripts, _ = installeddb.ParseScripts(f)
		f.Close()
	}
	rules := commit.BuiltinProtected()
	if ents, err := os.ReadDir(e.rootPath("etc/apk/protected_paths.d")); err == nil {
		for _, ent := range ents {
			if strings.HasSuffix(ent.Name(), ".list") {
				if b, err := os.ReadFile(e.rootPath("etc/apk/protected_paths.d/" + ent.Name())); err == nil {
					rules = append(rules, strings.Split(string(b), "\n")...)
				}
			}
		}
	}
	w.prot = commit.NewProtected(rules)
	w.owner = map[string]*installeddb.Package{}
	for _, p := range d.inst.Packages {
		w.own(p)
	}
	return w, nil
}

// own records p as the owner of its files.
func (w *writer) own(p *installeddb.Package) {
	for _, dir := range p.Dirs {
		for _, f := range dir.Files {
			w.owner[dir.Path(f)] = p
		}
	}
}

func (w *writer) close() {
	if w.lock != nil {
		w.lock.Close()
	}
	if w.root != nil {
		w.root.Close()
	}
}

// client returns the HTTP client, made on first use.
func (w *writer) client() *httpclient.Client {
	if w.http == nil {
		w.http = httpclient.New()
		w.http.Env = w.e.ctx.Getenv
		w.http.RootDir = w.e.root()
		w.http.UserAgent = "apk-tools/2.14.4"
		w.http.Timeout = 60 * time.Second
		w.http.InsecureSkipVerify = w.e.o.Has("no-check-certificate")
	}
	return w.http
}

// get downloads url.
func (w *writer) get(url string) (io.ReadCloser, error) {
	resp, err := w.client().Get(w.e.ctx.Context, url)
	if err != nil {
		return nil, netErr(err)
	}
	return resp.Body, nil
}

// netErr words a download failure as apk does.
func netErr(err error) error {
	var se *httpclient.StatusError
	switch {
	case errors.As(err, &se):
		return errors.New("remote server returned error (try 'apk update')")
	case errors.Is(err, unix.ECONNREFUSED):
		return errors.New("could not connect to server (check repositories file)")
	case errors.Is(err, os.ErrDeadlineExceeded):
		return errors.New("operation timed out")
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return errors.New("DNS lookup error")
	}
	return errors.New("network error (check Internet connection and firewall)")
}

// maxAge is how old a cached index may be before a writing command
// downloads it again (apk.md 4.4).
func (w *writer) maxAge() time.Duration {
	e := w.e
	switch {
	case e.o.Has("U"):
		return time.Minute
	case e.o.Has("cache-max-age"):
		var n int
		for _, c := range e.o.Str("cache-max-age") {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return time.Duration(n) * time.Minute
	}
	return 4 * time.Hour
}

// fetchIndex loads a remote index for a writing command: from the
// cache when fresh, else downloaded to .apknew.<name>, verified and
// renamed over the cached copy (apk.md 4.4).
func (w *writer) fetchIndex(d *db, r *repo.Repository, cache string) ([]byte, string, error) {
	e := w.e
	url := r.IndexURL(d.arch)
	if e.o.Has("no-cache") || cache == "" {
		fmt.Fprintf(e.out, "fetch %s\n", repo.Display(url))
		data, err := w.download(url)
		return data, "opening", err
	}
	name := filepath.Join(cache, r.CacheName(d.arch))
	fi, err := os.Stat(name)
	if err == nil && !w.forceRefresh && !e.o.Has("force-refresh") && time.Since(fi.ModTime()) < w.maxAge() {
		data, err := os.ReadFile(name)
		return data, "opening from cache", err
	}
	if e.verbose >= 1 {
		fmt.Fprintf(e.out, "fetch %s\n", repo.Display(url))
	}
	data, derr := w.download(url)
	if derr == nil {
		derr = w.checkIndex(d, data)
	}
	if derr == nil {
		tmp := filepath.Join(cache, ".apknew."+r.CacheName(d.arch))
		if err := os.WriteFile(tmp, data, 0o644); err == nil {
			os.Rename(tmp, name)
		}
		return data, "opening", nil
	}
	old, err := os.ReadFile(name)
	if err != nil {
		w.unavailable++
		return nil, "updating and opening", derr
	}
	w.stale++
	e.warnf("updating %s: %s", repo.Display(r.Location), errText(derr))
	return old, "opening from cache", nil
}

// checkIndex verifies a downloaded index before it replaces the cache.
func (w *writer) checkIndex(d *db, data []byte) error {
	a, err := index.ReadArchive(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if w.e.o.Has("allow-untrusted") {
		return nil
	}
	return a.Verify(d.keys)
}

// download reads a whole URL (indexes are small).
func (w *writer) download(url string) ([]byte, error) {
	body, err := w.get(url)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, netErr(err)
	}
	return data, nil
}

// packageCache returns the package cache directory (etc/apk/cache or
// --cache-dir) when it is enabled, else "".
func (w *writer) packageCache() string {
	e := w.e
	if e.o.Has("no-cache") {
		return ""
	}
	if c := e.rootPath(e.o.StrOr("cache-dir", "etc/apk/cache")); isDir(c) {
		return c
	}
	return ""
}

// cacheFile is the name of a package in the cache:
// <name>-<version>.<first 4 bytes of the identity in hex>.apk.
func cacheFile(p *pkg) string {
	id := p.Identity()
	short := ""
	if len(id) >= 4 {
		short = fmt.Sprintf("%x", id[:4])
	}
	return p.Name + "-" + p.Version + "." + short + ".apk"
}

// available reports whether a package file can be had: a loaded
// repository or the cache holds it.
func (w *writer) available(p *pkg) bool {
	if p.local {
		return true
	}
	for _, i := range p.repos {
		if r := w.d.repos[i]; r.ok && !(r.Remote() && w.e.o.Has("no-network")) {
			return true
		}
	}
	if c := w.packageCache(); c != "" {
		if _, err := os.Stat(filepath.Join(c, cacheFile(p))); err == nil {
			return true
		}
	}
	return false
}

// openPackage opens the .apk of p: the cache, a local repository, or a
// download (kept in the cache when it is enabled).
func (w *writer) openPackage(p *pkg) (io.ReadCloser, error) {
	if p.file != "" {
		return os.Open(p.file)
	}
	cache := w.packageCache()
	if cache != "" {
		if f, err := os.Open(filepath.Join(cache, cacheFile(p))); err == nil {
			return f, nil
		}
	}
	var lastErr error = errors.New("could not find a repo which provides this package (check repositories file and run 'apk update')")
	for _, i := range p.repos {
		r := w.d.repos[i]
		if !r.ok {
			continue
		}
		arch := p.Arch
		if arch == "" {
			arch = w.d.arch
		}
		url := r.PackageURL(arch, p.Name, p.Version)
		if !r.Remote() {
			f, err := os.Open(url)
			if err != nil {
				if errors.Is(err, os.ErrNotExist) {
					lastErr = &indexStaleError{err}
				} else {
					lastErr = err
				}
				continue
			}
			return f, nil
		}
		if w.e.o.Has("no-network") {
			continue
		}
		body, err := w.get(url)
		if err != nil {
			lastErr = err
			continue
		}
		if cache == "" {
			return body, nil
		}
		// Kept in the cache: downloaded to a temporary name first.
		name := filepath.Join(cache, cacheFile(p))
		tmp := filepath.Join(cache, ".apknew."+cacheFile(p))
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			body.Close()
			return nil, err
		}
		_, err = io.Copy(f, body)
		body.Close()
		if err == nil {
			err = os.Rename(tmp, name)
		}
		if err != nil {
			f.Close()
			os.Remove(tmp)
			lastErr = netErr(err)
			continue
		}
		f.Seek(0, io.SeekStart)
		return f, nil
	}
	return nil, lastErr
}

// parseWorld reads world entries as dependencies, skipping bad ones.
func parseWorld(world []string) []dep.Dep {
	var out []dep.Dep
	for _, s := range world {
		if d, err := dep.Parse(s); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// request maps the database to the solver's input.
func (w *writer) request(world []string) (*solver.Request, map[*solver.Package]*pkg) {
	return w.requestOf(world, false)
}

// requestOf is request; all gives the solver every package it may
// choose, not only those the world reaches (for the tests, which check
// that the answers are the same).
func (w *writer) requestOf(world []string, all bool) (*solver.Request, map[*solver.Package]*pkg) {
	req := &solver.Request{World: parseWorld(world), Width: w.e.width, NameFlags: map[string]solver.Flags{}}
	for _, r := range w.d.repos {
		t := ""
		if len(r.Tags) > 0 {
			t = r.Tags[0]
		}
		req.Repos = append(req.Repos, solver.Repository{Tag: t})
	}
	// The packages the world can reach, in database order, and their
	// dependencies live in a few arrays sized up front.
	marked := w.reachable(req.World)
	if all {
		for i, p := range w.d.pkgs {
			marked[i] = w.solvable(p)
		}
	}
	np, nd, nr := 0, 0, 0
	for i, p := range w.d.pkgs {
		if marked[i] {
			np++
			nd += len(p.Provides) + len(p.Depends) + len(p.InstallIf)
			nr += len(p.repos)
		}
	}
	repos := make([]int, 0, nr)
	m := make(map[*solver.Package]*pkg, np)
	sps := make([]solver.Package, np)
	req.Packages = make([]*solver.Package, 0, np)
	deps := make([]dep.Dep, 0, nd)
	// list parses the fields of one list as dep.ParseList their joined
	// text: a list with a bad entry is dropped whole.
	list := func(fields []string) []dep.Dep {
		lo := len(deps)
		for _, f := range fields {
			d, err := dep.Parse(f)
			if err != nil {
				deps = deps[:lo]
				return nil
			}
			deps = append(deps, d)
		}
		if len(deps) == lo {
			return nil
		}
		return deps[lo:len(deps):len(deps)]
	}
	for i, p := range w.d.pkgs {
		if !marked[i] {
			continue
		}
		sp := &sps[len(req.Packages)]
		*sp = solver.Package{Name: p.Name, Version: p.Version, Identity: p.Checksum, ProviderPriority: int(p.ProviderPriority), Installed: p.inst != nil}
		sp.Provides = list(p.Provides)
		sp.Depends = list(p.Depends)
		sp.InstallIf = list(p.InstallIf)
		lo := len(repos)
		for _, i := range p.repos {
			if w.d.repos[i].ok {
				repos = append(repos, i)
			}
		}
		if len(repos) > lo {
			sp.Repos = repos[lo:len(repos):len(repos)]
		}
		if p.inst != nil {
			sp.Tag = p.inst.Tag
		}
		req.Packages = append(req.Packages, sp)
		m[sp] = p
	}
	return req, m
}

// solvable: the solver may choose p (installed, in a loaded repository,
// or given on the command line).
func (w *writer) solvable(p *pkg) bool { return p.inst != nil || w.repoHas(p) || p.local }

func (w *writer) repoHas(p *pkg) bool {
	for _, i := range p.repos {
		if w.d.repos[i].ok {
			return true
		}
	}
	return false
}

// solve runs the solver; on failure it prints apk's report and returns
// the exit status.
func (w *writer) solve(req *solver.Request) (*solver.Solution, error) {
	sol := solver.Solve(req)
	if sol.Errors > 0 {
		w.e.out.Flush()
		io.WriteString(w.e.ctx.Stderr, sol.Report)
		return nil, status(sol.Errors)
	}
	return sol, nil
}

// ctxBackground is the context scripts run under.
func (w *writer) ctx() context.Context { return w.e.ctx.Context }

// indexStaleError is a package file that a local repository's index
// lists but the repository lacks: apk-tools' "package mentioned in index
// not found" where it installs, the file's own error where it fetches
// (it maps ENOENT only when unpacking).
type indexStaleError struct{ err error }

func (e *indexStaleError) Error() string {
	return "package mentioned in index not found (try 'apk update')"
}

func (e *indexStaleError) Unwrap() error { return e.err }
