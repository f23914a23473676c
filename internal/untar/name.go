package untar

import "strings"

// StripUnsafe returns name without the prefix that BusyBox's
// strip_unsafe_prefix removes from member names: leading slashes, and
// everything up to and including the last "../" component (a leading
// "../", or a "/../" anywhere). The removed prefix is returned too, for
// the "removing leading 'PREFIX' from member names" message; it is ""
// when nothing was removed.
func StripUnsafe(name string) (rest, removed string) {
	i := 0
	for {
		switch {
		case i < len(name) && name[i] == '/':
			i++
			continue
		case strings.HasPrefix(name[i:], "../"):
			i += 3
			continue
		}
		j := strings.Index(name[i:], "/../")
		if j < 0 {
			break
		}
		i += j + 4
	}
	return name[i:], name[:i]
}

// Split returns the components of a member name that stays inside the
// target: empty and "." components are dropped (so "." and "./" are the
// target itself, no components), and a ".." component or a leading "/"
// makes ok false. Trailing slashes are allowed.
func Split(name string) (comps []string, ok bool) {
	if strings.HasPrefix(name, "/") {
		return nil, false
	}
	for _, c := range strings.Split(name, "/") {
		switch c {
		case "", ".":
			continue
		case "..":
			return nil, false
		}
		comps = append(comps, c)
	}
	return comps, true
}

// splitAny returns the components of any name, ".." included, for names
// the user allowed to leave the target (-P).
func splitAny(name string) []string {
	var comps []string
	for _, c := range strings.Split(name, "/") {
		if c != "" && c != "." {
			comps = append(comps, c)
		}
	}
	return comps
}
