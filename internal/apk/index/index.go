// Package index reads and writes apk's package index: the APKINDEX text
// (apk.md section 3.2: blocks of "L:value" lines) and APKINDEX.tar.gz,
// its signed container (section 3.1). The text is written back byte for
// byte as apk writes it. The block format is shared with the installed
// database (package installeddb), which builds on Scanner and Package.
package index

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
)

// Error is a format error in apk's words.
type Error string

func (e Error) Error() string { return string(e) }

// ErrFormat is apk's "database file format error".
const ErrFormat = Error("database file format error")

// MaxLine caps one line of an index.
const MaxLine = 1 << 20

// Package is one block of an index: a package's index fields.
type Package struct {
	Checksum         string // identity as written: "Q1" + base64 SHA-1
	Name             string
	Version          string
	Arch             string
	Size             int64 // of the .apk file
	InstalledSize    int64
	Description      string
	URL              string
	License          string
	Origin           string
	Maintainer       string
	BuildTime        int64
	Commit           string
	ProviderPriority int64
	Depends          []string
	Provides         []string
	InstallIf        []string
	// Unknown is set when the block had a field letter apk does not know
	// (apk warns once that it is OLD); UnknownUpper when one of them was
	// upper case, which makes the package uninstallable.
	Unknown, UnknownUpper bool
}

// NameVersion returns "name-version", as apk names a package.
func (p *Package) NameVersion() string { return p.Name + "-" + p.Version }

// Identity decodes the checksum: 20 bytes of SHA-1 (Q1 or X1 form), 16
// of MD5 (hex), or nil when there is none.
func (p *Package) Identity() []byte { return DecodeChecksum(p.Checksum) }

// DecodeChecksum decodes apk's checksum text (apk.md section 1).
func DecodeChecksum(s string) []byte {
	if len(s) == 0 {
		return nil
	}
	if isHex(s[0]) {
		b, err := hex.DecodeString(s)
		if err != nil || len(b) != 16 {
			return nil
		}
		return b
	}
	if len(s) < 2 || s[1] != '1' {
		return nil
	}
	var b []byte
	var err error
	switch s[0] {
	case 'Q':
		b, err = base64.StdEncoding.DecodeString(s[2:])
	case 'X':
		b, err = hex.DecodeString(s[2:])
	default:
		return nil
	}
	if err != nil || len(b) != 20 {
		return nil
	}
	return b
}

// EncodeChecksum writes a SHA-1 digest as apk does: "Q1" + base64.
func EncodeChecksum(sum []byte) string {
	if len(sum) == 16 {
		return hex.EncodeToString(sum)
	}
	return "Q1" + base64.StdEncoding.EncodeToString(sum)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Interner shares one string per distinct value, so that an index of
// 20,000 packages holds each name, architecture and dependency once.
type Interner map[string]string

// Bytes returns the shared string equal to b.
func (in Interner) Bytes(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// Scanner reads the lines of a block file: Scan returns each field line
// as its letter and value, and reports the end of a block (a line of
// fewer than 2 bytes) with letter 0.
type Scanner struct {
	br   *bufio.Reader
	line int
	err  error
	val  []byte
	// Letter and Value are the current field; Letter is 0 at the end
	// of a block.
	Letter byte
}

// NewScanner returns a scanner of r.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{br: bufio.NewReaderSize(r, 64<<10)}
}

// Line returns the number of the current line, from 1.
func (s *Scanner) Line() int { return s.line }

// Value returns the current field's value; it is valid until the next
// Scan.
func (s *Scanner) Value() []byte { return s.val }

// Err returns the error that stopped Scan, nil at the end of the input.
func (s *Scanner) Err() error { return s.err }

// Scan advances to the next line. It returns false at the end of the
// input or on an error (a line whose second byte is not ':').
func (s *Scanner) Scan() bool {
	if s.err != nil {
		return false
	}
	line, err := s.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// A long line: gather it, up to MaxLine.
		buf := append([]byte(nil), line...)
		for err == bufio.ErrBufferFull && len(buf) <= MaxLine {
			line, err = s.br.ReadSlice('\n')
			buf = append(buf, line...)
		}
		if len(buf) > MaxLine {
			s.err = ErrFormat
			return false
		}
		line = buf
	}
	if err != nil && err != io.EOF {
		s.err = err
		return false
	}
	if len(line) == 0 && err == io.EOF {
		return false
	}
	s.line++
	line = bytes.TrimSuffix(line, []byte("\n"))
	if len(line) < 2 {
		s.Letter, s.val = 0, nil
		return true
	}
	if line[1] != ':' {
		s.err = ErrFormat
		return false
	}
	s.Letter, s.val = line[0], line[2:]
	return true
}

