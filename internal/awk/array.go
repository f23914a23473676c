package awk

// Array is an awk associative array. It is BusyBox's hash table: the
// same hash function, table sizes and chains, so that "for (k in a)"
// visits the keys in the order BusyBox does (scripts and their tests
// come to depend on it). Past half a million elements, when BusyBox's
// table stops growing, a Go map indexes the chains so that lookups stay
// fast; the order is still the chains'.
type Array struct {
	buckets []*elem
	n       int
	grown   int // how many of the sizes in arraySize the table has had
	index   map[string]*elem
}

type elem struct {
	key  string
	hash uint32
	val  Cell
	next *elem
}

// arraySize returns the table size after i growths: BusyBox's first
// size and its PRIMES.
func arraySize(i int) int {
	switch i {
	case 0:
		return 61
	case 1:
		return 251
	case 2:
		return 1021
	case 3:
		return 4093
	case 4:
		return 16381
	}
	return 65521
}

const maxGrowth = 5

// indexAt is the element count past which a map indexes the chains.
const indexAt = 1 << 19

// hashKey is BusyBox's hashidx, with C's signed char.
func hashKey(s string) uint32 {
	var h uint32
	for i := 0; i < len(s); i++ {
		h = uint32(int32(int8(s[i]))) + h<<6 - h
	}
	return h
}

func newArray() *Array { return &Array{} }

// Len returns the number of elements.
func (a *Array) Len() int { return a.n }

func (a *Array) find(key string, h uint32) *elem {
	if a.index != nil {
		return a.index[key]
	}
	if a.buckets == nil {
		return nil
	}
	for e := a.buckets[h%uint32(len(a.buckets))]; e != nil; e = e.next {
		if e.hash == h && e.key == key {
			return e
		}
	}
	return nil
}

// Get returns the element key, or nil.
func (a *Array) Get(key string) *Cell {
	if e := a.find(key, hashKey(key)); e != nil {
		return &e.val
	}
	return nil
}

// Ref returns the element key, creating it (uninitialized) if needed.
func (a *Array) Ref(key string) *Cell {
	h := hashKey(key)
	if e := a.find(key, h); e != nil {
		return &e.val
	}
	if a.buckets == nil {
		a.buckets = make([]*elem, arraySize(0))
	}
	a.n++
	if a.n > len(a.buckets)*8 && a.grown < maxGrowth {
		a.grow()
	}
	e := &elem{key: key, hash: h}
	i := h % uint32(len(a.buckets))
	e.next = a.buckets[i]
	a.buckets[i] = e
	if a.index != nil {
		a.index[key] = e
	} else if a.n > indexAt {
		a.index = make(map[string]*elem, a.n)
		for _, b := range a.buckets {
			for e := b; e != nil; e = e.next {
				a.index[e.key] = e
			}
		}
	}
	return &e.val
}

// grow moves the elements to the next size, as hash_rebuild does: each
// old chain in turn, each element pushed onto its new chain's head.
func (a *Array) grow() {
	a.grown++
	nb := make([]*elem, arraySize(a.grown))
	for _, e := range a.buckets {
		for e != nil {
			next := e.next
			i := e.hash % uint32(len(nb))
			e.next = nb[i]
			nb[i] = e
			e = next
		}
	}
	a.buckets = nb
}

// Delete removes the element key, if there is one.
func (a *Array) Delete(key string) {
	if a.buckets == nil {
		return
	}
	h := hashKey(key)
	p := &a.buckets[h%uint32(len(a.buckets))]
	for e := *p; e != nil; e = e.next {
		if e.hash == h && e.key == key {
			*p = e.next
			a.n--
			if a.index != nil {
				delete(a.index, key)
			}
			return
		}
		p = &e.next
	}
}

// Clear removes every element; the table keeps its size, as BusyBox's
// does.
func (a *Array) Clear() {
	clear(a.buckets)
	a.n = 0
	a.index = nil
}

// Keys returns the keys in BusyBox's order.
func (a *Array) Keys() []string {
	keys := make([]string, 0, a.n)
	for _, e := range a.buckets {
		for ; e != nil; e = e.next {
			keys = append(keys, e.key)
		}
	}
	return keys
}
