// Package cat is the cat applet: BusyBox's cat with -n -b (numbering) and
// -v -t -e -A (visible non-printing characters).
package cat

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is cat's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "cat",
	Path:  "/bin",
	Usage: "[-nbvteA] [FILE]...",
	Help: `Print FILEs to stdout

	-n	Number output lines
	-b	Number nonempty lines
	-v	Show nonprinting characters as ^x or M-x
	-t	...and tabs as ^I
	-e	...and end lines with $
	-A	Same as -vte`,
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(&opt.Spec{Short: "etvAnbu", Implies: []string{"A=etv"}}, args)
	if err != nil {
		return err
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	switch {
	case r.Has("e") || r.Has("t") || r.Has("v"):
		return catv(ctx, r, files)
	case r.Has("n") || r.Has("b"):
		return numbered(ctx, r.Has("b"), files)
	}
	return plain(ctx, files)
}

// openReader opens name ("-" is stdin), printing BusyBox's open_or_warn
// message on failure.
// With short set, the message is fopen_or_warn's "NAME: error" instead.
func openReader(ctx *applet.Ctx, name string, short bool) (io.Reader, func(), bool) {
	if name == "-" {
		return ctx.Stdin, func() {}, true
	}
	f, err := os.Open(ctx.Path(name))
	if err != nil {
		if short {
			ctx.Warnf("%s: %s", name, applet.ErrText(err))
		} else {
			ctx.Warnf("can't open '%s': %s", name, applet.ErrText(err))
		}
		return nil, nil, false
	}
	return f, func() { f.Close() }, true
}

// plain copies each file to stdout the way BusyBox's bb_copyfd_eof does:
// with sendfile(2) when stdout is a file that is not regular (a pipe, a
// terminal, /dev/null), otherwise with io.Copy, which lets an *os.File
// stdout use copy_file_range or splice. Named files are opened as bare
// descriptors: os.Open would set up Go's poller (an epoll instance, an
// eventfd and its thread) for nothing, since files and directories
// cannot be polled.
func plain(ctx *applet.Ctx, files []string) error {
	out := -1 // stdout's descriptor, when sendfile may write to it
	if f, ok := ctx.Stdout.(*os.File); ok {
		var st unix.Stat_t
		if fd := int(f.Fd()); unix.Fstat(fd, &st) == nil && st.Mode&unix.S_IFMT != unix.S_IFREG {
			out = fd
		}
	}
	chunk := sendfileChunk(ctx)
	status := 0
	for _, name := range files {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		var err error
		if name == "-" {
			err = copyStdin(ctx, out, chunk)
		} else {
			fd, oerr := open(ctx.Path(name))
			if oerr != nil {
				ctx.Warnf("can't open '%s': %s", name, applet.ErrText(oerr))
				status = 1
				continue
			}
			err = copyFd(ctx, fd, name, out, chunk)
		}
		if err != nil {
			var we writeError
			if errors.As(err, &we) {
				return applet.Errorf("write error: %s", applet.ErrText(we.err))
			}
			ctx.Warnf("read error: %s", applet.ErrText(err))
			status = 1
		}
	}
	return applet.Exit(status)
}

// writeError marks a failure on the output side.
type writeError struct{ err error }

func (e writeError) Error() string { return e.err.Error() }

// sendfileChunk is how much one sendfile(2) call may copy. A process that
// nothing cancels (a cat run on its own, which a signal stops) copies in
// BusyBox's largest chunk; inside the shell, smaller chunks let Ctrl-C
// end a copy to a fast device promptly.
func sendfileChunk(ctx *applet.Ctx) int {
	if ctx.Context == nil || ctx.Done() == nil {
		return 0x7ff00000
	}
	return 16 << 20
}

