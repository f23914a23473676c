// Package tail is the tail applet: BusyBox's tail with -n [+]N, -c [+]N
// (b/k/m suffixes), -q, -v, -f, -F, -s SECONDS and the old +N/-N form.
package tail

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/fastcopy"
	"gobox/internal/opt"
	"gobox/internal/suffix"
	"gobox/internal/tailbuf"
)

// Applet is tail's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "tail",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [FILE]...",
	Help: `Print last 10 lines of FILEs (or stdin) to.
With more than one FILE, precede each with a filename header.

	-c [+]N[bkm]	Print last N bytes
	-n N[bkm]	Print last N lines
	-n +N[bkm]	Start on Nth line and print the rest
			(b:*512 k:*1024 m:*1024^2)
	-q		Never print headers
	-v		Always print headers
	-f		Print data as file grows
	-F		Same as -f, but keep retrying
	-s SECONDS	Wait SECONDS between reads with -f`,
	Options: &opt.Spec{Short: "fc:n:qs:vF", Implies: []string{"F=f"}},
	NoFork:  true,
	Main:    run,
}

type input struct {
	name string
	r    io.Reader // nil: not open (tail -F waiting for it)
	f    *os.File  // when r is a file
}

// eatNum parses [+-]N[bkm]; "+" means counting from the top.
func eatNum(s string, fromTop *bool) (uint64, error) {
	p := s
	if p != "" && p[0] == '-' {
		p = p[1:]
	} else if p != "" && p[0] == '+' {
		p = p[1:]
		*fromTop = true
	}
	n, err := suffix.Parse(p, suffix.BKM)
	if err != nil || n > math.MaxUint32 {
		return 0, applet.Errorf("invalid number '%s'", p)
	}
	return n, nil
}

// settings are one run's options.
type settings struct {
	count      uint64
	fromTop    bool // +N: from the Nth line or byte on
	countBytes bool // -c
	threshold  int  // headers when more inputs than this
	period     time.Duration
	follow     bool // -f
	retry      bool // -F
}

func run(ctx *applet.Ctx, args []string) error {
	o, names, err := parse(ctx, args)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		if f := ctx.File(0); f != nil {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
				o.follow = false
			}
		}
		names = []string{""}
	}
	ins, status := openInputs(ctx, names, o.retry)
	defer func() {
		for _, in := range ins {
			if in.f != nil && in.r != ctx.Stdin {
				in.f.Close()
			}
		}
	}()
	if len(ins) == 0 {
		return applet.Errorf("no files")
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	if err := printAll(ctx, w, ins, o, &status); err != nil {
		return err
	}
	if !o.follow {
		return applet.Exit(status)
	}
	return followLoop(ctx, w, ins, o.period, o.retry, len(ins) > o.threshold)
}

// parse reads the options, the old "+N"/"-N" first operand included, and
// returns the file operands.
func parse(ctx *applet.Ctx, args []string) (*settings, []string, error) {
	o := &settings{count: 10, threshold: 1, period: time.Second}
	if len(args) > 0 && len(args[0]) > 1 && (args[0][0] == '+' || args[0][0] == '-') && args[0][1] >= '0' && args[0][1] <= '9' {
		n, err := eatNum(args[0], &o.fromTop)
		if err != nil {
			return nil, nil, err
		}
		o.count = n
		args = args[1:]
	}
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range []string{"c", "n"} {
		if r.Has(c) {
			if o.count, err = eatNum(r.Str(c), &o.fromTop); err != nil {
				return nil, nil, err
			}
		}
	}
	o.countBytes = r.Has("c")
	if r.Has("q") {
		o.threshold = math.MaxInt
	}
	if r.Has("v") {
		o.threshold = 0
	}
	if r.Has("s") {
		s := r.Str("s")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || s == "" || (s[0] < '0' || s[0] > '9') && s[0] != '.' {
			return nil, nil, applet.Errorf("invalid number '%s'", s)
		}
		o.period = time.Duration(v * float64(time.Second))
	}
	o.follow, o.retry = r.Has("f"), r.Has("F")
	return o, r.Args, nil
}

// openInputs opens the named files ("" or "-" is stdin). With retry (-F)
// a file that cannot be opened is kept, to be waited for; otherwise it
// sets status to 1.
func openInputs(ctx *applet.Ctx, names []string, retry bool) (ins []*input, status int) {
	for _, name := range names {
		in := &input{name: name}
		if name == "" || name == "-" {
			if name == "" {
				in.name = "standard input"
			}
			in.r = ctx.Stdin
			in.f = ctx.File(0)
		} else if f, err := os.Open(ctx.Path(name)); err == nil {
			in.r, in.f = f, f
		} else {
			ctx.Perror(err, "can't open '%s'", name)
			if !retry {
				status = 1
				continue
			}
		}
		ins = append(ins, in)
	}
	return ins, status
}

