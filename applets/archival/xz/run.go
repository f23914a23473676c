package xz

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/readahead"
	"gobox/internal/termwidth"
	"gobox/internal/xzio"
)

// format is .xz or .lzma.
type format int

const (
	xzFormat format = iota
	lzmaFormat
)

// suffix is what compression appends.
func (f format) suffix() string {
	if f == lzmaFormat {
		return ".lzma"
	}
	return ".xz"
}

// suffixes are the endings decompression strips, with what replaces
// them.
func (f format) suffixes() [2][2]string {
	if f == lzmaFormat {
		return [2][2]string{{".lzma", ""}, {".tlz", ".tar"}}
	}
	return [2][2]string{{".xz", ""}, {".txz", ".tar"}}
}

// mode is what a run does with each file.
type mode int

const (
	compress mode = iota
	decompress
	cat // decompress to stdout
	test
)

// job is one run: its options and the exit status so far.
type job struct {
	ctx     *applet.Ctx
	f       format
	mode    mode
	stdout  bool
	force   bool
	keep    bool
	verbose bool
	quiet   bool
	o       xzio.Options
	status  int // 0, 1 (error) or 2 (warning only)
}

func run(ctx *applet.Ctx, args []string, f format, m mode) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	j := &job{ctx: ctx, f: f, mode: m, o: xzio.Options{Level: 6}}
	if m == cat {
		j.mode, j.stdout = decompress, true
	}
	j.stdout = j.stdout || o.Has("c")
	j.force, j.keep = o.Has("f"), o.Has("k")
	j.verbose, j.quiet = o.Has("v"), o.Has("q")
	switch {
	case o.Has("t"):
		j.mode = test
	case o.Has("d"):
		j.mode = decompress
	}
	if m == compress {
		if err := j.compressOptions(o); err != nil {
			return err
		}
	}
	files := o.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, name := range files {
		if err := j.file(name); err != nil {
			return err
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	return applet.Exit(j.status)
}

// compressOptions reads -0..-9, -e, -T and -C.
func (j *job) compressOptions(o *opt.Result) error {
	for l := '0'; l <= '9'; l++ {
		if o.Has(string(l)) {
			j.o.Level = int(l - '0')
		}
	}
	j.o.Extreme = o.Has("e")
	if o.Has("T") {
		n, err := strconv.Atoi(o.Str("T"))
		if err != nil || n < 0 {
			return applet.Errorf("invalid number '%s'", o.Str("T"))
		}
		if n == 0 {
			n = runtime.NumCPU()
		}
		j.o.Threads = n
	}
	if o.Has("C") {
		switch o.Str("C") {
		case "none":
			j.o.NoCheck = true
		case "crc32":
			j.o.Check = xzio.CheckCRC32
		case "crc64":
			j.o.Check = xzio.CheckCRC64
		case "sha256":
			j.o.Check = xzio.CheckSHA256
		default:
			return applet.Errorf("unsupported integrity check type '%s'", o.Str("C"))
		}
	}
	return nil
}

// fail records an error: status 1.
func (j *job) fail(format string, args ...any) {
	j.ctx.Warnf(format, args...)
	j.status = 1
}

// warn records a warning: status 2 unless an error was seen; -q keeps
// it quiet.
func (j *job) warn(format string, args ...any) {
	if !j.quiet {
		j.ctx.Warnf(format, args...)
	}
	if j.status == 0 {
		j.status = 2
	}
}

// msg words an error: xzio's in BusyBox's words, others as musl's
// strerror.
func msg(err error) string {
	var xe xzio.Error
	if errors.As(err, &xe) {
		return string(xe)
	}
	return applet.ErrText(err)
}

// newName is the output name for decompressing name, or "" when name
// has none of the format's suffixes.
func (j *job) newName(name string) string {
	base := name[strings.LastIndexByte(name, '/')+1:]
	for _, s := range j.f.suffixes() {
		if len(base) > len(s[0]) && strings.HasSuffix(base, s[0]) {
			return name[:len(name)-len(s[0])] + s[1]
		}
	}
	return ""
}

// hasSuffix reports the suffix name already has, for compression.
func (j *job) hasSuffix(name string) string {
	base := name[strings.LastIndexByte(name, '/')+1:]
	for _, s := range j.f.suffixes() {
		if strings.HasSuffix(base, s[0]) {
			return s[0]
		}
	}
	return ""
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
	if j.mode == compress {
		return j.compressFile(name, path, fi)
	}
	return j.decompressFile(name, path, fi)
}

// stdin handles "-", or no operand: standard input to standard output.
func (j *job) stdin() error {
	in := j.ctx.Stdin
	if j.mode == compress {
		if !j.force && termwidth.IsTerminal(j.ctx.File(1)) {
			return applet.Errorf("compressed data not written to a terminal. Use -f to force compression.")
		}
		o := j.o
		o.Size = -1
		if f := j.ctx.File(0); f != nil {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				o.Size = fi.Size()
			}
		}
		_, err := j.pack(in, j.ctx.Stdout, o)
		return j.streamErr("stdin", err)
	}
	if !j.force && termwidth.IsTerminal(j.ctx.File(0)) {
		return applet.Errorf("compressed data not read from terminal, use -f to force it")
	}
	var out io.Writer = j.ctx.Stdout
	if j.mode == test {
		out = io.Discard
	}
	_, err := j.unpack(in, out)
	return j.streamErr("stdin", err)
}

