package zstd

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/klauspost/compress/zstd"

	"gobox/internal/applet"
	"gobox/internal/codec"
	"gobox/internal/readahead"
	"gobox/internal/termwidth"
)

// job is one run: its options, its shared output (-o FILE), totals for
// the summary line, and the exit status.
type job struct {
	ctx    *applet.Ctx
	o      *options
	nFiles int
	failed bool

	shared    *output // -o FILE: every input's frames go there
	processed int
	totalIn   int64
	totalOut  int64
}

func run(ctx *applet.Ctx, args []string, m mode) error {
	o, err := parseArgs(args, m)
	if err != nil {
		return err
	}
	if o.help {
		fmt.Fprintf(ctx.Stdout, "Usage: %s %s\n\n%s\n", ctx.Name, usage, helpText(ctx.Name))
		return nil
	}
	if o.version {
		fmt.Fprintln(ctx.Stdout, welcome)
		return nil
	}
	j := &job{ctx: ctx, o: o}
	files := o.files
	if len(files) == 0 {
		files = []string{"-"}
	}
	if o.out == "" && len(files) == 1 && files[0] == "-" {
		o.out = stdoutName
	}
	if o.mode == test {
		o.out = ""
	}
	toStdout := o.out == stdoutName
	if toStdout && o.display == 2 {
		// No summary lines when the data goes to standard output.
		o.display = 1
	}
	j.nFiles = len(files)
	j.say(3, "%s\n", welcome)
	for _, w := range o.warnings {
		j.say(2, "%s\n", w)
	}
	if !o.force {
		for _, f := range files {
			if f == "-" && termwidth.IsTerminal(ctx.File(0)) {
				j.say(1, "stdin is a console, aborting\n")
				return applet.Exit(1)
			}
		}
		if toStdout && o.mode == compress && termwidth.IsTerminal(ctx.File(1)) {
			j.say(1, "stdout is a console, aborting\n")
			return applet.Exit(1)
		}
	}
	if o.out != "" && !toStdout && len(files) > 1 {
		if !j.concatOK(files) {
			return applet.Exit(1)
		}
	}
	for _, f := range files {
		if err := j.file(f); err != nil {
			j.abandon()
			return err
		}
		if ctx.Cancelled() {
			j.abandon()
			return applet.Exit(130)
		}
	}
	if j.shared != nil {
		if !j.shared.finish(j) {
			j.failed = true
		}
	}
	j.totals()
	if j.failed {
		return applet.Exit(1)
	}
	return nil
}

// welcome is -V's line, which -v prints first, as the CLI prints its own.
const welcome = "*** gobox zstd: the Zstandard format, by klauspost/compress ***"

// helpText is -h's text for the applet called name.
func helpText(name string) string {
	switch name {
	case "unzstd":
		return "Decompress FILEs (or stdin) in the Zstandard format\n" + help
	case "zstdcat":
		return "Decompress FILEs (or stdin) in the Zstandard format to stdout\n" + help
	}
	return "Compress or decompress FILEs (or stdin) in the Zstandard format\n" + help
}

// say prints on stderr when the display level is at least level, as the
// CLI's DISPLAYLEVEL does.
func (j *job) say(level int, format string, args ...any) {
	if j.o.display >= level {
		fmt.Fprintf(j.ctx.Stderr, format, args...)
	}
}

// fail reports an error (display level 1) and marks the run failed.
func (j *job) fail(format string, args ...any) {
	j.say(1, format, args...)
	j.failed = true
}

