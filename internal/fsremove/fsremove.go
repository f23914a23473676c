// Package fsremove deletes files and trees the way BusyBox's libbb
// remove_file does, for rm and mv: directories only with Recursive,
// prompts with Interactive (and for write-protected files when standard
// input is a terminal), and errors reported per file while the rest of
// the tree is still removed.
package fsremove

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/pathname"
)

// Remover deletes files and trees like BusyBox's remove_file.
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

// Remove removes path; it returns false on failure (after reporting it).
// Declining a prompt is not a failure.
func (r *Remover) Remove(path string) bool {
	p := r.path(path)
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		switch {
		case err != unix.ENOENT:
			return r.fail(applet.Perror(err, "can't stat '%s'", path))
		case !r.Force:
			return r.fail(applet.Perror(err, "can't remove '%s'", path))
		}
		return true
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return r.removeDir(path, p)
	}
	if (!r.Force && r.StdinTTY && st.Mode&unix.S_IFMT != unix.S_IFLNK && unix.Access(p, unix.W_OK) != nil) || r.Interactive {
		if !r.ask("%s: remove '%s'? ", r.Name, path) {
			return true
		}
	}
	if err := unix.Unlink(p); err != nil {
		return r.fail(applet.Perror(err, "can't remove '%s'", path))
	}
	if r.Verbose && r.Stdout != nil {
		fmt.Fprintf(r.Stdout, "removed '%s'\n", path)
	}
	return true
}

// removeDir removes directory path (p resolved) and, first, its entries.
func (r *Remover) removeDir(path, p string) bool {
	if !r.Recursive {
		return r.fail(applet.Errorf("'%s' is a directory", path))
	}
	if (!r.Force && r.StdinTTY && unix.Access(p, unix.W_OK) != nil) || r.Interactive {
		if !r.ask("%s: descend into directory '%s'? ", r.Name, path) {
			return true
		}
	}
	ok, done := r.removeEntries(path, p)
	if !done {
		return false
	}
	if r.Interactive && !r.ask("%s: remove directory '%s'? ", r.Name, path) {
		return ok
	}
	if !ok {
		return false
	}
	if err := unix.Rmdir(p); err != nil {
		return r.fail(applet.Perror(err, "can't remove '%s'", path))
	}
	if r.Verbose && r.Stdout != nil {
		fmt.Fprintf(r.Stdout, "removed directory: '%s'\n", path)
	}
	return true
}

// removeEntries removes what directory path holds, reading it in
// batches so that memory stays bounded. done is false when it could not
// be read at all or the removal was cancelled.
func (r *Remover) removeEntries(path, p string) (ok, done bool) {
	f, err := os.Open(p)
	if err != nil {
		// BusyBox reports nothing here; rmdir then fails.
		return false, false
	}
	defer f.Close()
	ok = true
	for {
		names, err := f.Readdirnames(1024)
		for _, n := range names {
			if r.Cancelled != nil && r.Cancelled() {
				return false, false
			}
			if !r.Remove(pathname.Join(path, n)) {
				ok = false
			}
		}
		if err != nil || len(names) == 0 {
			return ok, true
		}
	}
}
