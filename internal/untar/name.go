package untar

// StripUnsafe returns name without the prefix that BusyBox's
// strip_unsafe_prefix removes from member names: leading slashes, and
// everything up to and including the last "../" component (a leading
// "../", or a "/../" anywhere). The removed prefix is returned too, for
// the "removing leading 'PREFIX' from member names" message; it is empty
// when nothing was removed. Names are strings or bytes (a reader's
// buffer, which stays unallocated).
func StripUnsafe[S ~string | ~[]byte](name S) (rest, removed S) {
	i := 0
	for {
		switch {
		case i < len(name) && name[i] == '/':
			i++
			continue
		case i+3 <= len(name) && name[i] == '.' && name[i+1] == '.' && name[i+2] == '/':
			i += 3
			continue
		}
		j := i
		for j+4 <= len(name) && !(name[j] == '/' && name[j+1] == '.' && name[j+2] == '.' && name[j+3] == '/') {
			j++
		}
		if j+4 > len(name) {
			break
		}
		i = j + 4
	}
	return name[i:], name[:i]
}

// A clean path is a name as the Extractor works on it: its components
// joined by single slashes, without empty or "." components, without a
// leading or trailing slash ("" is the target itself), in a buffer the
// Extractor reuses from entry to entry. Comparing two clean paths byte
// by byte compares their components.

// Clean returns the clean path of a member name that stays inside the
// target, in dst's space (grown when short): "." and "./" are the
// target itself, "", and an absolute name or a ".." component makes ok
// false. Trailing slashes are allowed.
func Clean(dst, name []byte) (_ []byte, ok bool) {
	if len(name) > 0 && name[0] == '/' {
		return dst[:0], false
	}
	return appendClean(dst[:0], name, false)
}

// appendClean appends the components of name to the clean path dst (a
// "/" between them). A ".." component makes ok false unless dotdot is
// set; a leading "/" is the caller's to refuse.
func appendClean(dst, name []byte, dotdot bool) (_ []byte, ok bool) {
	for off := 0; off <= len(name); {
		j := off
		for j < len(name) && name[j] != '/' {
			j++
		}
		c := name[off:j]
		off = j + 1
		switch {
		case len(c) == 0 || isDot(c):
			continue
		case isDotDot(c) && !dotdot:
			return dst, false
		}
		if len(dst) > 0 {
			dst = append(dst, '/')
		}
		dst = append(dst, c...)
	}
	return dst, true
}

// nextComp returns the component of the clean path p that starts at
// off, and where the next one starts (past len(p) after the last).
func nextComp(p []byte, off int) (comp []byte, next int) {
	j := off
	for j < len(p) && p[j] != '/' {
		j++
	}
	return p[off:j], j + 1
}

// countComps returns how many components the clean path p has.
func countComps(p []byte) int {
	if len(p) == 0 {
		return 0
	}
	n := 1
	for _, c := range p {
		if c == '/' {
			n++
		}
	}
	return n
}

// splitLast returns the clean path p's parent and last component.
func splitLast(p []byte) (parent, base []byte) {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[:i], p[i+1:]
		}
	}
	return p[:0], p
}

// within reports whether the clean path dir holds the clean path p
// (a component prefix of it, shorter).
func within(dir, p []byte) bool {
	if len(dir) == 0 {
		return len(p) > 0
	}
	return len(dir) < len(p) && p[len(dir)] == '/' && string(p[:len(dir)]) == string(dir)
}

func isDot(c []byte) bool    { return len(c) == 1 && c[0] == '.' }
func isDotDot(c []byte) bool { return len(c) == 2 && c[0] == '.' && c[1] == '.' }
