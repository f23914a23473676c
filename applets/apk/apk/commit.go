package apk

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"gobox/internal/apk/commit"
	"gobox/internal/apk/dep"
	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
	"gobox/internal/apk/pkgfile"
	"gobox/internal/apk/solver"
	"gobox/internal/apk/version"
)

// commitChanges applies the solver's changes (apk.md section 8): the
// change lines, each package installed, upgraded or removed in order,
// triggers, the database files, and the summary line. It returns the
// exit status: failed plus broken packages.
func (w *writer) commitChanges(sol *solver.Solution, m map[*solver.Package]*pkg, world []string) error {
	e := w.e
	if bad := w.missingTags(world); bad != "" && !e.o.Has("force-broken-world") {
		e.warnf("The repository tag for world dependency '%s' does not exist", bad)
		e.errorf("Not committing changes due to missing repository tags. Use --force-broken-world to override.")
		return status(99)
	}
	errs := 0
	total := len(sol.Changes)
	for i, c := range sol.Changes {
		line := c.String()
		var np *pkg
		if c.New != nil {
			np = m[c.New]
		}
		skip := false
		if c.Verb == solver.Reinstalling && np.InstalledSize != 0 && !w.available(np) {
			line = "[APK unavailable, skipped] " + line
			skip = true
		}
		if e.verbose >= 1 {
			fmt.Fprintf(e.out, "(%d/%d) %s\n", i+1, total, line)
		}
		if w.sim || skip {
			continue
		}
		var old *installeddb.Package
		if c.Old != nil {
			old = m[c.Old].inst
		}
		if c.New == nil {
			w.remove(old)
			continue
		}
		if !w.install(np, old, c) {
			errs++
		}
	}
	if !w.sim {
		w.runTriggers()
		if err := w.writeState(world); err != nil {
			e.errorf("%s", errText(err))
			errs++
		}
	}
	for _, p := range w.d.inst.Packages {
		if p.Broken != "" {
			errs++
		}
	}
	w.summary(errs)
	return status(errs)
}

// missingTags returns the first world dependency naming a tag no
// repository has.
func (w *writer) missingTags(world []string) string {
	tags := map[string]bool{}
	for _, r := range w.d.repos {
		for _, t := range r.Tags {
			tags[t] = true
		}
	}
	for _, s := range world {
		if d, err := dep.Parse(s); err == nil && d.Tag != "" && !tags[d.Tag] {
			return s
		}
	}
	return ""
}

// summary prints "OK: 8 MiB in 16 packages" or its error form.
func (w *writer) summary(errs int) {
	e := w.e
	if e.verbose < 1 {
		return
	}
	var size int64
	dirs := map[string]bool{}
	files := 0
	for _, p := range w.d.inst.Packages {
		size += p.InstalledSize
		for _, d := range p.Dirs {
			dirs[d.Name] = true
			files += len(d.Files)
		}
	}
	// apk's count includes the root directory itself.
	ndirs := len(dirs) + 1
	if dirs[""] {
		ndirs--
	}
	prefix := "OK:"
	switch {
	case errs == 1:
		prefix = "1 error;"
	case errs > 1:
		prefix = fmt.Sprintf("%d errors;", errs)
	}
	if e.verbose >= 2 {
		fmt.Fprintf(e.out, "%s %d packages, %d dirs, %d files, %d MiB\n", prefix, len(w.d.inst.Packages), ndirs, files, size>>20)
		return
	}
	fmt.Fprintf(e.out, "%s %d MiB in %d packages\n", prefix, size>>20, len(w.d.inst.Packages))
}

// script returns the stored script of type typ of an installed package.
func (w *writer) script(p *installeddb.Package, typ string) []byte {
	for _, s := range w.scripts {
		if s.Identity == p.Checksum && s.Type == typ && s.Name == p.NameVersion() {
			return s.Data
		}
	}
	return nil
}

