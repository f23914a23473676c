// Package installeddb reads and writes the state apk keeps under the root
// (apk.md section 5): lib/apk/db/installed (index blocks plus the files
// each package owns), scripts.tar, triggers and etc/apk/world. Each is
// written back byte for byte as apk writes it.
package installeddb

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gobox/internal/apk/index"
)

// Package is an installed package: its index fields, what only the
// installed database records, and the directories and files it owns.
type Package struct {
	index.Package
	Replaces         []string
	ReplacesPriority int64
	Tag              string // repository tag without "@", "" when untagged
	Broken           string // the f: flags ("f", "s", "x"), "" when sound
	Dirs             []*Dir
}

// Dir is a directory a package owns (an F: line).
type Dir struct {
	Name  string // relative, no leading or trailing "/"
	ACL   string // the M: value ("uid:gid:mode[:xattrsum]"), "" for 0:0:755
	Files []*File
}

// File is a file a package owns (an R: line) in its Dir.
type File struct {
	Name     string
	ACL      string // the a: value, "" for 0:0:644
	Checksum string // the Z: value, "" when the package had none
}

// Path returns the file's path relative to the root.
func (d *Dir) Path(f *File) string {
	if d.Name == "" {
		return f.Name
	}
	return d.Name + "/" + f.Name
}

// DB is the installed database.
type DB struct {
	Packages []*Package
}

// FormatError is a malformed database, with apk's message.
type FormatError struct {
	Line   int
	Letter byte
	// TooOld is an unknown field letter ("This apk-tools is too old to
	// handle installed packages").
	TooOld bool
}

func (e *FormatError) Error() string {
	if e.TooOld {
		return "This apk-tools is too old to handle installed packages"
	}
	return fmt.Sprintf("FDB format error (line %d, entry '%c')", e.Line, e.Letter)
}

// Parse reads lib/apk/db/installed. With force (--force-old-apk) unknown
// field letters are skipped instead of failing.
func Parse(r io.Reader, force bool) (*DB, error) {
	db := &DB{}
	in := index.Interner{}
	var p *Package
	var dir *Dir
	var file *File
	s := index.NewScanner(r)
	for s.Scan() {
		l, v := s.Letter, s.Value()
		if l == 0 {
			if p != nil {
				db.Packages = append(db.Packages, p)
			}
			p, dir, file = nil, nil, nil
			continue
		}
		if p == nil {
			p = &Package{}
		}
		bad := func() error { return &FormatError{Line: s.Line(), Letter: l} }
		switch l {
		case 'r':
			p.Replaces = append(p.Replaces, strings.Fields(string(v))...)
		case 'q':
			p.ReplacesPriority, _ = strconv.ParseInt(string(v), 10, 64)
		case 's':
			p.Tag = in.Bytes(v)
		case 'f':
			p.Broken = string(v)
		case 'F':
			dir = &Dir{Name: in.Bytes(v)}
			file = nil
			p.Dirs = append(p.Dirs, dir)
		case 'M':
			if dir == nil {
				return nil, bad()
			}
			dir.ACL = in.Bytes(v)
		case 'R':
			if dir == nil {
				return nil, bad()
			}
			file = &File{Name: string(v)}
			dir.Files = append(dir.Files, file)
		case 'a':
			if file == nil {
				return nil, bad()
			}
			file.ACL = in.Bytes(v)
		case 'Z':
			if file == nil {
				return nil, bad()
			}
			file.Checksum = string(v)
		default:
			if !p.Set(l, v, in) {
				if !force {
					return nil, &FormatError{Line: s.Line(), Letter: l, TooOld: true}
				}
			}
		}
	}
	if s.Err() != nil {
		return nil, s.Err()
	}
	if p != nil {
		db.Packages = append(db.Packages, p)
	}
	return db, nil
}

// Write writes the database in the order of db.Packages, each block as
// apk writes it.
func (db *DB) Write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, p := range db.Packages {
		p.WriteBlock(bw)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// WriteBlock writes one package's lines (without the empty line that
// ends the block).
func (p *Package) WriteBlock(bw *bufio.Writer) {
	p.Package.WriteFields(bw)
	line := func(l byte, v string) {
		bw.WriteByte(l)
		bw.WriteByte(':')
		bw.WriteString(v)
		bw.WriteByte('\n')
	}
	if len(p.Replaces) > 0 {
		line('r', strings.Join(p.Replaces, " "))
	}
	if p.ReplacesPriority != 0 {
		line('q', strconv.FormatInt(p.ReplacesPriority, 10))
	}
	if p.Tag != "" {
		line('s', p.Tag)
	}
	if p.Broken != "" {
		line('f', p.Broken)
	}
	for _, d := range p.Dirs {
		line('F', d.Name)
		if d.ACL != "" {
			line('M', d.ACL)
		}
		for _, f := range d.Files {
			line('R', f.Name)
			if f.ACL != "" {
				line('a', f.ACL)
			}
			if f.Checksum != "" {
				line('Z', f.Checksum)
			}
		}
	}
}

// Find returns the installed package called name, or nil.
func (db *DB) Find(name string) *Package {
	for _, p := range db.Packages {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Owner returns the package owning the file at path (relative to the
// root, no leading "/"), or nil.
func (db *DB) Owner(path string) *Package {
	dir, name := "", path
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		dir, name = path[:i], path[i+1:]
	}
	for _, p := range db.Packages {
		for _, d := range p.Dirs {
			if d.Name != dir {
				continue
			}
			for _, f := range d.Files {
				if f.Name == name {
					return p
				}
			}
		}
	}
	return nil
}

// ParseACL splits an a:/M: value "uid:gid:mode[:xattrs]"; an empty one is
// def's.
func ParseACL(v string, defMode uint32) (uid, gid int, mode uint32, xattrs string) {
	if v == "" {
		return 0, 0, defMode, ""
	}
	parts := strings.SplitN(v, ":", 4)
	if len(parts) < 3 {
		return 0, 0, defMode, ""
	}
	uid, _ = strconv.Atoi(parts[0])
	gid, _ = strconv.Atoi(parts[1])
	m, _ := strconv.ParseUint(parts[2], 8, 32)
	if len(parts) == 4 {
		xattrs = parts[3]
	}
	return uid, gid, uint32(m), xattrs
}
