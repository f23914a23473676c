package less

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// chunk is one read of the input.
type chunk struct {
	data []byte
	err  error
}

// source is the input being paged. A regular file is read when less
// needs more lines, as BusyBox reads it; anything else (a pipe, a
// terminal) is read by a goroutine one chunk ahead, so that less never
// waits for input before showing what it has (BusyBox reads stdin
// non-blocking), and only ever holds one chunk it was not asked for.
type source struct {
	r     io.Reader
	file  *os.File  // the input's file, if it is one (for -M's line count)
	owned io.Closer // a file less opened itself
	buf   []byte

	// For a goroutine-read input:
	async bool
	ch    chan chunk
	stop  chan struct{}
	input int   // read end of the pipe the goroutine signals a chunk on, -1 if sync
	done  error // the error that ended the input, once taken
}

// newSource starts reading r; f is its file, if it has one, and own
// says less opened it (and closes it).
func newSource(r io.Reader, f *os.File, own bool) *source {
	s := &source{r: r, file: f, input: -1}
	if own {
		s.owned = f
	}
	if f != nil {
		// Files and directories never block: read them in place.
		if st, err := f.Stat(); err == nil && st.Mode()&(os.ModeNamedPipe|os.ModeSocket|os.ModeCharDevice) == 0 {
			s.buf = make([]byte, 4096)
			return s
		}
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_NONBLOCK|unix.O_CLOEXEC); err != nil {
		s.buf = make([]byte, 4096) // no pipe: read in place, blocking
		return s
	}
	s.async = true
	s.input = p[0]
	s.ch = make(chan chunk, 1)
	s.stop = make(chan struct{})
	go s.reader(p[1])
	return s
}

// reader reads chunks, hands each over and signals it on the pipe. It
// owns the pipe's write end.
func (s *source) reader(w int) {
	defer unix.Close(w)
	for {
		buf := make([]byte, 4096)
		n, err := s.r.Read(buf)
		if n == 0 && err == nil {
			continue
		}
		select {
		case s.ch <- chunk{buf[:n], err}:
		case <-s.stop:
			return
		}
		_, _ = unix.Write(w, []byte{0})
		if err != nil {
			return
		}
	}
}

// read returns what input is available now: data, or nil and nil when
// nothing is (yet), or nil and io.EOF at the end (a regular file is
// read again each time, so a growing file shows its new lines), or nil
// and the read error.
func (s *source) read() ([]byte, error) {
	if !s.async {
		n, err := s.r.Read(s.buf)
		if n > 0 {
			return s.buf[:n], nil
		}
		if err == nil {
			err = io.EOF
		}
		return nil, err
	}
	if s.done != nil {
		return nil, s.done
	}
	select {
	case c := <-s.ch:
		if len(c.data) > 0 {
			s.done = c.err
			return c.data, nil
		}
		s.done = c.err
		return nil, c.err
	default:
		return nil, nil
	}
}

// settle gives the reader a moment (ms milliseconds at most) to deliver
// its first chunk, so that input already waiting in a pipe shows on the
// first screen rather than on a second one drawn right after.
func (s *source) settle(ms int) {
	if !s.async {
		return
	}
	fds := []unix.PollFd{{Fd: int32(s.input), Events: unix.POLLIN}}
	for {
		if _, err := unix.Poll(fds, ms); err != unix.EINTR {
			return
		}
	}
}

// close stops reading. A goroutine blocked reading a pipe that less did
// not open stays blocked until that pipe delivers or closes.
func (s *source) close() {
	if s.async {
		close(s.stop)
		unix.Close(s.input)
	}
	if s.owned != nil {
		s.owned.Close()
	}
}
