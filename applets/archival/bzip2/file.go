package bzip2

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/codec"
	"gobox/internal/termwidth"
)

// outName is the file name the output of name goes to, or "" when
// bunzip2 does not know its suffix. BusyBox knows ".bz2" only; ".tbz"
// and ".tbz2" become ".tar" as GNU bzip2 makes them.
func (j *job) outName(name string) string {
	if j.mode == compress {
		return name + ".bz2"
	}
	base := name[strings.LastIndexByte(name, '/')+1:]
	for _, s := range [...]struct{ from, to string }{{".bz2", ""}, {".tbz2", ".tar"}, {".tbz", ".tar"}} {
		if strings.HasSuffix(base, s.from) {
			return name[:len(name)-len(s.from)] + s.to
		}
	}
	return ""
}

// file handles one operand.
func (j *job) file(name string) error {
	if name == "-" {
		return j.stream("", j.ctx.Stdin, j.ctx.File(0))
	}
	path := j.ctx.Path(name)
	fi, err := os.Stat(path)
	if err != nil {
		j.fail("%s: %s", name, applet.ErrText(err))
		return nil
	}
	in, err := os.Open(path)
	if err != nil {
		j.fail("can't open '%s': %s", name, applet.ErrText(err))
		return nil
	}
	defer in.Close()
	if j.stdout || j.mode == test {
		return j.stream(name, in, in)
	}
	out := j.outName(name)
	if out == "" {
		j.fail("%s: unknown suffix - ignored", name)
		return nil
	}
	outPath := j.ctx.Path(out)
	if filepath.Base(out) == "" || strings.HasSuffix(out, "/") {
		j.fail("can't open '%s': %s", out, applet.Strerror(unix.ENOENT))
		return nil
	}
	if _, err := os.Lstat(outPath); err == nil && !j.force {
		j.fail("can't open '%s': %s", out, applet.Strerror(unix.EEXIST))
		return nil
	}
	if err := j.readable(in); err != nil {
		return err
	}
	return j.replace(name, path, out, outPath, in, fi)
}

// readable refuses compressed data from a terminal without -f: BusyBox
// checks its input, whichever the direction.
func (j *job) readable(in *os.File) error {
	if !j.force && termwidth.IsTerminal(in) {
		return applet.Errorf("compressed data not read from terminal, use -f to force it")
	}
	return nil
}

// stream transforms in (f, if not nil, is the file behind it) to
// standard output, or to nowhere for -t. name is "" for standard input.
func (j *job) stream(name string, in io.Reader, f *os.File) error {
	if err := j.readable(f); err != nil {
		return err
	}
	var out io.Writer = j.ctx.Stdout
	switch j.mode {
	case test:
		out = io.Discard
	case compress:
		if !j.force && termwidth.IsTerminal(j.ctx.File(1)) {
			return applet.Errorf("compressed data not written to a terminal. Use -f to force compression.")
		}
	}
	_, _, err := j.transform(in, out)
	var we *writeErr
	if errors.As(err, &we) {
		// BusyBox reports a failed write and goes on with the next
		// file, unless SIGPIPE killed it: the runtime sees EPIPE in
		// the error returned.
		if errors.Is(we.err, syscall.EPIPE) {
			return applet.Perror(we.err, "write")
		}
		j.writeFailed(we.err)
		j.outErr = we.err
		return nil
	}
	if cancelled(err) {
		return err
	}
	if err != nil {
		j.fail("%s", j.errText(err))
	}
	return nil
}

// writeFailed reports a failed write of the output in BusyBox's words:
// bzip2's compressStream says "write error", the decompressors'
// transformer_write "write".
func (j *job) writeFailed(err error) {
	if j.mode == compress {
		j.fail("write error: %s", applet.ErrText(err))
	} else {
		j.fail("write: %s", applet.ErrText(err))
	}
}

// cancelled reports whether err is the end of a cancelled run.
func cancelled(err error) bool {
	var ee *applet.ExitError
	return errors.As(err, &ee) && ee.Msg == ""
}

