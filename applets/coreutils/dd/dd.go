// Package dd is the dd applet: BusyBox's dd with ibs/obs, conv, iflag,
// oflag and status, and the third statistics line.
package dd

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/fastcopy"
	"gobox/internal/human"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is dd's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name: "dd",
	Path: "/bin",
	Usage: "[if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N]\n" +
		"\t[conv=notrunc|noerror|sync|fsync]\n" +
		"\t[iflag=skip_bytes|count_bytes|fullblock|direct] [oflag=seek_bytes|append|direct]",
	Help: `Copy a file with converting and formatting

	if=FILE		Read from FILE instead of stdin
	of=FILE		Write to FILE instead of stdout
	bs=N		Read and write N bytes at a time
	ibs=N		Read N bytes at a time
	obs=N		Write N bytes at a time
	count=N		Copy only N input blocks
	skip=N		Skip N input blocks
	seek=N		Skip N output blocks
	conv=notrunc	Don't truncate output file
	conv=noerror	Continue after read errors
	conv=sync	Pad blocks with zeros
	conv=fsync	Physically write data out before finishing
	conv=swab	Swap every pair of bytes
	iflag=skip_bytes	skip=N is in bytes
	iflag=count_bytes	count=N is in bytes
	oflag=seek_bytes	seek=N is in bytes
	iflag=direct	O_DIRECT input
	oflag=direct	O_DIRECT output
	iflag=fullblock	Read full blocks
	oflag=append	Open output in append mode
	status=noxfer	Suppress rate output
	status=none	Suppress all output

N may be suffixed by c (1), w (2), b (512), kB (1000), k (1024), MB, M, GB, G`,
	Options: &opt.Spec{Manual: true, Operands: "if= of= bs= ibs= obs= count= skip= seek= conv= iflag= oflag= status="},
	NoFork:  true,
	Main:    run,
}

// Flag bits, in BusyBox's order: conv words, then iflag words, then
// oflag words, so that a word's index maps to its bit.
const (
	flagNotrunc = 1 << iota
	flagSync
	flagNoerror
	flagFsync
	flagSwab
	flagSkipBytes // iflag words start here
	flagCountBytes
	flagFullblock
	flagIDirect
	flagSeekBytes // oflag words start here
	flagAppend
	flagODirect
	flagCount
	flagStatusNone
	flagStatusNoxfer

	iflagShift = 5
	oflagShift = 9
)

const (
	convWords   = "notrunc sync noerror fsync swab"
	iflagWords  = "skip_bytes count_bytes fullblock direct"
	oflagWords  = "seek_bytes append direct"
	statusWords = "none noxfer"
	maxBlock    = math.MaxInt64 // BusyBox: must fit a positive ssize_t
)

// state is one run's settings, counters, streams and buffers.
type state struct {
	ctx                              *applet.Ctx
	flags                            int
	ibs, obs                         uint64
	count                            uint64 // blocks (bytes with count_bytes) left, with flagCount
	inFull, inPart, outFull, outPart uint64
	total                            uint64
	start                            time.Time
	in                               io.Reader
	out                              io.Writer
	inFile, outFile                  *os.File // nil unless a file
	inName, outName                  string
	ibuf, obuf                       []byte // the same buffer unless ibs != obs
	ocount                           uint64 // bytes waiting in obuf
	prevRead                         int    // the last block's size, for conv=swab
	copier                           fastcopy.Copier
}

// operands are dd's KEY=VALUE arguments.
type operands struct {
	ibs, obs          uint64
	count, seek, skip uint64
	infile, outfile   string
	haveIn, haveOut   bool
	flags             int
}

