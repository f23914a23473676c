// Package fsremove deletes files and trees the way BusyBox's libbb
// remove_file does, for rm and mv: directories only with Recursive,
// prompts with Interactive (and for write-protected files when standard
// input is a terminal), and errors reported per file while the rest of
// the tree is still removed.
package fsremove

import (
	"fmt"
	"io"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
)

// Remover deletes files and trees like BusyBox's remove_file. It walks a
// tree relative to each directory's descriptor (dirent.Walk), keeping
// only the current path, so its memory does not grow with the tree and
// it allocates nothing per file.
type Remover struct {
	Force, Interactive, Recursive, Verbose bool
	// Name is the applet name used in prompts.
	Name string
	// Resolve maps a user path to one usable in system calls (Ctx.Path).
	Resolve func(string) string
	// Warnf reports an error.
	Warnf func(format string, args ...any)
	// Stdout receives -v output.
	Stdout io.Writer
	// Prompt writes prompt to stderr and reads a yes/no answer.
	Prompt func(prompt string) bool
	// StdinTTY says whether stdin is a terminal: then write-protected
	// files are asked about even without -i.
	StdinTTY  bool
	Cancelled func() bool

	walk dirent.Walk
	line []byte // a -v line, reused
}

func (r *Remover) path(p string) string {
	if r.Resolve == nil {
		return p
	}
	return r.Resolve(p)
}

// fail reports err and returns false.
func (r *Remover) fail(err error) bool {
	if r.Warnf != nil {
		r.Warnf("%s", err.Error())
	}
	return false
}

func (r *Remover) ask(format string, args ...any) bool {
	return r.Prompt != nil && r.Prompt(fmt.Sprintf(format, args...))
}

// verbose prints -v's line, prefix then the quoted path, without
// allocating.
func (r *Remover) verbose(prefix string) {
	if !r.Verbose || r.Stdout == nil {
		return
	}
	b := append(r.line[:0], prefix...)
	b = append(b, '\'')
	b = append(b, r.walk.Path()...)
	b = append(b, "'\n"...)
	r.Stdout.Write(b)
	r.line = b
}

func (r *Remover) cancelled() bool { return r.Cancelled != nil && r.Cancelled() }

// Remove removes path; it returns false on failure (after reporting it).
// Declining a prompt is not a failure.
func (r *Remover) Remove(path string) bool {
	r.walk.Start(path, r.path(path))
	ok := r.remove()
	r.walk.CloseAll()
	return ok
}

// remove removes the walk's current entry.
func (r *Remover) remove() bool {
	w := &r.walk
	var st unix.Stat_t
	if err := w.Stat(&st, false); err != nil {
		switch {
		case err != unix.ENOENT:
			return r.fail(applet.Perror(err, "can't stat '%s'", w.Path()))
		case !r.Force:
			return r.fail(applet.Perror(err, "can't remove '%s'", w.Path()))
		}
		return true
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return r.removeDir()
	}
	dirfd, name := w.At()
	if (!r.Force && r.StdinTTY && st.Mode&unix.S_IFMT != unix.S_IFLNK && dirent.Faccessat(dirfd, name, unix.W_OK) != nil) || r.Interactive {
		if !r.ask("%s: remove '%s'? ", r.Name, w.Path()) {
			return true
		}
	}
	if err := dirent.Unlinkat(dirfd, name, 0); err != nil {
		return r.fail(applet.Perror(err, "can't remove '%s'", w.Path()))
	}
	r.verbose("removed ")
	return true
}

// removeDir removes the directory that is the walk's current entry and,
// first, its entries.
func (r *Remover) removeDir() bool {
	w := &r.walk
	if !r.Recursive {
		return r.fail(applet.Errorf("'%s' is a directory", w.Path()))
	}
	dirfd, name := w.At()
	if (!r.Force && r.StdinTTY && dirent.Faccessat(dirfd, name, unix.W_OK) != nil) || r.Interactive {
		if !r.ask("%s: descend into directory '%s'? ", r.Name, w.Path()) {
			return true
		}
	}
	if err := w.Open(); err != nil {
		// BusyBox reports nothing here; rmdir then fails.
		return false
	}
	ok := true
	// Entries are removed as they are read, as BusyBox's readdir loop
	// does: the directory is never held in memory.
	for w.Next() {
		if r.cancelled() {
			w.Close()
			return false
		}
		if !r.remove() {
			ok = false
		}
	}
	w.Close()
	if r.Interactive && !r.ask("%s: remove directory '%s'? ", r.Name, w.Path()) {
		return ok
	}
	if !ok {
		return false
	}
	dirfd, name = w.At()
	if err := dirent.Unlinkat(dirfd, name, unix.AT_REMOVEDIR); err != nil {
		return r.fail(applet.Perror(err, "can't remove '%s'", w.Path()))
	}
	r.verbose("removed directory: ")
	return true
}