// errText words a failure of transform other than a write.
func (j *job) errText(err error) string {
	var ce codec.Error
	if errors.As(err, &ce) {
		return string(ce)
	}
	var ee *applet.ExitError
	if errors.As(err, &ee) {
		return ee.Msg
	}
	return "read error: " + applet.ErrText(err)
}

// transform compresses or decompresses in into out, returning the sizes
// of the compressed and the plain data. A failed write is a *writeErr;
// damaged input a codec.Error; anything else failed to read.
func (j *job) transform(in io.Reader, out io.Writer) (packed, plain int64, err error) {
	cw := &countWriter{w: out}
	if j.mode == compress {
		zw := codec.Bzip2Writer(cw, j.level, j.threads)
		n, err := j.copy(zw, in)
		if err == nil {
			err = zw.Close()
		}
		return cw.n, n, cw.wrap(err)
	}
	cr := &countReader{r: in}
	zr := codec.Bzip2Reader(cr, j.threads)
	defer zr.Close()
	_, err = j.copy(cw, zr)
	return cr.n, cw.n, cw.wrap(err)
}

// copy copies in to out until in ends, stopping if the run is
// cancelled; it returns what it read.
func (j *job) copy(out io.Writer, in io.Reader) (int64, error) {
	buf := make([]byte, 64<<10)
	var n int64
	for {
		m, rerr := in.Read(buf)
		n += int64(m)
		if m > 0 {
			if _, err := out.Write(buf[:m]); err != nil {
				return n, err
			}
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
		if j.ctx.Cancelled() {
			return n, applet.Exit(130)
		}
	}
}

// writeErr marks a failure to write the output.
type writeErr struct{ err error }

func (e *writeErr) Error() string { return e.err.Error() }
func (e *writeErr) Unwrap() error { return e.err }

// countWriter counts what it writes and remembers its first failure,
// which the compressor may hand back wrapped in words of its own.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}

// wrap returns err, or the write failure behind it as a *writeErr.
func (c *countWriter) wrap(err error) error {
	if err != nil && c.err != nil {
		return &writeErr{c.err}
	}
	return err
}

// countReader counts what it reads.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// saved is -v's share of the plain data that compression saved.
// Decompressing, it is BusyBox's number, in its unsigned arithmetic
// (the input file's size against the output's: an input larger than
// its output wraps round). Compressing, BusyBox divides the same way
// round and so prints nonsense; gobox divides the output by the input.
func (j *job) saved(inSize, packed, plain int64) string {
	if j.mode == compress {
		pct := int64(0)
		if plain > 0 {
			pct = packed * 100 / plain
		}
		return fmt.Sprintf("%d%%", 100-pct)
	}
	pct := uint32(0)
	if plain > 0 {
		pct = uint32(uint64(inSize) * 100 / uint64(plain))
	}
	return fmt.Sprintf("%d%%", 100-pct)
}

// replace writes the output file out (outPath for system calls) from
// in through a temporary file renamed into place once complete, with
// the input's mode less the umask (BusyBox creates it with that mode);
// then removes the input (path) unless -k.
func (j *job) replace(name, path, out, outPath string, in *os.File, fi os.FileInfo) error {
	tmp, err := os.CreateTemp(filepath.Dir(outPath), "."+filepath.Base(outPath)+".")
	if err != nil {
		j.fail("can't open '%s': %s", out, applet.ErrText(err))
		return nil
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	packed, plain, err := j.transform(in, tmp)
	if err != nil {
		var we *writeErr
		if errors.As(err, &we) {
			j.writeFailed(we.err)
			return nil
		}
		if cancelled(err) {
			return err
		}
		j.fail("%s", j.errText(err))
		return nil
	}
	perm := fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	err = tmp.Chmod(perm &^ j.ctx.Umask)
	if err == nil {
		err = tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), outPath)
	}
	if err != nil {
		j.fail("can't open '%s': %s", out, applet.ErrText(err))
		return nil
	}
	done = true
	if j.verbose {
		fmt.Fprintf(j.ctx.Stderr, "%s: %s - replaced with %s\n", name, j.saved(fi.Size(), packed, plain), out)
	}
	if !j.keep {
		if err := os.Remove(path); err != nil {
			return applet.Perror(err, "can't remove file '%s'", name)
		}
	}
	return nil
}
