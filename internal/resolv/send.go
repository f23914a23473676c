package resolv

import (
	"context"
	"time"

	"golang.org/x/sys/unix"
)

// udpSize is the largest UDP reply musl accepts; a longer or truncated
// (TC) reply is asked again over TCP.
const udpSize = 512

// pollSlice bounds each wait so that cancellation is noticed promptly.
const pollSlice = 100 * time.Millisecond

// exchange sends each query to every nameserver at once over UDP, as
// musl's __res_msend_rc does: it resends unanswered queries every
// timeout/attempts, resends at once (a few times) to a server that
// answered SERVFAIL, ignores replies from other addresses, with other
// IDs or questions and with other response codes than success and
// NXDOMAIN, and asks again over TCP when a reply is truncated. It
// returns one reply per query, nil where none came in time. The error
// is for a socket that cannot be opened, or cancellation.
func exchange(ctx context.Context, c *conf, port int, timeout time.Duration, queries [][]byte) ([][]byte, error) {
	fd, fam, err := openUDP(c.ns)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	var servers []unix.Sockaddr
	for _, a := range c.ns {
		if sa := sockaddr(fam, a, port); sa != nil {
			servers = append(servers, sa)
		}
	}
	if len(servers) == 0 {
		return nil, unix.EAFNOSUPPORT
	}
	x := &udpExchange{
		ctx:     ctx,
		fd:      fd,
		fam:     fam,
		servers: servers,
		queries: queries,
		answers: make([][]byte, len(queries)),
		done:    make([]bool, len(queries)),
		buf:     make([]byte, udpSize),
	}
	if err := x.run(timeout, timeout/time.Duration(c.attempts)); err != nil {
		return nil, err
	}
	return x.answers, nil
}

// openUDP opens the UDP socket for the nameservers ns: IPv6 (with IPv4
// servers as v4-mapped addresses) when one of them is IPv6 and the kernel
// has IPv6, IPv4 otherwise. It returns the socket and its family.
func openUDP(ns []Addr) (fd, fam int, err error) {
	fam = unix.AF_INET
	for _, a := range ns {
		if !a.Is4() {
			fam = unix.AF_INET6
		}
	}
	fd, err = unix.Socket(fam, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err == unix.EAFNOSUPPORT && fam == unix.AF_INET6 {
		fam = unix.AF_INET
		fd, err = unix.Socket(fam, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	}
	if err != nil {
		return -1, fam, err
	}
	if fam == unix.AF_INET6 {
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 0)
	}
	return fd, fam, nil
}

// udpExchange is one exchange in progress: the socket, the servers, the
// queries and the replies taken so far.
type udpExchange struct {
	ctx     context.Context
	fd      int
	fam     int
	servers []unix.Sockaddr
	queries [][]byte
	answers [][]byte
	done    []bool // a final answer (maybe nil) is in for the query
	// servfailRetry is how many immediate resends SERVFAIL replies may
	// still cause before the next round of sends.
	servfailRetry int
	deadline      time.Time // the end of the whole exchange, TCP included
	buf           []byte
}

// run sends the queries and takes replies until every query has its
// answer or timeout has passed, sending the unanswered ones again every
// retry.
func (x *udpExchange) run(timeout, retry time.Duration) error {
	t0 := time.Now()
	x.deadline = t0.Add(timeout)
	t1 := t0.Add(-retry) // the last round of sends: the first is due now
	for now := t0; now.Sub(t0) < timeout && x.pending(); now = time.Now() {
		if now.Sub(t1) >= retry {
			x.sendPending()
			t1 = now
		}
		until := t1.Add(retry)
		if x.deadline.Before(until) {
			until = x.deadline
		}
		ready, err := wait(x.ctx, x.fd, unix.POLLIN, until)
		if err != nil {
			return err
		}
		if ready {
			if err := x.receive(); err != nil {
				return err
			}
		}
	}
	return nil
}

// pending reports whether a query still waits for its answer.
func (x *udpExchange) pending() bool {
	for _, d := range x.done {
		if !d {
			return true
		}
	}
	return false
}

// sendPending sends every unanswered query to every server, and allows
// a new round of SERVFAIL resends.
func (x *udpExchange) sendPending() {
	for i, q := range x.queries {
		if x.done[i] {
			continue
		}
		for _, sa := range x.servers {
			unix.Sendto(x.fd, q, unix.MSG_NOSIGNAL, sa)
		}
	}
	x.servfailRetry = 2 * len(x.queries)
}

// receive takes every reply waiting on the socket.
func (x *udpExchange) receive() error {
	for {
		n, from, err := unix.Recvfrom(x.fd, x.buf, unix.MSG_TRUNC)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil
		}
		if err := x.reply(n, from); err != nil {
			return err
		}
	}
}

