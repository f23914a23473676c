// Package deflate compresses to DEFLATE (RFC 1951) with zlib's memory:
// it is gobox's compressor for gzip, tar -z and the apk tools, where
// compress/flate's compressor held ~780 KB of tables (a 128K-entry hash
// head of uint32) per instance.
//
// # Format and algorithm
//
// Levels 0 to 9 are zlib's and GNU gzip's: 0 stores (blocks of 32 KiB,
// the dictionary unused); 1 to 3 take the first match
// found on a short hash chain (greedy, the strings inside a match
// longer than max_insert not indexed); 4 to 9 search longer chains and
// match lazily, emitting a match only when the match one byte later is
// not longer. Level 1 also steps over input that does not compress
// (after 128 literals in a row, ever more sparsely, as snappy does).
// Each level has zlib's good_length (a match this long quarters the
// next search), max_lazy (a match this long is not improved on;
// max_insert for 1-3), nice_length (a match this long ends the search)
// and max_chain (candidates tried per position):
//
//	level  good lazy nice chain
//	1      4    4    8    4
//	2      4    5    16   8
//	3      4    6    32   32
//	4      4    4    16   16
//	5      8    16   32   32
//	6      8    16   128  128  (the default)
//	7      8    32   128  256
//	8      32   128  258  1024
//	9      32   258  258  4096
//
// A match of 3 bytes more than 4096 back costs more than its literals
// and is dropped (zlib's TOO_FAR). Matches are found through hash
// chains over a 32 KiB window: a head of 32K 16-bit positions indexed
// by a hash of the next 4 bytes (3 at levels 7 to 9, as zlib; see
// hash), and a 32K-entry table linking each position to the previous
// one with the same hash (zlib's memLevel 8). Symbols are gathered 16K
// to a block (16383, as zlib), and each block is written the smallest
// of three ways: a dynamic Huffman block (codes limited to 15 bits,
// their lengths run-length coded), the fixed codes, or stored, when its
// bytes are still in the window. The output is within about 1% of GNU
// gzip's at every level, on text and on machine code (TestRatioGNU).
//
// # Use
//
// A Compressor is reused stream after stream: Reset starts a stream,
// primed with a preset dictionary (its last 32 KiB, the bytes a
// stream's first matches may reach back into, as zlib's
// deflateSetDictionary); Append compresses bytes, appending the output
// to a caller's buffer (some bits stay behind until the stream is
// flushed); Flush ends the current block and writes an empty stored
// one, so the output so far is whole bytes that decode to all the input
// (zlib's Z_SYNC_FLUSH); Close writes the final block. Writer wraps one
// for an io.Writer. The output depends only on the level, the
// dictionary and the bytes (not on how they are split among calls), so
// compressing pieces in parallel, each primed with the 32 KiB before
// it, gives the same bytes on any number of CPUs.
//
// # Memory and speed
//
// A Compressor's tables are MemSize bytes (about 257 KiB: the window,
// 64 KiB, zlib's two halves slid down as input arrives; the hash head
// and the links, 64 KiB each; the symbol buffer, 64 KiB), one
// allocation, or memory the caller gives NewIn (gzipio maps its own,
// outside the garbage-collected heap); the rest is 4 KB. After New
// nothing is allocated but the caller's output buffer, and nothing is
// computed at start-up. Matches are measured 8 bytes at a time (the
// first differing byte found by counting trailing zero bits of an XOR),
// the hash is a multiplication of a 4-byte load, sliding the window
// lowers four 16-bit positions at a time in a 64-bit word, and output
// bits gather in a 64-bit word written 4 bytes at a time.
package deflate

import (
	"encoding/binary"
	"math/bits"
)

const (
	wsize        = 1 << 15 // the window: DEFLATE's longest distance
	wmask        = wsize - 1
	winLen       = 2 * wsize // the window's buffer: slid down by wsize when full
	hashBits     = 15
	hashSize     = 1 << hashBits
	minMatch     = 3
	hashLen      = 4 // bytes hashed: a position is indexed once they are all there
	maxMatch     = 258
	minLookahead = maxMatch + minMatch + 1 // input kept ahead while more may come
	maxDist      = wsize - minLookahead    // so a match never reaches slid-out bytes
	tooFar       = 4096                    // a 3-byte match further back is dropped
	symBufSize   = 1 << 14                 // symbols per block (one less, as zlib)
	winPad       = maxMatch + 8            // 8-byte loads past the data
	maxStored    = 65535                   // a stored block's largest length
	skipAfter    = 128                     // literals in a row before level 1 steps over input
	maxSkip      = 32                      // the most bytes they step over at once
	endBlock     = 256
	numLit       = 286 // literal/length codes used (286, 287 never)
	numDist      = 30
	numCL        = 19 // code-length codes
)

