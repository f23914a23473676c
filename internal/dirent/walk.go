package dirent

import "golang.org/x/sys/unix"

// MaxSymlinks is how many symbolic links Linux follows in resolving one
// path (MAXSYMLINKS) before it fails with ELOOP.
const MaxSymlinks = 40

// Walk is the state of a depth-first walk of a tree, what BusyBox's
// recursive_action, copy_file and remove_file keep on their stacks: the
// path of the current entry, and for each directory being read its
// descriptor and a Reader. Entries are named to system calls relative to
// their directory's descriptor (At), so no path is resolved again and
// none is built but the one shown to the user, which is grown and cut in
// place. Memory grows with the depth of the tree and the length of its
// paths, never with the number of entries; once its buffers have grown,
// a Walk allocates nothing.
//
// The zero Walk is ready for Start. A walker recurses like this:
//
//	func visit(w *dirent.Walk) {
//		var st unix.Stat_t
//		if w.Stat(&st, false) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
//			return
//		}
//		if w.Open() != nil {
//			return
//		}
//		for w.Next() {
//			visit(w)
//		}
//		w.Close() // the directory is the current entry again
//	}
type Walk struct {
	path   []byte  // the current entry's name as the user sees it
	top    []byte  // the operand resolved for system calls, with a NUL
	levels []level // the open directories, outermost first; kept for reuse
	n      int     // levels in use
	cur    Entry   // the current entry, when n > 0
	link   bool    // Stat followed a symlink to the current entry
}

// level is one directory being read.
type level struct {
	fd    int
	r     *Reader
	entry Entry // the directory's own entry in its parent (n > 1)
	plen  int   // length of the directory's own path
	base  int   // length of the path before an entry's name
	links int   // symlinks followed from the operand down to it
}

// Start begins a walk at an operand: display is its name as the user
// gave it, which paths are built from, and name the same resolved for
// system calls (Ctx.Path). It closes what an earlier walk left open.
func (w *Walk) Start(display, name string) {
	w.CloseAll()
	w.path = append(w.path[:0], display...)
	w.top = append(append(w.top[:0], name...), 0)
	w.cur, w.link = Entry{}, false
}

// Path returns the current entry's path, as BusyBox would build it
// (concat_path_file): valid until the walk moves.
func (w *Walk) Path() []byte { return w.path }

// String returns the current entry's path as a string, for messages.
func (w *Walk) String() string { return string(w.path) }

// Depth is the number of directories open: 0 at the operand.
func (w *Walk) Depth() int { return w.n }

// Entry returns the current entry as its directory gave it (Depth > 0).
func (w *Walk) Entry() Entry { return w.cur }

// Fd returns the descriptor of the directory being read, or
// unix.AT_FDCWD at the operand.
func (w *Walk) Fd() int {
	if w.n == 0 {
		return unix.AT_FDCWD
	}
	return w.levels[w.n-1].fd
}

// At returns the current entry for an *at system call: its directory's
// descriptor and its name, NUL-terminated (at the operand, AT_FDCWD and
// the resolved name Start was given).
func (w *Walk) At() (dirfd int, name *byte) {
	if w.n == 0 {
		return unix.AT_FDCWD, &w.top[0]
	}
	return w.levels[w.n-1].fd, w.cur.CName()
}

// Stat stats the current entry without following a symlink, or with
// follow through it (see Follow).
func (w *Walk) Stat(st *unix.Stat_t, follow bool) error {
	dirfd, name := w.At()
	w.link = false
	if t := w.cur.Type; follow && w.n > 0 && t != unix.DT_LNK && t != unix.DT_UNKNOWN {
		return Fstatat(dirfd, name, st, 0) // not a symlink: nothing to count
	}
	if err := Fstatat(dirfd, name, st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return err
	}
	if !follow || st.Mode&unix.S_IFMT != unix.S_IFLNK {
		return nil
	}
	return w.Follow(st)
}

