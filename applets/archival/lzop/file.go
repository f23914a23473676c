package lzop

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/lzo"
	"gobox/internal/termwidth"
)

// fail records an error that does not end the run: status 1.
func (j *job) fail(format string, args ...any) {
	j.ctx.Warnf(format, args...)
	j.status = 1
}

// newName is the output file of the operand name: BusyBox's
// make_new_name_lzop ("x.lzo" -> "x", anything else -> "x.out").
func (j *job) newName(name string) string {
	if !j.decompress {
		return name + ".lzo"
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && name[i+1:] == "lzo" {
		return name[:i]
	}
	return name + ".out"
}

// file handles one operand. Its error ends the run, as BusyBox dies of
// damaged input and failed writes.
func (j *job) file(name string) error {
	var in io.Reader = j.ctx.Stdin
	inFile := j.ctx.File(0)
	var fi os.FileInfo
	if name != "-" {
		path := j.ctx.Path(name)
		var err error
		if fi, err = os.Stat(path); err != nil {
			j.fail("%s: %s", name, applet.ErrText(err))
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			j.fail("can't open '%s': %s", name, applet.ErrText(err))
			return nil
		}
		defer f.Close()
		in, inFile = f, f
	}
	var out io.Writer = j.ctx.Stdout
	if j.test {
		out = io.Discard
	}
	if name == "-" || j.stdout || j.test {
		if err := j.ttyCheck(inFile); err != nil {
			return err
		}
		return j.transform(in, out)
	}
	newName := j.newName(name)
	newPath := j.ctx.Path(newName)
	if newName == "" {
		j.fail("can't open '': %s", applet.Strerror(unix.ENOENT))
		return nil
	}
	// BusyBox unlinks the old output with -f and creates the new one
	// with O_EXCL: a directory in the way stays, and is "File exists".
	if old, err := os.Lstat(newPath); err == nil && (!j.force || old.IsDir()) {
		j.fail("can't open '%s': %s", newName, applet.Strerror(unix.EEXIST))
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(newPath), "."+filepath.Base(newPath)+".")
	if err != nil {
		j.fail("can't open '%s': %s", newName, applet.ErrText(err))
		return nil
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := j.ttyCheck(inFile); err != nil {
		return err
	}
	if err := j.transform(in, tmp); err != nil {
		return err
	}
	// The input's mode less the umask, as open(O_CREAT, st_mode) gives.
	mode := fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	mode &^= j.ctx.Umask & os.ModePerm
	if err := tmp.Chmod(mode); err != nil {
		return applet.Perror(err, "can't open '%s'", newName)
	}
	if err := tmp.Close(); err != nil {
		return applet.Perror(err, "write error")
	}
	if err := os.Rename(tmp.Name(), newPath); err != nil {
		return applet.Perror(err, "can't open '%s'", newName)
	}
	done = true
	if j.verbose {
		// BusyBox's bbunpack prints 100 - size*100/(status+1) with
		// lzop's status of 0: a meaningless number, kept as it is.
		fmt.Fprintf(j.ctx.Stderr, "%s: %d%% - replaced with %s\n", name, uint32(100-fi.Size()*100), newName)
	}
	if !j.keep {
		if err := os.Remove(j.ctx.Path(name)); err != nil {
			return applet.Perror(err, "can't remove file '%s'", name)
		}
	}
	return nil
}

// ttyCheck refuses to read from a terminal without -f; BusyBox says so
// of compression too.
func (j *job) ttyCheck(in *os.File) error {
	if !j.force && termwidth.IsTerminal(in) {
		return applet.Errorf("compressed data not read from terminal, use -f to force it")
	}
	return nil
}

// writeErr marks a failed write, to tell it from a failed read.
type writeErr struct{ err error }

func (e *writeErr) Error() string { return e.err.Error() }
func (e *writeErr) Unwrap() error { return e.err }

// errWriter tags what its writes fail with.
type errWriter struct{ w io.Writer }

func (w errWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil {
		return n, &writeErr{err}
	}
	return n, nil
}

// transform compresses or decompresses in into out; its error ends the
// run, worded as BusyBox words it.
func (j *job) transform(in io.Reader, out io.Writer) error {
	var err error
	if j.decompress {
		err = j.unpack(in, errWriter{out})
	} else {
		err = j.pack(in, errWriter{out})
	}
	var we *writeErr
	var le lzo.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &we):
		return applet.Perror(we.err, "write error")
	case errors.As(err, &le):
		return applet.Errorf("%s", string(le))
	case errors.Is(err, lzo.ErrHighLevel):
		return applet.Errorf("high compression not compiled in")
	case errors.As(err, new(*applet.ExitError)):
		return err
	}
	return applet.Perror(err, "read error")
}

func (j *job) unpack(in io.Reader, out io.Writer) error {
	z, err := lzo.NewReader(in, !j.noSum)
	if err != nil {
		return err
	}
	_, err = z.WriteTo(cancelWriter{j.ctx, out})
	return err
}

func (j *job) pack(in io.Reader, out io.Writer) error {
	z, err := lzo.NewWriter(out, lzo.Options{Level: j.level, NoChecksum: j.noSum, CompressedChecksum: j.cSum})
	if err != nil {
		return err
	}
	buf := make([]byte, lzo.BlockSize)
	for {
		n, rerr := in.Read(buf)
		if n > 0 {
			if _, err := z.Write(buf[:n]); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return rerr
		}
		if j.ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	return z.Close()
}

// cancelWriter ends a decompression between blocks when the run is
// cancelled.
type cancelWriter struct {
	ctx *applet.Ctx
	w   io.Writer
}

func (c cancelWriter) Write(p []byte) (int, error) {
	if c.ctx.Cancelled() {
		return 0, applet.Exit(130)
	}
	return c.w.Write(p)
}