// config is one level's search parameters (zlib's configuration_table).
type config struct {
	good, lazy, nice, chain int
	fast                    bool // greedy: lazy is max_insert
	shift                   uint // 8: hash 3 bytes, not 4
	skip                    bool // step over input that does not compress
}

// configFor is level's configuration; the table is in the package doc.
func configFor(level int) config {
	switch level {
	case 1:
		return config{4, 4, 8, 4, true, 0, true}
	case 2:
		return config{4, 5, 16, 8, true, 0, false}
	case 3:
		return config{4, 6, 32, 32, true, 0, false}
	case 4:
		return config{4, 4, 16, 16, false, 0, false}
	case 5:
		return config{8, 16, 32, 32, false, 0, false}
	case 7:
		return config{8, 32, 128, 256, false, 8, false}
	case 8:
		return config{32, 128, 258, 1024, false, 8, false}
	case 9:
		return config{32, 258, 258, 4096, false, 8, false}
	}
	return config{8, 16, 128, 128, false, 0, false}
}

// Error is a misuse of the package (a constant: no start-up work).
type Error string

func (e Error) Error() string { return string(e) }

// ErrLevel is a level outside 0-9.
const ErrLevel = Error("deflate: invalid compression level")

// Compressor compresses DEFLATE streams one after another.
type Compressor struct {
	level int
	cfg   config

	// The window: win[:strstart] is behind, the next lookahead bytes
	// are input not yet coded. Positions are indices into win, 0 being
	// the empty chain.
	strstart, lookahead int
	blockStart          int // where the current block's input starts (< 0: slid out)
	insert              int // positions before strstart still to be hashed
	matchLen, matchPos  int // the lazy matcher's match at strstart-1
	matchAvail          bool
	misses              int // literals in a row (level 1)

	// The current block's symbols: a literal byte, or a match's length
	// minus 3 with its distance in the high 16 bits.
	nsyms    int
	litFreq  [numLit]uint32
	distFreq [numDist]uint32

	// Output: bits not yet whole bytes, and the caller's buffer.
	bits  uint64
	nbits uint
	out   []byte

	huff huffman

	// The tables, slices of one piece of memory (MemSize bytes, the
	// caller's with NewIn): the window, then the hash head and links (16
	// bits each, little-endian), then the symbols (32 bits each).
	win  *[winBytes]byte
	head *[headBytes]byte
	prev *[prevBytes]byte
	syms *[symBytes]byte
}

// The tables' sizes in bytes.
const (
	winBytes  = winLen + 512
	headBytes = 2 * hashSize
	prevBytes = 2 * wsize
	symBytes  = 4 * symBufSize

	// MemSize is the memory a Compressor's tables take.
	MemSize = winBytes + headBytes + prevBytes + symBytes
)

// New returns a Compressor for level 0-9 (6 is zlib's default), ready
// for a stream without a dictionary.
func New(level int) (*Compressor, error) {
	return NewIn(level, make([]byte, MemSize))
}

// NewIn is New with the tables in mem, MemSize bytes or more, which the
// Compressor uses until it is dropped: memory the caller maps itself,
// outside the garbage-collected heap.
func NewIn(level int, mem []byte) (*Compressor, error) {
	if level < 0 || level > 9 {
		return nil, ErrLevel
	}
	if len(mem) < MemSize {
		return nil, Error("deflate: memory too small")
	}
	c := &Compressor{level: level, cfg: configFor(level)}
	c.win, mem = (*[winBytes]byte)(mem), mem[winBytes:]
	c.head, mem = (*[headBytes]byte)(mem), mem[headBytes:]
	c.prev, mem = (*[prevBytes]byte)(mem), mem[prevBytes:]
	c.syms = (*[symBytes]byte)(mem)
	c.Reset(nil)
	return c, nil
}

// Level is the Compressor's level.
func (c *Compressor) Level() int { return c.level }