// reply takes one datagram of n bytes (MSG_TRUNC: maybe more than the
// buffer holds) from from, keeping it when it answers a pending query.
func (x *udpExchange) reply(n int, from unix.Sockaddr) error {
	// A reply shorter than a header cannot be one.
	if n < headerLen {
		return nil
	}
	j := serverIndex(x.servers, from)
	if j < 0 {
		return nil
	}
	msg := x.buf[:min(n, len(x.buf))]
	i := queryIndex(x.queries, x.done, msg)
	if i < 0 || msg[2]&(flagQR>>8) == 0 {
		return nil
	}
	switch msg[3] & 15 {
	case RcodeSuccess, RcodeNXDomain:
	case RcodeServFail:
		if x.servfailRetry > 0 {
			x.servfailRetry--
			unix.Sendto(x.fd, x.queries[i], unix.MSG_NOSIGNAL, x.servers[j])
		}
		return nil
	default:
		return nil
	}
	if msg[2]&(flagTC>>8) != 0 || n > len(x.buf) {
		// Truncated: ask this server over TCP; whatever comes of it is
		// the final word for this query, as in musl.
		x.done[i] = true
		var err error
		x.answers[i], err = tcpExchange(x.ctx, x.fam, x.servers[j], x.queries[i], x.deadline)
		return err
	}
	if !sameQuestion(msg, x.queries[i]) {
		return nil
	}
	x.done[i] = true
	x.answers[i] = append([]byte(nil), msg...)
	return nil
}

// sockaddr is a's address for a socket of family fam (IPv4 addresses
// become v4-mapped on an IPv6 socket), or nil when it has none.
func sockaddr(fam int, a Addr, port int) unix.Sockaddr {
	if fam == unix.AF_INET {
		if !a.Is4() {
			return nil
		}
		sa := &unix.SockaddrInet4{Port: port}
		copy(sa.Addr[:], a.IP)
		return sa
	}
	sa := &unix.SockaddrInet6{Port: port}
	if a.Is4() {
		sa.Addr[10], sa.Addr[11] = 0xff, 0xff
		copy(sa.Addr[12:], a.IP)
	} else {
		copy(sa.Addr[:], a.IP)
		sa.ZoneId = a.Scope
	}
	return sa
}

// serverIndex is the index of the server from is, or -1.
func serverIndex(servers []unix.Sockaddr, from unix.Sockaddr) int {
	for j, sa := range servers {
		switch s := sa.(type) {
		case *unix.SockaddrInet4:
			if f, ok := from.(*unix.SockaddrInet4); ok && f.Port == s.Port && f.Addr == s.Addr {
				return j
			}
		case *unix.SockaddrInet6:
			if f, ok := from.(*unix.SockaddrInet6); ok && f.Port == s.Port && f.Addr == s.Addr {
				return j
			}
		}
	}
	return -1
}

// queryIndex is the index of the unanswered query whose ID msg has, or -1.
func queryIndex(queries [][]byte, done []bool, msg []byte) int {
	for i, q := range queries {
		if !done[i] && q[0] == msg[0] && q[1] == msg[1] {
			return i
		}
	}
	return -1
}

// wait polls fd for events until deadline, in slices so that ctx's
// cancellation is noticed. It reports whether fd is ready.
func wait(ctx context.Context, fd int, events int16, deadline time.Time) (bool, error) {
	for {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		left := time.Until(deadline)
		if left <= 0 {
			return false, nil
		}
		ms := int(min(left, pollSlice) / time.Millisecond)
		if ms == 0 {
			ms = 1
		}
		pfd := []unix.PollFd{{Fd: int32(fd), Events: events}}
		n, err := unix.Poll(pfd, ms)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false, nil
		}
		if n > 0 {
			return true, nil
		}
	}
}

// tcpExchange sends q to sa over TCP (with the two-byte length prefix)
// and reads the reply before deadline. It returns nil when no valid
// reply came: a failed connection, a short or mismatched reply, or one
// with a response code other than success or NXDOMAIN.
func tcpExchange(ctx context.Context, fam int, sa unix.Sockaddr, q []byte, deadline time.Time) ([]byte, error) {
	fd, err := unix.Socket(fam, unix.SOCK_STREAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, nil
	}
	defer unix.Close(fd)
	if err := unix.Connect(fd, sa); err != nil && err != unix.EINPROGRESS {
		return nil, nil
	}
	out := append([]byte{byte(len(q) >> 8), byte(len(q))}, q...)
	for len(out) > 0 {
		ready, err := wait(ctx, fd, unix.POLLOUT, deadline)
		if err != nil || !ready {
			return nil, err
		}
		n, err := unix.Write(fd, out)
		if err == unix.EAGAIN || err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, nil
		}
		out = out[n:]
	}
	var lenbuf [2]byte
	if ok, err := readFull(ctx, fd, lenbuf[:], deadline); !ok {
		return nil, err
	}
	msg := make([]byte, be16(lenbuf[:]))
	if len(msg) < headerLen {
		return nil, nil
	}
	if ok, err := readFull(ctx, fd, msg, deadline); !ok {
		return nil, err
	}
	if msg[0] != q[0] || msg[1] != q[1] || msg[2]&(flagQR>>8) == 0 || !sameQuestion(msg, q) {
		return nil, nil
	}
	if rc := msg[3] & 15; rc != RcodeSuccess && rc != RcodeNXDomain {
		return nil, nil
	}
	return msg, nil
}

// readFull reads len(b) bytes from the nonblocking fd before deadline.
func readFull(ctx context.Context, fd int, b []byte, deadline time.Time) (bool, error) {
	for len(b) > 0 {
		ready, err := wait(ctx, fd, unix.POLLIN, deadline)
		if err != nil || !ready {
			return false, err
		}
		n, err := unix.Read(fd, b)
		if err == unix.EAGAIN || err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 {
			return false, nil
		}
		b = b[n:]
	}
	return true, nil
}
