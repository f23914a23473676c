// Command mkapk packages a gobox binary as a signed apk v2 package and a
// signed repository index beside it (scripts/mkapk.sh runs it):
//
//	go run ./scripts/mkapk -bin GOBOX -version V -key KEY.rsa -out REPO
//
// writes REPO/ARCH/gobox-V-r0.apk and REPO/ARCH/APKINDEX.tar.gz. The
// package installs the binary at /bin/gobox and one symlink per applet
// at its install path, relative as scripts/mkrootfs.sh lays them out;
// its .PKGINFO provides busybox=1.36.1, /bin/sh and cmd:NAME for every
// applet, so that Alpine packages depending on busybox or /bin/sh
// install on a gobox root. With -genkey, KEY.rsa (and KEY.rsa.pub) are
// made first when missing.
package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgbuild"
	"gobox/internal/apk/pkginfo"
	"gobox/internal/apk/sign"
	"gobox/internal/apk/version"
)

func main() {
	bin := flag.String("bin", "", "the gobox binary to package")
	ver := flag.String("version", "", "package version (without -rN)")
	rel := flag.Int("release", 0, "package release (-rN)")
	arch := flag.String("arch", apkArch(runtime.GOARCH), "architecture")
	key := flag.String("key", "", "RSA private key (PEM) to sign with; its public half is KEY.pub")
	genkey := flag.Bool("genkey", false, "make -key (and -key.pub) when missing")
	out := flag.String("out", "", "repository directory")
	bbver := flag.String("busybox", "1.36.1", "the busybox version provided")
	mtime := flag.Int64("mtime", 0, "time stamp of the members (default: the binary's mtime)")
	flag.Parse()
	if *bin == "" || *ver == "" || *key == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*bin, *ver, *rel, *arch, *key, *genkey, *out, *bbver, *mtime); err != nil {
		fmt.Fprintln(os.Stderr, "mkapk:", err)
		os.Exit(1)
	}
}

func apkArch(goarch string) string {
	switch goarch {
	case "amd64":
		return "x86_64"
	case "386":
		return "x86"
	case "arm64":
		return "aarch64"
	case "arm":
		return "armv7"
	}
	return goarch
}

func run(bin, ver string, rel int, arch, keyPath string, genkey bool, out, bbver string, mtime int64) error {
	full := fmt.Sprintf("%s-r%d", ver, rel)
	if !version.Valid(full) {
		return fmt.Errorf("%s: not a valid apk version", full)
	}
	if genkey {
		if err := makeKey(keyPath); err != nil {
			return err
		}
	}
	kb, err := os.ReadFile(keyPath)
	if err != nil {
		return err
	}
	priv, err := sign.ParsePrivateKey(kb)
	if err != nil {
		return fmt.Errorf("%s: %v", keyPath, err)
	}
	signer := &index.Signer{Key: priv, Name: filepath.Base(keyPath) + ".pub", Alg: sign.RSA}
	data, err := os.ReadFile(bin)
	if err != nil {
		return err
	}
	if mtime == 0 {
		fi, _ := os.Stat(bin)
		mtime = fi.ModTime().Unix()
	}
	list, err := exec.Command(bin, "--list-full").Output()
	if err != nil {
		return fmt.Errorf("%s --list-full: %v", bin, err)
	}
	files := []pkgbuild.File{{Name: "bin/gobox", Type: apktar.TypeReg, Mode: 0o755, Data: data}}
	provides := []string{"busybox=" + bbver, "/bin/sh"}
	var cmds []string
	seen := map[string]bool{}
	for _, p := range strings.Fields(string(list)) {
		if p == "bin/gobox" || seen[p] {
			continue
		}
		seen[p] = true
		// Relative links, as mkrootfs.sh makes them.
		up := strings.Repeat("../", strings.Count(p, "/"))
		files = append(files, pkgbuild.File{Name: p, Type: apktar.TypeSymlink, Link: up + "bin/gobox"})
		cmds = append(cmds, "cmd:"+filepath.Base(p)+"="+full)
	}
	sort.Strings(cmds)
	provides = append(provides, cmds...)
	pkg := &pkgbuild.Package{
		Info: pkginfo.Info{
			Name: "gobox", Version: full, Arch: arch, License: "MIT",
			Description: "BusyBox-compatible userland in Go (one static multicall binary)",
			URL:         "https://gobox.invalid/", Origin: "gobox", Maintainer: "gobox maintainers",
			// Chosen for /bin/sh (a name provided without a version)
			// like busybox-binsh, which has 100.
			ProviderPriority: 100,
			Provides:         provides,
		},
		Files: files,
		MTime: mtime,
	}
	names, err := publish(filepath.Join(out, arch), signer, "gobox "+full, mtime, pkg)
	if err != nil {
		return err
	}
	fmt.Println(names[0])
	return nil
}

// publish writes the packages into dir as NAME-VERSION.apk, and
// APKINDEX.tar.gz listing them, all signed by signer; it returns the
// packages' paths.
func publish(dir string, signer *index.Signer, desc string, mtime int64, pkgs ...*pkgbuild.Package) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	idx := &index.Index{}
	var names []string
	for _, pkg := range pkgs {
		var buf bytes.Buffer
		res, err := pkgbuild.Write(&buf, pkg, signer)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(dir, pkg.Info.Name+"-"+pkg.Info.Version+".apk")
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			return nil, err
		}
		names = append(names, name)
		idx.Packages = append(idx.Packages, index.FromInfo(res.Info, "Q1"+base64.StdEncoding.EncodeToString(res.Identity), res.Size))
	}
	var ib bytes.Buffer
	if err := index.WriteArchive(&ib, idx, desc, mtime, signer); err != nil {
		return nil, err
	}
	return names, os.WriteFile(filepath.Join(dir, "APKINDEX.tar.gz"), ib.Bytes(), 0o644)
}

// makeKey writes a new 2048-bit RSA key and its public half, unless the
// key exists.
func makeKey(path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	pk := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(priv)})
	if err := os.WriteFile(path, pk, 0o600); err != nil {
		return err
	}
	return os.WriteFile(path+".pub", sign.MarshalPublicKey(&priv.PublicKey), 0o644)
}
