// Package echo is the echo applet: BusyBox's echo with -n, -e and -E.
package echo

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/escape"
	"gobox/internal/opt"
)

// Applet is echo's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "echo",
	Path:  "/bin",
	Usage: "[-neE] [ARG]...",
	Help: `Print the specified ARGs to stdout

	-n	No trailing newline
	-e	Interpret backslash escapes (i.e., \t=tab)
	-E	Don't interpret backslash escapes (default)`,
	Options: &opt.Spec{Short: "neE", Manual: true},
	NoFork:  true,
	// As in BusyBox (and POSIX), "echo --help" prints "--help".
	RawHelp: true,
	Main:    run,
}

// run follows BusyBox: leading arguments made only of the letters n, e and
// E are options; anything else (including "--") is printed.
func run(ctx *applet.Ctx, args []string) error {
	newline, interpret := true, false
	for len(args) > 0 {
		a := args[0]
		if len(a) < 2 || a[0] != '-' || strings.Trim(a[1:], "neE") != "" {
			break
		}
		for _, c := range a[1:] {
			switch c {
			case 'n':
				newline = false
			case 'e':
				interpret = true
			}
			// 'E' is accepted but, as in BusyBox, does not cancel an
			// earlier -e: "echo -eE 'a\tb'" interprets.
		}
		args = args[1:]
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	stop := false // "\c" ends the output, newline included
	for i, a := range args {
		if i > 0 {
			w.WriteByte(' ')
		}
		if interpret {
			var out string
			out, stop = escape.Echo(a)
			w.WriteString(out)
			if stop {
				break
			}
		} else {
			w.WriteString(a)
		}
	}
	if newline && !stop {
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
