package grep

import "strconv"

// printLine is BusyBox's print_line: a "--" before a line that does not
// follow the last one printed (with context), the file name and line
// number with their decoration (':' for a selected line, '-' for
// context), then the line; -o with -v prints the prefixes alone, as GNU
// grep once did.
func (g *grep) printLine(f *fileState, line []byte, num int, deco byte) {
	if g.context {
		if g.didPrint && g.lastPrinted != num-1 {
			g.w.WriteString("--\n")
		}
		g.didPrint = true
		g.lastPrinted = num
	}
	if g.printName {
		g.w.WriteString(f.name)
		g.w.WriteByte(deco)
	}
	if g.opts.lineNum {
		g.num = appendInt(g.num[:0], num)
		g.num = append(g.num, deco)
		g.w.Write(g.num)
	}
	if !(g.opts.invert && g.opts.only) {
		g.w.Write(line)
		g.w.WriteByte(g.eol)
	}
}

// printBefore prints the lines kept for -B before the selected line.
func (g *grep) printBefore(f *fileState) {
	r := &g.before
	for i := 0; i < r.n; i++ {
		g.printLine(f, r.lines[(r.start+i)%r.max], f.linenum-r.n+i, '-')
	}
	r.start, r.n = 0, 0
}

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// ring keeps the last -B lines not printed, in buffers it reuses.
type ring struct {
	lines    [][]byte
	start, n int
	max      int
}

// reset empties the ring for a new file, keeping its buffers.
func (r *ring) reset(max int) {
	r.start, r.n, r.max = 0, 0, max
}

func (r *ring) push(line []byte) {
	i := r.start
	if r.n < r.max {
		i = (r.start + r.n) % r.max
		r.n++
	} else {
		r.start = (r.start + 1) % r.max
	}
	for i >= len(r.lines) {
		r.lines = append(r.lines, nil)
	}
	r.lines[i] = append(r.lines[i][:0], line...)
}
