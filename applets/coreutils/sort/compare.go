package sort

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"math"
	"os"
	"strconv"
	"unsafe"

	"gobox/internal/applet"
	"gobox/internal/lines"
)

// sorter holds what the options ask for, the state of a sort, and the
// runs written so far.
type sorter struct {
	keys           []key
	kinds          []int // how each key is prepared and compared (fast*)
	sep            int   // -t's byte, or -1 for runs of blanks
	stable, unique bool  // -s, -u
	reverse        bool  // global -r, for the last-resort comparison
	zero           bool  // -z
	err            error

	ctx     *applet.Ctx
	runSize int
	tmpDir  string
	runs    []*os.File // the runs written out, in input order
	mem     batch      // the lines read since the last run
	runW    *bufio.Writer
	readers []*lines.Reader // readers of runs, for the next merge

	// side holds the prepared keys after the first of the batch being
	// sorted, by the place of their line in it (rec.seq); nil while
	// merging, when keys after the first are compared from the lines.
	side *batch

	scratch [2][]byte // keyOf's buffers for the two sides of a comparison
}

// rec is a line held for sorting: where it is in its batch's buffer, its
// place in the batch (which is its input order; while merging, the run
// it comes from), and its first key, prepared once so that most
// comparisons need nothing else.
type rec struct {
	pre    uint64
	aux    uint32
	off, n uint32
	seq    uint32
}

// prepared is a key prepared for comparison (see the fast* kinds): aux
// is for fastString whether the whole key is in pre, for fastG and
// fastH its kind (and class), for fastM its month; pre is for
// fastString the key's first 8 bytes, for fastN, fastG and fastH its
// value's bits.
type prepared struct {
	pre uint64
	aux uint32
}

// How a key is prepared, and compared from what was prepared.
const (
	fastNone   = iota // not prepared: compare the lines
	fastString        // by the key's first 8 bytes, then the lines
	fastN             // by value
	fastG             // by kind (no number, NaN, number), then value
	fastH             // by kind, then suffix class, then value
	fastM             // by month
)

// Kinds of a -g or -h key.
const (
	kindNone = iota // no number
	kindNaN
	kindNumber
)

// setKinds chooses how each key is prepared and compared.
func (s *sorter) setKinds() {
	s.kinds = make([]int, len(s.keys))
	for i := range s.keys {
		k := &s.keys[i]
		switch {
		case k.badType(), k.flags&flagV != 0:
			s.kinds[i] = fastNone
		case k.flags&typeMask == 0:
			s.kinds[i] = fastString
		case k.flags&flagN != 0:
			s.kinds[i] = fastN
		case k.flags&flagG != 0:
			s.kinds[i] = fastG
		case k.flags&flagH != 0:
			s.kinds[i] = fastH
		case k.flags&flagM != 0:
			s.kinds[i] = fastM
		}
	}
}

// prep prepares the first key of line.
func (s *sorter) prep(line []byte) rec {
	p := s.prepKey(line, 0)
	return rec{n: uint32(len(line)), pre: p.pre, aux: p.aux}
}

// prepKey prepares key i of line.
func (s *sorter) prepKey(line []byte, i int) prepared {
	var p prepared
	k := &s.keys[i]
	switch s.kinds[i] {
	case fastNone:
		return p
	case fastString:
		start, end := s.span(line, k)
		var b [8]byte
		n := 0
		for _, c := range line[start:end] {
			if k.flags&transformMask != 0 {
				var ok bool
				if c, ok = transform(c, k.flags); !ok {
					continue
				}
			}
			if n == len(b) {
				n++
				break
			}
			b[n] = c
			n++
		}
		p.pre = binary.BigEndian.Uint64(b[:])
		if n <= len(b) {
			p.aux = 1
		}
		return p
	}
	kb := s.keyOf(line, k, &s.scratch[0])
	switch s.kinds[i] {
	case fastN:
		v, _ := strtod(kb)
		p.pre = math.Float64bits(v)
	case fastG, fastH:
		kind, class, v := numberKind(kb, s.kinds[i] == fastH)
		p.aux = uint32(kind | class<<4)
		p.pre = math.Float64bits(v)
	case fastM:
		p.aux = uint32(month(kb) + 1)
	}
	return p
}

// compare orders two lines with their recs: by each key in turn, then,
// when every key ties, by input order with -s, else by the whole lines
// (reversed by a global -r).
func (s *sorter) compare(a []byte, ra *rec, b []byte, rb *rec) int {
	if c := s.compareKeys(a, ra, b, rb); c != 0 {
		return c
	}
	if s.stable {
		return cmp.Compare(ra.seq, rb.seq)
	}
	c := bytes.Compare(a, b)
	if s.reverse {
		return -c
	}
	return c
}

