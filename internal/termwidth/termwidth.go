// Package termwidth finds the width of the terminal an applet writes to,
// the way BusyBox's get_terminal_width does: $COLUMNS wins when set, then
// the TIOCGWINSZ size of a terminal, then 80.
package termwidth

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// Default is the width used when nothing better is known.
const Default = 80

// fder is what *os.File offers (and what wrappers of it may offer).
type fder interface{ Fd() uintptr }

// IsTerminal reports whether f (an io.Reader or io.Writer, typically
// ctx.Stdout) is an *os.File, or has an Fd method, open on a terminal.
func IsTerminal(f any) bool {
	fd, ok := fdOf(f)
	return ok && IsTerminalFD(fd)
}

// IsTerminalFD is isatty(fd): whether the process's descriptor fd is open
// on a terminal.
func IsTerminalFD(fd int) bool {
	if fd < 0 || int64(fd) != int64(int32(fd)) {
		return false
	}
	_, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	return err == nil
}

func fdOf(f any) (int, bool) {
	switch v := f.(type) {
	case *os.File:
		if v == nil {
			return 0, false
		}
		return int(v.Fd()), true
	case fder:
		return int(v.Fd()), true
	}
	return 0, false
}

// Size returns the terminal's width and height from the window size of f,
// overridden by COLUMNS and LINES (looked up with getenv, normally
// ctx.LookupEnv). Values that are missing, not above 1 or not below 30000
// fall back to 80 columns and 24 lines, as in BusyBox.
func Size(getenv func(string) (string, bool), f any) (width, height int) {
	var ws *unix.Winsize
	if fd, ok := fdOf(f); ok {
		if w, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ); err == nil {
			ws = w
		}
	}
	col, row := 0, 0
	if ws != nil {
		col, row = int(ws.Col), int(ws.Row)
	}
	return helper(getenv, "COLUMNS", col, Default), helper(getenv, "LINES", row, 24)
}

// Width is Size's width.
func Width(getenv func(string) (string, bool), f any) int {
	w, _ := Size(getenv, f)
	return w
}

func helper(getenv func(string) (string, bool), name string, val, def int) int {
	if getenv != nil {
		if s, ok := getenv(name); ok {
			val = atoi(s)
		}
	}
	if val <= 1 || val >= 30000 {
		return def
	}
	return val
}

// atoi is C's atoi: leading blanks, an optional sign, then digits; junk
// after them is ignored and no digits give 0.
func atoi(s string) int {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(s[i:j])
	if err != nil {
		return 0
	}
	if neg {
		n = -n
	}
	return n
}