// streamErr reports the end of a copy to standard output: a failed
// write ends the run (the runtime sees EPIPE in it), damaged input is
// status 1.
func (j *job) streamErr(name string, err error) error {
	switch {
	case err == nil:
		return nil
	case j.writeFailed(err):
		return j.writeError(err)
	case errors.As(err, new(*applet.ExitError)):
		return err
	}
	j.fail("%s", msg(err))
	return nil
}

func (j *job) writeFailed(err error) bool {
	return errors.As(err, new(*writeErr))
}

// writeError words a failed write as BusyBox's transformer_write does
// ("write: STRERROR"); compression, which BusyBox lacks here, says
// "write error: STRERROR" as gzip does.
func (j *job) writeError(err error) error {
	var we *writeErr
	errors.As(err, &we)
	switch {
	case j.mode == compress:
		return applet.Perror(we.err, "write error")
	case j.f == lzmaFormat && !errors.Is(we.err, syscall.EPIPE):
		// BusyBox's unlzma reports the failed write, then its decoder
		// gives up on the stream as well.
		j.ctx.Perror(we.err, "write")
		return applet.Errorf("corrupted data")
	}
	return applet.Perror(we.err, "write")
}

// writeErr marks an error of the output side of a copy.
type writeErr struct{ err error }

func (e *writeErr) Error() string { return e.err.Error() }
func (e *writeErr) Unwrap() error { return e.err }

// cancelWriter stops a WriteTo when the run is cancelled, and marks
// the errors of the writer it wraps as writeErr.
type cancelWriter struct {
	ctx *applet.Ctx
	w   io.Writer
}

func (c *cancelWriter) Write(p []byte) (int, error) {
	if c.ctx.Cancelled() {
		return 0, applet.Exit(130)
	}
	n, err := c.w.Write(p)
	if err != nil && !errors.As(err, new(*writeErr)) {
		err = &writeErr{err}
	}
	return n, err
}

// errWriter marks the errors of the writer it wraps as writeErr and
// counts what it writes.
type errWriter struct {
	w io.Writer
	n int64
}

func (w *errWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.n += int64(n)
	if err != nil {
		return n, &writeErr{err}
	}
	return n, nil
}

