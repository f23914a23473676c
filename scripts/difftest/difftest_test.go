// Package difftest is a differential test of gobox against BusyBox.
//
// It builds gobox and runs every case of cases.txt twice: once with links
// to gobox first in PATH, once with links to /usr/bin/busybox (Debian's
// busybox-static; the test is skipped when it is missing). Both runs use the
// same fresh directory (same path, prepared by the same setup), the same
// environment (TZ=UTC, LC_ALL=C, COLUMNS=80, HOME, PATH) and the same
// stdin, and must give the same stdout, stderr and exit status, and, when
// the case asks, the same directory tree afterwards (names, types, modes,
// owners, sizes, link counts, symlink targets, content hashes, and
// modification times that are not "just now").
//
// cases.txt, one directive per line ('#' starts a comment line):
//
//	setup: CMD        shell commands (bash, host tools) that prepare the
//	                  directory of each following case; it stays in force
//	                  until the next "setup:" ("setup:" alone clears it).
//	                  Each distinct setup runs once, in a template
//	                  directory that every run gets a copy of (so a setup
//	                  must not record its own path). Files the setup
//	                  creates get a fixed time (2021-02-03 04:05:06 UTC)
//	                  unless it set an older one.
//	stdin: TEXT       stdin of the next case, Go string escapes (\n, \t)
//	tree              also compare the directory tree after the next case
//	expect-diff: WHY  the next case is known to differ (a deliberate
//	                  difference documented in docs/compat); the test fails
//	                  if it stops differing, so the list stays true
//	run: CMD          one case: CMD runs under bash with the builtins that
//	                  are also applets (echo printf test [ pwd true false)
//	                  disabled, so they resolve to the binary under test
//
// Each run has a UTS namespace of its own where the kernel allows it, so
// hostname cases cannot rename the machine. Root is assumed (chown, mknod
// and chroot cases); CI runs as root.
//
// Only what must differ is normalised: the usage banner ("BusyBox v1.35.0
// (Debian ...)" vs "gobox VERSION") and glibc's getopt wording for option
// errors (gobox prints musl's, as Alpine's BusyBox does).
//
// Run alone: go test ./scripts/difftest/ [-run 'TestDiff/L123']
package difftest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

const busybox = "/usr/bin/busybox"

// fixedTime is the time setup-created files get.
var fixedTime = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

type testCase struct {
	line       int
	setup      string
	stdin      string
	tree       bool
	expectDiff string
	run        string
}

func parseCases(t *testing.T, path string) []testCase {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []testCase
	var setup string
	var next testCase
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		if line == "tree" {
			next.tree = true
			continue
		}
		if !ok {
			t.Fatalf("%s:%d: no directive: %q", path, n, line)
		}
		switch key {
		case "setup":
			setup = val
		case "stdin":
			s, err := strconv.Unquote(`"` + strings.ReplaceAll(val, `"`, `\"`) + `"`)
			if err != nil {
				t.Fatalf("%s:%d: bad stdin escapes: %v", path, n, err)
			}
			next.stdin = s
		case "expect-diff":
			if val == "" {
				t.Fatalf("%s:%d: expect-diff needs a reason", path, n)
			}
			next.expectDiff = val
		case "run":
			next.line, next.setup, next.run = n, setup, val
			cases = append(cases, next)
			next = testCase{}
		default:
			t.Fatalf("%s:%d: unknown directive %q", path, n, key)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func buildGobox(t *testing.T, dir string) string {
	bin := filepath.Join(dir, "gobox")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "../../cmd/gobox")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestDiff(t *testing.T) {
	if _, err := os.Stat(busybox); err != nil {
		t.Skipf("%s is missing (install busybox-static, see scripts/ci-deps.sh): no reference to compare with", busybox)
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is missing")
	}
	if os.Getuid() != 0 {
		t.Skip("the cases assume root (chown, mknod, chroot, namespaces); CI runs as root")
	}
	cases := parseCases(t, "cases.txt")
	root := t.TempDir()
	gobox := buildGobox(t, root)
	out, err := exec.Command(gobox, "--list").Output()
	if err != nil {
		t.Fatalf("gobox --list: %v", err)
	}
	applets := strings.Fields(string(out))
	// One directory of links per implementation; each case's bin is a
	// symlink to it, so paths (PATH, which's output) are the same.
	bins := map[string]string{gobox: filepath.Join(root, "bin-gobox"), busybox: filepath.Join(root, "bin-busybox")}
	for impl, dir := range bins {
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, a := range applets {
			if err := os.Symlink(impl, filepath.Join(dir, a)); err != nil {
				t.Fatal(err)
			}
		}
	}
	ts := &templates{root: filepath.Join(root, "templates"), m: map[string]*template{}}
	for _, c := range cases {
		name := fmt.Sprintf("L%d_%s", c.line, c.run)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(root, "c"+strconv.Itoa(c.line))
			g := runCase(t, c, dir, bins[gobox], ts)
			b := runCase(t, c, dir, bins[busybox], ts)
			diff := compare(g, b)
			switch {
			case diff != "" && c.expectDiff == "":
				t.Errorf("line %d: setup: %s\nrun: %s\n%s", c.line, c.setup, c.run, diff)
			case diff == "" && c.expectDiff != "":
				t.Errorf("line %d: marked expect-diff (%s) but gobox and busybox now agree; drop the mark", c.line, c.expectDiff)
			}
		})
	}
}