// confirm asks a question on stderr and reads the answer from standard
// input, as the CLI's UTIL_requireUserConfirmation: it reports whether
// the answer starts with y or Y; otherwise it says abort.
func (j *job) confirm(prompt, abort string, stdinInput bool) bool {
	if stdinInput {
		j.say(1, "stdin is an input - not proceeding.\n")
		return false
	}
	j.say(1, "%s", prompt)
	var b [1]byte
	n, _ := j.ctx.Stdin.Read(b[:])
	yes := n == 1 && (b[0] == 'y' || b[0] == 'Y')
	if !yes {
		j.say(1, "%s \n", abort)
	}
	// The rest of the line goes, one byte at a time so that no more is
	// taken from standard input.
	for n == 1 && b[0] != '\n' {
		n, _ = j.ctx.Stdin.Read(b[:])
	}
	return yes
}

// concatOK warns, as the CLI does, that -o FILE with several inputs
// concatenates them, and asks unless -f or -q.
func (j *job) concatOK(files []string) bool {
	if j.o.force {
		return true
	}
	if j.o.display <= 1 {
		if j.o.rm {
			j.say(1, "zstd: Aborting... not deleting files and processing into dst: %s\n", j.o.out)
			return false
		}
		j.say(1, "zstd: WARNING: all input files will be processed and concatenated into a single output file: %s \n", j.o.out)
		j.say(1, "The concatenated output CANNOT regenerate the original directory tree. \n")
		return true
	}
	j.say(1, "zstd: WARNING: all input files will be processed and concatenated into a single output file: %s \n", j.o.out)
	j.say(1, "The concatenated output CANNOT regenerate original file names nor directory structure. \n")
	stdin := false
	for _, f := range files {
		stdin = stdin || f == "-"
	}
	return j.confirm("Proceed? (y/n): ", "Aborting...", stdin)
}

// dstName is the output file for the input name by the CLI's rules, or
// false (reported) when decompression cannot derive it.
func (j *job) dstName(name string) (string, bool) {
	if j.o.mode == compress {
		return name + ".zst", true
	}
	base := name[strings.LastIndexByte(name, '/')+1:]
	for _, s := range [...]struct{ from, to string }{{".zst", ""}, {".tzst", ".tar"}} {
		if len(base) > len(s.from) && strings.HasSuffix(base, s.from) {
			return name[:len(name)-len(s.from)] + s.to, true
		}
	}
	j.fail("zstd: %s: unknown suffix (.zst/.tzst expected). Can't derive the output file name. Specify it with -o dstFileName. Ignoring.\n", name)
	return "", false
}

