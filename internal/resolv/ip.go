package resolv

import "strconv"

// Addr is an IPv4 or IPv6 address as the resolver returns it.
type Addr struct {
	IP    []byte // 4 bytes for IPv4, 16 for IPv6
	Scope uint32 // IPv6 scope (zone) id; 0 if none
}

// Is4 reports whether a is an IPv4 address.
func (a Addr) Is4() bool { return len(a.IP) == 4 }

// String formats a as musl's inet_ntop does: dotted decimal for IPv4;
// for IPv6 lower-case hex groups with the longest run of zero groups
// (at least two) shortened to "::", and the ::ffff:a.b.c.d form for
// v4-mapped addresses. A scope id is appended as "%N".
func (a Addr) String() string {
	switch len(a.IP) {
	case 4:
		return formatIPv4(a.IP)
	case 16:
		s := formatIPv6(a.IP)
		if a.Scope != 0 {
			s += "%" + strconv.FormatUint(uint64(a.Scope), 10)
		}
		return s
	}
	return "?"
}

func formatIPv4(ip []byte) string {
	b := make([]byte, 0, 15)
	for i, v := range ip {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(v), 10)
	}
	return string(b)
}

func formatIPv6(ip []byte) string {
	b := make([]byte, 0, 46)
	mapped := true
	for i := 0; i < 12; i++ {
		want := byte(0)
		if i >= 10 {
			want = 0xff
		}
		if ip[i] != want {
			mapped = false
		}
	}
	groups := 8
	if mapped {
		groups = 6
	}
	for i := 0; i < groups; i++ {
		if i > 0 {
			b = append(b, ':')
		}
		b = strconv.AppendUint(b, uint64(ip[2*i])<<8|uint64(ip[2*i+1]), 16)
	}
	if mapped {
		b = append(b, ':')
		b = append(b, formatIPv4(ip[12:])...)
	}
	// Replace the longest run of ":0" characters starting at the
	// beginning or at a colon (more than 3 of them) with "::", as musl
	// does.
	best, max := 0, 2
	for i := 0; i < len(b); i++ {
		if i > 0 && b[i] != ':' {
			continue
		}
		j := i
		for j < len(b) && (b[j] == ':' || b[j] == '0') {
			j++
		}
		if j-i > max {
			best, max = i, j-i
		}
	}
	if max > 3 {
		out := append([]byte(nil), b[:best]...)
		out = append(out, ':', ':')
		out = append(out, b[best+max:]...)
		b = out
	}
	return string(b)
}

// parseIPv4 parses s as musl's inet_aton does: one to four numbers
// separated by dots, each decimal, octal (leading 0) or hex (leading
// 0x); the last number fills the remaining bytes ("10.1" is 10.0.0.1).
func parseIPv4(s string) ([]byte, bool) {
	var a [4]uint64
	i := 0
	for ; i < 4; i++ {
		if s == "" || s[0] < '0' || s[0] > '9' {
			return nil, false
		}
		v, n, ok := strtoul(s)
		if !ok {
			return nil, false
		}
		a[i] = v
		s = s[n:]
		if s == "" {
			break
		}
		if s[0] != '.' {
			return nil, false
		}
		s = s[1:]
	}
	if i == 4 {
		return nil, false
	}
	switch i {
	case 0:
		a[1] = a[0] & 0xffffff
		a[0] >>= 24
		fallthrough
	case 1:
		a[2] = a[1] & 0xffff
		a[1] >>= 16
		fallthrough
	case 2:
		a[3] = a[2] & 0xff
		a[2] >>= 8
	}
	ip := make([]byte, 4)
	for i, v := range a {
		if v > 255 {
			return nil, false
		}
		ip[i] = byte(v)
	}
	return ip, true
}

// strtoul parses an unsigned number at the start of s with C's base 0
// rules, returning its value (saturated), the bytes consumed, and
// whether any digit was read.
func strtoul(s string) (v uint64, n int, ok bool) {
	base := uint64(10)
	i := 0
	if len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && len(s) > 2 && hexval(s[2]) >= 0 {
		base, i = 16, 2
	} else if s != "" && s[0] == '0' {
		base = 8
	}
	start := i
	for ; i < len(s); i++ {
		d := hexval(s[i])
		if d < 0 || uint64(d) >= base {
			break
		}
		if v > (1<<63)/base {
			v = 1<<64 - 1 // saturate like ULONG_MAX
		} else {
			v = v*base + uint64(d)
		}
	}
	return v, i, i > start
}

