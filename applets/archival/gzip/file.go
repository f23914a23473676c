package gzip

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/codec"
	"gobox/internal/gzipio"
	"gobox/internal/readahead"
	"gobox/internal/termwidth"
)

// stripSuffix returns name without its gzip suffix, and the suffix: the
// suffixes gunzip knows are GNU gzip's, with what replaces them.
func stripSuffix(name string) (string, string, bool) {
	suffixes := [...]struct{ from, to string }{
		{".gz", ""}, {".tgz", ".tar"}, {".taz", ".tar"}, {".z", ""}, {"-gz", ""}, {"-z", ""}, {"_z", ""}, {".Z", ""},
	}
	base := name[strings.LastIndexByte(name, '/')+1:]
	for _, s := range suffixes {
		if len(base) > len(s.from) && strings.HasSuffix(base, s.from) {
			return name[:len(name)-len(s.from)] + s.to, s.from, true
		}
	}
	return "", "", false
}

// msg words an error: gzipio's in BusyBox's words ("crc error"),
// others as musl's strerror.
func msg(err error) string {
	var ge gzipio.Error
	if errors.As(err, &ge) {
		return string(ge)
	}
	return applet.ErrText(err)
}

// file handles one operand.
func (j *job) file(name string) error {
	if name == "-" {
		return j.stdin()
	}
	path := j.ctx.Path(name)
	fi, err := os.Stat(path)
	if err != nil {
		j.fail("%s: %s", name, applet.ErrText(err))
		return nil
	}
	if fi.IsDir() {
		j.warn("%s is a directory -- ignored", name)
		return nil
	}
	if !fi.Mode().IsRegular() && !j.stdout && j.mode != test && j.mode != list {
		j.warn("%s is not a directory or a regular file - ignored", name)
		return nil
	}
	switch j.mode {
	case compress:
		return j.compressFile(name, path, fi)
	case list:
		return j.listFile(name, path, fi)
	}
	return j.decompressFile(name, path, fi)
}

// stdin handles "-", or no operand: standard input to standard output.
func (j *job) stdin() error {
	in := j.ctx.Stdin
	switch j.mode {
	case compress:
		if !j.force && termwidth.IsTerminal(j.ctx.File(1)) {
			return applet.Errorf("compressed data not written to a terminal. Use -f to force compression.")
		}
		_, _, err := j.deflate(in, j.ctx.Stdout, gzipio.Header{Level: j.level})
		if err != nil && !errors.As(err, new(*writeErr)) {
			j.failErr(err)
			return nil
		}
		return stdoutErr(err)
	case list:
		return j.listStream("stdout", in, nil, time.Time{})
	}
	if !j.force && termwidth.IsTerminal(j.ctx.File(0)) {
		return applet.Errorf("compressed data not read from terminal, use -f to force it")
	}
	var out io.Writer = j.ctx.Stdout
	if j.mode == test {
		out = io.Discard
	}
	_, _, err := j.inflate("stdin", in, out, nil)
	return j.inflateErr(err)
}

// inflateErr is stdoutErr for decompressed output, worded as BusyBox
// words it: gunzip's transformer says "write: STRERROR", zcat's copy
// "write error: STRERROR".
func (j *job) inflateErr(err error) error {
	var we *writeErr
	if errors.As(err, &we) && !j.zcat {
		return applet.Perror(we.err, "write")
	}
	return stdoutErr(err)
}

// stdoutErr is a failed write to standard output, which ends the run
// (BusyBox dies of it): the runtime sees EPIPE in it. Other errors (the
// end of a cancelled run) pass as they are.
func stdoutErr(err error) error {
	var we *writeErr
	if errors.As(err, &we) {
		return applet.Perror(we.err, "write error")
	}
	return err
}

// writeErr marks an error of the output side of a copy.
type writeErr struct{ err error }

func (e *writeErr) Error() string { return e.err.Error() }
func (e *writeErr) Unwrap() error { return e.err }

// errWriter remembers that a write failed.
type errWriter struct{ w io.Writer }

func (w errWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil {
		return n, &writeErr{err}
	}
	return n, nil
}

// deflate compresses in into out. It returns the bytes read and
// written; a failure to write is a *writeErr.
func (j *job) deflate(in io.Reader, out io.Writer, h gzipio.Header) (nin, nout int64, err error) {
	cw := &countWriter{w: errWriter{out}}
	zw, err := gzipio.NewWriter(cw, h)
	if err != nil {
		return 0, 0, err
	}
	// Close ends the compressing goroutines on every path.
	defer zw.Close()
	// The input is read straight into the compressor's blocks.
	if nin, err = zw.ReadFrom(cancelReader{in, j.ctx}); err != nil {
		return nin, cw.n, err
	}
	err = zw.Close()
	return nin, cw.n, err
}

