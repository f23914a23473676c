// Package tsort is the tsort applet: BusyBox 1.36's tsort (Alpine's
// build leaves it out), a topological sort of the pairs of words in FILE
// (or standard input) by Kahn's algorithm, taking the nodes in BusyBox's
// order so that the output is the same, and breaking each cycle at the
// first node left with "cycle at NODE" and status 1.
package tsort

import (
	"bufio"
	"os"
	"sort"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is tsort's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "tsort",
	Path:    "/usr/bin",
	Usage:   "[FILE]",
	Help:    "Topological sort",
	Options: &opt.Spec{MaxArgs: 1},
	NoFork:  true,
	Main:    run,
}

type node struct {
	name string
	in   int
	out  []*node
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	in := ctx.Stdin
	if len(r.Args) > 0 && r.Args[0] != "-" {
		f, err := os.Open(ctx.Path(r.Args[0]))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", r.Args[0])
		}
		defer f.Close()
		in = f
	}
	// The nodes sorted by name, as BusyBox keeps them while reading.
	var nodes []*node
	get := func(name string) *node {
		i := sort.Search(len(nodes), func(i int) bool { return nodes[i].name >= name })
		if i < len(nodes) && nodes[i].name == name {
			return nodes[i]
		}
		n := &node{name: name}
		nodes = append(nodes, nil)
		copy(nodes[i+1:], nodes[i:])
		nodes[i] = n
		return n
	}
	var a *node
	br := bufio.NewReader(in)
	for {
		line, err := br.ReadString('\n')
		for s := line; ; {
			i := 0
			for i < len(s) && isSpace(s[i]) {
				i++
			}
			s = s[i:]
			if s == "" || s[0] == 0 {
				break
			}
			j := 0
			for j < len(s) && !isSpace(s[j]) && s[j] != 0 {
				j++
			}
			b := get(s[:j])
			s = s[j:]
			if len(s) > 0 {
				s = s[1:]
			}
			if a == nil {
				a = b
			} else {
				if a != b {
					a.out = append(a.out, b)
					b.in++
				}
				a = nil
			}
		}
		if err != nil {
			// A read error ends the input, as in BusyBox.
			break
		}
	}
	if a != nil {
		return applet.Errorf("odd input")
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	cycles := 0
	for len(nodes) > 0 {
		i := 0
		for i < len(nodes) && nodes[i].in != 0 {
			i++
		}
		if i == len(nodes) {
			// A cycle: break it at the first node.
			cycles++
			i = 0
			w.Flush()
			ctx.Warnf("cycle at %s", nodes[0].name)
		}
		n := nodes[i]
		nodes[i] = nodes[len(nodes)-1]
		nodes = nodes[:len(nodes)-1]
		for _, o := range n.out {
			o.in--
		}
		w.WriteString(n.name)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(min(cycles, 1))
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
