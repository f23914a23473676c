package awk

import (
	"bytes"
	"math"
	"strings"

	"gobox/internal/regex"
)

// fsMode is how a field separator splits.
type fsMode uint8

const (
	fsSpace fsMode = iota // " ": runs of blanks and newlines, trimmed
	fsChar                // one character, literally
	fsRegex               // an extended regular expression
	fsEmpty               // "": every character a field
)

// splitter is a compiled field separator (FS, or split's third
// argument).
type splitter struct {
	mode fsMode
	c    byte
	src  string
	re   *regex.Regexp
	ire  *regex.Regexp // the IGNORECASE variant, compiled when needed
}

// newSplitter compiles a field separator as BusyBox's mk_splitter does:
// longer than one character it is a regular expression, one character
// is itself (" " meaning blanks), and "" splits every character.
func (in *interp) newSplitter(s string) *splitter {
	switch {
	case len(s) > 1:
		re, err := regex.Compile(s, regex.Extended)
		if err != nil {
			in.fatalRaw("bad regex '" + s + "': " + reErrText(err))
		}
		return &splitter{mode: fsRegex, src: s, re: re}
	case s == " ":
		return &splitter{mode: fsSpace}
	case s == "":
		return &splitter{mode: fsEmpty}
	}
	return &splitter{mode: fsChar, c: s[0]}
}

func (sp *splitter) regexp(icase bool) *regex.Regexp {
	if icase && sp.src != "" {
		if sp.ire == nil {
			sp.ire, _ = regex.Compile(sp.src, regex.Extended|regex.ICase)
		}
		if sp.ire != nil {
			return sp.ire
		}
	}
	return sp.re
}

// splitStr splits s into fields, appended to dst, as BusyBox's
// awk_split does. In paragraph mode (RS "") a newline also ends a field
// for a one-character or regular expression separator.
func (in *interp) splitStr(s string, sp *splitter, dst []string) []string {
	switch sp.mode {
	case fsSpace:
		i := 0
		for {
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			if i >= len(s) {
				return dst
			}
			j := i
			for j < len(s) && !isSpace(s[j]) {
				j++
			}
			dst = append(dst, s[i:j])
			i = j
		}
	case fsEmpty:
		for i := 0; i < len(s); i++ {
			dst = append(dst, s[i:i+1])
		}
		return dst
	case fsChar:
		if s == "" {
			return dst
		}
		c := sp.c
		para := in.rs.mode == rsPara
		if !in.icase && !para {
			for {
				i := strings.IndexByte(s, c)
				if i < 0 {
					return append(dst, s)
				}
				dst = append(dst, s[:i])
				s = s[i+1:]
			}
		}
		start := 0
		for i := 0; i < len(s); i++ {
			b := s[i]
			if b == c || in.icase && lower(b) == lower(c) || para && b == '\n' {
				dst = append(dst, s[start:i])
				start = i + 1
			}
		}
		return append(dst, s[start:])
	}
	// A regular expression: the first non-empty match ends each field.
	if s == "" {
		return dst
	}
	re := sp.regexp(in.icase)
	para := in.rs.mode == rsPara
	for {
		l := len(s)
		if para {
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				l = i
			}
		}
		so, eo, ok := nonEmptyMatch(re, s)
		if ok && so <= l {
			dst = append(dst, s[:so])
			s = s[eo:]
			if s == "" {
				// A separator at the end leaves an empty last field.
				return append(dst, "")
			}
			continue
		}
		dst = append(dst, s[:l])
		if l == len(s) {
			return dst
		}
		s = s[l+1:]
		if s == "" {
			return dst
		}
	}
}

// nonEmptyMatch finds the first match of re in s that does not end
// where it starts at the beginning, as BusyBox's regexec1_nonempty does
// (after an empty match at the start it tries from each later
// position, each taken as the start of a line).
func nonEmptyMatch(re *regex.Regexp, s string) (so, eo int, ok bool) {
	m := re.FindStringSubmatchIndex(s, false)
	if m == nil {
		return 0, 0, false
	}
	if m[1] != 0 {
		return m[0], m[1], true
	}
	for ofs := 1; ofs < len(s); ofs++ {
		m = re.FindStringSubmatchIndex(s[ofs:], false)
		if m == nil {
			return 0, 0, false
		}
		if m[1] != 0 {
			return m[0] + ofs, m[1] + ofs, true
		}
	}
	return 0, 0, false
}