func hexval(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// parseIPv6 parses a textual IPv6 address as inet_pton does: eight
// groups of one to four hex digits, at most one "::" standing for one
// or more zero groups, and optionally a dotted-quad IPv4 address (plain
// decimal, no leading zeros) as the last 32 bits.
func parseIPv6(s string) ([]byte, bool) {
	var groups [8]uint16
	n, brk := 0, -1
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		brk = 0
		s = s[2:]
		if s == "" {
			return make([]byte, 16), true
		}
	} else if s != "" && s[0] == ':' {
		return nil, false
	}
	for {
		if n == 8 {
			return nil, false
		}
		j, v := 0, 0
		for j < 4 && j < len(s) && hexval(s[j]) >= 0 {
			v = v*16 + hexval(s[j])
			j++
		}
		if j == 0 {
			return nil, false
		}
		if j < len(s) && s[j] == '.' {
			// An embedded IPv4 address fills the last two groups.
			if n > 6 || (n < 6 && brk < 0) {
				return nil, false
			}
			ip4, ok := parseDottedQuad(s)
			if !ok {
				return nil, false
			}
			groups[n] = uint16(ip4[0])<<8 | uint16(ip4[1])
			groups[n+1] = uint16(ip4[2])<<8 | uint16(ip4[3])
			n += 2
			break
		}
		groups[n] = uint16(v)
		n++
		s = s[j:]
		if s == "" {
			break
		}
		if s[0] != ':' {
			return nil, false
		}
		s = s[1:]
		if s != "" && s[0] == ':' {
			if brk >= 0 {
				return nil, false
			}
			brk = n
			s = s[1:]
			if s == "" {
				break
			}
		} else if s == "" {
			return nil, false
		}
	}
	if brk >= 0 {
		if n == 8 {
			return nil, false
		}
		var out [8]uint16
		copy(out[:], groups[:brk])
		copy(out[8-(n-brk):], groups[brk:n])
		groups = out
	} else if n != 8 {
		return nil, false
	}
	ip := make([]byte, 16)
	for i, g := range groups {
		ip[2*i] = byte(g >> 8)
		ip[2*i+1] = byte(g)
	}
	return ip, true
}

// parseDottedQuad parses exactly four decimal numbers 0-255 without
// leading zeros, separated by dots (inet_pton's AF_INET form).
func parseDottedQuad(s string) ([]byte, bool) {
	ip := make([]byte, 4)
	for i := 0; i < 4; i++ {
		j, v := 0, 0
		for j < 3 && j < len(s) && s[j] >= '0' && s[j] <= '9' {
			v = v*10 + int(s[j]-'0')
			j++
		}
		if j == 0 || (j > 1 && s[0] == '0') || v > 255 {
			return nil, false
		}
		ip[i] = byte(v)
		s = s[j:]
		if i == 3 {
			return ip, s == ""
		}
		if s == "" || s[0] != '.' {
			return nil, false
		}
		s = s[1:]
	}
	return ip, true
}

// parseLiteral is musl's __lookup_ipliteral: an IPv4 address in
// inet_aton form (unless fam is IPv6), else an IPv6 address with an
// optional numeric "%scope" (unless fam is IPv4). It returns 1 for an
// address, 0 for a string that is not one, -1 for an IPv6 address with
// an unusable scope.
func parseLiteral(s string, fam Family) (Addr, int) {
	if fam != IPv6 {
		if ip, ok := parseIPv4(s); ok {
			return Addr{IP: ip}, 1
		}
	}
	if fam == IPv4 {
		return Addr{}, 0
	}
	host, scope, hasScope := s, "", false
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i < 64 {
				host, scope, hasScope = s[:i], s[i+1:], true
			}
			break
		}
	}
	ip, ok := parseIPv6(host)
	if !ok {
		return Addr{}, 0
	}
	a := Addr{IP: ip}
	if hasScope {
		// Interface names need if_nametoindex; only numeric scope ids
		// are supported.
		v, n, ok := strtoul10(scope)
		if !ok || n != len(scope) || v > 1<<32-1 {
			return Addr{}, -1
		}
		a.Scope = uint32(v)
	}
	return a, 1
}

func strtoul10(s string) (v uint64, n int, ok bool) {
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		if v > 1<<40 {
			v = 1 << 40
		} else {
			v = v*10 + uint64(s[n]-'0')
		}
		n++
	}
	return v, n, n > 0
}
