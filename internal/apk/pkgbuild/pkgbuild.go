// Package pkgbuild writes signed v2 apk packages (apk.md section 2) as
// abuild makes them: a signature member over the control member, the
// control member (.PKGINFO with its datahash, then the scripts) and the
// data member, each its own gzip member; every regular file and symlink
// of the data carries its SHA-1 in an APK-TOOLS.checksum.SHA1 pax
// record, which apk checks while installing and records as Z:.
package pkgbuild

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path"
	"sort"
	"strings"

	"gobox/internal/apk/apktar"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkginfo"
	"gobox/internal/gzipio"
)

// File is one member of the data part.
type File struct {
	Name     string // relative path, without leading or trailing "/"
	Type     byte   // apktar.TypeReg, TypeDir, TypeSymlink or TypeLink
	Mode     int64  // permission bits (a symlink's are 0777 whatever given)
	UID, GID int
	Link     string // a symlink's target, a hard link's source path
	Data     []byte // a regular file's content
}

// Package is what Write makes a package of.
type Package struct {
	// Info is the .PKGINFO; Write fills Size (when 0 and the package has
	// files) and DataHash.
	Info  pkginfo.Info
	Files []File
	// Scripts are the install scripts by type ("post-install", ...).
	Scripts map[string][]byte
	// MTime stamps every member (builddate when Info has none).
	MTime int64
}

// scriptOrder is the order abuild adds the scripts in.
var scriptOrder = [...]string{"pre-install", "post-install", "pre-upgrade", "post-upgrade", "pre-deinstall", "post-deinstall", "trigger"}

// Result is what Write made: the package's identity (SHA-1 of the
// control member, the index's C: as Q1+base64) and its .PKGINFO.
type Result struct {
	Identity []byte
	Info     *pkginfo.Info
	Size     int64 // bytes written
}

// Write writes p to w, signed by s (unsigned when s is nil).
func Write(w io.Writer, p *Package, s *index.Signer) (*Result, error) {
	files := withParents(p.Files)
	var data bytes.Buffer
	zw, err := gzipio.NewWriter(&data, gzipio.Header{OS: gzipio.OSUnix, Level: 9})
	if err != nil {
		return nil, err
	}
	tw := apktar.NewPaxWriter(zw)
	var size int64
	byName := map[string]*File{}
	for i := range files {
		f := &files[i]
		byName[f.Name] = f
		e := apktar.Entry{Name: f.Name, Type: f.Type, Mode: f.Mode, UID: f.UID, GID: f.GID, MTime: p.MTime, Link: f.Link}
		// abuild-tar's records; ctime and atime keep the bytes stable.
		var sum []byte
		switch f.Type {
		case apktar.TypeDir:
			e.Name += "/"
		case apktar.TypeReg:
			sum = sha(f.Data)
			size += (int64(len(f.Data)) + 4095) / 4096 * 4096
		case apktar.TypeSymlink:
			e.Mode = 0o777
			sum = sha([]byte(f.Link))
		case apktar.TypeLink:
			if src := byName[f.Link]; src != nil && src.Type == apktar.TypeReg {
				sum = sha(src.Data)
			}
		}
		e.PAX = [][2]string{{"ctime", "0"}, {"atime", "0"}}
		if sum != nil {
			e.PAX = append(e.PAX, [2]string{"APK-TOOLS.checksum.SHA1", hex.EncodeToString(sum)})
		}
		body := []byte(nil)
		if f.Type == apktar.TypeReg {
			body = f.Data
		}
		tw.Write(&e, body)
	}
	tw.End()
	if err := zw.Close(); err != nil {
		return nil, err
	}

	info := p.Info
	if info.Size == 0 && size > 0 {
		info.Size = size
	}
	if info.BuildDate == 0 {
		info.BuildDate = p.MTime
	}
	ds := sha256.Sum256(data.Bytes())
	info.DataHash = hex.EncodeToString(ds[:])
	var pi bytes.Buffer
	if err := info.Write(&pi); err != nil {
		return nil, err
	}
	var control bytes.Buffer
	zc, err := gzipio.NewWriter(&control, gzipio.Header{OS: gzipio.OSUnix, Level: 9})
	if err != nil {
		return nil, err
	}
	cw := apktar.NewPaxWriter(zc)
	stamp := [][2]string{{"ctime", "0"}, {"atime", "0"}}
	cw.Write(&apktar.Entry{Name: ".PKGINFO", Type: apktar.TypeReg, Mode: 0o644, MTime: p.MTime, PAX: stamp}, pi.Bytes())
	for _, st := range scriptOrder {
		if body, ok := p.Scripts[st]; ok {
			cw.Write(&apktar.Entry{Name: "." + st, Type: apktar.TypeReg, Mode: 0o755, MTime: p.MTime, PAX: stamp}, body)
		}
	}
	// No end-of-archive blocks: the data part continues the archive.
	if err := zc.Close(); err != nil {
		return nil, err
	}
	var out []byte
	if s != nil {
		sig, err := index.SignMember(control.Bytes(), s)
		if err != nil {
			return nil, err
		}
		out = append(out, sig...)
	}
	out = append(out, control.Bytes()...)
	out = append(out, data.Bytes()...)
	if _, err := w.Write(out); err != nil {
		return nil, err
	}
	return &Result{Identity: sha(control.Bytes()), Info: &info, Size: int64(len(out))}, nil
}

func sha(b []byte) []byte {
	s := sha1.Sum(b)
	return s[:]
}

// withParents returns files with their missing parent directories
// (0755, root) added, sorted by path components as abuild lists them.
func withParents(in []File) []File {
	have := map[string]bool{}
	out := append([]File(nil), in...)
	for _, f := range in {
		have[f.Name] = true
	}
	for _, f := range in {
		for d := path.Dir(f.Name); d != "." && d != "/" && !have[d]; d = path.Dir(d) {
			have[d] = true
			out = append(out, File{Name: d, Type: apktar.TypeDir, Mode: 0o755})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.Split(out[i].Name, "/"), strings.Split(out[j].Name, "/")
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] < b[k]
			}
		}
		return len(a) < len(b)
	})
	return out
}
