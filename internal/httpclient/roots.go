package httpclient

import (
	"crypto/x509"
	"os"
	"path/filepath"

	"golang.org/x/crypto/x509roots/fallback/bundle"
)

// CAFiles are where Alpine (ca-certificates, and the older bundle
// name) and Debian keep the trusted roots, under the root directory.
var caFiles = [...]string{
	"etc/ssl/certs/ca-certificates.crt",
	"etc/ssl/cert.pem",
}

// SystemRoots returns the roots of the CA bundle under root ("" is /),
// or, when there is none, the Mozilla roots built into gobox (parsed
// here, on first use, so that no other applet pays for them).
func SystemRoots(root string) (*x509.CertPool, error) {
	if root == "" {
		root = "/"
	}
	for _, name := range caFiles {
		pem, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			continue
		}
		pool := x509.NewCertPool()
		if pool.AppendCertsFromPEM(pem) {
			return pool, nil
		}
	}
	return FallbackRoots()
}

// FallbackRoots returns the Mozilla roots built into gobox.
func FallbackRoots() (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	for r := range bundle.Roots() {
		cert, err := x509.ParseCertificate(r.Certificate)
		if err != nil {
			return nil, err
		}
		if r.Constraint != nil {
			pool.AddCertWithConstraint(cert, r.Constraint)
		} else {
			pool.AddCert(cert)
		}
	}
	return pool, nil
}
