// Package repo reads apk's repository configuration (apk.md section 4):
// etc/apk/repositories and repositories.d/*.list with @tags, and the
// locations derived from a repository: its index URL, the index cache
// file of a remote one and package URLs. Fetching is behind Fetcher so
// that the HTTP client can be added without touching the rest.
package repo

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"io"
	"strings"
)

// Repository is one configured repository.
type Repository struct {
	Location string   // as written, "file:" stripped
	Tags     []string // tag names without "@"; empty when untagged
}

// Remote reports whether the repository is fetched over the network.
func (r *Repository) Remote() bool { return IsRemote(r.Location) }

// IsRemote reports whether loc starts with http:, https: or ftp:.
func IsRemote(loc string) bool {
	return strings.HasPrefix(loc, "http:") || strings.HasPrefix(loc, "https:") || strings.HasPrefix(loc, "ftp:")
}

// Join appends a path to a location, adding no "/" when it ends in one.
func Join(loc, path string) string {
	if strings.HasSuffix(loc, "/") {
		return loc + path
	}
	return loc + "/" + path
}

// IndexURL returns where the repository's index is for arch.
func (r *Repository) IndexURL(arch string) string {
	return Join(r.Location, arch+"/APKINDEX.tar.gz")
}

// PackageURL returns where a package is: under the package's own arch
// (the database's when it has none).
func (r *Repository) PackageURL(arch, name, version string) string {
	return Join(r.Location, arch+"/"+name+"-"+version+".apk")
}

// ShortHash returns the first 4 bytes of the SHA-1 of s as 8 hex digits.
func ShortHash(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:4])
}

// CacheName returns the file name of a remote repository's cached index:
// APKINDEX.<short hash of the index URL>.tar.gz.
func (r *Repository) CacheName(arch string) string {
	return "APKINDEX." + ShortHash(r.IndexURL(arch)) + ".tar.gz"
}

// Display returns the location with the password of a URL masked:
// "http://user:*@host/...".
func Display(loc string) string {
	scheme, rest, ok := strings.Cut(loc, "://")
	if !ok {
		return loc
	}
	host := rest
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		host = rest[:i]
	}
	at := strings.LastIndexByte(host, '@')
	if at < 0 {
		return loc
	}
	user, _, hasPass := strings.Cut(host[:at], ":")
	if !hasPass {
		return loc
	}
	return scheme + "://" + user + ":*" + rest[at:]
}

// List is the repositories in load order.
type List struct {
	Repos []*Repository
}

// Add adds a repository, or a tag to one already listed.
func (l *List) Add(loc, tag string) {
	for _, r := range l.Repos {
		if r.Location == loc {
			if tag != "" && !contains(r.Tags, tag) {
				r.Tags = append(r.Tags, tag)
			}
			return
		}
	}
	r := &Repository{Location: loc}
	if tag != "" {
		r.Tags = []string{tag}
	}
	l.Repos = append(l.Repos, r)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Parse adds the repositories of one repositories file: empty lines and
// lines starting with "#" are skipped; "@tag location" tags one.
func (l *List) Parse(data []byte) {
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		s, tag := string(line), ""
		if s[0] == '@' {
			i := strings.IndexAny(s, " \t:")
			if i < 0 {
				continue
			}
			tag, s = s[1:i], strings.TrimLeft(s[i:], " \t:")
		}
		s = strings.TrimPrefix(s, "file:")
		if s == "" {
			continue
		}
		l.Add(s, tag)
	}
}

// Fetcher downloads a URL (the HTTP client, later).
type Fetcher interface {
	Fetch(url string) (io.ReadCloser, error)
}
