// Package tac is the tac applet: BusyBox's tac, which prints each FILE
// with its lines in reverse order (the files themselves in the order
// given). A line is what ends in a newline; a last line without one is
// printed without one, so it joins the next.
//
// BusyBox reads every file into memory before printing anything. gobox
// reads a regular file backwards from its end instead, a block at a
// time, so that its memory stays bounded whatever the file's size; only
// what cannot be read twice (a pipe, a terminal, a /proc file) is held.
// As in BusyBox, the files are opened from the last to the first, so
// their errors come in that order, before any output.
package tac

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/rofile"
)

// Applet is tac's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "tac",
	Path:    "/usr/bin",
	Usage:   "[FILE]...",
	Help:    "Concatenate FILEs and print them in reverse",
	Options: &opt.Spec{},
	NoFork:  true,
	Main:    run,
}

// blockSize is how much of a file tac reads at a time, backwards.
const blockSize = 64 << 10

// source is one input, ready to be printed backwards: the bytes
// [start, end) of r.
type source struct {
	r          io.ReaderAt
	start, end int64
	close      func()
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := 0
	srcs := make([]source, len(files))
	stdinUsed := false
	for i := len(files) - 1; i >= 0; i-- {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		s, err := open(ctx, files[i], &stdinUsed)
		if err != nil {
			ctx.Perror(err, "%s", files[i])
			status = 1
		}
		srcs[i] = s
	}
	defer func() {
		for _, s := range srcs {
			if s.close != nil {
				s.close()
			}
		}
	}()
	w := ctx.BufWriter(ctx.Stdout, blockSize)
	buf := make([]byte, blockSize)
	for i, s := range srcs {
		if s.r == nil {
			continue
		}
		rerr, werr := backwards(ctx, w, s, buf)
		if werr != nil {
			return writeError(ctx, werr)
		}
		if rerr != nil {
			ctx.Perror(rerr, "%s", files[i])
			status = 1
		}
	}
	if err := w.Flush(); err != nil {
		return writeError(ctx, err)
	}
	return applet.Exit(status)
}

// writeError is BusyBox's xwrite failure: "write error: STRERROR", or
// status 130 when tac stopped because it was cancelled.
func writeError(ctx *applet.Ctx, err error) error {
	if err == errCancelled {
		return applet.Exit(130)
	}
	return applet.Perror(err, "write error")
}

// open prepares the file name ("-" is standard input) for reading
// backwards. A regular file with a size is read in place; anything else
// is read whole now, as BusyBox does, keeping what came before a read
// error (which is returned with it). Standard input is read only once:
// a second "-" (an earlier one, since files are opened last first) is
// empty, as it is in BusyBox.
func open(ctx *applet.Ctx, name string, stdinUsed *bool) (source, error) {
	var f *os.File
	var in io.Reader
	closeIt := false
	if name == "-" {
		if *stdinUsed {
			return source{r: bytes.NewReader(nil)}, nil
		}
		*stdinUsed = true
		f, in = ctx.File(0), ctx.Stdin
	} else {
		var err error
		if f, err = rofile.Open(ctx.Path(name)); err != nil {
			return source{}, err
		}
		in, closeIt = f, true
	}
	if f != nil {
		if s, ok := inPlace(f, name == "-"); ok {
			if closeIt {
				s.close = func() { f.Close() }
			}
			return s, nil
		}
	}
	data, err := io.ReadAll(in)
	if closeIt {
		f.Close()
	}
	return source{r: bytes.NewReader(data), end: int64(len(data))}, err
}

// inPlace returns f as a source read in place, if it is a regular file
// whose size can be trusted: /proc files say 0, and a file whose last
// block reads short is not what its size says. Standard input starts
// where its offset is, and is left at its end, as if read.
func inPlace(f *os.File, stdin bool) (source, bool) {
	var st unix.Stat_t
	if unix.Fstat(int(f.Fd()), &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size == 0 {
		return source{}, false
	}
	start := int64(0)
	if stdin {
		off, err := f.Seek(0, io.SeekCurrent)
		if err != nil || off >= st.Size {
			return source{}, false
		}
		start = off
	}
	var probe [1]byte
	if n, _ := f.ReadAt(probe[:], st.Size-1); n != 1 {
		return source{}, false
	}
	if stdin {
		f.Seek(0, io.SeekEnd)
	}
	return source{r: f, start: start, end: st.Size}, true
}

// errCancelled stops the copy when the context is cancelled.
const errCancelled = syscall.ECANCELED

// backwards writes the lines of s last first, reading it a block at a
// time through buf from its end. A line longer than what buf holds is
// copied from the input a piece at a time, so that no line is held
// whole. It returns the input's read error and the output's write error.
func backwards(ctx *applet.Ctx, w *bufio.Writer, s source, buf []byte) (rerr, werr error) {
	lineEnd := s.end  // the end of the line whose start is looked for
	scan := s.end - 1 // look below here (the line's own newline excluded)
	bufOff := s.end   // buf[:n] holds the bytes from bufOff on
	n := 0
	for scan > s.start {
		if ctx.Cancelled() {
			return nil, errCancelled
		}
		if scan <= bufOff {
			hi := lineEnd
			if hi-scan >= int64(len(buf)/2) {
				hi = scan // a long line: emit copies it from the input
			}
			bufOff = max(s.start, hi-int64(len(buf)))
			m, err := s.r.ReadAt(buf[:hi-bufOff], bufOff)
			if m < int(hi-bufOff) {
				return shortRead(err), nil
			}
			n = m
		}
		i := bytes.LastIndexByte(buf[:scan-bufOff], '\n')
		if i < 0 {
			scan = bufOff
			continue
		}
		p := bufOff + int64(i)
		if rerr, werr := emit(w, s.r, buf[:n], bufOff, p+1, lineEnd); rerr != nil || werr != nil {
			return rerr, werr
		}
		lineEnd, scan = p+1, p
	}
	if lineEnd > s.start {
		return emit(w, s.r, buf[:n], bufOff, s.start, lineEnd)
	}
	return nil, nil
}

// shortRead is the error of a read that came short: err, or for a file
// that ended early, EIO.
func shortRead(err error) error {
	if err == nil || err == io.EOF {
		return syscall.EIO
	}
	return err
}

// emit writes the bytes [from, to) of r: from buf (which holds r's bytes
// from bufOff on) when it has them all, else from r a piece at a time.
func emit(w *bufio.Writer, r io.ReaderAt, buf []byte, bufOff, from, to int64) (rerr, werr error) {
	if from >= bufOff && to <= bufOff+int64(len(buf)) {
		_, werr = w.Write(buf[from-bufOff : to-bufOff])
		return nil, werr
	}
	var piece [8 << 10]byte
	for from < to {
		m, err := r.ReadAt(piece[:min(int64(len(piece)), to-from)], from)
		if _, werr := w.Write(piece[:m]); werr != nil {
			return nil, werr
		}
		if m == 0 {
			return shortRead(err), nil
		}
		from += int64(m)
	}
	return nil, nil
}
