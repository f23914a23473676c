package tarfmt

import (
	"strconv"
	"strings"
)

// writeSparse writes a sparse file's header as GNU tar's pax format 1.0
// does, whatever the archive's format (GNU tar reads it in any): a pax
// header with GNU.sparse.major=1, minor=0, the real name and size, a
// ustar header named DIR/GNUSparseFile.0/BASE, and data that starts
// with the map (a count, then offset and length pairs, one decimal
// number a line, padded to a block) followed by the regions' bytes,
// which the caller writes in order.
func (tw *Writer) writeSparse(h *Header) error {
	var m strings.Builder
	m.WriteString(strconv.Itoa(len(h.Sparse)) + "\n")
	var data int64
	for _, s := range h.Sparse {
		m.WriteString(strconv.FormatInt(s.Offset, 10) + "\n" + strconv.FormatInt(s.Length, 10) + "\n")
		data += s.Length
	}
	mapLen := int64(m.Len())
	mapLen += -mapLen & (BlockSize - 1)

	hc := *h
	hc.Format = FormatPAX
	dir, base := "", h.Name
	if i := strings.LastIndexByte(h.Name, '/'); i >= 0 {
		dir, base = h.Name[:i+1], h.Name[i+1:]
	}
	hc.Name = dir + "GNUSparseFile.0/" + base
	if len(hc.Name) > 100 {
		// The real name is in GNU.sparse.name; this one only has to
		// fit.
		hc.Name = truncate("GNUSparseFile.0/"+base, 100)
	}
	hc.Size = mapLen + data
	hc.Sparse = nil
	recs := []string{
		paxRecord("GNU.sparse.major", "1"),
		paxRecord("GNU.sparse.minor", "0"),
		paxRecord("GNU.sparse.name", h.Name),
		paxRecord("GNU.sparse.realsize", strconv.FormatInt(h.RealSize, 10)),
	}
	if err := tw.writeUSTAR(&hc, recs); err != nil {
		return err
	}
	tw.remain = hc.Size
	tw.pad = -hc.Size & (BlockSize - 1)
	if _, err := tw.Write([]byte(m.String())); err != nil {
		return err
	}
	if err := tw.zeros(mapLen - int64(m.Len())); err != nil {
		return err
	}
	tw.remain -= mapLen - int64(m.Len())
	return tw.err
}
