// Package tee is the tee applet: copy stdin to stdout and to files, with
// -a (append) and -i (ignore interrupts).
package tee

import (
	"io"
	"os"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is tee's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "tee",
	Path:  "/usr/bin",
	Usage: "[-ai] [FILE]...",
	Help: `Copy stdin to each FILE, and also to stdout

	-a	Append to the given FILEs, don't overwrite
	-i	Ignore interrupt signals (SIGINT)`,
	Options: &opt.Spec{Short: "ia"},
	NoFork:  true,
	Main:    run,
}

type output struct {
	name   string
	w      io.Writer
	failed bool
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if r.Has("a") {
		flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	// In-process, -i means Ctrl-C (the context's cancellation) does not
	// stop the copy.
	ignoreInt := r.Has("i")
	status := 0
	outs := []*output{{name: "standard output", w: ctx.Stdout}}
	for _, name := range r.Args {
		if name == "-" {
			outs = append(outs, &output{name: name, w: ctx.Stdout})
			continue
		}
		// 0666 less the Ctx's umask; the kernel clears the process's
		// too, the same one in a process of its own (see internal/mode).
		f, err := os.OpenFile(ctx.Path(name), flags, 0o666&^ctx.Umask)
		if err != nil {
			ctx.Perror(err, "%s", name)
			status = 1
			continue
		}
		defer f.Close()
		outs = append(outs, &output{name: name, w: f})
	}
	buf := ctx.Buf(32 * 1024)
	var readErr error
	for ignoreInt || !ctx.Cancelled() {
		n, err := ctx.Stdin.Read(buf)
		if n > 0 {
			for _, o := range outs {
				if !o.failed {
					if _, err := o.w.Write(buf[:n]); err != nil {
						o.failed = true
					}
				}
			}
		}
		if err != nil {
			if err != io.EOF {
				readErr = err
			}
			break
		}
	}
	if readErr != nil {
		return applet.Errorf("standard input: I/O error")
	}
	for _, o := range outs {
		if o.failed {
			return applet.Errorf("%s: I/O error", o.name)
		}
	}
	return applet.Exit(status)
}