// Follow stats through the current entry, a symlink, and Open will then
// open what it points to. The symlinks a walk follows count as the
// kernel counts those in one path name: past MaxSymlinks from the
// operand down, Follow fails with ELOOP where BusyBox's stat of the
// whole path would, so a loop of links ends there.
func (w *Walk) Follow(st *unix.Stat_t) error {
	if w.links()+1 > MaxSymlinks {
		return unix.ELOOP
	}
	dirfd, name := w.At()
	w.link = true
	return Fstatat(dirfd, name, st, 0)
}

// Followed reports whether the last Stat followed a symlink.
func (w *Walk) Followed() bool { return w.link }

func (w *Walk) links() int {
	if w.n == 0 {
		return 0
	}
	return w.levels[w.n-1].links
}

// Open opens the current entry as a directory and descends into it:
// Next steps through its entries, Close comes back. Below the operand,
// a symlink is followed only when the last Stat followed it (a
// directory swapped for a symlink since is not).
func (w *Walk) Open() error {
	return w.open(unix.O_RDONLY | unix.O_DIRECTORY)
}

// OpenPath is Open for a directory that is never read, only named to
// *at system calls (with Enter): a destination being filled. It opens
// with O_PATH, so it needs no read permission, as creating files by
// path name needs none.
func (w *Walk) OpenPath() error {
	return w.open(unix.O_PATH | unix.O_DIRECTORY)
}

func (w *Walk) open(flags int) error {
	dirfd, name := w.At()
	if w.n > 0 && !w.link {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := Openat(dirfd, name, flags)
	if err != nil {
		return err
	}
	links := w.links()
	if w.link {
		links++
	}
	if w.n == len(w.levels) {
		w.levels = append(w.levels, level{})
	}
	l := &w.levels[w.n]
	w.n++
	l.fd, l.entry, l.plen, l.links = fd, w.cur, len(w.path), links
	if l.r != nil {
		l.r.Reset(fd)
	}
	if len(w.path) == 0 || w.path[len(w.path)-1] != '/' {
		w.path = append(w.path, '/')
	}
	l.base = len(w.path)
	w.link = false
	return nil
}

// Next moves to the next entry of the directory being read, "." and
// ".." left out, and makes the path its path. At the end of the
// directory, or after an error reading it (Err), it returns false and
// the path is the directory's again.
func (w *Walk) Next() bool {
	l := &w.levels[w.n-1]
	if l.r == nil {
		// Made on first use: a Walk that mirrors another (Enter)
		// never reads.
		l.r = NewReader(l.fd)
	}
	for {
		e, ok := l.r.Next()
		if !ok {
			w.path = w.path[:l.plen]
			return false
		}
		if e.IsDots() {
			continue
		}
		w.cur, w.link = e, false
		w.path = append(w.path[:l.base], e.Name()...)
		return true
	}
}

// Enter makes e the current entry of the directory open innermost, as
// if Next had returned it: for a walk that mirrors another (cp's
// destination follows its source's entries). e's name must stay valid
// while it is current.
func (w *Walk) Enter(e Entry) {
	l := &w.levels[w.n-1]
	w.cur, w.link = e, false
	w.path = append(w.path[:l.base], e.Name()...)
}

// Err returns the error that ended the reading of the directory open
// innermost, if any.
func (w *Walk) Err() error {
	if l := &w.levels[w.n-1]; l.r != nil {
		return l.r.Err()
	}
	return nil
}

// Close closes the directory open innermost and comes back to it as the
// current entry of its parent.
func (w *Walk) Close() {
	l := &w.levels[w.n-1]
	unix.Close(l.fd)
	w.n--
	w.path = w.path[:l.plen]
	w.cur, w.link = l.entry, false
	l.entry = Entry{}
}

// CloseAll closes every directory still open, as when a walk is
// abandoned half-way.
func (w *Walk) CloseAll() {
	for w.n > 0 {
		w.Close()
	}
}
