// Package dirname is the dirname applet: strip the last component from a
// file name.
package dirname

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is dirname's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "dirname",
	Path:    "/usr/bin",
	Usage:   "FILENAME",
	Help:    `Strip non-directory suffix from FILENAME`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

// Dir is POSIX dirname(3).
func Dir(p string) string {
	if p == "" {
		return "."
	}
	i := len(p) - 1
	for i > 0 && p[i] == '/' {
		i--
	}
	if i == 0 && p[0] == '/' {
		return "/"
	}
	for i >= 0 && p[i] != '/' {
		i--
	}
	if i < 0 {
		return "."
	}
	for i > 0 && p[i] == '/' {
		i--
	}
	return p[:i+1]
}

// run takes exactly one operand (an optional leading "--" is skipped),
// as BusyBox's single_argv does: options are not parsed.
func run(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) != 1 {
		return applet.Usage("")
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(Dir(args[0]))
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
