package cpiofmt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
)

// entry is one entry of a test archive.
type entry struct {
	h    Header
	data string
}

func write(t *testing.T, f Format, entries []entry) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, f)
	for _, e := range entries {
		h := e.h
		if f == CRC {
			h.Check = Checksum(0, []byte(e.data))
		}
		if err := w.WriteHeader(&h); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readAll(t *testing.T, r io.Reader) ([]entry, *Reader, error) {
	t.Helper()
	cr := NewReader(r)
	var out []entry
	for {
		h, err := cr.Next()
		if err == io.EOF {
			return out, cr, nil
		}
		if err != nil {
			return out, cr, err
		}
		data, err := io.ReadAll(cr)
		if err != nil {
			return out, cr, err
		}
		out = append(out, entry{*h, string(data)})
	}
}

func TestRoundTrip(t *testing.T) {
	long := strings.Repeat("d/", 1000) + "file"
	entries := []entry{
		{Header{Name: "dir", Mode: TypeDir | 0o755, Nlink: 2, Mtime: 1600000000, Ino: 1}, ""},
		{Header{Name: "dir/f", Mode: TypeReg | 0o4755, UID: 1000, GID: 100, Nlink: 1, Mtime: 1, Ino: 2, Size: 5}, "hello"},
		{Header{Name: "link", Mode: TypeLink | 0o777, Nlink: 1, Ino: 3, Linkname: "dir/f"}, ""},
		{Header{Name: "null", Mode: TypeChar | 0o666, Nlink: 1, Ino: 4, RdevMajor: 1, RdevMinor: 3}, ""},
		{Header{Name: "big-minor", Mode: TypeBlock | 0o600, Nlink: 1, Ino: 5, RdevMajor: 259, RdevMinor: 300}, ""},
		{Header{Name: long, Mode: TypeReg | 0o644, Nlink: 1, Ino: 6, Size: 3}, "abc"},
		{Header{Name: "odd", Mode: TypeReg | 0o644, Nlink: 1, Ino: 7, Size: 1}, "x"},
	}
	for _, f := range []Format{Newc, CRC, ODC} {
		t.Run(f.String(), func(t *testing.T) {
			b := write(t, f, entries)
			if f != ODC && len(b)%4 != 0 {
				t.Errorf("archive length %d is not a multiple of 4", len(b))
			}
			got, cr, err := readAll(t, bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if !cr.Trailer() {
				t.Error("no trailer seen")
			}
			if len(got) != len(entries) {
				t.Fatalf("read %d entries, want %d", len(got), len(entries))
			}
			for i, e := range entries {
				g := got[i]
				want := e.h
				want.Format = f
				if want.Type() == TypeLink {
					want.Size = int64(len(want.Linkname))
				}
				if f == ODC && want.RdevMinor > 255 {
					// odc's 18-bit device field cuts a wide minor.
					want.RdevMinor &= 0xff
				}
				if f == CRC {
					want.Check = Checksum(0, []byte(e.data))
					if want.Type() == TypeLink {
						want.Check = Checksum(0, []byte(want.Linkname))
					}
				}
				if g.h != want || g.data != e.data {
					t.Errorf("entry %d:\n got %+v %q\nwant %+v %q", i, g.h, g.data, want, e.data)
				}
			}
		})
	}
}

// TestNewcBytes pins the layout BusyBox and GNU cpio write.
func TestNewcBytes(t *testing.T) {
	b := write(t, Newc, []entry{{Header{Name: "f", Mode: 0o100644, Nlink: 1, Mtime: 0x5e0d5da5, Size: 3, Ino: 0xaa}, "hi\n"}})
	want := "070701000000AA000081A4000000000000000000000001" + "5E0D5DA5" + "00000003" +
		"00000000000000000000000000000000" + "00000002" + "00000000" + "f\x00" + "hi\n\x00" +
		"070701" + strings.Repeat("0", 88) + "0000000B" + "00000000" + "TRAILER!!!\x00\x00\x00\x00"
	if string(b) != want {
		t.Errorf("got\n%q\nwant\n%q", b, want)
	}
}

func TestPad512(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, ODC)
	w.Pad512 = true
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 512 {
		t.Errorf("length %d, want 512", b.Len())
	}
}

func TestBinary(t *testing.T) {
	for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		var b bytes.Buffer
		put := func(name, data string, mode uint16) {
			f := []uint16{0o070707, 0x0801, 42, mode, 1000, 100, 1, 0, 0x5e0d, 0x5da5, uint16(len(name) + 1), 0, uint16(len(data))}
			for _, v := range f {
				binary.Write(&b, bo, v)
			}
			b.WriteString(name + "\x00")
			if (len(name)+1)%2 != 0 {
				b.WriteByte(0)
			}
			b.WriteString(data)
			if len(data)%2 != 0 {
				b.WriteByte(0)
			}
		}
		put("a", "odd", 0o100644)
		put("b", "even", 0o100600)
		put(Trailer, "", 0)
		got, cr, err := readAll(t, &b)
		if err != nil || !cr.Trailer() || len(got) != 2 {
			t.Fatalf("%v: %d entries, trailer %v, err %v", bo, len(got), cr.Trailer(), err)
		}
		h := got[0].h
		if h.Name != "a" || got[0].data != "odd" || got[1].data != "even" || h.Mode != 0o100644 ||
			h.UID != 1000 || h.GID != 100 || h.Mtime != 0x5e0d5da5 || h.DevMajor != 8 || h.DevMinor != 1 || h.Format != Binary {
			t.Errorf("%v: got %+v %q %q", bo, h, got[0].data, got[1].data)
		}
	}
}

