package resolv

import (
	"strings"
	"testing"
)

// wireName encodes a dotted name without compression.
func wireName(n string) []byte {
	var b []byte
	if n != "" {
		for _, l := range strings.Split(n, ".") {
			b = append(b, byte(len(l)))
			b = append(b, l...)
		}
	}
	return append(b, 0)
}

// rr is one answer record for reply.
type rr struct {
	name  []byte // owner in wire form (nil: pointer to the question name)
	typ   uint16
	class uint16
	data  []byte
}

// reply builds a response to query q with the given flags/rcode byte 3
// and answers. The question is copied from q.
func reply(q []byte, rcode byte, answers ...rr) []byte {
	r := append([]byte(nil), q...)
	r[2] |= 0x80
	r[3] = rcode
	r[6], r[7] = byte(len(answers)>>8), byte(len(answers))
	for _, a := range answers {
		if a.name == nil {
			r = append(r, 0xc0, 12)
		} else {
			r = append(r, a.name...)
		}
		class := a.class
		if class == 0 {
			class = ClassINET
		}
		r = append(r, byte(a.typ>>8), byte(a.typ), byte(class>>8), byte(class), 0, 0, 0, 60, byte(len(a.data)>>8), byte(len(a.data)))
		r = append(r, a.data...)
	}
	return r
}

func mustQuery(t testing.TB, id uint16, name string, typ uint16) []byte {
	q, ok := buildQuery(id, name, typ)
	if !ok {
		t.Fatalf("buildQuery(%q) failed", name)
	}
	return q
}

