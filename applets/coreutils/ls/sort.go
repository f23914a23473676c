package ls

import (
	"bytes"
	"slices"
)

// sortOrder sorts t's entries listed in order like BusyBox's sortcmp:
// directories first with --group-directories-first, then by size (-S),
// time (-t), version (-v) or extension (-X), ties and the default by
// name in strcmp order; -r reverses the result.
func (l *lister) sortOrder(t *listing, order []uint32) {
	if len(order) < 2 {
		return
	}
	slices.SortFunc(order, func(a, b uint32) int { return l.compare(t, t.at(a), t.at(b)) })
}

func (l *lister) compare(t *listing, a, b *entry) int {
	d := 0
	if l.dirsFirst {
		d = b2i(b.isDir()) - b2i(a.isDir())
	}
	if d == 0 {
		an, bn := t.bytes(a.name), t.bytes(b.name)
		switch {
		case l.bySize:
			d = sign(b.sortSize() - a.sortSize())
		case l.byTime:
			d = sign(b.time - a.time)
		case l.byVersion:
			d = strverscmp(an, bn)
		case l.byExt:
			d = bytes.Compare(ext(an), ext(bn))
		}
		if d == 0 {
			d = bytes.Compare(an, bn)
		}
	}
	if l.reverse {
		return -d
	}
	return d
}

// ext is what -X compares: the name from its first dot on.
func ext(name []byte) []byte {
	if i := bytes.IndexByte(name, '.'); i >= 0 {
		return name[i:]
	}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sign(n int64) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// strverscmp compares like musl's strverscmp: runs of digits compare as
// numbers, and runs with leading zeros as fractions.
func strverscmp(l, r []byte) int {
	at := func(s []byte, i int) byte {
		if i < len(s) {
			return s[i]
		}
		return 0
	}
	// Find the longest common prefix, remembering where its final run of
	// digits starts and whether that run is all zeros.
	i, dp, z := 0, 0, true
	for ; at(l, i) == at(r, i); i++ {
		c := at(l, i)
		if c == 0 {
			return 0
		}
		if !isDigit(c) {
			dp, z = i+1, true
		} else if c != '0' {
			z = false
		}
	}
	lc, rc := at(l, dp), at(r, dp)
	if lc >= '1' && lc <= '9' && rc >= '1' && rc <= '9' {
		// Digit runs not starting with zero: the longer is greater.
		j := i
		for ; isDigit(at(l, j)); j++ {
			if !isDigit(at(r, j)) {
				return 1
			}
		}
		if isDigit(at(r, j)) {
			return -1
		}
	} else if z && dp < i && (isDigit(at(l, i)) || isDigit(at(r, i))) {
		// A common run of zeros: digits sort before anything else.
		return int(at(l, i)-'0') - int(at(r, i)-'0')
	}
	return int(at(l, i)) - int(at(r, i))
}

// sortSize is the size -S sorts by: st_size, which is 0 for a device.
func (e *entry) sortSize() int64 {
	if e.isDevice() {
		return 0
	}
	return e.size
}
