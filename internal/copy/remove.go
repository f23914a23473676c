package copy

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
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

func (r *Remover) perror(err error, format string, args ...any) {
	if r.Warnf != nil {
		r.Warnf("%s: %s", fmt.Sprintf(format, args...), errText(err))
	}
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
		if err != unix.ENOENT {
			r.perror(err, "can't stat '%s'", path)
			return false
		}
		if !r.Force {
			r.perror(err, "can't remove '%s'", path)
			return false
		}
		return true
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		if !r.Recursive {
			if r.Warnf != nil {
				r.Warnf("'%s' is a directory", path)
			}
			return false
		}
		if (!r.Force && r.StdinTTY && unix.Access(p, unix.W_OK) != nil) || r.Interactive {
			if !r.ask("%s: descend into directory '%s'? ", r.Name, path) {
				return true
			}
		}
		f, err := os.Open(p)
		if err != nil {
			return false
		}
		ok := true
		for {
			names, err := f.Readdirnames(1024)
			for _, n := range names {
				if r.Cancelled != nil && r.Cancelled() {
					f.Close()
					return false
				}
				if !r.Remove(JoinPath(path, n)) {
					ok = false
				}
			}
			if err != nil || len(names) == 0 {
				break
			}
		}
		f.Close()
		if r.Interactive {
			if !r.ask("%s: remove directory '%s'? ", r.Name, path) {
				return ok
			}
		}
		if ok {
			if err := unix.Rmdir(p); err != nil {
				r.perror(err, "can't remove '%s'", path)
				return false
			}
			if r.Verbose && r.Stdout != nil {
				fmt.Fprintf(r.Stdout, "removed directory: '%s'\n", path)
			}
		}
		return ok
	}
	if (!r.Force && r.StdinTTY && st.Mode&unix.S_IFMT != unix.S_IFLNK && unix.Access(p, unix.W_OK) != nil) || r.Interactive {
		if !r.ask("%s: remove '%s'? ", r.Name, path) {
			return true
		}
	}
	if err := unix.Unlink(p); err != nil {
		r.perror(err, "can't remove '%s'", path)
		return false
	}
	if r.Verbose && r.Stdout != nil {
		fmt.Fprintf(r.Stdout, "removed '%s'\n", path)
	}
	return true
}
