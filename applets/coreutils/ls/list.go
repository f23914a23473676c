package ls

import (
	"golang.org/x/sys/unix"

	"gobox/internal/dirent"
)

// entry is one file to list: the stat fields ls shows, with its name (and
// a symlink's target) kept in its listing's name blocks. It is small (72
// bytes) and holds no pointers, so a directory of 100,000 files costs
// about 8 MB (BusyBox's dnode and its malloc'd names take more) and
// gives the collector nothing to scan.
type entry struct {
	name str
	link str // a symlink's target with -l; empty when not read

	mode  uint32 // from stat or lstat, depending on -L / -H
	lmode uint32 // from lstat, or 0 if not known
	// target is the mode of a symlink's target (0 if dangling or not
	// looked up), for -F, -p and colours with -l.
	target uint32
	uid    uint32
	gid    uint32
	nlink  uint32 // the kernel's link count is 32 bits

	// size is st_size, or for a device, whose st_size is 0, st_rdev
	// (shown in its place).
	size   int64
	time   int64
	ino    uint64
	blocks int64
}

func (e *entry) isDir() bool { return e.mode&unix.S_IFMT == unix.S_IFDIR }

func (e *entry) isDevice() bool {
	f := e.mode & unix.S_IFMT
	return f == unix.S_IFCHR || f == unix.S_IFBLK
}

// hasLink reports whether e's symlink target was read: no symlink has
// an empty one.
func (e *entry) hasLink() bool { return e.link.n > 0 }

func isLink(mode uint32) bool { return mode&unix.S_IFMT == unix.S_IFLNK }

// str is a string inside a listing's name blocks.
type str struct {
	block  uint32
	off, n uint16
}

// entryBlock and nameBlock are the sizes of a listing's blocks. A
// listing keeps its blocks for the next directory, so that listing a
// tree allocates nothing once a directory as large has been read, and a
// directory that grows never copies what it read (a growing slice would
// leave each of its old arrays to the collector).
const (
	entryBlock = 128      // 9 KB
	nameBlock  = 16 << 10 // a str's offset and length are 16 bits
)

// listing is the entries of the directory being listed (or of the
// command-line operands), in the order they were read, and order, the
// indices of those to show, sorted.
type listing struct {
	entries [][]entry // blocks of entryBlock entries
	n       int
	names   [][]byte // blocks of nameBlock bytes
	cur     int      // the name block being filled
	used    int      // bytes used in it
	order   []uint32
}

// reset empties t, keeping its blocks.
func (t *listing) reset() { t.n, t.cur, t.used, t.order = 0, 0, 0, t.order[:0] }

// add returns a new zeroed entry at the end of t.
func (t *listing) add() *entry {
	b := t.n / entryBlock
	if b == len(t.entries) {
		t.entries = append(t.entries, make([]entry, entryBlock))
	}
	e := &t.entries[b][t.n%entryBlock]
	*e = entry{}
	t.n++
	return e
}

// at returns entry i.
func (t *listing) at(i uint32) *entry { return &t.entries[i/entryBlock][i%entryBlock] }

// store copies s into t's name blocks. Names are at most 255 bytes and
// symlink targets under 4096 (PATH_MAX), so a longer s is cut to a block.
func (t *listing) store(s []byte) str {
	if len(s) > nameBlock {
		s = s[:nameBlock]
	}
	if len(t.names) == 0 || t.used+len(s) > nameBlock {
		if len(t.names) > 0 {
			t.cur++
		}
		if t.cur == len(t.names) {
			t.names = append(t.names, make([]byte, nameBlock))
		}
		t.used = 0
	}
	r := str{block: uint32(t.cur), off: uint16(t.used), n: uint16(len(s))}
	t.used += copy(t.names[t.cur][t.used:], s)
	return r
}

// bytes returns the bytes of s, inside t's blocks.
func (t *listing) bytes(s str) []byte {
	return t.names[s.block][s.off : int(s.off)+int(s.n)]
}

// all sets t.order to every entry, in the order read, and returns it.
func (t *listing) all() []uint32 {
	if cap(t.order) < t.n {
		// Grown once to the size needed (with room), rather than
		// by appends that leave each smaller array behind.
		t.order = make([]uint32, 0, t.n+t.n/2)
	}
	t.order = t.order[:t.n]
	for i := range t.order {
		t.order[i] = uint32(i)
	}
	return t.order
}

// fill copies the fields ls uses out of st.
func (l *lister) fill(e *entry, st *unix.Stat_t) {
	e.mode = st.Mode
	e.size = st.Size
	switch {
	case l.ctime:
		e.time = int64(st.Ctim.Sec)
	case l.atime:
		e.time = int64(st.Atim.Sec)
	default:
		e.time = int64(st.Mtim.Sec)
	}
	e.ino = st.Ino
	e.blocks = st.Blocks
	e.nlink = uint32(st.Nlink)
	e.uid, e.gid = st.Uid, st.Gid
	if e.isDevice() {
		e.size = int64(st.Rdev)
	}
}