// file handles one input. Its error ends the run: a failed write to
// standard output, or a cancelled run.
func (j *job) file(name string) error {
	o := j.o
	display := name
	if name == "-" {
		display = stdinName
	}
	// Where the output goes: standard output, the shared -o file, a
	// file of its own, or nowhere (-t).
	toStdout := o.out == stdoutName || (o.out == "" && name == "-" && o.mode != test)
	dst := ""
	switch {
	case o.mode == test || toStdout:
	case o.out != "":
		dst = o.out
	default:
		var ok bool
		if dst, ok = j.dstName(name); !ok {
			return nil
		}
	}
	var in io.Reader = j.ctx.Stdin
	var fi os.FileInfo
	srcPath := ""
	if name != "-" {
		srcPath = j.ctx.Path(name)
		var err error
		if fi, err = os.Stat(srcPath); err != nil {
			j.fail("zstd: can't stat %s : %s -- ignored \n", name, applet.ErrText(err))
			return nil
		}
		if fi.IsDir() {
			j.fail("zstd: %s is a directory -- ignored \n", name)
			return nil
		}
		if !fi.Mode().IsRegular() && fi.Mode()&os.ModeNamedPipe == 0 && !o.force {
			j.fail("zstd: %s is not a regular file -- ignored \n", name)
			return nil
		}
		f, err := os.Open(srcPath)
		if err != nil {
			j.fail("zstd: %s: %s \n", name, applet.ErrText(err))
			return nil
		}
		defer f.Close()
		in = f
	}

	// The output.
	var out *output
	var w io.Writer
	switch {
	case o.mode == test:
		w = io.Discard
	case toStdout:
		w = j.ctx.Stdout
	case o.out != "":
		if j.shared == nil {
			if j.shared = j.create(dst, name == "-"); j.shared == nil {
				return nil
			}
			if j.nFiles == 1 {
				j.shared.fi = fi
			}
		}
		out, w = j.shared, j.shared.tmp
	default:
		if out = j.create(dst, name == "-"); out == nil {
			return nil
		}
		out.fi = fi
		w = out.tmp
	}
	ow := &countWriter{w: w}

	var nin, nout int64
	var err error
	if o.mode == compress {
		nin, err = j.deflate(display, in, ow, fi)
		nout = ow.n
	} else {
		nin, err = j.inflate(display, in, ow, toStdout)
		nout = ow.n
	}
	var we *writeErr
	switch {
	case errors.As(err, &we) && toStdout:
		return applet.Perror(we.err, "%s", stdoutName)
	case errors.As(err, &we):
		j.fail("zstd: %s: %s \n", dst, applet.ErrText(we.err))
		if out != nil && out != j.shared {
			out.discard()
		}
		return nil
	case errors.Is(err, reported{}):
		if out != nil && out != j.shared {
			out.discard()
		}
		return nil
	case err != nil:
		if out != nil && out != j.shared {
			out.discard()
		}
		return err
	}
	if out != nil && out != j.shared && !out.finish(j) {
		return nil
	}
	if o.rm && srcPath != "" && !toStdout && o.mode != test {
		if err := os.Remove(srcPath); err != nil {
			j.fail("zstd: %s: %s \n", name, applet.ErrText(err))
		}
	}
	j.processed++
	j.totalIn += nin
	j.totalOut += nout
	shown := dst
	if toStdout {
		shown = stdoutName
	}
	if j.o.display >= 3 || j.nFiles <= 1 {
		if o.mode == compress {
			if nin == 0 {
				j.say(2, "%-20s :  (%s => %s, %s) \n", display, size(nin), size(nout), shown)
			} else {
				j.say(2, "%-20s :%6.2f%%   (%s => %s, %s) \n", display, 100*float64(nout)/float64(nin), size(nin), size(nout), shown)
			}
		} else {
			j.say(2, "%-20s: %d bytes \n", display, nout)
		}
	}
	return nil
}

// totals prints the summary line of a run over several files.
func (j *job) totals() {
	if j.nFiles <= 1 || j.processed == 0 {
		return
	}
	if j.o.mode == compress {
		if j.totalIn != 0 {
			j.say(2, "%3d files compressed : %.2f%% (%s => %s)\n", j.processed,
				100*float64(j.totalOut)/float64(j.totalIn), size(j.totalIn), size(j.totalOut))
		}
		return
	}
	j.say(2, "%d files decompressed : %6d bytes total \n", j.processed, j.totalOut)
}

// size formats a byte count as the CLI's UTIL_makeHumanReadableSize
// does ("%6.*f%s"): scaled to KiB, MiB, ... with 0 to 3 decimals, or
// exact in bytes above display level 3.
func size(n int64) string {
	if n < 0 {
		n = 0
	}
	v, suffix := float64(n), " B"
	for _, u := range [...]struct {
		shift  uint
		suffix string
	}{{60, " EiB"}, {50, " PiB"}, {40, " TiB"}, {30, " GiB"}, {20, " MiB"}, {10, " KiB"}} {
		if uint64(n) >= 1<<u.shift {
			v, suffix = float64(n)/float64(uint64(1)<<u.shift), u.suffix
			break
		}
	}
	prec := 3
	switch {
	case v >= 100 || int64(v) == n:
		prec = 0
	case v >= 10:
		prec = 1
	case v > 1:
		prec = 2
	}
	return fmt.Sprintf("%6.*f%s", prec, v, suffix)
}

// reported is a failure already reported.
type reported struct{}

func (reported) Error() string { return "reported" }

