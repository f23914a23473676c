package commit

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
	"gobox/internal/apk/sign"
	"gobox/internal/applet"
)

// Source is a package's data part: pkgfile.Reader, or a reader that
// decompresses ahead in another goroutine.
type Source interface {
	Next() (*apktar.Header, error)
	Read(p []byte) (int, error)
}

// Options tune extraction.
type Options struct {
	// Chown applies the archive's owners (apk does as root, unless
	// --no-chown).
	Chown bool
	// Verbose lists each extracted path (apk -vvv).
	Verbose func(line string)
	// AfterFile, if set, is called after each entry was written under
	// its temporary name: the tests' hook to interrupt an install at a
	// chosen point.
	AfterFile func(path string)
}

// Entry is one extracted non-directory entry.
type Entry struct {
	Dir, Name string
	Tmp       string // temporary name in Dir
	Type      byte
	Sum       []byte // SHA-1 of the content (symlink: target); nil if none
	Mode      uint32
	UID, GID  int
}

// Path is the entry's path relative to the root.
func (e *Entry) Path() string { return join(e.Dir, e.Name) }

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// Staged is a package extracted under temporary names.
type Staged struct {
	root    *Root
	Pkg     string // name-version, for messages
	Dirs    []*installeddb.Dir
	Entries []*Entry
	// Problems are apk's messages for entries that could not be
	// extracted ("ERROR: ..." and "WARNING: ..." lines without the
	// prefix, with it in Level); the package is then flagged f:f.
	Problems []Problem
	// NewDirs are the directories this package created.
	NewDirs     []string
	missingSums bool
	done        bool
}

// Problem is one message about the package's files.
type Problem struct {
	Level string // "ERROR" or "WARNING"
	Text  string
}

// Broken reports whether the package must be flagged f:f.
func (s *Staged) Broken() bool { return len(s.Problems) > 0 }

// TmpName is the temporary name of a file of package pkg in dir:
// ".apk." and 48 hex digits of SHA-256(pkg NUL dir "/" name) (apk.md 8.1).
func TmpName(pkg, dir, name string) string {
	h := sha256.New()
	h.Write([]byte(pkg))
	h.Write([]byte{0})
	h.Write([]byte(dir))
	h.Write([]byte{'/'})
	h.Write([]byte(name))
	return ".apk." + hex.EncodeToString(h.Sum(nil)[:24])
}

// malicious reports a name apk refuses (apk.md 2.7).
func malicious(n string) bool {
	if strings.HasPrefix(n, "/") || strings.HasPrefix(n, "./") || strings.HasPrefix(n, "../") ||
		strings.Contains(n, "/./") || strings.Contains(n, "/../") || n == ".." || strings.HasSuffix(n, "/..") {
		return true
	}
	for i := 0; i < len(n); i++ {
		if n[i] < 0x20 || n[i] == 0x7f {
			return true
		}
	}
	return false
}

