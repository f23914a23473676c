// Package test is the test, [ and [[ applets: BusyBox's test, evaluated
// by internal/testexpr.
package test

import (
	"gobox/internal/applet"
	"gobox/internal/termwidth"
	"gobox/internal/testexpr"
)

// The test, [ and [[ entries in gobox's applet table (applets/all).
// POSIX wants "test --help" to be an operand, so test takes it raw.
var (
	Applet        = applet.Applet{Name: "test", Path: "/usr/bin", Usage: "EXPRESSION", Help: usage, RawHelp: true, NoFork: true, Main: run}
	Bracket       = applet.Applet{Name: "[", Path: "/usr/bin", Usage: "EXPRESSION ]", Help: usage, NoFork: true, Main: run}
	DoubleBracket = applet.Applet{Name: "[[", Path: "/usr/bin", Usage: "EXPRESSION ]]", Help: usage, NoFork: true, Main: run}
)

const usage = `Check file types, compare values etc. Return a 0/1 exit code
depending on logical value of EXPRESSION`

func run(ctx *applet.Ctx, args []string) error {
	env := &testexpr.Env{Path: ctx.Path, IsTTY: func(fd int) bool { return isatty(ctx, fd) }}
	switch ctx.Name {
	case "[":
		if len(args) == 0 || args[len(args)-1] != "]" {
			return applet.Exitf(2, "missing ]")
		}
		args = args[:len(args)-1]
	case "[[":
		if len(args) == 0 || args[len(args)-1] != "]]" {
			return applet.Exitf(2, "missing ]]")
		}
		args = args[:len(args)-1]
		env.Bash = true
	}
	status, msg := testexpr.Eval(args, env)
	if msg != "" {
		return applet.Exitf(status, "%s", msg)
	}
	return applet.Exit(status)
}

// isatty answers -t FD: fds 0-2 are the applet's streams, others the
// process's.
func isatty(ctx *applet.Ctx, fd int) bool {
	switch fd {
	case 0:
		return termwidth.IsTerminal(ctx.Stdin)
	case 1:
		return termwidth.IsTerminal(ctx.Stdout)
	case 2:
		return termwidth.IsTerminal(ctx.Stderr)
	}
	return termwidth.IsTerminalFD(fd)
}
