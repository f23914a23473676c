package tarfmt

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestWriteSparse: a sparse file is written in pax format 1.0 (whatever
// the archive's format) and reads back with its map, real size, name
// and region data; an entry after it is in place. Xattrs come out as
// SCHILY.xattr records, in name order.
func TestWriteSparse(t *testing.T) {
	long := strings.Repeat("d/", 60) + "sparse"
	for _, f := range []Format{FormatGNU, FormatPAX} {
		for _, name := range []string{"dir/sp", long} {
			var buf bytes.Buffer
			tw := NewWriter(&buf)
			segs := []Segment{{0, 3}, {1 << 20, 5}, {9 << 30, 0}}
			h := &Header{Type: TypeReg, Name: name, Mode: 0o644, ModTime: fixed, Format: f, Sparse: segs, RealSize: 9 << 30}
			if err := tw.WriteHeader(h); err != nil {
				t.Fatal(err)
			}
			if _, err := tw.Write([]byte("abcdefgh")); err != nil {
				t.Fatal(err)
			}
			tw.WriteHeader(&Header{Type: TypeReg, Name: "next", Size: 2, ModTime: fixed, Format: f,
				Xattrs: map[string]string{"user.b": "2", "user.a": "1\x00"}})
			tw.Write([]byte("xy"))
			if err := tw.Close(); err != nil {
				t.Fatal(err)
			}
			raw := buf.String()
			if f == FormatPAX && !strings.Contains(raw, "26 SCHILY.xattr.user.a=1\x00\n25 SCHILY.xattr.user.b=2\n") {
				t.Errorf("%v: xattr records missing or out of order", f)
			}
			tr := NewReader(&buf)
			g, err := tr.Next()
			if err != nil {
				t.Fatal(err)
			}
			if g.Name != name || g.RealSize != 9<<30 || g.FileSize() != 9<<30 || len(g.Sparse) != 3 || g.Sparse[1] != segs[1] || g.Sparse[2] != segs[2] {
				t.Errorf("%v: read %q, %d bytes, map %v", f, g.Name, g.FileSize(), g.Sparse)
			}
			data, _ := io.ReadAll(tr)
			if string(data) != "abcdefgh" {
				t.Errorf("%v: data %q", f, data)
			}
			g, err = tr.Next()
			if err != nil || g.Name != "next" {
				t.Fatalf("%v: next entry %+v, %v", f, g, err)
			}
			if f == FormatPAX && (g.Xattrs["user.a"] != "1\x00" || g.Xattrs["user.b"] != "2") {
				t.Errorf("xattrs read back %q", g.Xattrs)
			}
		}
	}
}