// Extract writes the data entries of package name (pkg is its
// "name-version") beneath the root under temporary names. It returns
// an error for a failure of the archive itself (the caller reports
// "<pkg>: <reason>" and calls Abort); entries that cannot be created are
// Problems.
func (r *Root) Extract(name, pkg string, src Source, o Options) (st *Staged, err error) {
	st = &Staged{root: r, Pkg: pkg}
	dirs := map[string]*installeddb.Dir{}
	dirfds := map[string]int{}
	defer func() {
		for _, fd := range dirfds {
			unix.Close(fd)
		}
	}()
	dirfd := func(dir string) (int, error) {
		if fd, ok := dirfds[dir]; ok {
			return fd, nil
		}
		fd, err := r.OpenDir(dir)
		if err != nil {
			return -1, err
		}
		dirfds[dir] = fd
		return fd, nil
	}
	users := r.owners()
	byPath := map[string]*Entry{}
	buf := make([]byte, 64<<10)
	for {
		h, err := src.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return st, err
		}
		n := strings.TrimSuffix(h.Name, "/")
		if h.Type == apktar.TypeDir {
			n = strings.TrimRight(h.Name, "/")
		}
		if malicious(h.Name) || n == "" {
			st.Problems = append(st.Problems, Problem{"WARNING", fmt.Sprintf("%s: ignoring malicious file %s", pkg, h.Name)})
			continue
		}
		dir, base := path.Dir(n), path.Base(n)
		if dir == "." {
			dir = ""
		}
		if strings.HasPrefix(base, ".keep_") {
			continue
		}
		uid, gid := users.ids(h)
		mode := uint32(h.Mode) & 0o7777
		if h.Type == apktar.TypeDir {
			if o.Verbose != nil {
				o.Verbose(n + "/ (dir)")
			}
			created, err := r.MkdirAll(n, mode)
			if err != nil {
				st.Problems = append(st.Problems, Problem{"ERROR", fmt.Sprintf("%s: failed to create directory %s: %s", pkg, n, errText(err))})
				continue
			}
			if created {
				st.NewDirs = append(st.NewDirs, n)
				if o.Chown {
					unix.Fchownat(r.fd, n, uid, gid, unix.AT_SYMLINK_NOFOLLOW)
					unix.Fchmodat(r.fd, n, mode, 0)
				}
			}
			if _, ok := dirs[n]; !ok {
				d := &installeddb.Dir{Name: n}
				if uid != 0 || gid != 0 || mode != 0o755 {
					d.ACL = fmt.Sprintf("%d:%d:%o", uid, gid, mode)
				}
				dirs[n] = d
				st.Dirs = append(st.Dirs, d)
			}
			continue
		}
		if o.Verbose != nil {
			o.Verbose(n)
		}
		d, ok := dirs[dir]
		if !ok {
			if dir != "" {
				st.Problems = append(st.Problems, Problem{"ERROR", fmt.Sprintf("%s: %s: no dirent in archive", pkg, n)})
				continue
			}
			d = &installeddb.Dir{Name: ""}
			dirs[""] = d
			st.Dirs = append(st.Dirs, d)
		}
		fd, err := dirfd(dir)
		if err != nil {
			st.Problems = append(st.Problems, Problem{"ERROR", fmt.Sprintf("Failed to create %s: %s", n, errText(err))})
			continue
		}
		e := &Entry{Dir: dir, Name: base, Tmp: TmpName(name, dir, base), Type: h.Type, Mode: mode, UID: uid, GID: gid}
		unix.Unlinkat(fd, e.Tmp, 0)
		var sum []byte
		switch h.Type {
		case apktar.TypeReg:
			sum, err = writeFile(fd, e.Tmp, mode, src, buf)
			if err == nil && h.Checksum != nil && len(h.Checksum) == len(sum) && !bytes.Equal(sum, h.Checksum) {
				unix.Unlinkat(fd, e.Tmp, 0)
				return st, sign.ErrBad
			}
			if err == nil && o.Chown {
				err = fixOwner(fd, e.Tmp, uid, gid, mode)
			}
			if err == nil && h.ModTime != 0 {
				ts := []unix.Timespec{{Sec: h.ModTime}, {Sec: h.ModTime}}
				unix.UtimesNanoAt(fd, e.Tmp, ts, unix.AT_SYMLINK_NOFOLLOW)
			}
		case apktar.TypeSymlink:
			err = unix.Symlinkat(h.Linkname, fd, e.Tmp)
			s := sha1.Sum([]byte(h.Linkname))
			sum = s[:]
			if err == nil && o.Chown {
				unix.Fchownat(fd, e.Tmp, uid, gid, unix.AT_SYMLINK_NOFOLLOW)
			}
			e.Mode = 0o777
		case apktar.TypeLink:
			t, ok := byPath[strings.TrimSuffix(h.Linkname, "/")]
			if !ok {
				st.Problems = append(st.Problems, Problem{"ERROR", fmt.Sprintf("%s: %s: no hard link target (%s) in archive", pkg, n, h.Linkname)})
				continue
			}
			var tfd int
			if tfd, err = dirfd(t.Dir); err == nil {
				err = unix.Linkat(tfd, t.Tmp, fd, e.Tmp, 0)
			}
			sum, e.Mode, e.UID, e.GID, e.Type = t.Sum, t.Mode, t.UID, t.GID, apktar.TypeReg
		case apktar.TypeChar, apktar.TypeBlock, apktar.TypeFIFO:
			kind := map[byte]uint32{apktar.TypeChar: unix.S_IFCHR, apktar.TypeBlock: unix.S_IFBLK, apktar.TypeFIFO: unix.S_IFIFO}[h.Type]
			err = unix.Mknodat(fd, e.Tmp, kind|mode, int(unix.Mkdev(uint32(h.Devmajor), uint32(h.Devminor))))
			if err == nil && o.Chown {
				fixOwner(fd, e.Tmp, uid, gid, mode)
			}
		default:
			continue
		}
		if err != nil {
			unix.Unlinkat(fd, e.Tmp, 0)
			st.Problems = append(st.Problems, Problem{"ERROR", fmt.Sprintf("Failed to create %s: %s", n, errText(err))})
			continue
		}
		if h.Checksum != nil {
			e.Sum = sum
		} else if h.Type == apktar.TypeReg || h.Type == apktar.TypeSymlink || h.Type == apktar.TypeLink {
			e.Sum = nil
			st.missingSums = true
		}
		st.Entries = append(st.Entries, e)
		byPath[n] = e
		f := &installeddb.File{Name: base}
		if e.UID != 0 || e.GID != 0 || e.Mode != 0o644 {
			f.ACL = fmt.Sprintf("%d:%d:%o", e.UID, e.GID, e.Mode)
		}
		if e.Sum != nil {
			f.Checksum = index.EncodeChecksum(e.Sum)
		}
		d.Files = append(d.Files, f)
		if o.AfterFile != nil {
			o.AfterFile(n)
		}
	}
	if st.missingSums {
		st.Problems = append(st.Problems, Problem{"WARNING", pkg + ": support for packages without embedded checksums will be dropped in apk-tools 3."})
	}
	return st, nil
}

