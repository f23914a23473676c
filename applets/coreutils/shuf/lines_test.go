package shuf

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLineStore: the store gives back every line as read, whatever the
// reads' sizes and the lines' lengths: empty lines, NUL-ended ones, a
// last line with no end, lines that fill a block exactly or overflow it,
// and lines longer than a block.
func TestLineStore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var want []string
	var in bytes.Buffer
	for i := range 3000 {
		n := rng.IntN(200)
		switch i % 500 {
		case 7:
			n = blockSize - 3
		case 8:
			n = blockSize + 5
		case 9:
			n = 2*blockSize + 11
		case 10:
			n = 0
		}
		line := strings.Repeat(string(rune('a'+i%26)), n)
		want = append(want, line)
		in.WriteString(line)
		if i%3 == 0 {
			in.WriteByte(0)
		} else {
			in.WriteByte('\n')
		}
	}
	want = append(want, "last")
	in.WriteString("last")
	for name, r := range map[string]io.Reader{
		"whole":    bytes.NewReader(in.Bytes()),
		"one byte": iotest.OneByteReader(bytes.NewReader(in.Bytes()[:200000])),
		"half":     iotest.HalfReader(bytes.NewReader(in.Bytes())),
	} {
		var s lineStore
		if err := s.readLines(r); err != nil {
			t.Fatal(err)
		}
		w := want
		if name == "one byte" {
			w = strings.Split(strings.NewReplacer("\x00", "\n").Replace(string(in.Bytes()[:200000])), "\n")
		}
		if s.len() != len(w) {
			t.Fatalf("%s: %d lines, want %d", name, s.len(), len(w))
		}
		for i := range w {
			if got := s.line(i); string(got) != w[i] {
				t.Fatalf("%s: line %d is %d bytes %.10q, want %d bytes %.10q", name, i, len(got), got, len(w[i]), w[i])
			}
		}
	}
}

// TestLineStoreMemory: holding the lines costs their bytes and 8 more
// per line, not a slice header per line or the input twice.
func TestLineStoreMemory(t *testing.T) {
	const lines, length = 200000, 79
	in := bytes.Repeat([]byte(strings.Repeat("x", length)+"\n"), lines)
	var s lineStore
	if err := s.readLines(bytes.NewReader(in)); err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, b := range s.blocks {
		held += cap(b)
	}
	held += len(s.starts.pages) * pageSize * 8
	if want := lines*length + lines*8 + pageSize*8 + 2*blockSize; held > want {
		t.Errorf("%d lines of %d bytes held in %d bytes, want at most %d", lines, length, held, want)
	}
}
