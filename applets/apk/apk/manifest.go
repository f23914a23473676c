package apk

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sort"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgfile"
	"gobox/internal/apk/sign"
	"gobox/internal/opt"
)

// runManifest is "apk manifest" (apk.md 9.18): the checksums of an
// installed package's files, or of a package file's.
func runManifest(e *env, o *opt.Result, args []string) error {
	if len(args) == 0 {
		return nil
	}
	d, err := openDB(e, withRepos)
	if err != nil {
		return err
	}
	// As apk_db_foreach_sorted_name: arguments that are no name first,
	// in order (read as package files), then the names sorted.
	tab := newNames(d.pkgs)
	var found []string
	for _, a := range args {
		if _, known := tab.providers[a]; known {
			found = append(found, a)
		} else {
			e.manifestFile(d, a)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return index.CompareNames(found[i], found[j]) < 0 })
	for _, a := range found {
		ps := append([]*pkg(nil), tab.providers[a]...)
		sortPkgs(ps)
		for _, p := range ps {
			if p.Name != a || p.inst == nil {
				continue
			}
			prefix := ""
			if e.verbose > 1 {
				prefix = p.Name + ": "
			}
			for _, dir := range p.inst.Dirs {
				for _, f := range dir.Files {
					fmt.Fprintf(e.out, "%s%s  %s\n", prefix, checksumText(index.DecodeChecksum(f.Checksum)), dir.Path(f))
				}
			}
		}
	}
	return nil
}

// checksumText is "sha1:<hex>" (or "md5:<hex>") as apk prints a file's
// checksum.
func checksumText(sum []byte) string {
	switch len(sum) {
	case 20:
		return "sha1:" + hex.EncodeToString(sum)
	case 16:
		return "md5:" + hex.EncodeToString(sum)
	}
	return ":"
}

// manifestFile lists the regular files of the package file name.
func (e *env) manifestFile(d *db, name string) {
	prefix := ""
	if e.verbose > 1 {
		prefix = name + ": "
	}
	if d.keys == nil {
		d.keys = sign.LoadDir(e.keysDir())
	}
	err := func() error {
		data, err := os.ReadFile(e.ctx.Path(name))
		if err != nil {
			return err
		}
		r, err := pkgfile.NewReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		if r.HasDataHash() && !e.o.Has("allow-untrusted") {
			if err := r.Verify(d.keys); err != nil {
				return err
			}
		}
		for {
			h, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			if h.Type == apktar.TypeReg {
				fmt.Fprintf(e.out, "%s%s  %s\n", prefix, checksumText(h.Checksum), h.Name)
			}
		}
		if err := r.Close(); err != nil {
			return err
		}
		if !r.HasDataHash() && !e.o.Has("allow-untrusted") {
			return r.Verify(d.keys)
		}
		return nil
	}()
	if err != nil {
		e.errorf("%s: %s", name, errText(err))
	}
}
