package opt

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Option is one option a Spec declares, as Declared lists it: what
// COMPATIBILITY.md prints, what the help texts are checked against and
// what completion offers.
type Option struct {
	Key   string   // what Result answers to: the letter, or a long-only option's name
	Short rune     // the letter; 0 for a long-only option
	Long  []string // the long names that set Key, in declaration order
	Arg   Arg      // whether it takes an argument
}

// Names returns the option as it is written on a command line: "-a", then
// each long name ("--archive").
func (o Option) Names() []string {
	var out []string
	if o.Short != 0 {
		out = append(out, "-"+string(o.Short))
	}
	for _, l := range o.Long {
		out = append(out, "--"+l)
	}
	return out
}

// Declared returns the options s declares: the short letters in
// declaration order, each with its long aliases, then the long options
// whose key is no letter. A nil Spec declares none.
func (s *Spec) Declared() []Option {
	if s == nil {
		return nil
	}
	var out []Option
	index := map[string]int{}
	short := map[rune]Arg{}
	s.shorts(func(r rune, arg Arg) {
		short[r] = arg
		if _, dup := index[string(r)]; dup {
			return
		}
		index[string(r)] = len(out)
		out = append(out, Option{Key: string(r), Short: r, Arg: arg})
	})
	for _, lo := range s.longs(short) {
		i, ok := index[lo.key]
		if !ok {
			i = len(out)
			index[lo.key] = i
			out = append(out, Option{Key: lo.key, Arg: lo.arg})
		}
		out[i].Long = append(out[i].Long, lo.name)
	}
	return out
}

// Keys returns the keys of the options s declares, as Result's methods
// take them.
func (s *Spec) Keys() []string {
	var out []string
	for _, o := range s.Declared() {
		out = append(out, o.Key)
	}
	return out
}

// Mentioned returns the byte offset where a BusyBox usage or help text
// first mentions name, or -1. name is a short option "-x" (found alone or
// in a bundle: "-x", "-lx", "[-axl]", "-d,-x"), a long option "--name"
// ("--name", "--name=N", "--name[=...]"), or an operand word such as dd's
// "if=" or env's "-". A mention starts the text or follows a blank or one
// of "[({|,/": "non-x" mentions no option.
func Mentioned(text, name string) int {
	r, n := utf8.DecodeRuneInString(name[min(1, len(name)):])
	isShort := len(name) > 1 && name[0] == '-' && name[1] != '-' && n == len(name)-1
	for i := 0; i < len(text); i++ {
		if i > 0 && !strings.ContainsRune(" \t\n[({|,/", rune(text[i-1])) {
			continue
		}
		rest := text[i:]
		if isShort {
			if len(rest) < 2 || rest[0] != '-' || rest[1] == '-' {
				continue
			}
			for j, c := range rest[1:] {
				// A bundle is letters, digits and option characters
				// such as less's -~; it ends at a blank or punctuation.
				if unicode.IsSpace(c) || strings.ContainsRune("-[](){}|,=/<>.:;'\"", c) {
					break
				}
				if c == r {
					return i + 1 + j
				}
			}
			continue
		}
		if !strings.HasPrefix(rest, name) {
			continue
		}
		after, _ := utf8.DecodeRuneInString(rest[len(name):])
		if strings.HasSuffix(name, "=") || !isWordRune(after) {
			return i
		}
	}
	return -1
}

// isWordRune reports whether r continues an option name or word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_'
}