// compareKeys orders two lines by their keys alone (what -u calls
// duplicates compare 0).
func (s *sorter) compareKeys(a []byte, ra *rec, b []byte, rb *rec) int {
	for i := range s.keys {
		k := &s.keys[i]
		var c int
		switch {
		case s.kinds[i] == fastNone:
			c = s.compareKey(a, b, k)
		case i == 0:
			c = s.comparePrepared(i, prepared{ra.pre, ra.aux}, a, prepared{rb.pre, rb.aux}, b)
		case s.side != nil:
			side := &s.side.keys[i-1]
			c = s.comparePrepared(i, side.at(ra.seq), a, side.at(rb.seq), b)
		default:
			c = s.compareKey(a, b, k)
		}
		if c != 0 {
			if k.flags&flagR != 0 {
				return -c
			}
			return c
		}
	}
	return 0
}

// comparePrepared compares key i of lines a and b from what prepKey
// found, falling back on the lines for strings that share their first
// 8 bytes.
func (s *sorter) comparePrepared(i int, pa prepared, a []byte, pb prepared, b []byte) int {
	switch s.kinds[i] {
	case fastString:
		if pa.pre != pb.pre {
			return cmp.Compare(pa.pre, pb.pre)
		}
		if pa.aux&pb.aux != 0 {
			return 0 // both keys were whole in pre
		}
		return s.compareKey(a, b, &s.keys[i])
	case fastN:
		return floatCompare(math.Float64frombits(pa.pre), math.Float64frombits(pb.pre))
	case fastG, fastH:
		return kindCompare(int(pa.aux&15), int(pa.aux>>4), math.Float64frombits(pa.pre),
			int(pb.aux&15), int(pb.aux>>4), math.Float64frombits(pb.pre))
	case fastM:
		return monthCompare(int(pa.aux)-1, int(pb.aux)-1)
	}
	return 0
}

// compareKey compares key k of two lines.
func (s *sorter) compareKey(a, b []byte, k *key) int {
	if k.badType() {
		if s.err == nil {
			s.err = fail("unknown sort type")
		}
		return 0
	}
	x := s.keyOf(a, k, &s.scratch[0])
	y := s.keyOf(b, k, &s.scratch[1])
	switch k.flags & typeMask {
	case flagN:
		vx, _ := strtod(x)
		vy, _ := strtod(y)
		return floatCompare(vx, vy)
	case flagG, flagH:
		kx, cx, vx := numberKind(x, k.flags&flagH != 0)
		ky, cy, vy := numberKind(y, k.flags&flagH != 0)
		return kindCompare(kx, cx, vx, ky, cy, vy)
	case flagM:
		return monthCompare(month(x), month(y))
	case flagV:
		return strverscmp(x, y)
	}
	return bytes.Compare(x, y)
}

// floatCompare is -n's comparison: a NaN is equal to everything.
func floatCompare(x, y float64) int {
	switch {
	case x > y:
		return 1
	case x < y:
		return -1
	}
	return 0
}

// numberKind reads a -g (or, with human, -h) key: whether it is a
// number, NaN or none, its suffix class for -h, and its value.
func numberKind(key []byte, human bool) (kind, class int, v float64) {
	v, n := strtod(key)
	switch {
	case n == 0:
		return kindNone, 0, 0
	case v != v:
		return kindNaN, 0, v
	}
	if human && n < len(key) {
		class = suffixClass(key[n])
	}
	return kindNumber, class, v
}

// kindCompare orders -g and -h keys: what is no number first, then NaN,
// then numbers, for -h by their suffix (none, K, M, G...) before their
// value.
func kindCompare(kx, cx int, vx float64, ky, cy int, vy float64) int {
	if kx != ky {
		return cmp.Compare(kx, ky)
	}
	if kx != kindNumber {
		return 0
	}
	if cx != cy {
		return cmp.Compare(cx, cy)
	}
	return floatCompare(vx, vy)
}

// suffixClass is the rank of a -h suffix: 0 for none, 1 for k or K, 2
// for M, and so on to Y.
func suffixClass(c byte) int {
	if c == 'k' {
		return 1
	}
	for i := 0; i < len("KMGTPEZY"); i++ {
		if "KMGTPEZY"[i] == c {
			return i + 1
		}
	}
	return 0
}

