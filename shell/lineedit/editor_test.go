package lineedit

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

type step struct{ keys, out string }

// The bytes each key draws are those Alpine 3.20's ash (BusyBox 1.36.1)
// draws for the same keys on a terminal of the same width (recorded
// through a pty), except where a comment says otherwise.
var keyTests = []struct {
	name  string
	cols  int
	hist  []string
	vi    bool
	steps []step
	line  string
	err   error
}{
	{
		name:  "type and enter",
		steps: []step{{"echo hi", "echo hi"}, {"\r", "\r\n"}},
		line:  "echo hi",
	},
	{
		name:  "newline key",
		steps: []step{{"ls\n", "ls\r\n"}},
		line:  "ls",
	},
	{
		name: "insert at start, end, backspace",
		steps: []step{
			{"ab\x01X", "ab\b\bXab\b\b"},
			{"\x05\x08\x08", "ab\b\x1b[J\b\x1b[J"},
			{"\r", "\r\n"},
		},
		line: "X",
	},
	{
		name: "DEL is backspace too",
		steps: []step{
			{"abc\x7f", "abc\b\x1b[J"},
			{"\r", "\r\n"},
		},
		line: "ab",
	},
	{
		name: "wrapping at 20 columns",
		cols: 20,
		steps: []step{
			{"echo 0123456789abcdefghij", "echo 0123456789abc\r\r\ndefghij"},
			{"\x01", "\r\x1b[1A$ "},
			{"\x05", "echo 0123456789abc\r\r\ndefghij"},
			{"\x02\x02\x02", "\b\b\b"},
			{"X", "Xhij\b\b\b"},
			{"\x15", "\x1b[1A\r$ hij\x1b[J\b\b\b"},
			{"\r", "hij\r\n"},
		},
		line: "hij",
	},
	{
		name:  "ctrl-c",
		steps: []step{{"ab", "ab"}, {"\x03", "^C\r\n"}},
		err:   ErrInterrupted,
	},
	{
		name:  "ctrl-d at an empty line",
		steps: []step{{"\x04", ""}},
		err:   io.EOF,
	},
	{
		name: "ctrl-d deletes",
		steps: []step{
			{"ab\x01\x04", "ab\b\bb\x1b[J\b"},
			{"\r", "b\r\n"},
		},
		line: "b",
	},
	{
		name: "history up and down",
		hist: []string{"echo one", "echo two"},
		steps: []step{
			{"\x1b[A", "\r$ echo two\x1b[J"},
			{"\x1b[A", "\r$ echo one\x1b[J"},
			{"\x1b[A", "\a\a"},
			{"\x1b[B", "\r$ echo two\x1b[J"},
			{"\x1b[B", "\r$ \x1b[J"},
			{"\x1b[B", "\a"},
			{"abc", "abc"},
			{"\x10", "\r$ echo two\x1b[J"},
			{"\x0e", "\r$ abc\x1b[J"},
			{"\r", "\r\n"},
		},
		line: "abc",
	},
	{
		name: "clear screen, home and end keys",
		steps: []step{
			{"abc", "abc"},
			{"\x0c", "\x1b[H\x1b[J\r$ abc\x1b[J"},
			{"\x1b[1~", "\b\b\b"},
			{"\x1b[4~", "abc"},
			{"\x1b[H", "\b\b\b"},
			{"\x1b[F", "abc"},
			{"\x1bOH", "\b\b\b"},
			{"\x1bOF", "abc"},
			{"\x1b[7~", "\b\b\b"},
			{"\x1b[8~", "abc"},
			{"\x1b[2~\x1b[5~\x1b[6~\x1b[1;2A", ""},
			{"\x01\x1b[3~", "\b\b\bbc\x1b[J\b\b"},
			{"\x1b[1;5C", "bc"},
			{"\x1b[1;5D", "\b\b"},
			{"\x1bOC", "b"},
			{"\x1bOD", "\b"},
			{"\x1b[C", "b"},
			{"\x1b[D", "\b"},
			{"\r", "bc\r\n"},
		},
		line: "bc",
	},
	{
		name: "words",
		steps: []step{
			{"abc def", "abc def"},
			{"\x02\x02\x0b", "\b\b\x1b[J"},
			{"\x1bb", "\b"},
			{"\x1bf", "d"},
			{"\x1bd", ""},
			{"\x17", "\b\x1b[J"},
			{"\x17", "\b\x1b[J\b\x1b[J\b\x1b[J\b\x1b[J"},
			{"\r", "\r\n"},
		},
		line: "",
	},
	{
		name: "alt-d and alt-backspace",
		steps: []step{
			{"one two.three", "one two.three"},
			{"\x01\x1bd", "\x1b[13Done\b\b\bne two.three\x1b[J\x1b[12De two.three\x1b[J\x1b[11D two.three\x1b[J\x1b[10D"},
			{"\x1bf\x1bf", " two.three"},
			{"\x1b\x7f", "\b\b\b\b\bhree\x1b[J\b\b\b\bree\x1b[J\b\b\bee\x1b[J\b\be\x1b[J\b\x1b[J"},
			// Not in BusyBox: Ctrl-Y puts back what Alt-Backspace took.
			{"\x19", "three"},
			{"\r", "\r\n"},
		},
		line: " two.three",
	},
	{
		name: "reverse search",
		hist: []string{"echo one", "echo two", "ls x"},
		steps: []step{
			{"\x12", "\r(reverse-i-search)'': \x1b[J"},
			{"o", "\r(reverse-i-search)'o': echo two\x1b[J\x1b[5D"},
			{"n", "\r(reverse-i-search)'on': echo one\x1b[J\b\b\b"},
			{"\x12", "\a"},
			{"\x08", "\r(reverse-i-search)'o': echo one\x1b[J\x1b[5D"},
			{"\x12", "\a"},
			{"zz", "\a\a"},
			{"\x06", "\r$ echo one\x1b[J\x1b[5Do"},
			{"\r", " one\r\n"},
		},
		line: "echo one",
	},
	{
		name: "reverse search ended by enter",
		hist: []string{"make test", "ls"},
		steps: []step{
			{"\x12", "\r(reverse-i-search)'': \x1b[J"},
			{"m", "\r(reverse-i-search)'m': make test\x1b[J\x1b[9D"},
			{"\r", "\r$ make test\x1b[J\x1b[9Dmake test\r\n"},
		},
		line: "make test",
	},
	{
		name: "wide and combining characters at 10 columns",
		cols: 10,
		steps: []step{
			{"日本語日", "日本語日\r\r\n"},
			{"x", "x"},
			{"\x01", "\r\x1b[1A$ "},
			{"\x05", "日本語日\r\r\nx"},
			{"\x02\x02", "\b\r\x1b[1A$ 日本語"},
			{"\x08", "\b\b日x\x1b[J\b\b\b"},
			{"e\u0301", "e日x\r\r\n\r\x1b[1A$ 日本e\u0301日x\r\r\n\r\x1b[1A$ 日本e\u0301"},
			// Left over a combining character moves no column.
			{"\x02", ""},
			// The line ends at the margin: Enter writes no newline.
			{"\x05\r", "\u0301日x\r\r\n"},
		},
		line: "日本e\u0301日x",
	},
	{
		name: "a wide character that does not fit goes to the next line",
		cols: 10,
		steps: []step{
			{"abcdefg日", "abcdefg\r\r\n日"},
			{"\x01", "\r\x1b[1A$ "},
			{"\x05", "abcdefg\r\r\n日"},
			{"\x08", "\b\b\x1b[J"},
			{"xy", "xy"},
			{"\r", "\r\n"},
		},
		line: "abcdefgxy",
	},
	{
		name:  "ctrl-c in the middle of the line",
		steps: []step{{"abcdef\x02\x02\x02", "abcdef\b\b\b"}, {"\x03", "^C\r\n"}},
		err:   ErrInterrupted,
	},
	{
		name: "vi mode",
		vi:   true,
		steps: []step{
			{"echo foo bar.baz qux", "echo foo bar.baz qux"},
			{"\x1b", "\b"},
			{"b", "\b\b"},
			{"b", "\b\b\b\b"},
			{"dw", "baz \b\b\b\baz qux\x1b[J\x1b[6Dz qux\x1b[J\x1b[5D qux\x1b[J\b\b\b\bqux\x1b[J\b\b\b"},
			{"x", "ux\x1b[J\b\b"},
			{"p", "uqx\b\b"},
			{"P", "qqx\b\b\b"},
			{"0", "\x1b[14D"},
			{"w", "echo "},
			{"cw", "foo\b\b\boo bar.uqqx\x1b[J\x1b[11Do bar.uqqx\x1b[J\x1b[10D bar.uqqx\x1b[J\x1b[9D"},
			{"ZZ", "Z bar.uqqx\x1b[9DZ bar.uqqx\x1b[9D"},
			{"\x1b", "\b"},
			{"$", "Z bar.uqqx"},
			{"A", ""},
			{"!", "!"},
			{"\x1b", "\b"},
			{"0", "\x1b[16D"},
			{"D", "cho ZZ bar.uqqx!\x1b[J\x1b[16Dho ZZ bar.uqqx!\x1b[J\x1b[15Do ZZ bar.uqqx!\x1b[J\x1b[14D ZZ bar.uqqx!\x1b[J\x1b[13DZZ bar.uqqx!\x1b[J\x1b[12DZ bar.uqqx!\x1b[J\x1b[11D bar.uqqx!\x1b[J\x1b[10Dbar.uqqx!\x1b[J\x1b[9Dar.uqqx!\x1b[J\x1b[8Dr.uqqx!\x1b[J\x1b[7D.uqqx!\x1b[J\x1b[6Duqqx!\x1b[J\x1b[5Dqqx!\x1b[J\b\b\b\bqx!\x1b[J\b\b\bx!\x1b[J\b\b!\x1b[J\b\x1b[J"},
			{"i", ""},
			{"hi", "hi"},
			{"\x1b", "\b"},
			{"X", "\bi\x1b[J\b"},
			{"I", ""},
			{">", ">i\b"},
			{"\x1b", "\b"},
			{"lrY", ">Y\b"},
			{"\r", "Y\r\n"},
		},
		line: ">Y",
	},
	{
		// BusyBox ignores Ctrl-T and Ctrl-Y; here they transpose and
		// yank as readline does.
		name: "ctrl-t and ctrl-y",
		steps: []step{
			{"abcd", "abcd"},
			{"\x14", "\b\bdc\x1b[J"},
			{"\x02\x02\x14", "\b\b\bdbc\x1b[J\b"},
			{"\x0b", "\x1b[J"},
			{"\x19", "c"},
			{"\x05\x17", "\b\x1b[J\b\x1b[J\b\x1b[J\b\x1b[J"},
			{"\x19\x19", "adbcadbc"},
			{"\r", "\r\n"},
		},
		line: "adbcadbc",
	},
	{
		name: "an invalid byte is shown as ? and kept",
		steps: []step{
			{"a\xffb", "a?b"},
			{"\r", "\r\n"},
		},
		line: "a\xffb",
	},
	{
		name: "unknown escape sequences are dropped",
		steps: []step{
			{"a\x1b[99~\x1b[1;7Q\x1bOZb", "ab"},
			{"\r", "\r\n"},
		},
		line: "ab",
	},
	{
		// BusyBox drops keys typed right after the terminal's answer to
		// ESC[6n, reading them as part of it.
		name: "keys right after a cursor report",
		steps: []step{
			{"\x1b[1;3Rab", "ab"},
			{"\r", "\r\n"},
		},
		line: "ab",
	},
	{
		name: "alt-x is ESC then x",
		steps: []step{
			{"a\x1b.", "a."},
			{"\r", "\r\n"},
		},
		line: "a.",
	},
}

