// Package dep implements apk dependencies (apk.md 7.1): the strings of
// D:, p:, i:, r: lists and of the world, their canonical printing, and
// whether a package or one of its provides satisfies them.
package dep

import (
	"strings"

	"gobox/internal/apk/version"
)

// Dep is one dependency: [!]name[@tag][op version].
//
// The two small fields come last, so that they share one word: an index
// of Alpine's holds 20,000 of these.
type Dep struct {
	Name     string
	Tag      string         // repository tag, without "@"; "" for none
	Version  string         // the version, or the identity (Q1...) for "><"
	Op       version.Result // version.Any when no version is given
	Conflict bool           // "!name": nothing installed may provide it
}

// SyntaxError is returned for a string that is not a dependency.
type SyntaxError struct{ Text string }

func (e *SyntaxError) Error() string { return "bad dependency '" + e.Text + "'" }

// comparer reports an operator character.
func comparer(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '~' }

// Parse reads one dependency. The name is everything before the first
// operator character (so "so:libc.musl-x86_64.so.1" and "/bin/sh" are
// names); an operator must be followed by a valid version (6.3), or by a
// package identity after "><".
//
// As in apk, the name may be empty (">1", "@tag", "!"): such a
// dependency names nothing anyone provides.
func Parse(s string) (Dep, error) {
	if strings.ContainsAny(s, " \n") {
		return Dep{}, &SyntaxError{s}
	}
	orig := s
	d := Dep{Op: version.Any}
	if strings.HasPrefix(s, "!") {
		d.Conflict = true
		s = s[1:]
	}
	name := s
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x80 && comparer(byte(r)) }); i >= 0 {
		name = s[:i]
		j := i
		for j < len(s) && comparer(s[j]) {
			j++
		}
		if j == len(s) {
			return Dep{}, &SyntaxError{orig}
		}
		op, _ := version.ParseOp(s[i:j])
		d.Op, d.Version = op, s[j:]
		if op&version.Checksum != version.Checksum && !version.Valid(d.Version) {
			return Dep{}, &SyntaxError{orig}
		}
	}
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name, d.Tag = name[:i], name[i+1:]
	}
	d.Name = name
	return d, nil
}

// Name is the name of the dependency or provide s as Parse reads it:
// without "!", the operator and version, and the tag; for a caller
// that needs only the name (no allocation, no validation).
func Name(s string) string {
	s = strings.TrimPrefix(s, "!")
	if i := strings.IndexAny(s, "<>=~"); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '@'); i >= 0 {
		s = s[:i]
	}
	return s
}

// ParseList reads a list separated by spaces and newlines (D:, p:, i:,
// r:, world).
func ParseList(s string) ([]Dep, error) {
	var deps []Dep
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' }) {
		d, err := Parse(f)
		if err != nil {
			return nil, err
		}
		deps = append(deps, d)
	}
	return deps, nil
}

// String prints the dependency as apk writes it: the operator in its
// canonical spelling, the tag after the name.
func (d Dep) String() string {
	var b strings.Builder
	if d.Conflict {
		b.WriteByte('!')
	}
	b.WriteString(d.Name)
	if d.Tag != "" {
		b.WriteByte('@')
		b.WriteString(d.Tag)
	}
	if d.Version != "" {
		b.WriteString(d.Op.String())
		b.WriteString(d.Version)
	}
	return b.String()
}

// FormatList joins dependencies with spaces.
func FormatList(deps []Dep) string {
	s := make([]string, len(deps))
	for i, d := range deps {
		s[i] = d.String()
	}
	return strings.Join(s, " ")
}

// Versioned reports whether the dependency constrains the version.
func (d Dep) Versioned() bool { return d.Op&version.Any != version.Any }

// Provider is what a dependency is matched against: a package under its
// own name, or one of its provides. Version is "" for a virtual provide
// (p: without "="), which satisfies only unversioned dependencies.
type Provider struct {
	Version  string
	Identity string // the providing package's identity (Q1...), for "><"
}

// Satisfied reports whether a provider of d.Name fulfils d: for a
// conflict, whether it is allowed to be present. A nil provider (nobody
// provides the name) satisfies exactly the conflicts.
func (d Dep) Satisfied(p *Provider) bool {
	if p == nil {
		return d.Conflict
	}
	switch {
	case d.Op == version.Checksum:
		return d.Version == p.Identity
	case !d.Versioned():
		return !d.Conflict
	case p.Version == "":
		return d.Conflict
	}
	return version.Match(p.Version, d.Op, d.Version) != d.Conflict
}

// MatchVersion reports whether a real package of d.Name at version v
// satisfies the version part of d, ignoring Conflict.
func (d Dep) MatchVersion(v string) bool {
	return version.Match(v, d.Op, d.Version)
}
