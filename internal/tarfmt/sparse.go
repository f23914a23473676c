package tarfmt

import (
	"io"
	"strconv"
	"strings"
)

// readOldSparse reads the sparse map of an old GNU sparse entry ('S'):
// four regions in the header, then extension blocks of 21 each while
// the "is extended" byte is set.
func (tr *Reader) readOldSparse(h *Header, b *[BlockSize]byte) error {
	var segs []Segment
	add := func(e []byte) error {
		if e[0] == 0 {
			return nil
		}
		off, err := parseNumber(e[:12])
		if err != nil {
			return err
		}
		n, err := parseNumber(e[12:24])
		if err != nil {
			return err
		}
		if len(segs) >= MaxSparse {
			return ErrBadArchive
		}
		segs = append(segs, Segment{off, n})
		return nil
	}
	for i := 0; i < 4; i++ {
		if err := add(b[386+24*i : 410+24*i]); err != nil {
			return err
		}
	}
	real, err := parseNumber(b[483:495])
	if err != nil {
		return err
	}
	var ext [BlockSize]byte
	for more := b[482] != 0; more; more = ext[504] != 0 {
		if n, err := tr.readFull(ext[:]); n < BlockSize {
			if err == nil {
				err = ErrShortRead
			}
			return err
		}
		for i := 0; i < 21; i++ {
			if err := add(ext[24*i : 24*i+24]); err != nil {
				return err
			}
		}
	}
	h.Sparse, h.RealSize = segs, real
	return checkSparse(h)
}

// paxSparse reads the sparse map of a pax entry in any of GNU's three
// encodings: 0.0 (repeated GNU.sparse.offset and numbytes records), 0.1
// (GNU.sparse.map) and 1.0 (the map at the start of the data).
func (tr *Reader) paxSparse(h *Header) error {
	pax := tr.pax.str
	var segs []Segment
	switch {
	case pax("GNU.sparse.major") == "1" && pax("GNU.sparse.minor") == "0":
		var err error
		if segs, err = tr.readSparseMap(h); err != nil {
			return err
		}
	case pax("GNU.sparse.map") != "":
		var err error
		if segs, err = sparsePairs(strings.Split(pax("GNU.sparse.map"), ",")); err != nil {
			return err
		}
	case pax("GNU.sparse.offset") != "":
		offs := strings.Split(pax("GNU.sparse.offset"), ",")
		lens := strings.Split(pax("GNU.sparse.numbytes"), ",")
		if len(offs) != len(lens) {
			return ErrBadArchive
		}
		pairs := make([]string, 0, 2*len(offs))
		for i := range offs {
			pairs = append(pairs, offs[i], lens[i])
		}
		var err error
		if segs, err = sparsePairs(pairs); err != nil {
			return err
		}
	default:
		return nil
	}
	if name := pax("GNU.sparse.name"); name != "" {
		tr.name = append(tr.name[:0], name...)
	}
	size := pax("GNU.sparse.realsize")
	if size == "" {
		size = pax("GNU.sparse.size")
	}
	real, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		return ErrBadArchive
	}
	h.Sparse, h.RealSize = segs, real
	return checkSparse(h)
}

// sparsePairs parses "offset,length" pairs.
func sparsePairs(f []string) ([]Segment, error) {
	if len(f)%2 != 0 || len(f)/2 > MaxSparse {
		return nil, ErrBadArchive
	}
	segs := make([]Segment, 0, len(f)/2)
	for i := 0; i < len(f); i += 2 {
		off, err1 := strconv.ParseInt(f[i], 10, 64)
		n, err2 := strconv.ParseInt(f[i+1], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, ErrBadArchive
		}
		segs = append(segs, Segment{off, n})
	}
	return segs, nil
}

// readSparseMap reads the map of a 1.0 sparse entry from the start of its
// data (decimal numbers, one a line: the count, then offset and length
// pairs, padded to a block) and takes it off h.Size.
func (tr *Reader) readSparseMap(h *Header) ([]Segment, error) {
	var blk [BlockSize]byte
	pos, used := BlockSize, int64(0)
	number := func() (int64, error) {
		var v int64
		for digits := 0; ; digits++ {
			if pos == BlockSize {
				if used+BlockSize > h.Size {
					return 0, ErrBadArchive
				}
				if n, err := tr.readFull(blk[:]); n < BlockSize {
					if err == nil {
						err = ErrShortRead
					}
					return 0, err
				}
				used += BlockSize
				pos = 0
			}
			c := blk[pos]
			pos++
			if c == '\n' && digits > 0 {
				return v, nil
			}
			if c < '0' || c > '9' || digits >= 18 {
				return 0, ErrBadArchive
			}
			v = v*10 + int64(c-'0')
		}
	}
	count, err := number()
	if err != nil {
		return nil, err
	}
	if count > MaxSparse {
		return nil, ErrBadArchive
	}
	segs := make([]Segment, 0, count)
	for i := int64(0); i < count; i++ {
		off, err := number()
		if err != nil {
			return nil, err
		}
		n, err := number()
		if err != nil {
			return nil, err
		}
		segs = append(segs, Segment{off, n})
	}
	h.Size -= used
	return segs, nil
}

// checkSparse checks a sparse map against the entry: regions in order,
// not overlapping, inside the file, and as much data as the archive
// holds.
func checkSparse(h *Header) error {
	if h.RealSize < 0 {
		return ErrBadArchive
	}
	var end, sum int64
	for _, s := range h.Sparse {
		if s.Offset < end || s.Length < 0 || s.Offset > h.RealSize || s.Length > h.RealSize-s.Offset {
			return ErrBadArchive
		}
		end = s.Offset + s.Length
		sum += s.Length
	}
	if sum != h.Size {
		return ErrBadArchive
	}
	return nil
}

// Expand returns a reader of the whole file of the current entry: for a
// sparse file its holes read as zeros; otherwise the data as it is.
func (tr *Reader) Expand(h *Header) io.Reader {
	if h.Sparse == nil {
		return tr
	}
	return &expander{r: tr, segs: h.Sparse, size: h.RealSize}
}

// expander reads a sparse file from its packed data and its map.
type expander struct {
	r    io.Reader
	segs []Segment
	size int64
	pos  int64
}

func (e *expander) Read(p []byte) (int, error) {
	for len(e.segs) > 0 && e.segs[0].Offset+e.segs[0].Length <= e.pos && e.segs[0].Offset <= e.pos {
		e.segs = e.segs[1:]
	}
	if e.pos >= e.size || len(p) == 0 {
		if e.pos >= e.size {
			return 0, io.EOF
		}
		return 0, nil
	}
	if len(e.segs) == 0 || e.pos < e.segs[0].Offset {
		// A hole, up to the next region or the end.
		end := e.size
		if len(e.segs) > 0 {
			end = e.segs[0].Offset
		}
		n := int(min(int64(len(p)), end-e.pos))
		clear(p[:n])
		e.pos += int64(n)
		return n, nil
	}
	s := e.segs[0]
	n, err := e.r.Read(p[:min(int64(len(p)), s.Offset+s.Length-e.pos)])
	e.pos += int64(n)
	if err == io.EOF {
		err = ErrShortRead
	}
	return n, err
}
