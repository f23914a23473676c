package resolv

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"syscall"
	"unicode/utf8"
)

// maxAddrs is musl's MAXADDRS: the most addresses one lookup returns.
const maxAddrs = 48

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

// validHostname is musl's is_valid_hostname: 1 to 253 bytes of
// letters, digits, '.', '-' or bytes >= 0x80 that form valid UTF-8.
func validHostname(s string) bool {
	if len(s) == 0 || len(s) > 253 || !utf8.ValidString(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && c != '.' && c != '-' && !isAlnum(c) {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// fgetsLines splits data the way repeated fgets calls with a buffer of
// size bytes do: at each newline (kept) or after size-1 bytes.
func fgetsLines(data []byte, size int, yield func(line []byte) bool) {
	for len(data) > 0 {
		n := bytes.IndexByte(data, '\n') + 1
		if n == 0 {
			n = len(data)
		}
		if n > size-1 {
			n = size - 1
		}
		if !yield(data[:n]) {
			return
		}
		data = data[n:]
	}
}

// openErrorIsAbsent reports whether err means the file is simply not
// there for musl (ENOENT, ENOTDIR, EACCES), rather than a system error.
func openErrorIsAbsent(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EACCES)
}

// lookupHostsFile reads the hosts file at path and looks name up in it
// (see lookupHosts). A missing or unreadable file has no entries.
func lookupHostsFile(path, name string, fam Family) (addrs []Addr, canon string, rc int) {
	data, err := os.ReadFile(path)
	if err != nil {
		if openErrorIsAbsent(err) || errors.Is(err, syscall.EISDIR) {
			return nil, "", 0
		}
		return nil, "", eaiSystem
	}
	return lookupHosts(data, name, fam)
}

// lookupHosts is musl's name_from_hosts: every line (read in chunks of
// at most 511 bytes, '#' starting a comment) where name appears as a
// whole blank-separated word after the first byte contributes its
// first field as an address when that is an address of family fam; the
// first such line's first name, when it is a valid host name, is the
// canonical name. rc is the number of addresses, or eaiNoName when
// matching lines had only unusable addresses.
func lookupHosts(data []byte, name string, fam Family) (addrs []Addr, canon string, rc int) {
	badfam := 0
	haveCanon := false
	fgetsLines(data, 512, func(line []byte) bool {
		if len(addrs) >= maxAddrs {
			return false
		}
		if nul := bytes.IndexByte(line, 0); nul >= 0 {
			line = line[:nul] // C string
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = append(line[:i:i], '\n')
		}
		if !containsWord(line, name) {
			return true
		}
		end := 0
		for end < len(line) && !isSpace(line[end]) {
			end++
		}
		a, n := parseLiteral(string(line[:end]), fam)
		switch {
		case n == 1:
			addrs = append(addrs, a)
		case n == 0:
			return true
		default:
			badfam = eaiNoName
		}
		if haveCanon {
			return true
		}
		p := end + 1
		for p < len(line) && isSpace(line[p]) {
			p++
		}
		z := p
		for z < len(line) && !isSpace(line[z]) {
			z++
		}
		if p <= len(line) && validHostname(string(line[p:z])) {
			haveCanon = true
			canon = string(line[p:z])
		}
		return true
	})
	if len(addrs) > 0 {
		return addrs, canon, len(addrs)
	}
	return nil, canon, badfam
}

// containsWord reports whether name occurs in line at an offset of at
// least 1 with a blank on each side (the end of the line is not a
// blank, as in musl's strstr loop).
func containsWord(line []byte, name string) bool {
	for p := 1; p < len(line); p++ {
		i := bytes.Index(line[p:], []byte(name))
		if i < 0 {
			return false
		}
		p += i
		if isSpace(line[p-1]) && p+len(name) < len(line) && isSpace(line[p+len(name)]) {
			return true
		}
	}
	return false
}
