package less

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Key codes for the keys that are not characters; negative, as libbb's
// KEYCODE_xxx, so that they never collide with a byte.
const (
	keyUp = -(iota + 2)
	keyDown
	keyRight
	keyLeft
	keyHome
	keyEnd
	keyPageUp
	keyPageDown
	keyInsert
	keyDelete
	keyNone      // an escape sequence with no meaning here
	keyCursorPos // a cursor position report: keyboard.row, keyboard.col
	keyWake      // not a key: the wake pipe fired (SIGWINCH, a signal, Ctrl-C)
	keyInput     // not a key: more input arrived (getchNowait handles it)
)

// escTimeout is how long an escape sequence may take to arrive whole, in
// milliseconds (libbb's read_key waits 50 ms for each further byte).
const escTimeout = 50

// openKeyboard opens the terminal the keys come from, as less_main does:
// the terminal stdout is on (so "less 1<>TTY" works), else the
// controlling terminal, else stdout itself. It reports whether the
// descriptor is its own (to close, and safe to make non-blocking).
func openKeyboard(outFd int) (fd int, own bool) {
	if name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(outFd)); err == nil && name != "" && name[0] == '/' {
		if fd, err := unix.Open(name, unix.O_RDONLY|unix.O_NOCTTY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0); err == nil {
			return fd, true
		}
	}
	if fd, err := unix.Open("/dev/tty", unix.O_RDONLY|unix.O_NOCTTY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0); err == nil {
		return fd, true
	}
	return outFd, false
}

// rawTermios is get_termios_and_make_raw(TERMIOS_RAW_CRNL_INPUT): keys
// one at a time without echo, Enter as '\r'; signals stay on, so Ctrl-C
// and Ctrl-Z act on less as on any program, and output processing stays
// on, so "\n" goes out as "\r\n".
func rawTermios(orig *unix.Termios) *unix.Termios {
	t := *orig
	t.Lflag &^= unix.ICANON | unix.ECHO | unix.ECHONL
	t.Iflag &^= unix.IXON | unix.ICRNL
	t.Cc[unix.VMIN] = 1
	t.Cc[unix.VTIME] = 0
	return &t
}

// keyboard reads keys from the terminal, waking for other events too.
type keyboard struct {
	fd       int
	orig     *unix.Termios // nil when fd is not a terminal
	raw      *unix.Termios
	buf      []byte // bytes read but not yet turned into keys
	wake     int    // read end of the wake pipe (signals, cancellation)
	input    int    // read end of the input pipe (the reader has a chunk), -1 if none
	row, col int    // the last cursor position report
}

// setRaw and setCooked switch the terminal between the mode keys are
// read in and the one it had: as in BusyBox, it is raw only while less
// waits for a key.
func (k *keyboard) setRaw() {
	if k.raw != nil {
		_ = unix.IoctlSetTermios(k.fd, unix.TCSETS, k.raw)
	}
}

func (k *keyboard) setCooked() {
	if k.orig != nil {
		_ = unix.IoctlSetTermios(k.fd, unix.TCSETS, k.orig)
	}
}

// wait blocks until a key is buffered, the wake pipe fires, or (with
// pollInput) the input pipe fires. It returns a key, keyWake or keyInput;
// an error means the terminal is gone.
func (k *keyboard) wait(pollInput bool) (int, error) {
	for {
		if key, n := parseKey(k.buf, false); n > 0 {
			if key == keyCursorPos {
				k.row, k.col = cursorPos(k.buf[:n])
			}
			k.buf = k.buf[n:]
			return key, nil
		}
		fds := []unix.PollFd{{Fd: int32(k.fd), Events: unix.POLLIN}, {Fd: int32(k.wake), Events: unix.POLLIN}}
		if pollInput && k.input >= 0 {
			fds = append(fds, unix.PollFd{Fd: int32(k.input), Events: unix.POLLIN})
		}
		timeout := -1
		if len(k.buf) > 0 {
			timeout = escTimeout // an incomplete escape sequence
		}
		n, err := unix.Poll(fds, timeout)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			// The sequence will not complete: take what there is.
			key, m := parseKey(k.buf, true)
			k.buf = k.buf[m:]
			return key, nil
		}
		if fds[1].Revents != 0 {
			drain(k.wake)
			return keyWake, nil
		}
		if len(fds) > 2 && fds[2].Revents != 0 {
			drain(k.input)
			return keyInput, nil
		}
		if fds[0].Revents&(unix.POLLIN|unix.POLLHUP|unix.POLLERR) != 0 {
			var b [64]byte
			m, err := unix.Read(k.fd, b[:])
			if err == unix.EAGAIN || err == unix.EINTR {
				continue
			}
			if m <= 0 {
				if err == nil {
					err = unix.EIO
				}
				return 0, err
			}
			k.buf = append(k.buf, b[:m]...)
		}
	}
}

// cursorPos reads the row and column of a report "ESC [ row ; col R".
func cursorPos(b []byte) (row, col int) {
	r, c, _ := strings.Cut(string(b[2:len(b)-1]), ";")
	row, _ = strconv.Atoi(r)
	col, _ = strconv.Atoi(c)
	return row, col
}

// drain empties a non-blocking pipe.
func drain(fd int) {
	var b [64]byte
	for {
		n, err := unix.Read(fd, b[:])
		if n <= 0 || err != nil {
			return
		}
	}
}

// parseKey turns the start of b into a key and the number of bytes it
// took; 0 bytes when b is empty, or holds the start of an escape
// sequence that may yet complete (unless final).
func parseKey(b []byte, final bool) (int, int) {
	if len(b) == 0 {
		return 0, 0
	}
	if b[0] != 0x1b {
		return int(b[0]), 1
	}
	if len(b) == 1 {
		if final {
			return 0x1b, 1
		}
		return 0, 0
	}
	if b[1] != '[' && b[1] != 'O' {
		return 0x1b, 1
	}
	// ESC [ params final-byte, or ESC O letter.
	i := 2
	for i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == ';') {
		i++
	}
	if i == len(b) {
		if final {
			return keyNone, len(b)
		}
		return 0, 0
	}
	param := string(b[2:i])
	switch b[i] {
	case 'A':
		return keyUp, i + 1
	case 'B':
		return keyDown, i + 1
	case 'C':
		return keyRight, i + 1
	case 'D':
		return keyLeft, i + 1
	case 'H':
		return keyHome, i + 1
	case 'F':
		return keyEnd, i + 1
	case 'R':
		if strings.Contains(param, ";") {
			return keyCursorPos, i + 1
		}
	case '~':
		switch param {
		case "1", "7":
			return keyHome, i + 1
		case "4", "8":
			return keyEnd, i + 1
		case "2":
			return keyInsert, i + 1
		case "3":
			return keyDelete, i + 1
		case "5":
			return keyPageUp, i + 1
		case "6":
			return keyPageDown, i + 1
		}
	}
	return keyNone, i + 1
}
