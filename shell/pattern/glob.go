package pattern

import (
	"os"
	"sort"
	"strings"
)

// Glob is pathname expansion as ash does it (its expmeta): pat is split
// at "/"; components without a special character are taken as written
// (backslashes removed), the others are matched against the entries of
// their directory, a name starting with "." only when the component
// starts with "." ("." and ".." included). Relative patterns are
// resolved against dir and the results stay relative. The matches are
// sorted bytewise (strcmp, as musl's strcoll); nil means none matched and
// the caller keeps the word.
func Glob(dir, pat string) []string { return glob(dir, pat, Compile) }

// GlobBytes is Glob in the C locale (see CompileBytes).
func GlobBytes(dir, pat string) []string { return glob(dir, pat, CompileBytes) }

func glob(dir, pat string, compile func(string) *Pattern) []string {
	var out []string
	expmeta(dir, "", pat, compile, &out)
	if len(out) > 1 {
		sort.Strings(out)
	}
	return out
}

func expmeta(dir, prefix, name string, compile func(string) *Pattern, out *[]string) {
	meta := false
	start := 0 // where the component with the first special character starts
	end := len(name)
	esc := 0
	for i := 0; i < len(name); i += esc + 1 {
		esc = 0
		c := name[i]
		switch {
		case c == '*' || c == '?':
			meta = true
		case c == '[':
			q := i + 1
			if q < len(name) && name[q] == '!' {
				q++
			}
			for {
				if q < len(name) && name[q] == '\\' {
					q++
				}
				if q >= len(name) || name[q] == '/' {
					break
				}
				q++
				if q < len(name) && name[q] == ']' {
					meta = true
					break
				}
			}
		default:
			if c == '\\' && i+1 < len(name) {
				esc = 1
			}
			if name[i+esc] == '/' {
				if meta {
					end = i
					goto found
				}
				start = i + esc + 1
			}
		}
	}
	esc = 0
found:
	if !meta {
		if prefix == "" {
			return
		}
		p := prefix + unescape(name)
		if _, err := os.Lstat(join(dir, p)); err == nil {
			*out = append(*out, p)
		}
		return
	}
	prefix += unescape(name[:start])
	comp := name[start:end]
	atEnd := end == len(name)
	rest := ""
	if !atEnd {
		rest = name[end+esc+1:]
	}
	d := join(dir, prefix)
	if prefix == "" {
		d = join(dir, ".")
	}
	f, err := os.Open(d)
	if err != nil {
		return
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	matchDot := strings.HasPrefix(comp, ".") || strings.HasPrefix(comp, `\.`)
	if matchDot {
		names = append(names, ".", "..")
	}
	p := compile(comp)
	for _, n := range names {
		if n[0] == '.' && !matchDot {
			continue
		}
		if !p.Match(n) {
			continue
		}
		if atEnd {
			*out = append(*out, prefix+n)
		} else {
			expmeta(dir, prefix+n+"/", rest, compile, out)
		}
	}
}

// join resolves p against dir, keeping a trailing slash.
func join(dir, p string) string {
	if strings.HasPrefix(p, "/") || dir == "" {
		return p
	}
	if strings.HasSuffix(dir, "/") {
		return dir + p
	}
	return dir + "/" + p
}

// unescape removes the backslashes that quote a character (ash's
// rmescapes on a pattern); a trailing backslash stays.
func unescape(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	for ; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b = append(b, s[i])
	}
	return string(b)
}

// Unescape removes the backslashes that quote characters in pat, giving
// the text a pattern without special characters matches.
func Unescape(pat string) string { return unescape(pat) }
