package lineedit

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

func testPromptEnv(euid int, cwd string) *promptEnv {
	return &promptEnv{
		cwd:      func() string { return cwd },
		user:     func() (string, string) { return "root", "/root" },
		hostname: func() string { return "box.example.org" },
		now:      func() time.Time { return time.Date(2024, 5, 6, 17, 4, 9, 0, time.UTC) },
		euid:     func() int { return euid },
	}
}

// The escapes as BusyBox 1.36.1's lineedit expands them (checked
// against Alpine's ash with a PS1 whose backslashes survive ash's own
// expansion).
func TestExpandPrompt(t *testing.T) {
	for _, tc := range []struct {
		ps, cwd string
		euid    int
		want    string
	}{
		{`\u@\h:\w\$ `, "/root/src", 0, "root@box:~/src# "},
		{`\u@\H \W\$ `, "/root", 1000, "root@box.example.org ~$ "},
		{`\w|\W`, "/", 0, "/|"},
		{`\w|\W`, "/rootless", 0, "/rootless|rootless"},
		{`\w`, "", 0, "(unknown)"},
		{`\t|\T|\@|\A`, "/", 0, "17:04|17:04|17:04|17:04"},
		{`\d|\j|\!|\s|\v|\z|\D{%Y}`, "/", 0, "d|j|!|s|\v|z|D{%Y}"},
		{`\x41|\x4g|\xg|\101|\1|\0|\777|\e|\a|\n|\r|\\`, "/", 0, "A|\x04g|?g|A|\x01||?7|\x1b|\a|\n|\r|\\"},
		{`\X41|\X414|\Xg|\x`, "/", 0, "A|A4|?g|?"},
		{`\[a\]b\]c\[d`, "/", 0, "\001a\002b]c\001d"},
		{`\[\e[1m\]$ \[\e[0m\]`, "/", 0, "\001\x1b[1m\002$ \001\x1b[0m\002"},
		{`end\`, "/", 0, "end"},
		{"plain $ ", "/", 0, "plain $ "},
	} {
		if got := expandPrompt(tc.ps, testPromptEnv(tc.euid, tc.cwd)); got != tc.want {
			t.Errorf("expandPrompt(%q) = %q, want %q", tc.ps, got, tc.want)
		}
	}
}

func TestExpandPromptCwd(t *testing.T) {
	got := ExpandPrompt(`[\W]`, func(name string) string {
		if name != "PWD" {
			t.Errorf("asked for %q", name)
		}
		return "/usr/local/bin"
	})
	if got != "[bin]" {
		t.Errorf("got %q", got)
	}
}

func TestPromptWidth(t *testing.T) {
	for _, tc := range []struct {
		p     string
		bytes bool
		want  int
	}{
		{"$ ", false, 2},
		{"\001\x1b[1;32m\002user\001\x1b[0m\002$ ", false, 6},
		{"line one\n> ", false, 2},
		{"\001\n\002ab", false, 2},
		{"日本> ", false, 6},
		{"e\u0301> ", false, 3},
		{"\x1b[1m$ ", false, 6},
		{"日> ", true, 5},
		{"\xff> ", false, 3},
	} {
		if got := promptWidth(tc.p, tc.bytes); got != tc.want {
			t.Errorf("promptWidth(%q) = %d, want %d", tc.p, got, tc.want)
		}
	}
}

func TestParseWord(t *testing.T) {
	for _, tc := range []struct {
		line  string
		pos   int // -1: the end
		word  string
		start int
		kind  Kind
	}{
		{"", -1, "", 0, Command},
		{"l", -1, "l", 0, Command},
		{"  ls", -1, "ls", 2, Command},
		{"ls ", -1, "", 3, File},
		{"ls fo", -1, "fo", 3, File},
		{"ls fo bar", 5, "fo", 3, File},
		{"cd /us", -1, "/us", 3, Dir},
		{"cd a b", -1, "b", 5, File},
		{"echo x; l", -1, "l", 8, Command},
		{"a && b || c", -1, "c", 10, Command},
		{"a | gr", -1, "gr", 4, Command},
		{"cat >&2 fi", -1, "fi", 8, File},
		{"echo >f", -1, "f", 6, File},
		{"ls <in", -1, "in", 4, File},
		{"FOO=/us", -1, "/us", 4, Command},
		{`ls "my fi`, -1, "my fi", 3, File},
		{`ls 'a b' c`, -1, "c", 9, File},
		{`ls my\ fi`, -1, "my fi", 3, File},
		{`ls \"x`, -1, `"x`, 3, File},
		{`ls "a;b`, -1, "a;b", 3, File},
		{"if { c", -1, "c", 5, Command},
		{"(cd /tm", -1, "/tm", 4, Dir},
		{"echo `l", -1, "l", 6, Command},
		{"echo `ls` c", -1, "c", 10, File},
		{`ls x\`, -1, "x", 3, File},
		{"ls ~/Do", -1, "~/Do", 3, File},
	} {
		pos := tc.pos
		if pos < 0 {
			pos = len(tc.line)
		}
		w, s, k := ParseWord(tc.line, pos)
		if w != tc.word || s != tc.start || k != tc.kind {
			t.Errorf("ParseWord(%q, %d) = %q, %d, %v; want %q, %d, %v", tc.line, pos, w, s, k, tc.word, tc.start, tc.kind)
		}
	}
}

func TestMatches(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string, isDir bool) {
		p = filepath.Join(dir, p)
		if isDir {
			os.MkdirAll(p, 0o755)
			return
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o755)
	}
	mk("bin/mytool", false)
	mk("bin/mysub", true)
	mk("sbin/mkfoo", false)
	mk("mydir", true)
	mk("myfile", false)
	mk(".hidden", false)
	mk("sub/inner", false)
	mk("sub/idir", true)
	os.Symlink("nowhere", filepath.Join(dir, "mylink"))
	path := filepath.Join(dir, "bin") + ":" + filepath.Join(dir, "sbin")
	for _, tc := range []struct {
		word string
		kind Kind
		path string
		want []string
	}{
		// Commands: non-directories in $PATH, then subdirectories here.
		{"m", Command, path, []string{"mkfoo", "mydir/", "mytool"}},
		// No $PATH: files of the working directory.
		{"my", Command, "", []string{"myfile", "mylink"}},
		{"my", File, "", []string{"mydir/", "myfile", "mylink"}},
		{"my", Dir, "", []string{"mydir/"}},
		{"sub/i", File, "", []string{"sub/idir/", "sub/inner"}},
		{"sub/i", Command, path, []string{"sub/idir/", "sub/inner"}},
		{"sub/", File, "", []string{"sub/idir/", "sub/inner"}},
		{"", File, "", []string{".hidden", "bin/", "mydir/", "myfile", "mylink", "sbin/", "sub/"}},
		{".h", File, "", []string{".hidden"}},
		{dir + "/sub/in", File, "", []string{dir + "/sub/inner"}},
		{"nothere/x", File, "", nil},
		{"~r", File, "", []string{"~root/"}},
	} {
		got := Matches(tc.word, tc.kind, dir, tc.path)
		sort.Strings(got)
		if tc.word == "~r" {
			got = onlyRoot(got)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Matches(%q, %v, %q) = %q, want %q", tc.word, tc.kind, tc.path, got, tc.want)
		}
	}
}

// onlyRoot keeps ~root/, which every passwd file has, from a list of
// users starting with r.
func onlyRoot(a []string) []string {
	for _, s := range a {
		if s == "~root/" {
			return []string{s}
		}
	}
	return a
}

func TestExtendWord(t *testing.T) {
	for _, tc := range []struct {
		typed, want, more string
		q                 byte
		ok                bool
	}{
		{"ab", "abc d", `c\ d`, 0, true},
		{"", "~root/", "~root/", 0, true},
		{"x", "x$y", `\$y`, 0, true},
		{"'a", "ab$c", "b$c", '\'', true},
		{`"a`, "ab$c\"", `b\$c\"`, '"', true},
		{`a\ b`, "a bc", "c", 0, true},
		{"'a", "ab'c", "", 0, false},
		{"zz", "abc", "", 0, false},
	} {
		more, q, ok := extendWord(tc.typed, tc.want)
		if more != tc.more || q != tc.q || ok != tc.ok {
			t.Errorf("extendWord(%q, %q) = %q, %q, %v; want %q, %q, %v", tc.typed, tc.want, more, q, ok, tc.more, tc.q, tc.ok)
		}
	}
}

func TestCommonPrefix(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{
		{[]string{"abc", "abd"}, "ab"},
		{[]string{"abc"}, "abc"},
		{[]string{"x", "y"}, ""},
		{[]string{"日本", "日曜"}, "日"},
		{[]string{"ab", "abc"}, "ab"},
	} {
		if got := commonPrefix(tc.in); got != tc.want {
			t.Errorf("commonPrefix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHistorySize(t *testing.T) {
	for _, tc := range []struct {
		v    string
		set  bool
		want int
	}{
		{"", false, 8192},
		{"100", true, 100},
		{"0", true, 1},
		{"-5", true, 1},
		{"junk", true, 1},
		{"99999", true, 8192},
		{" 12abc", true, 12},
	} {
		if got := HistorySize(tc.v, tc.set); got != tc.want {
			t.Errorf("HistorySize(%q, %v) = %d, want %d", tc.v, tc.set, got, tc.want)
		}
	}
}

func TestAddHistory(t *testing.T) {
	e := New(nil, nil)
	e.MaxHistory = 3
	for _, l := range []string{"a", "", "b", "b", "c", "d", "c"} {
		e.AddHistory(l)
	}
	if got, want := e.History(), []string{"c", "d", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("History() = %q, want %q", got, want)
	}
}

func TestLoadHistory(t *testing.T) {
	dir := t.TempDir()
	hf := filepath.Join(dir, "h")
	long := strings.Repeat("x", MaxLineLen+5)
	os.WriteFile(hf, []byte("1\n\n2\n3\n"+long+"\n4"), 0o600)
	e := New(nil, nil)
	e.MaxHistory = 3
	e.AddHistory("kept?")
	if err := e.LoadHistory(hf); err != nil {
		t.Fatal(err)
	}
	want := []string{"3", long[:MaxLineLen-1], "4"}
	if got := e.History(); !reflect.DeepEqual(got, want) {
		t.Errorf("History() = %q, want %q", got, want)
	}
	// A file that cannot be read leaves the history alone.
	if err := e.LoadHistory(filepath.Join(dir, "none")); err == nil {
		t.Error("no error for a missing file")
	}
	if got := e.History(); !reflect.DeepEqual(got, want) {
		t.Errorf("History() = %q after a failed load", got)
	}
}

// The history file grows a line per line entered and is cut back to the
// last MaxHistory lines once it holds more than four times that many.
func TestHistoryFileTrim(t *testing.T) {
	dir := t.TempDir()
	hf := filepath.Join(dir, "h")
	e := New(nil, nil)
	e.MaxHistory = 2
	e.HistFile = hf
	var lines []string
	for i := 1; i <= 9; i++ {
		e.AddHistory(fmt.Sprint("cmd", i))
		b, _ := os.ReadFile(hf)
		lines = append(lines, strings.ReplaceAll(strings.TrimSuffix(string(b), "\n"), "\n", ","))
	}
	want := []string{
		"cmd1", "cmd1,cmd2", "cmd1,cmd2,cmd3", "cmd1,cmd2,cmd3,cmd4",
		"cmd1,cmd2,cmd3,cmd4,cmd5", "cmd1,cmd2,cmd3,cmd4,cmd5,cmd6",
		"cmd1,cmd2,cmd3,cmd4,cmd5,cmd6,cmd7", "cmd1,cmd2,cmd3,cmd4,cmd5,cmd6,cmd7,cmd8",
		"cmd8,cmd9",
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("file after each line:\n%q\nwant\n%q", lines, want)
	}
	if st, err := os.Stat(hf); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, %v", st.Mode(), err)
	}
}

func TestSaveHistory(t *testing.T) {
	dir := t.TempDir()
	e := New(nil, nil)
	e.AddHistory("one")
	e.AddHistory("two")
	p := filepath.Join(dir, "h")
	if err := e.SaveHistory(p); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "one\ntwo\n" {
		t.Errorf("saved %q", b)
	}
	if err := e.SaveHistory(filepath.Join(dir, "no", "h")); err == nil {
		t.Error("no error for a directory that does not exist")
	}
}

func TestQuoteWord(t *testing.T) {
	for in, want := range map[string]string{
		"plain":       "plain",
		"a b":         `a\ b`,
		"~user/x y":   `~user/x\ y`,
		"a~b":         `a\~b`,
		`*?[{()&;|<>`: `\*\?\[\{\(\)\&\;\|\<\>`,
		"#$`'\"\\":    "\\#\\$\\`\\'\\\"\\\\",
		"a=b,c:d%":    "a=b,c:d%",
	} {
		if got := quoteWord(in); got != want {
			t.Errorf("quoteWord(%q) = %q, want %q", in, got, want)
		}
	}
}
