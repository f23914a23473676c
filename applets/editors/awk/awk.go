// Package awk is the awk applet: BusyBox 1.36's awk (editors/awk.c)
// as Alpine builds it, with its GNU extensions (-e, the bit functions,
// gensub, systime, strftime, mktime, nextfile, IGNORECASE, regular
// expression RS) and math functions. The language is package
// internal/awk; this is its command line.
package awk

import (
	"errors"
	"io"
	"os"

	"gobox/internal/applet"
	"gobox/internal/awk"
	"gobox/internal/opt"
)

// Applet is awk's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "awk",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [AWK_PROGRAM] [FILE]...",
	Help: `	-v VAR=VAL	Set variable
	-F SEP		Use SEP as field separator
	-f FILE		Read program from FILE
	-e AWK_PROGRAM`,
	Options: &opt.Spec{Short: "F:v:f:e:W:", StopAtOperand: true, Undocumented: "W"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if o.Has("W") {
		ctx.Warnf("warning: option -W is ignored")
	}
	cfg := &awk.Config{
		Context: ctx.Context,
		Stdin:   ctx.Stdin,
		Stdout:  ctx.Stdout,
		Stderr:  ctx.Stderr,
		Dir:     ctx.Dir,
		Env:     ctx.Environ(),
		Umask:   ctx.Umask,
		// Pooled: "... | awk '{print $2}'" in a script's loop makes
		// no new 64 KB buffers each time.
		Buf:       ctx.Buf,
		BufWriter: ctx.BufWriter,
	}
	// Commands write to the files behind the streams themselves.
	if f := ctx.File(0); f != nil {
		cfg.CmdStdin = f
	}
	if f := ctx.File(1); f != nil {
		cfg.CmdStdout = f
	}
	if f := ctx.File(2); f != nil {
		cfg.CmdStderr = f
	}
	if o.Has("F") {
		cfg.FS, cfg.FSSet = awk.Unescape(o.Str("F")), true
	}
	for _, a := range o.List("v") {
		if !awk.IsAssignment(a) {
			return applet.Usage("")
		}
		cfg.Assigns = append(cfg.Assigns, a)
	}
	var srcs []awk.Source
	for _, name := range o.List("f") {
		text, err := readProgram(ctx, name)
		if err != nil {
			return err
		}
		srcs = append(srcs, awk.Source{Name: name, Text: text})
	}
	for _, e := range o.List("e") {
		srcs = append(srcs, awk.Source{Name: "cmd. line", Text: e})
	}
	operands := o.Args
	if !o.Has("f") && !o.Has("e") {
		if len(operands) == 0 {
			return applet.Usage("")
		}
		srcs = append(srcs, awk.Source{Name: "cmd. line", Text: operands[0]})
		operands = operands[1:]
	}
	prog, err := awk.Parse(srcs)
	if err != nil {
		return awkError(err)
	}
	cfg.Args = operands
	status, err := prog.Run(cfg)
	switch {
	case err == nil:
		return applet.Exit(status)
	case awk.IsCancelled(err):
		return applet.Exit(130)
	}
	return awkError(err)
}

// awkError words an error of the program: an awk.Error is in BusyBox's
// words already ("cmd. line:1: Unexpected token"); anything else is an
// output error (EPIPE, which the runtime turns into status 141).
func awkError(err error) error {
	var ae *awk.Error
	if errors.As(err, &ae) {
		return applet.Errorf("%s", ae.Msg)
	}
	return applet.Perror(err, "write error")
}

// readProgram reads a -f file ("-" is standard input).
func readProgram(ctx *applet.Ctx, name string) (string, error) {
	var r io.Reader = ctx.Stdin
	if name != "-" {
		f, err := os.Open(ctx.Path(name))
		if err != nil {
			return "", applet.Perror(err, "can't open '%s'", name)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return "", applet.Perror(err, "read error")
	}
	return string(b), nil
}
