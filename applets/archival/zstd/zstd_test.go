package zstd

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gobox/internal/applet"
	"gobox/internal/applettest"
	"gobox/internal/codec"
)

var fixed = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

func write(t *testing.T, dir, name, data string, mode os.FileMode) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, mode)
	os.Chtimes(p, fixed, fixed)
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func files(dir string) string {
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// zst is data as one zstd frame of gobox's codec.
func zst(t *testing.T, data string) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := codec.NewZstdEncoder(&buf, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, data)
	w.Close()
	return buf.String()
}

// unzst decodes a zstd stream.
func unzst(t *testing.T, data string) string {
	t.Helper()
	r, err := codec.ByName("zstd").Reader(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding: %v", err)
	}
	return string(b)
}

func runIn(t *testing.T, a *applet.Applet, dir, stdin string, args ...string) applettest.Result {
	t.Helper()
	return applettest.Cmd{Args: args, Dir: dir, Stdin: stdin}.Run(t, a)
}

// TestMessages: what each run says and returns, in the zstd CLI's words
// (checked against Debian's zstd 1.5.4).
func TestMessages(t *testing.T) {
	hello := zst(t, "hello\n")
	big := strings.Repeat("a line of text that repeats\n", 80000)
	for _, tc := range []struct {
		name   string
		a      *applet.Applet
		args   []string
		stdin  string
		stdout string
		stderr string
		code   int
		after  string // the directory's files afterwards
	}{
		{"compress keeps the input", &Applet, []string{"a"}, "", "",
			"a                    :316.67%   (     6 B =>     19 B, a.zst) \n", 0, "a a.zst b.zst bad.zst e.zst"},
		{"quiet", &Applet, []string{"-q", "a"}, "", "", "", 0, "a a.zst b.zst bad.zst e.zst"},
		{"verbose big", &Applet, []string{"-v", "--rm", "big"}, "", "",
			"*** gobox zstd: the Zstandard format, by klauspost/compress ***\n" +
				"big                  :  0.01%   (  2.14 MiB =>    293 B, big.zst) \n", 0, "a b.zst bad.zst big.zst e.zst"},
		{"two files", &Applet, []string{"a", "big"}, "", "",
			"  2 files compressed : 0.01% (  2.14 MiB =>    312 B)\n", 0, "a a.zst b.zst bad.zst big big.zst e.zst"},
		{"exists", &Unzstd, []string{"b.zst"}, "", "",
			"zstd: b already exists; overwrite (y/n) ? Not overwritten  \n \n", 1, "a b.zst bad.zst e.zst"},
		{"exists, yes", &Unzstd, []string{"b.zst"}, "y\n", "",
			"zstd: b already exists; overwrite (y/n) ? b.zst               : 6 bytes \n", 0, "a b b.zst bad.zst e.zst"},
		{"exists, quiet", &Unzstd, []string{"-q", "b.zst"}, "", "",
			"zstd: b already exists; not overwritten  \n", 1, "a b.zst bad.zst e.zst"},
		{"decompress --rm", &Unzstd, []string{"-f", "--rm", "b.zst"}, "", "",
			"b.zst               : 6 bytes \n", 0, "a b bad.zst e.zst"},
		{"missing", &Applet, []string{"nofile"}, "", "",
			"zstd: can't stat nofile : No such file or directory -- ignored \n", 1, ""},
		{"directory", &Applet, []string{"d"}, "", "", "zstd: d is a directory -- ignored \n", 1, ""},
		{"unknown suffix", &Unzstd, []string{"a"}, "", "",
			"zstd: a: unknown suffix (.zst/.tzst expected). Can't derive the output file name. Specify it with -o dstFileName. Ignoring.\n", 1, ""},
		{"not zstd", &Applet, []string{"-t", "a"}, "", "", "zstd: a: unsupported format \n", 1, ""},
		{"test", &Applet, []string{"-t", "b.zst"}, "", "", "b.zst               : 6 bytes \n", 0, ""},
		{"test damaged", &Applet, []string{"-t", "bad.zst"}, "", "",
			"bad.zst : Decoding error (36) : Restored data doesn't match checksum \n", 1, ""},
		{"test empty", &Applet, []string{"-t", "e.zst"}, "", "", "zstd: e.zst: unexpected end of file \n", 1, ""},
		{"stdin to stdout", &Unzstd, nil, hello, "hello\n", "", 0, ""},
		{"-dc", &Applet, []string{"-dc", "b.zst", "b.zst"}, "", "hello\nhello\n", "", 0, ""},
		{"stdin truncated", &Unzstd, nil, hello[:10], "", "/*stdin*\\ : Read error (39) : premature end \n", 1, ""},
		{"stdin short", &Unzstd, nil, "ab", "", "zstd: /*stdin*\\: unknown header \n", 1, ""},
		{"zstdcat passes through", &Zstdcat, nil, "plain\n", "plain\n", "", 0, ""},
		{"zstdcat empty", &Zstdcat, nil, "", "", "zstd: /*stdin*\\: unexpected end of file \n", 1, ""},
		{"-o", &Applet, []string{"-d", "b.zst", "-o", "out"}, "", "", "b.zst               : 6 bytes \n", 0, "a b.zst bad.zst e.zst out"},
		{"-o needs a name", &Applet, []string{"a", "-o"}, "", "", "zstd: error: missing command argument\n", 1, ""},
		{"-o before an option", &Applet, []string{"-o", "-c", "a"}, "", "",
			"zstd: error: command cannot be separated from its argument by another command\n", 1, ""},
		{"level above 19", &Applet, []string{"-25", "-q", "-f", "a"}, "", "", "", 0, ""},
		{"level above 19 said", &Applet, []string{"-25", "-f", "a"}, "", "",
			"Warning : compression level higher than max, reduced to 19 \n" +
				"a                    :316.67%   (     6 B =>     19 B, a.zst) \n", 0, ""},
		{"concatenate, no", &Applet, []string{"a", "b.zst", "-o", "cat.zst"}, "n\n", "",
			"zstd: WARNING: all input files will be processed and concatenated into a single output file: cat.zst \n" +
				"The concatenated output CANNOT regenerate original file names nor directory structure. \n" +
				"Proceed? (y/n): Aborting... \n", 1, "a b.zst bad.zst e.zst"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "a", "hello\n", 0o644)
			write(t, dir, "b.zst", hello, 0o644)
			write(t, dir, "e.zst", "", 0o644)
			bad := []byte(hello)
			bad[len(bad)-1] ^= 1
			write(t, dir, "bad.zst", string(bad), 0o644)
			os.Mkdir(filepath.Join(dir, "d"), 0o755)
			if strings.Contains(tc.name, "big") || tc.name == "two files" {
				write(t, dir, "big", big, 0o644)
			}
			os.Remove(filepath.Join(dir, "d"))
			if tc.name == "directory" {
				os.Mkdir(filepath.Join(dir, "d"), 0o755)
			}
			if strings.HasPrefix(tc.name, "exists") {
				write(t, dir, "b", "old\n", 0o644)
			}
			r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, tc.a)
			if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
				t.Errorf("%s %q:\ngot  %q %q %d\nwant %q %q %d", tc.a.Name, tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
			}
			if tc.after != "" {
				want := tc.after
				if strings.HasPrefix(tc.name, "exists") && !strings.Contains(want, " b ") {
					want = strings.Replace(want, "a ", "a b ", 1) // the old b stays
				}
				if got := files(dir); got != want {
					t.Errorf("files: %s, want %s", got, want)
				}
			}
		})
	}
}

