package bzip2w

// codeLengths sets the code lengths of a Huffman code for freq, at most
// maxLen bits, as bzip2 1.0.8 chooses them (so that the bytes are its
// bytes): symbols never seen count as seen once; the two lightest trees
// are merged, taken from a binary heap whose ties fall as bzip2's do, and
// a tree's weight carries its depth in its low byte, so that of equal
// weights the shallower merges first; when a code comes out too long,
// every weight is halved (w/2+1) and the code built again.
func codeLengths(lens []uint8, freq []int32, maxLen int) {
	n := len(freq)
	var (
		heap   [maxAlpha + 2]int32
		weight [maxAlpha * 2]int32
		parent [maxAlpha * 2]int32
	)
	for i, f := range freq {
		weight[i+1] = max(f, 1) << 8
	}
	for {
		nodes, nHeap := n, 0
		heap[0], weight[0], parent[0] = 0, 0, -2
		up := func(z int) {
			t := heap[z]
			for weight[t] < weight[heap[z>>1]] {
				heap[z] = heap[z>>1]
				z >>= 1
			}
			heap[z] = t
		}
		down := func(z int) {
			t := heap[z]
			for {
				y := z << 1
				if y > nHeap {
					break
				}
				if y < nHeap && weight[heap[y+1]] < weight[heap[y]] {
					y++
				}
				if weight[t] < weight[heap[y]] {
					break
				}
				heap[z] = heap[y]
				z = y
			}
			heap[z] = t
		}
		for i := 1; i <= n; i++ {
			parent[i] = -1
			nHeap++
			heap[nHeap] = int32(i)
			up(nHeap)
		}
		for nHeap > 1 {
			n1 := heap[1]
			heap[1] = heap[nHeap]
			nHeap--
			down(1)
			n2 := heap[1]
			heap[1] = heap[nHeap]
			nHeap--
			down(1)
			nodes++
			parent[n1], parent[n2] = int32(nodes), int32(nodes)
			w1, w2 := weight[n1], weight[n2]
			weight[nodes] = (w1&^0xff + w2&^0xff) | (1 + max(w1&0xff, w2&0xff))
			parent[nodes] = -1
			nHeap++
			heap[nHeap] = int32(nodes)
			up(nHeap)
		}
		tooLong := false
		for i := 1; i <= n; i++ {
			d := 0
			for k := i; parent[k] >= 0; k = int(parent[k]) {
				d++
			}
			lens[i-1] = uint8(d)
			if d > maxLen {
				tooLong = true
			}
		}
		if !tooLong {
			return
		}
		for i := 1; i <= n; i++ {
			weight[i] = (1 + weight[i]>>8/2) << 8
		}
	}
}

// assignCodes gives canonical codes for lens: shorter codes first, and
// among equal lengths in symbol order.
func assignCodes(codes []uint32, lens []uint8) {
	minLen, maxLen := uint8(32), uint8(0)
	for _, l := range lens {
		minLen, maxLen = min(minLen, l), max(maxLen, l)
	}
	code := uint32(0)
	for l := minLen; l <= maxLen; l++ {
		for i, li := range lens {
			if li == l {
				codes[i] = code
				code++
			}
		}
		code <<= 1
	}
}
