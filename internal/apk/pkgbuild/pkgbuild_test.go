package pkgbuild

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/apktest"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgfile"
	"gobox/internal/apk/pkginfo"
	"gobox/internal/apk/sign"
)

func testSigner(t *testing.T) (*index.Signer, *sign.Keyring) {
	fx := apktest.Fixtures(t)
	key := filepath.Join(fx, "keys/test/gobox-test@example.org-00000001.rsa")
	data, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := sign.ParsePrivateKey(data)
	if err != nil {
		t.Fatal(err)
	}
	return &index.Signer{Key: priv, Name: filepath.Base(key) + ".pub", Alg: sign.RSA}, sign.LoadDir(filepath.Join(fx, "keys/test"))
}

func sample() *Package {
	return &Package{
		Info: pkginfo.Info{Name: "demo", Version: "1.0-r0", Description: "demo package", Arch: "x86_64",
			License: "MIT", Depends: []string{"/bin/sh"}, Provides: []string{"cmd:demo=1.0-r0"}},
		Files: []File{
			{Name: "usr/bin/demo", Type: apktar.TypeReg, Mode: 0o755, Data: []byte("#!/bin/sh\necho demo\n")},
			{Name: "usr/bin/dm", Type: apktar.TypeSymlink, Link: "demo"},
			{Name: "usr/share/demo/" + strings.Repeat("long", 30), Type: apktar.TypeReg, Mode: 0o644, Data: []byte("x")},
			{Name: "var/lib/demo", Type: apktar.TypeDir, Mode: 0o750},
		},
		Scripts: map[string][]byte{"post-install": []byte("#!/bin/sh\ntrue\n")},
		MTime:   1700000000,
	}
}

// TestRoundTrip: what Write makes, the package reader reads back: the
// signature verifies with the key, the datahash matches the data part,
// every file and symlink carries its SHA-1, parents come first.
func TestRoundTrip(t *testing.T) {
	s, keys := testSigner(t)
	var buf bytes.Buffer
	res, err := Write(&buf, sample(), s)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pkgfile.NewReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	type seen struct {
		typ  byte
		sum  string
		data string
	}
	got := map[string]seen{}
	var order []string
	for {
		h, err := p.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		got[h.Name] = seen{h.Type, hex.EncodeToString(h.Checksum), string(data)}
		order = append(order, h.Name)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Verify(keys); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if !bytes.Equal(p.Identity(), res.Identity) || p.Info.DataHash != hex.EncodeToString(p.DataSum()) {
		t.Errorf("identity %x vs %x, datahash %s vs %x", p.Identity(), res.Identity, p.Info.DataHash, p.DataSum())
	}
	if p.Info.Name != "demo" || p.Info.Size != 2*4096 || p.Info.BuildDate != 1700000000 || len(p.Scripts) != 1 {
		t.Errorf("info %+v scripts %d", p.Info, len(p.Scripts))
	}
	want := strings.Join([]string{"usr/", "usr/bin/", "usr/bin/demo", "usr/bin/dm", "usr/share/", "usr/share/demo/",
		"usr/share/demo/" + strings.Repeat("long", 30), "var/", "var/lib/", "var/lib/demo/"}, " ")
	if g := strings.Join(order, " "); g != want {
		t.Errorf("order\n%s\nwant\n%s", g, want)
	}
	sum := func(s string) string { h := sha1.Sum([]byte(s)); return hex.EncodeToString(h[:]) }
	if g := got["usr/bin/demo"]; g.sum != sum("#!/bin/sh\necho demo\n") || g.data != "#!/bin/sh\necho demo\n" {
		t.Errorf("demo %+v", g)
	}
	if g := got["usr/bin/dm"]; g.typ != apktar.TypeSymlink || g.sum != sum("demo") {
		t.Errorf("dm %+v", g)
	}
	// Unsigned: no signature member, the same identity.
	buf.Reset()
	res2, err := Write(&buf, sample(), nil)
	if err != nil || !bytes.Equal(res2.Identity, res.Identity) {
		t.Fatalf("unsigned: %v %x", err, res2.Identity)
	}
	p, _ = pkgfile.NewReader(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := p.Next(); err != nil {
			break
		}
	}
	p.Close()
	if err := p.Verify(keys); !errors.Is(err, sign.ErrUntrusted) {
		t.Errorf("unsigned verifies: %v", err)
	}
}
