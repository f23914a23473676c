package ls

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"gobox/internal/human"
	"gobox/internal/mode"
	"gobox/internal/wcwidth"
)

// single appends one entry's listing to buf and returns the columns it
// takes, as BusyBox's display_single counts them.
func (l *lister) single(buf []byte, t *listing, e *entry) ([]byte, int) {
	start := len(buf)
	buf = l.appendNumbers(buf, e)
	if l.long {
		buf = l.appendLong(buf, e)
	}
	// The columns so far are ASCII; names count by their width.
	width := len(buf) - start
	buf, w := l.appendNames(buf, t, e)
	return buf, width + w
}

// appendNumbers appends the -i and -s columns.
func (l *lister) appendNumbers(buf []byte, e *entry) []byte {
	if l.inode {
		buf = padUint(buf, e.ino, 7)
		buf = append(buf, ' ')
	}
	if l.blocks {
		// BusyBox 1.36: "%6llu " of KiB, or with -h "%7s " of the
		// allocated bytes, human-readable.
		if l.human {
			buf = padLeft(buf, human.Size(uint64(e.blocks)<<9, 1, 0), 7)
		} else {
			buf = padUint(buf, uint64(e.blocks)>>1, 6)
		}
		buf = append(buf, ' ')
	}
	return buf
}

// appendLong appends -l's columns: mode, links, owner, group, size (or
// device numbers) and time.
func (l *lister) appendLong(buf []byte, e *entry) []byte {
	buf = mode.AppendString(buf, e.mode)
	buf = append(buf, ' ')
	buf = padUint(buf, uint64(e.nlink), 4)
	buf = append(buf, ' ')
	if l.numeric {
		if !l.noOwner {
			buf = padRight(buf, strconv.AppendUint(l.num[:0], uint64(e.uid), 10), 8)
			buf = append(buf, ' ')
		}
		buf = padRight(buf, strconv.AppendUint(l.num[:0], uint64(e.gid), 10), 8)
		buf = append(buf, ' ')
	} else {
		if !l.noOwner {
			buf = padRight(buf, trunc8(l.ids.UserName(int(e.uid))), 8)
			buf = append(buf, ' ')
		}
		buf = padRight(buf, trunc8(l.ids.GroupName(int(e.gid))), 8)
		buf = append(buf, ' ')
	}
	switch e.mode & unix.S_IFMT {
	case unix.S_IFBLK, unix.S_IFCHR:
		buf = padUint(buf, uint64(unix.Major(uint64(e.size))), 4)
		buf = append(buf, ',', ' ')
		buf = padUint(buf, uint64(unix.Minor(uint64(e.size))), 3)
	default:
		if l.human {
			buf = padLeft(buf, human.Size(uint64(e.size), 1, 0), 7)
		} else {
			buf = padUint(buf, uint64(e.size), 9)
		}
	}
	buf = append(buf, ' ')
	return l.appendTime(buf, e.time)
}

// appendNames appends the name, coloured, with a symlink's target for
// -l and the -F or -p indicator, and returns their width.
func (l *lister) appendNames(buf []byte, t *listing, e *entry) ([]byte, int) {
	if l.color {
		buf = colorStart(buf, e.lmode)
	}
	buf, width := l.appendName(buf, t.bytes(e.name))
	if l.color {
		buf = append(buf, "\x1b[m"...)
	}
	appendMode := e.mode
	if e.hasLink() {
		buf = append(buf, " -> "...)
		if l.classify || l.slash || l.color {
			appendMode = e.target
			if l.color {
				buf = colorStart(buf, e.target)
			}
		}
		var w int
		buf, w = l.appendName(buf, t.bytes(e.link))
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
func (l *lister) appendName(buf, name []byte) ([]byte, int) {
	if !l.quote {
		return appendPrintable(buf, name, l.unicode)
	}
	var w int
	l.scratch, w = appendPrintable(l.scratch[:0], name, l.unicode)
	buf = append(buf, '"')
	w += 2
	for _, c := range l.scratch {
		if c == '"' || c == '\\' {
			buf = append(buf, '\\')
			w++
		}
		buf = append(buf, c)
	}
	return append(buf, '"'), w
}

// nameWidth is the width appendName gives name.
func (l *lister) nameWidth(name []byte) int {
	w := len(name)
	if !isSimple(name) {
		l.scratch, w = appendPrintable(l.scratch[:0], name, l.unicode)
	}
	if l.quote {
		// '"' and '\\' are ASCII: never part of a multibyte
		// character, and printable.
		w += 2 + bytes.Count(name, []byte{'"'}) + bytes.Count(name, []byte{'\\'})
	}
	return w
}

// isSimple reports whether s is printable ASCII, shown as it is.
func isSimple(s []byte) bool {
	for _, c := range s {
		if c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// appendPrintable is BusyBox's printable_string2 as Alpine builds it
// (Unicode by the libc locale, combining and wide characters on, no code
// point limit): it appends s with each unprintable character replaced by
// '?', and returns the width of what it appended in columns. Without a
// UTF-8 locale every byte below 0x20 or from 0x7f up is one '?'. With
// one, each malformed byte (musl's mbrtowc: no overlongs, surrogates or
// values above U+10FFFF) is one '?', and so is each character iswprint
// rejects or whose wcwidth is negative; combining characters are kept
// with width 0, wide ones with 2.
func appendPrintable(buf, s []byte, unicode bool) ([]byte, int) {
	if isSimple(s) {
		return append(buf, s...), len(s)
	}
	if !unicode {
		for _, c := range s {
			if c < 0x20 || c >= 0x7f {
				c = '?'
			}
			buf = append(buf, c)
		}
		return buf, len(s)
	}
	w := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRune(s[i:])
		cw := -1
		if (r != utf8.RuneError || n > 1) && wcwidth.IsPrint(r) {
			cw = wcwidth.Width(r)
		}
		if cw < 0 {
			buf = append(buf, '?')
			cw = 1
		} else {
			buf = append(buf, s[i:i+n]...)
		}
		w += cw
		i += n
	}
	return buf, w
}

func trunc8(s string) string {
	if len(s) > 8 {
		return s[:8]
	}
	return s
}

func padLeft[S ~string | ~[]byte](buf []byte, s S, w int) []byte {
	for i := len(s); i < w; i++ {
		buf = append(buf, ' ')
	}
	return append(buf, s...)
}

func padRight[S ~string | ~[]byte](buf []byte, s S, w int) []byte {
	buf = append(buf, s...)
	for i := len(s); i < w; i++ {
		buf = append(buf, ' ')
	}
	return buf
}

// padUint appends v in decimal, right-aligned in w columns.
func padUint(buf []byte, v uint64, w int) []byte {
	var num [20]byte
	return padLeft(buf, strconv.AppendUint(num[:0], v, 10), w)
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
	buf = padUint(buf, uint64(t.Day()), 2)
	buf = append(buf, ' ')
	age := l.now - sec
	if age < 3600*24*365/2 && age > -15*60 {
		h, m, _ := t.Clock()
		buf = append(buf, byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10))
		return append(buf, ' ')
	}
	buf = padLeft(buf, strconv.AppendInt(l.num[:0], int64(t.Year()), 10), 5)
	return append(buf, ' ')
}

func nowUnix() int64 { return time.Now().Unix() }