// TestFiles: outputs keep the input's mode and times, no temporary file
// is left, --rm removes the input only after success, -o with several
// inputs concatenates their frames (with -f, without asking), and a
// failed decompression leaves no output.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a", "hello\n", 0o640)
	write(t, dir, "b", "world\n", 0o600)
	runIn(t, &Applet, dir, "", "-q", "--rm", "a").Expect(t, "", 0)
	if got := files(dir); got != "a.zst b" {
		t.Fatalf("files: %s", got)
	}
	fi, _ := os.Stat(filepath.Join(dir, "a.zst"))
	if fi.Mode().Perm() != 0o640 || !fi.ModTime().Equal(fixed) {
		t.Errorf("a.zst: %v %v", fi.Mode(), fi.ModTime())
	}
	if got := unzst(t, read(t, dir, "a.zst")); got != "hello\n" {
		t.Errorf("a.zst holds %q", got)
	}
	runIn(t, &Applet, dir, "", "-qf", "a.zst", "b", "-o", "cat.zst", "-19").Expect(t, "", 0)
	if got := unzst(t, read(t, dir, "cat.zst")); got != read(t, dir, "a.zst")+"world\n" {
		// a.zst compressed again, then b: two frames, one output.
		t.Errorf("cat.zst holds %q", got)
	}
	runIn(t, &Unzstd, dir, "", "-q", "--rm", "a.zst").Expect(t, "", 0)
	fi, _ = os.Stat(filepath.Join(dir, "a"))
	if got := read(t, dir, "a"); got != "hello\n" || fi.Mode().Perm() != 0o640 || !fi.ModTime().Equal(fixed) {
		t.Errorf("a: %q %v %v", got, fi.Mode(), fi.ModTime())
	}
	good := zst(t, strings.Repeat("data ", 10000))
	write(t, dir, "t.zst", good[:len(good)-9], 0o644)
	r := runIn(t, &Unzstd, dir, "", "--rm", "t.zst")
	if r.Code != 1 || r.Stderr != "t.zst : Read error (39) : premature end \n" {
		t.Errorf("truncated: %+v", r)
	}
	if got := files(dir); got != "a b cat.zst t.zst" {
		t.Errorf("after a failure: %s", got)
	}
	// Standard input to a file gets the mode a new file gets.
	applettest.Cmd{Args: []string{"-q", "-o", "in.zst"}, Dir: dir, Stdin: "x"}.Run(t, &Applet).Expect(t, "", 0)
	if fi, _ := os.Stat(filepath.Join(dir, "in.zst")); fi.Mode().Perm() != 0o644 {
		t.Errorf("in.zst: %v", fi.Mode())
	}
}