type result struct {
	stdout, stderr string
	code           int
	tree           string
}

func compare(g, b result) string {
	var s strings.Builder
	if g.code != b.code {
		fmt.Fprintf(&s, "status: gobox %d, busybox %d\n", g.code, b.code)
	}
	if g.stdout != b.stdout {
		fmt.Fprintf(&s, "stdout:\n gobox:   %q\n busybox: %q\n", g.stdout, b.stdout)
	}
	if g.stderr != b.stderr {
		fmt.Fprintf(&s, "stderr:\n gobox:   %q\n busybox: %q\n", g.stderr, b.stderr)
	}
	if g.tree != b.tree {
		fmt.Fprintf(&s, "tree:\n gobox:\n%s busybox:\n%s", g.tree, b.tree)
	}
	return s.String()
}

// shellBuiltins are bash builtins that are also applets; the run disables
// them so the binary under test runs instead.
const shellBuiltins = "enable -n echo printf test [ pwd true false\n"

const hostPath = "/usr/sbin:/usr/bin:/sbin:/bin"

// env is the environment of setups and runs, without PATH.
func env(home string) []string {
	return []string{"TZ=UTC", "LC_ALL=C", "COLUMNS=80", "HOME=" + home, "USER=root", "LOGNAME=root"}
}

// templates prepares each distinct setup once; runs get copies.
type templates struct {
	root string
	mu   sync.Mutex
	m    map[string]*template
}

type template struct {
	once sync.Once
	dir  string
	err  string
}

// get returns the directory holding setup's result, running it first if
// no other case has.
func (ts *templates) get(t *testing.T, setup string) string {
	ts.mu.Lock()
	tp := ts.m[setup]
	if tp == nil {
		tp = &template{dir: filepath.Join(ts.root, "t"+strconv.Itoa(len(ts.m)), "w")}
		ts.m[setup] = tp
	}
	ts.mu.Unlock()
	tp.once.Do(func() {
		home := filepath.Join(filepath.Dir(tp.dir), "home")
		for _, d := range []string{tp.dir, home} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				tp.err = err.Error()
				return
			}
		}
		if setup != "" {
			r := sh(t, setup, tp.dir, append(env(home), "PATH="+hostPath), "")
			if r.code != 0 {
				tp.err = fmt.Sprintf("setup failed (%d): %s%s", r.code, r.stdout, r.stderr)
				return
			}
		}
		if err := fixTimes(tp.dir); err != nil {
			tp.err = err.Error()
		}
	})
	if tp.err != "" {
		t.Fatal(tp.err)
	}
	return tp.dir
}