// setRecordUser makes s the record, as input: split when first needed.
func (in *interp) setRecordUser(s string) {
	in.rec = userStr(s)
	in.lazy, in.view, in.lazyIn = false, nil, nil
	in.splitDone = false
	in.partial = false
}

// setRecordView makes b, the bytes of a record in src's buffer, the
// record, as input, without making a string of it yet (see lazy).
func (in *interp) setRecordView(b []byte, src *input) {
	in.rec = Cell{}
	in.lazy, in.view, in.lazyIn = true, b, src
	in.lazyPos, in.lazyAt, in.lazyDone = in.lazyPos[:0], 0, false
	in.splitDone = false
	in.partial = false
}

// materialize makes a record held as bytes a string: $0 as input, its
// split (if begun) going on from where it is.
func (in *interp) materialize() {
	if in.lazy {
		in.rec = userStr(string(in.view))
		in.lazy, in.view, in.lazyIn = false, nil, nil
	}
}

// fieldNum returns the numeric value of $i, i > 0: from the record's
// bytes while it is bytes (see lazyField), else as field does.
func (in *interp) fieldNum(i int) float64 {
	b, _, ok := in.lazyField(i)
	if !ok {
		return toNum(in.field(i))
	}
	return bytesToNum(b)
}

// lazyField returns the bytes of $i, i > 0, of a record held as bytes,
// split at blanks or at a single character, with no string made for
// either, and whether there is such a field (i <= NF); ok is false for
// other records and separators, which field handles.
func (in *interp) lazyField(i int) (b []byte, found, ok bool) {
	if !in.lazySplit(i) {
		return nil, false, false
	}
	if len(in.lazyPos) < 2*i {
		return nil, false, true
	}
	return in.view[in.lazyPos[2*i-2]:in.lazyPos[2*i-1]], true, true
}

// lazyNF sets NF from a record held as bytes, splitting all of it as
// lazyField does; it reports whether it could.
func (in *interp) lazyNF() bool {
	if !in.lazySplit(-1) {
		return false
	}
	in.globals[vNF].c = num(float64(len(in.lazyPos) / 2))
	return true
}

// lazySplit extends the split of a record held as bytes to upTo
// fields (all of them when upTo < 0) and reports whether it could: a
// record held as bytes, FS a blank or one character matched as is.
func (in *interp) lazySplit(upTo int) bool {
	plainChar := in.fs.mode == fsChar && !in.icase && in.rs.mode != rsPara
	if !in.lazy || in.fs.mode != fsSpace && !plainChar || len(in.view) > math.MaxInt32 {
		return false
	}
	if upTo > 0 {
		in.checkFields(upTo)
	}
	s := in.view
	at := in.lazyAt
	for !in.lazyDone && (upTo < 0 || len(in.lazyPos) < 2*upTo) {
		if plainChar {
			// A field ends at the character or at the end; an empty
			// record has no fields.
			if len(s) == 0 {
				in.lazyDone = true
				break
			}
			j := bytes.IndexByte(s[at:], in.fs.c)
			if j < 0 {
				in.lazyPos = append(in.lazyPos, int32(at), int32(len(s)))
				in.lazyDone = true
				break
			}
			in.lazyPos = append(in.lazyPos, int32(at), int32(at+j))
			at += j + 1
			continue
		}
		for at < len(s) && isSpace(s[at]) {
			at++
		}
		if at >= len(s) {
			in.lazyDone = true
			break
		}
		j := at
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		in.lazyPos = append(in.lazyPos, int32(at), int32(j))
		at = j
	}
	in.lazyAt = at
	return true
}

// recordStr is $0 as a string.
func (in *interp) recordStr() string {
	in.materialize()
	if in.rec.kind == kNum {
		return in.toStr(in.rec)
	}
	return in.rec.s
}

