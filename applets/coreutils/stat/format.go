package stat

import (
	"strings"

	"gobox/internal/cfmt"
)

// parseSpec parses the modifiers BusyBox's stat passes on to printf
// (any of "#-+.I 0123456789"; 'I' is glibc's and ignored).
func parseSpec(mod string) cfmt.Spec {
	s := cfmt.Spec{Prec: -1}
	i := 0
	for i < len(mod) && (s.Flag(mod[i]) || mod[i] == 'I') {
		i++
	}
	n, w := cfmt.Num(mod[i:])
	s.Width = n
	i += w
	if i < len(mod) && mod[i] == '.' {
		i++
		s.Prec, _ = cfmt.Num(mod[i:])
	}
	return s
}

// render expands a stat format: each "%<mods>C" is handed to conv with
// the parsed modifiers; "%%" and a trailing "%" print "%". A newline is
// added, as BusyBox does, unless the format ends in a lone '%'.
func render(format string, conv func(b *strings.Builder, s cfmt.Spec, c byte)) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			b.WriteString(format)
			break
		}
		b.WriteString(format[:i])
		j := i + 1
		for j < len(format) && strings.IndexByte("#-+.I 0123456789", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			// A lone trailing '%' prints '%' and, as in BusyBox,
			// no newline.
			b.WriteByte('%')
			return b.String()
		}
		c := format[j]
		if c == '%' {
			b.WriteByte('%')
		} else {
			conv(&b, parseSpec(format[i+1:j]), c)
		}
		format = format[j+1:]
	}
	b.WriteByte('\n')
	return b.String()
}