func run(ctx *applet.Ctx, args []string) error {
	op, err := parseOperands(args)
	if err != nil {
		return err
	}
	defer quietThread()()
	s := &state{ctx: ctx, flags: op.flags, ibs: op.ibs, obs: op.obs, count: op.count, start: time.Now(),
		in: ctx.Stdin, out: ctx.Stdout, inName: "standard input", outName: "standard output"}
	free, err := s.allocBuffers()
	if err != nil {
		return err
	}
	defer free()
	// The standard streams' files, for seeking and the kernel's copy; dd
	// reports its own write errors, so it writes around ctx.Stdout.
	if f := ctx.File(0); f != nil {
		s.in, s.inFile = f, f
	}
	if f := ctx.File(1); f != nil {
		s.out, s.outFile = f, f
	}
	if op.haveIn {
		if err := s.openInput(op.infile); err != nil {
			return err
		}
		defer s.inFile.Close()
	}
	if op.haveOut {
		if err := s.openOutput(op.outfile, op.seek); err != nil {
			return err
		}
		defer s.outFile.Close()
	}
	if err := s.position(op.skip, op.seek); err != nil {
		return err
	}
	if err := s.copy(); err != nil {
		return err
	}
	return s.end(op.haveIn, op.haveOut)
}

// parseOperands reads dd's KEY=VALUE operands.
func parseOperands(args []string) (*operands, error) {
	op := &operands{ibs: 512, obs: 512}
	for _, arg := range args {
		if arg == "--" {
			continue
		}
		key, val, ok := strings.Cut(arg, "=")
		if !ok {
			return nil, applet.Usage("")
		}
		if err := op.set(key, val); err != nil {
			return nil, err
		}
	}
	return op, nil
}

// set reads one operand.
func (op *operands) set(key, val string) error {
	var err error
	var f int
	switch key {
	case "bs":
		op.ibs, err = parseNum(val, 1, maxBlock)
		op.obs = op.ibs
	case "ibs":
		op.ibs, err = parseNum(val, 1, maxBlock)
	case "obs":
		op.obs, err = parseNum(val, 1, maxBlock)
	case "count":
		op.flags |= flagCount
		op.count, err = parseNum(val, 0, math.MaxUint64)
	case "seek":
		op.seek, err = parseNum(val, 0, math.MaxUint64)
	case "skip":
		op.skip, err = parseNum(val, 0, math.MaxUint64)
	case "if":
		op.infile, op.haveIn = val, true
	case "of":
		op.outfile, op.haveOut = val, true
	case "conv":
		f, err = commaFlags(val, convWords, "conv")
		op.flags |= f
	case "iflag":
		f, err = commaFlags(val, iflagWords, "iflag")
		op.flags |= f << iflagShift
	case "oflag":
		f, err = commaFlags(val, oflagWords, "oflag")
		op.flags |= f << oflagShift
	case "status":
		n := wordIndex(statusWords, val)
		if n < 0 {
			return applet.Errorf("invalid argument '%s' to 'status'", val)
		}
		op.flags |= flagStatusNone << n
	default:
		return applet.Usage("")
	}
	return err
}

// allocBuffers makes the input buffer, and an output buffer when obs
// differs from ibs; free releases them.
func (s *state) allocBuffers() (free func(), err error) {
	ibuf, freeIn, err := allocBuf(s.ibs)
	if err != nil {
		return nil, err
	}
	s.ibuf, s.obuf = ibuf, ibuf
	if s.ibs == s.obs {
		return freeIn, nil
	}
	obuf, freeOut, err := allocBuf(s.obs)
	if err != nil {
		freeIn()
		return nil, err
	}
	s.obuf = obuf
	return func() { freeIn(); freeOut() }, nil
}

// openInput opens if=FILE.
func (s *state) openInput(name string) error {
	oflag := os.O_RDONLY
	if s.flags&flagIDirect != 0 {
		oflag |= syscall.O_DIRECT
	}
	f, err := os.OpenFile(s.ctx.Path(name), oflag, 0)
	if err != nil {
		return applet.Perror(err, "can't open '%s'", name)
	}
	s.in, s.inFile, s.inName = f, f, name
	return nil
}