// Reset starts a new stream, primed with dict's last 32 KiB: the
// stream may refer back into them, and the decoder must be given them
// too. Bits of the previous stream not yet flushed are dropped.
func (c *Compressor) Reset(dict []byte) {
	clear(c.head[:])
	if len(dict) > wsize {
		dict = dict[len(dict)-wsize:]
	}
	n := copy(c.win[:], dict)
	for pos := 0; pos+hashLen <= n; pos++ {
		c.insertHash(pos)
	}
	c.strstart, c.lookahead, c.blockStart = n, 0, n
	c.insert = min(n, hashLen-1)
	c.matchLen, c.matchPos, c.matchAvail, c.misses = minMatch-1, 0, false, 0
	c.clearBlock()
	c.bits, c.nbits = 0, 0
}

// clearBlock empties the symbol buffer.
func (c *Compressor) clearBlock() {
	c.nsyms = 0
	clear(c.litFreq[:])
	clear(c.distFreq[:])
}

// hash is the hash-table slot of the 4 bytes at pos (3 at levels 7 to
// 9, whose config shifts the fourth out). zlib hashes 3, so that 3-byte
// matches are found; 4 keeps the chains to strings that can make a
// longer match: 15% faster at -1 and 20-35% at -6, the output smaller
// on text (4% at -1, 1% at -6) and up to 1.1% larger on machine code,
// which has many short repeats. The levels that ask for ratio over
// speed keep zlib's 3.
func (c *Compressor) hash(pos int) uint32 {
	return binary.LittleEndian.Uint32(c.win[pos:]) << c.cfg.shift * 0x9E3779B1 >> (32 - hashBits)
}

// insertHash links pos into its hash chain and returns the chain's
// previous head (0: none).
func (c *Compressor) insertHash(pos int) int {
	h := c.hash(pos)
	head := c.head[2*h : 2*h+2]
	old := binary.LittleEndian.Uint16(head)
	binary.LittleEndian.PutUint16(c.prev[2*(pos&wmask):2*(pos&wmask)+2], old)
	binary.LittleEndian.PutUint16(head, uint16(pos))
	return int(old)
}

// Append compresses p, appending the output to dst. Up to 261 bytes of
// input, and the current block, stay behind until more input comes or
// Flush or Close.
func (c *Compressor) Append(dst, p []byte) []byte {
	c.out = dst
	for len(p) > 0 {
		// Levels 1-9 leave less than minLookahead bytes ahead, so a
		// full window is slid; level 0 leaves less than 32 KiB.
		if c.strstart >= wsize+maxDist || (c.strstart >= wsize && c.strstart+c.lookahead == winLen) {
			c.slide()
		}
		end := c.strstart + c.lookahead
		k := copy(c.win[end:winLen], p)
		p = p[k:]
		c.lookahead += k
		c.deflate(false)
	}
	dst, c.out = c.out, nil
	return dst
}

// Flush codes all the input given so far, ends the block and writes an
// empty stored block: the output is then whole bytes that decode to all
// the input, and the stream goes on.
func (c *Compressor) Flush(dst []byte) []byte {
	c.out = dst
	c.finish()
	if c.nsyms > 0 {
		c.flushBlock(false)
	}
	c.storedBlock(nil, false)
	dst, c.out = c.out, nil
	return dst
}

// Close codes all the input given so far and ends the stream with the
// final block, padded to a whole byte.
func (c *Compressor) Close(dst []byte) []byte {
	c.out = dst
	c.finish()
	if c.level == 0 {
		c.storedBlock(nil, true)
	} else {
		c.flushBlock(true)
		c.alignBits()
	}
	dst, c.out = c.out, nil
	return dst
}

// finish codes the input left in the window, down to its last byte.
func (c *Compressor) finish() {
	c.deflate(true)
	// The last positions had no 4 bytes to hash: once more input
	// comes (after a sync flush), they may.
	c.insert = min(c.strstart, hashLen-1)
}

// slide moves the upper half of the window down, once the lower half is
// beyond the reach of any match.
func (c *Compressor) slide() {
	copy(c.win[:wsize], c.win[wsize:winLen])
	c.strstart -= wsize
	c.matchPos -= wsize
	c.blockStart -= wsize
	slide16(c.head[:])
	slide16(c.prev[:])
}

// slide16 lowers the 16-bit positions in t (a multiple of 8 bytes) by
// wsize, those below it to 0, four at a time: a position of wsize or
// more has its top bit set, and loses it; the others become 0.
func slide16(t []byte) {
	const lanes = 0x0001_0001_0001_0001
	for i := 0; i+8 <= len(t); i += 8 {
		x := binary.LittleEndian.Uint64(t[i:])
		top := x >> 15 & lanes // 1 in each lane at wsize or more
		binary.LittleEndian.PutUint64(t[i:], x&(top*(wsize-1)))
	}
}

