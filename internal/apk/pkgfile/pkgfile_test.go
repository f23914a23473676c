package pkgfile

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/apk/sign"
)

const baselayout = "alpine/alpine-baselayout-3.2.0-r23.apk"

func readAll(t *testing.T, data []byte, keys *sign.Keyring) (*Reader, []string, error) {
	t.Helper()
	p, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	var names []string
	for {
		h, err := p.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p, names, err
		}
		names = append(names, h.Name)
		io.Copy(io.Discard, p)
	}
	if err := p.Close(); err != nil {
		return p, names, err
	}
	return p, names, p.Verify(keys)
}

// TestRealPackage: the real Alpine package parses, has the identity and
// datahash apk.md 2.5 gives, and verifies with Alpine's keys.
func TestRealPackage(t *testing.T) {
	fx := apktest.Fixtures(t)
	data := apktest.Read(t, baselayout)
	keys := sign.LoadDir(filepath.Join(fx, "keys/alpine"))
	p, names, err := readAll(t, data, keys)
	if err != nil {
		t.Fatal(err)
	}
	if got := "Q1" + base64.StdEncoding.EncodeToString(p.Identity()); got != "Q1LLq2qDNrS/qRnhxQ3hsY/sHbQnc=" {
		t.Errorf("identity %s", got)
	}
	if got := hex.EncodeToString(p.DataSum()); got != "1a3a8e47d2287da6d505d973412cee1ad64bcc17bc5995069e4e932055ecb0c4" {
		t.Errorf("datahash %s", got)
	}
	if p.Info.Name != "alpine-baselayout" || p.Info.Version != "3.2.0-r23" || len(p.Signatures) != 1 ||
		p.Signatures[0].Key != "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub" || p.Signatures[0].Alg != sign.RSA {
		t.Errorf("info %+v sigs %+v", p.Info, p.Signatures)
	}
	var types []string
	for _, s := range p.Scripts {
		types = append(types, s.Type)
	}
	if len(types) != 4 || names[0] != "dev/" {
		t.Errorf("scripts %v, first entry %q", types, names[0])
	}
	// Untrusted without the key.
	if _, _, err := readAll(t, data, sign.LoadDir(filepath.Join(fx, "keys/test"))); !errors.Is(err, sign.ErrUntrusted) {
		t.Errorf("without Alpine's keys: %v, want UNTRUSTED", err)
	}
}

// TestOneByteChanged: a change of one byte anywhere makes the package
// fail: BAD signature, IO ERROR or BAD archive, never OK.
func TestOneByteChanged(t *testing.T) {
	fx := apktest.Fixtures(t)
	data := apktest.Read(t, baselayout)
	keys := sign.LoadDir(filepath.Join(fx, "keys/alpine"))
	for _, off := range []int{20, 300, 665, 700, 1500, 2228, 2400, 6000, 10990} {
		d := append([]byte(nil), data...)
		d[off] ^= 0x01
		if _, _, err := readAll(t, d, keys); err == nil {
			t.Errorf("byte %d changed: verified", off)
		}
	}
	// Appended garbage after the last member is refused too.
	if _, _, err := readAll(t, append(append([]byte(nil), data...), "junk"...), keys); err == nil {
		t.Errorf("trailing garbage: verified")
	}
}

func TestTestRepos(t *testing.T) {
	keys := sign.NewKeyring()
	const name = "gobox-test@example.org-00000001.rsa.pub"
	pub, err := sign.ParsePublicKey(apktest.Read(t, "keys/test/"+name))
	if err != nil {
		t.Fatal(err)
	}
	keys.Add(name, pub)
	for _, tc := range []struct {
		file string
		want error
	}{
		{"repos/basic/x86_64/hello-1.0-r0.apk", nil},
		{"repos/sigtest/x86_64/rsa256-1.0-r0.apk", nil},
		{"repos/sigtest/x86_64/nodatahash-1.0-r0.apk", nil},
		{"repos/sigtest/x86_64/unsigned-1.0-r0.apk", sign.ErrUntrusted},
		{"repos/sigtest/x86_64/otherkey-1.0-r0.apk", sign.ErrUntrusted},
		{"repos/sigtest/x86_64/corrupt-1.0-r0.apk", sign.ErrBad},
		{"repos/sigtest/x86_64/corruptgz-1.0-r0.apk", ErrIO},
	} {
		_, _, err := readAll(t, apktest.Read(t, tc.file), keys)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.file, err, tc.want)
		}
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := 0; i < 1000; i++ {
			if _, err := p.Next(); err != nil {
				break
			}
			io.Copy(io.Discard, p)
		}
		p.Close()
		p.Verify(sign.NewKeyring())
	})
}
