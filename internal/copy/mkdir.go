package copy

import (
	"fmt"
	"io"

	"golang.org/x/sys/unix"

	"gobox/internal/mode"
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
}

// Make creates path; it returns false after reporting an error.
func (m *MakeDir) Make(path string) bool {
	if path == "/" || path == "." {
		return true
	}
	resolve := func(p string) string {
		if m.Resolve == nil {
			return p
		}
		return m.Resolve(p)
	}
	var umask uint32
	haveUmask := false
	fail := func(what, p string, err error) bool {
		if m.Warnf != nil {
			m.Warnf("can't %s directory '%s': %s", what, p, errText(err))
		}
		return false
	}
	i := 0
	for {
		last := true
		end := len(path)
		if m.Parents {
			for j := i; j < len(path); j++ {
				if path[j] == '/' {
					k := j
					for k < len(path) && path[k] == '/' {
						k++
					}
					if k < len(path) {
						end, last, i = k, false, k
					}
					break
				}
			}
			if last {
				i = len(path)
			}
		}
		p := path[:end]
		rp := resolve(p)
		err := unix.Mkdir(rp, 0o777)
		if err != nil {
			if (err != unix.EEXIST && err != unix.EISDIR) || !m.Parents {
				return fail("create", p, err)
			}
			var st unix.Stat_t
			if serr := unix.Stat(rp, &st); serr != nil {
				return fail("create", p, serr)
			} else if st.Mode&unix.S_IFMT != unix.S_IFDIR {
				return fail("create", p, err)
			}
			if last {
				return true
			}
		} else {
			if m.Verbose && m.Stdout != nil {
				fmt.Fprintf(m.Stdout, "created directory: '%s'\n", p)
			}
			if !last {
				// Intermediate directories must stay usable: u+wx.
				if !haveUmask {
					umask, haveUmask = mode.Umask(), true
				}
				if umask&0o300 != 0 {
					unix.Chmod(rp, 0o777&^umask|0o300)
				}
			}
		}
		if last {
			if m.Mode >= 0 {
				if err := unix.Chmod(rp, uint32(m.Mode)); err != nil {
					fail("set permissions of", p, err)
					return m.IgnoreChmodErr
				}
			}
			return true
		}
	}
}