func TestKeys(t *testing.T) {
	for _, tc := range keyTests {
		t.Run(tc.name, func(t *testing.T) {
			cols := tc.cols
			if cols == 0 {
				cols = 80
			}
			tt := newTTY(t, cols)
			tt.ed.hist = append([]string(nil), tc.hist...)
			tt.ed.ViMode = tc.vi
			tt.start("$ ")
			tt.expect("(prompt)", "$ \x1b[6n")
			for _, s := range tc.steps {
				tt.step(s.keys, s.out)
			}
			line, err := tt.result()
			if line != tc.line || !errors.Is(err, tc.err) {
				t.Errorf("ReadLine = %q, %v; want %q, %v", line, err, tc.line, tc.err)
			}
		})
	}
}

// A line entered goes to the history (and to HISTFILE at once, as
// BusyBox without SAVE_ON_EXIT does); up brings it back next time.
func TestReadLineRemembers(t *testing.T) {
	tt := newTTY(t, 80)
	hf := filepath.Join(t.TempDir(), "hist")
	tt.ed.HistFile = hf
	for _, l := range []string{"echo one", "echo one", "", "  ls"} {
		tt.start("$ ")
		tt.until("\x1b[6n")
		tt.send(l + "\r")
		tt.until("\r\n")
		if got, err := tt.result(); got != l || err != nil {
			t.Fatalf("ReadLine = %q, %v", got, err)
		}
	}
	want := "echo one\n  ls\n"
	if b, err := os.ReadFile(hf); err != nil || string(b) != want {
		t.Errorf("history file %q, %v; want %q", b, err, want)
	}
	tt.start("$ ")
	tt.until("\x1b[6n")
	tt.step("\x1b[A\x1b[A", "\r$   ls\x1b[J\r$ echo one\x1b[J")
	tt.step("\r", "\r\n")
	if got, _ := tt.result(); got != "echo one" {
		t.Errorf("got %q", got)
	}
}

