package apk

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// The protection of a path (apk.md 8.4), as apk's protect modes.
const (
	protNone     = iota
	protIgnore   // "-"
	protChanged  // "+" (or no prefix)
	protSymlinks // "@"
	protAll      // "!"
)

// protRule is one protected-path rule, its pattern relative to the
// directory it hangs on.
type protRule struct {
	pattern string
	mode    int
}

// parseProtRules reads protected-path rules, one a line, as apk's
// add_protected_path.
func parseProtRules(lines []string) []protRule {
	var out []protRule
	for _, l := range lines {
		if l == "" || l[0] == '#' {
			continue
		}
		mode := protChanged
		switch l[0] {
		case '-':
			mode = protIgnore
		case '+':
			mode = protChanged
		case '@':
			mode = protSymlinks
		case '!':
			mode = protAll
		}
		if strings.IndexByte("-+@!", l[0]) >= 0 {
			l = l[1:]
		}
		out = append(out, protRule{strings.Trim(l, "/"), mode})
	}
	return out
}

func protNoneLike(m int) bool { return m == protNone || m == protIgnore }

// auditDir is what apk's directory entry knows while auditing: its
// protection, the rules passed down to what is beneath it, and whether
// an installed package owns it or something beneath it.
type auditDir struct {
	name     string
	mode     int
	rules    []protRule
	protKids bool // has_protected_children
	known    bool
	modified bool // visited: its missing files are reported
}

// auditFile is a file of the installed database.
type auditFile struct {
	pkg     *installeddb.Package
	dir     *installeddb.Dir
	file    *installeddb.File
	audited bool
}

type auditor struct {
	e        *env
	root     string
	mode     int // 0 backup, 1 system, 2 full
	recurse  bool
	perms    bool
	pkgsOnly bool
	details  bool
	bbLinks  bool
	rules    []protRule
	dirs     map[string]*auditDir
	known    map[string]bool
	owners   map[string][]*installeddb.Dir // directory ACLs by path
	files    map[string]*auditFile
	order    []*auditFile
	reported map[*installeddb.Package]bool
}

// runAudit is "apk audit" (apk.md 9.19): compare the root (or the
// absolute directories named) with the installed database.
func runAudit(e *env, o *opt.Result, args []string) error {
	d, err := openDB(e, 0)
	if err != nil {
		return err
	}
	a := &auditor{e: e, root: d.root, recurse: o.Has("r"), perms: o.Has("check-permissions"),
		pkgsOnly: o.Has("packages"), details: o.Has("details"), bbLinks: o.Has("ignore-busybox-symlinks"),
		dirs: map[string]*auditDir{}, known: map[string]bool{"": true}, owners: map[string][]*installeddb.Dir{},
		files: map[string]*auditFile{}, reported: map[*installeddb.Package]bool{}}
	// The last of --backup, --system and --full counts, as apk's
	// option loop. --protected-paths replaces the rules; --full brings
	// its own list unless --protected-paths is given (in either order).
	var custom []string
	haveCustom := false
	for _, key := range o.Order() {
		switch key {
		case "backup":
			a.mode = 0
		case "system":
			a.mode = 1
		case "full":
			a.mode = 2
			if !o.Has("protected-paths") {
				custom, haveCustom = []string{"+etc", "@etc/init.d", "-dev", "-home", "-lib/apk", "-lib/rc/cache", "-proc", "-root", "-run", "-sys", "-tmp", "-var"}, true
			}
		}
	}
	for _, file := range o.List("protected-paths") {
		b, err := os.ReadFile(e.ctx.Path(file))
		if err != nil {
			e.errorf("unable to read protected path file: %s: %s", file, applet.ErrText(err))
			return status(99)
		}
		custom, haveCustom = strings.Split(string(b), "\n"), true
	}
	if haveCustom {
		a.rules = parseProtRules(custom)
	} else {
		lines := []string{"+etc", "@etc/init.d", "!etc/apk"}
		lines = append(lines, protectedPathsD(e)...)
		a.rules = parseProtRules(lines)
	}
	for _, p := range d.inst.Packages {
		for _, dir := range p.Dirs {
			for n := dir.Name; ; n = path.Dir(n) {
				if n == "." {
					break
				}
				a.known[n] = true
				if !strings.Contains(n, "/") {
					break
				}
			}
			a.owners[dir.Name] = append(a.owners[dir.Name], dir)
			for _, f := range dir.Files {
				af := &auditFile{pkg: p, dir: dir, file: f}
				a.files[dir.Path(f)] = af
				a.order = append(a.order, af)
			}
		}
	}
	// A directory that cannot be listed (missing, not a directory)
	// fails the command silently with apk's status for errors, 99.
	failed := false
	if len(args) == 0 {
		failed = !a.tree("")
	} else {
		for _, arg := range args {
			if !strings.HasPrefix(arg, "/") {
				// apk 2.14's message carries its own newline too.
				e.warnf("%s: relative path skipped.\n", arg)
				continue
			}
			if !a.tree(strings.Trim(arg, "/")) {
				failed = true
			}
		}
	}
	if a.mode != 0 {
		// Files in visited directories that were not found.
		for _, f := range a.order {
			dir := a.dirs[f.dir.Name]
			if f.audited || dir == nil || !dir.modified || a.fileMode(dir, f.file.Name) == protIgnore {
				continue
			}
			a.report('X', f.dir.Path(f.file), nil, f, nil)
		}
	}
	if failed {
		return status(99)
	}
	return nil
}