func TestParseReply(t *testing.T) {
	q := mustQuery(t, 7, "www.example.org", TypeA)
	good := reply(q, 0,
		rr{typ: TypeCNAME, data: append([]byte{3, 'w', 'e', 'b'}, 0xc0, 16)}, // web.example.org
		rr{name: []byte{0xc0, 45}, typ: TypeA, data: []byte{192, 0, 2, 1}},
		rr{typ: 99, data: []byte("whatever")},
	)
	r, err := ParseReply(good)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != 7 || r.RCode() != 0 || r.Truncated() || r.QName != "www.example.org" || r.QType != TypeA || r.QClass != ClassINET || len(r.Answers) != 3 {
		t.Fatalf("reply = %+v", r)
	}
	if a := r.Answers[0]; a.Name != "www.example.org" || a.Type != TypeCNAME || a.Target != "web.example.org" || a.TTL != 60 {
		t.Errorf("answer 0 = %+v", a)
	}
	if a := r.Answers[1]; a.Name != "web.example.org" || string(a.Data) != "\xc0\x00\x02\x01" {
		t.Errorf("answer 1 = %+v", a)
	}

	hdr := func(b []byte) []byte { return append([]byte{0, 7, 0x81, 0x80}, b...) }
	bad := map[string][]byte{
		"short":           good[:11],
		"not a response":  q,
		"opcode":          append([]byte{0, 7, 0x88, 0}, good[4:]...),
		"two questions":   hdr(append([]byte{0, 2, 0, 0, 0, 0, 0, 0}, good[12:]...)),
		"count too big":   hdr(append([]byte{0, 1, 0, 50, 0, 0, 0, 0}, good[12:]...)),
		"truncated rr":    good[:len(good)-3],
		"truncated name":  good[:14],
		"truncated qtype": good[:12+17+2],
		// A pointer to itself, and a loop between two names.
		"self pointer": reply(q, 0, rr{name: []byte{0xc0, byte(len(q))}, typ: TypeA, data: []byte{1, 2, 3, 4}}),
		"pointer loop": reply(q, 0, rr{typ: TypeCNAME, data: []byte{1, 'a', 0xc0, byte(len(q) + 12)}}),
		"forward ptr":  reply(q, 0, rr{name: []byte{0xc0, byte(len(q) + 2)}, typ: TypeA, data: []byte{1, 2, 3, 4}}),
		"ptr header":   reply(q, 0, rr{name: []byte{0xc0, 2}, typ: TypeA, data: []byte{1, 2, 3, 4}}),
		"bad A len":    reply(q, 0, rr{typ: TypeA, data: []byte{1, 2, 3}}),
		"bad AAAA len": reply(q, 0, rr{typ: TypeAAAA, data: []byte{1, 2, 3, 4}}),
		"cname short":  reply(q, 0, rr{typ: TypeCNAME, data: []byte{3, 'w', 'e'}}),
		"cname extra":  reply(q, 0, rr{typ: TypeCNAME, data: []byte{1, 'a', 0, 9}}),
		"label type":   reply(q, 0, rr{name: []byte{0x41, 0}, typ: TypeA, data: []byte{1, 2, 3, 4}}),
		"dot in label": reply(q, 0, rr{name: []byte{3, 'a', '.', 'b', 0}, typ: TypeA, data: []byte{1, 2, 3, 4}}),
		"long name":    reply(q, 0, rr{name: []byte(strings.Repeat("\x3f"+strings.Repeat("a", 63), 4) + "\x00"), typ: TypeA, data: []byte{1, 2, 3, 4}}),
		"rdlen past end": func() []byte {
			b := reply(q, 0, rr{typ: TypeA, data: []byte{1, 2, 3, 4}})
			b[len(b)-5] = 5
			return b
		}(),
	}
	for name, msg := range bad {
		if r, err := ParseReply(msg); err == nil {
			t.Errorf("%s: accepted: %+v", name, r)
		}
	}

	// Other classes are not checked for length; a 255-byte name is fine.
	ok := map[string][]byte{
		"chaos A":   reply(q, 0, rr{typ: TypeA, class: 3, data: []byte{1}}),
		"nxdomain":  reply(q, 3),
		"no qd":     hdr([]byte{0, 0, 0, 0, 0, 0, 0, 0}),
		"255 bytes": reply(q, 0, rr{name: []byte(strings.Repeat("\x3f"+strings.Repeat("a", 63), 3) + "\x3d" + strings.Repeat("a", 61) + "\x00"), typ: TypeA, data: []byte{1, 2, 3, 4}}),
	}
	for name, msg := range ok {
		if _, err := ParseReply(msg); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestSameQuestion(t *testing.T) {
	q := mustQuery(t, 1, "Host.Example", TypeA)
	if !sameQuestion(reply(mustQuery(t, 1, "hOST.example", TypeA), 0), q) {
		t.Error("case-insensitive match failed")
	}
	for _, other := range [][]byte{
		reply(mustQuery(t, 1, "host.example", TypeAAAA), 0),
		reply(mustQuery(t, 1, "host.exampl", TypeA), 0),
		reply(mustQuery(t, 1, "other.example", TypeA), 0),
		reply(q, 0)[:20],
	} {
		if sameQuestion(other, q) {
			t.Errorf("%q matched", other)
		}
	}
}

// FuzzParseReply checks that no input makes the reply parser panic, loop
// or return records that lie outside the message or break its rules.
func FuzzParseReply(f *testing.F) {
	q, _ := buildQuery(7, "www.example.org", TypeA)
	f.Add(reply(q, 0, rr{typ: TypeCNAME, data: append([]byte{3, 'w', 'e', 'b'}, 0xc0, 16)}, rr{name: []byte{0xc0, 45}, typ: TypeA, data: []byte{192, 0, 2, 1}}))
	f.Add(reply(q, 3))
	f.Add(reply(q, 0, rr{typ: TypeAAAA, data: make([]byte, 16)}, rr{typ: TypePTR, data: []byte{0xc0, 12}}))
	f.Add(reply(q, 0, rr{typ: TypeCNAME, data: []byte{1, 'a', 0xc0, byte(len(q) + 12)}}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, msg []byte) {
		r, err := ParseReply(msg)
		if err != nil {
			return
		}
		if r.Flags&flagQR == 0 || r.QCount > 1 {
			t.Fatalf("accepted bad header %+v", r)
		}
		for _, a := range r.Answers {
			if a.Class == ClassINET && (a.Type == TypeA && len(a.Data) != 4 || a.Type == TypeAAAA && len(a.Data) != 16) {
				t.Fatalf("bad address length %d", len(a.Data))
			}
			for _, n := range []string{a.Name, a.Target} {
				if len(n) > 253 {
					t.Fatalf("name of %d bytes", len(n))
				}
			}
		}
	})
}