func TestReadErrors(t *testing.T) {
	good := write(t, Newc, []entry{{Header{Name: "f", Mode: 0o100644, Nlink: 1, Size: 5}, "hello"}})
	tests := []struct {
		name string
		in   string
		want error // nil: a clean end
	}{
		{"empty", "", nil},
		{"cut header", string(good[:50]), ErrShortRead},
		{"cut name", string(good[:111]), ErrShortRead},
		{"cut data", string(good[:116]), ErrShortRead},
		{"no trailer", string(good[:120]), nil},
		{"bad magic", strings.Repeat("x", 200), ErrUnsupported},
		{"short bad magic", "xxxx", ErrShortRead},
		{"bad hex", "070701zzzzzzzz" + string(good[14:]), ErrDamaged},
		{"no name", "070701" + strings.Repeat("0", 88) + "00000000" + "00000000", ErrDamaged},
		{"huge name", "070701" + strings.Repeat("0", 88) + "7FFFFFFF" + "00000000", ErrDamaged},
		{"huge symlink", "070701" + "00000000" + "0000A1FF" + strings.Repeat("0", 32) + "7FFFFFFF" + strings.Repeat("0", 32) + "00000002" + "00000000" + "l\x00", ErrDamaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(t, strings.NewReader(tt.in))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// TestSkip checks that unread data is skipped, by seeking in a file.
func TestSkip(t *testing.T) {
	b := write(t, Newc, []entry{
		{Header{Name: "a", Mode: 0o100644, Size: 70000}, strings.Repeat("a", 70000)},
		{Header{Name: "b", Mode: 0o100644, Size: 1}, "b"},
	})
	cr := NewReader(bytes.NewReader(b))
	var names []string
	for {
		h, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
	if strings.Join(names, " ") != "a b" || cr.Offset() != int64(len(b)) {
		t.Errorf("names %q, offset %d of %d", names, cr.Offset(), len(b))
	}
}

func TestWriterErrors(t *testing.T) {
	w := NewWriter(io.Discard, Newc)
	if err := w.WriteHeader(&Header{Name: "big", Mode: TypeReg, Size: 1 << 32}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("4 GiB in newc: %v", err)
	}
	w.WriteHeader(&Header{Name: "f", Mode: TypeReg, Size: 2})
	if _, err := w.Write([]byte("abc")); err != ErrWriteTooLong {
		t.Errorf("long write: %v", err)
	}
	if err := w.Close(); err != ErrMissingData {
		t.Errorf("close with missing data: %v", err)
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte("070701"))
	for _, fm := range []Format{Newc, CRC, ODC} {
		var b bytes.Buffer
		w := NewWriter(&b, fm)
		w.WriteHeader(&Header{Name: "f", Mode: TypeReg | 0o644, Size: 3})
		w.Write([]byte("abc"))
		w.WriteHeader(&Header{Name: "l", Mode: TypeLink | 0o777, Linkname: "f"})
		w.Close()
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		cr := NewReader(bytes.NewReader(in))
		for i := 0; ; i++ {
			h, err := cr.Next()
			if err != nil {
				return
			}
			if len(h.Name) >= MaxName || len(h.Linkname) >= MaxName {
				t.Fatalf("name of %d bytes", len(h.Name))
			}
			n, _ := io.Copy(io.Discard, cr)
			if n > int64(len(in)) {
				t.Fatalf("read %d data bytes from %d", n, len(in))
			}
		}
	})
}
