package lines

import (
	"errors"
	"io"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"
)

// line is what Line returned, for comparison.
type line struct {
	text string
	term int
}

func readAll(lr *Reader) []line {
	var out []line
	for {
		l, term, ok := lr.Line()
		if !ok {
			return out
		}
		out = append(out, line{string(l), term})
	}
}

func TestLine(t *testing.T) {
	long := strings.Repeat("x", 100)
	for _, tc := range []struct {
		in      string
		nulOnly bool
		want    []line
	}{
		{"", false, nil},
		{"a\nb\n", false, []line{{"a", '\n'}, {"b", '\n'}}},
		{"a\nb", false, []line{{"a", '\n'}, {"b", EOF}}},
		{"\n\n", false, []line{{"", '\n'}, {"", '\n'}}},
		{"b\x00a\nc\x00\x00d", false, []line{{"b", 0}, {"a", '\n'}, {"c", 0}, {"", 0}, {"d", EOF}}},
		{"b\x00a\nc\x00\x00d", true, []line{{"b", 0}, {"a\nc", 0}, {"", 0}, {"d", EOF}}},
		{long + "\n" + long, false, []line{{long, '\n'}, {long, EOF}}},
	} {
		// A small buffer and one-byte reads: lines cross every refill.
		for _, r := range []io.Reader{strings.NewReader(tc.in), iotest.OneByteReader(strings.NewReader(tc.in))} {
			lr := NewReader(r, 4)
			lr.NULOnly = tc.nulOnly
			got := readAll(lr)
			if len(got) != len(tc.want) {
				t.Errorf("%q: got %v, want %v", tc.in, got, tc.want)
				continue
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("%q: got %v, want %v", tc.in, got, tc.want)
					break
				}
			}
		}
	}
}

// TestTerminatorFollows: a line's terminator lies just past it.
func TestTerminatorFollows(t *testing.T) {
	lr := NewReader(strings.NewReader("ab\ncd\x00ef"), 16)
	for _, want := range []string{"ab\n", "cd\x00"} {
		l, _, _ := lr.Line()
		if got := string(l[:len(l)+1]); got != want {
			t.Errorf("line with terminator %q, want %q", got, want)
		}
	}
}

// TestReadError: a read error ends the input like EOF, after what was
// read before it, and Err reports it; Reset clears it.
func TestReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("a\nb"), iotest.ErrReader(syscall.EIO))
	lr := NewReader(r, 16)
	got := readAll(lr)
	if len(got) != 2 || got[1] != (line{"b", EOF}) || !errors.Is(lr.Err(), syscall.EIO) {
		t.Errorf("got %v, err %v", got, lr.Err())
	}
	lr.Reset(strings.NewReader("c\n"))
	if got := readAll(lr); len(got) != 1 || lr.Err() != nil {
		t.Errorf("after Reset: %v, err %v", got, lr.Err())
	}
}
