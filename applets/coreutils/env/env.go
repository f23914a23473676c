// Package env is the env applet: print the environment, or run a command
// in a modified one.
package env

import (
	"strings"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/run"
)

// Applet is env's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "env",
	Path:  "/usr/bin",
	Usage: "[-i0] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]",
	Help: `Print current environment or run PROG after setting up environment

	-, -i	Start with empty environment
	-0	NUL terminated output
	-u NAME	Remove variable from environment`,
	Options: &opt.Spec{
		Short:         "i0u:",
		Long:          "ignore-environment=i null=0 unset=u",
		StopAtOperand: true,
		Operands:      "-",
	},
	// env execs PROG in its place (same PID, as BusyBox does), which
	// needs a process of its own.
	NoFork: false,
	Main:   main,
}

func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	rest := o.Args
	clear := o.Has("i")
	if len(rest) > 0 && rest[0] == "-" {
		clear = true
		rest = rest[1:]
	}
	env := ctx.Environ()
	if clear {
		env = []string{}
	}
	// BusyBox unsets with putenv too, ignoring its errors ("-u =x").
	for _, name := range o.List("u") {
		env, _ = putenv(env, name)
	}
	for len(rest) > 0 && strings.Contains(rest[0], "=") {
		if env, err = putenv(env, rest[0]); err != nil {
			return applet.Perror(err, "putenv")
		}
		rest = rest[1:]
	}
	if len(rest) > 0 {
		return run.Command(ctx, rest, &run.Options{Env: env})
	}
	end := byte('\n')
	if o.Has("0") {
		end = 0
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	for _, kv := range env {
		w.WriteString(kv)
		w.WriteByte(end)
	}
	if err := w.Flush(); err != nil {
		// BusyBox's fflush_stdout_and_exit.
		return applet.Perror(err, "standard output")
	}
	return nil
}

// putenv does what musl's putenv does with kv: "NAME=VALUE" replaces
// NAME's entry in place or appends one; a bare "NAME" removes NAME; an
// empty NAME ("=x", "") is EINVAL, from musl's unsetenv.
func putenv(env []string, kv string) ([]string, error) {
	name, _, set := strings.Cut(kv, "=")
	if name == "" {
		return env, syscall.EINVAL
	}
	out := env[:0:0]
	done := false
	for _, e := range env {
		if k, _, _ := strings.Cut(e, "="); k == name {
			if set && !done {
				out = append(out, kv)
				done = true
			}
			continue
		}
		out = append(out, e)
	}
	if set && !done {
		out = append(out, kv)
	}
	return out, nil
}