// protectedPathsD reads the rules of etc/apk/protected_paths.d/*.list.
func protectedPathsD(e *env) []string {
	var lines []string
	dir := e.rootPath("etc/apk/protected_paths.d")
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	ents, _ := f.ReadDir(-1)
	for _, ent := range ents {
		if strings.HasSuffix(ent.Name(), ".list") {
			if b, err := os.ReadFile(filepath.Join(dir, ent.Name())); err == nil {
				lines = append(lines, strings.Split(string(b), "\n")...)
			}
		}
	}
	return lines
}

// dir returns apk's directory entry for name, made from its parent's as
// apk_db_dir_get does.
func (a *auditor) dir(name string) *auditDir {
	if d := a.dirs[name]; d != nil {
		return d
	}
	d := &auditDir{name: name, known: a.known[name]}
	var rules []protRule
	switch {
	case name == "":
		d.protKids = true
	case strings.Contains(name, "/"):
		parent := a.dir(path.Dir(name))
		d.mode = parent.mode
		d.protKids = !protNoneLike(d.mode)
		rules = parent.rules
	default:
		a.dir("")
		rules = a.rules
	}
	base := path.Base(name)
	for _, r := range rules {
		if first, rest, ok := strings.Cut(r.pattern, "/"); ok {
			if m, _ := path.Match(first, base); !m {
				continue
			}
			d.rules = append(d.rules, protRule{rest, r.mode})
		} else {
			if m, _ := path.Match(r.pattern, base); !m {
				continue
			}
			d.mode = r.mode
		}
		d.protKids = d.protKids || !protNoneLike(r.mode)
	}
	a.dirs[name] = d
	return d
}

// fileMode is the protection of file name in dir.
func (a *auditor) fileMode(d *auditDir, name string) int {
	mode := d.mode
	for _, r := range d.rules {
		if !strings.Contains(r.pattern, "/") {
			if m, _ := path.Match(r.pattern, name); m {
				mode = r.mode
			}
		}
	}
	return mode
}

// tree audits the directory rel (relative to the root) and what the
// mode asks beneath it; false when it cannot be listed.
func (a *auditor) tree(rel string) bool {
	d := a.dir(rel)
	d.modified = true
	return a.walk(d)
}