// cancelReader ends a read loop once the run is cancelled (Ctrl-C).
type cancelReader struct {
	r   io.Reader
	ctx *applet.Ctx
}

func (c cancelReader) Read(p []byte) (int, error) {
	if c.ctx.Cancelled() {
		return 0, applet.Exit(130)
	}
	return c.r.Read(p)
}

// countReader counts what is read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// countWriter counts what it writes.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// inflate decompresses in into out, reporting broken input (status 1)
// and trailing garbage (a warning) under name. It reports whether the
// data came out whole; its error is a failed write, as a *writeErr, or
// the end of a run. z, if not nil, is a reader already started on in.
func (j *job) inflate(name string, in io.Reader, out io.Writer, z *gzipio.Reader) (*gzipio.Reader, bool, error) {
	if z == nil {
		br := bufio.NewReaderSize(in, 64<<10)
		{
			if pass, err := j.sniff(name, br, out); pass || err != nil {
				return nil, false, err
			}
		}
		var err error
		if z, err = gzipio.NewReader(br); err != nil {
			j.fail("%s", msg(err))
			return nil, false, nil
		}
	}
	// Decompress a few buffers ahead of the writes, in a goroutine of
	// its own.
	ra := readahead.New(z, 4, 64<<10)
	defer ra.Close()
	buf := make([]byte, 64<<10)
	for {
		n, rerr := ra.Read(buf)
		if n > 0 {
			if _, err := out.Write(buf[:n]); err != nil {
				return z, false, &writeErr{err}
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			j.fail("%s", msg(rerr))
			return z, false, nil
		}
		if j.ctx.Cancelled() {
			return z, false, applet.Exit(130)
		}
	}
	if z.Trailing() == gzipio.TrailingGarbage {
		j.warn("%s: decompression OK, trailing garbage ignored", name)
	}
	return z, true, nil
}

// sniff looks at the start of input decompressed to standard output:
// what is no gzip data passes through with -f (GNU's zcat -f), and zcat
// names formats it does not read. It reports whether it passed the
// input through.
func (j *job) sniff(name string, br *bufio.Reader, out io.Writer) (bool, error) {
	magic, _ := br.Peek(codec.MagicLen)
	if len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		return false, nil
	}
	if c := j.seamless(magic); c != nil {
		_, err := j.decode(name, c, br, out)
		return true, err
	}
	if j.force && (j.zcat || j.stdout) {
		if _, err := br.WriteTo(errWriter{out}); err != nil {
			var we *writeErr
			if errors.As(err, &we) {
				return true, err
			}
			j.fail("%s: %s", name, applet.ErrText(err))
		}
		return true, nil
	}
	if !j.zcat {
		return false, nil
	}
	// BusyBox's zcat stops at input it does not know (zstd included:
	// BusyBox 1.36 has no zstd; zstdcat reads it).
	return true, applet.Errorf("no gzip/bzip2/xz magic")
}

// seamless returns the format other than gzip that input starting with
// magic is decompressed with, as Alpine's build (FEATURE_SEAMLESS_*)
// does: gunzip reads compress's .Z too; zcat also bzip2 and xz. Nil
// means gzip's reader (and its "invalid magic").
func (j *job) seamless(magic []byte) *codec.Codec {
	c := codec.Detect(magic)
	switch {
	case c == nil || c.NewReader == nil:
		return nil
	case c.Name == "compress":
		return c
	case j.zcat && (c.Name == "bzip2" || c.Name == "xz"):
		return c
	}
	return nil
}

// decode decompresses in with c into out, reporting damaged input (in
// BusyBox's words, status 1). It reports whether the data came out
// whole; its error is a failed write, as a *writeErr, or the end of a
// run.
func (j *job) decode(name string, c *codec.Codec, in io.Reader, out io.Writer) (bool, error) {
	r, err := c.Reader(in)
	if err == nil {
		defer r.Close()
		buf := make([]byte, 64<<10)
		for {
			n, rerr := r.Read(buf)
			if n > 0 {
				if _, werr := out.Write(buf[:n]); werr != nil {
					return false, &writeErr{werr}
				}
			}
			if rerr == io.EOF {
				return true, nil
			}
			if rerr != nil {
				err = rerr
				break
			}
			if j.ctx.Cancelled() {
				return false, applet.Exit(130)
			}
		}
	}
	var ce codec.Error
	if errors.As(err, &ce) {
		j.fail("%s", string(ce))
	} else {
		j.fail("%s: %s", name, applet.ErrText(err))
	}
	return false, nil
}