// runCase prepares dir (bin linking to bindir, w/ a copy of the setup's
// template, home/) and runs c.run in dir/w.
func runCase(t *testing.T, c testCase, dir, bindir string, ts *templates) result {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	bin, work, home := filepath.Join(dir, "bin"), filepath.Join(dir, "w"), filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(bindir, bin); err != nil {
		t.Fatal(err)
	}
	if err := copyTree(ts.get(t, c.setup), work); err != nil {
		t.Fatal(err)
	}
	r := sh(t, shellBuiltins+c.run, work, append(env(home), "PATH="+bin+":"+hostPath), c.stdin)
	r.stdout, r.stderr = normalise(r.stdout), normalise(r.stderr)
	if c.tree {
		r.tree = snapshot(t, work)
	}
	return r
}

// copyTree copies the tree at src to dst with modes, owners, times, hard
// links, symlinks and fifos.
func copyTree(src, dst string) error {
	type inode struct{ dev, ino uint64 }
	links := map[inode]string{}
	var dirs []string // to finish after their contents, deepest first
	err := walkNoAtime(src, func(p string) error {
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		var st unix.Stat_t
		if err := unix.Lstat(p, &st); err != nil {
			return err
		}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFDIR:
			dirs = append(dirs, rel)
			return os.Mkdir(to, 0o700)
		case unix.S_IFREG:
			if st.Nlink > 1 {
				key := inode{st.Dev, st.Ino}
				if first, ok := links[key]; ok {
					return os.Link(first, to)
				}
				links[key] = to
			}
			if err := copyFile(p, to, &st); err != nil {
				return err
			}
		case unix.S_IFLNK:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			// readlink updates the template link's atime (there is no
			// O_NOATIME for it); put it back, or later copies would
			// differ from earlier ones (ls -u).
			if err := setTimes(p, &st); err != nil {
				return err
			}
			if err := os.Symlink(target, to); err != nil {
				return err
			}
			if err := unix.Lchown(to, int(st.Uid), int(st.Gid)); err != nil {
				return err
			}
			return setTimes(to, &st)
		default:
			if err := unix.Mknod(to, st.Mode, int(st.Rdev)); err != nil {
				return err
			}
		}
		return setAttrs(to, &st)
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		var st unix.Stat_t
		if err := unix.Lstat(filepath.Join(src, dirs[i]), &st); err != nil {
			return err
		}
		if err := setAttrs(filepath.Join(dst, dirs[i]), &st); err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the regular file src to dst; a file with no data blocks
// (made by truncate) stays sparse.
func copyFile(src, dst string, st *unix.Stat_t) error {
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer out.Close()
	if st.Blocks == 0 {
		return out.Truncate(st.Size)
	}
	// O_NOATIME: reading must not change the template's atime, which
	// later copies take.
	fd, err := unix.Open(src, unix.O_RDONLY|unix.O_NOATIME|unix.O_CLOEXEC, 0)
	if err != nil {
		return err
	}
	in := os.NewFile(uintptr(fd), src)
	defer in.Close()
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	return out.Close()
}

// walkNoAtime calls fn for p and, if p is a directory, everything under
// it, parents first. Directories are read with O_NOATIME so the template's
// times stay as they were.
func walkNoAtime(p string, fn func(string) error) error {
	if err := fn(p); err != nil {
		return err
	}
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_NOATIME|unix.O_CLOEXEC, 0)
	if err == unix.ENOTDIR || err == unix.ELOOP {
		return nil
	} else if err != nil {
		return err
	}
	f := os.NewFile(uintptr(fd), p)
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, n := range names {
		if err := walkNoAtime(filepath.Join(p, n), fn); err != nil {
			return err
		}
	}
	return nil
}

// setAttrs gives p st's owner, mode (after chown, which clears set-id
// bits) and times.
func setAttrs(p string, st *unix.Stat_t) error {
	if err := unix.Lchown(p, int(st.Uid), int(st.Gid)); err != nil {
		return err
	}
	if err := unix.Chmod(p, st.Mode&0o7777); err != nil {
		return err
	}
	return setTimes(p, st)
}

func setTimes(p string, st *unix.Stat_t) error {
	ts := []unix.Timespec{st.Atim, st.Mtim}
	return unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW)
}