// walk audits the entries of dir in the order the directory lists them.
func (a *auditor) walk(d *auditDir) bool {
	f, err := os.Open(filepath.Join(a.root, d.name))
	if err != nil {
		return false
	}
	ents, err := f.ReadDir(-1)
	f.Close()
	for _, ent := range ents {
		a.item(d, ent.Name())
	}
	return err == nil
}

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// item is apk's audit_directory_tree_item.
func (a *auditor) item(d *auditDir, name string) {
	rel := join(d.name, name)
	host := filepath.Join(a.root, rel)
	fi, err := os.Lstat(host)
	if err != nil {
		af := a.files[rel]
		if af != nil {
			af.audited = true
		}
		a.report('e', rel, nil, af, nil)
		return
	}
	if fi.IsDir() {
		var child *auditDir
		reason := byte(0)
		recurse := true
		switch a.mode {
		case 0:
			child = a.dir(rel)
			recurse = child.protKids
			if !protNoneLike(child.mode) {
				reason = a.auditDirectory(child, fi)
			}
		case 1:
			if !a.known[rel] {
				return
			}
			child = a.dir(rel)
			reason = a.auditDirectory(child, fi)
		case 2:
			child = a.dir(rel)
			if child.mode == protNone {
				reason = a.auditDirectory(child, fi)
			}
		}
		a.report(reason, rel+"/", child, nil, fi)
		if reason != 'D' && recurse {
			a.walk(child)
		}
		return
	}
	mode := a.fileMode(d, name)
	af := a.files[rel]
	if af != nil {
		af.audited = true
	}
	reason := byte(0)
	switch a.mode {
	case 2:
		switch mode {
		case protSymlinks:
			if fi.Mode()&os.ModeSymlink != 0 {
				return
			}
		case protIgnore, protAll, protChanged:
			return
		}
	case 0:
		switch mode {
		case protNone, protIgnore:
			return
		case protSymlinks:
			if fi.Mode()&os.ModeSymlink == 0 {
				return
			}
		case protAll:
			reason = 'A'
		}
		if (af == nil || reason == 'A') && strings.HasSuffix(name, ".apk-new") {
			return
		}
	case 1:
		if af == nil || !protNoneLike(mode) {
			return
		}
	}
	if af == nil && a.bbLinks && fi.Mode()&os.ModeSymlink != 0 {
		switch t, _ := os.Readlink(host); t {
		case "/bin/busybox", "/bin/bbsuid", "/bin/busybox-extras":
			return
		}
	}
	var sum []byte
	if reason == 0 {
		reason, sum = a.auditFile(af, host, fi)
	}
	a.report(reason, rel, nil, af, &diskInfo{fi, sum})
}

// diskInfo is what apk's file info holds: the stat and the digest.
type diskInfo struct {
	fi  os.FileInfo
	sum []byte
}

// auditDirectory is apk's audit_directory: D (d with -r) for a
// directory no package owns, m for changed owner or mode.
func (a *auditor) auditDirectory(d *auditDir, fi os.FileInfo) byte {
	d.modified = true
	if !d.known {
		if a.recurse {
			return 'd'
		}
		return 'D'
	}
	if a.perms {
		uid, gid, mode, ok := a.dirACL(d.name)
		if ok {
			fu, fg := owner(fi)
			if unixMode(fi)&0o7777 != mode&0o7777 || fu != uid || fg != gid {
				return 'm'
			}
		}
	}
	return 0
}

// dirACL is a directory's effective owner and mode (apk.md 8.5): the
// lowest uid, then gid, among the packages owning it, and the AND of
// their modes.
func (a *auditor) dirACL(name string) (uid, gid int, mode uint32, ok bool) {
	first := true
	for _, dir := range a.owners[name] {
		u, g, m, _ := installeddb.ParseACL(dir.ACL, 0o755)
		switch {
		case first || u < uid || u == uid && g < gid:
			uid, gid, mode, first = u, g, m, false
		case u == uid && g == gid:
			mode &= m
		}
	}
	return uid, gid, mode, !first
}

