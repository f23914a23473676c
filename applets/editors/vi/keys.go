package vi

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// Keys that are not bytes: negative, as libbb's KEYCODE_xxx.
const (
	keyUp = -(iota + 2)
	keyDown
	keyRight
	keyLeft
	keyHome
	keyEnd
	keyInsert
	keyDelete
	keyPageUp
	keyPageDown
	keyOther     // a known sequence vi has no use for (F1, Ctrl-arrows)
	keyCursorPos // a cursor position report: keys.row, keys.col
	keyEOF       // not a key: input ended
)

// escWait is how long the rest of an escape sequence may take, in
// milliseconds (libbb's read_key waits 50 ms).
const escWait = 50

// keyboard reads keys from the editor's input: a terminal (polled, so
// that an escape sequence can be told from a lone ESC and pending input
// can be seen) or any reader (tests, a pipe).
type keyboard struct {
	fd       int // -1 for a plain reader
	r        io.Reader
	buf      []byte
	eof      bool
	row, col int
}

func newKeyboard(in io.Reader, f *os.File) *keyboard {
	k := &keyboard{fd: -1, r: in}
	if f != nil {
		k.fd = int(f.Fd())
	}
	return k
}

// fill reads more input, waiting at most ms milliseconds (-1: for ever).
// It reports whether anything arrived.
func (k *keyboard) fill(ms int) bool {
	if k.eof {
		return false
	}
	if k.fd >= 0 {
		for {
			fds := []unix.PollFd{{Fd: int32(k.fd), Events: unix.POLLIN}}
			n, err := unix.Poll(fds, ms)
			if err == unix.EINTR {
				continue
			}
			if err != nil || n == 0 {
				if err != nil {
					k.eof = true
				}
				return false
			}
			break
		}
		var b [256]byte
		for {
			n, err := unix.Read(k.fd, b[:])
			if err == unix.EINTR {
				continue
			}
			if err == unix.EAGAIN {
				return false
			}
			if n <= 0 {
				k.eof = true
				return false
			}
			k.buf = append(k.buf, b[:n]...)
			return true
		}
	}
	if ms >= 0 {
		// A plain reader cannot be polled: what is buffered is all
		// that has arrived.
		return false
	}
	var b [256]byte
	n, err := k.r.Read(b[:])
	k.buf = append(k.buf, b[:n]...)
	if n == 0 && err != nil {
		k.eof = true
	}
	return n > 0
}

// pending reports whether input is waiting (BusyBox's mysleep(0)).
func (k *keyboard) pending() bool {
	if len(k.buf) > 0 {
		return true
	}
	if k.fd < 0 {
		return false
	}
	fds := []unix.PollFd{{Fd: int32(k.fd), Events: unix.POLLIN}}
	n, _ := unix.Poll(fds, 0)
	return n > 0
}

// sleep waits ms milliseconds or until input arrives.
func (k *keyboard) sleep(ms int) {
	if k.fd < 0 || len(k.buf) > 0 {
		return
	}
	fds := []unix.PollFd{{Fd: int32(k.fd), Events: unix.POLLIN}}
	unix.Poll(fds, ms)
}

// read returns the next key, or keyEOF. An escape sequence must arrive
// whole, 50 ms at most between bytes; an ESC followed by bytes that start
// no sequence is that ESC, then those bytes as keys. libbb's read_key
// drops up to 15 such bytes (keys typed or pasted within 50 ms after an
// ESC are lost there); gobox keeps them.
func (k *keyboard) read() int {
	for {
		for len(k.buf) == 0 {
			if !k.fill(-1) && k.eof {
				return keyEOF
			}
		}
		if k.buf[0] != 0x1b {
			c := k.buf[0]
			k.buf = k.buf[1:]
			return int(c)
		}
		for {
			key, n, more := matchSeq(k.buf[1:])
			if n > 0 {
				if key == keyCursorPos {
					k.row, k.col = cursorPos(k.buf[1 : 1+n])
				}
				k.buf = k.buf[1+n:]
				return key
			}
			if more {
				if k.fill(escWait) {
					continue
				}
				break
			}
			break
		}
		// No known sequence: the ESC alone, and what follows is keys.
		k.buf = k.buf[1:]
		return 0x1b
	}
}

// matchSeq matches b (what follows an ESC) against the known sequences:
// the key and its length, or whether more bytes could complete one.
func matchSeq(b []byte) (key, n int, more bool) {
	// The escape sequences read_key knows (after the ESC).
	seqs := [...]struct {
		s   string
		key int
	}{
		{"OA", keyUp}, {"OB", keyDown}, {"OC", keyRight}, {"OD", keyLeft},
		{"OH", keyHome}, {"OF", keyEnd},
		{"OP", keyOther}, {"OQ", keyOther}, {"OR", keyOther}, {"OS", keyOther},
		{"[A", keyUp}, {"[B", keyDown}, {"[C", keyRight}, {"[D", keyLeft},
		{"[H", keyHome}, {"[F", keyEnd},
		{"[1~", keyHome}, {"[2~", keyInsert}, {"[3~", keyDelete}, {"[4~", keyEnd},
		{"[5~", keyPageUp}, {"[6~", keyPageDown}, {"[7~", keyHome}, {"[8~", keyEnd},
		{"[11~", keyOther}, {"[12~", keyOther}, {"[13~", keyOther}, {"[14~", keyOther},
		{"[15~", keyOther}, {"[17~", keyOther}, {"[18~", keyOther}, {"[19~", keyOther},
		{"[20~", keyOther}, {"[21~", keyOther}, {"[23~", keyOther}, {"[24~", keyOther},
		{"[1;5A", keyOther}, {"[1;5B", keyOther}, {"[1;5C", keyOther}, {"[1;5D", keyOther},
		{"[1;3A", keyOther}, {"[1;3B", keyOther}, {"[1;3C", keyOther}, {"[1;3D", keyOther},
	}
	for _, s := range seqs {
		if len(b) >= len(s.s) {
			if string(b[:len(s.s)]) == s.s {
				return s.key, len(s.s), false
			}
		} else if string(b) == s.s[:len(b)] {
			more = true
		}
	}
	// ESC [ row ; col R
	if len(b) > 0 && b[0] == '[' {
		i := 1
		semi := false
		for i < len(b) && (isDigit(b[i]) || b[i] == ';' && !semi) {
			if b[i] == ';' {
				semi = true
			}
			i++
		}
		if i == len(b) {
			return 0, 0, true
		}
		if b[i] == 'R' && semi && i > 2 {
			return keyCursorPos, i + 1, false
		}
	}
	if len(b) == 0 {
		more = true
	}
	return 0, 0, more
}

func cursorPos(b []byte) (row, col int) {
	s := string(b[1 : len(b)-1])
	for i := 0; i < len(s); i++ {
		if s[i] == ';' {
			row, _ = strconv.Atoi(s[:i])
			col, _ = strconv.Atoi(s[i+1:])
		}
	}
	return row, col
}