// TestArgs: the CLI's grammar: bundles with levels, attached -T and -M,
// -o anywhere, the last of -c and -o winning, "--".
func TestArgs(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want options
		err  string
	}{
		{[]string{"-d19c", "f"}, options{mode: decompress, out: stdoutName, level: 19, display: 2, threads: 1, files: []string{"f"}}, ""},
		{[]string{"-T0", "-M64M", "f", "-q"}, options{level: 3, display: 1, threads: 0, maxWindow: 64 << 20, files: []string{"f"}}, ""},
		{[]string{"-oout", "f"}, options{}, "error: missing command argument"},
		{[]string{"-o", "-", "f"}, options{}, "error: command cannot be separated from its argument by another command"},
		{[]string{"-ko", "out", "f", "--", "-c"}, options{out: "out", level: 3, display: 2, threads: 1, files: []string{"f", "-c"}}, ""},
		{[]string{"-c", "-o", "x", "--rm", "--ultra", "-22", "-vv"}, options{out: "x", rm: true, ultra: true, level: 22, display: 4, threads: 1}, ""},
		{[]string{"--threads=2", "--memory=1MiB", "--no-check", "-t"}, options{mode: test, level: 3, display: 2, threads: 2, maxWindow: 1 << 20, noCheck: true}, ""},
		{[]string{"-T"}, options{}, "Incorrect parameters"},
		{[]string{"-x"}, options{}, "Incorrect parameters"},
		{[]string{"--format=xz"}, options{}, "Incorrect parameters"},
		{[]string{"-0"}, options{level: 3, display: 2, threads: 1}, ""},
	} {
		o, err := parseArgs(tc.args, compress)
		if tc.err != "" || err != nil {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v, want %q", tc.args, err, tc.err)
			}
			continue
		}
		o.warnings = nil
		got := *o
		if got.mode != tc.want.mode || got.out != tc.want.out || got.level != tc.want.level || got.display != tc.want.display ||
			got.threads != tc.want.threads || got.maxWindow != tc.want.maxWindow || got.rm != tc.want.rm || got.ultra != tc.want.ultra ||
			got.noCheck != tc.want.noCheck || strings.Join(got.files, " ") != strings.Join(tc.want.files, " ") {
			t.Errorf("%q:\ngot  %+v\nwant %+v", tc.args, got, tc.want)
		}
	}
}

// cancelOnWrite cancels its context at the first write it takes.
type cancelOnWrite struct {
	cancel func()
	n      int
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.cancel()
	c.n += len(p)
	return len(p), nil
}

// TestDecompressCancel: zstd -dc stops between blocks once its context is
// cancelled, with status 130, having written only what came before.
func TestDecompressCancel(t *testing.T) {
	dir := t.TempDir()
	// Many blocks: a zstd block holds at most 128 KiB.
	var data strings.Builder
	for i := 0; data.Len() < 4<<20; i++ {
		data.WriteString(strings.Repeat(string(rune('a'+i%26)), i%97) + "\n")
	}
	write(t, dir, "f.zst", zst(t, data.String()), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	out := &cancelOnWrite{cancel: cancel}
	var errb bytes.Buffer
	c := &applet.Ctx{Context: ctx, Name: "zstd", Stdout: out, Stderr: &errb, Dir: dir}
	if st := applet.Run(c, &Applet, []string{"-dc", "f.zst"}); st != 130 {
		t.Errorf("status %d, want 130 (stderr %q)", st, errb.String())
	}
	if out.n == 0 || out.n >= data.Len() {
		t.Errorf("wrote %d of %d bytes, want some but not all", out.n, data.Len())
	}
}