// HistFile is read on the first ReadLine when the history is empty.
func TestHistFileLoaded(t *testing.T) {
	tt := newTTY(t, 80)
	hf := filepath.Join(t.TempDir(), "hist")
	os.WriteFile(hf, []byte("old one\n\nold two\n"), 0o600)
	tt.ed.HistFile = hf
	tt.start("$ ")
	tt.until("\x1b[6n")
	tt.step("\x1b[A\x1b[A\x1b[A", "\r$ old two\x1b[J\r$ old one\x1b[J\a\a")
	tt.step("\r", "\r\n")
	if got, _ := tt.result(); got != "old one" {
		t.Errorf("got %q", got)
	}
}

// Completion through the hook: the common prefix on the first Tab, the
// list in columns on the second; a unique match gets a space (a slash
// for a directory) and special characters quoted. The bytes are
// Alpine's for the same directory.
func TestTabCompletion(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a b", "abc", "abd", "x$y"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "dir1"), 0o755)
	os.Mkdir(filepath.Join(dir, "dir2"), 0o755)
	tt := newTTY(t, 80)
	tt.ed.Complete = func(line string, pos int) ([]string, int) {
		w, start, kind := ParseWord(line, pos)
		return Matches(w, kind, dir, ""), start
	}
	tt.start("$ ")
	tt.until("\x1b[6n")
	for _, s := range []step{
		{"ls a", "ls a"},
		{"\t", "\a\r$ ls a\x1b[J"},
		{"\t", "\r\na b  abc  abd\r\n\r$ ls a\x1b[J"},
		{" d", " d"},
		{"\t", "\a\r$ ls a dir\x1b[J"},
		{"\t", "\r\ndir1/  dir2/\r\n\r$ ls a dir\x1b[J"},
		{"\x15ls x", "\r$ \x1b[Jls x"},
		{"\t", "\r$ ls x\\$y \x1b[J"},
		{"\x15ls 'a", "\r$ \x1b[Jls 'a"},
		{"\t", "\a\r$ ls 'a\x1b[J"},
		// Alpine leaves the quote open: ls 'x$y<space>.
		{"\x15ls 'x", "\r$ \x1b[Jls 'x"},
		{"\t", "\r$ ls 'x$y' \x1b[J"},
		{"\x15cd d", "\r$ \x1b[Jcd d"},
		{"\t", "\a\r$ cd dir\x1b[J"},
		{"1", "1"},
		{"\t", "\r$ cd dir1/\x1b[J"},
		// At the start of the line: the files of the directory (no
		// $PATH), more than one and no common prefix.
		{"\x01\t", "\x1b[8D\a"},
		{"\r", "cd dir1/\r\n"},
	} {
		tt.step(s.keys, s.out)
	}
	if got, err := tt.result(); got != "cd dir1/" || err != nil {
		t.Errorf("ReadLine = %q, %v", got, err)
	}
}