// monthCompare orders -M keys: what is no month (-1) first.
func monthCompare(x, y int) int {
	switch {
	case x < 0 && y < 0:
		return 0
	case x < 0:
		return -1
	case y < 0:
		return 1
	}
	return cmp.Compare(x, y)
}

// month is musl's strptime %b: after blanks, a month's name or its
// abbreviation in any case; -1 if there is none.
func month(key []byte) int {
	i := 0
	for i < len(key) && isSpace(key[i]) {
		i++
	}
	if len(key)-i < 3 {
		return -1
	}
	var m [3]byte
	for j := range m {
		m[j] = key[i+j] | 0x20
	}
	const names = "janfebmaraprmayjunjulaugsepoctnovdec"
	for j := 0; j < 12; j++ {
		if string(m[:]) == names[3*j:3*j+3] {
			return j
		}
	}
	return -1
}

// strverscmp is musl's strverscmp, on keys that hold no NUL (what lies
// past the end reads as one).
func strverscmp(l, r []byte) int {
	at := func(s []byte, i int) int {
		if i < len(s) {
			return int(s[i])
		}
		return 0
	}
	dp, i := 0, 0
	z := true
	for ; at(l, i) == at(r, i); i++ {
		c := at(l, i)
		if c == 0 {
			return 0
		}
		if !isDigit(byte(c)) {
			dp, z = i+1, true
		} else if c != '0' {
			z = false
		}
	}
	if uint(at(l, dp)-'1') < 9 && uint(at(r, dp)-'1') < 9 {
		// Digit strings that start with a nonzero digit: the longer
		// is the greater.
		j := i
		for ; isDigit(byte(at(l, j))); j++ {
			if !isDigit(byte(at(r, j))) {
				return 1
			}
		}
		if isDigit(byte(at(r, j))) {
			return -1
		}
	} else if z && dp < i && (isDigit(byte(at(l, i))) || isDigit(byte(at(r, i)))) {
		// After a common prefix of zeros, digits come before
		// anything else.
		return int(byte(at(l, i)-'0')) - int(byte(at(r, i)-'0'))
	}
	return at(l, i) - at(r, i)
}

// strtod reads the longest prefix of s that C's strtod accepts, as
// musl's does: blanks, a sign, then a decimal number with an optional
// exponent, a hexadecimal one ("0x1.8p3"), "inf", "infinity" or "nan"
// (with an optional "(chars)"), in any case. It returns the value and
// the length read, 0 when there is no number.
func strtod(s []byte) (float64, int) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	sign := func(v float64) float64 {
		if neg {
			return -v
		}
		return v
	}
	switch {
	case hasPrefixFold(s[i:], "infinity"):
		return sign(math.Inf(1)), i + 8
	case hasPrefixFold(s[i:], "inf"):
		return sign(math.Inf(1)), i + 3
	case hasPrefixFold(s[i:], "nan"):
		j := i + 3
		if j < len(s) && s[j] == '(' {
			k := j + 1
			for k < len(s) && (isAlnum(s[k]) || s[k] == '_') {
				k++
			}
			if k < len(s) && s[k] == ')' {
				j = k + 1
			}
		}
		return math.NaN(), j
	case i+1 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x':
		if v, n := hexFloat(s[i+2:]); n > 0 {
			return sign(v), i + 2 + n
		}
		return sign(0), i + 1 // "0x" without digits: the 0 alone
	}
	start := i
	digits := 0
	intDigits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	intDigits = digits
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0
	}
	if i < len(s) && s[i]|0x20 == 'e' {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	num := s[start:i]
	if intDigits == len(num) && intDigits <= 15 {
		// A plain integer: exact in a float64, and the common case.
		v := 0.0
		for _, c := range num {
			v = v*10 + float64(c-'0')
		}
		return sign(v), i
	}
	v, _ := strconv.ParseFloat(unsafe.String(&num[0], len(num)), 64)
	return sign(v), i
}

// hexFloat reads the hexadecimal digits (with an optional point and
// binary exponent) of a number after its "0x"; n is 0 if there are
// none.
func hexFloat(s []byte) (float64, int) {
	i, digits := 0, 0
	for i < len(s) && isHex(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isHex(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0
	}
	mant := i
	if i < len(s) && s[i]|0x20 == 'p' {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	text := "0x" + string(s[:mant])
	if i > mant {
		text += string(s[mant:i])
	} else {
		text += "p0"
	}
	v, _ := strconv.ParseFloat(text, 64)
	return v, i
}

func isHex(c byte) bool {
	return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f'
}

// hasPrefixFold reports whether s starts with the lower-case ASCII
// prefix, in any case.
func hasPrefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if s[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}
