// Package commit changes a root file system as apk's commit does
// (apk.md section 8): it extracts a package's data part beneath the root
// under temporary names and renames them into place once the whole
// archive was read and verified, removes packages, writes the database
// files atomically, runs package scripts inside the root, creates the
// database layout (--initdb) and takes the database lock.
//
// Every path is resolved beneath the root's descriptor with openat2
// RESOLVE_IN_ROOT: a symlink (the package's own or one already there)
// never leads outside the root, and the last component of a name is
// never followed (files are created O_EXCL|O_NOFOLLOW, replaced by
// rename).
package commit

import (
	"io"
	"os"
	"path"
	"strings"

	"golang.org/x/sys/unix"
)

// Root is the target file system, held by a descriptor.
type Root struct {
	fd   int
	Path string // as opened, for chroot and messages
}

// Open opens the root directory at p.
func Open(p string) (*Root, error) {
	fd, err := unix.Open(p, unix.O_DIRECTORY|unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return &Root{fd: fd, Path: p}, nil
}

// Close releases the root.
func (r *Root) Close() error { return unix.Close(r.fd) }

// clean makes rel a relative path without leading or trailing "/".
func clean(rel string) string {
	rel = strings.Trim(rel, "/")
	if rel == "" {
		return "."
	}
	return rel
}

// OpenDir returns a descriptor of the directory rel beneath the root;
// the caller closes it.
func (r *Root) OpenDir(rel string) (int, error) {
	rel = clean(rel)
	for {
		fd, err := unix.Openat2(r.fd, rel, &unix.OpenHow{
			Flags:   unix.O_DIRECTORY | unix.O_RDONLY | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_IN_ROOT | unix.RESOLVE_NO_MAGICLINKS,
		})
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if err != nil {
			return -1, &os.PathError{Op: "open", Path: rel, Err: err}
		}
		return fd, nil
	}
}

// split returns the directory and last component of rel.
func split(rel string) (string, string) {
	rel = clean(rel)
	return path.Dir(rel), path.Base(rel)
}

// MkdirAll creates rel and its missing parents beneath the root with
// mode (parents 0755), returning whether rel itself was created.
func (r *Root) MkdirAll(rel string, mode uint32) (bool, error) {
	rel = clean(rel)
	if rel == "." {
		return false, nil
	}
	dir, name := split(rel)
	if fd, err := r.OpenDir(rel); err == nil {
		unix.Close(fd)
		return false, nil
	}
	if _, err := r.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	dfd, err := r.OpenDir(dir)
	if err != nil {
		return false, err
	}
	defer unix.Close(dfd)
	err = unix.Mkdirat(dfd, name, mode&0o7777)
	if err == unix.EEXIST {
		return false, nil
	}
	if err != nil {
		return false, &os.PathError{Op: "mkdir", Path: rel, Err: err}
	}
	// mkdir applies the umask: set the mode exactly.
	unix.Fchmodat(dfd, name, mode&0o7777, 0)
	return true, nil
}

// ReadFile reads the file rel beneath the root.
func (r *Root) ReadFile(rel string) ([]byte, error) {
	f, err := r.OpenFile(rel, unix.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// OpenFile opens rel beneath the root, not following a symlink in its
// last component.
func (r *Root) OpenFile(rel string, flags int, perm uint32) (*os.File, error) {
	dir, name := split(rel)
	dfd, err := r.OpenDir(dir)
	if err != nil {
		return nil, err
	}
	defer unix.Close(dfd)
	fd, err := unix.Openat(dfd, name, flags|unix.O_NOFOLLOW|unix.O_CLOEXEC, perm)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: clean(rel), Err: err}
	}
	return os.NewFile(uintptr(fd), path.Join(r.Path, clean(rel))), nil
}

// WriteFile replaces rel atomically: the data goes to rel.new, is
// synced, and renamed over rel (apk.md 5.1, 8.9).
func (r *Root) WriteFile(rel string, data []byte, perm uint32) error {
	dir, name := split(rel)
	dfd, err := r.OpenDir(dir)
	if err != nil {
		return err
	}
	defer unix.Close(dfd)
	tmp := name + ".new"
	unix.Unlinkat(dfd, tmp, 0)
	fd, err := unix.Openat(dfd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, perm)
	if err != nil {
		return &os.PathError{Op: "open", Path: clean(rel) + ".new", Err: err}
	}
	f := os.NewFile(uintptr(fd), tmp)
	unix.Fchmod(fd, perm)
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = unix.Renameat(dfd, tmp, dfd, name)
	}
	if err != nil {
		unix.Unlinkat(dfd, tmp, 0)
		return &os.PathError{Op: "write", Path: clean(rel), Err: err}
	}
	return nil
}

