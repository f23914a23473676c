package codec

import (
	"bytes"
	"testing"
)

// TestXzLzma: the xz and lzma entries read what their writers write and
// word damaged input as Errors.
func TestXzLzma(t *testing.T) {
	data := bytes.Repeat([]byte("codec table\n"), 1000)
	for _, name := range []string{"xz", "lzma"} {
		c := ByName(name)
		var buf bytes.Buffer
		w, err := c.Writer(&buf, 0)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if name == "xz" && Detect(buf.Bytes()) != c {
			t.Errorf("xz output not detected as xz")
		}
		got, err := readAll(t, name, buf.Bytes())
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s round trip: %d bytes, %v", name, len(got), err)
		}
		_, err = readAll(t, name, buf.Bytes()[:buf.Len()/2])
		if _, ok := err.(Error); !ok {
			t.Errorf("%s cut: %v, want an Error", name, err)
		}
	}
	if _, err := readAll(t, "xz", []byte("not xz")); err != Error("invalid magic") {
		t.Errorf("not xz: %v", err)
	}
	if _, err := readAll(t, "lzma", []byte("\xffnot lzma at all")); err != Error("bad lzma header") {
		t.Errorf("not lzma: %v", err)
	}
	if BySuffix("a.txz") != ByName("xz") || BySuffix("a.tar.lzma") != ByName("lzma") {
		t.Errorf("suffixes")
	}
}
