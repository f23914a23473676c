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
	fam := unix.AF_INET
	for _, a := range c.ns {
		if !a.Is4() {
			fam = unix.AF_INET6
		}
	}
	fd, err := unix.Socket(fam, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err == unix.EAFNOSUPPORT && fam == unix.AF_INET6 {
		fam = unix.AF_INET
		fd, err = unix.Socket(fam, unix.SOCK_DGRAM|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	}
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	if fam == unix.AF_INET6 {
		unix.SetsockoptInt(fd, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 0)
	}
	var servers []unix.Sockaddr
	for _, a := range c.ns {
		if sa := sockaddr(fam, a, port); sa != nil {
			servers = append(servers, sa)
		}
	}
	if len(servers) == 0 {
		return nil, unix.EAFNOSUPPORT
	}

	answers := make([][]byte, len(queries))
	done := make([]bool, len(queries))
	retry := timeout / time.Duration(c.attempts)
	t0 := time.Now()
	t1 := t0.Add(-retry)
	servfailRetry := 0
	buf := make([]byte, udpSize)
	for now := t0; now.Sub(t0) < timeout; now = time.Now() {
		pending := false
		for i := range queries {
			if !done[i] {
				pending = true
			}
		}
		if !pending {
			break
		}
		if now.Sub(t1) >= retry {
			for i, q := range queries {
				if done[i] {
					continue
				}
				for _, sa := range servers {
					unix.Sendto(fd, q, unix.MSG_NOSIGNAL, sa)
				}
			}
			t1 = now
			servfailRetry = 2 * len(queries)
		}
		until := t1.Add(retry)
		if end := t0.Add(timeout); end.Before(until) {
			until = end
		}
		ready, err := wait(ctx, fd, unix.POLLIN, until)
		if err != nil {
			return nil, err
		}
		if !ready {
			continue
		}
		for {
			n, from, err := unix.Recvfrom(fd, buf, unix.MSG_TRUNC)
			if err == unix.EINTR {
				continue
			}
			if err != nil {
				break
			}
			// A reply shorter than a header cannot be one.
			if n < headerLen {
				continue
			}
			j := serverIndex(servers, from)
			if j < 0 {
				continue
			}
			msg := buf[:min(n, len(buf))]
			i := queryIndex(queries, done, msg)
			if i < 0 || msg[2]&(flagQR>>8) == 0 {
				continue
			}
			switch msg[3] & 15 {
			case RcodeSuccess, RcodeNXDomain:
			case RcodeServFail:
				if servfailRetry > 0 {
					servfailRetry--
					unix.Sendto(fd, queries[i], unix.MSG_NOSIGNAL, servers[j])
				}
				continue
			default:
				continue
			}
			if msg[2]&(flagTC>>8) != 0 || n > len(buf) {
				// Truncated: ask this server over TCP; whatever comes of
				// it is the final word for this query, as in musl.
				done[i] = true
				answers[i], err = tcpExchange(ctx, fam, servers[j], queries[i], t0.Add(timeout))
				if err != nil {
					return nil, err
				}
				continue
			}
			if !sameQuestion(msg, queries[i]) {
				continue
			}
			done[i] = true
			answers[i] = append([]byte(nil), msg...)
		}
	}
	return answers, nil
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