func open(path string) (int, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// copyFd copies the open descriptor fd (the file name) to stdout and
// closes it.
func copyFd(ctx *applet.Ctx, fd int, name string, out, chunk int) error {
	if out >= 0 {
		done, err := sendfile(ctx, out, fd, chunk)
		if done {
			unix.Close(fd)
			return err
		}
	}
	// Reading a directory fails with EISDIR, but os.File.ReadFrom
	// would report it on the output's side.
	var st unix.Stat_t
	if unix.Fstat(fd, &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR {
		unix.Close(fd)
		return unix.EISDIR
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	return copyFile(ctx, f)
}

// copyStdin copies ctx.Stdin to stdout.
func copyStdin(ctx *applet.Ctx, out, chunk int) error {
	if f, ok := ctx.Stdin.(*os.File); ok && out >= 0 {
		if done, err := sendfile(ctx, out, int(f.Fd()), chunk); done {
			return err
		}
	}
	return copyFile(ctx, ctx.Stdin)
}

// copyFile copies in to stdout with io.Copy; os.File.ReadFrom reports
// both sides' errors as "write", so the path tells which file failed.
func copyFile(ctx *applet.Ctx, in io.Reader) error {
	_, err := io.Copy(ctx.Stdout, in)
	if err == nil {
		return nil
	}
	var pe *os.PathError
	f, isFile := in.(*os.File)
	if errors.As(err, &pe) && pe.Op == "write" && !(isFile && pe.Path == f.Name()) {
		return writeError{err}
	}
	return err
}

// sendfile returns done=false when sendfile cannot be used at all, so
// the caller falls back to an ordinary copy.
func sendfile(ctx *applet.Ctx, out, in, chunk int) (done bool, err error) {
	first := true
	for !ctx.Cancelled() {
		n, err := unix.Sendfile(out, in, nil, chunk)
		if err == unix.EINTR {
			continue
		}
		if err == unix.EAGAIN {
			// Non-blocking output: let io.Copy carry on from the
			// current offset.
			return false, nil
		}
		if err != nil {
			if first && (err == unix.EINVAL || err == unix.ENOSYS) {
				return false, nil
			}
			if err == unix.EISDIR || err == unix.EIO {
				return true, err
			}
			return true, writeError{err}
		}
		if n == 0 {
			return true, nil
		}
		first = false
	}
	return true, nil
}

// numbered is print_numbered_lines: every line (or every non-empty line
// with -b) gets "%6d\t"; numbering continues across files, and a last
// line without a newline gets one.
func numbered(ctx *applet.Ctx, nonEmpty bool, files []string) error {
	w := bufio.NewWriter(ctx.Stdout)
	n := 1
	status := 0
	for _, name := range files {
		in, closer, ok := openReader(ctx, name, true)
		if !ok {
			status = 1
			continue
		}
		br := bufio.NewReader(in)
		for {
			if ctx.Cancelled() {
				closer()
				w.Flush()
				return applet.Exit(130)
			}
			line, err := br.ReadBytes('\n')
			if len(line) == 0 && err != nil {
				break
			}
			line = bytes.TrimSuffix(line, []byte{'\n'})
			if i := bytes.IndexByte(line, 0); i >= 0 {
				line = line[:i] // puts() stops at a NUL
			}
			if !nonEmpty || len(line) > 0 {
				fmt.Fprintf(w, "%6d\t", n)
				n++
			}
			w.Write(line)
			w.WriteByte('\n')
			if err != nil {
				break
			}
		}
		closer()
	}
	if err := w.Flush(); err != nil {
		return applet.Errorf("write error: %s", applet.ErrText(err))
	}
	return applet.Exit(status)
}

// catv shows non-printing characters (BusyBox's visible()): M- for bytes
// >= 128, ^X for control characters, tabs as ^I with -t, "$" before each
// newline with -e; with -n/-b each line starts with "%6u  ".
func catv(ctx *applet.Ctx, r *opt.Result, files []string) error {
	showTabs, showEnds := r.Has("t"), r.Has("e")
	number := r.Has("n") || r.Has("b")
	skipEmpty := r.Has("b")
	eolSeen := number
	lineno := 0
	w := bufio.NewWriter(ctx.Stdout)
	buf := make([]byte, 32*1024)
	status := 0
	for _, name := range files {
		in, closer, ok := openReader(ctx, name, false)
		if !ok {
			status = 1
			continue
		}
		for {
			if ctx.Cancelled() {
				closer()
				w.Flush()
				return applet.Exit(130)
			}
			n, err := in.Read(buf)
			for _, c := range buf[:n] {
				if eolSeen && !(skipEmpty && c == '\n') {
					lineno++
					fmt.Fprintf(w, "%6d  ", lineno)
				}
				eolSeen = number && c == '\n'
				visible(w, c, showTabs, showEnds)
			}
			if err != nil {
				if err != io.EOF {
					status = 1
				}
				break
			}
		}
		closer()
	}
	if err := w.Flush(); err != nil {
		return applet.Errorf("write error: %s", applet.ErrText(err))
	}
	return applet.Exit(status)
}

func visible(w *bufio.Writer, c byte, tabs, ends bool) {
	if c == '\t' && !tabs {
		w.WriteByte(c)
		return
	}
	if c == '\n' {
		if ends {
			w.WriteByte('$')
		}
		w.WriteByte(c)
		return
	}
	if c >= 128 {
		c -= 128
		w.WriteString("M-")
	}
	if c < 32 || c == 127 {
		w.WriteByte('^')
		c ^= 0x40
	}
	w.WriteByte(c)
}
