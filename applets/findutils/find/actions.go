package find

import (
	"golang.org/x/sys/unix"

	"gobox/internal/dirent"
)

// act runs one action on the current entry and returns resTrue when it
// holds, with resSkip for -prune.
func (f *finder) act(a *action) int {
	e := f.cur
	ok := false
	switch a.kind {
	case aPrint:
		f.print('\n')
		return resTrue
	case aPrint0:
		f.print(0)
		return resTrue
	case aName:
		ok = a.match.match(a.pattern, baseName(f.pathString()))
	case aPath:
		ok = a.match.match(a.pattern, f.pathString())
	case aRegex:
		// The whole path: the leftmost-longest match starts at its
		// start and ends at its end.
		p := f.pathString()
		m := a.re.FindStringSubmatchIndex(p, false)
		ok = m != nil && m[0] == 0 && m[1] == len(p)
	case aType:
		ok = e.mode == a.mask
	case aExecutable:
		dirfd, name := f.walk.At()
		ok = dirent.Faccessat(dirfd, name, unix.X_OK) == nil
	case aPerm:
		m := e.st.Mode
		switch a.sign {
		case '+', '/':
			ok = m&a.mask != 0
		case '-':
			ok = m&a.mask == a.mask
		default:
			ok = m&0o7777 == a.mask
		}
	case aTime:
		ok = a.compareAge(e)
	case aNewer:
		ok = int64(a.n) < e.st.Mtim.Sec
	case aInum:
		ok = e.st.Ino == a.n
	case aUser:
		ok = uint64(e.st.Uid) == a.n
	case aGroup:
		ok = uint64(e.st.Gid) == a.n
	case aSize:
		size, n := e.st.Size, int64(a.n) // off_t both, as in BusyBox
		switch a.sign {
		case '+':
			ok = size > n
		case '-':
			ok = size < n
		default:
			ok = size == n
		}
	case aLinks:
		nlink := uint64(e.st.Nlink)
		switch a.sign {
		case '-':
			ok = nlink < a.n
		case '+':
			ok = nlink > a.n
		default:
			ok = nlink == a.n
		}
	case aEmpty:
		ok = f.empty(e)
	case aPrune:
		return resSkip | resTrue
	case aQuit:
		f.quit = true
		return resTrue
	case aDelete:
		f.delete(e)
		return resTrue
	case aExec:
		ok = f.exec(a.exec)
	case aParen:
		return f.eval(a.sub)
	}
	if ok {
		return resTrue
	}
	return 0
}

// compareAge is -mtime, -atime, -ctime and -mmin: the age of the time
// in whole units, greater than (+N), less than (-N) or exactly N.
func (a *action) compareAge(e *entry) bool {
	t := e.st.Mtim.Sec
	switch a.field {
	case 'a':
		t = e.st.Atim.Sec
	case 'c':
		t = e.st.Ctim.Sec
	}
	age := now() - t
	n := int64(a.n) * a.unit
	switch a.sign {
	case '+':
		return age >= n+a.unit
	case '-':
		return age < n
	}
	return age >= n && age < n+a.unit
}

// empty is -empty: a regular file of size 0 or a directory with no
// entries but "." and "..". A directory that cannot be read is reported
// and does not match.
func (f *finder) empty(e *entry) bool {
	switch e.mode {
	case unix.S_IFREG:
		return e.st.Size == 0
	case unix.S_IFDIR:
	default:
		return false
	}
	fd, err := dirent.OpenDir(f.walk.At())
	if err != nil {
		f.warn(err)
		return false
	}
	defer unix.Close(fd)
	if f.reader == nil {
		f.reader = dirent.NewReader(fd)
	} else {
		f.reader.Reset(fd)
	}
	for {
		ent, ok := f.reader.Next()
		if !ok {
			return true
		}
		if !ent.IsDots() {
			return false
		}
	}
}

// delete is -delete: rmdir for a directory (but "." itself), unlink for
// anything else. A failure is reported and leaves the status alone, as
// in BusyBox.
func (f *finder) delete(e *entry) {
	flags := 0
	if e.mode == unix.S_IFDIR {
		if string(f.walk.Path()) == "." {
			return
		}
		flags = unix.AT_REMOVEDIR
	}
	dirfd, name := f.walk.At()
	if err := dirent.Unlinkat(dirfd, name, flags); err != nil {
		f.warn(err)
	}
}

// baseName is the name -name matches: the last component, without the
// slashes a command-line operand may end in ("dir/" is "dir", "//" is
// "/"), as BusyBox's ACTF(name) cuts it.
func baseName(p string) string {
	i := len(p)
	for i > 0 && p[i-1] == '/' {
		i--
	}
	if i == 0 {
		if p == "" {
			return ""
		}
		return "/"
	}
	j := i
	for j > 0 && p[j-1] != '/' {
		j--
	}
	return p[j:i]
}
