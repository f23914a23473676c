package interp

import (
	"os"
	"sync"

	"gobox/shell/syntax"
)

// pipeline runs "A | B | C": each stage on its own copy of the shell, in
// its own goroutine (the last on this one), joined by pipes. A stage
// that ends closes its ends of the pipes, so that a writer before it gets
// EPIPE (status 141) and a reader after it sees the end of its input.
func (sh *shell) pipeline(p *syntax.Pipeline, tested bool) int {
	if len(p.Cmds) == 1 {
		return sh.cmd(p.Cmds[0], tested)
	}
	n := len(p.Cmds)
	statuses := make([]int, n)
	var wg sync.WaitGroup
	var prev *os.File
	for i, c := range p.Cmds {
		var r, w *os.File
		if i < n-1 {
			var err error
			r, w, err = os.Pipe()
			if err != nil {
				sh.errorf("can't create pipe: %s", err)
				if prev != nil {
					prev.Close()
				}
				wg.Wait()
				return 2
			}
		}
		sub := sh.fork()
		if prev != nil {
			sub.fds.set(0, &fdesc{f: prev})
		}
		if w != nil {
			sub.fds.set(1, &fdesc{f: w})
		}
		in, out := prev, w
		stage := func(i int) {
			sub.status = sub.cmd(c, tested)
			statuses[i] = sub.finish()
			sub.done()
			if in != nil {
				in.Close()
			}
			if out != nil {
				out.Close()
			}
		}
		if i == n-1 {
			stage(i)
		} else {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				stage(i)
			}(i)
		}
		prev = r
	}
	wg.Wait()
	st := statuses[n-1]
	if sh.opts.has(optPipefail) {
		for i := n - 1; i >= 0; i-- {
			if statuses[i] != 0 {
				st = statuses[i]
				break
			}
		}
	}
	return st
}
