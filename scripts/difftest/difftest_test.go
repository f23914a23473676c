// Package difftest is a differential test of gobox against the BusyBox it
// replaces: BusyBox 1.36.1 as Alpine 3.20 builds it.
//
// The reference comes from Alpine's minirootfs, which must lie at
// ../shared/fixtures/alpine/ beside the repository (the test is skipped
// with a message when it is missing). The test unpacks it once, copies the
// gobox under test into it, and runs every case of cases.txt twice: with
// gobox's applets first in PATH, then with Alpine's BusyBox's. Both run
// chrooted in that root (see root_test.go for how), so they see the same
// /etc (Alpine's users and groups), /dev and /proc; the case's own command
// line runs under the host's bash. Both runs use the same fresh directory
// (same path inside the root and out, prepared by the same setup), the same
// environment (TZ=UTC, LC_ALL=C, COLUMNS=80, HOME, USER, LOGNAME, PATH) and
// the same stdin, and must give the same stdout, stderr and exit status,
// and, when the case asks, the same directory tree afterwards (names,
// types, modes, owners, sizes, link counts, symlink targets, content
// hashes, and modification times that are not "just now").
//
// Debian's busybox-static (/usr/bin/busybox, copied into the root when
// installed) is a second reference, for cases that name it: applets
// Alpine's build leaves out (logname). -difftest.ref=debian compares every
// case with it instead, to see where the two builds differ.
//
// cases*.txt, one directive per line ('#' starts a comment line):
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
//	ref: debian       the next case's reference is Debian's BusyBox
//	expect-diff: WHY  the next case is known to differ: a deliberate
//	                  difference (documented in docs/compat), or a known
//	                  defect (the reason starts with "defect"); the test
//	                  fails when it stops differing, so the list stays true
//	run: CMD          one case: CMD runs under bash with the builtins that
//	                  are also applets (echo printf test [ pwd true false)
//	                  disabled, so they resolve to the binary under test;
//	                  "epipe CMD" runs CMD into a pipe whose reader has gone
//	                  and prints its status (see preamble)
//
// A case whose command bash cannot find in either run fails: it would test
// nothing. Each run has a mount and UTS namespace of its own, so hostname
// cases cannot rename the machine. Root is assumed (chroot, mounts, chown,
// mknod); CI runs as root.
//
// Only what must differ is normalised: the usage banner ("BusyBox v1.36.1
// (DATE) multi-call binary." and "gobox VERSION multi-call binary."), the
// time and rate in dd's third statistics line, the PID in bash's report of
// a command killed by a signal, and, against Debian's BusyBox only, glibc's
// getopt wording for option errors (gobox prints musl's, as Alpine's
// BusyBox does).
//
// Run alone: go test ./scripts/difftest/ [-run 'TestDiff/L123'] [-v]
// (-v also shows every expected difference). DIFFTEST_GOBOX=BINARY tests a
// static gobox built beforehand instead of building one.
package difftest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"flag"
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

// fixedTime is the time setup-created files get.
var fixedTime = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

type testCase struct {
	file       string // "" for cases.txt, "-grep" for cases-grep.txt
	line       int
	setup      string
	stdin      string
	tree       bool
	expectDiff string
	ref        string // the reference: "alpine", or "debian" where Alpine has no such applet
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
		case "ref":
			if _, ok := impls[val]; !ok || val == "gobox" {
				t.Fatalf("%s:%d: unknown reference %q", path, n, val)
			}
			next.ref = val
		case "run":
			next.line, next.setup, next.run = n, setup, val
			next.file = strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "cases"), ".txt")
			if *refFlag != "" {
				next.ref = *refFlag
			} else if next.ref == "" {
				next.ref = "alpine"
			}
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

// refFlag makes every case compare with that reference instead of its own
// (Alpine, or what its "ref:" says); expect-diff marks, which describe
// differences from Alpine, are then not checked.
var refFlag = flag.String("difftest.ref", "", "compare every case with this reference (alpine or debian)")