// The list of completions fills the terminal's width in columns, down
// then across.
func TestTabList(t *testing.T) {
	tt := newTTY(t, 30)
	tt.ed.Complete = func(line string, pos int) ([]string, int) {
		return []string{"f1", "f22", "f333", "f4444", "f55555", "f1"}, 0
	}
	tt.start("$ ")
	tt.until("\x1b[6n")
	tt.step("f\t", "f\a\r$ f\x1b[J")
	tt.step("\t", "\r\nf1      f333    f55555\r\nf22     f4444\r\n\r$ f\x1b[J")
	tt.step("\x03", "^C\r\n")
	tt.result()
}

// SIGWINCH redraws the line at the new width, where a terminal that
// reflows its lines has put it (Alpine's bytes for the same resize).
func TestResize(t *testing.T) {
	tt := newTTY(t, 20)
	tt.start("$ ")
	tt.until("\x1b[6n")
	tt.step("echo 0123456789abcdefghijklmnop", "echo 0123456789abc\r\r\ndefghijklmnop")
	tt.step("\x02\x02\x02", "\b\b\b")
	resize := func(cols int, want string) {
		t.Helper()
		if err := pty.Setsize(tt.master, &pty.Winsize{Rows: 24, Cols: uint16(cols)}); err != nil {
			t.Fatal(err)
		}
		// The pty is not the test's controlling terminal: send the
		// signal the kernel would.
		syscall.Kill(os.Getpid(), syscall.SIGWINCH)
		tt.expect("resize", want)
	}
	resize(10, "\x1b[3A\r$ echo 012\r\r\n3456789abc\r\r\ndefghijklm\r\r\nnop\x1b[J\b\b\b")
	resize(30, "\x1b[3A\r$ echo 0123456789abcdefghijklm\r\r\nnop\x1b[J\b\b\b")
	tt.step("\r", "nop\r\n")
	if got, _ := tt.result(); got != "echo 0123456789abcdefghijklmnop" {
		t.Errorf("got %q", got)
	}
}

