package ls

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"gobox/internal/dirent"
	"gobox/internal/human"
	"gobox/internal/mode"
	"gobox/internal/pathname"
	"gobox/internal/wcwidth"
)

// node is one file to list with the stat fields ls shows.
type node struct {
	name string // name as shown: the operand, or the entry's base name
	full string // name as shown in headers and messages ("dir/entry")
	path string // name to open, resolved against ctx.Dir

	mode  uint32 // from stat or lstat, depending on -L / -H
	lmode uint32 // from lstat, or 0 if not known
	// target is the mode of a symlink's target (0 if dangling or not
	// looked up); link is the symlink's contents for -l.
	target  uint32
	link    string
	hasLink bool

	size   int64
	time   int64
	ino    uint64
	blocks int64
	nlink  uint64
	uid    uint32
	gid    uint32
	rdev   uint64
}

func (n *node) isDir() bool { return n.mode&unix.S_IFMT == unix.S_IFDIR }

func isLink(mode uint32) bool { return mode&unix.S_IFMT == unix.S_IFLNK }

// fill copies the fields ls uses out of st.
func (l *lister) fill(n *node, st *unix.Stat_t) {
	n.mode = st.Mode
	n.size = st.Size
	switch {
	case l.ctime:
		n.time = st.Ctim.Sec
	case l.atime:
		n.time = st.Atim.Sec
	default:
		n.time = st.Mtim.Sec
	}
	n.ino = st.Ino
	n.blocks = st.Blocks
	n.nlink = uint64(st.Nlink)
	n.uid, n.gid = st.Uid, st.Gid
	n.rdev = uint64(st.Rdev)
}

// statArg stats a command-line operand, following symlinks if follow.
func (l *lister) statArg(n *node, follow bool) bool {
	var st unix.Stat_t
	var err error
	if follow {
		err = unix.Stat(n.path, &st)
	} else {
		err = unix.Lstat(n.path, &st)
	}
	if err != nil {
		l.perror(err, "%s", n.full)
		return false
	}
	l.fill(n, &st)
	if !follow {
		n.lmode = st.Mode
	}
	if l.long && isLink(n.mode) {
		l.readLink(n, func(buf []byte) (int, error) { return unix.Readlink(n.path, buf) })
		if n.hasLink && (l.classify || l.slash || l.color) {
			if unix.Stat(n.path, &st) == nil {
				n.target = st.Mode
			}
		}
	}
	if l.color && n.lmode == 0 {
		if unix.Lstat(n.path, &st) == nil {
			n.lmode = st.Mode
		}
	}
	return true
}

// scan reads directory d. ok is false if it could not be read.
func (l *lister) scan(d *node) (nodes []*node, ok bool) {
	fd, err := dirent.OpenDir(unix.AT_FDCWD, dirent.CString(d.path))
	if err != nil {
		l.perror(err, "can't open '%s'", d.full)
		return nil, false
	}
	defer unix.Close(fd)
	if l.reader == nil {
		l.reader = dirent.NewReader(fd)
	}
	r := l.reader
	r.Reset(fd)
	for {
		e, ok := r.Next()
		if !ok {
			break
		}
		if !l.shown(e) {
			continue
		}
		name := string(e.Name())
		n := &node{name: name, full: pathname.Join(d.full, name), path: pathname.Join(d.path, name), ino: e.Ino}
		if !l.needStat && e.Type != unix.DT_UNKNOWN {
			n.mode = e.Mode()
			n.lmode = n.mode
		} else if !l.statEntry(fd, e, n) {
			continue
		}
		nodes = append(nodes, n)
	}
	return nodes, true
}

// shown reports whether -a and -A let entry e be listed.
func (l *lister) shown(e dirent.Entry) bool {
	name := e.Name()
	if name[0] != '.' || l.all {
		return true
	}
	return l.almost && !e.IsDots()
}

// statEntry fills n from the stat of entry e of the directory open as fd,
// with the symlink's target for -l; false after reporting an error.
func (l *lister) statEntry(fd int, e dirent.Entry, n *node) bool {
	var st unix.Stat_t
	flags := unix.AT_SYMLINK_NOFOLLOW
	if l.follow {
		flags = 0
	}
	if err := dirent.Fstatat(fd, e.CName(), &st, flags); err != nil {
		l.perror(err, "%s", n.full)
		return false
	}
	l.fill(n, &st)
	if !l.follow {
		n.lmode = st.Mode
	} else if l.color {
		var lst unix.Stat_t
		if dirent.Fstatat(fd, e.CName(), &lst, unix.AT_SYMLINK_NOFOLLOW) == nil {
			n.lmode = lst.Mode
		}
	}
	if l.long && isLink(n.mode) {
		l.readLink(n, func(buf []byte) (int, error) { return unix.Readlinkat(fd, n.name, buf) })
		if n.hasLink && (l.classify || l.slash || l.color) {
			var tst unix.Stat_t
			if dirent.Fstatat(fd, e.CName(), &tst, 0) == nil {
				n.target = tst.Mode
			}
		}
	}
	return true
}

