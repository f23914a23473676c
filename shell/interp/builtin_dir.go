package interp

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/mode"
)

// cdOpts parses -L and -P (the last wins) for cd and pwd.
func (sh *shell) cdOpts(args []string) (physical bool, rest []string, ok bool) {
	opts, _, rest, ok := sh.getopt(args, "LP")
	for _, o := range opts {
		physical = o == 'P'
	}
	return physical, rest, ok
}

// biCd changes the shell's directory: its state only, never the
// process's (applets in-process and children get it from the state).
func biCd(sh *shell, args []string) int {
	physical, rest, ok := sh.cdOpts(args[1:])
	if !ok {
		return 2
	}
	print := false
	var dest string
	if len(rest) == 0 {
		dest, _ = sh.getVar("HOME")
	} else {
		dest = rest[0]
		if dest == "-" {
			dest, _ = sh.getVar("OLDPWD")
			print = true
		}
	}
	if dest == "" && len(rest) == 0 {
		// ash: "cd" with HOME unset or empty goes nowhere.
		dest = "."
	}
	target := ""
	if dest != "" && dest[0] != '/' && !dotRelative(dest) {
		if cdpath, ok := sh.getVar("CDPATH"); ok && cdpath != "" {
			for _, p := range strings.Split(cdpath, ":") {
				cand := dest
				if p != "" {
					cand = strings.TrimSuffix(p, "/") + "/" + dest
				}
				if fi, err := os.Stat(sh.path(cand)); err == nil && fi.IsDir() {
					target = cand
					if p != "" {
						print = true
					}
					break
				}
			}
		}
	}
	if target == "" {
		target = dest
	}
	if target == "" {
		target = "."
	}
	var dir string
	if physical {
		d, err := filepath.EvalSymlinks(sh.path(target))
		if err != nil {
			return sh.raisePerror(err, "can't cd to %s", dest)
		}
		dir = d
	} else {
		dir = logicalJoin(sh.dir, target)
	}
	if err := checkDir(dir); err != nil {
		return sh.raisePerror(err, "can't cd to %s", dest)
	}
	if physical {
		dir = physicalDir(dir)
	}
	sh.setDir(dir)
	if print {
		sh.out(dir + "\n")
	}
	return 0
}

// dotRelative reports whether a cd operand starts with "." or "..",
// which CDPATH does not apply to.
func dotRelative(d string) bool {
	return d == "." || d == ".." || strings.HasPrefix(d, "./") || strings.HasPrefix(d, "../")
}

// checkDir does what chdir would check: a directory we may search.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return syscall.ENOTDIR
	}
	if err := unix.Access(dir, unix.X_OK); err != nil {
		return err
	}
	return nil
}

// physicalDir resolves symlinks in an absolute directory name.
func physicalDir(dir string) string {
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		return d
	}
	return dir
}

// logicalJoin resolves dir against cur textually, as ash's updatepwd:
// "." and ".." are removed without looking at symlinks.
func logicalJoin(cur, dir string) string {
	var p string
	if strings.HasPrefix(dir, "/") {
		p = dir
	} else {
		p = cur + "/" + dir
	}
	lead := "/"
	if strings.HasPrefix(p, "//") && !strings.HasPrefix(p, "///") {
		lead = "//"
	}
	var parts []string
	for _, c := range strings.Split(p, "/") {
		switch c {
		case "", ".":
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		default:
			parts = append(parts, c)
		}
	}
	return lead + strings.Join(parts, "/")
}

// setDir moves the shell to dir: PWD and OLDPWD follow.
func (sh *shell) setDir(dir string) {
	old := sh.dir
	sh.dir = dir
	sh.setVar("OLDPWD", old)
	sh.setVar("PWD", dir)
}

// raisePerror raises "msg: strerror".
func (sh *shell) raisePerror(err error, format string, args ...any) int {
	return sh.raise("%s: %s", fmt.Sprintf(format, args...), applet.ErrText(err))
}

func biPwd(sh *shell, args []string) int {
	physical, _, ok := sh.cdOpts(args[1:])
	if !ok {
		return 2
	}
	d := sh.dir
	if physical {
		d = physicalDir(d)
	}
	sh.out(d + "\n")
	return 0
}

func biUmask(sh *shell, args []string) int {
	opts, _, rest, ok := sh.getopt(args[1:], "S")
	if !ok {
		return 2
	}
	mask := uint32(sh.umask)
	if len(rest) == 0 {
		if len(opts) > 0 {
			var b strings.Builder
			for i, who := range []string{"u", "g", "o"} {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(who + "=")
				m := mask << (3 * i)
				if m&0o400 == 0 {
					b.WriteByte('r')
				}
				if m&0o200 == 0 {
					b.WriteByte('w')
				}
				if m&0o100 == 0 {
					b.WriteByte('x')
				}
			}
			sh.out(b.String() + "\n")
		} else {
			sh.outf("%04o\n", mask)
		}
		return 0
	}
	s := rest[0]
	digit := s[0] >= '0' && s[0] <= '9'
	if !digit {
		mask ^= 0o777
	}
	m, ok := mode.Parse(s, mask, 0)
	if !ok || m > 0o777 {
		return sh.raise("illegal mode: %s", s)
	}
	if !digit {
		m ^= 0o777
	}
	sh.setUmask(os.FileMode(m))
	return 0
}

