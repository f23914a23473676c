// Package sign verifies and makes the RSA signatures of apk's v2 packages
// and indexes: PKCS#1 v1.5 over a SHA-1 (".SIGN.RSA."), SHA-256
// (".SIGN.RSA256.") or SHA-512 (".SIGN.RSA512.") digest, with public keys
// read from a keys directory (/etc/apk/keys) whose file names are the key
// names the signatures carry.
//
// Keys are parsed with encoding/asn1, not crypto/x509: x509 would link
// net and its init work into every applet's start-up (see
// ../shared/docs/dependencies.md section 0).
package sign

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/asn1"
	"encoding/pem"
	"hash"
	"math/big"
	"os"
	"path/filepath"
	"strings"
)

// Error is a verification error; its text is apk's (apk.md section 10).
type Error string

func (e Error) Error() string { return string(e) }

// Errors in apk's words. Constants, so that no code runs at start-up.
const (
	ErrUntrusted = Error("UNTRUSTED signature")
	ErrBad       = Error("BAD signature")
	ErrKey       = Error("cryptocraphic library error") // sic, apk's spelling
)

// Alg is a signature algorithm: the word after ".SIGN." in an entry name.
type Alg string

// The algorithms apk 2.14 knows.
const (
	RSA    Alg = "RSA"
	RSA256 Alg = "RSA256"
	RSA512 Alg = "RSA512"
)

// Prefix starts the name of every signature entry.
const Prefix = ".SIGN."

// ParseEntryName splits a signature entry name ".SIGN.<ALG>.<keyname>".
// ok is false for a name that is no signature entry.
func ParseEntryName(name string) (alg Alg, key string, ok bool) {
	rest, ok := strings.CutPrefix(name, Prefix)
	if !ok {
		return "", "", false
	}
	a, key, ok := strings.Cut(rest, ".")
	return Alg(a), key, ok
}

// EntryName returns the entry name of a signature made with key.
func EntryName(alg Alg, key string) string { return Prefix + string(alg) + "." + key }

// Known reports whether apk can check signatures of this algorithm.
func (a Alg) Known() bool { return a.Hash() != 0 }

// Hash returns the digest the algorithm signs, or 0 for an unknown one.
func (a Alg) Hash() crypto.Hash {
	switch a {
	case RSA:
		return crypto.SHA1
	case RSA256:
		return crypto.SHA256
	case RSA512:
		return crypto.SHA512
	}
	return 0
}

// New returns a new hash of the algorithm's digest, or nil.
func (a Alg) New() hash.Hash {
	switch a {
	case RSA:
		return sha1.New()
	case RSA256:
		return sha256.New()
	case RSA512:
		return sha512.New()
	}
	return nil
}

// Signature is one signature entry of a package or index.
type Signature struct {
	Alg  Alg
	Key  string // the key's file name in the keys directory
	Data []byte // the raw signature
}

// Keyring is a set of trusted public keys by file name.
type Keyring struct {
	keys map[string]*rsa.PublicKey
	dir  string
	// bad remembers names that failed to load, so they are read once.
	bad map[string]bool
}

// NewKeyring returns an empty keyring. Add keys with Add; LoadDir makes
// one that reads a directory lazily.
func NewKeyring() *Keyring {
	return &Keyring{keys: map[string]*rsa.PublicKey{}, bad: map[string]bool{}}
}

// LoadDir returns a keyring of the keys in dir. Keys are read on first
// use, so a command that checks nothing reads no key; a missing
// directory is an empty keyring, as for apk.
func LoadDir(dir string) *Keyring {
	k := NewKeyring()
	k.dir = dir
	return k
}

// Add trusts pub under name.
func (k *Keyring) Add(name string, pub *rsa.PublicKey) { k.keys[name] = pub }

// Key returns the trusted key called name, or nil.
func (k *Keyring) Key(name string) *rsa.PublicKey {
	if k == nil {
		return nil
	}
	if pub, ok := k.keys[name]; ok {
		return pub
	}
	if k.dir == "" || k.bad[name] || name == "" || strings.ContainsRune(name, '/') || name == "." || name == ".." {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(k.dir, name))
	if err != nil {
		k.bad[name] = true
		return nil
	}
	pub, err := ParsePublicKey(data)
	if err != nil {
		k.bad[name] = true
		return nil
	}
	k.keys[name] = pub
	return pub
}

