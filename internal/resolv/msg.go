package resolv

import "bytes"

// DNS record types and the Internet class.
const (
	TypeA     = 1
	TypeCNAME = 5
	TypePTR   = 12
	TypeAAAA  = 28
	ClassINET = 1
)

// Header flag bits and response codes.
const (
	flagQR = 1 << 15 // a response
	flagTC = 1 << 9  // truncated
	flagRD = 1 << 8  // recursion desired

	RcodeSuccess  = 0
	RcodeServFail = 2
	RcodeNXDomain = 3
)

const headerLen = 12

// msgError is a malformed-message error.
type msgError string

func (e msgError) Error() string { return "resolv: " + string(e) }

// Record is one resource record of a reply's answer section.
type Record struct {
	Name  string // owner name, without the final dot
	Type  uint16
	Class uint16
	TTL   uint32
	Data  []byte // the RDATA: 4 bytes for A, 16 for AAAA
	// Target is the decompressed domain name of a CNAME or PTR record.
	Target string
}

// Reply is a parsed DNS response: its header, question and answers.
// Authority and additional sections are not parsed.
type Reply struct {
	ID      uint16
	Flags   uint16
	QName   string // the question, when the reply has one
	QType   uint16
	QClass  uint16
	QCount  int
	Answers []Record
}

// RCode is the reply's response code.
func (r *Reply) RCode() int { return int(r.Flags & 15) }

// Truncated reports whether the TC bit is set.
func (r *Reply) Truncated() bool { return r.Flags&flagTC != 0 }

// buildQuery builds a standard recursive query for name as musl's
// res_mkquery does: one trailing dot is dropped, the name must be at
// most 253 bytes of labels of 1 to 63 bytes.
func buildQuery(id uint16, name string, qtype uint16) ([]byte, bool) {
	if name != "" && name[len(name)-1] == '.' {
		name = name[:len(name)-1]
		if name != "" && name[len(name)-1] == '.' {
			return nil, false
		}
	}
	if len(name) > 253 {
		return nil, false
	}
	q := make([]byte, headerLen, headerLen+len(name)+6)
	q[0], q[1] = byte(id>>8), byte(id)
	q[2] = flagRD >> 8
	q[5] = 1 // QDCOUNT
	for name != "" {
		label := name
		rest := ""
		if i := bytes.IndexByte([]byte(name), '.'); i >= 0 {
			label, rest = name[:i], name[i+1:]
			if rest == "" {
				return nil, false
			}
		}
		if len(label) < 1 || len(label) > 63 {
			return nil, false
		}
		q = append(q, byte(len(label)))
		q = append(q, label...)
		name = rest
	}
	q = append(q, 0, byte(qtype>>8), byte(qtype), 0, ClassINET)
	return q, true
}

// readName decodes the possibly compressed domain name at off in msg,
// returning it without the final dot and the offset after it. Every
// compression pointer must point before the start of the name part it
// jumps from, which rules out loops; the name may be at most 255 bytes
// in wire form; labels must be plain (no extended label types) and may
// not contain '.' or NUL.
func readName(msg []byte, off int) (string, int, error) {
	var name []byte
	next := -1
	limit := off // a pointer must jump below this
	wire := 1    // the root label
	for {
		if off >= len(msg) {
			return "", 0, msgError("name runs past the end of the message")
		}
		c := int(msg[off])
		switch c & 0xc0 {
		case 0x00:
			if c == 0 {
				if next < 0 {
					next = off + 1
				}
				return string(name), next, nil
			}
			wire += c + 1
			if wire > 255 {
				return "", 0, msgError("name too long")
			}
			if off+1+c > len(msg) {
				return "", 0, msgError("label runs past the end of the message")
			}
			label := msg[off+1 : off+1+c]
			if bytes.IndexByte(label, '.') >= 0 || bytes.IndexByte(label, 0) >= 0 {
				return "", 0, msgError("label contains '.' or NUL")
			}
			if len(name) > 0 {
				name = append(name, '.')
			}
			name = append(name, label...)
			off += 1 + c
		case 0xc0:
			if off+1 >= len(msg) {
				return "", 0, msgError("pointer runs past the end of the message")
			}
			p := (c&0x3f)<<8 | int(msg[off+1])
			if p >= limit || p < headerLen {
				return "", 0, msgError("bad compression pointer")
			}
			if next < 0 {
				next = off + 2
			}
			off, limit = p, p
		default:
			return "", 0, msgError("bad label type")
		}
	}
}

