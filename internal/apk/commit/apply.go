package commit

import (
	"bytes"
	"crypto/sha1"
	"io"
	"path"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
)

// Place says what to do with one staged file when it is moved into
// place: put it there, or skip it (a file of another package that this
// one may not overwrite).
type Place uint8

const (
	Install Place = iota
	Skip
)

// Moves are the callbacks of Commit.
type Moves struct {
	// Decide is asked for every entry; nil installs everything.
	Decide func(e *Entry) Place
	// Protected reports whether files in dir are protected (8.4).
	Protected func(dir string) bool
	// Known returns the checksum the database records for path ("" when
	// it is not recorded or has none).
	Known func(path string) string
	// CleanProtected discards a new protected file instead of writing
	// it as .apk-new.
	CleanProtected bool
}

// Commit moves the staged files into place (apk.md 8.1, 8.4) and
// returns the entries that were skipped.
func (s *Staged) Commit(m Moves) (skipped []*Entry) {
	s.done = true
	fds := map[string]int{}
	defer func() {
		for _, fd := range fds {
			unix.Close(fd)
		}
	}()
	for _, e := range s.Entries {
		fd, ok := fds[e.Dir]
		if !ok {
			var err error
			if fd, err = s.root.OpenDir(e.Dir); err != nil {
				continue
			}
			fds[e.Dir] = fd
		}
		if m.Decide != nil && m.Decide(e) == Skip {
			unix.Unlinkat(fd, e.Tmp, 0)
			skipped = append(skipped, e)
			continue
		}
		if m.Protected != nil && m.Protected(e.Dir) {
			if cur, exists := fileSum(fd, e.Name); exists {
				known := ""
				if m.Known != nil {
					known = m.Known(e.Path())
				}
				kb := index.DecodeChecksum(known)
				if known == "" || kb == nil || !bytes.Equal(kb, cur) {
					// The user changed it: keep theirs.
					if bytes.Equal(cur, e.Sum) || m.CleanProtected {
						unix.Unlinkat(fd, e.Tmp, 0)
					} else {
						unix.Renameat(fd, e.Tmp, fd, e.Name+".apk-new")
					}
					continue
				}
			}
		}
		if err := unix.Renameat(fd, e.Tmp, fd, e.Name); err == unix.EISDIR || err == unix.ENOTEMPTY || err == unix.EEXIST {
			// A directory where the file goes: apk fails the same way.
			unix.Unlinkat(fd, e.Tmp, 0)
		}
	}
	return skipped
}

// fileSum returns the SHA-1 of the file (or symlink target) name in
// dirfd, and whether it exists.
func fileSum(dirfd int, name string) ([]byte, bool) {
	var st unix.Stat_t
	if err := unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return nil, false
	}
	h := sha1.New()
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFLNK:
		buf := make([]byte, 4096)
		n, err := unix.Readlinkat(dirfd, name, buf)
		if err != nil {
			return nil, true
		}
		h.Write(buf[:n])
	case unix.S_IFREG:
		fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err != nil {
			return nil, true
		}
		f := fdReader(fd)
		io.Copy(h, f)
		unix.Close(fd)
	default:
		return nil, true
	}
	return h.Sum(nil), true
}

type fdReader int

func (f fdReader) Read(p []byte) (int, error) {
	n, err := unix.Read(int(f), p)
	if n == 0 && err == nil {
		return 0, io.EOF
	}
	if n < 0 {
		n = 0
	}
	return n, err
}

// Sum returns the SHA-1 of the file at rel as on disk, and whether it
// exists.
func (r *Root) Sum(rel string) ([]byte, bool) {
	dir, name := split(rel)
	fd, err := r.OpenDir(dir)
	if err != nil {
		return nil, false
	}
	defer unix.Close(fd)
	return fileSum(fd, name)
}

// Removal says how to remove a package's files.
type Removal struct {
	// Keep reports files that stay (owned by another package now).
	Keep func(path string) bool
	// KeepDir reports directories another package still owns.
	KeepDir func(dir string) bool
	// Protected reports whether files in dir are protected; a modified
	// protected file is kept unless Purge.
	Protected func(dir string) bool
	Purge     bool
	Verbose   func(line string)
}

// RemoveFiles deletes the files of p (apk.md 8.3) and then the
// directories it owned that are empty and that no other package owns;
// it returns the directories that lost files.
func (r *Root) RemoveFiles(p *installeddb.Package, o Removal) (touched []string) {
	for _, d := range p.Dirs {
		changed := false
		for _, f := range d.Files {
			rel := d.Path(f)
			if o.Keep != nil && o.Keep(rel) {
				continue
			}
			if !o.Purge && o.Protected != nil && o.Protected(d.Name) {
				cur, exists := r.Sum(rel)
				if !exists {
					continue
				}
				if kb := index.DecodeChecksum(f.Checksum); kb == nil || !bytes.Equal(kb, cur) {
					continue
				}
			}
			if o.Verbose != nil {
				o.Verbose(rel)
			}
			if r.Remove(rel) == nil {
				changed = true
			}
		}
		if changed {
			touched = append(touched, d.Name)
		}
	}
	for i := len(p.Dirs) - 1; i >= 0; i-- {
		d := p.Dirs[i]
		if d.Name == "" || (o.KeepDir != nil && o.KeepDir(d.Name)) {
			continue
		}
		if r.Rmdir(d.Name) == nil && o.Verbose != nil {
			o.Verbose(d.Name + "/")
		}
	}
	return touched
}

// ProtectedRules are the protected path rules (apk.md 8.4): the
// built-in ones and those of etc/apk/protected_paths.d/*.list.
type ProtectedRules struct{ rules []rule }

type rule struct {
	glob string
	mode byte // '+', '@', '!', '-'
}

// BuiltinProtected are apk's built-in rules (the etc tree and its
// exceptions).
func BuiltinProtected() []string {
	return []string{"+etc", "@etc/init.d", "!etc/apk"}
}

// NewProtected parses rules, one per line.
func NewProtected(lines []string) *ProtectedRules {
	p := &ProtectedRules{}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		m := byte('+')
		switch l[0] {
		case '+', '@', '!', '-':
			m, l = l[0], l[1:]
		}
		l = strings.Trim(l, "/")
		p.rules = append(p.rules, rule{l, m})
	}
	return p
}

// Protected reports whether files in dir are protected: the most
// specific rule matching dir or a parent of it decides; "-" unprotects.
func (p *ProtectedRules) Protected(dir string) bool {
	best, depth := byte(0), -1
	for _, r := range p.rules {
		n := strings.Count(r.glob, "/") + 1
		comps := strings.Split(dir, "/")
		if dir == "" || len(comps) < n {
			continue
		}
		prefix := strings.Join(comps[:n], "/")
		if ok, _ := path.Match(r.glob, prefix); ok && n >= depth {
			best, depth = r.mode, n
		}
	}
	return best != 0 && best != '-'
}
