package tarfmt

import (
	"bytes"
	"strconv"
)

// paxRecs is a set of pax records ("KEY=VALUE"), kept as offsets into
// one buffer that is reused from entry to entry: reading the extended
// headers of an archive that has one per entry (GNU tar's --format=pax
// writes atime, ctime and mtime for each) then allocates nothing. A key
// set again replaces its value.
type paxRecs struct {
	data []byte
	recs []paxRec
}

// paxRec is one record: its key is data[k:v], its value data[v:end].
type paxRec struct{ k, v, end int }

func (p *paxRecs) reset() {
	p.data, p.recs = p.data[:0], p.recs[:0]
}

func (p *paxRecs) key(i int) []byte { return p.data[p.recs[i].k:p.recs[i].v] }
func (p *paxRecs) val(i int) []byte { return p.data[p.recs[i].v:p.recs[i].end] }

// find returns the index of key's record, or -1.
func (p *paxRecs) find(key []byte) int {
	for i := range p.recs {
		if bytes.Equal(p.key(i), key) {
			return i
		}
	}
	return -1
}

// get returns key's value and whether it is set.
func (p *paxRecs) get(key string) ([]byte, bool) {
	for i := range p.recs {
		if string(p.key(i)) == key {
			return p.val(i), true
		}
	}
	return nil, false
}

// has reports whether key is set to a value that is not empty.
func (p *paxRecs) has(key string) bool {
	v, _ := p.get(key)
	return len(v) > 0
}

// str returns key's value as a string ("" when unset).
func (p *paxRecs) str(key string) string {
	v, _ := p.get(key)
	return string(v)
}

// set sets key to val, or with join appends ",val" to a value already
// set (the repeated records of a 0.0 sparse map).
func (p *paxRecs) set(key, val []byte, join bool) {
	i := p.find(key)
	if i < 0 {
		k := len(p.data)
		p.data = append(append(p.data, key...), val...)
		p.recs = append(p.recs, paxRec{k, k + len(key), len(p.data)})
		return
	}
	// The record is written anew at the end of the buffer; the old
	// bytes stay unused until the next reset.
	r := &p.recs[i]
	k := len(p.data)
	p.data = append(p.data, key...)
	if join {
		p.data = append(append(p.data, p.data[r.v:r.end]...), ',')
	}
	p.data = append(p.data, val...)
	*r = paxRec{k, k + len(key), len(p.data)}
}

// del removes key's record.
func (p *paxRecs) del(key []byte) {
	if i := p.find(key); i >= 0 {
		p.recs = append(p.recs[:i], p.recs[i+1:]...)
	}
}

// parsePAX parses "LEN KEY=VALUE\n" records into p. A malformed record ends
// the parsing with BusyBox's warning; what came before it is kept. The
// repeated GNU.sparse.offset and GNU.sparse.numbytes records of a 0.0
// sparse map are kept all, joined with commas.
func (tr *Reader) parsePAX(data []byte, p *paxRecs) {
	warn := tr.warn
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp <= 0 || sp > 20 {
			warn("malformed extended header, skipped")
			break
		}
		n, err := strconv.Atoi(string(data[:sp]))
		if err != nil || n <= sp+1 || n > len(data) || data[n-1] != '\n' {
			warn("malformed extended header, skipped")
			break
		}
		rec := data[sp+1 : n-1]
		data = data[n:]
		k, v, ok := bytes.Cut(rec, []byte("="))
		if !ok {
			warn("malformed extended header, skipped")
			break
		}
		join := string(k) == "GNU.sparse.offset" || string(k) == "GNU.sparse.numbytes"
		p.set(k, v, join)
	}
}

// compact copies the records into a buffer of their own size, so that
// values replaced again and again (global headers) do not grow it.
func (p *paxRecs) compact() {
	live := 0
	for _, r := range p.recs {
		live += r.end - r.k
	}
	if len(p.data) <= 2*live+4096 {
		return
	}
	data := make([]byte, 0, live)
	for i, r := range p.recs {
		k := len(data)
		data = append(data, p.data[r.k:r.end]...)
		p.recs[i] = paxRec{k, k + r.v - r.k, len(data)}
	}
	p.data = data
}
