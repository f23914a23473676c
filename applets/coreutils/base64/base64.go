// Package base64 is the base64 applet: BusyBox's base64 (in its
// uudecode.c), which encodes FILE (or standard input) wrapped at -w
// columns, or with -d decodes it, skipping characters outside the
// alphabet and dying on a truncated last group.
package base64

import (
	"gobox/internal/applet"
	"gobox/internal/baseenc"
	"gobox/internal/opt"
)

// Applet is base64's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "base64",
	Path:  "/bin",
	Usage: "[-d] [-w COL] [FILE]",
	Help: `Base64 encode or decode FILE to standard output

	-d	Decode data
	-w COL	Wrap lines at COL (default 76, 0 disables)`,
	Options: &opt.Spec{Short: "diw:", MaxArgs: 1, Undocumented: "i"},
	NoFork:  true,
	Main:    run,
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func run(ctx *applet.Ctx, args []string) error {
	return baseenc.Run(ctx, args, &baseenc.Codec{Group: 3, Encode: encode, DecodePiece: decodePiece})
}

// encode appends the encoding of src to dst, the last group padded
// with '='.
func encode(dst, src []byte) []byte {
	n := len(src)
	for i := 0; i < n; i += 3 {
		var s0, s1, s2 byte = src[i], 0, 0
		if i+1 < n {
			s1 = src[i+1]
		}
		if i+2 < n {
			s2 = src[i+2]
		}
		dst = append(dst, alphabet[s0>>2], alphabet[(s0&3)<<4|s1>>4], alphabet[(s1&0xf)<<2|s2>>6], alphabet[s2&0x3f])
		if i+1 >= n {
			dst[len(dst)-2] = '='
		}
		if i+2 >= n {
			dst[len(dst)-1] = '='
		}
	}
	return dst
}

// decodePiece is decode_base64 on a piece: it decodes in place and
// returns the bytes and where the unconsumed part starts (at the end when
// it all was, before the unfinished group's characters otherwise). A
// group ended by '=' ends the decoding of the piece.
func decodePiece(p []byte) (out []byte, tail int) {
	var ch uint32
	i, src, dst := 0, 0, 0
	for src < len(p) {
		t := uint32(p[src])
		src++
		switch {
		case t >= '0' && t <= '9':
			t = t - '0' + 52
		case t >= 'A' && t <= 'Z':
			t -= 'A'
		case t >= 'a' && t <= 'z':
			t = t - 'a' + 26
		case t == '+':
			t = 62
		case t == '/':
			t = 63
		case t == '=' && (i == 3 || i == 2 && src < len(p) && p[src] == '='):
			// "==AA", "A===" and "AA=A" are no padding
			t = 0x1000000
		default:
			continue
		}
		ch = ch<<6 | t
		i = (i + 1) & 3
		if i == 0 {
			p[dst], p[dst+1], p[dst+2] = byte(ch>>16), byte(ch>>8), byte(ch)
			dst += 3
			if ch&0x1000000 != 0 {
				dst--
				if ch&(0x1000000<<6) != 0 {
					dst--
				}
				break
			}
			ch = 0
		}
	}
	return p[:dst], src - i
}