// auditFile is apk's audit_file: A (not in the database), U (content or
// link target differs), M (owner or mode, with --check-permissions).
func (a *auditor) auditFile(af *auditFile, host string, fi os.FileInfo) (byte, []byte) {
	if af == nil && !a.details {
		return 'A', nil
	}
	// Unknown files are hashed with SHA-1, apk 2.14's default; a
	// database entry without a checksum is not hashed.
	want, n := []byte(nil), sha1.Size
	if af != nil {
		want = index.DecodeChecksum(af.file.Checksum)
		n = len(want)
	}
	sum, err := fileDigest(host, fi, n)
	if err != nil {
		return 'e', nil
	}
	if af == nil {
		return 'A', sum
	}
	isLink := fi.Mode()&os.ModeSymlink != 0
	switch {
	case want != nil && string(sum) != string(want):
		return 'U', sum
	case isLink && want == nil:
		return 'U', sum
	case a.perms:
		uid, gid, mode, _ := installeddb.ParseACL(af.file.ACL, 0o644)
		fu, fg := owner(fi)
		if unixMode(fi)&0o7777 != mode&0o7777 || fu != uid || fg != gid {
			return 'M', sum
		}
	}
	return 0, sum
}

// fileDigest hashes a regular file's content or a symlink's target with
// the database's algorithm (by digest length: none, MD5, SHA-1, else
// SHA-256).
func fileDigest(host string, fi os.FileInfo, n int) ([]byte, error) {
	var h interface {
		io.Writer
		Sum([]byte) []byte
	}
	switch n {
	case 0:
		return nil, nil
	case md5.Size:
		h = md5.New()
	case sha1.Size:
		h = sha1.New()
	default:
		h = sha256.New()
	}
	switch {
	case fi.Mode()&os.ModeSymlink != 0:
		t, err := os.Readlink(host)
		if err != nil {
			return nil, err
		}
		io.WriteString(h, t)
	case fi.Mode().IsRegular():
		f, err := os.Open(host)
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, err
		}
	default:
		return nil, nil
	}
	return h.Sum(nil), nil
}

func owner(fi os.FileInfo) (int, int) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Uid), int(st.Gid)
	}
	return 0, 0
}

// unixMode is the permission bits with setuid, setgid and sticky.
func unixMode(fi os.FileInfo) uint32 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Mode & 0o7777
	}
	return uint32(fi.Mode().Perm())
}

// report is apk's report_audit.
func (a *auditor) report(reason byte, rel string, d *auditDir, af *auditFile, disk any) {
	if reason == 0 {
		return
	}
	e := a.e
	switch {
	case a.pkgsOnly:
		if af == nil || a.reported[af.pkg] {
			return
		}
		a.reported[af.pkg] = true
		if e.verbose < 1 {
			fmt.Fprintln(e.out, af.pkg.Name)
		} else {
			fmt.Fprintf(e.out, "%s-%s\n", af.pkg.Name, af.pkg.Version)
		}
	case e.verbose < 1:
		fmt.Fprintln(e.out, rel)
	default:
		if a.details {
			a.detail(reason, d, af, disk)
		}
		fmt.Fprintf(e.out, "%c %s\n", reason, rel)
	}
}

// detail prints --details' "- " (database) and "+ " (disk) lines.
func (a *auditor) detail(reason byte, d *auditDir, af *auditFile, disk any) {
	hash := func(sum []byte) string {
		if len(sum) == 0 {
			return ""
		}
		return " hash=" + hex.EncodeToString(sum)
	}
	switch {
	case af != nil:
		uid, gid, mode, _ := installeddb.ParseACL(af.file.ACL, 0o644)
		fmt.Fprintf(a.e.out, "- mode=%o uid=%d gid=%d%s\n", mode&0o7777, uid, gid, hash(index.DecodeChecksum(af.file.Checksum)))
	case d != nil && reason != 'D' && reason != 'd':
		if uid, gid, mode, ok := a.dirACL(d.name); ok {
			fmt.Fprintf(a.e.out, "- mode=%o uid=%d gid=%d\n", mode&0o7777, uid, gid)
		}
	}
	var fi os.FileInfo
	var sum []byte
	switch v := disk.(type) {
	case os.FileInfo:
		fi = v
	case *diskInfo:
		fi, sum = v.fi, v.sum
	}
	if fi != nil {
		uid, gid := owner(fi)
		fmt.Fprintf(a.e.out, "+ mode=%o uid=%d gid=%d%s\n", unixMode(fi), uid, gid, hash(sum))
	}
}
