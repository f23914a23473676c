package sign

import (
	"crypto/sha1"
	"testing"

	"gobox/internal/apk/apktest"
)

func TestKeysAndSignatures(t *testing.T) {
	priv, err := ParsePrivateKey(apktest.Read(t, "keys/test/gobox-test@example.org-00000001.rsa"))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(apktest.Read(t, "keys/test/gobox-test@example.org-00000001.rsa.pub"))
	if err != nil || pub.N.Cmp(priv.N) != 0 {
		t.Fatalf("public key %v", err)
	}
	if again, err := ParsePublicKey(MarshalPublicKey(pub)); err != nil || again.N.Cmp(pub.N) != 0 {
		t.Errorf("MarshalPublicKey does not read back: %v", err)
	}
	for _, f := range []string{"alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub", "alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub"} {
		if k, err := ParsePublicKey(apktest.Read(t, "keys/alpine/"+f)); err != nil || k.N.BitLen() != 4096 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := ParsePublicKey([]byte("not pem")); err != ErrKey {
		t.Errorf("not pem: %v", err)
	}
	d := sha1.Sum([]byte("data"))
	sig, err := Sign(priv, RSA, d[:])
	if err != nil {
		t.Fatal(err)
	}
	k := NewKeyring()
	k.Add("k.rsa.pub", pub)
	digest := func(Alg) []byte { return d[:] }
	for _, tc := range []struct {
		sigs []Signature
		want error
	}{
		{[]Signature{{RSA, "k.rsa.pub", sig}}, nil},
		{[]Signature{{RSA, "other.rsa.pub", sig}}, ErrUntrusted},
		{[]Signature{{"DSA", "k.rsa.pub", sig}, {RSA, "k.rsa.pub", sig}}, nil},
		{[]Signature{{RSA, "k.rsa.pub", append([]byte{1}, sig[1:]...)}}, ErrBad},
		{nil, ErrUntrusted},
	} {
		if err := k.Verify(tc.sigs, digest); err != tc.want {
			t.Errorf("Verify(%d sigs) = %v, want %v", len(tc.sigs), err, tc.want)
		}
	}
	if a, key, ok := ParseEntryName(".SIGN.RSA256.x.rsa.pub"); !ok || a != RSA256 || key != "x.rsa.pub" {
		t.Errorf("ParseEntryName: %v %v %v", a, key, ok)
	}
}