func sh(t *testing.T, script, dir string, env []string, stdin string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var o, e bytes.Buffer
	start := func(flags uintptr) (*exec.Cmd, error) {
		cmd := exec.CommandContext(ctx, "bash", "--norc", "--noprofile", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		cmd.Stdin = strings.NewReader(stdin)
		cmd.Stdout, cmd.Stderr = &o, &e
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Cloneflags: flags}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		return cmd, cmd.Start()
	}
	// A UTS namespace of its own where allowed, so that a case can't
	// change the machine's host name (where it is not allowed, neither
	// is sethostname).
	cmd, err := start(syscall.CLONE_NEWUTS)
	if errors.Is(err, syscall.EPERM) {
		cmd, err = start(0)
	}
	if err == nil {
		err = cmd.Wait()
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("bash -c %q: %v", script, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("bash -c %q: timed out", script)
	}
	return result{stdout: o.String(), stderr: e.String(), code: code}
}

// recent reports whether t is "just now": set by the run or the setup
// rather than deliberately.
func recent(t time.Time) bool { return time.Since(t) < time.Hour }

// fixTimes gives every entry under dir whose mtime is recent the fixed
// time, so listings are stable.
func fixTimes(dir string) error {
	ts := []unix.Timespec{unix.NsecToTimespec(fixedTime.UnixNano()), unix.NsecToTimespec(fixedTime.UnixNano())}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if recent(fi.ModTime()) {
			return unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW)
		}
		return nil
	})
}

// snapshot describes the tree under dir, one line per entry.
func snapshot(t *testing.T, dir string) string {
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		st := fi.Sys().(*syscall.Stat_t)
		mtime := "now"
		if !recent(fi.ModTime()) {
			mtime = fi.ModTime().UTC().Format(time.RFC3339Nano)
		}
		desc := fmt.Sprintf("%s %s %d:%d", rel, fi.Mode().String(), st.Uid, st.Gid)
		switch {
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" size=%d links=%d sha=%x", fi.Size(), st.Nlink, sha256.Sum256(data))
			desc += " mtime=" + mtime
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			desc += " -> " + target
		case fi.IsDir():
			desc += " mtime=" + mtime
		default:
			desc += fmt.Sprintf(" rdev=%d", st.Rdev)
		}
		lines = append(lines, "  "+desc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// normalise rewrites what must differ between gobox and Debian's BusyBox:
// the usage banner and glibc's getopt wording (to musl's).
func normalise(s string) string {
	if !strings.Contains(s, "multi-call binary.") && !strings.Contains(s, "option") {
		return s
	}
	for _, r := range []struct{ re, repl string }{
		{`(?m)^(BusyBox v\S+ \([^)]*\)|gobox \S+) multi-call binary\.$`, "BANNER multi-call binary."},
		{`(?m)^(.*): invalid option -- '(.)'$`, "$1: unrecognized option: $2"},
		{`(?m)^(.*): option requires an argument -- '(.)'$`, "$1: option requires an argument: $2"},
		{`(?m)^(.*): unrecognized option '--([^']*)'$`, "$1: unrecognized option: $2"},
		{`(?m)^(.*): option '--([^'=]*)' requires an argument$`, "$1: option requires an argument: $2"},
		{`(?m)^(.*): option '--([^'=]*)' doesn't allow an argument$`, "$1: option does not take an argument: $2"},
		{`(?m)^(.*): option '--([^'=]*)=[^']*' doesn't allow an argument$`, "$1: option does not take an argument: $2"},
		{`(?m)^(.*): option '--([^']*)' is ambiguous.*$`, "$1: option is ambiguous: $2"},
	} {
		s = regexp.MustCompile(r.re).ReplaceAllString(s, r.repl)
	}
	return s
}
