// Package tail is the tail applet: BusyBox's tail with -n [+]N, -c [+]N
// (b/k/m suffixes), -q, -v, -f, -F, -s SECONDS and the old +N/-N form.
package tail

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"os"
	"strconv"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/suffix"
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
	NoFork: true,
	Main:   run,
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

func run(ctx *applet.Ctx, args []string) error {
	count := uint64(10)
	fromTop := false
	if len(args) > 0 && len(args[0]) > 1 && (args[0][0] == '+' || args[0][0] == '-') && args[0][1] >= '0' && args[0][1] <= '9' {
		n, err := eatNum(args[0], &fromTop)
		if err != nil {
			return err
		}
		count = n
		args = args[1:]
	}
	r, err := opt.Parse(&opt.Spec{Short: "fc:n:qs:vF", Implies: []string{"F=f"}}, args)
	if err != nil {
		return err
	}
	if r.Has("c") {
		if count, err = eatNum(r.Str("c"), &fromTop); err != nil {
			return err
		}
	}
	if r.Has("n") {
		if count, err = eatNum(r.Str("n"), &fromTop); err != nil {
			return err
		}
	}
	countBytes := r.Has("c")
	threshold := 1
	if r.Has("q") {
		threshold = math.MaxInt
	}
	if r.Has("v") {
		threshold = 0
	}
	period := time.Second
	if r.Has("s") {
		s := r.Str("s")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < 0 || s == "" || (s[0] < '0' || s[0] > '9') && s[0] != '.' {
			return applet.Errorf("invalid number '%s'", s)
		}
		period = time.Duration(v * float64(time.Second))
	}
	follow, retry := r.Has("f"), r.Has("F")

	names := r.Args
	if len(names) == 0 {
		if f, ok := ctx.Stdin.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeNamedPipe != 0 {
				follow = false
			}
		}
		names = []string{""}
	}
	status := 0
	var ins []*input
	for _, name := range names {
		in := &input{name: name}
		if name == "" || name == "-" {
			if name == "" {
				in.name = "standard input"
			}
			in.r = ctx.Stdin
			in.f, _ = ctx.Stdin.(*os.File)
		} else if f, err := os.Open(ctx.Path(name)); err == nil {
			in.r, in.f = f, f
		} else {
			ctx.Warnf("can't open '%s': %s", name, applet.ErrText(err))
			if !retry {
				status = 1
				continue
			}
		}
		ins = append(ins, in)
	}
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

	w := bufio.NewWriter(ctx.Stdout)
	sep := ""
	for _, in := range ins {
		if in.r == nil {
			continue
		}
		if len(ins) > threshold {
			w.WriteString(sep + "==> " + in.name + " <==\n")
			sep = "\n"
		}
		var err error
		switch {
		case fromTop:
			err = fromStart(ctx, w, in, count, countBytes)
		case countBytes:
			err = lastBytes(ctx, w, in, count)
		default:
			err = lastLines(ctx, w, in, count)
		}
		if err != nil {
			ctx.Warnf("read error: %s", applet.ErrText(err))
			status = 1
		}
		if err := w.Flush(); err != nil {
			return applet.Exitf(1, "write error: %s", applet.ErrText(err))
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	if !follow {
		return applet.Exit(status)
	}
	return followLoop(ctx, w, ins, period, retry, len(ins) > threshold)
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
	_, err := copyCancellable(ctx, w, br)
	return err
}

func readErr(err error) error {
	if err == io.EOF {
		return nil
	}
	return err
}

// copyCancellable copies until EOF or cancellation.
func copyCancellable(ctx *applet.Ctx, w io.Writer, r io.Reader) (int64, error) {
	buf := make([]byte, 32*1024)
	var total int64
	for !ctx.Cancelled() {
		n, err := r.Read(buf)
		if n > 0 {
			w.Write(buf[:n])
			total += int64(n)
		}
		if err != nil {
			return total, readErr(err)
		}
	}
	return total, nil
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
		_, err := copyCancellable(ctx, w, in.f)
		return err
	}
	var keep []byte
	buf := make([]byte, 32*1024)
	for !ctx.Cancelled() {
		n, err := in.r.Read(buf)
		keep = append(keep, buf[:n]...)
		if uint64(len(keep)) > count+64*1024 {
			keep = append(keep[:0], keep[uint64(len(keep))-count:]...)
		}
		if err != nil {
			if uint64(len(keep)) > count {
				keep = keep[uint64(len(keep))-count:]
			}
			w.Write(keep)
			return readErr(err)
		}
	}
	return nil
}