// readLink sets n's link from readlink, growing the buffer as needed.
func (l *lister) readLink(n *node, readlink func([]byte) (int, error)) {
	if l.linkBuf == nil {
		l.linkBuf = make([]byte, 4096)
	}
	for {
		m, err := readlink(l.linkBuf)
		if err != nil {
			l.perror(err, "%s: cannot read link", n.full)
			return
		}
		if m < len(l.linkBuf) {
			n.link, n.hasLink = string(l.linkBuf[:m]), true
			return
		}
		l.linkBuf = make([]byte, 2*len(l.linkBuf))
	}
}

// single appends one entry's listing to buf and returns the columns it
// takes, as BusyBox's display_single counts them.
func (l *lister) single(buf []byte, n *node) ([]byte, int) {
	start := len(buf)
	buf = l.appendNumbers(buf, n)
	if l.long {
		buf = l.appendLong(buf, n)
	}
	// The columns so far are ASCII; names count by their width.
	width := len(buf) - start
	buf, w := l.appendNames(buf, n)
	return buf, width + w
}

// appendNumbers appends the -i and -s columns.
func (l *lister) appendNumbers(buf []byte, n *node) []byte {
	if l.inode {
		buf = padLeft(buf, strconv.FormatUint(n.ino, 10), 7)
		buf = append(buf, ' ')
	}
	if l.blocks {
		// BusyBox 1.36: "%6llu " of KiB, or with -h "%7s " of the
		// allocated bytes, human-readable.
		s, w := strconv.FormatUint(uint64(n.blocks)>>1, 10), 6
		if l.human {
			s, w = human.Size(uint64(n.blocks)<<9, 1, 0), 7
		}
		buf = padLeft(buf, s, w)
		buf = append(buf, ' ')
	}
	return buf
}

// appendLong appends -l's columns: mode, links, owner, group, size (or
// device numbers) and time.
func (l *lister) appendLong(buf []byte, n *node) []byte {
	buf = mode.AppendString(buf, n.mode)
	buf = append(buf, ' ')
	buf = padLeft(buf, strconv.FormatUint(n.nlink, 10), 4)
	buf = append(buf, ' ')
	if l.numeric {
		if !l.noOwner {
			buf = padRight(buf, strconv.FormatUint(uint64(n.uid), 10), 8)
			buf = append(buf, ' ')
		}
		buf = padRight(buf, strconv.FormatUint(uint64(n.gid), 10), 8)
		buf = append(buf, ' ')
	} else {
		if !l.noOwner {
			buf = padRight(buf, trunc8(l.ids.UserName(int(n.uid))), 8)
			buf = append(buf, ' ')
		}
		buf = padRight(buf, trunc8(l.ids.GroupName(int(n.gid))), 8)
		buf = append(buf, ' ')
	}
	switch n.mode & unix.S_IFMT {
	case unix.S_IFBLK, unix.S_IFCHR:
		buf = padLeft(buf, strconv.FormatUint(uint64(unix.Major(n.rdev)), 10), 4)
		buf = append(buf, ',', ' ')
		buf = padLeft(buf, strconv.FormatUint(uint64(unix.Minor(n.rdev)), 10), 3)
	default:
		if l.human {
			buf = padLeft(buf, human.Size(uint64(n.size), 1, 0), 7)
		} else {
			buf = padLeft(buf, strconv.FormatUint(uint64(n.size), 10), 9)
		}
	}
	buf = append(buf, ' ')
	return l.appendTime(buf, n.time)
}

// appendNames appends the name, coloured, with a symlink's target for
// -l and the -F or -p indicator, and returns their width.
func (l *lister) appendNames(buf []byte, n *node) ([]byte, int) {
	if l.color {
		buf = colorStart(buf, n.lmode)
	}
	buf, width := l.appendName(buf, n.name)
	if l.color {
		buf = append(buf, "\x1b[m"...)
	}
	appendMode := n.mode
	if n.hasLink {
		buf = append(buf, " -> "...)
		if l.classify || l.slash || l.color {
			appendMode = n.target
			if l.color {
				buf = colorStart(buf, n.target)
			}
		}
		var w int
		buf, w = l.appendName(buf, n.link)
		width += w + 4
		if l.color {
			buf = append(buf, "\x1b[m"...)
		}
	}
	if l.classify || l.slash {
		if c := l.indicator(appendMode); c != 0 {
			buf = append(buf, c)
			width++
		}
	}
	return buf, width
}

