package resolv

import (
	"bytes"
	"os"
)

// maxNS is musl's MAXNS: the most nameservers used.
const maxNS = 3

// conf is what musl's __get_resolv_conf reads from resolv.conf.
type conf struct {
	ns       []Addr // nameservers; 127.0.0.1 when none is given
	search   string // the last search or domain line's text, blank-separated
	ndots    int    // 0-15, default 1
	timeout  int    // seconds, 0-60, default 5
	attempts int    // 1-10, default 2
}

// readConf reads resolv.conf at path. A missing or unreadable file
// gives the defaults; other errors are returned (musl's EAI_SYSTEM).
func readConf(path string) (*conf, error) {
	data, err := os.ReadFile(path)
	if err != nil && !openErrorIsAbsent(err) {
		return nil, err
	}
	return parseConf(data), nil
}

// parseConf parses resolv.conf text as musl does: lines longer than 255
// bytes are ignored; "options" lines set ndots:, attempts: and timeout:
// (found anywhere in the line); up to three "nameserver" lines holding
// an IP address literal; "search" or "domain" lines replace the search
// list.
func parseConf(data []byte) *conf {
	c := &conf{ndots: 1, timeout: 5, attempts: 2}
	for len(data) > 0 {
		n := bytes.IndexByte(data, '\n') + 1
		if n == 0 {
			n = len(data)
		}
		line := data[:n]
		data = data[n:]
		// fgets with a 256-byte buffer: a line that does not fit is
		// skipped whole.
		if len(line) > 255 || line[len(line)-1] != '\n' && len(line) > 254 {
			continue
		}
		if nul := bytes.IndexByte(line, 0); nul >= 0 {
			line = line[:nul]
		}
		if hasKeyword(line, "options") {
			if v, ok := optionValue(line, "ndots:"); ok {
				c.ndots = int(min(v, 15))
			}
			if v, ok := optionValue(line, "attempts:"); ok {
				c.attempts = int(min(v, 10))
			}
			if v, ok := optionValue(line, "timeout:"); ok {
				c.timeout = int(min(v, 60))
			}
			continue
		}
		if hasKeyword(line, "nameserver") {
			if len(c.ns) >= maxNS {
				continue
			}
			p := skipSpace(line, len("nameserver")+1)
			z := p
			for z < len(line) && !isSpace(line[z]) {
				z++
			}
			if a, n := parseLiteral(string(line[p:z]), Any); n > 0 {
				c.ns = append(c.ns, a)
			}
			continue
		}
		if hasKeyword(line, "domain") || hasKeyword(line, "search") {
			c.search = string(line[skipSpace(line, 7):])
		}
	}
	if c.attempts < 1 {
		// musl divides by attempts; treat 0 as 1.
		c.attempts = 1
	}
	if len(c.ns) == 0 {
		c.ns = []Addr{{IP: []byte{127, 0, 0, 1}}}
	}
	return c
}

// hasKeyword reports whether line starts with kw followed by a blank.
func hasKeyword(line []byte, kw string) bool {
	return len(line) > len(kw) && string(line[:len(kw)]) == kw && isSpace(line[len(kw)])
}

func skipSpace(line []byte, p int) int {
	if p > len(line) {
		return len(line)
	}
	for p < len(line) && isSpace(line[p]) {
		p++
	}
	return p
}

// optionValue finds the first occurrence of key in line and the decimal
// number right after it (timeout: also accepts a leading '.', which
// then reads as no number).
func optionValue(line []byte, key string) (uint64, bool) {
	i := bytes.Index(line, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := line[i+len(key):]
	v, n, ok := strtoul10(string(rest))
	if !ok || n == 0 {
		return 0, false
	}
	return v, true
}