func lastLines(ctx *applet.Ctx, w *bufio.Writer, in *input, count uint64) error {
	if size, ok := regularSize(in); ok {
		// Like BusyBox, assume lines shorter than 64k and start
		// reading near the end of a big file.
		back := int64(count | 0xf)
		if back > math.MaxInt32/(64*1024) {
			back = math.MaxInt32 / (64 * 1024)
		}
		if back*64*1024 < size {
			in.f.Seek(size-back*64*1024, io.SeekCurrent)
		}
	}
	if count == 0 {
		_, err := io.Copy(io.Discard, in.r)
		return readErr(err)
	}
	// Keep the data holding the last count newline-terminated lines
	// (plus a final partial line).
	var data []byte
	buf := make([]byte, 64*1024)
	for !ctx.Cancelled() {
		n, err := in.r.Read(buf)
		data = append(data, buf[:n]...)
		if len(data) > 1<<20 {
			data = trimLines(data, count)
		}
		if err != nil {
			w.Write(trimLines(data, count))
			return readErr(err)
		}
	}
	return nil
}

// trimLines returns the tail of data holding its last count lines; a
// final line without a newline counts as a line.
func trimLines(data []byte, count uint64) []byte {
	end := len(data)
	if end > 0 && data[end-1] == '\n' {
		end--
	}
	for i := uint64(0); i < count; i++ {
		j := bytes.LastIndexByte(data[:end], '\n')
		if j < 0 {
			return data
		}
		if i == count-1 {
			return data[j+1:]
		}
		end = j
	}
	return data
}

func sameFile(f *os.File, path string) bool {
	var a, b unix.Stat_t
	if unix.Fstat(int(f.Fd()), &a) != nil || unix.Stat(path, &b) != nil {
		return false
	}
	return a.Dev == b.Dev && a.Ino == b.Ino
}

// followLoop is tail -f: every period, print what was appended to each
// file; with -F, reopen files that appear or are replaced.
func followLoop(ctx *applet.Ctx, w *bufio.Writer, ins []*input, period time.Duration, retry, headers bool) error {
	buf := make([]byte, 32*1024)
	var prev *input
	for i := len(ins) - 1; i >= 0; i-- {
		if ins[i].r != nil {
			prev = ins[i]
			break
		}
	}
	timer := time.NewTimer(period)
	defer timer.Stop()
	for {
		if ctx.Context != nil {
			select {
			case <-ctx.Done():
				w.Flush()
				return applet.Exit(130)
			case <-timer.C:
			}
		} else {
			<-timer.C
		}
		timer.Reset(period)
		for _, in := range ins {
			var newF *os.File
			if retry && in.name != "standard input" && in.name != "-" {
				p := ctx.Path(in.name)
				if in.f == nil || !sameFile(in.f, p) {
					f, err := os.Open(p)
					if err == nil {
						what := "been replaced"
						if in.f == nil {
							what = "appeared"
						}
						ctx.Warnf("%s has %s; following end of new file", in.name, what)
						if in.f == nil {
							in.f, in.r = f, f
						} else {
							newF = f
						}
					} else if in.f != nil {
						ctx.Warnf("%s has been renamed or deleted: %s", in.name, applet.ErrText(err))
					}
				}
			}
			if in.r == nil {
				continue
			}
			for !ctx.Cancelled() {
				if in.f != nil {
					if fi, err := in.f.Stat(); err == nil && fi.Size() > 0 {
						if cur, err := in.f.Seek(0, io.SeekCurrent); err == nil && fi.Size() < cur {
							in.f.Seek(0, io.SeekStart)
						}
					}
				}
				n, err := in.r.Read(buf)
				if n <= 0 {
					if err != nil && err != io.EOF {
						ctx.Warnf("read error: %s", applet.ErrText(err))
					}
					if newF == nil {
						break
					}
					in.f.Close()
					in.f, in.r, newF = newF, newF, nil
					continue
				}
				if headers && in != prev {
					w.WriteString("\n==> " + in.name + " <==\n")
					prev = in
				}
				w.Write(buf[:n])
				if err := w.Flush(); err != nil {
					return applet.Exitf(1, "write error: %s", applet.ErrText(err))
				}
			}
			if newF != nil {
				newF.Close()
			}
		}
		if err := w.Flush(); err != nil {
			return applet.Exitf(1, "write error: %s", applet.ErrText(err))
		}
	}
}