// unpack decompresses in into out and returns the bytes written.
func (j *job) unpack(in io.Reader, out io.Writer) (int64, error) {
	var r io.Reader
	var err error
	cr := &countReader{r: in}
	if j.f == xzFormat {
		var x *xzio.Reader
		x, err = xzio.NewReader(cr)
		if err == xzio.Error("invalid magic") && cr.n == 0 && cr.err == nil {
			// BusyBox's unxz takes empty input as empty data.
			return 0, nil
		}
		if err == nil {
			r = x
			if j.o.Threads > 0 {
				// -T applies to decompression too, as in xz 5.4:
				// -T1 decodes one block at a time.
				x.SetThreads(j.o.Threads)
			}
		}
	} else {
		r, err = xzio.NewLzmaReader(cr)
	}
	if err != nil {
		return 0, readErr(err)
	}
	if x, ok := r.(*xzio.Reader); ok {
		// Decoding stays here; the writes and the blocks' checks are
		// done behind it in a goroutine of xzio's.
		n, err := x.WriteTo(&cancelWriter{ctx: j.ctx, w: out})
		return n, readErr(err)
	}
	// Decompress a few buffers ahead of the writes, in a goroutine of
	// its own.
	ra := readahead.New(r, 4, 64<<10)
	defer ra.Close()
	n, err := j.copy(ra, out)
	return n, readErr(err)
}

// readErr words a failure to read the input as BusyBox's decoders do:
// "read error", without the cause; damaged data keeps its words.
func readErr(err error) error {
	var xe xzio.Error
	if err == nil || errors.As(err, &xe) || errors.As(err, new(*writeErr)) || errors.As(err, new(*applet.ExitError)) {
		return err
	}
	return errRead
}

// errRead is BusyBox's bb_msg_read_error.
const errRead = xzio.Error("read error")

// countReader counts the bytes read and keeps the first error.
type countReader struct {
	r   io.Reader
	n   int64
	err error
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

// pack compresses in into out and returns the bytes written.
func (j *job) pack(in io.Reader, out io.Writer, o xzio.Options) (int64, error) {
	ew := &errWriter{w: out}
	var w io.WriteCloser
	var err error
	if j.f == xzFormat {
		w, err = xzio.NewWriter(ew, o)
	} else {
		w, err = xzio.NewLzmaWriter(ew, o)
	}
	if err != nil {
		return 0, err
	}
	if _, err := j.copy(in, w); err != nil {
		return ew.n, err
	}
	return ew.n, w.Close()
}

// copy copies in to out, stopping when the run is cancelled; a failed
// write is a *writeErr.
func (j *job) copy(in io.Reader, out io.Writer) (int64, error) {
	buf := make([]byte, 64<<10)
	var total int64
	for {
		n, rerr := in.Read(buf)
		if n > 0 {
			if _, err := out.Write(buf[:n]); err != nil {
				var we *writeErr
				if !errors.As(err, &we) {
					err = &writeErr{err}
				}
				return total, err
			}
			total += int64(n)
		}
		if rerr == io.EOF {
			return total, nil
		}
		if rerr != nil {
			return total, rerr
		}
		if j.ctx.Cancelled() {
			return total, applet.Exit(130)
		}
	}
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
		if !j.force && termwidth.IsTerminal(in) {
			return applet.Errorf("compressed data not read from terminal, use -f to force it")
		}
		var out io.Writer = j.ctx.Stdout
		if j.mode == test {
			out = io.Discard
		}
		_, err = j.unpack(in, out)
		return j.streamErr(name, err)
	}
	out := j.newName(name)
	if out == "" {
		j.fail("%s: unknown suffix - ignored", name)
		return nil
	}
	in, err := os.Open(path)
	if err != nil {
		j.fail("can't open '%s': %s", name, applet.ErrText(err))
		return nil
	}
	defer in.Close()
	if !j.checkFree(out) {
		return nil
	}
	if !j.force && termwidth.IsTerminal(in) {
		return applet.Errorf("compressed data not read from terminal, use -f to force it")
	}
	var n int64
	done, err := j.replace(name, path, out, fi, false, func(w io.Writer) error {
		var err error
		n, err = j.unpack(in, w)
		return err
	})
	if done && j.verbose {
		// BusyBox's bbunpack line, with its unsigned arithmetic.
		var pct uint32
		if n != 0 {
			pct = uint32(uint64(fi.Size()) * 100 / uint64(n))
		}
		fmt.Fprintf(j.ctx.Stderr, "%s: %d%% - replaced with %s\n", name, 100-pct, out)
	}
	return err
}

