package codec

import (
	"bufio"
	"fmt"
	"io"
)

// compress is Unix compress's .Z format (LZW with 9 to 16 bit codes and,
// in block mode, clear codes), read only, as BusyBox reads it
// (decompress_uncompress.c); compress/lzw cannot read it: it knows
// neither the clear code nor the padding described below.
var compressCodec = Codec{
	Name:      "compress",
	Magic:     []byte{0x1f, 0x9d},
	Suffixes:  []string{"Z", "taz"},
	NewReader: newCompressReader,
}

const (
	lzwInitBits  = 9
	lzwMaxBits   = 16
	lzwClear     = 256 // in block mode: start a new table
	lzwBlockMode = 0x80
)

func newCompressReader(r io.Reader) (io.ReadCloser, error) {
	return &lzwReader{br: bufio.NewReaderSize(r, 64<<10)}, nil
}

// lzwReader decodes a .Z stream as compress 4.x writes it. Codes are
// packed low bit first; compress reads and writes them in groups of
// eight (n_bits bytes), so whenever the code width changes (the table
// outgrew it, or a clear code) the rest of the current group is
// padding.
type lzwReader struct {
	br      *bufio.Reader
	started bool
	err     error // sticky: the first error or io.EOF

	maxBits   uint
	blockMode bool
	nBits     uint
	maxCode   int // the largest code of nBits
	maxMax    int // 1 << maxBits: no entry is made at or past it
	freeEnt   int // the next entry of the table
	oldCode   int // the previous code; -1 before the first
	finChar   byte
	nCodes    int // codes read at this width: where its group ends

	acc  uint32 // bits read and not used yet, low first
	nacc uint

	prefix  [1 << lzwMaxBits]uint16
	suffix  [1 << lzwMaxBits]byte
	stack   [1 << lzwMaxBits]byte
	pending []byte // decoded bytes not handed out yet (in stack)
}

func (z *lzwReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(z.pending) > 0 {
			c := copy(p[n:], z.pending)
			z.pending = z.pending[c:]
			n += c
			continue
		}
		if z.err != nil {
			break
		}
		z.err = z.next()
	}
	if n > 0 {
		return n, nil
	}
	return 0, z.err
}

// header reads what follows the magic: the largest code width and the
// block mode flag.
func (z *lzwReader) header() error {
	var h [3]byte
	if _, err := io.ReadFull(z.br, h[:2]); err != nil || h[0] != 0x1f || h[1] != 0x9d {
		return Error("invalid magic")
	}
	b, err := z.br.ReadByte()
	if err != nil {
		return Error("short read")
	}
	z.maxBits = uint(b & 0x1f)
	z.blockMode = b&lzwBlockMode != 0
	if z.maxBits > lzwMaxBits {
		return Error(fmt.Sprintf("compressed with %d bits, can only handle %d bits", z.maxBits, lzwMaxBits))
	}
	z.maxMax = 1 << z.maxBits
	z.nBits = lzwInitBits
	z.maxCode = 1<<lzwInitBits - 1
	z.freeEnt = 256
	if z.blockMode {
		z.freeEnt = 257
	}
	z.oldCode = -1
	for i := range 256 {
		z.suffix[i] = byte(i)
	}
	return nil
}

// code reads the next code; io.EOF when fewer than nBits bits are left.
func (z *lzwReader) code() (int, error) {
	for z.nacc < z.nBits {
		b, err := z.br.ReadByte()
		if err != nil {
			return 0, err
		}
		z.acc |= uint32(b) << z.nacc
		z.nacc += 8
	}
	c := int(z.acc & (1<<z.nBits - 1))
	z.acc >>= z.nBits
	z.nacc -= z.nBits
	z.nCodes++
	return c, nil
}

// newWidth skips the rest of the current group of eight codes and
// reads codes of width bits from there.
func (z *lzwReader) newWidth(bits uint) error {
	skip := (8 - z.nCodes%8) % 8 * int(z.nBits)
	for skip > 0 {
		if z.nacc == 0 {
			b, err := z.br.ReadByte()
			if err != nil {
				return err
			}
			z.acc, z.nacc = uint32(b), 8
		}
		k := min(uint(skip), z.nacc)
		z.acc >>= k
		z.nacc -= k
		skip -= int(k)
	}
	z.nBits, z.nCodes = bits, 0
	z.maxCode = 1<<bits - 1
	if bits == z.maxBits {
		z.maxCode = z.maxMax
	}
	return nil
}

// next decodes one code into pending.
func (z *lzwReader) next() error {
	if !z.started {
		z.started = true
		if err := z.header(); err != nil {
			return err
		}
	}
	if z.freeEnt > z.maxCode {
		if err := z.newWidth(z.nBits + 1); err != nil {
			return err
		}
	}
	code, err := z.code()
	if err != nil {
		return err
	}
	if z.oldCode == -1 {
		if code >= 256 {
			return Error("corrupted data")
		}
		z.oldCode, z.finChar = code, byte(code)
		z.stack[0] = z.finChar
		z.pending = z.stack[:1]
		return nil
	}
	if code == lzwClear && z.blockMode {
		// compress's decoder keeps the previous code: the next one
		// makes an entry at 256, which no code can name.
		z.freeEnt = lzwClear
		return z.newWidth(lzwInitBits)
	}
	in := code
	sp := len(z.stack)
	if code >= z.freeEnt {
		if code > z.freeEnt {
			return Error("corrupted data")
		}
		// The KwKwK case: the code being defined.
		sp--
		z.stack[sp] = z.finChar
		code = z.oldCode
	}
	for code >= 256 {
		if sp == 0 {
			return Error("corrupted data")
		}
		sp--
		z.stack[sp] = z.suffix[code]
		code = int(z.prefix[code])
	}
	if sp == 0 {
		return Error("corrupted data")
	}
	z.finChar = z.suffix[code]
	sp--
	z.stack[sp] = z.finChar
	z.pending = z.stack[sp:]
	if z.freeEnt < z.maxMax {
		z.prefix[z.freeEnt] = uint16(z.oldCode)
		z.suffix[z.freeEnt] = z.finChar
		z.freeEnt++
	}
	z.oldCode = in
	return nil
}

func (z *lzwReader) Close() error { return nil }
