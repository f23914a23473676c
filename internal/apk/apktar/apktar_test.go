package apktar

import (
	"bytes"
	"io"
	"testing"
)

func TestWriteRead(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.WriteFile("a", 0644, 1700000000, []byte("hello"))
	long := string(bytes.Repeat([]byte("n"), 150))
	w.WriteFile(long, 0755, 0, nil)
	w.Close()
	r := NewReader(&b)
	h, err := r.Next()
	if err != nil || h.Name != "a" || h.Size != 5 || h.Mode != 0644 || h.ModTime != 1700000000 {
		t.Fatalf("%+v %v", h, err)
	}
	data, _ := io.ReadAll(r)
	if string(data) != "hello" {
		t.Errorf("data %q", data)
	}
	if h, err := r.Next(); err != nil || h.Name != long {
		t.Fatalf("long name: %v %v", h, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("end: %v", err)
	}
	if err := r.Trailer(); err != nil {
		t.Errorf("trailer: %v", err)
	}
}

func TestTrailerAfterEnd(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.WriteFile("a", 0644, 0, []byte("x"))
	w.Close()
	b.Write(make([]byte, 512))
	b.WriteString("junk")
	b.Write(make([]byte, 508))
	r := NewReader(&b)
	r.Next()
	if _, err := r.Next(); err != io.EOF {
		t.Fatal(err)
	}
	if err := r.Trailer(); err != ErrBadArchive {
		t.Errorf("data after the end: %v, want BAD archive", err)
	}
}

func FuzzReader(f *testing.F) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.WriteFile("a", 0644, 0, []byte("x"))
	w.Close()
	f.Add(b.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data))
		for i := 0; i < 1000; i++ {
			if _, err := r.Next(); err != nil {
				break
			}
			io.Copy(io.Discard, r)
		}
		r.Trailer()
	})
}
