package tarfmt

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

var fixed = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		field string
		want  int64
		err   error
	}{
		{"0000644\x00", 0o644, nil},
		{"    644 ", 0o644, nil},                     // leading blanks, space end
		{"0000644", 0o644, nil},                      // no terminator
		{"\x00\x00\x00\x00\x00\x00\x00\x00", 0, nil}, // empty
		{"        ", 0, nil},                         // blanks only
		{"00000000006\x00", 6, nil},
		{"77777777777\x00", 0o77777777777, nil},
		{"777777777777", 0o777777777777, nil},
		{"0000644x", 0, ErrNumber},
		{"x", 0, ErrNumber},
		{"-0000001\x00", -1, nil},
		{"\x80\x00\x00\x00\x00\x00\x00\x02\x13\x60\x00\x01", 8914993153, nil}, // BusyBox's example
		{"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", -1, nil},
		{"\xbf\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 0, ErrNumber}, // beyond int64
	}
	for _, tt := range tests {
		got, err := parseNumber([]byte(tt.field))
		if got != tt.want || err != tt.err {
			t.Errorf("parseNumber(%q) = %d, %v; want %d, %v", tt.field, got, err, tt.want, tt.err)
		}
	}
}

func TestPutNumbers(t *testing.T) {
	f := make([]byte, 8)
	if !putOctalBB(f, 0o644) || string(f) != "0000644\x00" {
		t.Errorf("putOctalBB(0644) = %q", f)
	}
	f = make([]byte, 12)
	if !putOctalBB(f, 0o77777777777+1) || string(f) != "100000000000" {
		t.Errorf("putOctalBB(8^11) = %q", f)
	}
	if putOctalBB(f, 0o777777777777+1) {
		t.Error("putOctalBB(8^12) fits in 12 bytes")
	}
	if !putBase256(f, 8914993153) || !bytes.Equal(f, []byte("\x80\x00\x00\x00\x00\x00\x00\x02\x13\x60\x00\x01")) {
		t.Errorf("putBase256 = %q", f)
	}
	f = make([]byte, 8)
	if !putOctalNUL(f, 0o7777777) || string(f) != "7777777\x00" || putOctalNUL(f, 0o7777777+1) {
		t.Errorf("putOctalNUL = %q", f)
	}
}

// busyboxEntries are the entries of testdata/busybox.tar.gz, which
// Alpine's BusyBox 1.36.1 made with "tar cf" (the long names are 150,
// 99 and 120 bytes).
func busyboxEntries() []*Header {
	l150, d99, t120 := strings.Repeat("L", 150), strings.Repeat("D", 99), strings.Repeat("T", 120)
	h := func(typ byte, name string, mode int64, size int64, link string) *Header {
		return &Header{Type: typ, Name: name, Mode: mode, Size: size, Linkname: link,
			Uname: "root", Gname: "root", ModTime: fixed}
	}
	return []*Header{
		h(TypeReg, "f", 0o644, 6, ""),
		h(TypeDir, "d/", 0o2755, 0, ""),
		h(TypeReg, "d/a", 0o640, 2, ""),
		h(TypeSymlink, "l", 0o777, 0, "f"),
		h(TypeLink, "h", 0o644, 0, "f"),
		h(TypeFifo, "p", 0o644, 0, ""),
		h(TypeReg, l150, 0o644, 5, ""),
		h(TypeDir, d99+"/", 0o755, 0, ""),
		h(TypeSymlink, "lt", 0o777, 0, t120),
	}
}

var busyboxData = map[string]string{"f": "hello\n", "d/a": "a\n", strings.Repeat("L", 150): "long\n"}

