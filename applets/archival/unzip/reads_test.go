package unzip

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// countingReaderAt counts the reads of the archive: each is a pread(2).
type countingReaderAt struct {
	r io.ReaderAt
	n int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	c.n++
	return c.r.ReadAt(p, off)
}

// TestReadsPerMember checks that small members lying end to end are
// read through one buffer: a few reads for the whole archive, where
// each member took three of the central directory, two of its local
// header and one or more of its data (6 per member: 2,400 here), which
// on a tree of 40,000 files was 240,000 system calls.
func TestReadsPerMember(t *testing.T) {
	dir := t.TempDir()
	const n = 400
	var ents []zent
	for i := range n {
		if i%100 == 0 {
			ents = append(ents, zent{name: fmt.Sprintf("d%d/", i/100), mode: os.ModeDir | 0o755})
		}
		ents = append(ents, zent{name: fmt.Sprintf("d%d/f%d", i/100, i), data: strings.Repeat(fmt.Sprint(i), 20+i%50), store: i%3 == 0})
	}
	path := filepath.Join(dir, "a.zip")
	makeZip(t, path, ents)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	for _, c := range []struct {
		name string
		args []string
		out  string // the start of stdout
	}{
		{"extract", []string{"-q", "a.zip", "-d", "x"}, ""},
		{"test", []string{"-t", "a.zip"}, ""},
		{"list", []string{"-l", "a.zip"}, "Archive:  a.zip\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			o, err := parseArgs(c.args)
			if err != nil {
				t.Fatal(err)
			}
			var out, errs bytes.Buffer
			ctx := &applet.Ctx{Context: context.Background(), Stdout: &out, Stderr: &errs, Dir: dir, Umask: 0o022}
			u := &unzipper{ctx: ctx, o: o, root: -1, pfd: -1, out: bufio.NewWriter(&out)}
			r := &countingReaderAt{r: f}
			err = u.from(&input{ra: r, size: st.Size()}, "a.zip")
			u.out.Flush()
			u.close()
			if err != nil || errs.Len() > 0 || !strings.HasPrefix(out.String(), c.out) {
				t.Fatalf("err %v, stderr %q, stdout %.80q", err, errs.String(), out.String())
			}
			// The end record's search, the directory, the members.
			if r.n > 4 {
				t.Errorf("%d reads of the archive for %d members (%d bytes)", r.n, n, st.Size())
			}
		})
	}
	for i := range n {
		p := filepath.Join(dir, "x", fmt.Sprintf("d%d/f%d", i/100, i))
		if b, err := os.ReadFile(p); err != nil || string(b) != strings.Repeat(fmt.Sprint(i), 20+i%50) {
			t.Fatalf("%s: %q, %v", p, b, err)
		}
	}
}

// TestWindow reads a 100-byte archive through a 16-byte window: every
// read returns what ReadAt on the archive itself returns.
func TestWindow(t *testing.T) {
	data := make([]byte, 100)
	for i := range data {
		data[i] = byte(i)
	}
	src := &countingReaderAt{r: bytes.NewReader(data)}
	w := &window{r: src, buf: make([]byte, 0, 16)}
	for _, c := range []struct {
		off, n int
		want   string // the bytes' first and count, or the error
		reads  int    // of the archive so far
	}{
		{0, 4, "0+4", 1},
		{4, 12, "4+12", 1},   // within the window
		{10, 10, "10+10", 2}, // past its end: refilled from 10
		{12, 4, "12+4", 2},
		{5, 2, "5+2", 3},         // before it
		{90, 16, "90+10 EOF", 4}, // the archive ends
		{95, 5, "95+5", 4},
		{0, 40, "0+40", 5}, // larger than the window: read as asked
		{100, 4, "100+0 EOF", 6},
		{-1, 4, "negative", 7},
	} {
		p := make([]byte, c.n)
		n, err := w.ReadAt(p, int64(c.off))
		got := fmt.Sprintf("%d+%d", c.off, n)
		if err == io.EOF {
			got += " EOF"
		} else if err != nil {
			got = "negative"
		}
		if got != c.want || !bytes.Equal(p[:n], data[max(c.off, 0):max(c.off, 0)+n]) || src.n != c.reads {
			t.Errorf("ReadAt(%d bytes, %d): %s %v, %d reads; want %s, %d reads", c.n, c.off, got, p[:n], src.n, c.want, c.reads)
		}
	}
}

// TestMembersAt positions the members' buffer forward (within what it
// holds: no read), backward and past the end.
func TestMembersAt(t *testing.T) {
	data := make([]byte, 200<<10)
	for i := range data {
		data[i] = byte(i * 7)
	}
	src := &countingReaderAt{r: bytes.NewReader(data)}
	s := &members{r: src, size: int64(len(data))}
	for _, c := range []struct {
		off   int64
		reads int
	}{
		{4, 1},
		{30, 1},        // ahead, buffered
		{64 << 10, 1},  // the end of the buffer
		{10, 2},        // behind
		{150 << 10, 3}, // further than the buffer holds
		{200 << 10, 3}, // the end: nothing to read
		{300 << 10, 3}, // past it
		{-5, 3},
	} {
		br := s.at(c.off)
		var b [4]byte
		n, err := io.ReadFull(br, b[:])
		if c.off < 0 || c.off >= int64(len(data)) {
			if n != 0 || err != io.EOF {
				t.Errorf("at(%d): %d bytes, %v; want EOF", c.off, n, err)
			}
		} else if err != nil || !bytes.Equal(b[:], data[c.off:c.off+4]) {
			t.Errorf("at(%d): %v %v; want %v", c.off, b, err, data[c.off:c.off+4])
		}
		if src.n != c.reads {
			t.Errorf("at(%d): %d reads so far; want %d", c.off, src.n, c.reads)
		}
	}
}
