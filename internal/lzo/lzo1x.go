// Package lzo is LZO1X and the lzop file format, as BusyBox's lzop
// reads and writes them: the LZO1X decompressor (every LZO1X stream,
// whichever compressor made it: LZO1X-1, -1(15), -999), the LZO1X-1
// compressor with a 14- or 15-bit dictionary (lzop's levels 2-6 and 1),
// and the container: magic, header with its checksum, blocks of at most
// 256 KiB with optional adler32/crc32 checksums of their uncompressed
// and compressed forms.
//
// The compressor makes the same choices as the LZO library's 2.03
// LZO1X-1 that BusyBox carries, so gobox's lzop writes the bytes
// BusyBox's does; the decompressor checks every bound (input, output,
// look-behind) and fails rather than read or write out of range.
package lzo

import (
	"encoding/binary"
	"errors"
)

// ErrCorrupt is an LZO1X stream that does not decode: it runs past its
// input or its output, refers to data before the start of its output, or
// leaves input after its end marker.
var ErrCorrupt = errors.New("lzo: corrupted data")

// Decompress decodes the LZO1X stream src into dst, which bounds the
// output, and returns how many bytes it wrote.
func Decompress(src, dst []byte) (int, error) {
	n := len(src)
	ip, op := 0, 0
	// state is what the previous instruction left: 0 a match with no
	// literals, 1-3 that many literals after a match, 4 a literal run.
	state := 0
	if n > 0 && src[0] > 17 {
		t := int(src[0]) - 17
		ip = 1
		if t > n-ip || t > len(dst) {
			return 0, ErrCorrupt
		}
		copy(dst, src[ip:ip+t])
		ip += t
		op = t
		state = min(t, 4)
	}
	for {
		if ip >= n {
			return op, ErrCorrupt
		}
		inst := int(src[ip])
		ip++
		var dist, length int
		switch {
		case inst >= 64: // M2: 3-8 bytes, up to 2 KiB back
			if ip >= n {
				return op, ErrCorrupt
			}
			length = inst>>5 + 1
			dist = (inst>>2)&7 + int(src[ip])<<3 + 1
			ip++
		case inst >= 32: // M3: up to 16 KiB back
			length = inst & 31
			if length == 0 {
				var ok bool
				if length, ip, ok = extLen(src, ip, 31); !ok {
					return op, ErrCorrupt
				}
			}
			length += 2
			if n-ip < 2 {
				return op, ErrCorrupt
			}
			dist = (int(src[ip])|int(src[ip+1])<<8)>>2 + 1
			ip += 2
		case inst >= 16: // M4: 16-48 KiB back, or the end
			length = inst & 7
			if length == 0 {
				var ok bool
				if length, ip, ok = extLen(src, ip, 7); !ok {
					return op, ErrCorrupt
				}
			}
			length += 2
			if n-ip < 2 {
				return op, ErrCorrupt
			}
			dist = (inst&8)<<11 + (int(src[ip])|int(src[ip+1])<<8)>>2
			ip += 2
			if dist == 0 {
				if ip != n {
					return op, ErrCorrupt
				}
				return op, nil
			}
			dist += 0x4000
		case state == 0: // a run of literals
			length = inst
			if length == 0 {
				var ok bool
				if length, ip, ok = extLen(src, ip, 15); !ok {
					return op, ErrCorrupt
				}
			}
			length += 3
			if length > n-ip || length > len(dst)-op {
				return op, ErrCorrupt
			}
			if length <= 16 && n-ip >= 16 && len(dst)-op >= 16 {
				copy16(dst[op:], src[ip:])
			} else {
				copy(dst[op:], src[ip:ip+length])
			}
			ip += length
			op += length
			state = 4
			continue
		default: // M1: 2 bytes after a match, 3 after literals
			if ip >= n {
				return op, ErrCorrupt
			}
			dist = inst>>2 + int(src[ip])<<2 + 1
			ip++
			length = 2
			if state == 4 {
				dist += 0x800
				length = 3
			}
		}
		if dist > op || length > len(dst)-op {
			return op, ErrCorrupt
		}
		if dist >= 8 && length <= 16 && len(dst)-op >= 16 {
			// Eight bytes at a time, past the match's end where
			// there is room: the bytes past it are written over later.
			copy8(dst[op:], dst[op-dist:])
			if length > 8 {
				copy8(dst[op+8:], dst[op-dist+8:])
			}
		} else if dist >= length {
			copy(dst[op:op+length], dst[op-dist:])
		} else {
			for i := range length {
				dst[op+i] = dst[op-dist+i]
			}
		}
		op += length
		// The two low bits of the match's first offset byte (M3, M4) or
		// of its instruction (M1, M2), both two bytes back, count the
		// literals that follow it.
		state = int(src[ip-2]) & 3
		if state > 0 {
			if state > n-ip || state > len(dst)-op {
				return op, ErrCorrupt
			}
			if n-ip >= 4 && len(dst)-op >= 4 {
				binary.LittleEndian.PutUint32(dst[op:], binary.LittleEndian.Uint32(src[ip:]))
			} else {
				copy(dst[op:], src[ip:ip+state])
			}
			ip += state
			op += state
		}
	}
}

// extLen reads a length continued in the bytes at src[ip:]: each zero
// byte adds 255, the first non-zero one ends it; base is the field's
// largest short value.
func extLen(src []byte, ip, base int) (int, int, bool) {
	t := base
	for ip < len(src) && src[ip] == 0 {
		t += 255
		ip++
	}
	if ip >= len(src) {
		return 0, ip, false
	}
	t += int(src[ip])
	return t, ip + 1, true
}

// copy8 copies 8 bytes from src to dst, which must both have them: for
// the short literal runs and matches that dominate, two loads and
// stores beat a call to copy.
func copy8(dst, src []byte) {
	binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(src))
}

// copy16 copies 16 bytes from src to dst, which must both have them.
func copy16(dst, src []byte) {
	copy8(dst, src)
	copy8(dst[8:], src[8:])
}