// compressFile compresses the file name (path for system calls).
func (j *job) compressFile(name, path string, fi os.FileInfo) error {
	if _, suf, ok := stripSuffix(name); ok && !j.force && !j.stdout {
		j.warn("%s already has %s suffix -- unchanged", name, suf)
		return nil
	}
	if j.stdout && !j.force && termwidth.IsTerminal(j.ctx.File(1)) {
		return applet.Errorf("compressed data not written to a terminal. Use -f to force compression.")
	}
	h := gzipio.Header{Level: j.level}
	if j.name {
		h.Name, h.ModTime = filepath.Base(name), fi.ModTime()
	}
	if j.stdout {
		in, err := os.Open(path)
		if err != nil {
			j.fail("can't open '%s': %s", name, applet.ErrText(err))
			return nil
		}
		defer in.Close()
		nin, nout, err := j.deflate(in, j.ctx.Stdout, h)
		if errors.As(err, new(*writeErr)) {
			return stdoutErr(err)
		}
		if err != nil {
			j.fail("%s: %s", name, msg(err))
			return nil
		}
		j.verboseRatio(name, nin-(nout-headerBytes(h)), nin, "stdout")
		return nil
	}
	out := name + ".gz"
	if !j.checkFree(out, path+".gz") {
		return nil
	}
	in, err := os.Open(path)
	if err != nil {
		j.fail("can't open '%s': %s", name, applet.ErrText(err))
		return nil
	}
	defer in.Close()
	var nin, nout int64
	ok := j.replace(name, path, out, path+".gz", fi, nil, func(w io.Writer) error {
		var err error
		nin, nout, err = j.deflate(in, w, h)
		if err != nil && !errors.As(err, new(*writeErr)) {
			j.fail("%s: %s", name, msg(err))
			return reported{}
		}
		return err
	})
	if ok {
		j.verboseRatio(name, nin-(nout-headerBytes(h)), nin, out)
	}
	return nil
}

// headerBytes is what gzip's framing adds around the compressed data.
func headerBytes(h gzipio.Header) int64 {
	n := int64(18)
	if h.Name != "" {
		n += int64(len(h.Name)) + 1
	}
	return n
}

// verboseRatio prints -v's line for a file done: GNU gzip's.
func (j *job) verboseRatio(name string, num, den int64, out string) {
	if !j.verbose {
		return
	}
	verb := "replaced with"
	if j.keep && out != "stdout" {
		verb = "created"
	}
	fmt.Fprintf(j.ctx.Stderr, "%s:\t%s -- %s %s\n", name, ratio(num, den), verb, out)
}

// ratio formats num/den as GNU gzip's display_ratio does.
func ratio(num, den int64) string {
	r := 0.0
	if den != 0 {
		r = 100 * float64(num) / float64(den)
	}
	return fmt.Sprintf("%5.1f%%", r)
}

