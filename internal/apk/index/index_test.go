package index

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/apktest"
	"gobox/internal/apk/gzmember"
	"gobox/internal/apk/sign"
)

func readText(t *testing.T, archive []byte) []byte {
	t.Helper()
	gz := gzmember.NewReader(bytes.NewReader(archive))
	var text []byte
	for gz.Next() == nil {
		tr := apktar.NewReader(gz)
		for {
			h, err := tr.Next()
			if err != nil {
				break
			}
			if h.Name == "APKINDEX" {
				text, _ = tr.ReadAll(1 << 30)
			}
		}
		for {
			if _, err := gz.Read(make([]byte, 4096)); err != nil {
				break
			}
		}
	}
	return text
}

// TestRealIndexes: Alpine's signed indexes verify with Alpine's keys, the
// RSA256 one with its key, and their text writes back byte for byte.
func TestRealIndexes(t *testing.T) {
	fx := apktest.Fixtures(t)
	for _, tc := range []struct {
		file, keys, desc string
		n                int
	}{
		{"alpine/APKINDEX-v3.16-x86_64.tar.gz", "keys/alpine", "v3.16.3-13-g4d933a1fa3", 4929},
		{"alpine/APKINDEX-v3.17-aarch64.tar.gz", "keys/alpine", "v3.17.3-216-g54a39ace82a", 5004},
		{"apko/APKINDEX-rsa256.tar.gz", "keys/apko-test", "", 1},
		{"repos/basic/x86_64/APKINDEX.tar.gz", "keys/test", "gobox test repo basic", 7},
	} {
		data := apktest.Read(t, tc.file)
		a, err := ReadArchive(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		if a.Description != tc.desc || len(a.Index.Packages) != tc.n || a.Index.Old {
			t.Errorf("%s: description %q, %d packages", tc.file, a.Description, len(a.Index.Packages))
		}
		if err := a.Verify(sign.LoadDir(filepath.Join(fx, tc.keys))); err != nil {
			t.Errorf("%s: %v", tc.file, err)
		}
		if err := a.Verify(sign.NewKeyring()); !errors.Is(err, sign.ErrUntrusted) {
			t.Errorf("%s without keys: %v", tc.file, err)
		}
		var out bytes.Buffer
		a.Index.Write(&out)
		if want := readText(t, data); !bytes.Equal(out.Bytes(), want) {
			t.Errorf("%s: text not written back byte for byte", tc.file)
		}
		for _, off := range []int{len(data) / 3, len(data) / 2, len(data) - 30} {
			d := append([]byte(nil), data...)
			d[off] ^= 0x20
			a, err := ReadArchive(bytes.NewReader(d))
			if err == nil {
				err = a.Verify(sign.LoadDir(filepath.Join(fx, tc.keys)))
			}
			if err == nil {
				t.Errorf("%s with byte %d changed: verified", tc.file, off)
			}
		}
	}
	a, _ := ReadArchive(bytes.NewReader(apktest.Read(t, "apko/APKINDEX-rsa256.tar.gz")))
	if p := a.Index.Packages[0]; p.Checksum != "Q1LLq2qDNrS/qRnhxQ3hsY/sHbQnc=" || p.Name != "alpine-baselayout" {
		t.Errorf("rsa256 index lists %+v", p)
	}
}

// TestWriteSigned: an index written and signed with the test key reads
// back and verifies with its public half, and fails with another key.
func TestWriteSigned(t *testing.T) {
	priv, err := sign.ParsePrivateKey(apktest.Read(t, "keys/test/gobox-test@example.org-00000001.rsa"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := Parse(strings.NewReader(basicText))
	if err != nil {
		t.Fatal(err)
	}
	for _, alg := range []sign.Alg{sign.RSA, sign.RSA256} {
		var out bytes.Buffer
		s := &Signer{Key: priv, Name: "test.rsa.pub", Alg: alg}
		if err := WriteArchive(&out, idx, "my repo", 1700000000, s); err != nil {
			t.Fatal(err)
		}
		a, err := ReadArchive(&out)
		if err != nil {
			t.Fatal(err)
		}
		keys := sign.NewKeyring()
		keys.Add("test.rsa.pub", &priv.PublicKey)
		if err := a.Verify(keys); err != nil || a.Description != "my repo" {
			t.Errorf("%s: %v %q", alg, err, a.Description)
		}
		var text bytes.Buffer
		a.Index.Write(&text)
		if text.String() != basicText {
			t.Errorf("%s: text %q", alg, text.String())
		}
		other, _ := sign.ParsePublicKey(apktest.Read(t, "keys/test/untrusted-other.rsa.pub"))
		keys.Add("test.rsa.pub", other)
		if err := a.Verify(keys); !errors.Is(err, sign.ErrBad) {
			t.Errorf("%s with the wrong key: %v", alg, err)
		}
	}
}

const basicText = `C:Q19zt386xZiODKDlJZvqiI4GK2ndE=
P:hello
V:1.0-r0
A:x86_64
S:1727
I:12288
T:Test program that says hello
U:https://example.org/hello
L:MIT
o:hello
m:Gobox Test <test@example.org>
t:1700000000
D:libhello /bin/sh
p:cmd:hello=1.0-r0

C:Q1abc
P:meta
V:1
S:0
I:0
T:
U:
L:
k:10
i:a b=1

`

func TestParseRules(t *testing.T) {
	idx, err := Parse(strings.NewReader("P:a\nV:1\nX:new\n\nP:b\nV:2\nx:new\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !idx.Old || !idx.Packages[0].UnknownUpper || idx.Packages[1].UnknownUpper || !idx.Packages[1].Unknown {
		t.Errorf("unknown fields: %+v %+v", idx.Packages[0], idx.Packages[1])
	}
	if _, err := Parse(strings.NewReader("P:a\nbad line\n")); err != ErrFormat {
		t.Errorf("bad line: %v", err)
	}
	if _, err := ReadArchive(strings.NewReader("not gzip")); err != ErrIO {
		t.Errorf("not gzip: %v", err)
	}
	for _, tc := range []struct {
		in   string
		want []byte
	}{
		{"Q1LLq2qDNrS/qRnhxQ3hsY/sHbQnc=", []byte{0x2c, 0xba, 0xb6, 0xa8, 0x33, 0x6b, 0x4b, 0xfa, 0x91, 0x9e, 0x1c, 0x50, 0xde, 0x1b, 0x18, 0xfe, 0xc1, 0xdb, 0x42, 0x77}},
		{"X12cbab6a8336b4bfa919e1c50de1b18fec1db4277", []byte{0x2c, 0xba, 0xb6, 0xa8, 0x33, 0x6b, 0x4b, 0xfa, 0x91, 0x9e, 0x1c, 0x50, 0xde, 0x1b, 0x18, 0xfe, 0xc1, 0xdb, 0x42, 0x77}},
		{"Q2abc", nil},
		{"", nil},
	} {
		if got := DecodeChecksum(tc.in); !bytes.Equal(got, tc.want) {
			t.Errorf("DecodeChecksum(%q) = %x", tc.in, got)
		}
	}
	if got := EncodeChecksum(DecodeChecksum("X12cbab6a8336b4bfa919e1c50de1b18fec1db4277")); got != "Q1LLq2qDNrS/qRnhxQ3hsY/sHbQnc=" {
		t.Errorf("EncodeChecksum = %s", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(basicText))
	f.Fuzz(func(t *testing.T, data []byte) {
		idx, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		idx.Write(&out)
		idx2, err := Parse(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("re-reading: %v", err)
		}
		var out2 bytes.Buffer
		idx2.Write(&out2)
		if !bytes.Equal(out.Bytes(), out2.Bytes()) {
			t.Fatalf("write is not stable")
		}
	})
}

func FuzzReadArchive(f *testing.F) {
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := ReadArchive(bytes.NewReader(data)); err == nil {
			a.Verify(sign.NewKeyring())
		}
	})
}
