// Package resolv looks host names up the way musl libc's getaddrinfo and
// gethostbyname do, without Go's net package (whose initialisation would
// cost every gobox exec): an IP address literal stands for itself; then
// /etc/hosts; then DNS, with the nameservers, search list and ndots,
// timeout and attempts options of /etc/resolv.conf, A and AAAA queries
// sent over UDP to all nameservers at once and retried, and TCP when a
// reply is truncated. DNS messages are built and parsed here; replies
// are untrusted and checked strictly (ID, source address, question,
// lengths, compression pointers).
package resolv

import (
	"context"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// Family selects the address family of a lookup.
type Family int

// Address families.
const (
	Any  Family = 0 // IPv4 and IPv6 (AF_UNSPEC)
	IPv4 Family = 4 // AF_INET
	IPv6 Family = 6 // AF_INET6
)

// Error is a lookup failure, as gethostbyname reports it in h_errno.
type Error int

// The h_errno values musl's gethostbyname sets.
const (
	HostNotFound Error = 1 // the name does not exist (or has no address)
	TryAgain     Error = 2 // no answer in time, or SERVFAIL
	NoRecovery   Error = 3 // any other failure
)

// Error is musl's hstrerror text.
func (e Error) Error() string {
	switch e {
	case HostNotFound:
		return "Host not found"
	case TryAgain:
		return "Try again"
	case NoRecovery:
		return "Non-recoverable error"
	case 4:
		return "Address not available"
	}
	return "Unknown error"
}

// musl's internal getaddrinfo results: a positive count of addresses,
// 0 for "nothing here, try the next source", or one of these.
const (
	eaiNoName = -2
	eaiAgain  = -3
	eaiFail   = -4
	eaiSystem = -11
)

// Resolver holds the files and settings of lookups; the zero value
// uses the system's.
type Resolver struct {
	HostsFile  string // default /etc/hosts
	ResolvConf string // default /etc/resolv.conf
	// Port is the nameservers' port; 0 means 53.
	Port int
	// Timeout, when not zero, replaces resolv.conf's timeout (whole
	// seconds there); tests use it.
	Timeout time.Duration
}

// Host is a lookup's result.
type Host struct {
	// Name is the canonical name: the first name on the first matching
	// /etc/hosts line, the last CNAME target in the DNS reply, or the
	// name as found (with the search domain that matched).
	Name  string
	Addrs []Addr
}

// LookupHost resolves name to its addresses of family fam and its
// canonical name, as gethostbyname (fam IPv4) or getaddrinfo with
// AI_CANONNAME does. Failures are an Error (or ctx's error when it is
// cancelled). With fam Any, addresses are in the order found: musl's
// RFC 6724 sorting is not done.
func (r *Resolver) LookupHost(ctx context.Context, name string, fam Family) (*Host, error) {
	if i := strings.IndexByte(name, 0); i >= 0 {
		name = name[:i] // a C string
	}
	if len(name) == 0 || len(name) > 254 {
		return nil, HostNotFound
	}
	if a, n := parseLiteral(name, fam); n != 0 {
		if n < 0 {
			return nil, HostNotFound
		}
		return &Host{Name: name, Addrs: []Addr{a}}, nil
	}
	hosts := r.HostsFile
	if hosts == "" {
		hosts = "/etc/hosts"
	}
	addrs, canon, rc := lookupHostsFile(hosts, name, fam)
	if rc == 0 {
		canon = ""
		var err error
		addrs, canon, rc, err = r.dnsSearch(ctx, name, fam)
		if err != nil {
			return nil, err
		}
	}
	switch {
	case rc > 0:
		if canon == "" {
			canon = name
		}
		return &Host{Name: canon, Addrs: addrs}, nil
	case rc == 0 || rc == eaiNoName:
		return nil, HostNotFound
	case rc == eaiAgain:
		return nil, TryAgain
	}
	return nil, NoRecovery
}

// dnsSearch is musl's name_from_dns_search: a name with fewer dots
// than ndots and no final dot is tried with each search domain first,
// until one gives an answer other than NXDOMAIN; then as it is.
func (r *Resolver) dnsSearch(ctx context.Context, name string, fam Family) ([]Addr, string, int, error) {
	path := r.ResolvConf
	if path == "" {
		path = "/etc/resolv.conf"
	}
	c, err := readConf(path)
	if err != nil {
		return nil, "", eaiSystem, nil
	}
	search := c.search
	dots := strings.Count(name, ".")
	if dots >= c.ndots || strings.HasSuffix(name, ".") {
		search = ""
	}
	name = strings.TrimSuffix(name, ".")
	if name == "" || strings.HasSuffix(name, ".") {
		return nil, "", eaiNoName, nil
	}
	for _, dom := range strings.FieldsFunc(search, func(c rune) bool { return c < 0x80 && isSpace(byte(c)) }) {
		if len(dom) >= 255-len(name) {
			continue
		}
		full := name + "." + dom
		addrs, canon, rc, err := r.dns(ctx, c, full, fam)
		if err != nil || rc != 0 {
			return addrs, canon, rc, err
		}
	}
	return r.dns(ctx, c, name, fam)
}

// dns is musl's name_from_dns: the A query (unless fam is IPv6) and
// the AAAA query (unless fam is IPv4), sent together. The canonical
// name is name unless a CNAME record names another.
func (r *Resolver) dns(ctx context.Context, c *conf, name string, fam Family) ([]Addr, string, int, error) {
	var qtypes []uint16
	if fam != IPv6 {
		qtypes = append(qtypes, TypeA)
	}
	if fam != IPv4 {
		qtypes = append(qtypes, TypeAAAA)
	}
	id := queryID()
	queries := make([][]byte, len(qtypes))
	for i, t := range qtypes {
		q, ok := buildQuery(id+uint16(i), name, t)
		if !ok {
			return nil, "", eaiNoName, nil
		}
		queries[i] = q
	}
	port := r.Port
	if port == 0 {
		port = 53
	}
	timeout := r.Timeout
	if timeout == 0 {
		timeout = time.Duration(c.timeout) * time.Second
	}
	answers, err := exchange(ctx, c, port, timeout, queries)
	if err != nil {
		if ctx.Err() != nil {
			return nil, "", 0, ctx.Err()
		}
		return nil, "", eaiSystem, nil
	}
	for _, a := range answers {
		switch {
		case len(a) < 4 || a[3]&15 == RcodeServFail:
			return nil, "", eaiAgain, nil
		case a[3]&15 == RcodeNXDomain:
			return nil, "", 0, nil
		case a[3]&15 != RcodeSuccess:
			return nil, "", eaiFail, nil
		}
	}
	canon := name
	var addrs []Addr
	for _, a := range answers {
		reply, err := ParseReply(a)
		if err != nil {
			continue
		}
		for _, rr := range reply.Answers {
			if rr.Class != ClassINET {
				continue
			}
			switch rr.Type {
			case TypeA, TypeAAAA:
				if len(addrs) < maxAddrs {
					addrs = append(addrs, Addr{IP: append([]byte(nil), rr.Data...)})
				}
			case TypeCNAME:
				if validHostname(rr.Target) {
					canon = rr.Target
				}
			}
		}
	}
	if len(addrs) == 0 {
		return nil, "", eaiNoName, nil
	}
	return addrs, canon, len(addrs), nil
}

// queryID picks a random query ID (musl derives it from the clock).
func queryID() uint16 {
	var b [2]byte
	if n, err := unix.Getrandom(b[:], unix.GRND_NONBLOCK); err != nil || n != 2 {
		t := time.Now().UnixNano()
		return uint16(t + t/65536)
	}
	return uint16(b[0])<<8 | uint16(b[1])
}