// deflate codes the window's input while at least minLookahead bytes are
// ahead (all of it if flush).
func (c *Compressor) deflate(flush bool) {
	// Positions before strstart whose 4 bytes were not all there.
	for c.insert > 0 && c.strstart-c.insert+hashLen <= c.strstart+c.lookahead {
		c.insertHash(c.strstart - c.insert)
		c.insert--
	}
	switch {
	case c.level == 0:
		c.deflateStored(flush)
	case c.cfg.fast:
		c.deflateFast(flush)
	default:
		c.deflateLazy(flush)
	}
}

// deflateStored is level 0: the input in stored blocks of 32 KiB (the
// last one shorter), so that how it came in pieces does not show.
func (c *Compressor) deflateStored(flush bool) {
	for c.lookahead >= wsize || (flush && c.lookahead > 0) {
		k := min(c.lookahead, wsize)
		c.storedBlock(c.win[c.strstart:c.strstart+k], false)
		c.strstart += k
		c.lookahead -= k
	}
	c.blockStart = c.strstart
}

// deflateFast is levels 1-3: each position's first match is taken.
func (c *Compressor) deflateFast(flush bool) {
	maxInsert := c.cfg.lazy
	for c.lookahead >= minLookahead || (flush && c.lookahead > 0) {
		cand := 0
		if c.lookahead >= hashLen {
			cand = c.insertHash(c.strstart)
		}
		n := 0
		if cand != 0 && c.strstart-cand <= maxDist {
			n, c.matchPos = c.longestMatch(c.strstart, cand, minMatch-1, c.matchPos)
		}
		var full bool
		if n >= minMatch {
			c.misses = 0
			full = c.tallyMatch(c.strstart-c.matchPos, n)
			c.lookahead -= n
			// The last string inserted, at strstart+n-1, has its 4
			// bytes when 3 more follow the match.
			if n <= maxInsert && c.lookahead >= hashLen-1 {
				for i := 1; i < n; i++ {
					c.insertHash(c.strstart + i)
				}
			}
			c.strstart += n
		} else {
			// At level 1, past skipAfter literals in a row, positions
			// are looked up ever more sparsely, one more byte stepped
			// over for each 32 more literals (up to maxSkip), as
			// snappy and compress/flate's fastest level do: input that
			// does not compress goes 3 times faster, for 1% more
			// output on a tar of /usr/lib; text is the same.
			step := 1
			if c.cfg.skip && c.misses >= skipAfter {
				step = min(1+(c.misses-skipAfter)>>5, maxSkip, c.lookahead)
			}
			c.misses += step
			for range step - 1 {
				full = c.tallyLit(c.win[c.strstart])
				c.strstart++
				c.lookahead--
				if full {
					c.flushBlock(false)
				}
			}
			full = c.tallyLit(c.win[c.strstart])
			c.strstart++
			c.lookahead--
		}
		if full {
			c.flushBlock(false)
		}
	}
}

// deflateLazy is levels 4-9: a match is emitted only if the one
// starting a byte later is not longer.
func (c *Compressor) deflateLazy(flush bool) {
	cfg := &c.cfg
	for c.lookahead >= minLookahead || (flush && c.lookahead > 0) {
		cand := 0
		if c.lookahead >= hashLen {
			cand = c.insertHash(c.strstart)
		}
		prevLen, prevPos := c.matchLen, c.matchPos
		n, pos := minMatch-1, prevPos
		if cand != 0 && prevLen < cfg.lazy && c.strstart-cand <= maxDist {
			n, pos = c.longestMatch(c.strstart, cand, prevLen, prevPos)
			if n == minMatch && c.strstart-pos > tooFar {
				n = minMatch - 1
			}
		}
		c.matchLen, c.matchPos = n, pos
		if prevLen >= minMatch && n <= prevLen {
			// The match at strstart-1 wins: index the strings inside it.
			maxIns := c.strstart + c.lookahead - hashLen
			full := c.tallyMatch(c.strstart-1-prevPos, prevLen)
			c.lookahead -= prevLen - 1
			for k := prevLen - 2; k > 0; k-- {
				c.strstart++
				if c.strstart <= maxIns {
					c.insertHash(c.strstart)
				}
			}
			c.strstart++
			c.matchAvail = false
			c.matchLen = minMatch - 1
			if full {
				c.flushBlock(false)
			}
		} else if c.matchAvail {
			if c.tallyLit(c.win[c.strstart-1]) {
				c.flushBlock(false)
			}
			c.strstart++
			c.lookahead--
		} else {
			c.matchAvail = true
			c.strstart++
			c.lookahead--
		}
	}
	if flush && c.matchAvail {
		c.tallyLit(c.win[c.strstart-1])
		c.matchAvail = false
		c.matchLen = minMatch - 1
	}
}

