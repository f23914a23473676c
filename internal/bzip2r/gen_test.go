package bzip2r

// gen makes n bytes of test data from seed: words of a small
// vocabulary (text that compresses as text does), with runs of one byte
// of up to 2000 when runs is set (RLE1's counts, long RUNA/RUNB runs).
func gen(n int, seed uint64, runs bool) []byte {
	words := []string{"the", "block", "magic", "bzip2", "π", "runs", "of", "a", "Huffman", "table", "\n", "selector", "0x314159265359", "and", "busybox", "gobox"}
	x := seed | 1
	next := func() uint64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	out := make([]byte, 0, n+2048)
	for len(out) < n {
		r := next()
		if runs && r%7 == 0 {
			b := byte(r >> 8)
			for range int(r>>16) % 2000 {
				out = append(out, b)
			}
			continue
		}
		out = append(out, words[r>>32%uint64(len(words))]...)
		out = append(out, ' ')
	}
	return out[:n]
}