// openOutput opens of=FILE, truncated at seek=N's offset unless
// conv=notrunc.
func (s *state) openOutput(name string, seek uint64) error {
	oflag := os.O_WRONLY | os.O_CREATE
	if seek == 0 && s.flags&flagNotrunc == 0 {
		oflag |= os.O_TRUNC
	}
	if s.flags&flagAppend != 0 {
		oflag |= os.O_APPEND
	}
	if s.flags&flagODirect != 0 {
		oflag |= syscall.O_DIRECT
	}
	f, err := os.OpenFile(s.ctx.Path(name), oflag, 0o666&^s.ctx.Umask)
	if err != nil {
		return applet.Perror(err, "can't open '%s'", name)
	}
	s.out, s.outFile, s.outName = f, f, name
	if seek == 0 || s.flags&flagNotrunc != 0 {
		return nil
	}
	if err := f.Truncate(int64(seek * s.outBlock())); err != nil {
		// Devices and pipes cannot be truncated, and need not be.
		fi, serr := f.Stat()
		if serr != nil || fi.Mode().IsRegular() || fi.IsDir() {
			return s.dieOut(err)
		}
	}
	return nil
}

// outBlock is the unit of seek=N: obs, or 1 with oflag=seek_bytes.
func (s *state) outBlock() uint64 {
	if s.flags&flagSeekBytes != 0 {
		return 1
	}
	return s.obs
}

// position skips skip=N input blocks and seek=N output blocks.
func (s *state) position(skip, seek uint64) error {
	if skip != 0 {
		if err := s.skipInput(skip); err != nil {
			return err
		}
	}
	if seek != 0 {
		if err := s.seekOutput(int64(seek * s.outBlock())); err != nil {
			return s.dieOut(err)
		}
	}
	return nil
}

// want is the size of the next block to read; more is false when
// count=N blocks (or bytes) were read.
func (s *state) want() (want uint64, more bool) {
	if s.flags&flagCount == 0 {
		return s.ibs, true
	}
	if s.count == 0 {
		return 0, false
	}
	if s.flags&flagCountBytes != 0 && s.count < s.ibs {
		return s.count, true
	}
	return s.ibs, true
}

// copy is dd's loop: read a block, convert it, write it out.
func (s *state) copy() error {
	if s.kernelCopies() {
		return s.copyKernel()
	}
	for {
		if s.ctx.Cancelled() {
			return applet.Exit(130)
		}
		want, more := s.want()
		if !more {
			return nil
		}
		n, err := s.read(s.ibuf[:want])
		if n == 0 && err == nil {
			return nil
		}
		if err != nil {
			if err := s.badBlock(err); err != nil {
				return err
			}
			n = 0
		}
		if s.flags&flagSwab != 0 {
			if err := s.swab(n); err != nil {
				return err
			}
		}
		n = s.countIn(n)
		if err := s.put(s.ibuf[:n]); err != nil {
			return err
		}
	}
}

// badBlock handles a read error: fatal, or with conv=noerror reported
// and skipped over.
func (s *state) badBlock(err error) error {
	if s.flags&flagNoerror == 0 {
		return s.dieIn(err)
	}
	s.ctx.Perror(err, "%s", s.inName)
	if s.inFile == nil {
		return applet.Errorf("lseek(%d, 1): Illegal seek", s.ibs)
	}
	if _, serr := s.inFile.Seek(int64(s.ibs), io.SeekCurrent); serr != nil {
		return applet.Perror(serr, "lseek(%d, 1)", s.ibs)
	}
	return nil
}

// swab swaps the pairs of bytes of the n-byte block read (conv=swab);
// only the last block may have an odd size.
func (s *state) swab(n int) error {
	if s.prevRead&1 != 0 {
		return applet.Errorf("can't swab %d byte buffer", s.prevRead)
	}
	s.prevRead = n
	for i := 0; i+1 < n; i += 2 {
		s.ibuf[i], s.ibuf[i+1] = s.ibuf[i+1], s.ibuf[i]
	}
	return nil
}