// longestMatch follows the hash chain from cand for the longest match
// of the input at cur longer than best, returning its length (at most
// the lookahead) and position (pos, if none is longer).
func (c *Compressor) longestMatch(cur, cand, best, pos int) (int, int) {
	chain := c.cfg.chain
	if best >= c.cfg.good {
		chain >>= 2
	}
	maxLen := min(maxMatch, c.lookahead)
	nice := min(c.cfg.nice, maxLen)
	if best >= maxLen {
		return best, pos
	}
	limit := max(cur-maxDist, 0)
	scan := c.win[cur : cur+winPad]
	end := binary.LittleEndian.Uint16(scan[best-1:])
	prev := c.prev
	for {
		m := c.win[cand : cand+winPad]
		if binary.LittleEndian.Uint16(m[best-1:]) == end {
			n := matchLength(m, scan, maxLen)
			if n > best {
				best, pos = n, cand
				if n >= nice {
					break
				}
				end = binary.LittleEndian.Uint16(scan[best-1:])
			}
		}
		i := 2 * (cand & wmask)
		cand = int(binary.LittleEndian.Uint16(prev[i : i+2]))
		chain--
		if cand <= limit || chain == 0 {
			break
		}
	}
	return best, pos
}

// matchLength is how many of the first maxLen bytes of a and b are
// equal; both hold at least maxMatch+8 bytes.
func matchLength(a, b []byte, maxLen int) int {
	a, b = a[:winPad], b[:winPad]
	for i := 0; i < maxLen; i += 8 {
		x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		if x != 0 {
			return min(i+bits.TrailingZeros64(x)>>3, maxLen)
		}
	}
	return maxLen
}

// tallyLit adds a literal to the block; true when the block is full.
func (c *Compressor) tallyLit(b byte) bool {
	i := 4 * (c.nsyms & (symBufSize - 1))
	binary.LittleEndian.PutUint32(c.syms[i:i+4], uint32(b))
	c.nsyms++
	c.litFreq[b]++
	return c.nsyms == symBufSize-1
}

// tallyMatch adds a match to the block; true when the block is full.
func (c *Compressor) tallyMatch(dist, length int) bool {
	l := uint32(length - minMatch)
	d := uint32(dist - 1)
	i := 4 * (c.nsyms & (symBufSize - 1))
	binary.LittleEndian.PutUint32(c.syms[i:i+4], l|(d+1)<<16)
	c.nsyms++
	c.litFreq[257+lengthCode(l)]++
	c.distFreq[distCode(d)]++
	return c.nsyms == symBufSize-1
}

// lengthCode is the index (0-28) of the length code for a match of
// l+3 bytes.
func lengthCode(l uint32) uint32 {
	if l < 8 {
		return l
	}
	if l == 255 {
		return 28
	}
	nb := uint32(bits.Len32(l)) - 1
	return 4*(nb-1) + (l>>(nb-2))&3
}

// lengthExtra is the extra bits' count and value for a match of l+3
// bytes coded with lengthCode(l).
func lengthExtra(l uint32) (uint, uint32) {
	if l < 8 || l == 255 {
		return 0, 0
	}
	nb := uint(bits.Len32(l)) - 1
	return nb - 2, l & (1<<(nb-2) - 1)
}

// distCode is the distance code (0-29) of a distance of d+1.
func distCode(d uint32) uint32 {
	if d < 4 {
		return d
	}
	nb := uint32(bits.Len32(d)) - 1
	return 2*nb + (d>>(nb-1))&1
}

// distExtra is the extra bits' count and value for a distance of d+1.
func distExtra(d uint32) (uint, uint32) {
	if d < 4 {
		return 0, 0
	}
	nb := uint(bits.Len32(d)) - 1
	return nb - 1, d & (1<<(nb-1) - 1)
}