// The terminal's answer to ESC[6n moves the editor's idea of the column
// when the prompt did not start at the left margin.
func TestCursorReport(t *testing.T) {
	tt := newTTY(t, 20)
	tt.start("$ ")
	tt.until("\x1b[6n")
	// The prompt was written at column 9 (1-based): 8 columns of earlier
	// output on the line, so 10 more characters reach the margin.
	tt.send("\x1b[5;11R")
	tt.step("0123456789", "0123456789\r\r\n")
	// At the left margin already: Enter writes no newline.
	tt.step("\r", "")
	if got, _ := tt.result(); got != "0123456789" {
		t.Errorf("got %q", got)
	}
}

// Zero-width prompt parts (\[...\] in PS1) are written but take no room;
// only the last line of the prompt is redrawn.
func TestPromptMarkers(t *testing.T) {
	tt := newTTY(t, 10)
	tt.start("top\n\001\x1b[1m\002>\001\x1b[0m\002 ")
	tt.expect("(prompt)", "top\r\n\x1b[1m>\x1b[0m \x1b[6n")
	tt.step("123456789", "12345678\r\r\n9")
	tt.step("\x01", "\r\x1b[1A\x1b[1m>\x1b[0m ")
	tt.step("\x0c", "\x1b[H\x1b[J\rtop\r\n\x1b[1m>\x1b[0m 12345678\r\r\n9\x1b[J\r\x1b[1A\x1b[1m>\x1b[0m ")
	tt.step("\r", "12345678\r\r\n9\r\n")
	tt.result()
}

