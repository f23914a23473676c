package cpio

import (
	"errors"
	"io"
	"os"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/cpiofmt"
)

// pass copies the files named on standard input (or in -F FILE) into
// dir (-p): as BusyBox, by writing a newc archive of them into a pipe
// and extracting it there, the writer in a goroutine of its own.
func (c *cpio) pass(dir string) error {
	list := c.ctx.Stdin
	if c.o.Has("F") {
		name := c.o.Str("F")
		f, err := os.Open(c.ctx.Path(name))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", name)
		}
		defer f.Close()
		list = f
	}
	target := c.ctx.Path(dir)
	if c.o.Has("d") {
		os.Mkdir(target, 0o777&^c.ctx.Umask.Perm())
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		if err == nil {
			err = &os.PathError{Err: syscall.ENOTDIR}
		}
		return applet.Perror(errors.Unwrap(err), "can't change directory to '%s'", dir)
	}
	c.format = cpiofmt.Newc
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := c.write(list, pw)
		pw.Close()
		done <- err
	}()
	err := c.read(pr, target, c.o.Args[1:])
	// Stop the writer if the extraction ended first.
	pr.CloseWithError(readerDone{})
	werr := <-done
	if werr != nil && !errors.Is(werr, readerDone{}) {
		return werr
	}
	return err
}

// readerDone stops the writer of -p when the extraction has ended.
type readerDone struct{}

func (readerDone) Error() string { return "extraction ended" }