// deflate compresses in into w, pledging the input's size in the frame
// header when it is a regular file (as the CLI does, for zstd -l). It
// returns the bytes read.
func (j *job) deflate(name string, in io.Reader, w io.Writer, fi os.FileInfo) (int64, error) {
	enc, err := codec.NewZstdEncoder(w, j.o.level, j.o.threads, zstd.WithEncoderCRC(!j.o.noCheck))
	if err != nil {
		j.fail("zstd: %s: %s \n", name, err)
		return 0, reported{}
	}
	if fi != nil && fi.Mode().IsRegular() {
		enc.ResetContentSize(w, fi.Size())
	}
	cr := &countReader{r: in}
	if _, err := io.Copy(enc, cr); err != nil {
		enc.Close()
		return cr.n, j.readErr(name, err)
	}
	if err := enc.Close(); err != nil {
		return cr.n, j.readErr(name, err)
	}
	return cr.n, nil
}

// readErr reports a failure of a copy other than a write: it is returned
// as it is.
func (j *job) readErr(name string, err error) error {
	var we *writeErr
	if errors.As(err, &we) {
		return err
	}
	if errors.Is(err, zstd.ErrFrameSizeMismatch) {
		// The file changed size while it was read.
		j.fail("zstd: %s: Read error : file changed size while compressed \n", name)
		return reported{}
	}
	j.fail("zstd: %s: Read error : %s \n", name, applet.ErrText(err))
	return reported{}
}

// inflate decompresses in into w: every frame to the end of the input.
// Input that is no zstd data passes through as it is with -dcf
// (zstdcat). It returns the bytes read.
func (j *job) inflate(name string, in io.Reader, w io.Writer, toStdout bool) (int64, error) {
	// The input is read a few buffers ahead in a goroutine of its own,
	// as the zstd CLI reads on a second thread: decoding, the critical
	// path, does no read syscalls of its own.
	ra := readahead.New(in, 4, 128<<10)
	defer ra.Close()
	cr := &countReader{r: ra}
	br := bufio.NewReaderSize(cr, 64<<10)
	head, _ := br.Peek(4)
	isZstd := len(head) == 4 && (bytes.Equal(head, []byte{0x28, 0xb5, 0x2f, 0xfd}) ||
		head[0]&0xf0 == 0x50 && bytes.Equal(head[1:], []byte{0x2a, 0x4d, 0x18}))
	switch {
	case len(head) == 0:
		if _, err := br.ReadByte(); err != nil && err != io.EOF {
			return cr.n, j.readErr(name, err)
		}
		j.fail("zstd: %s: unexpected end of file \n", name)
		return cr.n, reported{}
	case !isZstd && j.o.force && toStdout && j.o.mode == decompress:
		if _, err := br.WriteTo(w); err != nil {
			return cr.n, j.readErr(name, err)
		}
		return cr.n, nil
	case len(head) < 4:
		j.fail("zstd: %s: unknown header \n", name)
		return cr.n, reported{}
	case !isZstd:
		j.fail("zstd: %s: unsupported format \n", name)
		return cr.n, reported{}
	}
	dec, err := codec.NewZstdDecoder(br, j.o.maxWindow)
	if err != nil {
		j.fail("zstd: %s: %s \n", name, err)
		return cr.n, reported{}
	}
	defer dec.Close()
	// WriteTo hands each decoded block to w without a copy through a
	// buffer of ours; the writer checks for cancellation between blocks.
	_, err = dec.WriteTo(&cancelWriter{w: w, ctx: j.ctx})
	var we *writeErr
	switch {
	case err == nil:
		return cr.n, nil
	case errors.Is(err, cancelled{}):
		return cr.n, applet.Exit(130)
	case errors.As(err, &we):
		return cr.n, err
	}
	return cr.n, j.decodeErr(name, err)
}

// cancelled ends a decompression whose context was cancelled.
type cancelled struct{}

func (cancelled) Error() string { return "cancelled" }

