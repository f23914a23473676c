package base64

import (
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles gives what each run of base64 against Alpine's BusyBox
// 1.36.1 found in its fresh working directory, besides the empty
// directory d: files a ("abc"), n (seq 1 30) and b64 (n encoded).
func alpineFiles() map[string]string {
	var n strings.Builder
	for i := 1; i <= 30; i++ {
		n.WriteString(strconv.Itoa(i) + "\n")
	}
	return map[string]string{"a": "abc", "n": n.String(),
		"b64": "MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIK\nMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAK\n"}
}

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, alpineFiles(), []string{"d"}, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"-d"}, Stdin: "AAcOFRwjKg\n=\n=\n", Stdout: "\x00\x07\x0e\x15\x1c#"},
	{Args: []string{"a"}, Stdout: "YWJj\n"},
	{Args: []string{"-w", "0", "a"}, Stdout: "YWJj"},
	{Args: []string{"-w", "3"}, Stdin: "abcd", Stdout: "YWJ\njZA\n==\n"},
	{Args: []string{"-w", "1", "a"}, Stdout: "Y\nW\nJ\nj\n"},
	{Args: []string{"-i"}, Stdin: "abcd", Stdout: "YWJjZA==\n"},
	{Args: []string{}},
	{Args: []string{"-d"}, Stdin: "YWJj\nZGVm\n", Stdout: "abcdef"},
	{Args: []string{"-d"}, Stdin: "MQ==MQ==", Stdout: "1", Stderr: "base64: truncated input\n", Code: 1},
	{Args: []string{"-d"}, Stdin: "MQ", Stderr: "base64: truncated input\n", Code: 1},
	{Args: []string{"-d"}, Stdin: "MQ=", Stderr: "base64: truncated input\n", Code: 1},
	{Args: []string{"-d"}, Stdin: "M!Q==", Stdout: "1"},
	{Args: []string{"-d"}, Stdin: "MQ=\n=", Stderr: "base64: truncated input\n", Code: 1},
	{Args: []string{"-d"}, Stdin: "===="},
	{Args: []string{"-d"}, Stdin: "A===", Stderr: "base64: truncated input\n", Code: 1},
	{Args: []string{"-d"}, Stdin: "YW Jj", Stdout: "abc"},
	{Args: []string{"-d"}, Stdin: "YWJjZA==\n", Stdout: "abcd"},
	{Args: []string{"-d"}, Stdin: "Q\nU\nJ\nD", Stdout: "ABC"},
	{Args: []string{"-d", "b64"}, Stdout: "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n26\n27\n28\n29\n30\n"},
	{Args: []string{"-w", "7", "n"}, Stdout: "MQoyCjM\nKNAo1Cj\nYKNwo4C\njkKMTAK\nMTEKMTI\nKMTMKMT\nQKMTUKM\nTYKMTcK\nMTgKMTk\nKMjAKMj\nEKMjIKM\njMKMjQK\nMjUKMjY\nKMjcKMj\ngKMjkKM\nzAK\n"},
	{Args: []string{"nofile"}, Stderr: "base64: nofile: No such file or directory\n", Code: 1},
	{Args: []string{"-d", "a", "b"}, Code: 1, Usage: true},
	{Args: []string{"-w", "-1"}, Stderr: "base64: invalid number '-1'\n", Code: 1},
	{Args: []string{"-w", "x"}, Stderr: "base64: invalid number 'x'\n", Code: 1},
	{Args: []string{"d"}, Stderr: "base64: read error: Is a directory\n", Code: 1},
	{Args: []string{"-d", "d"}},
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