// countIn counts an n-byte block read, padding a short one with
// conv=sync, and returns its size to write.
func (s *state) countIn(n int) int {
	if s.flags&flagCountBytes != 0 {
		s.count -= uint64(n)
	} else {
		s.count--
	}
	if uint64(n) == s.ibs {
		s.inFull++
		return n
	}
	s.inPart++
	if s.flags&flagSync != 0 {
		clear(s.ibuf[n:s.ibs])
		n = int(s.ibs)
	}
	return n
}

// put writes a block out: directly, or with obs != ibs through the
// output buffer, obs bytes at a time.
func (s *state) put(p []byte) error {
	if s.ibs == s.obs {
		return s.write(p)
	}
	for len(p) > 0 {
		d := copy(s.obuf[s.ocount:s.obs], p)
		p = p[d:]
		s.ocount += uint64(d)
		if s.ocount == s.obs {
			if err := s.write(s.obuf[:s.obs]); err != nil {
				return err
			}
			s.ocount = 0
		}
	}
	return nil
}

// kernelCopies reports whether the blocks can move with the kernel's
// copy calls (fastcopy's CopyN, one block at a time). Records then come
// out as read(2) and write(2) would make them only where a read of a
// block returns all of it that is there: a regular file in, one block
// size, no conversion, no O_DIRECT.
func (s *state) kernelCopies() bool {
	const changing = flagSync | flagNoerror | flagSwab | flagIDirect | flagODirect
	if s.ibs != s.obs || s.flags&changing != 0 || s.inFile == nil || s.outFile == nil {
		return false
	}
	fi, err := s.inFile.Stat()
	return err == nil && fi.Mode().IsRegular()
}

// copyKernel is copy's loop with the kernel moving each block.
func (s *state) copyKernel() error {
	for {
		want, more := s.want()
		if !more {
			return nil
		}
		n, err := s.copier.CopyN(s.ctx, s.outFile, s.inFile, int64(want))
		s.total += uint64(n)
		if err != nil {
			return s.kernelCopyFailed(err, n, want)
		}
		if n == 0 {
			return nil
		}
		s.countIn(int(n))
		if uint64(n) == s.obs {
			s.outFull++
		} else {
			s.outPart++
		}
	}
}

// kernelCopyFailed ends copyKernel when the copy of a block of want
// bytes failed with err after n bytes. (Apart from copyKernel's loop, so
// that the error variables that errors.As takes are made only then.)
func (s *state) kernelCopyFailed(err error, n int64, want uint64) error {
	var re *fastcopy.ReadError
	var we *fastcopy.WriteError
	switch {
	case errors.As(err, &re):
		return s.dieIn(re.Err)
	case errors.As(err, &we):
		// As with read(2) and write(2): the whole block was read, and
		// no record went out.
		read := n + we.Unwritten
		s.countIn(int(read) + s.readUpTo(int(int64(want)-read)))
		return s.writeFailed(we.Err)
	}
	return applet.Exit(130) // cancelled
}

// readUpTo reads up to n more bytes of the block the kernel's copy was
// moving when its write failed, and returns how many there were.
func (s *state) readUpTo(n int) int {
	got := 0
	for got < n {
		m, err := s.inFile.Read(s.ibuf[got:n])
		got += m
		if err != nil || m == 0 {
			break
		}
	}
	return got
}

// end syncs with conv=fsync, writes out what is buffered, closes the
// files dd opened and prints the statistics.
func (s *state) end(closeIn, closeOut bool) error {
	if s.flags&flagFsync != 0 && s.outFile != nil {
		if err := s.outFile.Sync(); err != nil {
			return s.dieOut(err)
		}
	}
	if s.ocount != 0 {
		if err := s.write(s.obuf[:s.ocount]); err != nil {
			return err
		}
	}
	if closeIn {
		if err := s.inFile.Close(); err != nil {
			return s.dieIn(err)
		}
	}
	if closeOut {
		if err := s.outFile.Close(); err != nil {
			return s.dieOut(err)
		}
	}
	return s.finish(0)
}

// parseNum is BusyBox's xatoull_range_sfx with dd's cwbkMG suffixes.
func parseNum(s string, lo, hi uint64) (uint64, error) {
	n, err := suffix.Range(s, suffix.DD, lo, hi)
	if err != nil {
		return 0, applet.Errorf("%v", err)
	}
	return n, nil
}

