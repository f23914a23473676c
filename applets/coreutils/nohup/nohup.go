// Package nohup is the nohup applet: run a command immune to hangups,
// with its output sent to a file when it would go to a terminal.
package nohup

import (
	"io"
	"os"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/run"
	"gobox/internal/termwidth"
)

// Applet is nohup's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "nohup",
	Path:    "/usr/bin",
	Usage:   "PROG ARGS",
	Help:    "Run PROG immune to hangups, with output to a non-tty",
	Options: &opt.Spec{Manual: true},
	// nohup execs PROG in its place with SIGHUP ignored, as BusyBox
	// does: that needs a process of its own.
	NoFork: false,
	Main:   main,
}

func main(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return &applet.UsageError{Code: 127}
	}
	// As BusyBox: the program runs with SIGHUP ignored (when it can
	// replace this process; see run.Options.IgnoreHangup), without a
	// terminal on stdin, and with output that would go to a terminal
	// appended to nohup.out.
	o := &run.Options{IgnoreHangup: true}
	if termwidth.IsTerminal(ctx.File(0)) {
		null, err := os.Open("/dev/null")
		if err != nil {
			return applet.PerrorCode(127, err, "can't open '/dev/null'")
		}
		defer null.Close()
		o.Stdin = null
	}
	var out io.Writer = ctx.Stdout
	if termwidth.IsTerminal(ctx.File(1)) {
		f, name, err := openOut(ctx)
		if err != nil {
			return err
		}
		defer f.Close()
		ctx.Warnf("appending output to %s", name)
		o.Stdout, out = f, f
	}
	if termwidth.IsTerminal(ctx.File(2)) {
		o.Stderr = out
	}
	return run.Command(ctx, args, o)
}

// openOut opens nohup.out for appending, in the working directory or
// else in $HOME, and returns it with the name to report. Without HOME,
// output goes to /dev/null opened for reading, so that writes fail, and
// BusyBox still reports nohup.out.
func openOut(ctx *applet.Ctx) (*os.File, string, error) {
	const flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
	// Created 0600 less ctx.Umask: the kernel also applies the process
	// umask, which is ctx.Umask's in a process of its own (see
	// internal/mode).
	perm := 0o600 &^ ctx.Umask
	name := "nohup.out"
	f, err := os.OpenFile(ctx.Path(name), flags, perm)
	if err == nil {
		return f, name, nil
	}
	home, ok := ctx.LookupEnv("HOME")
	if !ok {
		if f, err = os.Open("/dev/null"); err != nil {
			return nil, "", applet.PerrorCode(127, err, "can't open '/dev/null'")
		}
		return f, name, nil
	}
	// BusyBox's concat_path_file: no second slash after one that ends HOME.
	name = home + "/nohup.out"
	if home == "" || home[len(home)-1] == '/' {
		name = home + "nohup.out"
	}
	if f, err = os.OpenFile(ctx.Path(name), flags, perm); err != nil {
		return nil, "", applet.PerrorCode(127, err, "can't open '%s'", name)
	}
	return f, name, nil
}