// decompressFile decompresses (or tests) the file name.
func (j *job) decompressFile(name, path string, fi os.FileInfo) error {
	if j.stdout || j.mode == test {
		in, err := os.Open(path)
		if err != nil {
			j.fail("can't open '%s': %s", name, applet.ErrText(err))
			return nil
		}
		defer in.Close()
		out := j.ctx.Stdout
		if j.mode == test {
			out = io.Discard
		}
		if !j.force && termwidth.IsTerminal(in) {
			return applet.Errorf("compressed data not read from terminal, use -f to force it")
		}
		z, ok, err := j.inflate(name, in, out, nil)
		if err != nil {
			return j.inflateErr(err)
		}
		if ok && z != nil && j.verbose {
			if j.mode == test {
				fmt.Fprintf(j.ctx.Stderr, "%s:\t OK\n", name)
			} else {
				j.verboseRatio(name, z.OutputSize()-(z.InputSize()-18), z.OutputSize(), "stdout")
			}
		}
		return nil
	}
	out, _, ok := stripSuffix(name)
	if !ok && !j.name {
		j.fail("%s: unknown suffix - ignored", name)
		return nil
	}
	if !j.name && !j.checkFree(out, j.ctx.Path(out)) {
		return nil
	}
	in, err := os.Open(path)
	if err != nil {
		j.fail("can't open '%s': %s", name, applet.ErrText(err))
		return nil
	}
	defer in.Close()
	if !j.force && termwidth.IsTerminal(in) {
		return applet.Errorf("compressed data not read from terminal, use -f to force it")
	}
	br := bufio.NewReaderSize(in, 64<<10)
	magic, _ := br.Peek(codec.MagicLen)
	if c := j.seamless(magic); c != nil {
		if !ok {
			// -N with no stored name: nothing to name the output by.
			j.fail("%s: unknown suffix - ignored", name)
			return nil
		}
		cr := &countReader{r: br}
		cw := &countWriter{w: io.Discard}
		if j.replace(name, path, out, j.ctx.Path(out), fi, nil, func(w io.Writer) error {
			cw.w = w
			ok, err := j.decode(name, c, cr, cw)
			if err == nil && !ok {
				return reported{}
			}
			return err
		}) {
			j.verboseRatio(name, cw.n-cr.n, cw.n, out)
		}
		return nil
	}
	z, err := gzipio.NewReader(br)
	if err != nil {
		j.fail("%s", msg(err))
		return nil
	}
	var mtime time.Time
	if j.name {
		if n := safeName(z.Header.Name); n != "" {
			out = filepath.Join(filepath.Dir(name), n)
		} else if !ok {
			j.fail("%s: unknown suffix - ignored", name)
			return nil
		}
		mtime = z.Header.ModTime
		if !j.checkFree(out, j.ctx.Path(out)) {
			return nil
		}
	}
	done := j.replace(name, path, out, j.ctx.Path(out), fi, &mtime, func(w io.Writer) error {
		_, ok, err := j.inflate(name, nil, w, z)
		if err == nil && !ok {
			return reported{}
		}
		return err
	})
	if done {
		j.verboseRatio(name, z.OutputSize()-(z.InputSize()-18), z.OutputSize(), out)
	}
	return nil
}

// reported is a failure already reported: the output is dropped.
type reported struct{}

func (reported) Error() string { return "reported" }

// safeName is the base name of a name stored in a gzip header, or "" if
// it has none usable.
func safeName(s string) string {
	s = s[strings.LastIndexByte(s, '/')+1:]
	if s == "." || s == ".." {
		return ""
	}
	return s
}

// checkFree reports whether the output file out (outPath for system
// calls) may be written: it is not there, or -f replaces it.
func (j *job) checkFree(out, outPath string) bool {
	if _, err := os.Lstat(outPath); err == nil && !j.force {
		j.fail("can't open '%s': %s", out, applet.Strerror(unix.EEXIST))
		return false
	}
	return true
}

// replace writes the output file out (outPath for system calls) with
// write, through a temporary file renamed into place once complete,
// with the input's mode, owner and times (mtime, if set and not zero,
// replaces the modification time); then removes the input (path) unless
// -k. It reports whether it did. write reports a failure it printed as
// reported{}.
func (j *job) replace(name, path, out, outPath string, fi os.FileInfo, mtime *time.Time, write func(w io.Writer) error) bool {
	tmp, err := os.CreateTemp(filepath.Dir(outPath), "."+filepath.Base(outPath)+".")
	if err != nil {
		j.fail("can't open '%s': %s", out, applet.ErrText(err))
		return false
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	err = write(tmp)
	if err == nil {
		err = j.copyStat(tmp, fi)
	}
	if err == nil {
		err = tmp.Close()
	}
	if err == nil {
		err = setTimes(tmp.Name(), fi, mtime)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), outPath)
	}
	switch {
	case errors.Is(err, reported{}):
		return false
	case err != nil:
		var we *writeErr
		if errors.As(err, &we) {
			err = we.err
		}
		var ee *applet.ExitError
		if errors.As(err, &ee) {
			j.fail("%s", ee.Msg)
			return false
		}
		j.fail("write error: %s", applet.ErrText(err))
		return false
	}
	ok = true
	if !j.keep {
		if err := os.Remove(path); err != nil {
			j.fail("can't remove file '%s': %s", name, applet.ErrText(err))
		}
	}
	return true
}

// copyStat gives the output the input's owner and mode, as GNU gzip
// does (the owner only where the system lets it).
func (j *job) copyStat(f *os.File, fi os.FileInfo) error {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		f.Chown(int(st.Uid), int(st.Gid))
	}
	return f.Chmod(fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky))
}

// setTimes gives the output at path the input's access and modification
// times, or mtime for the latter when it is set.
func setTimes(path string, fi os.FileInfo, mtime *time.Time) error {
	m := fi.ModTime()
	a := m
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		a = time.Unix(st.Atim.Unix())
	}
	if mtime != nil && !mtime.IsZero() {
		m = *mtime
	}
	return os.Chtimes(path, a, m)
}
