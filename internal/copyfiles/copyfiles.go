// Package copyfiles is BusyBox's bb_cat: files copied to standard output
// one after another, "-" meaning standard input. less and more fall back
// to it when their output is not a terminal.
package copyfiles

import (
	"errors"
	"io"
	"os"

	"gobox/internal/applet"
	"gobox/internal/fastcopy"
)

// Cat copies files (stdin when there are none) to ctx's standard output.
// A file that cannot be opened or read is reported and the others are
// still copied (status 1); a write error ends it, and cancellation gives
// status 130.
func Cat(ctx *applet.Ctx, files []string) error {
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := io.Writer(ctx.Stdout)
	if f := ctx.File(1); f != nil {
		out = f
	}
	var c fastcopy.Copier
	status := 0
	for _, name := range files {
		var in io.Reader = ctx.Stdin
		var f *os.File
		if name == "-" {
			if f0 := ctx.File(0); f0 != nil {
				in = f0
			}
		} else {
			var err error
			if f, err = os.Open(ctx.Path(name)); err != nil {
				ctx.Perror(err, "can't open '%s'", name)
				status = 1
				continue
			}
			in = f
		}
		_, err := c.Copy(ctx, out, in)
		if f != nil {
			f.Close()
		}
		var we *fastcopy.WriteError
		var re *fastcopy.ReadError
		switch {
		case errors.As(err, &we):
			return applet.Perror(we.Err, "write error")
		case errors.As(err, &re):
			ctx.Perror(re.Err, "read error")
			status = 1
		case err != nil:
			return applet.Exit(130) // cancelled
		}
	}
	return applet.Exit(status)
}