// printAll prints the end (or with +N the rest) of each input, with
// headers; a read error is reported and sets status, a write error ends
// tail.
func printAll(ctx *applet.Ctx, w *bufio.Writer, ins []*input, o *settings, status *int) error {
	sep := ""
	for _, in := range ins {
		if in.r == nil {
			continue
		}
		if len(ins) > o.threshold {
			// BusyBox writes a header with dprintf and dies with
			// strerror alone (bb_perror_nomsg_and_die) if it fails.
			w.WriteString(sep + "==> " + in.name + " <==\n")
			if err := w.Flush(); err != nil {
				return applet.Perror(err, "")
			}
			sep = "\n"
		}
		var err error
		switch {
		case o.fromTop:
			err = fromStart(ctx, w, in, o.count, o.countBytes)
		case o.countBytes:
			err = lastBytes(ctx, w, in, o.count)
		default:
			err = lastLines(ctx, w, in, o.count)
		}
		var we *fastcopy.WriteError
		var re *fastcopy.ReadError
		switch {
		case errors.As(err, &we):
			return applet.Perror(we.Err, "write error")
		case errors.As(err, &re):
			err = re.Err
		}
		if err != nil {
			w.Flush()
			ctx.Perror(err, "read error")
			*status = 1
		}
		if err := w.Flush(); err != nil {
			return applet.Perror(err, "write error")
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	return nil
}

// fromStart skips count-1 lines (or bytes) and copies the rest.
func fromStart(ctx *applet.Ctx, w *bufio.Writer, in *input, count uint64, countBytes bool) error {
	br := bufio.NewReaderSize(in.r, 64*1024)
	if count > 1 {
		skip := count - 1
		if countBytes {
			if _, err := io.CopyN(io.Discard, br, int64(skip)); err != nil {
				return readErr(err)
			}
		} else {
			for skip > 0 {
				_, err := br.ReadSlice('\n')
				if err == bufio.ErrBufferFull {
					continue
				}
				if err != nil {
					return readErr(err)
				}
				skip--
			}
		}
	}
	// What the skipping read ahead, then the rest straight from the file.
	if _, err := w.Write(mustPeek(br)); err != nil {
		return &fastcopy.WriteError{Err: err}
	}
	return copyRest(ctx, w, in)
}

// mustPeek returns what br holds.
func mustPeek(br *bufio.Reader) []byte {
	b, _ := br.Peek(br.Buffered())
	return b
}

func readErr(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// copyRest copies the rest of in to the output until its end or
// cancellation: through the kernel when both are files (fastcopy). Its
// error says which side failed.
func copyRest(ctx *applet.Ctx, w *bufio.Writer, in *input) error {
	src := in.r
	if in.f != nil {
		src = in.f
	}
	dst := io.Writer(w)
	if f := ctx.File(1); f != nil {
		// Around the buffer: what it holds goes first.
		if err := w.Flush(); err != nil {
			return &fastcopy.WriteError{Err: err}
		}
		dst = f
	}
	_, err := fastcopy.Copy(ctx, dst, src)
	if err == ctx.Err() {
		return nil // cancelled: the caller says so
	}
	return err
}

// regularSize returns the size of a regular, seekable, non-empty file.
func regularSize(in *input) (int64, bool) {
	if in.f == nil {
		return 0, false
	}
	fi, err := in.f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() <= 0 {
		return 0, false
	}
	cur, err := in.f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, false
	}
	return fi.Size() - cur, true
}

func lastBytes(ctx *applet.Ctx, w *bufio.Writer, in *input, count uint64) error {
	if size, ok := regularSize(in); ok {
		if count == 0 {
			in.f.Seek(0, io.SeekEnd)
			return nil
		}
		off := int64(0)
		if uint64(size) > count {
			off = size - int64(count)
		}
		in.f.Seek(off, io.SeekCurrent)
		return copyRest(ctx, w, in)
	}
	return keepEnd(ctx, w, in.r, tailbuf.New(count, tailbuf.Bytes))
}

func lastLines(ctx *applet.Ctx, w *bufio.Writer, in *input, count uint64) error {
	size, regular := regularSize(in)
	if count == 0 {
		if regular {
			in.f.Seek(0, io.SeekEnd)
			return nil
		}
		_, err := io.Copy(io.Discard, in.r)
		return readErr(err)
	}
	if regular {
		// A file that can be read backwards: find where its last
		// count lines start and copy from there (GNU tail's way), in
		// 64 KiB of memory whatever count is. BusyBox keeps the
		// lines, as keepEnd does for a pipe.
		start, err := linesStart(in.f, size, count)
		if err != nil {
			return &fastcopy.ReadError{Err: err}
		}
		in.f.Seek(start, io.SeekCurrent)
		return copyRest(ctx, w, in)
	}
	return keepEnd(ctx, w, in.r, tailbuf.New(count, tailbuf.Lines))
}

// linesStart returns how far past f's offset its last count lines
// begin, of the size bytes from there: after the count-th newline
// before the end, a newline that ends the last byte not counted.
func linesStart(f *os.File, size int64, count uint64) (int64, error) {
	base, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	buf := make([]byte, 64<<10)
	end := size
	skipLast := true // the last byte, if a newline, ends the last line
	for end > 0 {
		n := min(int64(len(buf)), end)
		chunk := buf[:n]
		if _, err := f.ReadAt(chunk, base+end-n); err != nil {
			return 0, err
		}
		if skipLast {
			skipLast = false
			if chunk[n-1] == '\n' {
				chunk = chunk[:n-1]
			}
		}
		for {
			i := bytes.LastIndexByte(chunk, '\n')
			if i < 0 {
				break
			}
			if count--; count == 0 {
				return end - n + int64(i) + 1, nil
			}
			chunk = chunk[:i]
		}
		end -= n
	}
	return 0, nil
}

// keepEnd reads r to its end keeping no more than its last lines or
// bytes that b counts (as BusyBox's tail keeps only what they need, on a
// pipe of any length), then prints them.
func keepEnd(ctx *applet.Ctx, w *bufio.Writer, r io.Reader, b *tailbuf.Buffer) error {
	for !ctx.Cancelled() {
		_, err := b.Fill(r)
		b.Spill(nil)
		if err != nil {
			if werr := b.WriteEnd(w); werr != nil {
				return &fastcopy.WriteError{Err: werr}
			}
			return readErr(err)
		}
	}
	return nil
}

func sameFile(f *os.File, path string) bool {
	var a, b unix.Stat_t
	if unix.Fstat(int(f.Fd()), &a) != nil || unix.Stat(path, &b) != nil {
		return false
	}
	return a.Dev == b.Dev && a.Ino == b.Ino
}

// follower is tail -f at work.
type follower struct {
	ctx     *applet.Ctx
	w       *bufio.Writer
	buf     []byte
	retry   bool   // -F: reopen files that appear or are replaced
	headers bool   // print a header when the input changes
	prev    *input // the input printed last
}

// followLoop is tail -f: every period, print what was appended to each
// file; with -F, reopen files that appear or are replaced.
func followLoop(ctx *applet.Ctx, w *bufio.Writer, ins []*input, period time.Duration, retry, headers bool) error {
	f := &follower{ctx: ctx, w: w, buf: make([]byte, 32*1024), retry: retry, headers: headers}
	for i := len(ins) - 1; i >= 0; i-- {
		if ins[i].r != nil {
			f.prev = ins[i]
			break
		}
	}
	timer := time.NewTimer(period)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			w.Flush()
			return applet.Exit(130)
		case <-timer.C:
		}
		timer.Reset(period)
		for _, in := range ins {
			var next *os.File
			if retry && in.name != "standard input" && in.name != "-" {
				next = f.reopen(in)
			}
			if in.r == nil {
				continue
			}
			if err := f.drain(in, next); err != nil {
				return err
			}
		}
		if err := w.Flush(); err != nil {
			return applet.Perror(err, "write error")
		}
	}
}

