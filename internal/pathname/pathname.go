// Package pathname manipulates file names as strings, the way BusyBox's
// libbb does (concat_path_file, bb_get_last_path_component_strip,
// dirname(3)): no cleaning, so "a/.." keeps its meaning through
// symlinks, and no file system access.
package pathname

import "strings"

// Join joins dir and name like BusyBox's concat_path_file: no slash is
// added when dir already ends in one, and leading slashes of name are
// dropped. An empty dir gives "/name", as there.
func Join(dir, name string) string {
	name = strings.TrimLeft(name, "/")
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

// StripSlashes removes trailing slashes from p, keeping a lone "/"
// (the in-place part of bb_get_last_path_component_strip).
func StripSlashes(p string) string {
	for len(p) > 1 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p
}

// Base returns the last component of p after StripSlashes, or "/" for
// the root (bb_get_last_path_component_strip).
func Base(p string) string {
	p = StripSlashes(p)
	i := strings.LastIndexByte(p, '/')
	if i < 0 || p == "/" {
		return p
	}
	return p[i+1:]
}

// Dir is POSIX dirname(3): "a/b" -> "a", "a" -> ".", "/a" -> "/",
// trailing slashes ignored.
func Dir(p string) string {
	p = StripSlashes(p)
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "."
	}
	for i > 0 && p[i-1] == '/' {
		i--
	}
	if i == 0 {
		return "/"
	}
	return p[:i]
}