// cancelWriter stops a copy once its context is cancelled.
type cancelWriter struct {
	w   io.Writer
	ctx *applet.Ctx
}

func (c *cancelWriter) Write(p []byte) (int, error) {
	if c.ctx.Cancelled() {
		return 0, cancelled{}
	}
	return c.w.Write(p)
}

// decodeErr reports a decoder's error in the CLI's words.
func (j *job) decodeErr(name string, err error) error {
	var ce codec.Error
	if !errors.As(codec.ZstdErr(err), &ce) {
		return j.readErr(name, err)
	}
	switch ce {
	case codec.ZstdErrEOF:
		j.fail("%s : Read error (39) : premature end \n", name)
	case codec.ZstdErrFormat:
		j.fail("zstd: %s: unsupported format \n", name)
	default:
		j.fail("%s : Decoding error (36) : %s \n", name, ce)
	}
	return reported{}
}

// abandon drops the shared output of a run that ends early.
func (j *job) abandon() {
	if j.shared != nil {
		j.shared.discard()
		j.shared = nil
	}
}

// output is an output file being written: a temporary file beside it,
// renamed into place once complete.
type output struct {
	name, path string
	tmp        *os.File
	fi         os.FileInfo // the input's, to copy to the output; nil: none
	stdin      bool        // the input is standard input
}

// create starts the output file name, once the CLI's rules allow it:
// an existing file is replaced only with -f or a yes.
func (j *job) create(name string, stdinInput bool) *output {
	path := j.ctx.Path(name)
	if _, err := os.Lstat(path); err == nil && !j.o.force {
		if j.o.display <= 1 {
			j.fail("zstd: %s already exists; not overwritten  \n", name)
			return nil
		}
		j.say(1, "zstd: %s already exists; ", name)
		if !j.confirm("overwrite (y/n) ? ", "Not overwritten  \n", stdinInput) {
			j.failed = true
			return nil
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".")
	if err != nil {
		j.fail("zstd: %s: %s \n", name, applet.ErrText(err))
		return nil
	}
	return &output{name: name, path: path, tmp: tmp, stdin: stdinInput}
}

// discard removes an output that failed.
func (out *output) discard() {
	out.tmp.Close()
	os.Remove(out.tmp.Name())
}

// finish gives the output the input's mode, owner and times (or the
// mode a new file gets, for standard input) and renames it into place.
func (out *output) finish(j *job) bool {
	err := out.copyStat(j.ctx.Umask)
	if err == nil {
		err = out.tmp.Close()
	} else {
		out.tmp.Close()
	}
	if err == nil && out.fi != nil {
		err = setTimes(out.tmp.Name(), out.fi)
	}
	if err == nil {
		err = os.Rename(out.tmp.Name(), out.path)
	}
	if err != nil {
		os.Remove(out.tmp.Name())
		j.fail("zstd: %s: %s \n", out.name, applet.ErrText(err))
		return false
	}
	return true
}

func (out *output) copyStat(umask os.FileMode) error {
	if out.fi == nil {
		return out.tmp.Chmod(0o666 &^ umask)
	}
	if st, ok := out.fi.Sys().(*syscall.Stat_t); ok {
		out.tmp.Chown(int(st.Uid), int(st.Gid))
	}
	return out.tmp.Chmod(out.fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky))
}

// setTimes gives the file at path fi's access and modification times.
func setTimes(path string, fi os.FileInfo) error {
	m := fi.ModTime()
	a := m
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		a = time.Unix(st.Atim.Unix())
	}
	return os.Chtimes(path, a, m)
}

// writeErr marks an error of the output side of a copy.
type writeErr struct{ err error }

func (e *writeErr) Error() string { return e.err.Error() }
func (e *writeErr) Unwrap() error { return e.err }

// countWriter counts what it writes and marks its errors.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil {
		return n, &writeErr{err}
	}
	return n, nil
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
