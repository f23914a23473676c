// Package makedir creates directories the way BusyBox's libbb
// bb_make_directory does, for mkdir, install and cp --parents.
package makedir

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// MakeDir creates a directory like BusyBox's bb_make_directory.
type MakeDir struct {
	// Mode, if >= 0, is set on the last directory with chmod (so the
	// umask does not apply); otherwise it gets 0777 less the umask.
	Mode int
	// Parents creates missing leading directories (with at least u+wx)
	// and accepts an existing directory (mkdir -p).
	Parents bool
	// IgnoreChmodErr reports a failing chmod without failing.
	IgnoreChmodErr bool
	Verbose        bool
	Stdout         io.Writer
	Resolve        func(string) string
	Warnf          func(format string, args ...any)
	// Umask is cleared from the modes of the directories created
	// (Ctx.Umask); the process's own applies too.
	Umask os.FileMode
}

func (m *MakeDir) path(p string) string {
	if m.Resolve == nil {
		return p
	}
	return m.Resolve(p)
}

// fail reports that what could not be done to directory p.
func (m *MakeDir) fail(what, p string, err error) bool {
	if m.Warnf != nil {
		m.Warnf("%s", applet.Perror(err, "can't %s directory '%s'", what, p).Error())
	}
	return false
}

// Make creates path; it returns false after reporting an error.
func (m *MakeDir) Make(path string) bool {
	if path == "/" || path == "." {
		return true
	}
	for i := 0; ; {
		end, last := len(path), true
		if m.Parents {
			end, last = nextComponent(path, i)
			i = end
		}
		ok, stop := m.step(path[:end], last)
		if stop {
			return ok
		}
	}
}

// nextComponent returns the end of the leading directories of path
// through the component starting at i (after its slashes), and whether
// that is the whole of path.
func nextComponent(path string, i int) (end int, last bool) {
	for j := i; j < len(path); j++ {
		if path[j] != '/' {
			continue
		}
		k := j
		for k < len(path) && path[k] == '/' {
			k++
		}
		if k < len(path) {
			return k, false
		}
		break
	}
	return len(path), true
}

// step creates p, the whole path if last, and says whether Make is done
// (stop) and with what result.
func (m *MakeDir) step(p string, last bool) (ok, stop bool) {
	rp := m.path(p)
	err := unix.Mkdir(rp, 0o777&^uint32(m.Umask.Perm()))
	switch {
	case err == nil:
		if m.Verbose && m.Stdout != nil {
			fmt.Fprintf(m.Stdout, "created directory: '%s'\n", p)
		}
		if !last {
			keepUsable(rp)
		}
	case (err != unix.EEXIST && err != unix.EISDIR) || !m.Parents:
		return m.fail("create", p, err), true
	default:
		var st unix.Stat_t
		if serr := unix.Stat(rp, &st); serr != nil {
			return m.fail("create", p, serr), true
		}
		if st.Mode&unix.S_IFMT != unix.S_IFDIR {
			return m.fail("create", p, err), true
		}
		if last {
			return true, true
		}
	}
	if !last {
		return true, false
	}
	if m.Mode >= 0 {
		if err := unix.Chmod(rp, uint32(m.Mode)); err != nil {
			m.fail("set permissions of", p, err)
			return m.IgnoreChmodErr, true
		}
	}
	return true, true
}

// keepUsable gives a leading directory u+wx when the umask took them, so
// that what follows can be made inside it (BusyBox: "(0777 & ~mask) |
// 0300").
func keepUsable(p string) {
	var st unix.Stat_t
	if unix.Stat(p, &st) == nil && st.Mode&0o300 != 0o300 {
		unix.Chmod(p, st.Mode&0o7777|0o300)
	}
}