// addArg stats command-line operand name (following symlinks if follow)
// and adds it to t; false after reporting an error.
func (l *lister) addArg(t *listing, name string, follow bool) bool {
	path := l.ctx.Path(name)
	var st unix.Stat_t
	var err error
	if follow {
		err = unix.Stat(path, &st)
	} else {
		err = unix.Lstat(path, &st)
	}
	if err != nil {
		l.perror(err, "%s", name)
		return false
	}
	e := t.add()
	e.name = t.store([]byte(name))
	l.fill(e, &st)
	if !follow {
		e.lmode = st.Mode
	}
	if l.long && isLink(e.mode) {
		l.readLink(t, e, name, func(buf []byte) (int, error) { return unix.Readlink(path, buf) })
		if e.hasLink() && (l.classify || l.slash || l.color) {
			if unix.Stat(path, &st) == nil {
				e.target = st.Mode
			}
		}
	}
	if l.color && e.lmode == 0 {
		if unix.Lstat(path, &st) == nil {
			e.lmode = st.Mode
		}
	}
	return true
}

// scan reads the directory at l.path into t; false if it could not be
// opened.
func (l *lister) scan(t *listing) bool {
	t.reset()
	fd, err := dirent.OpenDir(unix.AT_FDCWD, l.cpath())
	if err != nil {
		l.perror(err, "can't open '%s'", l.path[l.prefix:])
		return false
	}
	defer unix.Close(fd)
	if l.reader == nil {
		l.reader = dirent.NewReader(fd)
	}
	r := l.reader
	r.Reset(fd)
	for {
		d, ok := r.Next()
		if !ok {
			break
		}
		if !l.shown(d) {
			continue
		}
		if l.needStat || d.Type == unix.DT_UNKNOWN {
			l.statEntry(t, fd, d)
			continue
		}
		e := t.add()
		e.name = t.store(d.Name())
		e.mode = d.Mode()
		e.lmode = e.mode
		e.ino = d.Ino
	}
	return true
}

// cpath returns l.path NUL-terminated, for the system calls.
func (l *lister) cpath() *byte {
	l.path = append(l.path, 0)
	p := &l.path[0]
	l.path = l.path[:len(l.path)-1]
	return p
}

// shown reports whether -a and -A let entry d be listed.
func (l *lister) shown(d dirent.Entry) bool {
	name := d.Name()
	if name[0] != '.' || l.all {
		return true
	}
	return l.almost && !d.IsDots()
}

// statEntry adds entry d of the directory open as fd to t, from its
// stat, with the symlink's target for -l; it reports an error instead
// when the stat fails.
func (l *lister) statEntry(t *listing, fd int, d dirent.Entry) {
	var st unix.Stat_t
	flags := unix.AT_SYMLINK_NOFOLLOW
	if l.follow {
		flags = 0
	}
	if err := dirent.Fstatat(fd, d.CName(), &st, flags); err != nil {
		l.perror(err, "%s", l.full(d.Name()))
		return
	}
	e := t.add()
	e.name = t.store(d.Name())
	l.fill(e, &st)
	if !l.follow {
		e.lmode = st.Mode
	} else if l.color {
		if dirent.Fstatat(fd, d.CName(), &st, unix.AT_SYMLINK_NOFOLLOW) == nil {
			e.lmode = st.Mode
		}
	}
	if l.long && isLink(e.mode) {
		l.readLink(t, e, "", func(buf []byte) (int, error) { return dirent.Readlinkat(fd, d.CName(), buf) })
		if e.hasLink() && (l.classify || l.slash || l.color) {
			if dirent.Fstatat(fd, d.CName(), &st, 0) == nil {
				e.target = st.Mode
			}
		}
	}
}

// full returns the name of entry name of the directory being listed as
// messages show it ("dir/name"); only errors need it.
func (l *lister) full(name []byte) string {
	dir := l.path[l.prefix:]
	if len(dir) > 0 && dir[len(dir)-1] == '/' {
		return string(dir) + string(name)
	}
	return string(dir) + "/" + string(name)
}

// readLink sets e's link from readlink, growing the buffer as needed;
// arg is the operand's name, or "" for an entry of the directory read.
func (l *lister) readLink(t *listing, e *entry, arg string, readlink func([]byte) (int, error)) {
	if l.linkBuf == nil {
		l.linkBuf = make([]byte, 4096)
	}
	for {
		m, err := readlink(l.linkBuf)
		if err != nil {
			if arg == "" {
				arg = l.full(t.bytes(e.name))
			}
			l.perror(err, "%s: cannot read link", arg)
			return
		}
		if m < len(l.linkBuf) {
			e.link = t.store(l.linkBuf[:m])
			return
		}
		l.linkBuf = make([]byte, 2*len(l.linkBuf))
	}
}