// buildGobox returns the gobox binary under test: $DIFFTEST_GOBOX if set
// (a static binary built beforehand), else one built from ../../cmd/gobox.
func buildGobox(t *testing.T) string {
	if bin := os.Getenv("DIFFTEST_GOBOX"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "gobox")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "../../cmd/gobox")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestDiff(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("the cases assume root (chroot, mounts, chown, mknod, namespaces); CI runs as root")
	}
	if *refFlag != "" && *refFlag != "alpine" && *refFlag != "debian" {
		t.Fatalf("-difftest.ref=%s: want alpine or debian", *refFlag)
	}
	// cases.txt holds the first applets' cases; each later group of
	// applets has its own cases-NAME.txt, read after it in name order.
	// Every file starts with no setup in force.
	files, err := filepath.Glob("cases*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases*.txt: %v", err)
	}
	var cases []testCase
	for _, f := range files {
		cases = append(cases, parseCases(t, f)...)
	}
	e := setupRoot(t, buildGobox(t))
	t.Cleanup(func() {
		if s := e.wrapErrors(); s != "" {
			t.Errorf("the wrapper could not run some commands:\n%s", s)
		}
	})
	ts := &templates{root: filepath.Join(e.top, "templates"), m: map[string]*template{}}
	t.Run("harness", func(t *testing.T) { testHarness(t, e, ts) })
	for _, c := range cases {
		name := fmt.Sprintf("L%d%s_%s", c.line, c.file, c.run)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if e.bins[c.ref] == "" {
				t.Skipf("no %s reference (%s is missing)", c.ref, debianBusybox)
			}
			// Cases of different files may share a line number: the
			// directory is named after both.
			dir := filepath.Join(e.cases, "c"+strconv.Itoa(c.line)+c.file)
			g := runCase(t, c, e, dir, "gobox", ts)
			b := runCase(t, c, e, dir, c.ref, ts)
			if strings.Contains(g.stderr, ": command not found") && strings.Contains(b.stderr, ": command not found") {
				t.Errorf("line %d: bash found no such command in either run, so the case tests nothing:\n%s", c.line, g.stderr)
			}
			diff := compare(g, b, c.ref)
			switch {
			case diff != "" && (c.expectDiff == "" || *refFlag != ""):
				t.Errorf("line %d: setup: %s\nrun: %s\n%s", c.line, c.setup, c.run, diff)
			case diff == "" && c.expectDiff != "" && *refFlag == "":
				t.Errorf("line %d: marked expect-diff (%s) but gobox and %s agree; drop the mark", c.line, c.expectDiff, c.ref)
			case diff != "":
				t.Logf("line %d: expected difference (%s):\nrun: %s\n%s", c.line, c.expectDiff, c.run, diff)
			}
		})
	}
}