// wordIndex returns the index of w in the space-separated words, or -1.
func wordIndex(words, w string) int {
	for i, x := range strings.Fields(words) {
		if x == w {
			return i
		}
	}
	return -1
}

// commaFlags turns "a,b" into bits by the words' indexes.
func commaFlags(val, words, what string) (int, error) {
	flags := 0
	for _, w := range strings.Split(val, ",") {
		n := wordIndex(words, w)
		if n < 0 {
			return 0, applet.Errorf("invalid argument '%s' to '%s'", w, what)
		}
		flags |= 1 << n
	}
	return flags, nil
}

// allocBuf returns a buffer of size bytes. Like BusyBox it maps large
// buffers (page-aligned, as O_DIRECT wants, and lazily backed, so bs=1G
// costs only what is used); free releases them.
func allocBuf(size uint64) (buf []byte, free func(), err error) {
	if size < uint64(os.Getpagesize()) {
		return make([]byte, size), func() {}, nil
	}
	if size > math.MaxInt {
		return nil, nil, applet.Errorf("out of memory")
	}
	b, err := unix.Mmap(-1, 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return nil, nil, applet.Errorf("out of memory")
	}
	return b, func() { unix.Munmap(b) }, nil
}

// quietThread pins the goroutine to its thread and blocks SIGURG there
// until the returned function runs. Go's runtime sends SIGURG to preempt
// a goroutine that has run for 10ms, and a signal arriving during a read
// of /dev/zero or /dev/urandom cuts it short: BusyBox would report
// "5000+0 records in" where we would say "4999+1". The mask is the
// thread's own and is restored, so no process state changes.
func quietThread() func() {
	runtime.LockOSThread()
	var set, old unix.Sigset_t
	sig := uint(unix.SIGURG) - 1
	set.Val[sig/64] |= 1 << (sig % 64)
	if err := unix.PthreadSigmask(unix.SIG_BLOCK, &set, &old); err != nil {
		return runtime.UnlockOSThread
	}
	return func() {
		unix.PthreadSigmask(unix.SIG_SETMASK, &old, nil)
		runtime.UnlockOSThread()
	}
}

// read is BusyBox's dd_read: one read, or with iflag=fullblock as many
// as it takes to fill p. It returns (0, nil) at end of input.
func (s *state) read(p []byte) (int, error) {
	for {
		var n int
		var err error
		if s.flags&flagFullblock != 0 {
			n, err = io.ReadFull(s.in, p)
			if err == io.ErrUnexpectedEOF || err == io.EOF {
				err = nil
			}
		} else {
			for {
				n, err = s.in.Read(p)
				if n > 0 || err != nil {
					break
				}
				if s.ctx.Cancelled() {
					return 0, nil
				}
			}
			if err == io.EOF {
				err = nil
			}
		}
		if err != nil && n == 0 && s.flags&flagIDirect != 0 && clearDirect(s.inFile, err) {
			continue
		}
		if err != nil && n > 0 {
			// Report the data now; the error comes back on the next read.
			return n, nil
		}
		return n, err
	}
}

// write is BusyBox's write_and_stats: the block goes out whole, or dd
// ends (see writeFailed).
func (s *state) write(p []byte) error {
	for {
		n, err := s.out.Write(p)
		if err != nil && n == 0 && s.flags&flagODirect != 0 && clearDirect(s.outFile, err) {
			continue
		}
		if n > 0 {
			s.total += uint64(n)
		}
		if err == nil && n == len(p) {
			if uint64(n) == s.obs {
				s.outFull++
			} else {
				s.outPart++
			}
			return nil
		}
		if err == nil {
			err = io.ErrShortWrite
		}
		return s.writeFailed(err)
	}
}

