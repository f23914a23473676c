// Package console is the terminal side of the file commands (cp, mv,
// rm, install): a buffered standard output whose messages and prompts on
// standard error come out in order, and BusyBox's yes/no question.
package console

import (
	"bufio"
	"io"

	"gobox/internal/applet"
)

// Console is a command's buffered standard output with the Warnf,
// Perror and Prompt hooks the file-tree libraries take: each flushes Out
// first, so that messages and listed names come out in order.
type Console struct {
	Out *bufio.Writer
	ctx *applet.Ctx
}

// New buffers ctx's standard output; Flush it before returning.
func New(ctx *applet.Ctx) *Console {
	return &Console{Out: bufio.NewWriter(ctx.Stdout), ctx: ctx}
}

// Warnf prints "name: msg" on standard error after flushing Out.
func (c *Console) Warnf(format string, args ...any) {
	c.Out.Flush()
	c.ctx.Warnf(format, args...)
}

// Perror prints "name: msg: strerror" on standard error after flushing
// Out (BusyBox's bb_perror_msg).
func (c *Console) Perror(err error, format string, args ...any) {
	c.Out.Flush()
	c.ctx.Perror(err, format, args...)
}

// Prompt writes p to standard error and reads a yes/no answer from
// standard input (bb_ask_y_confirmation).
func (c *Console) Prompt(p string) bool {
	c.Out.Flush()
	io.WriteString(c.ctx.Stderr, p)
	return AskYes(c.ctx.Stdin)
}

// Flush writes out what is buffered.
func (c *Console) Flush() error { return c.Out.Flush() }

// AskYes reads one line from r, a byte at a time so that later prompts
// get the following lines, and reports whether its first non-blank
// character is 'y' or 'Y' (bb_ask_y_confirmation).
func AskYes(r io.Reader) bool {
	var first byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 0 {
			if err != nil {
				break
			}
			continue
		}
		if b[0] == '\n' {
			break
		}
		if first == 0 && b[0] != ' ' && b[0] != '\t' {
			first = b[0] | 0x20
		}
	}
	return first == 'y'
}
