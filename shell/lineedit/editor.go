// Package lineedit is the interactive shell's line editor: BusyBox's
// libbb/lineedit.c as Alpine 3.20 configures it (FEATURE_EDITING with a
// 2048-character line, vi mode, 8192 lines of history saved line by line,
// reverse search, tab completion, fancy prompt, SIGWINCH, asking the
// terminal where the cursor is, and Unicode with wide and combining
// characters).
//
// For the same keys on a terminal of the same width, the editor writes
// the bytes Alpine's ash writes, so a user sees the same thing. It
// differs on purpose in a few places: Ctrl-T transposes and Ctrl-Y puts
// back the text last killed (BusyBox ignores both keys); the width of a
// wide character in the prompt counts as its columns (BusyBox counts
// one); tab completion keeps a word's quoting and closes a quote it
// completes (BusyBox appends after an open quote); vi's r works on any
// character and does nothing at the end of the line; a cursor-position
// report followed at once by typed keys does not lose the keys.
//
// A shell uses it this way: New(stdin, stdout) once; set HistFile (HISTFILE
// or ~/.ash_history), MaxHistory (HistorySize of HISTFILESIZE), Complete
// (ParseWord and Matches, plus builtins, functions and applets for a
// Command word), Bytes (not wcwidth.UTF8: LANG=C), Getenv, and before each
// line ViMode and Timeout (TMOUT); then ReadLine(ExpandPrompt(ps, get))
// for each line. ReadLine adds each line entered to the history itself.
//
// The editor works on *os.File values: it needs the descriptor for
// termios, poll and the window size. It changes the terminal only while
// ReadLine runs, and takes SIGWINCH (with os/signal, alongside any other
// subscriber) only for that time.
package lineedit

import (
	"errors"
	"io"
	"os"
	"time"
)

// MaxLineLen is CONFIG_FEATURE_EDITING_MAX_LEN: a line holds at most
// MaxLineLen-2 characters (room for the newline and the NUL in C).
const MaxLineLen = 2048

// ErrInterrupted is returned by ReadLine when the user types the terminal's
// interrupt character (Ctrl-C). The editor has written "^C" and a newline
// at the cursor, as Alpine's ash does on its standard output (ash then
// writes one more newline on stderr as it handles the SIGINT this stands
// for, which is the caller's to do).
var ErrInterrupted = errors.New("interrupted")

// ErrTimeout is returned by ReadLine when Timeout passed with no key
// pressed (ash's TMOUT idle timeout).
var ErrTimeout = errors.New("timed out waiting for input")

// Editor reads lines from a terminal with editing and history. Set its
// exported fields before calling ReadLine; an Editor is not safe for
// concurrent use.
type Editor struct {
	// Complete is called on Tab with the line and the cursor's byte offset
	// in it. It returns the words that may replace line[start:pos], not
	// quoted, directories with a trailing slash (ParseWord and Matches do
	// what BusyBox does for commands, directories and files). The editor
	// inserts their longest common prefix, quoted, and lists them on a
	// second Tab. Nil: Tab does nothing.
	Complete func(line string, pos int) (cands []string, start int)

	// HistFile, when set, is where history lives: ReadLine loads it when
	// the history is empty, and each line remembered is appended to it at
	// once (BusyBox's FEATURE_EDITING_SAVEHISTORY without SAVE_ON_EXIT), the
	// file being trimmed when it grows past four times MaxHistory lines.
	HistFile string

	// MaxHistory is how many lines the history keeps (HISTFILESIZE, see
	// HistorySize); 0 means the default, 8192.
	MaxHistory int

	// ViMode selects vi editing (set -o vi) instead of emacs keys.
	ViMode bool

	// Bytes makes one byte one character, for a locale that is not UTF-8
	// (LANG=C); the default treats input and output as UTF-8.
	Bytes bool

	// Timeout, when positive, makes ReadLine return ErrTimeout when no key
	// arrives for that long (ash's TMOUT).
	Timeout time.Duration

	// Getenv, when set, looks up COLUMNS and LINES, which override the
	// terminal's size as in BusyBox.
	Getenv func(string) (string, bool)

	in, out *os.File

	hist   []string // oldest first
	inFile int      // lines written to HistFile since it was last read

	yank    []rune // the last text deleted by a word or line kill, for Ctrl-Y
	pending []byte // key bytes read ahead of the key being handled
}

// New returns an editor that reads keys from in and draws on out
// (normally both the terminal).
func New(in, out *os.File) *Editor {
	return &Editor{in: in, out: out}
}

// ReadLine shows prompt and returns the line the user enters, without its
// newline. The prompt may hold the markers that ExpandPrompt puts around
// zero-width parts (\001 and \002). It returns io.EOF on Ctrl-D at an empty
// line (or end of input), ErrInterrupted on Ctrl-C and ErrTimeout after
// Timeout. When in is not a terminal (or echo is off but the terminal is
// in canonical mode, as BusyBox checks), it prints the prompt and reads a
// plain line. A line entered is remembered in the history, as BusyBox's
// read_line_input does.
func (e *Editor) ReadLine(prompt string) (string, error) {
	fd := int(e.in.Fd())
	orig, err := getTermios(fd)
	if err != nil || orig.Lflag&(echoFlag|icanonFlag) == icanonFlag {
		return e.readPlain(prompt)
	}
	if err := setRaw(fd, orig); err != nil {
		return e.readPlain(prompt)
	}
	defer restoreTermios(fd, orig)
	if e.HistFile != "" && len(e.hist) == 0 {
		e.loadHistory(e.HistFile)
	}
	s := newSession(e, orig)
	return s.run(prompt)
}

// readPlain is BusyBox's fallback when the terminal cannot be edited on:
// print the prompt, read one line. It reads one byte at a time from a
// descriptor that cannot seek, so that nothing after the line is taken
// from a command that reads the same input next, and a block at a time
// (seeking back) from one that can.
func (e *Editor) readPlain(prompt string) (string, error) {
	if p := stripMarkers(prompt); p != "" {
		if _, err := io.WriteString(e.out, p); err != nil {
			return "", err
		}
	}
	line, err := readLineFrom(e.in)
	if err != nil {
		return "", err
	}
	return line, nil
}
