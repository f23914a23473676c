package tarfmt

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// bytesHeaders are entries that take every path of the writer: ustar
// splits, GNU long names and links, pax records of each kind.
func bytesHeaders() []*Header {
	sub := time.Date(2021, 2, 3, 4, 5, 6, 123456789, time.UTC)
	return []*Header{
		{Type: TypeReg, Name: "plain", Mode: 0o644, Uname: "u", Gname: "g", Size: 3, ModTime: fixed},
		{Type: TypeDir, Name: "dir", Mode: 0o755, ModTime: fixed},
		{Type: TypeDir, Name: "dir2/", Mode: 0o755, ModTime: fixed},
		{Type: TypeSymlink, Name: "sl", Linkname: "target", Mode: 0o777, ModTime: fixed},
		{Type: TypeReg, Name: strings.Repeat("dir/", 40) + "file", ModTime: sub},
		{Type: TypeDir, Name: strings.Repeat("d", 120), ModTime: fixed},
		{Type: TypeLink, Name: "hl", Linkname: strings.Repeat("t", 150), ModTime: fixed},
		{Type: TypeReg, Name: "sub/" + strings.Repeat("x", 300), ModTime: sub},
		{Type: TypeReg, Name: "bigid", UID: 1 << 30, GID: 1 << 29, ModTime: fixed},
		{Type: TypeReg, Name: "longowner", Uname: strings.Repeat("u", 40), ModTime: time.Unix(-1, 5e8)},
	}
}

// TestWriteHeaderBytes: the name and link target given as bytes make
// the same archive as given as strings, in every format, and the bytes
// are copied (the caller's buffer is free once the call returns).
func TestWriteHeaderBytes(t *testing.T) {
	for _, f := range []Format{FormatGNU, FormatUSTAR, FormatPAX} {
		var want, got bytes.Buffer
		tws, twb := NewWriter(&want), NewWriter(&got)
		for _, h := range bytesHeaders() {
			h.Format = f
			errS := tws.WriteHeader(h)
			name, link := []byte(h.Name), []byte(h.Linkname)
			hb := *h
			hb.Name, hb.Linkname = "ignored", "ignored"
			errB := twb.WriteHeaderBytes(&hb, name, link)
			if (errS == nil) != (errB == nil) || errS != nil && errS.Error() != errB.Error() {
				t.Errorf("%v %q: WriteHeader: %v, WriteHeaderBytes: %v", f, h.Name, errS, errB)
			}
			copy(name, strings.Repeat("!", len(name)))
			copy(link, strings.Repeat("!", len(link)))
			if h.Type == TypeReg && errS == nil {
				d := strings.Repeat("a", int(h.Size))
				tws.Write([]byte(d))
				twb.Write([]byte(d))
			}
		}
		tws.Close()
		twb.Close()
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%v: the archives differ (%d and %d bytes)", f, got.Len(), want.Len())
		}
	}
}

// TestWritePAXHeader: a pax extended header as written, byte for byte
// where it matters: named after the entry's last component (a
// directory's trailing slash kept), its records in order.
func TestWritePAXHeader(t *testing.T) {
	var buf bytes.Buffer
	tw := NewWriter(&buf)
	h := &Header{Type: TypeDir, Name: "a/" + strings.Repeat("d", 120), Mode: 0o755, UID: 1 << 22,
		ModTime: time.Unix(1, 5e8), Format: FormatPAX}
	if err := tw.WriteHeaderBytes(h, []byte(h.Name), nil); err != nil {
		t.Fatal(err)
	}
	tw.Close()
	b := buf.Bytes()
	name := "PaxHeaders/" + strings.Repeat("d", 120) + "/"
	data := paxRecord("path", h.Name+"/") + paxRecord("uid", "4194304") + paxRecord("mtime", "1.5")
	if got := string(bytes.TrimRight(b[:100], "\x00")); got != name[:100] {
		t.Errorf("name %q, want %q", got, name[:100])
	}
	if size := fmt.Sprintf("%011o\x00", len(data)); b[156] != TypeXHeader || string(b[124:136]) != size {
		t.Errorf("type %q, size %q", b[156], b[124:136])
	}
	if got := string(b[BlockSize : BlockSize+len(data)]); got != data {
		t.Errorf("records %q, want %q", got, data)
	}
}

// TestWriteHeaderBytesError: a name the format cannot hold is the
// FieldError of the name as it would be stored.
func TestWriteHeaderBytesError(t *testing.T) {
	tw := NewWriter(io.Discard)
	h := &Header{Type: TypeDir, Format: FormatUSTAR}
	err := tw.WriteHeaderBytes(h, []byte(strings.Repeat("x", 101)), nil)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "name" || fe.Name != strings.Repeat("x", 101)+"/" {
		t.Errorf("got %v", err)
	}
}

// TestWriteHeaderBytesAllocs: once its buffers have grown, the Writer
// allocates nothing per header, whatever records it writes (issue 10).
func TestWriteHeaderBytesAllocs(t *testing.T) {
	for _, f := range []Format{FormatGNU, FormatUSTAR, FormatPAX} {
		hs := bytesHeaders()
		names := make([][]byte, len(hs))
		links := make([][]byte, len(hs))
		for i, h := range hs {
			h.Format = f
			names[i], links[i] = []byte(h.Name), []byte(h.Linkname)
		}
		tw := NewWriter(io.Discard)
		allocs := testing.AllocsPerRun(100, func() {
			for i, h := range hs {
				if err := tw.WriteHeaderBytes(h, names[i], links[i]); err != nil {
					if f == FormatUSTAR {
						continue // the FieldError, tested above
					}
					t.Fatal(err)
				}
				tw.FillZeros()
			}
		})
		want := 0.0
		if f == FormatUSTAR {
			// Five headers ustar cannot hold: a FieldError and its
			// name string each.
			want = 10
		}
		if allocs != want {
			t.Errorf("%v: %v allocations for %d headers, want %v", f, allocs, len(hs), want)
		}
	}
}
