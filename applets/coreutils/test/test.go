// Package test is the test, [ and [[ applets: BusyBox's test, evaluated
// by internal/testexpr.
package test

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/termwidth"
	"gobox/internal/testexpr"
)

// The test, [ and [[ entries in gobox's applet table (applets/all).
// POSIX wants "test --help" to be an operand, so all three take it raw, as
// BusyBox 1.36 does ("[ --help" is "[: missing ]").
var (
	Applet        = applet.Applet{Name: "test", Path: "/usr/bin", Usage: "EXPRESSION", Help: usage, Options: &opt.Spec{Manual: true}, RawHelp: true, NoFork: true, Main: run}
	Bracket       = applet.Applet{Name: "[", Path: "/usr/bin", Usage: "EXPRESSION ]", Help: usage, Options: &opt.Spec{Manual: true}, RawHelp: true, NoFork: true, Main: run}
	DoubleBracket = applet.Applet{Name: "[[", Path: "/usr/bin", Usage: "EXPRESSION ]]", Help: usage, Options: &opt.Spec{Manual: true}, RawHelp: true, NoFork: true, Main: run}
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

// isatty answers -t FD for the descriptor as the applet sees it
// (ctx.File): the shell's redirections, or the process's own descriptors
// when it runs as a process of its own.
func isatty(ctx *applet.Ctx, fd int) bool {
	if fd < 0 {
		return false
	}
	return termwidth.IsTerminal(ctx.File(fd))
}
