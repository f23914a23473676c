package base64

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run and what Alpine's BusyBox 1.36.1 gave for it, in
// its chroot, in a directory that setup prepared: standard output,
// standard error (up to the usage text when usage is set) and the exit
// status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: a ("abc"), n (seq 1 30), b64 (n encoded) and a directory d.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var n strings.Builder
	for i := 1; i <= 30; i++ {
		n.WriteString(strconv.Itoa(i) + "\n")
	}
	writeFiles(t, dir, map[string]string{"a": "abc", "n": n.String(),
		"b64": "MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIK\nMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAK\n"})
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runAlpine(t *testing.T, a *applet.Applet, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", a.Name, tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestAlpine(t *testing.T) { runAlpine(t, &Applet, alpineCases) }

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{"-d"}, stdin: "AAcOFRwjKg\n=\n=\n", stdout: "\x00\x07\x0e\x15\x1c#", stderr: "", code: 0},
	{args: []string{"a"}, stdin: "", stdout: "YWJj\n", stderr: "", code: 0},
	{args: []string{"-w", "0", "a"}, stdin: "", stdout: "YWJj", stderr: "", code: 0},
	{args: []string{"-w", "3"}, stdin: "abcd", stdout: "YWJ\njZA\n==\n", stderr: "", code: 0},
	{args: []string{"-w", "1", "a"}, stdin: "", stdout: "Y\nW\nJ\nj\n", stderr: "", code: 0},
	{args: []string{"-i"}, stdin: "abcd", stdout: "YWJjZA==\n", stderr: "", code: 0},
	{args: []string{}, stdin: "", stdout: "", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "YWJj\nZGVm\n", stdout: "abcdef", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "MQ==MQ==", stdout: "1", stderr: "base64: truncated input\n", code: 1},
	{args: []string{"-d"}, stdin: "MQ", stdout: "", stderr: "base64: truncated input\n", code: 1},
	{args: []string{"-d"}, stdin: "MQ=", stdout: "", stderr: "base64: truncated input\n", code: 1},
	{args: []string{"-d"}, stdin: "M!Q==", stdout: "1", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "MQ=\n=", stdout: "", stderr: "base64: truncated input\n", code: 1},
	{args: []string{"-d"}, stdin: "====", stdout: "", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "A===", stdout: "", stderr: "base64: truncated input\n", code: 1},
	{args: []string{"-d"}, stdin: "YW Jj", stdout: "abc", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "YWJjZA==\n", stdout: "abcd", stderr: "", code: 0},
	{args: []string{"-d"}, stdin: "Q\nU\nJ\nD", stdout: "ABC", stderr: "", code: 0},
	{args: []string{"-d", "b64"}, stdin: "", stdout: "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n30\n", stderr: "", code: 0},
	{args: []string{"-w", "7", "n"}, stdin: "", stdout: "MQoyCjM\nKNAo1Cj\nYKNwo4C\njkKMTAK\nMTEKMTI\nKMTMKMT\nQKMTUKM\nTYKMTcK\nMTgKMTk\nKMjAKMj\nEKMjIKM\njMKMjQK\nMjUKMjY\nKMjcKMj\ngKMjkKM\nzAK\n", stderr: "", code: 0},
	{args: []string{"nofile"}, stdin: "", stdout: "", stderr: "base64: nofile: No such file or directory\n", code: 1},
	{args: []string{"-d", "a", "b"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-w", "-1"}, stdin: "", stdout: "", stderr: "base64: invalid number '-1'\n", code: 1},
	{args: []string{"-w", "x"}, stdin: "", stdout: "", stderr: "base64: invalid number 'x'\n", code: 1},
	{args: []string{"d"}, stdin: "", stdout: "", stderr: "base64: read error: Is a directory\n", code: 1},
	{args: []string{"-d", "d"}, stdin: "", stdout: "", stderr: "", code: 0},
}

// TestRoundTrip encodes and decodes every length around a group, wrapped
// at several widths, through decode's pieces of at most 80 characters.
// (Lines narrower than 4 can split a "==", which BusyBox then drops with
// the bytes before it: TestAlpine has that case.)
func TestRoundTrip(t *testing.T) {
	data := allBytes()
	for n := 0; n < 300; n += 7 {
		for _, w := range []string{"0", "4", "8", "76", "100"} {
			enc := applettest.Cmd{Args: []string{"-w", w}, Stdin: data[:n]}.Run(t, &Applet)
			dec := applettest.Cmd{Args: []string{"-d"}, Stdin: enc.Stdout}.Run(t, &Applet)
			if dec.Stdout != data[:n] || enc.Code != 0 || dec.Code != 0 {
				t.Fatalf("%d bytes, -w %s: encoded %q (%d), decoded %q (%d)", n, w, enc.Stdout, enc.Code, dec.Stdout, dec.Code)
			}
		}
	}
}

func allBytes() string {
	b := make([]byte, 512)
	for i := range b {
		b[i] = byte(i * 7)
	}
	return string(b)
}