// reopen is -F's check of in's name: a file that appeared is opened into
// in; a file that replaced in's is returned, to be switched to once in
// is drained.
func (f *follower) reopen(in *input) (next *os.File) {
	p := f.ctx.Path(in.name)
	if in.f != nil && sameFile(in.f, p) {
		return nil
	}
	nf, err := os.Open(p)
	switch {
	case err != nil && in.f != nil:
		f.ctx.Perror(err, "%s has been renamed or deleted", in.name)
	case err != nil:
	case in.f == nil:
		f.ctx.Warnf("%s has appeared; following end of new file", in.name)
		in.f, in.r = nf, nf
	default:
		f.ctx.Warnf("%s has been replaced; following end of new file", in.name)
		return nf
	}
	return nil
}

// drain prints what was appended to in, then switches to next (if any)
// and prints what that holds.
func (f *follower) drain(in *input, next *os.File) error {
	for !f.ctx.Cancelled() {
		rewindTruncated(in)
		n, err := in.r.Read(f.buf)
		if n <= 0 {
			if err != nil && err != io.EOF {
				f.ctx.Perror(err, "read error")
			}
			if next == nil {
				return nil
			}
			in.f.Close()
			in.f, in.r, next = next, next, nil
			continue
		}
		if f.headers && in != f.prev {
			f.w.WriteString("\n==> " + in.name + " <==\n")
			f.prev = in
		}
		f.w.Write(f.buf[:n])
		if err := f.w.Flush(); err != nil {
			return applet.Perror(err, "write error")
		}
	}
	if next != nil {
		next.Close()
	}
	return nil
}

// rewindTruncated starts a file over when it shrank below the offset
// reached (truncated in place, as logs are).
func rewindTruncated(in *input) {
	if in.f == nil {
		return
	}
	if fi, err := in.f.Stat(); err == nil && fi.Size() > 0 {
		if cur, err := in.f.Seek(0, io.SeekCurrent); err == nil && fi.Size() < cur {
			in.f.Seek(0, io.SeekStart)
		}
	}
}