// ensureSplit splits $0 into fields if that is not done yet.
func (in *interp) ensureSplit() {
	if in.splitDone {
		return
	}
	if in.fs.mode == fsSpace {
		in.splitSpace(-1)
		return
	}
	in.splitDone = true
	in.scratch = in.splitStr(in.recordStr(), &in.fs, in.scratch[:0])
	in.fields = in.fields[:0]
	for _, f := range in.scratch {
		in.fields = append(in.fields, userStr(f))
	}
	clear(in.scratch)
	in.nf = len(in.fields)
	in.globals[vNF].c = num(float64(in.nf))
}

// splitSpace splits $0 at blanks (FS " ", the common case) straight
// into the fields: all of it, or with upTo > 0 only until there are
// that many, to go on from there when more are needed ($3 of a long
// line need not split the rest of it).
func (in *interp) splitSpace(upTo int) {
	if !in.partial {
		in.partial = true
		in.splitSrc = in.recordStr()
		in.splitAt = 0
		in.fields = in.fields[:0]
	}
	s := in.splitSrc
	i := in.splitAt
	for upTo < 0 || len(in.fields) < upTo {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			in.partial = false
			in.splitSrc = ""
			in.splitDone = true
			in.nf = len(in.fields)
			in.globals[vNF].c = num(float64(in.nf))
			return
		}
		j := i
		for j < len(s) && !isSpace(s[j]) {
			j++
		}
		in.fields = append(in.fields, Cell{s: s[i:j], kind: kUser})
		i = j
	}
	in.splitAt = i
}

// field returns $i.
func (in *interp) field(i int) Cell {
	if i == 0 {
		in.materialize()
		return in.rec
	}
	in.checkFields(i)
	if !in.splitDone {
		if in.fs.mode != fsSpace {
			in.ensureSplit()
		} else if in.splitSpace(i); !in.splitDone {
			return in.fields[i-1]
		}
	}
	if i > in.nf {
		return Cell{}
	}
	return in.fields[i-1]
}

// setField assigns $i: $0 is split again when needed; any other field
// makes NF at least i and rebuilds $0 with OFS.
func (in *interp) setField(i int, v Cell) {
	if i == 0 {
		in.rec = v
		in.lazy, in.view, in.lazyIn = false, nil, nil
		in.splitDone = false
		in.partial = false
		return
	}
	in.checkFields(i)
	in.ensureSplit()
	for in.nf < i {
		in.fields = append(in.fields, Cell{})
		in.nf++
	}
	in.fields[i-1] = v
	in.rebuild()
}

// setNF assigns NF: fields are dropped or added, and $0 rebuilt.
func (in *interp) setNF(v Cell) {
	in.ensureSplit()
	n := truncInt(toNum(v))
	if n < 0 {
		in.fatal("NF set to negative value")
	}
	in.checkFields(n)
	if n < in.nf {
		clear(in.fields[n:])
		in.fields = in.fields[:n]
	}
	for len(in.fields) < n {
		in.fields = append(in.fields, Cell{})
	}
	in.nf = n
	in.rebuild()
}

// rebuild joins the fields with OFS into $0, a string.
func (in *interp) rebuild() {
	var b strings.Builder
	size := len(in.ofs) * len(in.fields)
	for _, f := range in.fields {
		size += len(f.s) + 1
	}
	b.Grow(size)
	for i, f := range in.fields {
		if i > 0 {
			b.WriteString(in.ofs)
		}
		b.WriteString(in.toStr(f))
	}
	in.rec = str(b.String())
	in.lazy, in.view, in.lazyIn = false, nil, nil
	in.globals[vNF].c = num(float64(in.nf))
}

// maxFields is BusyBox's cap on the number of fields.
const maxFields = 0xffffff

// checkFields ends the run, as BusyBox does, when a program refers to a
// field past the cap.
func (in *interp) checkFields(n int) {
	if n > maxFields || in.cfg.maxFields > 0 && n > in.cfg.maxFields {
		in.fatalRaw("out of memory")
	}
}