// runScript runs one package script, printing apk's lines; it reports
// whether the script succeeded (or there was none).
func (w *writer) runScript(namever, typ string, data []byte, args ...string) bool {
	e := w.e
	if data == nil || e.o.Has("no-scripts") {
		return true
	}
	fmt.Fprintf(e.out, "Executing %s.%s\n", namever, typ)
	e.out.Flush()
	stdin, stdout, stderr := e.ctx.Stdin, io.Writer(e.ctx.Stdout), e.ctx.Stderr
	if f := e.ctx.File(0); f != nil {
		stdin = f
	}
	if f := e.ctx.File(1); f != nil {
		stdout = f
	}
	err := w.root.RunScript(w.ctx(), namever, typ, data, args, stdin, stdout, stderr)
	if err == nil {
		return true
	}
	if se, ok := err.(*commit.ScriptError); ok {
		e.errorf("%s.%s: %s", namever, typ, se.Text)
	} else {
		e.errorf("%s.%s: failed to execute: %s", namever, typ, errText(err))
	}
	return false
}

// addFlag adds a broken flag once.
func addFlag(p *installeddb.Package, f string) {
	if !strings.Contains(p.Broken, f) {
		p.Broken += f
		// apk writes the flags in a fixed order.
		var b []byte
		for _, c := range "fsx" {
			if strings.ContainsRune(p.Broken, c) {
				b = append(b, byte(c))
			}
		}
		p.Broken = string(b)
	}
}

// install installs, upgrades or reinstalls one package (apk.md 8.1).
// It reports false when the package failed and was not installed.
func (w *writer) install(np *pkg, old *installeddb.Package, c solver.Change) bool {
	e := w.e
	nv := np.NameVersion()
	ip := &installeddb.Package{Package: *np.Package, Tag: c.Tag}
	ip.Package.Unknown, ip.Package.UnknownUpper = false, false
	if np.InstalledSize == 0 {
		// A meta package is only recorded (apk.md 8.1).
		if old != nil {
			ip.Replaces, ip.ReplacesPriority = old.Replaces, old.ReplacesPriority
		}
		w.replaceInstalled(old, ip, np)
		return true
	}
	fail := func(err error) bool {
		e.errorf("%s: %s", nv, errText(err))
		return false
	}
	f, err := w.openPackage(np)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	pr, err := pkgfile.NewReader(f)
	if err != nil {
		return fail(err)
	}
	if pr.HasDataHash() && index.EncodeChecksum(pr.Identity()) != np.Checksum {
		return fail(errBad())
	}
	if pr.Info != nil {
		ip.Replaces, ip.ReplacesPriority = pr.Info.Replaces, pr.Info.ReplacesPriority
	}
	scripts := map[string][]byte{}
	for _, s := range pr.Scripts {
		scripts[s.Type] = s.Data
	}
	for _, o := range pr.Other {
		if o == ".INSTALL" {
			e.warnf("Package '%s' contains deprecated .INSTALL", nv)
		}
	}
	ok := true
	runPre := func() {
		if old == nil {
			ok = w.runScript(nv, "pre-install", scripts["pre-install"], np.Version) && ok
		} else {
			ok = w.runScript(nv, "pre-upgrade", scripts["pre-upgrade"], np.Version, old.Version) && ok
		}
	}
	if pr.HasDataHash() {
		runPre()
	}
	opts := commit.Options{Chown: isRoot() && !e.o.Has("no-chown"), AfterFile: w.afterFile}
	if e.verbose >= 4 {
		opts.Verbose = func(l string) { fmt.Fprintln(e.out, l) }
	}
	st, err := w.root.Extract(np.Name, nv, pr, opts)
	if err == nil {
		err = pr.Close()
	}
	if err == nil && !pr.HasDataHash() && index.EncodeChecksum(pr.Identity()) != np.Checksum {
		err = errBad()
	}
	if err != nil {
		st.Abort()
		return fail(err)
	}
	if !pr.HasDataHash() {
		e.warnf("Support for packages without datahash will be dropped in apk-tools 3.")
		runPre()
	}
	for _, p := range st.Problems {
		if p.Level == "ERROR" {
			e.errorf("%s", p.Text)
		} else {
			e.warnf("%s", p.Text)
		}
	}
	if st.Broken() {
		addFlag(ip, "f")
	}
	if !ok {
		addFlag(ip, "s")
	}
	// Record the new package (flagged) before its files move into
	// place: an interruption from here on leaves a database that names
	// the package as broken, and "apk fix" reinstalls it.
	ip.Dirs = st.Dirs
	w.replaceInstalled(old, ip, np)
	saved := ip.Broken
	addFlag(ip, "f")
	w.journal()
	ip.Broken = saved

	skipped := st.Commit(commit.Moves{
		Decide:         func(en *commit.Entry) commit.Place { return w.decide(ip, old, en) },
		Protected:      w.prot.Protected,
		Known:          w.known(old),
		CleanProtected: e.o.Has("clean-protected"),
	})
	if len(skipped) > 0 {
		drop := map[string]bool{}
		for _, en := range skipped {
			drop[en.Path()] = true
		}
		for _, d := range ip.Dirs {
			kept := d.Files[:0]
			for _, f := range d.Files {
				if !drop[d.Path(f)] {
					kept = append(kept, f)
				}
			}
			d.Files = kept
		}
	}
	newPaths := map[string]bool{}
	for _, d := range ip.Dirs {
		for _, f := range d.Files {
			newPaths[d.Path(f)] = true
			w.touched[d.Name] = true
		}
	}
	if old != nil {
		// Files the new version no longer has (apk.md 8.1).
		for _, dir := range w.root.RemoveFiles(old, commit.Removal{
			Keep:      func(p string) bool { return newPaths[p] || (w.owner[p] != nil && w.owner[p] != old) },
			KeepDir:   func(d string) bool { return w.dirOwned(d, old) },
			Protected: w.prot.Protected,
			Purge:     e.o.Has("purge"),
		}) {
			w.touched[dir] = true
		}
		for _, d := range old.Dirs {
			for _, f := range d.Files {
				if w.owner[d.Path(f)] == old {
					delete(w.owner, d.Path(f))
				}
			}
		}
	}
	w.own(ip)
	w.changed[ip] = true
	// The scripts kept for later (deinstall, triggers) are the new ones.
	w.setScripts(old, ip, pr.Scripts)
	if pr.Info != nil && len(pr.Info.Triggers) > 0 {
		w.trig[ip] = pr.Info.Triggers
	}
	if old == nil {
		ok = w.runScript(nv, "post-install", scripts["post-install"], np.Version)
	} else {
		ok = w.runScript(nv, "post-upgrade", scripts["post-upgrade"], np.Version, old.Version)
	}
	if !ok {
		addFlag(ip, "s")
	}
	return true
}