// errText words err as apk does: the C library's strerror.
func errText(err error) string { return applet.ErrText(err) }

// writeFile creates name in dir exclusively and copies the entry into
// it, returning the SHA-1 of the content.
func writeFile(dirfd int, name string, mode uint32, src io.Reader, buf []byte) ([]byte, error) {
	fd, err := unix.Openat(dirfd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, mode&0o777)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	h := sha1.New()
	if _, err := io.CopyBuffer(io.MultiWriter(f, h), onlyReader{src}, buf); err != nil {
		if _, ok := err.(*os.PathError); ok {
			return nil, err
		}
		return nil, &readError{err}
	}
	if err := unix.Fchmod(fd, mode); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// onlyReader hides other methods from io.CopyBuffer.
type onlyReader struct{ io.Reader }

// readError is a failure reading the archive while writing a file: the
// whole package fails, not just the entry.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// fixOwner chowns and then re-applies the mode, as chown clears the
// set-id bits.
func fixOwner(dirfd int, name string, uid, gid int, mode uint32) error {
	if err := unix.Fchownat(dirfd, name, uid, gid, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return err
	}
	return unix.Fchmodat(dirfd, name, mode, 0)
}

// Abort removes the temporary files of a package that failed.
func (s *Staged) Abort() {
	if s.done {
		return
	}
	s.done = true
	for _, e := range s.Entries {
		s.root.Remove(join(e.Dir, e.Tmp))
	}
}

// owners maps the archive's user and group names to the ids of the
// root's etc/passwd and etc/group (apk.md 2.2).
type owners struct{ users, groups map[string]int }

func (r *Root) owners() *owners {
	o := &owners{users: map[string]int{}, groups: map[string]int{}}
	read := func(rel string, m map[string]int) {
		b, err := r.ReadFile(rel)
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Split(line, ":")
			if len(f) >= 3 {
				if id, err := strconv.Atoi(f[2]); err == nil {
					if _, dup := m[f[0]]; !dup {
						m[f[0]] = id
					}
				}
			}
		}
	}
	read("etc/passwd", o.users)
	read("etc/group", o.groups)
	return o
}

func (o *owners) ids(h *apktar.Header) (int, int) {
	uid, gid := h.UID, h.GID
	if id, ok := o.users[h.Uname]; ok && h.Uname != "" {
		uid = id
	}
	if id, ok := o.groups[h.Gname]; ok && h.Gname != "" {
		gid = id
	}
	return uid, gid
}
