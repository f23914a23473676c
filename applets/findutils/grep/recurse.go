package grep

import (
	"path"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/fastcopy"
)

// grepDir is -r on a directory operand, BusyBox's recursive_action with
// depth-first order: every entry that is not a directory is grepped, in
// the order the directory lists them. -r follows the operand if it is a
// symlink, and symlinks below it to files but not to directories; -R
// follows them all. The walk keeps one open directory per level, so its
// memory does not grow with the tree.
//
// As recursive_action does, a directory that cannot be read or an entry
// that cannot be stat'ed is reported even with -s, and does not make the
// status 2; a file that cannot be opened does.
func (g *grep) grepDir(display, name string) error {
	w := &g.walk
	w.Start(display, name)
	if err := w.Open(); err != nil {
		g.ctx.Perror(err, "%s", display)
		return nil
	}
	err := g.walkDir(w)
	w.CloseAll()
	return err
}

// walkDir greps the entries of the directory w has open.
func (g *grep) walkDir(w *dirent.Walk) error {
	for w.Next() {
		if g.ctx.Cancelled() {
			return applet.Exit(130)
		}
		var st unix.Stat_t
		if err := w.Stat(&st, g.opts.deref); err != nil {
			g.ctx.Perror(err, "%s", w.String())
			continue
		}
		if st.Mode&unix.S_IFMT == unix.S_IFDIR {
			if g.dirExcluded(w.Entry().Name()) {
				continue
			}
			if err := w.Open(); err != nil {
				g.ctx.Perror(err, "%s", w.String())
				continue
			}
			err := g.walkDir(w)
			w.Close()
			if err != nil {
				return err
			}
			continue
		}
		if err := g.grepEntry(w, &st); err != nil {
			return err
		}
	}
	return nil
}

// grepEntry is BusyBox's file_action_grep: a symlink (met with -r) is
// followed to see what it is, and skipped if it is a directory.
func (g *grep) grepEntry(w *dirent.Walk, st *unix.Stat_t) error {
	if st.Mode&unix.S_IFMT == unix.S_IFLNK {
		if err := w.Follow(st); err != nil {
			if !g.opts.suppress {
				g.ctx.Perror(err, "%s", w.String())
			}
			return nil
		}
		if st.Mode&unix.S_IFMT == unix.S_IFDIR {
			return nil
		}
	}
	if g.excluded(string(w.Entry().Name())) {
		return nil
	}
	dirfd, name := w.At()
	fd, err := dirent.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOCTTY)
	if err != nil {
		if !g.opts.suppress {
			g.ctx.Perror(err, "%s", w.String())
		}
		g.openErr = true
		return nil
	}
	err = g.grepReader(fastcopy.FD(fd), w.String()) // no *os.File: no fcntl
	unix.Close(fd)
	return err
}

// dirExcluded reports whether --exclude-dir leaves out a directory met
// in the walk.
func (g *grep) dirExcluded(name []byte) bool {
	for _, pat := range g.opts.excludeDir {
		if ok, _ := path.Match(pat, string(name)); ok {
			return true
		}
	}
	return false
}