// setUmask changes the shell's umask; the main shell that owns its
// process changes the process's too, so that its children inherit it.
func (sh *shell) setUmask(m os.FileMode) {
	sh.umask = m
	if sh.proc.owns && !sh.subshell {
		syscall.Umask(int(m))
		sh.proc.umask = m
	}
}

// ulimitTable is ash's list of limits, in "ulimit -a" order.
var ulimitTable = [...]struct {
	res   int
	shift uint
	opt   byte
	help  string
}{
	{unix.RLIMIT_CORE, 9, 'c', "core file size (blocks)"},
	{unix.RLIMIT_DATA, 10, 'd', "data seg size (kb)"},
	{unix.RLIMIT_NICE, 0, 'e', "scheduling priority"},
	{unix.RLIMIT_FSIZE, 9, 'f', "file size (blocks)"},
	{unix.RLIMIT_SIGPENDING, 0, 'i', "pending signals"},
	{unix.RLIMIT_MEMLOCK, 10, 'l', "max locked memory (kb)"},
	{unix.RLIMIT_RSS, 10, 'm', "max memory size (kb)"},
	{unix.RLIMIT_NOFILE, 0, 'n', "open files"},
	{unix.RLIMIT_MSGQUEUE, 0, 'q', "POSIX message queues (bytes)"},
	{unix.RLIMIT_RTPRIO, 0, 'r', "real-time priority"},
	{unix.RLIMIT_STACK, 10, 's', "stack size (kb)"},
	{unix.RLIMIT_CPU, 0, 't', "cpu time (seconds)"},
	{unix.RLIMIT_NPROC, 0, 'u', "max user processes"},
	{unix.RLIMIT_AS, 10, 'v', "virtual memory (kb)"},
	{unix.RLIMIT_LOCKS, 0, 'x', "file locks"},
}

func biUlimit(sh *shell, args []string) int {
	const hard, soft, all = 1, 2, 4
	type item struct {
		idx int
		val string
		has bool
	}
	var items []item
	flags := 0
	a := args[1:]
	for i := 0; i < len(a); i++ {
		s := a[i]
		if len(s) < 2 || s[0] != '-' {
			// "ulimit N": -f.
			items = append(items, item{idx: 3, val: s, has: true})
			continue
		}
		for j := 1; j < len(s); j++ {
			c := s[j]
			switch c {
			case 'H':
				flags |= hard
				continue
			case 'S':
				flags |= soft
				continue
			case 'a':
				flags |= all
				continue
			}
			idx := -1
			for k, l := range ulimitTable {
				if l.opt == c {
					idx = k
				}
			}
			if idx < 0 {
				fmt.Fprintf(sh.stderr(), "%s: invalid option -- '%c'\n", "ulimit", c)
				return 1
			}
			it := item{idx: idx}
			if j+1 < len(s) {
				it.val, it.has = s[j+1:], true
			} else if i+1 < len(a) && !strings.HasPrefix(a[i+1], "-") {
				i++
				it.val, it.has = a[i], true
			}
			items = append(items, it)
			break
		}
	}
	if flags&(hard|soft) == 0 {
		flags |= hard | soft
	}
	show := func(l int) string {
		var r unix.Rlimit
		unix.Getrlimit(ulimitTable[l].res, &r)
		v := r.Max
		if flags&soft != 0 {
			v = r.Cur
		}
		if v == unix.RLIM_INFINITY {
			return "unlimited"
		}
		return strconv.FormatUint(v>>ulimitTable[l].shift, 10)
	}
	if flags&all != 0 {
		var b strings.Builder
		for i, l := range ulimitTable {
			fmt.Fprintf(&b, "%-32s(-%c) %s\n", l.help, l.opt, show(i))
		}
		sh.out(b.String())
		return 0
	}
	if len(items) == 0 {
		sh.out(show(3) + "\n")
		return 0
	}
	for _, it := range items {
		l := ulimitTable[it.idx]
		if !it.has {
			if len(items) > 1 {
				sh.outf("%-32s(-%c) ", l.help, l.opt)
			}
			sh.out(show(it.idx) + "\n")
			continue
		}
		var r unix.Rlimit
		unix.Getrlimit(l.res, &r)
		v := uint64(unix.RLIM_INFINITY)
		if it.val != "unlimited" {
			n, err := strconv.ParseUint(it.val, 10, 64)
			if err != nil {
				fmt.Fprintf(sh.stderr(), "%s: invalid number '%s'\n", sh.proc.shellName(), it.val)
				return 1
			}
			v = n << l.shift
		}
		if flags&hard != 0 {
			r.Max = v
		}
		if flags&soft != 0 {
			r.Cur = v
		}
		if err := unix.Setrlimit(l.res, &r); err != nil {
			fmt.Fprintf(sh.stderr(), "%s: error setting limit: %s\n", sh.proc.shellName(), applet.ErrText(err))
			return 1
		}
	}
	return 0
}
