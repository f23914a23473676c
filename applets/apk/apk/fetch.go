package apk

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/apk/installeddb"
	"gobox/internal/apk/solver"
	"gobox/internal/apk/version"
	"gobox/internal/opt"
)

// fetchShort, fetchLong are "apk fetch"'s own options.
const fetchShort, fetchLong = "Rwlo:s", "recursive=R world=w link=l output=o stdout=s url built-after:"

// openReader opens the database for a command that reads repositories
// but changes nothing of the root's state (fetch, cache): no lock, and
// remote indexes come from the index cache as for the read-only
// commands (apk refreshes them for neither).
func openReader(e *env) (*writer, error) {
	w := &writer{e: e}
	d, err := openDB(e, withRepos|noState)
	if err != nil {
		return nil, err
	}
	w.d = d
	if b, err := os.ReadFile(e.rootPath("etc/apk/world")); err == nil {
		w.world = installeddb.ParseWorld(b)
	}
	return w, nil
}

// runFetch is "apk fetch" (apk.md 9.16): copies packages from the
// repositories into a directory (or stdout), without the installed
// state.
func runFetch(e *env, o *opt.Result, args []string) error {
	w, err := openReader(e)
	if err != nil {
		return err
	}
	var after int64
	if s := o.Str("built-after"); s != "" {
		if t, err := time.Parse("2006-01-02 15:04:05", s); err == nil {
			after = t.Unix()
		} else if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			after = n
		} else {
			e.errorf("invalid format for time '%s'", s)
			return status(99)
		}
	}
	var chosen []*pkg
	errs := 0
	if o.Has("R") || o.Has("w") {
		world := append([]string(nil), args...)
		if o.Has("w") {
			world = append(world, w.world...)
		}
		req, m := w.request(world)
		// apk fetch opens the database without its installed state.
		kept := req.Packages[:0]
		for _, sp := range req.Packages {
			if len(sp.Repos) > 0 {
				sp.Installed = false
				kept = append(kept, sp)
			}
		}
		req.Packages = kept
		sol := solver.Solve(req)
		if sol.Errors > 0 {
			e.out.Flush()
			io.WriteString(e.ctx.Stderr, sol.Report)
			return status(1)
		}
		for _, sp := range sol.Packages {
			chosen = append(chosen, m[sp])
		}
	} else {
		globs := false
		for _, a := range args {
			globs = globs || isGlob(a)
		}
		for _, a := range args {
			ps := w.bestByPattern(a)
			switch {
			case len(ps) > 0:
			case globs:
				// apk then matches every name against the patterns
				// and ignores those that match nothing.
			case w.providedInRepo(a):
				// Provided by others: apk selects nothing, silently.
			default:
				fmt.Fprintf(e.out, "%s: unable to select package (or its dependencies)\n", a)
				if !w.knownName(a) {
					errs++
				}
			}
			chosen = append(chosen, ps...)
		}
	}
	dir := e.ctx.Path(o.StrOr("o", "."))
	// apk opens the directory once; when that fails every package
	// fails on the bad descriptor.
	var dirErr error
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		dirErr = unix.EBADF
	}
	seen := map[*pkg]bool{}
	for _, p := range chosen {
		if seen[p] || (after != 0 && p.BuildTime < after) {
			continue
		}
		seen[p] = true
		if err := w.fetchOne(p, dir, dirErr); err != nil {
			e.errorf("%s: %s", p.NameVersion(), errText(err))
			errs++
		}
	}
	return status(errs)
}

// bestByPattern returns, for each package name matching pat (a glob
// or a plain name), the newest version a repository has. A name only
// provided by others selects nothing, as in apk.
func (w *writer) bestByPattern(pat string) []*pkg {
	best := map[string]*pkg{}
	for _, p := range w.d.pkgs {
		if !w.repoHas(p) || !matchGlob(pat, p.Name) {
			continue
		}
		if b := best[p.Name]; b == nil || version.Compare(p.Version, b.Version) > 0 {
			best[p.Name] = p
		}
	}
	names := make([]string, 0, len(best))
	for n := range best {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*pkg, len(names))
	for i, n := range names {
		out[i] = best[n]
	}
	return out
}

// providedInRepo reports whether a repository package provides name.
func (w *writer) providedInRepo(name string) bool {
	for _, p := range w.d.named(name) {
		if w.repoHas(p) {
			return true
		}
	}
	return false
}

// knownName reports whether any package has, provides or depends on
// name: apk counts an error only for names it has never heard of.
func (w *writer) knownName(name string) bool {
	for _, p := range w.d.pkgs {
		if p.Name == name {
			return true
		}
		for _, l := range [][]string{p.Provides, p.Depends, p.InstallIf} {
			for _, s := range l {
				if worldName(s) == name {
					return true
				}
			}
		}
	}
	return false
}

func matchGlob(pat, s string) bool {
	ok, _ := path.Match(pat, s)
	return ok
}

// fetchOne copies one package into dir, or to stdout with -s.
func (w *writer) fetchOne(p *pkg, dir string, dirErr error) error {
	e := w.e
	o := e.o
	url := w.packageURL(p)
	dest := filepath.Join(dir, p.NameVersion()+".apk")
	if !o.Has("s") {
		if fi, err := os.Stat(dest); err == nil && fi.Size() == p.Size && p.Size > 0 {
			return nil
		}
		if o.Has("url") {
			fmt.Fprintln(e.out, url)
		} else if e.verbose >= 1 {
			fmt.Fprintf(e.out, "Downloading %s\n", p.NameVersion())
		}
	}
	if o.Has("simulate") {
		return nil
	}
	if dirErr != nil && !o.Has("s") {
		return dirErr
	}
	// -l links only from file:// repositories: apk does not take a
	// plain path for a local URL there.
	if local, ok := strings.CutPrefix(url, "file://"); ok && o.Has("l") && !o.Has("s") {
		os.Remove(dest)
		if os.Link(local, dest) == nil {
			return nil
		}
	}
	src, err := w.openPackage(p)
	if stale := (*indexStaleError)(nil); errors.As(err, &stale) {
		return stale.err
	}
	if err != nil {
		return err
	}
	defer src.Close()
	if o.Has("s") {
		e.out.Flush()
		_, err := io.Copy(e.ctx.Stdout, src)
		return err
	}
	tmp := dest + ".apknew"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dest)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// packageURL is where p is fetched from: its first loaded repository.
func (w *writer) packageURL(p *pkg) string {
	for _, i := range p.repos {
		r := w.d.repos[i]
		if !r.ok {
			continue
		}
		arch := p.Arch
		if arch == "" {
			arch = w.d.arch
		}
		return r.PackageURL(arch, p.Name, p.Version)
	}
	return ""
}