// Remove unlinks the non-directory rel.
func (r *Root) Remove(rel string) error {
	dir, name := split(rel)
	dfd, err := r.OpenDir(dir)
	if err != nil {
		return err
	}
	defer unix.Close(dfd)
	if err := unix.Unlinkat(dfd, name, 0); err != nil {
		return &os.PathError{Op: "unlink", Path: clean(rel), Err: err}
	}
	return nil
}

// Rmdir removes the directory rel if it is empty.
func (r *Root) Rmdir(rel string) error {
	dir, name := split(rel)
	dfd, err := r.OpenDir(dir)
	if err != nil {
		return err
	}
	defer unix.Close(dfd)
	return unix.Unlinkat(dfd, name, unix.AT_REMOVEDIR)
}

// Lstat returns the status of rel without following its last component.
func (r *Root) Lstat(rel string) (*unix.Stat_t, error) {
	dir, name := split(rel)
	dfd, err := r.OpenDir(dir)
	if err != nil {
		return nil, err
	}
	defer unix.Close(dfd)
	var st unix.Stat_t
	if err := unix.Fstatat(dfd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return nil, &os.PathError{Op: "lstat", Path: clean(rel), Err: err}
	}
	return &st, nil
}

// Sync flushes the root's file system, once before the database is
// written, so that the files a database names are on disk first.
func (r *Root) Sync() error { return unix.Syncfs(r.fd) }

// Lock takes apk's database lock: lib/apk/db/lock (created 0600),
// exclusive and without waiting. The lock lives as long as the returned
// file is open.
func (r *Root) Lock() (*os.File, error) {
	f, err := r.OpenFile("lib/apk/db/lock", unix.O_RDWR|unix.O_CREAT, 0o600)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// InitDB creates the database layout of --initdb (apk.md 5.5); entries
// that exist are left alone and device nodes that cannot be made are
// skipped.
func (r *Root) InitDB() error {
	for _, d := range []struct {
		p    string
		mode uint32
	}{
		{"tmp", 0o1777}, {"dev", 0o755}, {"etc", 0o755}, {"etc/apk", 0o755},
		{"lib", 0o755}, {"lib/apk", 0o755}, {"lib/apk/db", 0o755},
		{"var", 0o755}, {"var/cache", 0o755}, {"var/cache/apk", 0o755}, {"var/cache/misc", 0o755},
	} {
		if _, err := r.MkdirAll(d.p, d.mode); err != nil {
			return err
		}
	}
	if dfd, err := r.OpenDir("dev"); err == nil {
		for _, n := range []struct {
			name         string
			mode         uint32
			major, minor uint32
		}{
			{"null", 0o666, 1, 3}, {"zero", 0o666, 1, 5}, {"random", 0o666, 1, 8},
			{"urandom", 0o666, 1, 9}, {"console", 0o600, 5, 1},
		} {
			if unix.Mknodat(dfd, n.name, unix.S_IFCHR|n.mode, int(unix.Mkdev(n.major, n.minor))) == nil {
				unix.Fchmodat(dfd, n.name, n.mode, 0)
			}
		}
		unix.Close(dfd)
	}
	for _, f := range []struct {
		p    string
		mode uint32
	}{{"etc/apk/world", 0o644}, {"lib/apk/db/installed", 0o644}, {"lib/apk/db/lock", 0o600}} {
		fh, err := r.OpenFile(f.p, unix.O_WRONLY|unix.O_CREAT, f.mode)
		if err != nil {
			return err
		}
		fh.Close()
	}
	return nil
}