// Lines stop growing at MaxLineLen-2 characters, as BusyBox's do.
func TestMaxLine(t *testing.T) {
	tt := newTTY(t, 80)
	long := make([]byte, MaxLineLen+10)
	for i := range long {
		long[i] = 'a'
	}
	tt.start("")
	tt.until("\x1b[6n")
	tt.send(string(long) + "\r")
	// Wrapped lines end "a\r\r\n", the last one "a\r\n".
	tt.until("a\r\n")
	line, _ := tt.result()
	if len(line) != MaxLineLen-2 {
		t.Errorf("line of %d bytes, want %d", len(line), MaxLineLen-2)
	}
}

// With LANG=C (Bytes), each byte is a character of one column.
func TestBytesMode(t *testing.T) {
	tt := newTTY(t, 80)
	tt.ed.Bytes = true
	tt.start("$ ")
	tt.until("\x1b[6n")
	tt.step("\xc3\xa9", "\xc3\xa9")
	tt.step("\x08", "\b\x1b[J")
	tt.step("\r", "\r\n")
	if got, _ := tt.result(); got != "\xc3" {
		t.Errorf("got %q", got)
	}
}

func TestTimeout(t *testing.T) {
	tt := newTTY(t, 80)
	tt.ed.Timeout = 1
	tt.start("$ ")
	tt.until("\x1b[6n")
	if _, err := tt.result(); err != ErrTimeout {
		t.Errorf("err = %v, want ErrTimeout", err)
	}
}

// The terminal's modes are as they were once ReadLine returns.
func TestTermiosRestored(t *testing.T) {
	tt := newTTY(t, 80)
	before, err := getTermios(int(tt.slave.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	tt.start("$ ")
	tt.until("\x1b[6n")
	tt.step("x\r", "x\r\n")
	tt.result()
	after, _ := getTermios(int(tt.slave.Fd()))
	if *before != *after {
		t.Errorf("termios changed: %+v -> %+v", before, after)
	}
}

// Off a terminal, ReadLine writes the prompt without its markers and
// reads one line, leaving the rest of the input where it was.
func TestNotATerminal(t *testing.T) {
	dir := t.TempDir()
	in, err := os.Create(filepath.Join(dir, "in"))
	if err != nil {
		t.Fatal(err)
	}
	in.WriteString("echo one\necho two\nlast")
	in.Seek(0, 0)
	out, _ := os.Create(filepath.Join(dir, "out"))
	e := New(in, out)
	for _, want := range []string{"echo one", "echo two"} {
		if got, err := e.ReadLine("\001\x1b[1m\002$ "); got != want || err != nil {
			t.Fatalf("ReadLine = %q, %v; want %q", got, err, want)
		}
	}
	if off, _ := in.Seek(0, 1); off != 18 {
		t.Errorf("offset %d after two lines, want 18", off)
	}
	if got, err := e.ReadLine("$ "); got != "last" || err != nil {
		t.Errorf("ReadLine = %q, %v; want the last line", got, err)
	}
	if _, err := e.ReadLine("$ "); err != io.EOF {
		t.Errorf("err = %v, want EOF", err)
	}
	if b, _ := os.ReadFile(out.Name()); string(b) != "\x1b[1m$ \x1b[1m$ $ $ " {
		t.Errorf("output %q", b)
	}
	if len(e.History()) != 0 {
		t.Errorf("history %q: plain reading remembers nothing", e.History())
	}
}

// From a pipe, one byte at a time: what follows the line stays in it.
func TestPipeLeavesRest(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.WriteString("one\ntwo\n")
	w.Close()
	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	defer devnull.Close()
	e := New(r, devnull)
	if got, _ := e.ReadLine(""); got != "one" {
		t.Fatalf("got %q", got)
	}
	rest, _ := io.ReadAll(r)
	if string(rest) != "two\n" {
		t.Errorf("left %q in the pipe", rest)
	}
}