// compressFile compresses the file name.
func (j *job) compressFile(name, path string, fi os.FileInfo) error {
	if fi.IsDir() {
		j.warn("%s: is a directory, skipping", name)
		return nil
	}
	if !fi.Mode().IsRegular() && !j.stdout && j.mode != test {
		j.warn("%s: not a regular file, skipping", name)
		return nil
	}
	if suf := j.hasSuffix(name); suf != "" && !j.stdout && !j.force {
		j.warn("%s: already has '%s' suffix, skipping", name, suf)
		return nil
	}
	in, err := os.Open(path)
	if err != nil {
		j.fail("can't open '%s': %s", name, applet.ErrText(err))
		return nil
	}
	defer in.Close()
	o := j.o
	o.Size = -1
	if fi.Mode().IsRegular() {
		o.Size = fi.Size()
	}
	if j.stdout || j.mode == test {
		var out io.Writer = j.ctx.Stdout
		if j.mode == test {
			out = io.Discard
		} else if !j.force && termwidth.IsTerminal(j.ctx.File(1)) {
			return applet.Errorf("compressed data not written to a terminal. Use -f to force compression.")
		}
		_, err := j.pack(in, out, o)
		return j.streamErr(name, err)
	}
	out := name + j.f.suffix()
	if !j.checkFree(out) {
		return nil
	}
	var n int64
	done, err := j.replace(name, path, out, fi, true, func(w io.Writer) error {
		var err error
		n, err = j.pack(in, w, o)
		return err
	})
	if done && j.verbose {
		var saved float64
		if fi.Size() > 0 {
			saved = 100 - 100*float64(n)/float64(fi.Size())
		}
		fmt.Fprintf(j.ctx.Stderr, "%s: %.1f%% - replaced with %s\n", name, saved, out)
	}
	return err
}

// checkFree reports whether the output file out may be written: it is
// not there, or -f replaces it.
func (j *job) checkFree(out string) bool {
	if _, err := os.Lstat(j.ctx.Path(out)); err == nil && !j.force {
		j.fail("can't open '%s': %s", out, applet.Strerror(unix.EEXIST))
		return false
	}
	return true
}

// replace writes the output file out with write, through a temporary
// file renamed into place once complete, then removes the input (path)
// unless -k. The output gets the input's mode less the umask, as
// BusyBox creates it; compressed output (keepTimes) also keeps the
// input's owner, mode and times, as xz-utils does. It reports whether
// it did; its error ends the run (a failed write, as BusyBox dies of
// it; a failed removal of the input).
func (j *job) replace(name, path, out string, fi os.FileInfo, keepTimes bool, write func(w io.Writer) error) (bool, error) {
	outPath := j.ctx.Path(out)
	tmp, err := os.CreateTemp(filepath.Dir(outPath), "."+filepath.Base(outPath)+".")
	if err != nil {
		j.fail("can't open '%s': %s", out, applet.ErrText(err))
		return false, nil
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		switch {
		case j.writeFailed(err):
			return false, j.writeError(err)
		case errors.As(err, new(*applet.ExitError)):
			return false, err
		}
		j.fail("%s", msg(err))
		return false, nil
	}
	perm := fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if keepTimes {
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			tmp.Chown(int(st.Uid), int(st.Gid))
		}
	} else {
		perm &^= j.ctx.Umask
	}
	err = tmp.Chmod(perm)
	if err == nil {
		err = tmp.Close()
	}
	if err == nil && keepTimes {
		a := fi.ModTime()
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			a = time.Unix(st.Atim.Unix())
		}
		err = os.Chtimes(tmp.Name(), a, fi.ModTime())
	}
	if err == nil {
		err = os.Rename(tmp.Name(), outPath)
	}
	if err != nil {
		return false, applet.Perror(err, "write error")
	}
	ok = true
	if !j.keep {
		if err := os.Remove(path); err != nil {
			return true, applet.Perror(err, "can't remove file '%s'", name)
		}
	}
	return true, nil
}
