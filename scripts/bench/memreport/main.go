// Command memreport turns the runs that scripts/bench/mem.sh recorded into
// the Markdown tables of docs/memory.md:
//
//	memreport RESULTS.tsv
//
// Each line of RESULTS.tsv is one run: workload, implementation (gobox,
// base, alpine or debian) and memrun's key=value line, tab-separated.
// Runs of the same workload and implementation are merged: the peak of
// their memory, the best of their times. Workloads keep the order of
// their first run.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: memreport RESULTS.tsv")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "memreport:", err)
		os.Exit(1)
	}
	defer f.Close()
	rs, err := read(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "memreport:", err)
		os.Exit(1)
	}
	if err := write(os.Stdout, rs); err != nil {
		fmt.Fprintln(os.Stderr, "memreport:", err)
		os.Exit(1)
	}
}

// cost is what one implementation spent on one workload, over its runs.
type cost struct {
	hwm, anon int64   // KB, peaks
	wall, cpu float64 // seconds, best
	status    int     // the first non-zero exit status
	runs      int
}

// results are the merged runs.
type results struct {
	workloads []string
	impls     map[string]bool
	costs     map[[2]string]*cost // workload, impl
}

// read parses the results file.
func read(r io.Reader) (*results, error) {
	rs := &results{impls: map[string]bool{}, costs: map[[2]string]*cost{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		if sc.Text() == "" {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want 3 fields, got %d", n, len(f))
		}
		kv := map[string]string{}
		for _, w := range strings.Fields(f[2]) {
			k, v, _ := strings.Cut(w, "=")
			kv[k] = v
		}
		var one cost
		var err error
		num := func(k string) float64 {
			x, e := strconv.ParseFloat(kv[k], 64)
			if e != nil && err == nil {
				err = fmt.Errorf("line %d: bad or missing %s", n, k)
			}
			return x
		}
		one.status = int(num("status"))
		one.hwm = int64(num("hwm"))
		one.anon = int64(num("anon"))
		one.wall = num("wall")
		one.cpu = num("user") + num("sys")
		if err != nil {
			return nil, err
		}
		key := [2]string{f[0], f[1]}
		c := rs.costs[key]
		if c == nil {
			if !rs.has(f[0]) {
				rs.workloads = append(rs.workloads, f[0])
			}
			rs.impls[f[1]] = true
			rs.costs[key] = &one
			one.runs = 1
			continue
		}
		c.hwm = max(c.hwm, one.hwm)
		c.anon = max(c.anon, one.anon)
		c.wall = min(c.wall, one.wall)
		c.cpu = min(c.cpu, one.cpu)
		if c.status == 0 {
			c.status = one.status
		}
		c.runs++
	}
	return rs, sc.Err()
}

func (rs *results) has(workload string) bool {
	for _, w := range rs.workloads {
		if w == workload {
			return true
		}
	}
	return false
}

// limit is how much more peak memory than Alpine's BusyBox gobox may use
// (issue 10's bound), in KB; the private memory table applies it too.
const limit = 2048

// within is the bound's verdict on gobox's d KB more than Alpine's.
func within(d int64) string {
	if d > limit {
		return "no"
	}
	return "yes"
}

func mb(kb int64) string { return fmt.Sprintf("%.1f MB", float64(kb)/1024) }

// cell formats one measurement, with the exit status when it failed.
func (c *cost) cell(v string) string {
	if c == nil {
		return "-"
	}
	if c.status != 0 {
		return fmt.Sprintf("%s (exit %d)", v, c.status)
	}
	return v
}

// write prints the three tables: peak memory, private memory, time.
func write(w io.Writer, rs *results) error {
	// The implementations in table order, with their headers.
	columns := []struct{ impl, title string }{
		{"gobox", "gobox"},
		{"base", "gobox before"},
		{"alpine", "Alpine BusyBox"},
		{"debian", "Debian busybox"},
	}
	var cols []struct{ impl, title string }
	for _, c := range columns {
		if rs.impls[c.impl] {
			cols = append(cols, c)
		}
	}
	b := bufio.NewWriter(w)
	row := func(cells ...string) { fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | ")) }
	header := func(cells ...string) {
		row(cells...)
		seps := make([]string, len(cells))
		for i := range seps {
			seps[i] = "---"
		}
		row(seps...)
	}
	get := func(w, impl string) *cost { return rs.costs[[2]string{w, impl}] }

	fmt.Fprintln(b, "### Peak resident memory (VmHWM)")
	fmt.Fprintln(b)
	h := []string{"workload"}
	for _, c := range cols {
		h = append(h, c.title)
	}
	header(append(h, "gobox − Alpine", "within +2 MB")...)
	for _, wl := range rs.workloads {
		r := []string{"`" + wl + "`"}
		for _, c := range cols {
			x := get(wl, c.impl)
			r = append(r, x.cell(mbOf(x)))
		}
		g, a := get(wl, "gobox"), get(wl, "alpine")
		if g != nil && a != nil {
			d := g.hwm - a.hwm
			r = append(r, fmt.Sprintf("%+.1f MB", float64(d)/1024), within(d))
		} else {
			r = append(r, "-", "-")
		}
		row(r...)
	}

	fmt.Fprintln(b)
	fmt.Fprintln(b, "### Private memory (peak Anonymous, KB)")
	fmt.Fprintln(b)
	header(append(h, "gobox − Alpine", "within +2 MB (private)")...)
	for _, wl := range rs.workloads {
		r := []string{"`" + wl + "`"}
		for _, c := range cols {
			x := get(wl, c.impl)
			v := "-"
			if x != nil {
				v = strconv.FormatInt(x.anon, 10)
			}
			r = append(r, x.cell(v))
		}
		g, a := get(wl, "gobox"), get(wl, "alpine")
		if g != nil && a != nil {
			d := g.anon - a.anon
			r = append(r, fmt.Sprintf("%+d", d), within(d))
		} else {
			r = append(r, "-", "-")
		}
		row(r...)
	}

	fmt.Fprintln(b)
	fmt.Fprintln(b, "### Time (seconds: wall, user+sys)")
	fmt.Fprintln(b)
	h = []string{"workload"}
	for _, c := range cols {
		h = append(h, c.title)
	}
	if rs.impls["base"] {
		h = append(h, "gobox / before (wall, user+sys)")
	}
	header(h...)
	for _, wl := range rs.workloads {
		r := []string{"`" + wl + "`"}
		for _, c := range cols {
			x := get(wl, c.impl)
			v := "-"
			if x != nil {
				v = fmt.Sprintf("%.3f, %.3f", x.wall, x.cpu)
			}
			r = append(r, x.cell(v))
		}
		if rs.impls["base"] {
			g, p := get(wl, "gobox"), get(wl, "base")
			if g != nil && p != nil {
				r = append(r, ratio(g.wall, p.wall)+", "+ratio(g.cpu, p.cpu))
			} else {
				r = append(r, "-")
			}
		}
		row(r...)
	}
	return b.Flush()
}

func mbOf(c *cost) string {
	if c == nil {
		return "-"
	}
	return mb(c.hwm)
}

// ratio is a/b, or "-" when b is too small to divide by meaningfully
// (a millisecond: below it the clock's and the scheduler's noise rule).
func ratio(a, b float64) string {
	if b < 0.001 {
		return "-"
	}
	return fmt.Sprintf("x%.2f", a/b)
}
