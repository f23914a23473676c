// Package dd is the dd applet: BusyBox's dd with ibs/obs, conv, iflag,
// oflag and status.
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

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
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
	NoFork: true,
	Main:   run,
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

// state is one run's counters and streams.
type state struct {
	ctx                              *applet.Ctx
	flags                            int
	inFull, inPart, outFull, outPart uint64
	total                            uint64
	in                               io.Reader
	out                              io.Writer
	inFile, outFile                  *os.File // nil unless an *os.File
	inName, outName                  string
}

func run(ctx *applet.Ctx, args []string) error {
	var (
		ibs, obs          uint64 = 512, 512
		count, seek, skip uint64
		infile, outfile   string
		haveIn, haveOut   bool
		flags             int
	)
	for _, arg := range args {
		if arg == "--" {
			continue
		}
		key, val, ok := strings.Cut(arg, "=")
		if !ok {
			return applet.Usage("")
		}
		var err error
		switch key {
		case "bs":
			ibs, err = parseNum(val, 1, maxBlock)
			obs = ibs
		case "ibs":
			ibs, err = parseNum(val, 1, maxBlock)
		case "obs":
			obs, err = parseNum(val, 1, maxBlock)
		case "count":
			flags |= flagCount
			count, err = parseNum(val, 0, math.MaxUint64)
		case "seek":
			seek, err = parseNum(val, 0, math.MaxUint64)
		case "skip":
			skip, err = parseNum(val, 0, math.MaxUint64)
		case "if":
			infile, haveIn = val, true
		case "of":
			outfile, haveOut = val, true
		case "conv":
			var f int
			f, err = commaFlags(val, convWords, "conv")
			flags |= f
		case "iflag":
			var f int
			f, err = commaFlags(val, iflagWords, "iflag")
			flags |= f << iflagShift
		case "oflag":
			var f int
			f, err = commaFlags(val, oflagWords, "oflag")
			flags |= f << oflagShift
		case "status":
			n := wordIndex(statusWords, val)
			if n < 0 {
				return applet.Errorf("invalid argument '%s' to 'status'", val)
			}
			flags |= flagStatusNone << n
		default:
			return applet.Usage("")
		}
		if err != nil {
			return err
		}
	}

	defer quietThread()()

	ibuf, free, err := allocBuf(ibs)
	if err != nil {
		return err
	}
	defer free()
	obuf := ibuf
	twoBufs := ibs != obs
	if twoBufs {
		obuf, free, err = allocBuf(obs)
		if err != nil {
			return err
		}
		defer free()
	}

	s := &state{ctx: ctx, flags: flags, in: ctx.Stdin, out: ctx.Stdout,
		inName: "standard input", outName: "standard output"}
	if f, ok := ctx.Stdin.(*os.File); ok {
		s.inFile = f
	}
	if f, ok := ctx.Stdout.(*os.File); ok {
		s.outFile = f
	}

	if haveIn {
		oflag := os.O_RDONLY
		if flags&flagIDirect != 0 {
			oflag |= syscall.O_DIRECT
		}
		f, err := os.OpenFile(ctx.Path(infile), oflag, 0)
		if err != nil {
			return applet.Errorf("can't open '%s': %s", infile, applet.ErrText(err))
		}
		defer f.Close()
		s.in, s.inFile, s.inName = f, f, infile
	}
	if haveOut {
		oflag := os.O_WRONLY | os.O_CREATE
		if seek == 0 && flags&flagNotrunc == 0 {
			oflag |= os.O_TRUNC
		}
		if flags&flagAppend != 0 {
			oflag |= os.O_APPEND
		}
		if flags&flagODirect != 0 {
			oflag |= syscall.O_DIRECT
		}
		f, err := os.OpenFile(ctx.Path(outfile), oflag, 0o666)
		if err != nil {
			return applet.Errorf("can't open '%s': %s", outfile, applet.ErrText(err))
		}
		defer f.Close()
		s.out, s.outFile, s.outName = f, f, outfile
		if seek != 0 && flags&flagNotrunc == 0 {
			bs := obs
			if flags&flagSeekBytes != 0 {
				bs = 1
			}
			if err := f.Truncate(int64(seek * bs)); err != nil {
				fi, serr := f.Stat()
				if serr != nil || fi.Mode().IsRegular() || fi.IsDir() {
					return s.dieOut(err)
				}
			}
		}
	}

	if skip != 0 {
		if err := s.skipInput(skip, ibs, ibuf); err != nil {
			return err
		}
	}
	if seek != 0 {
		bs := obs
		if flags&flagSeekBytes != 0 {
			bs = 1
		}
		if err := s.seekOutput(int64(seek * bs)); err != nil {
			return s.dieOut(err)
		}
	}

	var ocount uint64 // bytes waiting in obuf
	var prevRead int
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		want := ibs
		if flags&flagCount != 0 {
			if count == 0 {
				break
			}
			if flags&flagCountBytes != 0 && count < ibs {
				want = count
			}
		}
		n, err := s.read(ibuf[:want])
		if n == 0 && err == nil {
			break
		}
		if err != nil {
			if flags&flagNoerror == 0 {
				return s.dieIn(err)
			}
			// A bad block: report it, skip over it, carry on.
			ctx.Warnf("%s: %s", s.inName, applet.ErrText(err))
			if s.inFile == nil {
				return applet.Errorf("lseek(%d, 1): Illegal seek", ibs)
			}
			if _, serr := s.inFile.Seek(int64(ibs), io.SeekCurrent); serr != nil {
				return applet.Errorf("lseek(%d, 1): %s", ibs, applet.ErrText(serr))
			}
			n = 0
		}
		if flags&flagSwab != 0 {
			if prevRead&1 != 0 {
				return applet.Errorf("can't swab %d byte buffer", prevRead)
			}
			prevRead = n
			for i := 0; i+1 < n; i += 2 {
				ibuf[i], ibuf[i+1] = ibuf[i+1], ibuf[i]
			}
		}
		if flags&flagCountBytes != 0 {
			count -= uint64(n)
		} else {
			count--
		}
		if uint64(n) == ibs {
			s.inFull++
		} else {
			s.inPart++
			if flags&flagSync != 0 {
				clear(ibuf[n:ibs])
				n = int(ibs)
			}
		}
		if twoBufs {
			src := ibuf[:n]
			for len(src) > 0 {
				d := copy(obuf[ocount:obs], src)
				src = src[d:]
				ocount += uint64(d)
				if ocount == obs {
					if !s.write(obuf[:obs], obs) {
						return s.finish(1)
					}
					ocount = 0
				}
			}
		} else if !s.write(ibuf[:n], obs) {
			return s.finish(1)
		}
	}

	if flags&flagFsync != 0 && s.outFile != nil {
		if err := s.outFile.Sync(); err != nil {
			return s.dieOut(err)
		}
	}
	if ocount != 0 {
		if !s.write(obuf[:ocount], obs) {
			return s.finish(1)
		}
	}
	if haveIn {
		if err := s.inFile.Close(); err != nil {
			return s.dieIn(err)
		}
	}
	if haveOut {
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

// write is BusyBox's write_and_stats; it reports failure (after printing
// the error) with false.
func (s *state) write(p []byte, obs uint64) bool {
	for {
		n, err := s.out.Write(p)
		if err != nil && n == 0 && s.flags&flagODirect != 0 && clearDirect(s.outFile, err) {
			continue
		}
		if n > 0 {
			s.total += uint64(n)
		}
		if err == nil && n == len(p) {
			if uint64(n) == obs {
				s.outFull++
			} else {
				s.outPart++
			}
			return true
		}
		if err == nil {
			err = io.ErrShortWrite
		}
		s.ctx.Warnf("error writing '%s': %s", s.outName, applet.ErrText(err))
		return false
	}
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
func (s *state) skipInput(n, ibs uint64, buf []byte) error {
	bs := ibs
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
	return applet.Errorf("%s: %s", s.inName, applet.ErrText(err))
}

func (s *state) dieOut(err error) error {
	return applet.Errorf("%s: %s", s.outName, applet.ErrText(err))
}

// finish prints the statistics (unless status=none) and returns the
// exit status.
func (s *state) finish(code int) error {
	if s.flags&flagStatusNone == 0 {
		io.WriteString(s.ctx.Stderr, s.stats())
	}
	return applet.Exit(code)
}

// stats is BusyBox's dd_output_status text as Alpine builds it: without
// FEATURE_DD_THIRD_STATUS_LINE, so no "N bytes copied, S seconds, R/s"
// line (status=noxfer therefore changes nothing, as there).
func (s *state) stats() string {
	return fmt.Sprintf("%d+%d records in\n%d+%d records out\n", s.inFull, s.inPart, s.outFull, s.outPart)
}
