package lineedit

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// DefaultHistory is CONFIG_FEATURE_EDITING_HISTORY: the most lines the
// history keeps.
const DefaultHistory = 8192

// HistorySize is ash's size_from_HISTFILESIZE: the history size for the
// value of HISTFILESIZE (set reports whether it is set). Unset gives
// DefaultHistory; a value that is not a positive number gives 1; values
// are capped at DefaultHistory.
func HistorySize(value string, set bool) int {
	if !set {
		return DefaultHistory
	}
	n := atoi(value)
	if n <= 0 {
		return 1
	}
	if n > DefaultHistory {
		return DefaultHistory
	}
	return n
}

// atoi is C's atoi: leading blanks, a sign, digits, junk ignored.
func atoi(s string) int {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 10 {
		i++
	}
	n, _ := strconv.Atoi(s[:i])
	if neg {
		return -n
	}
	return n
}

func (e *Editor) maxHistory() int {
	if e.MaxHistory <= 0 {
		return DefaultHistory
	}
	return e.MaxHistory
}

// History returns the lines of the history, oldest first (what ash's
// history builtin lists).
func (e *Editor) History() []string {
	return append([]string(nil), e.hist...)
}

// AddHistory remembers line as BusyBox's remember_in_history does: not
// an empty line, not the same line twice in a row, the oldest line
// dropped when the history is full; and with HistFile set, the line is
// appended to the file at once. ReadLine calls it for each line entered.
func (e *Editor) AddHistory(line string) {
	if line == "" {
		return
	}
	if n := len(e.hist); n > 0 && e.hist[n-1] == line {
		return
	}
	if max := e.maxHistory(); len(e.hist) >= max {
		e.hist = append(e.hist[:0], e.hist[len(e.hist)-max+1:]...)
	}
	e.hist = append(e.hist, line)
	if e.HistFile != "" {
		e.appendHistory(line)
	}
}

// appendHistory adds line to HistFile in one write (so that shells
// sharing the file do not mix their lines), and rewrites the file with
// its last MaxHistory lines once it holds four times that many.
func (e *Editor) appendHistory(line string) {
	f, err := os.OpenFile(e.HistFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	_, err = f.WriteString(line + "\n")
	f.Close()
	if err != nil {
		return
	}
	e.inFile++
	if e.inFile <= e.maxHistory()*4 {
		return
	}
	// Other shells may have added lines meanwhile: trim what the file
	// holds, not what this shell remembers.
	lines, _, err := readHistory(e.HistFile, e.maxHistory())
	if err != nil {
		return
	}
	if writeHistory(e.HistFile, lines) == nil {
		e.inFile = len(lines)
	}
}

// LoadHistory replaces the history with the last MaxHistory non-empty
// lines of the file at path. When the file cannot be read the history is
// left as it was and the error returned.
func (e *Editor) LoadHistory(path string) error {
	return e.loadHistory(path)
}

func (e *Editor) loadHistory(path string) error {
	lines, total, err := readHistory(path, e.maxHistory())
	if err != nil {
		return err
	}
	e.hist = lines
	e.inFile = total
	return nil
}

// SaveHistory writes the whole history to path, replacing the file
// atomically (a temporary file renamed over it), mode 0600.
func (e *Editor) SaveHistory(path string) error {
	return writeHistory(path, e.hist)
}

// readHistory returns the last max non-empty lines of the file at path,
// each cut to MaxLineLen-1 bytes, and how many non-empty lines it has.
func readHistory(path string, max int) ([]string, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	ring := make([]string, 0, min(max, 256))
	start, total := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		if len(line) >= MaxLineLen {
			line = line[:MaxLineLen-1]
		}
		total++
		if len(ring) < max {
			ring = append(ring, line)
			continue
		}
		ring[start] = line
		start = (start + 1) % max
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	return append(ring[start:len(ring):len(ring)], ring[:start]...), total, nil
}

// writeHistory writes lines to path through "path.PID.new" and a rename,
// as BusyBox does when it trims the file.
func writeHistory(path string, lines []string) error {
	tmp := path + "." + strconv.Itoa(os.Getpid()) + ".new"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// previousHistory and nextHistory move through the history, keeping the
// edits made to the line being left (BusyBox edits its history in place
// this way); they beep at either end.
func (s *session) previousHistory() bool {
	if s.histCur > 0 {
		s.saveHistoryLine()
		s.histCur--
		return true
	}
	s.beep()
	return false
}

func (s *session) nextHistory() bool {
	if s.histCur < len(s.e.hist) {
		s.saveHistoryLine()
		s.histCur++
		return true
	}
	s.beep()
	return false
}

func (s *session) saveHistoryLine() {
	if len(s.buf) == 0 {
		return
	}
	if s.histCur < len(s.e.hist) {
		s.e.hist[s.histCur] = s.line()
	} else {
		s.scratch = s.line()
	}
}

// rewriteLine shows the history line selected, the cursor at its end
// (at its start in vi mode).
func (s *session) rewriteLine() {
	text := s.scratch
	if s.histCur < len(s.e.hist) {
		text = s.e.hist[s.histCur]
	}
	s.buf = s.e.decode(text)
	back := 0
	if s.e.ViMode {
		back = len(s.buf)
	}
	s.redraw(s.y, back)
}
