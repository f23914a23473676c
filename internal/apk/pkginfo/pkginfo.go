// Package pkginfo reads and writes .PKGINFO, the metadata file that
// opens the control part of a v2 package (apk.md section 2.4): lines
// "key = value", "#" comments, repeated keys accumulating.
package pkginfo

import (
	"bufio"
	"bytes"
	"io"
	"strconv"
	"strings"
)

// Info is the content of a .PKGINFO.
type Info struct {
	Name             string
	Version          string
	Description      string
	URL              string
	Size             int64 // installed size; 0 marks a meta package
	License          string
	Arch             string
	Origin           string
	Maintainer       string
	Packager         string
	Commit           string
	BuildDate        int64
	ProviderPriority int64
	ReplacesPriority int64
	Depends          []string
	Provides         []string
	InstallIf        []string
	Replaces         []string
	Triggers         []string
	DataHash         string // hex SHA-256 of the data part, "" when absent
	// Unknown are the lines with keys this package does not know, kept
	// for Write.
	Unknown []KV
}

// KV is one key and value.
type KV struct{ Key, Value string }

// MaxLine caps one line of .PKGINFO.
const MaxLine = 1 << 20

// Parse reads a .PKGINFO. Lines without " = " and comments are ignored,
// as apk ignores them; a malformed number reads as 0.
func Parse(data []byte) *Info {
	in := &Info{}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, v, ok := bytes.Cut(line, []byte(" = "))
		if !ok {
			continue
		}
		in.set(string(k), string(v))
	}
	return in
}

func num(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

func (in *Info) set(k, v string) {
	switch k {
	case "pkgname":
		in.Name = v
	case "pkgver":
		in.Version = v
	case "pkgdesc":
		in.Description = v
	case "url":
		in.URL = v
	case "size":
		in.Size = num(v)
	case "license":
		in.License = v
	case "arch":
		in.Arch = v
	case "origin":
		in.Origin = v
	case "maintainer":
		in.Maintainer = v
	case "packager":
		in.Packager = v
	case "commit":
		in.Commit = v
	case "builddate":
		in.BuildDate = num(v)
	case "provider_priority":
		in.ProviderPriority = num(v)
	case "replaces_priority":
		in.ReplacesPriority = num(v)
	case "depend":
		in.Depends = append(in.Depends, strings.Fields(v)...)
	case "provides":
		in.Provides = append(in.Provides, strings.Fields(v)...)
	case "install_if":
		in.InstallIf = append(in.InstallIf, strings.Fields(v)...)
	case "replaces":
		in.Replaces = append(in.Replaces, strings.Fields(v)...)
	case "triggers":
		in.Triggers = append(in.Triggers, strings.Fields(v)...)
	case "datahash":
		in.DataHash = v
	default:
		in.Unknown = append(in.Unknown, KV{k, v})
	}
}

// Write writes in as abuild orders it: one line per value of the list
// keys, numbers in decimal, empty fields left out (size always).
func (in *Info) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	put := func(k, v string) {
		if v != "" {
			bw.WriteString(k + " = " + v + "\n")
		}
	}
	putn := func(k string, v int64, always bool) {
		if v != 0 || always {
			put(k, strconv.FormatInt(v, 10))
		}
	}
	put("pkgname", in.Name)
	put("pkgver", in.Version)
	put("pkgdesc", in.Description)
	put("url", in.URL)
	putn("builddate", in.BuildDate, false)
	put("packager", in.Packager)
	putn("size", in.Size, true)
	put("arch", in.Arch)
	put("origin", in.Origin)
	put("commit", in.Commit)
	put("maintainer", in.Maintainer)
	put("license", in.License)
	putn("provider_priority", in.ProviderPriority, false)
	putn("replaces_priority", in.ReplacesPriority, false)
	for _, l := range []struct {
		k string
		v []string
	}{{"replaces", in.Replaces}, {"depend", in.Depends}, {"provides", in.Provides}, {"install_if", in.InstallIf}} {
		for _, v := range l.v {
			put(l.k, v)
		}
	}
	if len(in.Triggers) > 0 {
		put("triggers", strings.Join(in.Triggers, " "))
	}
	for _, kv := range in.Unknown {
		put(kv.Key, kv.Value)
	}
	put("datahash", in.DataHash)
	return bw.Flush()
}
