// Package ash is the sh and ash applets: BusyBox's ash, the shell of
// shell/interp (see its package doc for what it runs where).
package ash

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/shell/interp"
)

// Applet is ash; Sh is the same shell installed as /bin/sh. Main reads
// the invocation's options itself, as ash does (BusyBox's help names the
// set options only as a group). The shell needs its process (signals,
// the terminal, exec), so it never runs inside another shell's; it runs
// pipelines' stages in several goroutines (Parallel).
var (
	Applet = applet.Applet{Name: "ash", Path: "/bin", Usage: usage, Help: help, Options: &opt.Spec{Manual: true, Short: "ilCabefmnuvxo:cs", Undocumented: "C a b e f m n u v x o"}, Parallel: true, Main: interp.Main}
	Sh     = applet.Applet{Name: "sh", Path: "/bin", Usage: usage, Help: help, Options: &opt.Spec{Manual: true, Short: "ilCabefmnuvxo:cs", Undocumented: "C a b e f m n u v x o"}, Parallel: true, Main: interp.Main}
)

const usage = "[-il] [-|+Cabefmnuvx] [-|+o OPT]... [-c 'SCRIPT' [ARG0 ARGS] | FILE ARGS | -s ARGS]"

const help = `Unix shell interpreter`
