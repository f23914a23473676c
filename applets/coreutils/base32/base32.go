// Package base32 is the base32 applet: BusyBox 1.36's base32 (in its
// uudecode.c, beside base64; Alpine's build leaves it out), which encodes
// FILE (or standard input) in RFC 4648's alphabet wrapped at -w columns,
// or with -d decodes it, in either case of letters, skipping characters
// outside the alphabet and dying on a truncated last group.
package base32

import (
	"gobox/internal/applet"
	"gobox/internal/baseenc"
	"gobox/internal/opt"
)

// Applet is base32's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "base32",
	Path:  "/usr/bin",
	Usage: "[-d] [-w COL] [FILE]",
	Help: `Base32 encode or decode FILE to standard output

	-d	Decode data
	-w COL	Wrap lines at COL (default 76, 0 disables)`,
	Options: &opt.Spec{Short: "diw:", MaxArgs: 1, Undocumented: "i"},
	NoFork:  true,
	Main:    run,
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

func run(ctx *applet.Ctx, args []string) error {
	return baseenc.Run(ctx, args, &baseenc.Codec{Group: 5, Encode: encode, DecodePiece: decodePiece})
}

// encode appends the encoding of src to dst, the last group padded
// with '='.
func encode(dst, src []byte) []byte {
	n := len(src)
	for i := 0; i < n; i += 5 {
		var g [5]byte
		k := copy(g[:], src[i:min(i+5, n)])
		v := uint64(g[0])<<32 | uint64(g[1])<<24 | uint64(g[2])<<16 | uint64(g[3])<<8 | uint64(g[4])
		// Characters that carry input bits: 2, 4, 5, 7 or 8.
		used := [6]int{0, 2, 4, 5, 7, 8}[k]
		for j := 0; j < 8; j++ {
			if j < used {
				dst = append(dst, alphabet[(v>>(35-5*j))&31])
			} else {
				dst = append(dst, '=')
			}
		}
	}
	return dst
}

// decodePiece is decode_base32 on a piece: it decodes in place and
// returns the bytes and where the unconsumed part starts. '=' pads a
// group after its second character; a group ended by padding ends the
// piece, dropping the bytes the padding stands for.
func decodePiece(p []byte) (out []byte, tail int) {
	var ch uint64
	i, src, dst := 0, 0, 0
	t := 0
	for src < len(p) {
		t = int(p[src])
		src++
		switch {
		case t >= '2' && t <= '7':
			t = t - '2' + 26
		case t|0x20 >= 'a' && t|0x20 <= 'z':
			t = t | 0x20 - 'a'
		case t == '=' && i > 1:
			t = 0
		default:
			continue
		}
		ch = ch<<5 | uint64(t)
		i++
		if i == 8 {
			if t == 0 {
				// Count the '=' that end the group.
				for s := src - 1; s >= 0 && p[s] == '='; s-- {
					t--
				}
			}
			p[dst], p[dst+1], p[dst+2], p[dst+3], p[dst+4] = byte(ch>>32), byte(ch>>24), byte(ch>>16), byte(ch>>8), byte(ch)
			dst += 5
			i = 0
			if t < 0 {
				break
			}
		}
	}
	if t < 0 {
		dst -= (-t + 1) * 2 / 3
	}
	return p[:dst], src - i
}