func busyboxTar(t *testing.T) []byte {
	f, err := os.Open("testdata/busybox.tar.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWriteLikeBusyBox: the default format is BusyBox's, byte for byte.
func TestWriteLikeBusyBox(t *testing.T) {
	want := busyboxTar(t)
	var buf bytes.Buffer
	tw := NewWriter(&buf)
	for _, h := range busyboxEntries() {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if d, ok := busyboxData[h.Name]; ok {
			if _, err := tw.Write([]byte(d)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	if !bytes.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("differs from BusyBox's at byte %d (block %d, offset %d): got %q, want %q (lengths %d, %d)",
					i, i/512, i%512, got[i:min(i+16, len(got))], want[i:min(i+16, len(want))], len(got), len(want))
			}
		}
		t.Fatalf("lengths differ: got %d, want %d", len(got), len(want))
	}
}

func TestReadBusyBox(t *testing.T) {
	tr := NewReader(bytes.NewReader(busyboxTar(t)))
	for _, want := range busyboxEntries() {
		h, err := tr.Next()
		if err != nil {
			t.Fatal(err)
		}
		if h.Type != want.Type || h.Name != want.Name || h.Linkname != want.Linkname || h.Mode != want.Mode ||
			h.Size != want.Size || !h.ModTime.Equal(want.ModTime) || h.Uname != "root" || h.UID != 0 || h.Format != FormatGNU {
			t.Errorf("got %+v\nwant %+v", h, want)
		}
		data, err := io.ReadAll(tr)
		if err != nil || string(data) != busyboxData[h.Name] {
			t.Errorf("%s: data %q, %v", h.Name, data, err)
		}
	}
	if h, err := tr.Next(); err != io.EOF {
		t.Errorf("after the last entry: %v, %v", h, err)
	}
}

// roundTrip writes hs in format f and reads them back.
func roundTrip(t *testing.T, f Format, hs []*Header, data map[string]string) []*Header {
	t.Helper()
	var buf bytes.Buffer
	tw := NewWriter(&buf)
	for _, h := range hs {
		h.Format = f
		if err := tw.WriteHeader(h); err != nil {
			t.Fatalf("%v: WriteHeader(%q): %v", f, h.Name, err)
		}
		if d := data[h.Name]; d != "" {
			tw.Write([]byte(d))
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	tr := NewReader(&buf)
	var out []*Header
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%v: Next: %v", f, err)
		}
		d, err := io.ReadAll(tr)
		if err != nil || string(d) != data[h.Name] {
			t.Errorf("%v: %s: data %q, %v", f, h.Name, d, err)
		}
		out = append(out, h)
	}
}

func TestRoundTrip(t *testing.T) {
	long := strings.Repeat("dir/", 40) + "file"
	sub := time.Date(2021, 2, 3, 4, 5, 6, 123456789, time.UTC)
	for _, f := range []Format{FormatGNU, FormatUSTAR, FormatPAX} {
		hs := []*Header{
			{Type: TypeReg, Name: "plain", Mode: 0o4755, UID: 1000, GID: 100, Uname: "u", Gname: "g", Size: 3, ModTime: fixed},
			{Type: TypeDir, Name: "dir", Mode: 0o755, ModTime: fixed},
			{Type: TypeSymlink, Name: "sl", Linkname: "target", Mode: 0o777, ModTime: fixed},
			{Type: TypeChar, Name: "null", Mode: 0o666, Devmajor: 1, Devminor: 3, ModTime: fixed},
			{Type: TypeBlock, Name: "sda", Mode: 0o660, Devmajor: 8, Devminor: 0, ModTime: fixed},
			{Type: TypeFifo, Name: "fifo", Mode: 0o644, ModTime: fixed},
			{Type: TypeReg, Name: long, Mode: 0o644, ModTime: fixed},
		}
		if f != FormatUSTAR {
			hs = append(hs,
				&Header{Type: TypeLink, Name: "hl", Linkname: long, ModTime: fixed},
				&Header{Type: TypeSymlink, Name: "longlink", Linkname: strings.Repeat("t", 300), ModTime: fixed},
				&Header{Type: TypeReg, Name: strings.Repeat("x", 300), ModTime: fixed},
				&Header{Type: TypeReg, Name: "bigid", UID: 1 << 30, GID: 1 << 29, ModTime: fixed},
			)
		}
		if f == FormatPAX {
			hs = append(hs, &Header{Type: TypeReg, Name: "subsecond", ModTime: sub, Uname: strings.Repeat("u", 40)})
		}
		got := roundTrip(t, f, hs, map[string]string{"plain": "abc"})
		if len(got) != len(hs) {
			t.Fatalf("%v: read %d entries, wrote %d", f, len(got), len(hs))
		}
		for i, h := range hs {
			g := got[i]
			wantName := h.Name
			if h.Type == TypeDir {
				wantName += "/"
			}
			if g.Type != h.Type || g.Name != wantName || g.Linkname != h.Linkname || g.Mode != h.Mode ||
				g.UID != h.UID || g.GID != h.GID || g.Uname != h.Uname || g.Gname != h.Gname ||
				g.Devmajor != h.Devmajor || g.Devminor != h.Devminor || !g.ModTime.Equal(h.ModTime) {
				t.Errorf("%v: entry %d:\n got %+v\nwant %+v", f, i, g, h)
			}
		}
	}
}

// TestUSTARLimits: ustar splits names at a slash and refuses what it
// cannot hold.
func TestUSTARLimits(t *testing.T) {
	for _, tt := range []struct {
		h     Header
		field string
	}{
		{Header{Type: TypeReg, Name: strings.Repeat("x", 101)}, "name"},
		{Header{Type: TypeReg, Name: strings.Repeat("p", 156) + "/f"}, "name"},
		{Header{Type: TypeSymlink, Name: "l", Linkname: strings.Repeat("t", 101)}, "link name"},
		{Header{Type: TypeReg, Name: "f", UID: 1 << 22}, "uid"},
	} {
		tt.h.Format = FormatUSTAR
		err := NewWriter(io.Discard).WriteHeader(&tt.h)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%q: %v, want a %s FieldError", tt.h.Name, err, tt.field)
		}
	}
	base, prefix, ok := splitUSTAR(strings.Repeat("p", 150) + "/" + strings.Repeat("n", 100))
	if !ok || len(prefix) != 150 || len(base) != 100 {
		t.Errorf("splitUSTAR: %d, %d, %v", len(prefix), len(base), ok)
	}
}

func TestPaxRecord(t *testing.T) {
	for _, tt := range []struct{ k, v, want string }{
		{"path", "a", "9 path=a\n"},
		{"path", strings.Repeat("a", 90), "99 path=" + strings.Repeat("a", 90) + "\n"},
		{"path", strings.Repeat("a", 91), "101 path=" + strings.Repeat("a", 91) + "\n"},
		{"mtime", "1.5", "13 mtime=1.5\n"},
	} {
		if got := paxRecord(tt.k, tt.v); got != tt.want {
			t.Errorf("paxRecord(%q, %q) = %q, want %q", tt.k, tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct {
		t    time.Time
		want string
	}{
		{time.Unix(1, 500000000), "1.5"},
		{time.Unix(-2, 500000000), "-1.5"},
		{time.Unix(-1, 500000000), "-0.5"},
		{time.Unix(7, 0), "7"},
		{time.Unix(7, 120), "7.00000012"},
	} {
		got := string(appendPaxTime([]byte("x"), tt.t)[1:])
		back, err := parsePAXTime([]byte(got))
		if got != tt.want || err != nil || !back.Equal(tt.t) {
			t.Errorf("appendPaxTime(%v) = %q (back %v, %v), want %q", tt.t, got, back, err, tt.want)
		}
	}
}

// header builds one raw header block; edit changes it before its
// checksum is computed.
func header(name string, typ byte, size int64, edit func(b []byte)) []byte {
	b := make([]byte, BlockSize)
	copy(b, name)
	copy(b[100:], "0000644\x00")
	copy(b[108:], "0000000\x00")
	copy(b[116:], "0000000\x00")
	putOctalBB(b[124:136], size)
	copy(b[136:], "14000000000\x00")
	b[156] = typ
	copy(b[257:], "ustar\x0000")
	if edit != nil {
		edit(b)
	}
	copy(b[148:156], "        ")
	sum, _ := checksums(b)
	copy(b[148:], []byte(strings.Repeat("0", 6-len(itoa8(sum)))+itoa8(sum)+"\x00"))
	return b
}

func itoa8(n int64) string {
	if n == 0 {
		return "0"
	}
	var s []byte
	for ; n > 0; n >>= 3 {
		s = append([]byte{byte('0' + n&7)}, s...)
	}
	return string(s)
}

func pad(data string) []byte {
	b := []byte(data)
	return append(b, make([]byte, -len(b)&(BlockSize-1))...)
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

var end = make([]byte, 2*BlockSize)

// TestHostile: broken and hostile archives give BusyBox's errors, with
// memory bounded whatever they claim.
func TestHostile(t *testing.T) {
	bigPAX := header("pax", TypeXHeader, MaxPAX+1, nil)
	tests := []struct {
		name    string
		archive []byte
		entries int   // read before the error
		err     error // nil: any TypeError
		warn    string
	}{
		{"empty", nil, 0, ErrShortRead, ""},
		{"partial block", []byte("not a tar file"), 0, ErrMagic, ""},
		{"garbage block", pad(strings.Repeat("garbage", 100)), 0, ErrMagic, ""},
		{"bad checksum", func() []byte { b := header("f", TypeReg, 0, nil); b[0] = 'g'; return cat(b, end) }(), 0, ErrChecksum, ""},
		{"bad octal", cat(header("f", TypeReg, 0, func(b []byte) { copy(b[100:], "09x\x00") }), end), 0, ErrNumber, ""},
		{"negative size", cat(header("f", TypeReg, 0, func(b []byte) { copy(b[124:136], "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xfe") }), end), 0, ErrNumber, ""},
		{"huge size, truncated data", cat(header("f", TypeReg, 0, func(b []byte) { copy(b[124:136], "\x80\x00\x00\x00\x7f\xff\xff\xff\xff\xff\xff\xff") }), pad("data")), 1, ErrShortRead, ""},
		{"truncated data", cat(header("f", TypeReg, 1000, nil), []byte("short")), 1, ErrShortRead, ""},
		{"unknown type", cat(header("f", 'Q', 0, nil), end), 0, nil, ""},
		{"long name too long", cat(header("././@LongLink", TypeGNULongName, MaxLongName+1, nil), end), 0, ErrBadArchive, ""},
		{"long name truncated", cat(header("././@LongLink", TypeGNULongName, 100, nil), []byte("abc")), 0, ErrShortRead, ""},
		{"pax too big", cat(bigPAX, end), 0, ErrShortRead, "warning: skipping header 'x'"},
		{"pax malformed", cat(header("pax", TypeXHeader, 12, nil), pad("99 path=x\nab"), header("f", TypeReg, 0, nil), end), 1, io.EOF, "malformed extended header, skipped"},
		{"pax bad size", cat(header("pax", TypeXHeader, 13, nil), pad("13 size=-100\n"), header("f", TypeReg, 0, nil), end), 0, ErrNumber, ""},
		{"volume header", cat(header("vol", TypeGNUVolHeader, 0, nil), header("f", TypeReg, 0, nil), end), 1, io.EOF, "warning: skipping header 'V'"},
		{"sparse map overflowing", cat(header("f", TypeGNUSparse, 0, func(b []byte) {
			putOctalBB(b[386:398], 0)
			putOctalBB(b[398:410], 100)
			putOctalBB(b[483:495], 10)
		}), end), 0, ErrBadArchive, ""},
		{"sparse 1.0 bad map", cat(header("pax", TypeXHeader, 44, nil),
			pad("22 GNU.sparse.major=1\n22 GNU.sparse.minor=0\n"),
			header("f", TypeReg, 512, nil), pad("9999999999\n"), end), 0, ErrBadArchive, ""},
		{"one end block, then an entry", cat(make([]byte, BlockSize), header("f", TypeReg, 0, nil), end), 1, io.EOF, ""},
		{"end blocks only", end, 0, io.EOF, ""},
		{"no end blocks", header("f", TypeReg, 0, nil), 1, io.EOF, ""},
	}
	for _, tt := range tests {
		var warned []string
		tr := NewReader(bytes.NewReader(tt.archive))
		tr.Warn = func(m string) { warned = append(warned, m) }
		n := 0
		var err error
		for {
			_, err = tr.Next()
			if err != nil {
				break
			}
			n++
			if _, rerr := io.Copy(io.Discard, tr); rerr != nil {
				err = rerr
				break
			}
		}
		var te *TypeError
		switch {
		case tt.err == nil && !errors.As(err, &te), tt.err != nil && err != tt.err, n != tt.entries:
			t.Errorf("%s: %d entries, then %v; want %d, then %v", tt.name, n, err, tt.entries, tt.err)
		}
		if got := strings.Join(warned, "|"); got != tt.warn {
			t.Errorf("%s: warnings %q, want %q", tt.name, got, tt.warn)
		}
	}
}

// TestSignedChecksum: old Sun tars summed signed bytes; BusyBox takes
// either sum.
func TestSignedChecksum(t *testing.T) {
	b := header("\xe9t\xe9", TypeReg, 0, nil)
	_, signed := checksums(b)
	copy(b[148:156], "        ")
	copy(b[148:], strings.Repeat("0", 6-len(itoa8(signed)))+itoa8(signed)+"\x00")
	h, err := NewReader(bytes.NewReader(cat(b, end))).Next()
	if err != nil || h.Name != "\xe9t\xe9" {
		t.Errorf("signed checksum: %v, %v", h, err)
	}
}

// TestOldStyle: v7 headers, and an old regular entry named with a
// trailing slash, which is a directory.
func TestOldStyle(t *testing.T) {
	v7 := header("olddir/", 0, 0, func(b []byte) { copy(b[257:265], make([]byte, 8)) })
	h, err := NewReader(bytes.NewReader(cat(v7, end))).Next()
	if err != nil || h.Type != TypeDir || h.Format != FormatV7 {
		t.Errorf("v7 dir: %+v, %v", h, err)
	}
	lnk := header("link", TypeReg, 0, func(b []byte) { copy(b[157:], "target") })
	h, err = NewReader(bytes.NewReader(cat(lnk, end))).Next()
	if err != nil || h.Type != TypeLink || h.Linkname != "target" {
		t.Errorf("old hard link: %+v, %v", h, err)
	}
	sym := header("sym", TypeSymlink, 42, func(b []byte) { copy(b[157:], "t") })
	archive := cat(sym, header("next", TypeReg, 0, nil), end)
	tr := NewReader(bytes.NewReader(archive))
	h, err = tr.Next()
	if err != nil || h.Size != 0 {
		t.Errorf("symlink with a size: %+v, %v", h, err)
	}
	if h, err = tr.Next(); err != nil || h.Name != "next" {
		t.Errorf("after a symlink with a size: %+v, %v", h, err)
	}
}

// TestPaxGlobal: a global header's records apply to later entries.
func TestPaxGlobal(t *testing.T) {
	g := paxRecord("uname", "glob")
	archive := cat(header("g", TypeXGlobal, int64(len(g)), nil), pad(g), header("a", TypeReg, 0, nil), header("b", TypeReg, 0, nil), end)
	tr := NewReader(bytes.NewReader(archive))
	for _, name := range []string{"a", "b"} {
		h, err := tr.Next()
		if err != nil || h.Name != name || h.Uname != "glob" {
			t.Errorf("%s: %+v, %v", name, h, err)
		}
	}
}

// TestSparse: the old GNU map (with an extension block) and the pax
// maps are read, and Expand gives the file with its holes.
func TestSparse(t *testing.T) {
	// 25 regions: 4 in the header, 21 in one extension block.
	var segs []Segment
	var data, file []byte
	for i := 0; i < 25; i++ {
		segs = append(segs, Segment{int64(i * 100), 3})
		data = append(data, byte('a'+i), byte('a'+i), byte('a'+i))
	}
	file = make([]byte, 2600)
	for i, s := range segs {
		copy(file[s.Offset:], data[3*i:3*i+3])
	}
	old := header("sp", TypeGNUSparse, int64(len(data)), func(b []byte) {
		copy(b[257:], "ustar  \x00")
		for i := 0; i < 4; i++ {
			putOctalBB(b[386+24*i:398+24*i], segs[i].Offset)
			putOctalBB(b[398+24*i:410+24*i], segs[i].Length)
		}
		b[482] = 1
		putOctalBB(b[483:495], 2600)
	})
	ext := make([]byte, BlockSize)
	for i := 0; i < 21; i++ {
		putOctalBB(ext[24*i:24*i+12], segs[4+i].Offset)
		putOctalBB(ext[24*i+12:24*i+24], segs[4+i].Length)
	}
	var m strings.Builder
	m.WriteString("25\n")
	for _, s := range segs {
		m.WriteString(itoa(s.Offset) + "\n" + itoa(s.Length) + "\n")
	}
	mapBlock := pad(m.String())
	pax1 := paxRecord("GNU.sparse.major", "1") + paxRecord("GNU.sparse.minor", "0") +
		paxRecord("GNU.sparse.name", "sp") + paxRecord("GNU.sparse.realsize", "2600")
	var pairs []string
	for _, s := range segs {
		pairs = append(pairs, itoa(s.Offset), itoa(s.Length))
	}
	mapRec := "GNU.sparse.map=" + strings.Join(pairs, ",")
	pax01 := paxRecord("GNU.sparse.size", "2600") + paxRecord("GNU.sparse.numblocks", "25") + paxRecord("GNU.sparse.name", "sp") + paxRecord("GNU.sparse.map", mapRec[len("GNU.sparse.map="):])
	archives := map[string][]byte{
		"old GNU": cat(old, ext, pad(string(data)), end),
		"pax 1.0": cat(header("x", TypeXHeader, int64(len(pax1)), nil), pad(pax1),
			header("GNUSparseFile.0/sp", TypeReg, int64(len(mapBlock)+len(data)), nil), mapBlock, pad(string(data)), end),
		"pax 0.1": cat(header("x", TypeXHeader, int64(len(pax01)), nil), pad(pax01),
			header("GNUSparseFile.0/sp", TypeReg, int64(len(data)), nil), pad(string(data)), end),
	}
	for name, a := range archives {
		tr := NewReader(bytes.NewReader(a))
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if h.Name != "sp" || h.Type != TypeReg || h.RealSize != 2600 || h.FileSize() != 2600 || len(h.Sparse) != 25 || h.Size != int64(len(data)) {
			t.Errorf("%s: %+v", name, h)
		}
		got, err := io.ReadAll(tr.Expand(h))
		if err != nil || !bytes.Equal(got, file) {
			t.Errorf("%s: expanded %d bytes, %v", name, len(got), err)
		}
		if _, err := tr.Next(); err != io.EOF {
			t.Errorf("%s: after: %v", name, err)
		}
	}
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// TestEndOffset: where appended entries go.
func TestEndOffset(t *testing.T) {
	for _, tt := range []struct {
		archive []byte
		want    int64
	}{
		{cat(header("a", TypeReg, 3, nil), pad("abc"), end, end), 1024},
		{cat(header("a", TypeReg, 0, nil)), 512},
		{cat(header("a", TypeReg, 0, nil), make([]byte, BlockSize)), 512},
	} {
		tr := NewReader(bytes.NewReader(tt.archive))
		for {
			if _, err := tr.Next(); err != nil {
				break
			}
		}
		if got := tr.EndOffset(); got != tt.want {
			t.Errorf("EndOffset = %d, want %d", got, tt.want)
		}
	}
}

// TestSeekingReader: a file is skipped by seeking; a file cut inside an
// entry's data is noticed at the next header, as BusyBox notices it.
func TestSeekingReader(t *testing.T) {
	dir := t.TempDir()
	archive := cat(header("a", TypeReg, 3000, nil), pad(strings.Repeat("x", 3000)), header("b", TypeReg, 2, nil), pad("bb"), end)
	path := dir + "/a.tar"
	os.WriteFile(path, archive, 0o644)
	f, _ := os.Open(path)
	defer f.Close()
	tr := NewReader(f)
	if !tr.Seekable() {
		t.Fatal("a file is not seekable")
	}
	h1, _ := tr.Next()
	h2, err := tr.Next()
	if err != nil || h1.Name != "a" || h2.Name != "b" {
		t.Fatalf("%v %v %v", h1, h2, err)
	}
	var out bytes.Buffer
	if n, err := tr.CopyTo(t.Context(), &out, nil); n != 2 || err != nil || out.String() != "bb" {
		t.Errorf("CopyTo: %d, %v, %q", n, err, out.String())
	}
}

// TestCopyToFile: data moves between files by the kernel, and a cut
// archive is ErrShortRead.
func TestCopyToFile(t *testing.T) {
	dir := t.TempDir()
	data := strings.Repeat("0123456789", 10000)
	for _, cut := range []bool{false, true} {
		archive := cat(header("a", TypeReg, int64(len(data)), nil), pad(data), end)
		if cut {
			archive = archive[:BlockSize+5000]
		}
		os.WriteFile(dir+"/a.tar", archive, 0o644)
		in, _ := os.Open(dir + "/a.tar")
		out, _ := os.Create(dir + "/out")
		tr := NewReader(in)
		tr.Next()
		n, err := tr.CopyTo(t.Context(), out, nil)
		in.Close()
		out.Close()
		got, _ := os.ReadFile(dir + "/out")
		switch {
		case !cut && (err != nil || string(got) != data || n != int64(len(data))):
			t.Errorf("copy: %d, %v", n, err)
		case cut && err != ErrShortRead:
			t.Errorf("cut archive: %d, %v", n, err)
		}
	}
}

// TestWriterCopyFrom: the writer's kernel copy, and a file that shrank.
func TestWriterCopyFrom(t *testing.T) {
	dir := t.TempDir()
	data := strings.Repeat("abcdefgh", 20000)
	os.WriteFile(dir+"/src", []byte(data), 0o644)
	out, _ := os.Create(dir + "/out.tar")
	tw := NewWriter(out)
	src, _ := os.Open(dir + "/src")
	tw.WriteHeader(&Header{Type: TypeReg, Name: "big", Size: int64(len(data)) + 100, ModTime: fixed})
	n, err := tw.CopyFrom(t.Context(), src, int64(len(data))+100, nil)
	if err != nil || n != int64(len(data)) {
		t.Fatalf("CopyFrom: %d, %v", n, err)
	}
	if err := tw.FillZeros(); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	f, _ := os.Open(dir + "/out.tar")
	defer f.Close()
	tr := NewReader(f)
	h, err := tr.Next()
	got, _ := io.ReadAll(tr)
	if err != nil || h.Size != int64(len(data))+100 || string(got) != data+string(make([]byte, 100)) {
		t.Errorf("read back: %v, %d bytes", err, len(got))
	}
}

// TestWriterErrors: too much data, too little, and a sticky write
// error.
func TestWriterErrors(t *testing.T) {
	tw := NewWriter(io.Discard)
	tw.WriteHeader(&Header{Type: TypeReg, Name: "f", Size: 2})
	if _, err := tw.Write([]byte("abc")); err != ErrWriteTooLong {
		t.Errorf("too long: %v", err)
	}
	if err := tw.WriteHeader(&Header{Type: TypeReg, Name: "g"}); err != ErrMissedData {
		t.Errorf("missed data: %v", err)
	}
	failing := errWriter{}
	tw = NewWriter(failing)
	tw.WriteHeader(&Header{Type: TypeReg, Name: "f"})
	if err := tw.Close(); err == nil {
		t.Error("a failing writer's Close succeeded")
	}
}

type errWriter struct{}

func (errWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestPaxRecords: how extended headers' records combine, now that they
// are kept in a reused buffer rather than a map per entry: a record
// given again (in the same header or a later one) replaces the earlier,
// an entry's records override the global ones, an empty global value
// unsets one, records end with their entry, and the repeated records
// of a 0.0 sparse map are joined.
func TestPaxRecords(t *testing.T) {
	x := func(recs ...string) []byte {
		data := strings.Join(recs, "")
		return cat(header("x", TypeXHeader, int64(len(data)), nil), pad(data))
	}
	g := func(recs ...string) []byte {
		data := strings.Join(recs, "")
		return cat(header("g", TypeXGlobal, int64(len(data)), nil), pad(data))
	}
	rec := paxRecord
	file := func(name string) []byte {
		return header(name, TypeReg, 0, func(b []byte) { copy(b[257:], "ustar\x0000"); copy(b[265:], "own") })
	}
	type want struct {
		name, uname string
		uid         int
		mtime       time.Time
	}
	for _, tt := range []struct {
		name    string
		archive []byte
		want    []want
	}{
		{"later header wins", cat(x(rec("path", "a"), rec("uid", "7")), x(rec("path", "b")), file("f"), end),
			[]want{{"b", "own", 7, time.Unix(0o14000000000, 0)}}},
		{"later record wins", cat(x(rec("path", "a"), rec("path", "bb"), rec("uid", "+5")), file("f"), end),
			[]want{{"bb", "own", 5, time.Unix(0o14000000000, 0)}}},
		{"records end with their entry", cat(x(rec("path", "a"), rec("uname", "u1"), rec("mtime", "-1.25")), file("f"), file("g"), end),
			[]want{{"a", "u1", 0, time.Unix(-2, 750000000)}, {"g", "own", 0, time.Unix(0o14000000000, 0)}}},
		{"global, overridden, unset", cat(g(rec("uname", "glob"), rec("path", "ignored")), file("a"), x(rec("uname", "mine")), file("b"), g(rec("uname", "")), file("c"), end),
			[]want{{"a", "glob", 0, time.Unix(0o14000000000, 0)}, {"b", "mine", 0, time.Unix(0o14000000000, 0)}, {"c", "own", 0, time.Unix(0o14000000000, 0)}}},
		{"global replaced", cat(g(rec("uname", "g1")), g(rec("uname", "g2")), file("a"), end),
			[]want{{"a", "g2", 0, time.Unix(0o14000000000, 0)}}},
	} {
		tr := NewReader(bytes.NewReader(tt.archive))
		for _, w := range tt.want {
			h, err := tr.Next()
			if err != nil || h.Name != w.name || h.Uname != w.uname || h.UID != w.uid || !h.ModTime.Equal(w.mtime) {
				t.Errorf("%s: got %+v, %v; want %+v", tt.name, h, err, w)
			}
		}
		if _, err := tr.Next(); err != io.EOF {
			t.Errorf("%s: after the entries: %v, want EOF", tt.name, err)
		}
	}
	for _, bad := range []string{"-5", "5x", "", "99999999999999999999", "+"} {
		archive := cat(x(rec("uid", bad)), file("f"), end)
		if _, err := NewReader(bytes.NewReader(archive)).Next(); err != ErrNumber {
			t.Errorf("uid=%q: %v, want ErrNumber", bad, err)
		}
	}
	for _, bad := range []string{"-+1", "1.x", "x"} {
		archive := cat(x(rec("mtime", bad)), file("f"), end)
		if _, err := NewReader(bytes.NewReader(archive)).Next(); err != ErrNumber {
			t.Errorf("mtime=%q: %v, want ErrNumber", bad, err)
		}
	}
	// A 0.0 sparse map: GNU.sparse.offset and numbytes repeated.
	sp := rec("GNU.sparse.size", "10") + rec("GNU.sparse.offset", "0") + rec("GNU.sparse.numbytes", "2") +
		rec("GNU.sparse.offset", "8") + rec("GNU.sparse.numbytes", "2")
	archive := cat(x(sp), header("s", TypeReg, 4, nil), pad("abcd"), end)
	h, err := NewReader(bytes.NewReader(archive)).Next()
	if err != nil || h.RealSize != 10 || !slices.Equal(h.Sparse, []Segment{{0, 2}, {8, 2}}) {
		t.Errorf("0.0 sparse map: %+v, %v", h, err)
	}
}

// TestPaxGlobalBounded: global headers that set the same record again
// and again do not grow the reader's memory.
func TestPaxGlobalBounded(t *testing.T) {
	var parts [][]byte
	for i := range 2000 {
		data := paxRecord("uname", fmt.Sprintf("user%d", i)) + paxRecord("comment", strings.Repeat("c", 400))
		parts = append(parts, header("g", TypeXGlobal, int64(len(data)), nil), pad(data))
	}
	parts = append(parts, header("f", TypeReg, 0, nil), end)
	tr := NewReader(bytes.NewReader(cat(parts...)))
	h, err := tr.Next()
	if err != nil || h.Uname != "user1999" {
		t.Fatalf("%+v, %v", h, err)
	}
	if n := cap(tr.global.data); n > 8192 {
		t.Errorf("global records buffer: %d bytes after 2,000 headers, want at most 8192", n)
	}
}
