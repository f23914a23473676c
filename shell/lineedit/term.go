package lineedit

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

const (
	echoFlag   = unix.ECHO
	icanonFlag = unix.ICANON
)

func getTermios(fd int) (*unix.Termios, error) {
	return unix.IoctlGetTermios(fd, unix.TCGETS)
}

// setRaw puts the terminal in the mode lineedit.c reads keys in: no
// canonical mode, no echo, no signals from keys (Ctrl-C and Ctrl-Z arrive
// as bytes), reads that return each byte at once. Output processing stays
// on, so "\n" still goes out as "\r\n".
func setRaw(fd int, orig *unix.Termios) error {
	t := *orig
	t.Lflag &^= unix.ICANON | unix.ECHO | unix.ECHONL | unix.ISIG
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return unix.IoctlSetTermios(fd, unix.TCSETS, &t)
}

func restoreTermios(fd int, orig *unix.Termios) {
	_ = unix.IoctlSetTermios(fd, unix.TCSETS, orig)
}

// readLineFrom reads one line from f, without its newline; io.EOF when
// nothing is left, and a last line without a newline as a line.
func readLineFrom(f *os.File) (string, error) {
	var line []byte
	if off, err := f.Seek(0, io.SeekCurrent); err == nil {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
				line = append(line, buf[:i]...)
				// Give back what follows the line to the next reader.
				if _, err := f.Seek(off+int64(len(line))+1, io.SeekStart); err != nil {
					return "", err
				}
				return string(line), nil
			}
			line = append(line, buf[:n]...)
			if n == 0 || err != nil {
				if len(line) > 0 {
					return string(line), nil
				}
				if err == nil || err == io.EOF {
					return "", io.EOF
				}
				return "", err
			}
		}
	}
	var b [1]byte
	for {
		n, err := f.Read(b[:])
		if n == 1 {
			if b[0] == '\n' {
				return string(line), nil
			}
			line = append(line, b[0])
			continue
		}
		if err == nil {
			continue
		}
		if len(line) > 0 && err == io.EOF {
			return string(line), nil
		}
		return "", err
	}
}

// keyReader turns the bytes of a terminal into keys, the way libbb's
// read_key does: one byte per read (so that input typed ahead stays for
// whoever reads the terminal next), escape sequences gathered with a 50ms
// wait for each further byte (they arrive together unless a serial line
// splits them).
type keyReader struct {
	fd     int
	wake   int // read end of the SIGWINCH pipe, -1 if none
	onWake func()
	flush  func()
	bytes  bool // no UTF-8 decoding
	buf    *[]byte
	// row and col of the last cursor-position report
	row, col int
}

// Key codes for the keys that are not characters; all are negative, as
// in libbb.h, so that they never collide with a character.
const (
	keyUp int32 = -(iota + 2)
	keyDown
	keyRight
	keyLeft
	keyHome
	keyEnd
	keyInsert
	keyDelete
	keyPageUp
	keyPageDown
	keyCtrlLeft
	keyCtrlRight
	keyAltLeft
	keyAltRight
	keyAltD
	keyAltBackspace
	keyCursorPos
	keyTimeout
	keyNone // an escape sequence that means nothing here
)

// rawByte marks a byte that is not part of valid UTF-8, kept as it came
// (BusyBox's UNICODE_PRESERVE_BROKEN).
const rawByte = 0x20000000

// escTimeout is how long read_key waits for the next byte of an escape
// sequence, in milliseconds.
const escTimeout = 50

// fill waits up to timeout milliseconds (-1: for ever) for a byte and
// appends it to the pending bytes. It reports false on timeout.
func (k *keyReader) fill(timeout int) (bool, error) {
	if k.flush != nil {
		k.flush()
	}
	for {
		fds := []unix.PollFd{{Fd: int32(k.fd), Events: unix.POLLIN}}
		if k.wake >= 0 {
			fds = append(fds, unix.PollFd{Fd: int32(k.wake), Events: unix.POLLIN})
		}
		n, err := unix.Poll(fds, timeout)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false, err
		}
		if n == 0 {
			return false, nil
		}
		if len(fds) > 1 && fds[1].Revents != 0 {
			var drain [16]byte
			_, _ = unix.Read(k.wake, drain[:])
			if k.onWake != nil {
				k.onWake()
			}
			if k.flush != nil {
				k.flush()
			}
			if fds[0].Revents == 0 {
				continue
			}
		}
		var b [1]byte
		r, err := unix.Read(k.fd, b[:])
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			return false, nil
		case err != nil:
			return false, err
		case r == 0:
			return false, io.EOF
		}
		*k.buf = append(*k.buf, b[0])
		return true, nil
	}
}

// more makes sure at least n bytes are pending, waiting escTimeout for
// each; false if they did not come.
func (k *keyReader) more(n int) (bool, error) {
	for len(*k.buf) < n {
		ok, err := k.fill(escTimeout)
		if !ok || err != nil {
			return false, err
		}
	}
	return true, nil
}

func (k *keyReader) take(n int) []byte {
	b := append([]byte(nil), (*k.buf)[:n]...)
	*k.buf = (*k.buf)[n:]
	return b
}

