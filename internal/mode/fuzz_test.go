package mode

import (
	"strconv"
	"strings"
	"testing"
)

// symbolic writes the permission bits of m as a symbolic mode that sets
// exactly those bits whatever the current mode.
func symbolic(m uint32) string {
	who := func(shift uint, special string, specialBit uint32) string {
		s := ""
		for i, c := range "rwx" {
			if m>>shift&(4>>i) != 0 {
				s += string(c)
			}
		}
		if m&specialBit != 0 {
			s += special
		}
		return s
	}
	s := "a=,u=" + who(6, "s", setuid) + ",g=" + who(3, "s", setgid) + ",o=" + who(0, "", 0)
	if m&sticky != 0 {
		s += ",a+t"
	}
	return s
}

// FuzzParse parses arbitrary mode strings: no panics, no bits set or
// cleared outside 07777, octal results never above 07777, and the result
// survives a round trip through its octal and symbolic spellings.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"755", "04755", "7777", "10000", "75a", "0", "u+x", "u+x,g-r", "a+X",
		"+x", "+w", "-w", "=r", "go=u", "g=o", "u=rwx,g=rx,o=", "u+s,g+s,+t",
		"a=", ",", ",,u+x,,", "u", "u+", "=", "u=g", "o-o", "ugoa+rwxXst",
		"u+x-w=r", "+", "-", "a+u", "u=rwxs,g=rxs,o=rt", "8", "-1", "u+x,", "777777777777777777777",
	} {
		f.Add(s, uint32(0o644), uint32(0o22))
		f.Add(s, uint32(0o40755), uint32(0o77))
	}
	f.Fuzz(func(t *testing.T, s string, cur, umask uint32) {
		if len(s) > 1024 {
			return
		}
		cur &= 0o177777 // a file type and permission bits
		umask &= 0o777
		m, ok := Parse(s, cur, umask)
		if !ok {
			if m != 0 {
				t.Fatalf("Parse(%q) failed but returned %o", s, m)
			}
			return
		}
		octal := s != "" && s[0] >= '0' && s[0] <= '7'
		if octal {
			if m > 0o7777 {
				t.Fatalf("Parse(%q) = %o, above 07777", s, m)
			}
		} else if m&^0o7777 != cur&^0o7777 {
			t.Fatalf("Parse(%q, %o) = %o changed bits outside 07777", s, cur, m)
		}
		perm := m & 0o7777
		o := strconv.FormatUint(uint64(perm), 8)
		if back, ok := Parse(o, cur^0o7777, umask); !ok || back != perm {
			t.Fatalf("octal round trip of %q: %s -> %o, %v", s, o, back, ok)
		}
		sym := symbolic(perm)
		if back, ok := Parse(sym, cur^0o7777, umask); !ok || back&0o7777 != perm || back&^0o7777 != cur&^0o7777 {
			t.Fatalf("symbolic round trip of %q (%o): %s -> %o, %v", s, perm, sym, back, ok)
		}
		// Parsing is a pure function of its inputs.
		if again, _ := Parse(s, cur, umask); again != m {
			t.Fatal("not deterministic")
		}
		// A clause list separated by commas applies left to right.
		if !octal && !strings.ContainsAny(s, "0123456789") {
			if m2, ok2 := Parse(s+","+s, cur, umask); ok2 {
				if m3, _ := Parse(s, m, umask); m3 != m2 {
					t.Fatalf("Parse(%q) twice = %o, applied to %o = %o", s+","+s, m2, m, m3)
				}
			}
		}
	})
}