// Set stores the index field letter l with value v in p. It reports
// false for a letter that is no index field.
func (p *Package) Set(l byte, v []byte, in Interner) bool {
	switch l {
	case 'C':
		p.Checksum = string(v)
	case 'P':
		p.Name = in.Bytes(v)
	case 'V':
		p.Version = in.Bytes(v)
	case 'A':
		p.Arch = in.Bytes(v)
	case 'S':
		p.Size = atoi(v)
	case 'I':
		p.InstalledSize = atoi(v)
	case 'T':
		p.Description = string(v)
	case 'U':
		p.URL = in.Bytes(v)
	case 'L':
		p.License = in.Bytes(v)
	case 'o':
		p.Origin = in.Bytes(v)
	case 'm':
		p.Maintainer = in.Bytes(v)
	case 't':
		p.BuildTime = atoi(v)
	case 'c':
		p.Commit = in.Bytes(v)
	case 'k':
		p.ProviderPriority = atoi(v)
	case 'D':
		p.Depends = fields(p.Depends, v, in)
	case 'p':
		p.Provides = fields(p.Provides, v, in)
	case 'i':
		p.InstallIf = fields(p.InstallIf, v, in)
	default:
		return false
	}
	return true
}

func atoi(v []byte) int64 {
	n, _ := strconv.ParseInt(string(v), 10, 64)
	return n
}

func fields(dst []string, v []byte, in Interner) []string {
	fs := bytes.Fields(v)
	if dst == nil {
		// Sized once: the lists of an index's packages stay for the
		// whole run.
		dst = make([]string, 0, len(fs))
	}
	for _, f := range fs {
		dst = append(dst, in.Bytes(f))
	}
	return dst
}

// installedLetters are the installed database's own fields, which an
// index reader passes over without warning.
func installedLetter(l byte) bool { return strings.IndexByte("rqsfFMRaZ", l) >= 0 }

// Index is a parsed APKINDEX text.
type Index struct {
	Packages []*Package
	// Old is set when some block had an unknown field ("WARNING: This
	// apk-tools is OLD! Some packages might not function properly.").
	Old bool
}

// Parse reads an APKINDEX text.
func Parse(r io.Reader) (*Index, error) {
	idx := &Index{}
	in := Interner{}
	var p *Package
	s := NewScanner(r)
	for s.Scan() {
		if s.Letter == 0 {
			if p != nil {
				idx.Packages = append(idx.Packages, p)
				p = nil
			}
			continue
		}
		if p == nil {
			p = &Package{}
		}
		if !p.Set(s.Letter, s.Value(), in) && !installedLetter(s.Letter) {
			p.Unknown = true
			idx.Old = true
			if 'A' <= s.Letter && s.Letter <= 'Z' {
				p.UnknownUpper = true
			}
		}
	}
	if s.Err() != nil {
		return nil, s.Err()
	}
	if p != nil {
		idx.Packages = append(idx.Packages, p)
	}
	return idx, nil
}

// WriteFields writes p's index fields in apk's order.
func (p *Package) WriteFields(w *bufio.Writer) {
	line := func(l byte, v string) {
		w.WriteByte(l)
		w.WriteByte(':')
		w.WriteString(v)
		w.WriteByte('\n')
	}
	num := func(l byte, v int64) {
		w.WriteByte(l)
		w.WriteByte(':')
		w.WriteString(strconv.FormatInt(v, 10))
		w.WriteByte('\n')
	}
	list := func(l byte, v []string) {
		if len(v) > 0 {
			line(l, strings.Join(v, " "))
		}
	}
	if p.Checksum != "" {
		line('C', p.Checksum)
	}
	line('P', p.Name)
	line('V', p.Version)
	if p.Arch != "" {
		line('A', p.Arch)
	}
	num('S', p.Size)
	num('I', p.InstalledSize)
	line('T', p.Description)
	line('U', p.URL)
	line('L', p.License)
	if p.Origin != "" {
		line('o', p.Origin)
	}
	if p.Maintainer != "" {
		line('m', p.Maintainer)
	}
	if p.BuildTime != 0 {
		num('t', p.BuildTime)
	}
	if p.Commit != "" {
		line('c', p.Commit)
	}
	if p.ProviderPriority != 0 {
		num('k', p.ProviderPriority)
	}
	list('D', p.Depends)
	list('p', p.Provides)
	list('i', p.InstallIf)
}

// Write writes the index text, each block followed by an empty line, in
// the order of idx.Packages (Sort orders them as apk index does).
func (idx *Index) Write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, p := range idx.Packages {
		p.WriteFields(bw)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// CompareNames orders packages as apk writes them: by name compared without
// case, then byte for byte; versions are the caller's (cmp).
func CompareNames(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