// Verify checks a signed object against the keyring. sigs are its
// signature entries in order; digest returns the digest of the signed
// bytes for an algorithm. As apk does, it uses the first signature whose
// algorithm is known and whose key is trusted: ErrUntrusted when none
// is, ErrBad when that one does not verify.
func (k *Keyring) Verify(sigs []Signature, digest func(Alg) []byte) error {
	for _, s := range sigs {
		if !s.Alg.Known() {
			continue
		}
		pub := k.Key(s.Key)
		if pub == nil {
			continue
		}
		d := digest(s.Alg)
		if d == nil {
			return ErrBad
		}
		if rsa.VerifyPKCS1v15(pub, s.Alg.Hash(), d, s.Data) != nil {
			return ErrBad
		}
		return nil
	}
	return ErrUntrusted
}

// Sign signs digest (of alg's hash) with priv.
func Sign(priv *rsa.PrivateKey, alg Alg, digest []byte) ([]byte, error) {
	return rsa.SignPKCS1v15(nil, priv, alg.Hash(), digest)
}

// oidRSA is the object identifier of RSA keys (a function, not a
// package variable, so that nothing is built at start-up).
func oidRSA() asn1.ObjectIdentifier { return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1} }

type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type subjectPublicKeyInfo struct {
	Algorithm algorithmIdentifier
	PublicKey asn1.BitString
}

type pkcs1PublicKey struct {
	N *big.Int
	E int
}

type pkcs8 struct {
	Version    int
	Algorithm  algorithmIdentifier
	PrivateKey []byte
}

type pkcs1PrivateKey struct {
	Version int
	N       *big.Int
	E       int
	D       *big.Int
	P       *big.Int
	Q       *big.Int
	Dp      *big.Int `asn1:"optional"`
	Dq      *big.Int `asn1:"optional"`
	Qinv    *big.Int `asn1:"optional"`
}

// ParsePublicKey parses a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) or
// "RSA PUBLIC KEY" (PKCS#1) holding an RSA key.
func ParsePublicKey(data []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, ErrKey
	}
	der := block.Bytes
	if block.Type == "PUBLIC KEY" {
		var spki subjectPublicKeyInfo
		if rest, err := asn1.Unmarshal(der, &spki); err != nil || len(rest) != 0 {
			return nil, ErrKey
		}
		if !spki.Algorithm.Algorithm.Equal(oidRSA()) {
			return nil, ErrKey
		}
		der = spki.PublicKey.RightAlign()
	} else if block.Type != "RSA PUBLIC KEY" {
		return nil, ErrKey
	}
	var pk pkcs1PublicKey
	if rest, err := asn1.Unmarshal(der, &pk); err != nil || len(rest) != 0 {
		return nil, ErrKey
	}
	if pk.N == nil || pk.N.Sign() <= 0 || pk.E < 3 || pk.E&1 == 0 {
		return nil, ErrKey
	}
	return &rsa.PublicKey{N: pk.N, E: pk.E}, nil
}

// ParsePrivateKey parses a PEM "PRIVATE KEY" (PKCS#8, what openssl
// genpkey and abuild-keygen write) or "RSA PRIVATE KEY" (PKCS#1).
func ParsePrivateKey(data []byte) (*rsa.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, ErrKey
	}
	der := block.Bytes
	switch block.Type {
	case "PRIVATE KEY":
		var p8 pkcs8
		if _, err := asn1.Unmarshal(der, &p8); err != nil || !p8.Algorithm.Algorithm.Equal(oidRSA()) {
			return nil, ErrKey
		}
		der = p8.PrivateKey
	case "RSA PRIVATE KEY":
	default:
		return nil, ErrKey
	}
	var k pkcs1PrivateKey
	if _, err := asn1.Unmarshal(der, &k); err != nil || k.N == nil || k.D == nil || k.P == nil || k.Q == nil {
		return nil, ErrKey
	}
	priv := &rsa.PrivateKey{
		PublicKey: rsa.PublicKey{N: k.N, E: k.E},
		D:         k.D,
		Primes:    []*big.Int{k.P, k.Q},
	}
	if err := priv.Validate(); err != nil {
		return nil, ErrKey
	}
	priv.Precompute()
	return priv, nil
}

// MarshalPublicKey returns pub as a PEM "PUBLIC KEY", as apk's key files
// hold it.
func MarshalPublicKey(pub *rsa.PublicKey) []byte {
	inner, _ := asn1.Marshal(pkcs1PublicKey{N: pub.N, E: pub.E})
	der, _ := asn1.Marshal(subjectPublicKeyInfo{
		Algorithm: algorithmIdentifier{Algorithm: oidRSA(), Parameters: asn1.NullRawValue},
		PublicKey: asn1.BitString{Bytes: inner, BitLength: 8 * len(inner)},
	})
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}