// readKey returns the next key: a character (a rune, or a byte in byte
// mode, or rawByte|b for a byte that is not valid UTF-8), or one of the
// key codes. timeout is for the first byte, in milliseconds (-1: none).
func (k *keyReader) readKey(timeout int) (int32, error) {
	for {
		if len(*k.buf) == 0 {
			ok, err := k.fill(timeout)
			if err != nil {
				return 0, err
			}
			if !ok {
				return keyTimeout, nil
			}
		}
		c := (*k.buf)[0]
		if c == 0x1b {
			key, err := k.escape()
			if err != nil {
				return 0, err
			}
			if key == keyNone {
				continue
			}
			return key, nil
		}
		if c < 0x80 || k.bytes {
			k.take(1)
			return int32(c), nil
		}
		return k.utf8()
	}
}

// utf8 decodes the character that starts the pending bytes; a byte that
// does not start valid UTF-8 is returned alone, marked raw.
func (k *keyReader) utf8() (int32, error) {
	need := utf8Len((*k.buf)[0])
	if need > 1 {
		if _, err := k.more(need); err != nil {
			return 0, err
		}
	}
	b := *k.buf
	if need > 1 && len(b) >= need {
		if r, size := decodeRune(b[:need]); size == need {
			k.take(need)
			return r, nil
		}
	}
	k.take(1)
	return rawByte | int32(b[0]), nil
}

// escape reads the sequence that starts with the pending ESC.
func (k *keyReader) escape() (int32, error) {
	if ok, err := k.more(2); err != nil {
		return 0, err
	} else if !ok {
		k.take(1)
		return 0x1b, nil
	}
	switch (*k.buf)[1] {
	case 0x7f, '\b':
		k.take(2)
		return keyAltBackspace, nil
	case 'd':
		k.take(2)
		return keyAltD, nil
	case 'f':
		k.take(2)
		return keyAltRight, nil
	case 'b':
		k.take(2)
		return keyAltLeft, nil
	case 'O':
		ok, err := k.more(3)
		if err != nil {
			return 0, err
		}
		if !ok {
			// "ESC O" alone: ESC, and O is typed next (read_key's n <= 1).
			k.take(1)
			return 0x1b, nil
		}
		seq := k.take(3)
		switch seq[2] {
		case 'A':
			return keyUp, nil
		case 'B':
			return keyDown, nil
		case 'C':
			return keyRight, nil
		case 'D':
			return keyLeft, nil
		case 'H':
			return keyHome, nil
		case 'F':
			return keyEnd, nil
		}
		return keyNone, nil
	case '[':
		return k.csi()
	}
	// Alt-x: ESC, and x is the next key.
	k.take(1)
	return 0x1b, nil
}

// csi reads "ESC [ params final" and maps the sequences read_key knows.
func (k *keyReader) csi() (int32, error) {
	n := 2
	for {
		ok, err := k.more(n + 1)
		if err != nil {
			return 0, err
		}
		if !ok {
			if n == 2 {
				k.take(1)
				return 0x1b, nil
			}
			k.take(n)
			return keyNone, nil
		}
		c := (*k.buf)[n]
		n++
		if c >= 0x40 && c <= 0x7e || n >= 32 {
			break
		}
	}
	seq := k.take(n)
	params, final := string(seq[2:n-1]), seq[n-1]
	switch final {
	case 'A', 'B', 'C', 'D':
		switch params {
		case "":
			return [...]int32{keyUp, keyDown, keyRight, keyLeft}[final-'A'], nil
		case "1;5":
			if final == 'C' {
				return keyCtrlRight, nil
			}
			if final == 'D' {
				return keyCtrlLeft, nil
			}
		case "1;3":
			if final == 'C' {
				return keyAltRight, nil
			}
			if final == 'D' {
				return keyAltLeft, nil
			}
		}
	case 'H':
		if params == "" {
			return keyHome, nil
		}
	case 'F':
		if params == "" {
			return keyEnd, nil
		}
	case '~':
		switch params {
		case "1", "7":
			return keyHome, nil
		case "4", "8":
			return keyEnd, nil
		case "2":
			return keyInsert, nil
		case "3":
			return keyDelete, nil
		case "5":
			return keyPageUp, nil
		case "6":
			return keyPageDown, nil
		}
	case 'R':
		if row, col, ok := parseCPR(params); ok {
			k.row, k.col = row, col
			return keyCursorPos, nil
		}
	}
	return keyNone, nil
}

// parseCPR parses the "row;col" of a cursor position report.
func parseCPR(p string) (row, col int, ok bool) {
	i := 0
	num := func() int {
		v, start := 0, i
		for i < len(p) && p[i] >= '0' && p[i] <= '9' && v < 1<<16 {
			v = v*10 + int(p[i]-'0')
			i++
		}
		if i == start {
			return -1
		}
		return v
	}
	row = num()
	if row < 1 || i >= len(p) || p[i] != ';' {
		return 0, 0, false
	}
	i++
	col = num()
	if col < 1 || i != len(p) || row > 0x7fff || col > 0x7fff {
		return 0, 0, false
	}
	return row, col, true
}

// inputPending reports whether a byte can be read from fd at once.
func inputPending(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
	n, err := unix.Poll(fds, 0)
	return err == nil && n > 0
}