// decide applies the file ownership rules (apk.md 8.1) to one entry of
// the package ip replacing old.
func (w *writer) decide(ip, old *installeddb.Package, en *commit.Entry) commit.Place {
	o := w.owner[en.Path()]
	if o == nil || o == old || o == ip || o.Name == ip.Name {
		return commit.Install
	}
	if o.Origin != "" && o.Origin == ip.Origin {
		return commit.Install
	}
	if matchesAny(ip.Replaces, o) {
		return commit.Install
	}
	if matchesAny(o.Replaces, ip) && o.ReplacesPriority > ip.ReplacesPriority {
		return commit.Skip
	}
	if w.e.o.Has("force-overwrite") || w.e.o.Has("f") {
		w.e.warnf("%s: overwriting %s owned by %s.", ip.NameVersion(), en.Path(), o.NameVersion())
		return commit.Install
	}
	w.e.errorf("%s: trying to overwrite %s owned by %s.", ip.NameVersion(), en.Path(), o.NameVersion())
	addFlag(ip, "f")
	return commit.Skip
}

// matchesAny reports whether one of the dependencies in list names p.
func matchesAny(list []string, p *installeddb.Package) bool {
	for _, s := range list {
		if d, err := dep.Parse(s); err == nil && d.Name == p.Name && version.Match(p.Version, d.Op, d.Version) {
			return true
		}
	}
	return false
}

// known returns the checksum lookup of protected files: what the
// database records for the path (the old version's, or another
// package's).
func (w *writer) known(old *installeddb.Package) func(string) string {
	return func(p string) string {
		o := w.owner[p]
		if o == nil {
			return ""
		}
		dir, name := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		for _, d := range o.Dirs {
			if d.Name != dir {
				continue
			}
			for _, f := range d.Files {
				if f.Name == name {
					return f.Checksum
				}
			}
		}
		return ""
	}
}

