// Package canonpath resolves file names to their absolute, symlink-free form
// the way BusyBox does: Resolve is realpath(3), Coreutils is BusyBox's
// xmalloc_realpath_coreutils (used by "readlink -f" and "realpath").
package canonpath

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// maxLinks bounds symlink expansion, like Linux's MAXSYMLINKS.
const maxLinks = 40

// Resolve is realpath(3): the absolute, symlink-free name of an existing
// file. Relative names are resolved against cwd, which must be absolute.
func Resolve(cwd, name string) (string, error) {
	if name == "" {
		return "", &os.PathError{Op: "realpath", Path: name, Err: unix.ENOENT}
	}
	var todo string
	if strings.HasPrefix(name, "/") {
		todo = name
	} else {
		todo = cwd + "/" + name
	}
	trailing := strings.HasSuffix(name, "/")
	res := ""
	links := 0
	for todo != "" {
		var comp string
		comp, todo, _ = strings.Cut(strings.TrimLeft(todo, "/"), "/")
		todo = strings.TrimLeft(todo, "/")
		switch comp {
		case "", ".":
			continue
		case "..":
			if i := strings.LastIndexByte(res, '/'); i >= 0 {
				res = res[:i]
			}
			continue
		}
		next := res + "/" + comp
		st, err := os.Lstat(next)
		if err != nil {
			return "", err
		}
		if st.Mode()&os.ModeSymlink != 0 {
			links++
			if links > maxLinks {
				return "", &os.PathError{Op: "realpath", Path: name, Err: unix.ELOOP}
			}
			target, err := os.Readlink(next)
			if err != nil {
				return "", err
			}
			if strings.HasPrefix(target, "/") {
				res = ""
			}
			if todo != "" {
				todo = target + "/" + todo
			} else {
				todo = target
			}
			continue
		}
		if !st.IsDir() && (todo != "" || trailing) {
			return "", &os.PathError{Op: "realpath", Path: name, Err: unix.ENOTDIR}
		}
		res = next
	}
	if res == "" {
		res = "/"
	}
	return res, nil
}

// PhysicalDir returns the absolute, symlink-free form of the working
// directory dir ("" means the process's).
func PhysicalDir(dir string) string {
	if dir == "" {
		dir = "."
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	if d, err := filepath.Abs(dir); err == nil {
		dir = d
	}
	return dir
}

// Coreutils is BusyBox's xmalloc_realpath_coreutils: like Resolve, but a
// missing last component is allowed (and a dangling symlink is followed
// to its missing target), as with coreutils' "readlink -f" and "realpath".
func Coreutils(cwd, name string) (string, error) {
	return coreutils(cwd, name, 0)
}

func coreutils(cwd, name string, depth int) (string, error) {
	buf, err := Resolve(cwd, name)
	if err == nil || depth > maxLinks || !os.IsNotExist(err) {
		return buf, err
	}
	full := name
	if !strings.HasPrefix(full, "/") {
		full = cwd + "/" + name
	}
	if target, lerr := os.Readlink(full); lerr == nil {
		if !strings.HasPrefix(target, "/") {
			// BusyBox resolves a relative target against the working
			// directory, not the link's directory.
			target = strings.TrimSuffix(cwd, "/") + "/" + target
		}
		return coreutils(cwd, target, depth+1)
	}
	p := name
	for len(p) > 1 && p[0] == '/' && p[1] == '/' {
		p = p[1:]
	}
	i := len(p) - 1
	for i > 0 && p[i] == '/' {
		i--
	}
	p = p[:i+1]
	slash := strings.LastIndexByte(p, '/')
	switch {
	case slash == 0:
		return p, nil
	case slash > 0:
		dir, err := Resolve(cwd, p[:slash])
		if err != nil {
			return "", err
		}
		if dir == "/" {
			dir = ""
		}
		return dir + "/" + p[slash+1:], nil
	}
	return "", err
}
