package diff

import (
	"os"
	"sort"
	"strings"
	"syscall"
)

// lister collects the names under one directory operand, as BusyBox's
// diff does with recursive_action: every file that is not a directory,
// relative to the operand; directories too without -r, where they are
// not entered.
type lister struct {
	d     *differ
	root  string // the operand as given
	other string // the other operand, to skip directories it lacks
	names []string
}

// add records a name found under the root, relative to it.
func (l *lister) add(path string) {
	l.names = append(l.names, strings.TrimLeft(path[len(l.root):], "/"))
}

// walk visits path at depth (0 for the operand itself).
func (l *lister) walk(path string, depth int) {
	var st syscall.Stat_t
	var err error
	// Links are followed unless --no-dereference, the operand too.
	if l.d.noDeref {
		err = syscall.Lstat(l.d.ctx.Path(path), &st)
	} else {
		err = syscall.Stat(l.d.ctx.Path(path), &st)
	}
	if err != nil {
		l.d.warn(err, "%s", path)
		return
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
		l.add(path)
		return
	}
	if !l.d.recursive && depth > 0 {
		l.add(path)
		return
	}
	if !l.d.newFile {
		// -r without -N enters only the directories the other side
		// has too (else "diff -r /tmp /" would walk all of /proc); one
		// it lacks makes the status 1, without a word.
		if rel := path[len(l.root):]; rel != "" {
			var ost syscall.Stat_t
			if syscall.Stat(l.d.ctx.Path(concatPath(l.other, rel)), &ost) != nil ||
				ost.Mode&syscall.S_IFMT != syscall.S_IFDIR {
				l.d.exit |= 1
				return
			}
		}
	}
	f, err := os.Open(l.d.ctx.Path(path))
	if err != nil {
		l.d.warn(err, "%s", path)
		return
	}
	// Directory order, as readdir gives it: the names are sorted later,
	// but the order of messages about them is this one.
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		l.d.warn(err, "%s", path)
	}
	for _, name := range names {
		if l.d.ctx.Err() != nil {
			return
		}
		l.walk(concatPath(path, name), depth+1)
	}
}

// diffDir compares two directories: the names under each, sorted, in
// step.
func (d *differ) diffDir(p [2]string, st [2]syscall.Stat_t) error {
	var list [2][]string
	for i := range 2 {
		l := &lister{d: d, root: p[i], other: p[1-i]}
		l.walk(p[i], 0)
		sort.Strings(l.names)
		names := l.names
		if d.start != "" {
			for len(names) > 0 && names[0] < d.start {
				names = names[1:]
			}
		}
		list[i] = names
	}
	isDir := func(s *syscall.Stat_t) bool { return s.Mode&syscall.S_IFMT == syscall.S_IFDIR }
	isReg := func(s *syscall.Stat_t) bool { return s.Mode&syscall.S_IFMT == syscall.S_IFREG }
	for len(list[0]) > 0 || len(list[1]) > 0 {
		if err := d.ctx.Err(); err != nil {
			return err
		}
		var dp [2]string
		var pos int
		switch {
		case len(list[0]) == 0:
			dp[1], pos = list[1][0], 1
		case len(list[1]) == 0:
			dp[0], pos = list[0][0], -1
		default:
			dp[0], dp[1] = list[0][0], list[1][0]
			pos = strings.Compare(dp[0], dp[1])
		}
		k := 0
		if pos > 0 {
			k = 1
		}
		if pos != 0 && !d.newFile {
			d.out.WriteString("Only in " + p[k] + ": " + dp[k] + "\n")
			d.exit |= 1
		} else {
			var full, path [2]string
			for i := range 2 {
				if pos == 0 || i == k {
					full[i] = concatPath(p[i], dp[i])
					path[i] = full[i]
					// A failed stat leaves what the last one gave,
					// as in BusyBox.
					syscall.Stat(d.ctx.Path(full[i]), &st[i])
				} else {
					full[i] = concatPath(p[i], dp[1-i])
					path[i] = "/dev/null"
				}
			}
			if pos != 0 {
				// The missing side looks like the one present.
				syscall.Stat(d.ctx.Path(full[k]), &st[1-k])
			}
			switch {
			case isDir(&st[0]) && isDir(&st[1]):
				d.out.WriteString("Common subdirectories: " + full[0] + " and " + full[1] + "\n")
			case !isReg(&st[0]) && !isDir(&st[0]):
				d.out.WriteString("File " + full[0] + " is not a regular file or directory and was skipped\n")
			case !isReg(&st[1]) && !isDir(&st[1]):
				d.out.WriteString("File " + full[1] + " is not a regular file or directory and was skipped\n")
			case isDir(&st[0]):
				d.out.WriteString("File " + full[0] + " is a directory while file " + full[1] + " is a regular file\n")
			case isDir(&st[1]):
				d.out.WriteString("File " + full[0] + " is a regular file while file " + full[1] + " is a directory\n")
			default:
				status, err := d.diffFiles(path, path)
				if err != nil {
					return err
				}
				d.printStatus(status, full)
			}
		}
		list[k] = list[k][1:]
		if pos == 0 {
			list[1-k] = list[1-k][1:]
		}
	}
	return nil
}
