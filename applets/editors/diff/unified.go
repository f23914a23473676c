package diff

import (
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/diffalgo"
)

// diff prints the unified diff of two inputs (nothing under -q) and
// reports whether there was a change to print: under -B, hunks whose
// changed lines are all empty are no change.
func (d *differ) diff(in [2]*input, path [2]string) (bool, error) {
	t := tokens{icase: d.icase, spaceChange: d.spaceChange, allSpace: d.allSpace}
	for _, f := range in {
		if err := f.scan(t); err != nil {
			return false, err
		}
	}
	J := diffalgo.Match(in[0].hash, in[1].hash, d.minimal)
	// Match has taken the hashes' storage for its own arrays.
	in[0].hash, in[1].hash = nil, nil
	c := &comparer{t: t, a: in[0], b: in[1]}
	diffalgo.Verify(J, c.equal)
	if c.err != nil {
		return false, c.err
	}
	n, m := in[0].lines(), in[1].lines()
	changed := false
	err := diffalgo.Hunks(J, d.context, func(h []diffalgo.Change) error {
		if d.blank {
			if nonEmpty, err := d.nonEmpty(in, h); err != nil || !nonEmpty {
				return err
			}
		}
		if !d.brief {
			if !changed {
				d.header(path)
			}
			if err := d.hunk(in, h, n, m); err != nil {
				return err
			}
			// A write that failed stops the diff (bufio keeps the
			// error and returns it to every later write).
			if _, err := d.out.Write(nil); err != nil {
				return applet.Perror(err, "write error")
			}
		}
		changed = true
		return d.ctx.Err()
	})
	return changed, err
}

// nonEmpty reports whether any changed line of the hunk has more than
// its newline (-B).
func (d *differ) nonEmpty(in [2]*input, h []diffalgo.Change) (bool, error) {
	for _, v := range h {
		for s, r := range [2][2]int{{v.A, v.B}, {v.C, v.D}} {
			for k := r[0]; k <= r[1]; k++ {
				n, err := in[s].length(k)
				if err != nil || n != 1 {
					return err == nil, err
				}
			}
		}
	}
	return false, nil
}

// header prints the "---" and "+++" lines: the labels, or the names as
// given, without time stamps (BusyBox prints none).
func (d *differ) header(path [2]string) {
	for i, p := range [2]string{"--- ", "+++ "} {
		name := path[i]
		if d.hasL[i] {
			name = d.label[i]
		}
		d.out.WriteString(p)
		d.out.WriteString(name)
		d.out.WriteByte('\n')
	}
}

// hunk prints one hunk: its "@@" line, then the context lines (from the
// old file) and each change's deleted and inserted lines.
func (d *differ) hunk(in [2]*input, h []diffalgo.Change, n, m int) error {
	span := diffalgo.Span(h, d.context, n, m)
	d.out.WriteString("@@")
	for j, r := range [2][2]int{{span.A, span.B}, {span.C, span.D}} {
		a, b := r[0], r[1]
		d.out.WriteByte(' ')
		d.out.WriteByte("-+"[j])
		d.out.WriteString(strconv.Itoa(min(a, b)))
		if a == b {
			continue
		}
		d.out.WriteByte(',')
		if a < b {
			d.out.WriteString(strconv.Itoa(b - a + 1))
		} else {
			d.out.WriteByte('0')
		}
	}
	d.out.WriteString(" @@\n")
	low := span.A
	for k, v := range h {
		if err := d.fetch(in[0], low, v.A-1, ' '); err != nil {
			return err
		}
		if err := d.fetch(in[0], v.A, v.B, '-'); err != nil {
			return err
		}
		if err := d.fetch(in[1], v.C, v.D, '+'); err != nil {
			return err
		}
		low = v.B + 1
		if k == len(h)-1 {
			return d.fetch(in[0], low, span.B, ' ')
		}
	}
	return nil
}

// fetch prints lines a..b of in, each after the mark ch (and a tab with
// -T, its tabs expanded with -t); a last line without a newline is
// followed by BusyBox's "\ No newline at end of file".
func (d *differ) fetch(in *input, a, b int, ch byte) error {
	for i := a; i <= b; i++ {
		line, noNL, err := in.line(i)
		if err != nil {
			return err
		}
		d.out.WriteByte(ch)
		if d.initialTab {
			d.out.WriteByte('\t')
		}
		if d.expandTabs {
			col := 0
			for _, c := range line {
				if c != '\t' {
					d.out.WriteByte(c)
					col++
					continue
				}
				for {
					d.out.WriteByte(' ')
					col++
					if col&7 == 0 {
						break
					}
				}
			}
		} else {
			d.out.Write(line)
		}
		if noNL {
			d.out.WriteString("\n\\ No newline at end of file\n")
			return nil
		}
	}
	return nil
}