// dirOwned reports whether an installed package other than except owns
// directory d.
func (w *writer) dirOwned(d string, except *installeddb.Package) bool {
	for _, p := range w.d.inst.Packages {
		if p == except {
			continue
		}
		for _, pd := range p.Dirs {
			if pd.Name == d {
				return true
			}
		}
	}
	return false
}

// replaceInstalled puts ip in the installed list in place of old.
func (w *writer) replaceInstalled(old, ip *installeddb.Package, np *pkg) {
	list := w.d.inst.Packages
	done := false
	for i, p := range list {
		if p == old && old != nil {
			list[i] = ip
			done = true
		}
	}
	if !done {
		list = append(list, ip)
	}
	w.d.inst.Packages = list
	// The read side's view follows.
	for _, p := range w.d.pkgs {
		if old != nil && p.inst == old {
			p.inst = nil
		}
	}
	np.inst = ip
}

// setScripts replaces the stored scripts of old by those of ip.
func (w *writer) setScripts(old, ip *installeddb.Package, scripts []pkgfile.Script) {
	kept := w.scripts[:0]
	for _, s := range w.scripts {
		if old != nil && s.Identity == old.Checksum && s.Name == old.NameVersion() {
			continue
		}
		if s.Identity == ip.Checksum && s.Name == ip.NameVersion() {
			continue
		}
		kept = append(kept, s)
	}
	w.scripts = kept
	byType := map[string][]byte{}
	for _, s := range scripts {
		byType[s.Type] = s.Data
	}
	for _, t := range installeddb.ScriptTypes() {
		if data, ok := byType[t]; ok {
			w.scripts = append(w.scripts, &installeddb.Script{Name: ip.NameVersion(), Identity: ip.Checksum, Type: t, ModTime: ip.BuildTime, Data: data})
		}
	}
}

// remove purges an installed package (apk.md 8.3).
func (w *writer) remove(old *installeddb.Package) {
	e := w.e
	nv := old.NameVersion()
	ok := w.runScript(nv, "pre-deinstall", w.script(old, "pre-deinstall"), old.Version)
	post := w.script(old, "post-deinstall")
	var verbose func(string)
	if e.verbose >= 4 {
		verbose = func(l string) { fmt.Fprintln(e.out, l) }
	}
	for _, dir := range w.root.RemoveFiles(old, commit.Removal{
		Keep:      func(p string) bool { return w.owner[p] != nil && w.owner[p] != old },
		KeepDir:   func(d string) bool { return w.dirOwned(d, old) },
		Protected: w.prot.Protected,
		Purge:     e.o.Has("purge"),
		Verbose:   verbose,
	}) {
		w.touched[dir] = true
	}
	for p, o := range w.owner {
		if o == old {
			delete(w.owner, p)
		}
	}
	list := w.d.inst.Packages[:0]
	for _, p := range w.d.inst.Packages {
		if p != old {
			list = append(list, p)
		}
	}
	w.d.inst.Packages = list
	for _, p := range w.d.pkgs {
		if p.inst == old {
			p.inst = nil
		}
	}
	w.setScripts(old, &installeddb.Package{}, nil)
	delete(w.trig, old)
	w.journal()
	ok = w.runScript(nv, "post-deinstall", post, old.Version) && ok
	_ = ok
}

// triggersOf returns the trigger globs of an installed package.
func (w *writer) triggersOf(p *installeddb.Package) []string {
	if t, ok := w.trig[p]; ok {
		return t
	}
	for _, q := range w.d.pkgs {
		if q.inst == p {
			return q.triggers
		}
	}
	return nil
}

