// Package nohup is the nohup applet: run a command immune to hangups,
// with its output sent to a file when it would go to a terminal.
package nohup

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/run"
	"gobox/internal/termwidth"
)

// Applet is nohup's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "nohup",
	Path:  "/usr/bin",
	Usage: "PROG ARGS",
	Help:  "Run PROG immune to hangups, with output to a non-tty",
	// SIGHUP is ignored in this process so the child inherits the
	// disposition: that is process state.
	NoFork: false,
	Main:   main,
}

func main(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return &applet.UsageError{Code: 127}
	}
	o := &run.Options{}
	if termwidth.IsTerminal(ctx.Stdin) {
		null, err := os.Open("/dev/null")
		if err != nil {
			return applet.Exitf(127, "can't open '/dev/null': %s", applet.ErrText(err))
		}
		defer null.Close()
		o.Stdin = null
	}
	var out io.Writer = ctx.Stdout
	if termwidth.IsTerminal(ctx.Stdout) {
		name := "nohup.out"
		f, err := os.OpenFile(ctx.Path(name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			if home, ok := ctx.LookupEnv("HOME"); ok {
				name = home + "/nohup.out"
				if home == "" || home[len(home)-1] == '/' {
					name = home + "nohup.out"
				}
				f, err = os.OpenFile(ctx.Path(name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
				if err != nil {
					return applet.Exitf(127, "can't open '%s': %s", name, applet.ErrText(err))
				}
			} else {
				f, err = os.Open("/dev/null")
				if err != nil {
					return applet.Exitf(127, "can't open '/dev/null': %s", applet.ErrText(err))
				}
			}
		}
		defer f.Close()
		ctx.Warnf("appending output to %s", name)
		o.Stdout, out = f, f
	}
	if termwidth.IsTerminal(ctx.Stderr) {
		o.Stderr = out
	}
	signal.Ignore(syscall.SIGHUP)
	return run.Command(ctx, args, o)
}
