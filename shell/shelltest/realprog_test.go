package shelltest

// Real programs under our sh, against dash (Debian's /bin/sh): BusyBox's
// testsuite runner and an autoconf configure script. Each runs twice at
// once, with /bin/sh being dash and then our sh (binsh_test.go), so every
// shebang line and "sh -c" inside them takes the shell under test too.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// hostPath is the PATH of the real programs.
const hostPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// runLimited runs cmd in its own session, killing the session after limit.
func runLimited(t *testing.T, cmd *exec.Cmd, limit time.Duration) (out []byte, err error) {
	t.Helper()
	var b bytes.Buffer
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := cmd.Start(); err != nil {
		t.Fatalf("%q: %v", cmd.Args, err)
	}
	timer := time.AfterFunc(limit, func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	err = cmd.Wait()
	if !timer.Stop() {
		err = fmt.Errorf("killed after %v", limit)
	}
	return b.Bytes(), err
}

// busyboxSource returns BusyBox's source tree as the conformance harness
// caches it, fetching it through the harness when it is not there yet, or
// skips t.
func busyboxSource(t *testing.T) string {
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Skipf("no cache directory for BusyBox's source: %v", err)
		}
		cache = filepath.Join(home, ".cache")
	}
	src := filepath.Join(cache, "busybox-suite", "busybox-1.35.0")
	if _, err := os.Stat(filepath.Join(src, ".complete")); err == nil {
		return src
	}
	suite, err := filepath.Abs(filepath.Join(repoRoot, "../shared/conformance/busybox-suite"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(suite); err != nil {
		t.Skipf("BusyBox's source is not in %s and the harness that fetches it (%s) is missing", src, suite)
	}
	// The harness fetches the source before it runs anything; one small
	// applet's tests keep the run short.
	cmd := exec.Command(suite, "--only", "testsuite", gobox(t), "true")
	if out, err := runLimited(t, cmd, 5*time.Minute); err != nil {
		if _, serr := os.Stat(filepath.Join(src, ".complete")); serr != nil {
			t.Skipf("BusyBox's source could not be fetched (%v):\n%s", err, out)
		}
	}
	return src
}

// TestRuntest runs BusyBox's testsuite/runtest over the applets gobox
// offers, with dash and with our sh as /bin/sh, and wants the same tests
// to pass.
func TestRuntest(t *testing.T) {
	needRoot(t)
	sh, label := shellUnderTest(t)
	src := busyboxSource(t)
	config, err := filepath.Abs(filepath.Join(repoRoot, "../shared/docs/alpine-3.20-busybox-1.36.1.config"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(config); err != nil {
		t.Skipf("Alpine's BusyBox configuration, which the tests read, is missing: %v", err)
	}
	applets := goboxApplets(t, gobox(t))
	var names []string
	for a := range applets {
		if fi, err := os.Stat(filepath.Join(src, "testsuite", a)); err == nil && fi.IsDir() {
			names = append(names, a)
		} else if _, err := os.Stat(filepath.Join(src, "testsuite", a+".tests")); err == nil {
			names = append(names, a)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Skip("gobox offers no applet that BusyBox's testsuite tests")
	}
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	run := func(name, shell string) (map[string]string, string) {
		bin := filepath.Join(top, name, "bin")
		ts := filepath.Join(bin, "testsuite")
		if err := os.MkdirAll(bin, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := copyFile(gobox(t), filepath.Join(bin, "busybox"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := copyFile(config, filepath.Join(bin, ".config"), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("cp", "-R", filepath.Join(src, "testsuite"), ts).CombinedOutput(); err != nil {
			t.Fatalf("copying the testsuite: %v\n%s", err, out)
		}
		cmd := binshCommand(shell, "-", "", append([]string{"/bin/sh", "./runtest"}, names...)...)
		cmd.Dir = ts
		cmd.Env = []string{"PATH=" + hostPath, "HOME=" + top, "bindir=" + bin, "tsdir=" + ts,
			"ECHO=/bin/echo", "SKIP_KNOWN_BUGS=y", "SKIP_INTERNET_TESTS=y", "SHELL=/bin/sh",
			"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC"}
		out, err := runLimited(t, cmd, 3*time.Minute)
		if err != nil && !bytes.Contains(out, []byte("failure(s) detected")) {
			t.Logf("runtest under %s: %v", name, err)
		}
		res := map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if st, test, ok := strings.Cut(sc.Text(), ": "); ok && (st == "PASS" || st == "FAIL" || st == "SKIPPED" || st == "UNTESTED") {
				res[test] = st
			}
		}
		return res, string(out)
	}
	var dash, ours map[string]string
	var dashOut, oursOut string
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); dash, dashOut = run("dash", "-") }()
	go func() { defer wg.Done(); ours, oursOut = run(label, sh) }()
	wg.Wait()
	count := func(m map[string]string, status string) int {
		n := 0
		for _, st := range m {
			if st == status {
				n++
			}
		}
		return n
	}
	if count(dash, "PASS") == 0 {
		t.Fatalf("no test passed under dash, so the run tests nothing:\n%s", tail(dashOut, 40))
	}
	t.Logf("runtest over %d applets: %d passed, %d failed under dash; %d passed, %d failed under %s",
		len(names), count(dash, "PASS"), count(dash, "FAIL"), count(ours, "PASS"), count(ours, "FAIL"), label)
	// A test's name goes through the shell's echo, and dash's expands
	// backslashes in it: "\t" becomes a tab and "\n" ends dash's line.
	// So names are compared up to a "\n", without other escapes, blanks
	// and control characters. Some test files use what ash has and dash
	// lacks ($'...'): they report nothing under dash. So: every test that
	// passes under dash passes under ours, and nothing fails under ours
	// that does not fail under dash.
	norm := func(name string) string {
		name, _, _ = strings.Cut(name, "\\n")
		var b strings.Builder
		for i := 0; i < len(name); i++ {
			switch c := name[i]; {
			case c == '\\':
				i++
			case c > ' ':
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	dashN, oursN := map[string]string{}, map[string]string{}
	for test, st := range dash {
		dashN[norm(test)] = st
	}
	for test, st := range ours {
		oursN[norm(test)] = st
	}
	var diffs []string
	for test, st := range dashN {
		if st == "PASS" && oursN[test] != "PASS" {
			diffs = append(diffs, fmt.Sprintf("  %s: dash PASS, %s %q", test, label, oursN[test]))
		}
	}
	for test, st := range oursN {
		if st == "FAIL" && dashN[test] != "FAIL" {
			diffs = append(diffs, fmt.Sprintf("  %s: dash %q, %s FAIL", test, dashN[test], label))
		}
	}
	if len(diffs) == 0 {
		return
	}
	sort.Strings(diffs)
	t.Errorf("runtest results differ between dash and %s:\n%s\n%s's output (end):\n%s",
		label, strings.Join(diffs, "\n"), label, tail(oursOut, 60))
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// GNU hello 2.10, Debian's source package "hello" (bookworm).
const (
	helloTarball = "hello_2.10.orig.tar.gz"
	helloSHA256  = "31e066137a962676e89f69d1b65382de95a7ef7d914b8cb956f41ea72e0f516b"
	helloDir     = "hello-2.10"
)

// TestConfigure runs GNU hello's configure with CONFIG_SHELL=/bin/sh, /bin/sh
// being dash and then our sh, in the same build directory path, and wants
// the same files out of config.status (config.h, the Makefiles).
func TestConfigure(t *testing.T) {
	needRoot(t)
	sh, label := shellUnderTest(t)
	for _, tool := range []string{"cc", "make", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing (scripts/ci-deps.sh installs it)", tool)
		}
	}
	fetch, err := filepath.Abs(filepath.Join(repoRoot, "scripts/shellprog/fetch-source.sh"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(fetch, "hello", helloTarball, helloSHA256).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Skipf("GNU hello's source is unavailable (%v): %s", err, msg)
	}
	tarball := strings.TrimSpace(string(out))
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("tar", "-xzf", tarball, "-C", top).CombinedOutput(); err != nil {
		t.Fatalf("unpacking %s: %v\n%s", tarball, err, out)
	}
	build := filepath.Join(top, "build")
	if err := os.Mkdir(build, 0o755); err != nil {
		t.Fatal(err)
	}
	type result struct {
		dir, log string
		err      error
	}
	run := func(name, shell string) result {
		dir := filepath.Join(top, "build-"+name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := binshCommand(shell, dir, build, "/bin/sh", filepath.Join("..", helloDir, "configure"))
		cmd.Env = []string{"PATH=" + hostPath, "HOME=" + top, "CONFIG_SHELL=/bin/sh", "LC_ALL=C", "TZ=UTC"}
		out, err := runLimited(t, cmd, 4*time.Minute)
		return result{dir: dir, log: string(out), err: err}
	}
	var dash, ours result
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); dash = run("dash", "-") }()
	go func() { defer wg.Done(); ours = run(label, sh) }()
	wg.Wait()
	if dash.err != nil {
		t.Fatalf("configure under dash: %v\n%s", dash.err, tail(dash.log, 30))
	}
	if ours.err != nil {
		t.Fatalf("configure under %s: %v\n%s", label, ours.err, tail(ours.log, 30))
	}
	// What config.status wrote, by its own account.
	var files []string
	for _, line := range strings.Split(dash.log, "\n") {
		if f, ok := strings.CutPrefix(line, "config.status: creating "); ok {
			files = append(files, f)
		}
	}
	if len(files) < 2 {
		t.Fatalf("configure under dash created %v, want at least config.h and Makefile:\n%s", files, tail(dash.log, 30))
	}
	for _, f := range files {
		a, err1 := os.ReadFile(filepath.Join(dash.dir, f))
		b, err2 := os.ReadFile(filepath.Join(ours.dir, f))
		switch {
		case err1 != nil:
			t.Errorf("%s under dash: %v", f, err1)
		case err2 != nil:
			t.Errorf("%s under %s: %v", f, label, err2)
		case !bytes.Equal(a, b):
			d, _ := exec.Command("diff", "-u", filepath.Join(dash.dir, f), filepath.Join(ours.dir, f)).CombinedOutput()
			t.Errorf("%s differs between dash and %s:\n%s", f, label, tail(string(d), 40))
		}
	}
	t.Logf("configure wrote the same %d files under dash and %s: %s", len(files), label, strings.Join(files, " "))
}