// runTriggers runs each trigger script whose globs match a directory
// changed in this commit (apk.md 8.7).
func (w *writer) runTriggers() {
	if w.e.o.Has("no-scripts") {
		return
	}
	all := map[string]bool{}
	for _, p := range w.d.inst.Packages {
		for _, d := range p.Dirs {
			all[d.Name] = true
		}
	}
	for _, p := range w.d.inst.Packages {
		globs := w.triggersOf(p)
		if len(globs) == 0 {
			continue
		}
		cands := w.touched
		if w.changed[p] {
			cands = all
		}
		var dirs []string
		for d := range cands {
			if !all[d] && !w.touched[d] {
				continue
			}
			for _, g := range globs {
				if !strings.HasPrefix(g, "/") {
					continue
				}
				if ok, _ := path.Match(g, "/"+d); ok {
					dirs = append(dirs, "/"+d)
					break
				}
			}
		}
		if len(dirs) == 0 {
			continue
		}
		sort.Strings(dirs)
		if !w.runScript(p.NameVersion(), "trigger", w.script(p, "trigger"), dirs...) {
			addFlag(p, "s")
		}
	}
}

// sortedInstalled returns the installed packages in the order apk
// writes them: by name, then version.
func (w *writer) sortedInstalled() []*installeddb.Package {
	ps := append([]*installeddb.Package(nil), w.d.inst.Packages...)
	sort.SliceStable(ps, func(i, j int) bool {
		if c := index.CompareNames(ps[i].Name, ps[j].Name); c != 0 {
			return c < 0
		}
		return version.Compare(ps[i].Version, ps[j].Version) < 0
	})
	return ps
}

// journal writes the installed database as it stands now, so that an
// interruption leaves it describing the files on disk.
func (w *writer) journal() {
	var b bytes.Buffer
	(&installeddb.DB{Packages: w.sortedInstalled()}).Write(&b)
	w.root.WriteFile("lib/apk/db/installed", b.Bytes(), 0o644)
}

// writeState writes the database files (apk.md 8 step 6), each through
// a temporary name renamed into place, after syncing the files they
// describe.
func (w *writer) writeState(world []string) error {
	r := w.root
	r.Sync()
	var b bytes.Buffer
	installeddb.WriteWorld(&b, world)
	if err := r.WriteFile("etc/apk/world", b.Bytes(), 0o644); err != nil {
		return err
	}
	b.Reset()
	b.WriteString(w.d.arch + "\n")
	if cur, err := r.ReadFile("etc/apk/arch"); err != nil || !bytes.Equal(cur, b.Bytes()) {
		if err := r.WriteFile("etc/apk/arch", b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	b.Reset()
	inst := w.sortedInstalled()
	(&installeddb.DB{Packages: inst}).Write(&b)
	if err := r.WriteFile("lib/apk/db/installed", b.Bytes(), 0o644); err != nil {
		return err
	}
	// Scripts in installed-list order, as apk writes them.
	var scripts []*installeddb.Script
	var trig []installeddb.Trigger
	for _, p := range inst {
		for _, t := range installeddb.ScriptTypes() {
			for _, s := range w.scripts {
				if s.Identity == p.Checksum && s.Name == p.NameVersion() && s.Type == t {
					scripts = append(scripts, s)
				}
			}
		}
		if g := w.triggersOf(p); len(g) > 0 {
			trig = append(trig, installeddb.Trigger{Identity: p.Checksum, Globs: g})
		}
	}
	b.Reset()
	installeddb.WriteScripts(&b, scripts)
	if err := r.WriteFile("lib/apk/db/scripts.tar", b.Bytes(), 0o644); err != nil {
		return err
	}
	b.Reset()
	installeddb.WriteTriggers(&b, trig)
	if err := r.WriteFile("lib/apk/db/triggers", b.Bytes(), 0o644); err != nil {
		return err
	}
	if c := w.packageCache(); c != "" {
		w.writeCacheInstalled(c, inst)
	}
	return nil
}

// writeCacheInstalled writes <cache>/installed: the installed packages
// no repository has, in index form (apk.md 4.6).
func (w *writer) writeCacheInstalled(cache string, inst []*installeddb.Package) {
	idx := &index.Index{}
	for _, p := range inst {
		found := false
		for _, q := range w.d.pkgs {
			if q.inst == p && w.repoHas(q) {
				found = true
			}
		}
		if !found && p.InstalledSize != 0 {
			cp := p.Package
			idx.Packages = append(idx.Packages, &cp)
		}
	}
	var b bytes.Buffer
	idx.Write(&b)
	writeFileAtomic(cache+"/installed", b.Bytes())
}