// testHarness checks what the comparison cannot: that a run passes status,
// streams and signals through the wrapper unchanged. A wrapper that lost
// them would lose them for gobox and BusyBox alike, and every case would
// still agree.
func testHarness(t *testing.T, e *chrootEnv, ts *templates) {
	for i, tc := range []struct {
		run, stdin     string
		stdout, stderr string
		code           int
	}{
		{run: "false", code: 1},
		{run: "cat; exit 3", stdin: "in\n", stdout: "in\n", code: 3},
		{run: "cat nosuch", stderr: "cat: can't open 'nosuch': No such file or directory\n", code: 1},
		{run: "echo hi >/dev/full", stderr: "echo: write error: No space left on device\n", code: 1},
		{run: "epipe yes; epipe true", stdout: "status 141\nstatus 0\n"},
		{run: "pwd -P | /usr/bin/sed \"s|^$PWD\\$|same|\"; ls -d /bin/busybox", stdout: "same\n/bin/busybox\n"},
		// The applet replaces the wrapper (same PID, Alpine's busybox as its
		// executable) and dies of the signal sent to that PID.
		{run: `sleep 5 & p=$!
			for ((i = 0; i < 100; i++)); do
				e=$(/usr/bin/readlink /proc/$p/exe)
				case $e in */bin/busybox) break;; esac
				/usr/bin/sleep 0.02
			done
			echo "${e##*/}"; kill $p; wait $p; echo $?`, stdout: "busybox\n143\n"},
	} {
		c := testCase{run: tc.run, stdin: tc.stdin}
		r := runCase(t, c, e, filepath.Join(e.cases, "h"+strconv.Itoa(i)), "alpine", ts)
		if r.stdout != tc.stdout || r.stderr != tc.stderr || r.code != tc.code {
			t.Errorf("%s: got %q %q status %d, want %q %q status %d", tc.run, r.stdout, r.stderr, r.code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

type result struct {
	stdout, stderr string
	code           int
	tree           string
}

func compare(g, b result, ref string) string {
	var s strings.Builder
	if g.code != b.code {
		fmt.Fprintf(&s, "status: gobox %d, %s %d\n", g.code, ref, b.code)
	}
	if g.stdout != b.stdout {
		fmt.Fprintf(&s, "stdout:\n gobox:  %q\n %-7s %q\n", g.stdout, ref+":", b.stdout)
	}
	if g.stderr != b.stderr {
		fmt.Fprintf(&s, "stderr:\n gobox:  %q\n %-7s %q\n", g.stderr, ref+":", b.stderr)
	}
	if g.tree != b.tree {
		fmt.Fprintf(&s, "tree:\n gobox:\n%s %s:\n%s", g.tree, ref, b.tree)
	}
	return s.String()
}

// preamble comes before every run: it disables the bash builtins that are
// also applets, so that the binary under test runs instead, and defines
// epipe.
//
// "epipe CMD [ARG]..." runs CMD with its standard output on a pipe whose
// reader has already gone (no race: a fifo is opened at both ends, then
// the reader exits) and prints "status N": 141 when SIGPIPE killed CMD, as
// it kills BusyBox at its first write. The fifo is made by the host's
// mkfifo in $HOME, outside the compared tree.
const preamble = `enable -n echo printf test [ pwd true false
epipe() {
	local f="$HOME/.epipe" s
	/usr/bin/rm -f "$f" && /usr/bin/mkfifo "$f" || return 125
	{ exec 3<"$f"; } &
	exec 5>"$f"
	wait $!
	"$@" >&5
	s=$?
	exec 5>&-
	echo "status $s"
}
`

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

// runCase prepares dir (bin linking to impl's links, w/ a copy of the
// setup's template, home/) and runs c.run in dir/w with impl's applets
// first in PATH.
func runCase(t *testing.T, c testCase, e *chrootEnv, dir, impl string, ts *templates) result {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	bin, work, home := filepath.Join(dir, "bin"), filepath.Join(dir, "w"), filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(e.bins[impl], bin); err != nil {
		t.Fatal(err)
	}
	if err := copyTree(ts.get(t, c.setup), work); err != nil {
		t.Fatal(err)
	}
	cmd := e.command([]string{e.bash, "--norc", "--noprofile", "-c", preamble + c.run})
	r := run(t, cmd, work, append(env(home), "PATH="+bin+":"+hostPath), c.stdin)
	r.stdout, r.stderr = normalise(r.stdout, impl), normalise(r.stderr, impl)
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

// sh runs script under the host's bash, as setups do.
func sh(t *testing.T, script, dir string, env []string, stdin string) result {
	t.Helper()
	return run(t, exec.Command("bash", "--norc", "--noprofile", "-c", script), dir, env, stdin)
}

// run runs cmd in dir with env and stdin, killing its process group when
// it takes more than 10 seconds.
func run(t *testing.T, cmd *exec.Cmd, dir string, env []string, stdin string) result {
	t.Helper()
	var o, e bytes.Buffer
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &o, &e
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	if err := cmd.Start(); err != nil {
		t.Fatalf("%q: %v", cmd.Args, err)
	}
	timedOut := false
	timer := time.AfterFunc(10*time.Second, func() {
		timedOut = true
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	})
	err := cmd.Wait()
	timer.Stop()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%q: %v", cmd.Args, err)
	}
	if timedOut {
		t.Fatalf("%q: timed out", cmd.Args)
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

// normalise rewrites what must differ between gobox and the reference
// impl: the usage banner ("BusyBox v1.36.1 (DATE) multi-call binary." and
// "gobox VERSION multi-call binary."), the time and rate in dd's third
// statistics line, the PID in bash's report of a command killed by a
// signal, and for Debian's BusyBox glibc's getopt wording (to musl's,
// which Alpine's BusyBox and gobox print).
func normalise(s, impl string) string {
	if strings.Contains(s, " copied, ") {
		s = ddTimeRE().ReplaceAllString(s, "$1 S seconds, R/s")
	}
	if strings.Contains(s, "bash: line ") {
		s = jobRE().ReplaceAllString(s, "${1} PID ")
	}
	if !strings.Contains(s, "multi-call binary.") && (impl != "debian" || !strings.Contains(s, "option")) {
		return s
	}
	s = bannerRE().ReplaceAllString(s, "BANNER multi-call binary.")
	if impl != "debian" {
		return s
	}
	for _, r := range []struct{ re, repl string }{
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

var ddTimeRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^([0-9]+ bytes \([^)]*\) copied,) [0-9]+\.[0-9]{6} seconds, [^ ]+/s$`)
})

// jobRE matches the PID in bash's report of a command killed by a signal
// ("bash: line 3:  1234 Killed  CMD"), with the blanks bash pads it with
// to a width of 5, which vary with the PID's length.
var jobRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^(\S*bash: line [0-9]+:) +[0-9]+ `)
})

var bannerRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^(BusyBox v\S+ \([^)]*\)|gobox \S+) multi-call binary\.$`)
})
