package syntax

import (
	"errors"
	"strconv"
)

// Error is a syntax error. Error() gives ash's text after the shell's
// "sh: " prefix: "line 3: syntax error: unexpected \"fi\"". A shell
// reading -c text prints Text() instead, as ash omits the line there.
type Error struct {
	Pos Pos
	Msg string // what follows "syntax error: ", e.g. `unexpected "fi"`
	// Incomplete is set when the input ended before the command did
	// (an open quote, if without fi, ...): an interactive caller reads
	// another line and tries again instead of reporting it.
	Incomplete bool
}

func (e *Error) Error() string {
	return "line " + strconv.Itoa(e.Pos.Line) + ": " + e.Text()
}

// Text is the message without the line: "syntax error: unexpected ...".
func (e *Error) Text() string { return "syntax error: " + e.Msg }

// Position returns where the error was found.
func (e *Error) Position() Pos { return e.Pos }

// IsIncomplete reports whether err is a syntax error caused only by the
// input ending too early.
func IsIncomplete(err error) bool {
	var se *Error
	return errors.As(err, &se) && se.Incomplete
}