// indicator is BusyBox's append_char: '/' for directories with -p or -F,
// and with -F '*' for executables, '|' '@' '=' for fifos, links, sockets.
func (l *lister) indicator(mode uint32) byte {
	switch mode & unix.S_IFMT {
	case unix.S_IFDIR:
		return '/'
	}
	if !l.classify {
		return 0
	}
	switch mode & unix.S_IFMT {
	case unix.S_IFREG:
		if mode&0o111 != 0 {
			return '*'
		}
	case unix.S_IFIFO:
		return '|'
	case unix.S_IFLNK:
		return '@'
	case unix.S_IFSOCK:
		return '='
	}
	return 0
}

// colorStart appends the escape BusyBox uses for a file of this mode (0:
// unknown, shown bold red).
func colorStart(buf []byte, mode uint32) []byte {
	const fg = "\x1f\x23\x23\x25\x22\x25\x23\x23\x00\x25\x24\x25\x23\x25\x25\x20"
	const attr = "\x01\x00\x01\x07\x01\x07\x01\x07\x00\x07\x01\x07\x01\x07\x07\x01"
	idx := (mode >> 12) & 0xf
	if mode&unix.S_IFMT == unix.S_IFREG && mode&0o111 != 0 {
		idx = 15
	}
	buf = append(buf, "\x1b["...)
	buf = strconv.AppendUint(buf, uint64(attr[idx]), 10)
	buf = append(buf, ';')
	buf = strconv.AppendUint(buf, uint64(fg[idx]), 10)
	return append(buf, 'm')
}

// appendName appends name with unprintable characters shown as '?'
// (quoted with -Q) and returns its width on the terminal.
func (l *lister) appendName(buf []byte, name string) ([]byte, int) {
	p, w := printable(name, l.unicode)
	if !l.quote {
		return append(buf, p...), w
	}
	buf = append(buf, '"')
	w += 2
	for i := 0; i < len(p); i++ {
		if p[i] == '"' || p[i] == '\\' {
			buf = append(buf, '\\')
			w++
		}
		buf = append(buf, p[i])
	}
	return append(buf, '"'), w
}

// nameWidth is the width appendName gives name.
func (l *lister) nameWidth(name string) int {
	p, w := printable(name, l.unicode)
	if l.quote {
		w += 2 + strings.Count(p, `"`) + strings.Count(p, `\`)
	}
	return w
}

// printable is BusyBox's printable_string2 as Alpine builds it (Unicode
// by the libc locale, combining and wide characters on, no code point
// limit): it returns s with each unprintable character replaced by '?',
// and the result's width in columns. Without a UTF-8 locale every byte
// below 0x20 or from 0x7f up is one '?'. With one, each malformed byte
// (musl's mbrtowc: no overlongs, surrogates or values above U+10FFFF) is
// one '?', and so is each character iswprint rejects or whose wcwidth is
// negative; combining characters are kept with width 0, wide ones with 2.
func printable(s string, unicode bool) (string, int) {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			simple = false
			break
		}
	}
	if simple {
		return s, len(s)
	}
	var b strings.Builder
	if !unicode {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c >= 0x7f {
				b.WriteByte('?')
			} else {
				b.WriteByte(c)
			}
		}
		return b.String(), len(s)
	}
	w := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		cw := -1
		if (r != utf8.RuneError || n > 1) && wcwidth.IsPrint(r) {
			cw = wcwidth.Width(r)
		}
		if cw < 0 {
			b.WriteByte('?')
			cw = 1
		} else {
			b.WriteString(s[i : i+n])
		}
		w += cw
		i += n
	}
	return b.String(), w
}

func trunc8(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

func padLeft(buf []byte, s string, w int) []byte {
	for i := len(s); i < w; i++ {
		buf = append(buf, ' ')
	}
	return append(buf, s...)
}

func padRight(buf []byte, s string, w int) []byte {
	buf = append(buf, s...)
	for i := len(s); i < w; i++ {
		buf = append(buf, ' ')
	}
	return buf
}

// appendTime appends the long listing's time column with its trailing
// space: "Mon DD HH:MM " within six months, else "Mon DD  YYYY ", or
// "YYYY-MM-DD HH:MM:SS +ZZZZ " with --full-time.
func (l *lister) appendTime(buf []byte, sec int64) []byte {
	t := time.Unix(sec, 0).In(l.tz)
	if l.fullTime {
		buf = t.AppendFormat(buf, "2006-01-02 15:04:05 -0700")
		return append(buf, ' ')
	}
	buf = append(buf, t.Month().String()[:3]...)
	buf = append(buf, ' ')
	buf = padLeft(buf, strconv.Itoa(t.Day()), 2)
	buf = append(buf, ' ')
	age := l.now - sec
	if age < 3600*24*365/2 && age > -15*60 {
		h, m, _ := t.Clock()
		buf = append(buf, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
		return append(buf, ' ')
	}
	buf = padLeft(buf, strconv.Itoa(t.Year()), 5)
	return append(buf, ' ')
}

func nowUnix() int64 { return time.Now().Unix() }
