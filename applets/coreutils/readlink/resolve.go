package readlink

import (
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// This file is shared in content with the realpath/readlink applet
// (applets may not import each other).

// realpath is realpath(3): the absolute, symlink-free name of an existing
// file. Relative names are resolved against cwd.
func realpath(cwd, name string) (string, error) {
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
			if links > 40 {
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

// physicalDir returns the symlink-free working directory of ctx.
func physicalDir(ctx *applet.Ctx) string {
	dir := ctx.Dir
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

// realpathCoreutils is BusyBox's xmalloc_realpath_coreutils: like
// realpath, but a missing last component is allowed (and a dangling
// symlink is followed to its missing target), as with coreutils'
// "readlink -f" and "realpath".
func realpathCoreutils(ctx *applet.Ctx, cwd, name string, depth int) (string, error) {
	buf, err := realpath(cwd, name)
	if err == nil || depth > 40 || !os.IsNotExist(err) {
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
		return realpathCoreutils(ctx, cwd, target, depth+1)
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
		dir, err := realpath(cwd, p[:slash])
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
