package apk

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgfile"
	"gobox/internal/apk/sign"
	"gobox/internal/apk/version"
	"gobox/internal/opt"
	"gobox/internal/termwidth"
)

// indexOpts are "apk index"'s own options; --sign-key is gobox's
// addition (apk-tools leaves signing to abuild-sign).
const indexShort, indexLong = "o:x:d:", "output=o index=x description=d rewrite-arch: merge prune-origin no-warnings sign-key:"

// runIndex is "apk index" (apk.md 9.15): an index of the package files
// given, verified against the keys, optionally reusing the entries of
// an older index (-x) and signed with --sign-key.
func runIndex(e *env, o *opt.Result, args []string) error {
	keys := sign.LoadDir(e.keysDir())
	trusted := func(verify func(*sign.Keyring) error) error {
		if e.o.Has("allow-untrusted") {
			return nil
		}
		return verify(keys)
	}
	var signer *index.Signer
	if k := o.Str("sign-key"); k != "" {
		var err error
		if signer, err = loadSigner(e.ctx.Path(k)); err != nil {
			e.errorf("%s: %s", k, errText(err))
			return status(99)
		}
	}
	var old *index.Archive
	var oldTime time.Time
	if x := o.Str("x"); x != "" {
		f, err := os.Open(e.ctx.Path(x))
		if err == nil {
			if fi, err := f.Stat(); err == nil {
				oldTime = fi.ModTime()
			}
			old, err = index.ReadArchive(f)
			f.Close()
			if err == nil {
				err = trusted(old.Verify)
			}
		}
		if err != nil {
			e.errorf("%s: %s", x, errText(err))
			return status(99)
		}
	}
	var pkgs []*index.Package
	reused := map[*index.Package]bool{}
	errs, fresh := 0, 0
	origins := map[string]bool{}
	for _, name := range args {
		path := e.ctx.Path(name)
		fi, err := os.Stat(path)
		if err != nil {
			e.warnf("File '%s' is unaccessible", name)
			continue
		}
		var p *index.Package
		if old != nil && !fi.ModTime().After(oldTime) {
			base := filepath.Base(path)
			for _, op := range old.Index.Packages {
				if op.NameVersion()+".apk" == base && op.Size == fi.Size() {
					p = op
					reused[op] = true
					break
				}
			}
		}
		if p == nil {
			p, err = readIndexEntry(path, fi.Size(), trusted)
			if err != nil {
				e.errorf("%s: %s", name, errText(err))
				errs++
				continue
			}
			fresh++
		}
		if p.Origin != "" {
			origins[p.Origin] = true
		}
		pkgs = append(pkgs, p)
	}
	if old != nil && o.Has("merge") {
		for _, op := range old.Index.Packages {
			if reused[op] || (o.Has("prune-origin") && op.Origin != "" && origins[op.Origin]) {
				continue
			}
			pkgs = append(pkgs, op)
		}
	}
	if errs > 0 {
		return status(99)
	}
	if a := o.Str("rewrite-arch"); a != "" {
		for i, p := range pkgs {
			cp := *p
			cp.Arch = a
			pkgs[i] = &cp
		}
	}
	sort.SliceStable(pkgs, func(i, j int) bool {
		if c := index.CompareNames(pkgs[i].Name, pkgs[j].Name); c != 0 {
			return c < 0
		}
		return version.Compare(pkgs[i].Version, pkgs[j].Version) < 0
	})
	out := o.Str("o")
	if out == "" && !e.o.Has("force-binary-stdout") {
		if f := e.ctx.File(1); f != nil && termwidth.IsTerminal(f) {
			e.errorf("Will not write binary index to console. Use --force-binary-stdout to override.")
			return status(99)
		}
	}
	var buf bytes.Buffer
	if err := index.WriteArchive(&buf, &index.Index{Packages: pkgs}, o.Str("d"), time.Now().Unix(), signer); err != nil {
		e.errorf("%s", errText(err))
		return status(99)
	}
	if out == "" {
		e.out.Write(buf.Bytes())
	} else if err := writeFileAtomic(e.ctx.Path(out), buf.Bytes()); err != nil {
		e.errorf("Index generation failed: %s", errText(err))
		return status(99)
	}
	if !o.Has("no-warnings") {
		indexWarnings(e, pkgs)
	}
	if out != "" && e.verbose >= 1 {
		fmt.Fprintf(e.out, "Index has %d packages (of which %d are new)\n", len(pkgs), fresh)
	}
	return nil
}

// readIndexEntry reads and verifies one package file for the index: the
// control part only when it has a datahash (apk index does not read the
// data), the whole file otherwise.
func readIndexEntry(path string, size int64, trusted func(func(*sign.Keyring) error) error) (*index.Package, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pr, err := pkgfile.NewReader(f)
	if err != nil {
		return nil, err
	}
	if !pr.HasDataHash() {
		for {
			if _, err := pr.Next(); err == io.EOF {
				break
			} else if err != nil {
				return nil, err
			}
		}
		if err := pr.Close(); err != nil {
			return nil, err
		}
	}
	if err := trusted(pr.Verify); err != nil {
		return nil, err
	}
	if pr.Info == nil {
		return nil, pkgfile.ErrFormat
	}
	return index.FromInfo(pr.Info, index.EncodeChecksum(pr.Identity()), size), nil
}

// indexWarnings prints apk index's report of the dependency names no
// package of the index provides.
func indexWarnings(e *env, pkgs []*index.Package) {
	have := map[string]bool{}
	for _, p := range pkgs {
		have[p.Name] = true
		for _, pr := range p.Provides {
			if d, err := dep.Parse(pr); err == nil {
				have[d.Name] = true
			}
		}
	}
	missing := map[string]bool{}
	for _, p := range pkgs {
		for _, ds := range p.Depends {
			if d, err := dep.Parse(ds); err == nil && !d.Conflict && !have[d.Name] {
				missing[d.Name] = true
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	names := make([]string, 0, len(missing))
	for n := range missing {
		names = append(names, n)
	}
	sort.Strings(names)
	e.warnf("No provider for the dependencies:\n  %s", strings.Join(names, " "))
	e.warnf("Total of %d unsatisfiable package names. Your repository may be broken.", len(names))
}

// loadSigner reads a private key (PEM, PKCS#1 or PKCS#8) for
// --sign-key; the signature names the public key as abuild-sign does:
// the private key's file name with ".pub" appended.
func loadSigner(path string) (*index.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := sign.ParsePrivateKey(data)
	if err != nil {
		return nil, err
	}
	return &index.Signer{Key: key, Name: filepath.Base(path) + ".pub", Alg: sign.RSA}, nil
}