// writeFailed ends dd after a failed write: with the error and the
// statistics, or silently when the output pipe is closed (BusyBox dies
// of SIGPIPE there; the runtime gives status 141).
func (s *state) writeFailed(err error) error {
	if errors.Is(err, syscall.EPIPE) {
		return applet.Perror(err, "error writing '%s'", s.outName)
	}
	s.ctx.Perror(err, "error writing '%s'", s.outName)
	s.finish(1)
	// Reported: the cause tells the runtime not to report the failed
	// write to standard output a second time.
	return &applet.ExitError{Code: 1, Err: err}
}

// clearDirect drops O_DIRECT from f after EINVAL, as BusyBox does, and
// reports whether the operation should be retried.
func clearDirect(f *os.File, err error) bool {
	if f == nil || !errors.Is(err, syscall.EINVAL) {
		return false
	}
	rc, cerr := f.SyscallConn()
	if cerr != nil {
		return false
	}
	retry := false
	rc.Control(func(fd uintptr) {
		fl, e := unix.FcntlInt(fd, unix.F_GETFL, 0)
		if e == nil && fl&unix.O_DIRECT != 0 {
			_, e = unix.FcntlInt(fd, unix.F_SETFL, fl&^unix.O_DIRECT)
			retry = e == nil
		}
	})
	return retry
}

// skipInput skips n input blocks (or bytes with iflag=skip_bytes): by
// seeking when the input can seek, by reading otherwise.
func (s *state) skipInput(n uint64) error {
	bs, buf := s.ibs, s.ibuf
	if s.flags&flagSkipBytes != 0 {
		bs = 1
	}
	if s.inFile != nil {
		if _, err := s.inFile.Seek(int64(n*bs), io.SeekCurrent); err == nil {
			return nil
		}
	} else if sk, ok := s.in.(io.Seeker); ok {
		if _, err := sk.Seek(int64(n*bs), io.SeekCurrent); err == nil {
			return nil
		}
	}
	for n > 0 {
		if s.ctx.Cancelled() {
			return applet.Exit(130)
		}
		p := buf[:bs]
		if bs == 1 && n < uint64(len(buf)) {
			p = buf[:n]
		} else if bs == 1 {
			p = buf
		}
		got, err := s.read(p)
		if err != nil {
			return s.dieIn(err)
		}
		if got == 0 {
			break
		}
		if bs == 1 {
			n -= uint64(got)
		} else {
			n--
		}
	}
	return nil
}

// seekOutput moves the output offset forward by off bytes.
func (s *state) seekOutput(off int64) error {
	if s.outFile != nil {
		_, err := s.outFile.Seek(off, io.SeekCurrent)
		return err
	}
	if sk, ok := s.out.(io.Seeker); ok {
		_, err := sk.Seek(off, io.SeekCurrent)
		return err
	}
	return syscall.ESPIPE
}

func (s *state) dieIn(err error) error {
	return applet.Perror(err, "%s", s.inName)
}

func (s *state) dieOut(err error) error {
	return applet.Perror(err, "%s", s.outName)
}

// finish prints the statistics (unless status=none) and returns the
// exit status.
func (s *state) finish(code int) error {
	if s.flags&flagStatusNone == 0 {
		io.WriteString(s.ctx.Stderr, s.stats(time.Since(s.start)))
	}
	return applet.Exit(code)
}

// stats is BusyBox's dd_output_status text as Alpine builds it: with
// FEATURE_DD_THIRD_STATUS_LINE, "N bytes (H) copied, S seconds, R/s",
// which status=noxfer leaves out.
func (s *state) stats(elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d+%d records in\n%d+%d records out\n", s.inFull, s.inPart, s.outFull, s.outPart)
	if s.flags&flagStatusNoxfer != 0 {
		return b.String()
	}
	secs := float64(elapsed.Microseconds()) / 1e6
	var rate uint64
	if secs > 0 {
		if r := float64(s.total) / secs; r < math.MaxUint64 {
			rate = uint64(r)
		}
	}
	fmt.Fprintf(&b, "%d bytes (%sB) copied, %f seconds, %sB/s\n",
		s.total, human.Size(s.total, 1, 0), secs, human.Size(rate, 1, 0))
	return b.String()
}
