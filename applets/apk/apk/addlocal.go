package apk

import (
	"crypto/sha1"
	"encoding/binary"
	"io"
	"os"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgfile"
	"gobox/internal/apk/version"
)

// virtual makes the virtual package of "add -t NAME[=VERSION]" (apk.md
// 9.4): noarch, "virtual meta package", size 0, versioned by the UTC
// time when no version is given. Its identity is apk's: SHA-1 over the
// process id, the name with its NUL and the version.
func (w *writer) virtual(spec string) (*pkg, dep.Dep, error) {
	e := w.e
	d, err := dep.Parse(spec)
	bad := err != nil || d.Conflict || d.Name == "" || d.Tag != "" ||
		(d.Op != version.Any && d.Op != version.Equal)
	if !bad && d.Name[0] != '.' && !w.nonRepositoryOK() {
		bad = true
	}
	if bad {
		e.errorf("%s: bad package specifier", spec)
		return nil, d, status(99)
	}
	if d.Op == version.Any {
		d.Op = version.Equal
		d.Version = time.Now().UTC().Format("20060102.150405")
	}
	h := sha1.New()
	var pid [4]byte
	binary.LittleEndian.PutUint32(pid[:], uint32(os.Getpid()))
	h.Write(pid[:])
	h.Write([]byte(d.Name + "\x00"))
	h.Write([]byte(d.Version))
	p := &pkg{local: true, Package: &index.Package{
		Checksum:    index.EncodeChecksum(h.Sum(nil)),
		Name:        d.Name,
		Version:     d.Version,
		Arch:        "noarch",
		Description: "virtual meta package",
	}}
	return p, d, nil
}

// nonRepositoryOK is apk's check before it records a package no
// repository has: the package cache must be enabled, the root must not
// be on tmpfs (it would be lost on reboot), or --force-non-repository.
func (w *writer) nonRepositoryOK() bool {
	e := w.e
	if e.o.Has("force-non-repository") || w.packageCache() != "" {
		return true
	}
	var st unix.Statfs_t
	if err := unix.Statfs(e.root(), &st); err != nil || st.Type != unix.TMPFS_MAGIC {
		return true
	}
	e.errorf("You tried to add a non-repository package to system, but it would be lost on next reboot. Enable package caching (apk cache --help) or use --force-non-repository if you know what you are doing.")
	return false
}

// addFile reads a package file named on the command line, verifies its
// signature (unless --allow-untrusted) and makes it available to the
// solver under its identity, merged with the same package of a
// repository or the database.
func (w *writer) addFile(name string) (*pkg, error) {
	path := w.e.ctx.Path(name)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	pr, err := pkgfile.NewReader(f)
	if err != nil {
		return nil, err
	}
	if !pr.HasDataHash() {
		// The identity and signature then cover the data too.
		for {
			if _, err := pr.Next(); err == io.EOF {
				break
			} else if err != nil {
				return nil, err
			}
		}
		if err := pr.Close(); err != nil {
			return nil, err
		}
	}
	if !w.e.o.Has("allow-untrusted") {
		if err := pr.Verify(w.d.keys); err != nil {
			return nil, err
		}
	}
	if pr.Info == nil {
		return nil, pkgfile.ErrFormat
	}
	ip := index.FromInfo(pr.Info, index.EncodeChecksum(pr.Identity()), fi.Size())
	for _, p := range w.d.pkgs {
		if p.Checksum == ip.Checksum {
			p.local, p.file = true, path
			return p, nil
		}
	}
	p := &pkg{Package: ip, local: true, file: path}
	w.d.pkgs = append(w.d.pkgs, p)
	return p, nil
}
