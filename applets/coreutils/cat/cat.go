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
	"syscall"

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

// open opens name ("-" is stdin), printing BusyBox's open_or_warn message
// on failure.
// With short set, the message is fopen_or_warn's "NAME: error" instead.
func open(ctx *applet.Ctx, name string, short bool) (io.Reader, func(), bool) {
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

// plain copies each file with io.Copy, so that an *os.File stdout can use
// copy_file_range or splice.
func plain(ctx *applet.Ctx, files []string) error {
	status := 0
	for _, name := range files {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		in, closer, ok := open(ctx, name, false)
		if !ok {
			status = 1
			continue
		}
		var err error
		if f, ok := in.(*os.File); ok {
			if fi, serr := f.Stat(); serr == nil && fi.IsDir() {
				err = &os.PathError{Op: "read", Path: f.Name(), Err: syscall.EISDIR}
			}
		}
		if err == nil {
			err = copyFile(ctx, in)
		}
		closer()
		if err != nil {
			// os.File.ReadFrom reports both sides' errors as "write";
			// the path tells which file failed.
			var pe *os.PathError
			f, isFile := in.(*os.File)
			if errors.As(err, &pe) && pe.Op == "write" && !(isFile && pe.Path == f.Name()) {
				return applet.Errorf("write error: %s", applet.ErrText(err))
			}
			ctx.Warnf("read error: %s", applet.ErrText(err))
			status = 1
		}
	}
	return applet.Exit(status)
}

// copyFile copies in to stdout. Between two files that are not both
// regular it uses sendfile(2), as BusyBox does (Go's ReadFrom covers
// copy_file_range and splice, but not sendfile to a device such as
// /dev/null), in chunks so that cancellation is noticed.
func copyFile(ctx *applet.Ctx, in io.Reader) error {
	src, ok1 := in.(*os.File)
	dst, ok2 := ctx.Stdout.(*os.File)
	if ok1 && ok2 {
		if fi, err := dst.Stat(); err == nil && !fi.Mode().IsRegular() {
			if done, err := sendfile(ctx, dst, src); done {
				return err
			}
		}
	}
	_, err := io.Copy(ctx.Stdout, in)
	return err
}

// sendfile returns done=false when sendfile cannot be used at all, so
// the caller falls back to an ordinary copy.
func sendfile(ctx *applet.Ctx, dst, src *os.File) (done bool, err error) {
	first := true
	for !ctx.Cancelled() {
		n, err := unix.Sendfile(int(dst.Fd()), int(src.Fd()), nil, 16<<20)
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
				return true, &os.PathError{Op: "read", Path: src.Name(), Err: err}
			}
			return true, &os.PathError{Op: "write", Path: dst.Name(), Err: err}
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
		in, closer, ok := open(ctx, name, true)
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
		in, closer, ok := open(ctx, name, false)
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