func be16(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }

// ParseReply parses a DNS response: a header with the QR bit set and
// opcode 0, at most one question, and the answer section, whose
// records must each lie wholly inside the message. A and AAAA records
// of class IN must have 4 and 16 bytes of data; the data of a CNAME or
// PTR record must be exactly one domain name. Replies are untrusted
// input: any inconsistency is an error.
func ParseReply(msg []byte) (*Reply, error) {
	if len(msg) < headerLen {
		return nil, msgError("message shorter than a header")
	}
	r := &Reply{ID: be16(msg), Flags: be16(msg[2:])}
	if r.Flags&flagQR == 0 {
		return nil, msgError("not a response")
	}
	if r.Flags>>11&15 != 0 {
		return nil, msgError("not a standard query response")
	}
	qd, an := int(be16(msg[4:])), int(be16(msg[6:]))
	if qd > 1 {
		return nil, msgError("more than one question")
	}
	// Every answer takes at least 11 bytes: this bounds allocations.
	if an > (len(msg)-headerLen)/11 {
		return nil, msgError("answer count exceeds message size")
	}
	off := headerLen
	if qd == 1 {
		name, next, err := readName(msg, off)
		if err != nil {
			return nil, err
		}
		if next+4 > len(msg) {
			return nil, msgError("question runs past the end of the message")
		}
		r.QName, r.QType, r.QClass, r.QCount = name, be16(msg[next:]), be16(msg[next+2:]), 1
		off = next + 4
	}
	if an > 0 {
		r.Answers = make([]Record, 0, an)
	}
	for ; an > 0; an-- {
		name, next, err := readName(msg, off)
		if err != nil {
			return nil, err
		}
		if next+10 > len(msg) {
			return nil, msgError("record header runs past the end of the message")
		}
		rr := Record{
			Name:  name,
			Type:  be16(msg[next:]),
			Class: be16(msg[next+2:]),
			TTL:   uint32(be16(msg[next+4:]))<<16 | uint32(be16(msg[next+6:])),
		}
		rdlen := int(be16(msg[next+8:]))
		start := next + 10
		end := start + rdlen
		if end > len(msg) {
			return nil, msgError("record data runs past the end of the message")
		}
		rr.Data = msg[start:end:end]
		switch {
		case rr.Class != ClassINET:
		case rr.Type == TypeA && rdlen != 4, rr.Type == TypeAAAA && rdlen != 16:
			return nil, msgError("bad address length")
		case rr.Type == TypeCNAME || rr.Type == TypePTR:
			target, after, err := readName(msg[:end], start)
			if err != nil {
				return nil, err
			}
			if after != end {
				return nil, msgError("bad name record length")
			}
			rr.Target = target
		}
		r.Answers = append(r.Answers, rr)
		off = end
	}
	return r, nil
}

// sameQuestion reports whether reply's question section is query's,
// compared byte for byte except for ASCII case (a reply's question is
// never compressed: a pointer can only point backwards, into the header).
func sameQuestion(reply, query []byte) bool {
	if len(reply) < headerLen || be16(reply[4:]) != 1 {
		return false
	}
	q := query[headerLen:]
	if len(reply)-headerLen < len(q) {
		return false
	}
	a := reply[headerLen : headerLen+len(q)]
	for i := range q {
		if lower(a[i]) != lower(q[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
