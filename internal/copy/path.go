package copy

import (
	"io"
	"strings"
)

// JoinPath joins dir and name like BusyBox's concat_path_file: no slash is
// added when dir already ends in one, and leading slashes of name are
// dropped.
func JoinPath(dir, name string) string {
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

// AskYes reads one line from r, a byte at a time so that later prompts
// get the following lines, and reports whether its first non-blank
// character is 'y' or 'Y' (bb_ask_y_confirmation).
func AskYes(r io.Reader) bool {
	var first byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 0 {
			if err != nil {
				break
			}
			continue
		}
		if b[0] == '\n' {
			break
		}
		if first == 0 && b[0] != ' ' && b[0] != '\t' {
			first = b[0] | 0x20
		}
	}
	return first == 'y'
}
