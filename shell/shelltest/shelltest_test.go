// Package shelltest tests gobox's sh as a whole program, against the shell
// it replaces and with the programs it must run. It holds only tests:
//
//   - TestDifferential runs the corpus (testdata/*.cases, several hundred
//     small scripts grouped by topic; the format is in corpus_test.go)
//     under gobox's sh and under Alpine 3.20's ash (BusyBox 1.36.1), each
//     chrooted in its own copy of Alpine's minirootfs, and compares
//     standard output, standard error and exit status.
//   - TestRuntest and TestConfigure run real programs under gobox's sh and
//     under dash: BusyBox's testsuite/runtest and an autoconf configure
//     script (realprog_test.go).
//   - TestRootfs runs a login shell, a shebang script and sh -c in a chroot
//     of the root filesystem scripts/mkrootfs.sh builds (rootfs_test.go).
//
// The differential test's two roots differ only in /bin/sh and /bin/ash,
// which are links to /bin/gobox in one and to Alpine's /bin/busybox in the
// other, and in the links of the other applets gobox offers, which point to
// /bin/gobox too (-shelltest.applets=alpine keeps Alpine's). So the same
// script sees the same paths, /etc, PATH, environment (baseEnv), working
// directory and $0 under both shells. A case whose shells differ fails,
// unless the case says "expect-diff: WHY" (then it fails when they stop
// differing) or testdata/known-failures.txt lists it, the ratchet of
// defects not yet fixed: a listed case that passes is only reported, and
// -shelltest.update rewrites the list from the run.
//
// It needs root (chroot, namespaces) and ../shared/fixtures/alpine beside
// the repository, and skips with a message otherwise. Useful settings:
//
//	go test ./shell/shelltest -run 'TestDifferential/param/' -v
//	SHELLTEST_LIST=/tmp/fail.txt go test ./shell/shelltest -run TestDifferential
//	    writes every failing case (known or not) compactly, grouped by topic
//	    (-shelltest.list=FILE does the same; "-" logs it)
//	SHELLTEST_DUMP=FILE     writes what Alpine's ash did with every case, for
//	                        whoever writes cases
//	SHELLTEST_GOBOX=BIN     test a gobox built beforehand (static)
//	SHELLTEST_SH=BIN        test another static multicall shell instead of
//	                        gobox (e.g. /usr/bin/busybox, Debian's 1.35);
//	                        SHELLTEST_SH=alpine runs Alpine's ash against
//	                        itself, to find cases that are not deterministic
package shelltest

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[0] == runnerArg0 {
		runnerMain()
	}
	if len(os.Args) > 5 && os.Args[0] == binshArg0 {
		binshMain()
	}
	code := m.Run()
	if goboxOnce.dir != "" {
		os.RemoveAll(goboxOnce.dir)
	}
	os.Exit(code)
}

var (
	updateFlag  = flag.Bool("shelltest.update", false, "rewrite testdata/known-failures.txt from this run's failures")
	listFlag    = flag.String("shelltest.list", "", "write the failing cases to this file (\"-\": the test log); also $SHELLTEST_LIST")
	appletsFlag = flag.String("shelltest.applets", "gobox", "whose applets the shell under test runs: gobox or alpine")
)

// minirootfs is Alpine's minirootfs, relative to the repository root: the
// shared directory lies beside the repository.
const minirootfs = "../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz"

// repoRoot is the repository, from this package's directory.
const repoRoot = "../.."

const knownFile = "testdata/known-failures.txt"

// maxDetailed is how many unexpected differences a run shows in full.
const maxDetailed = 40

// baseEnv is the environment of every case, before its own env: lines.
var baseEnv = []string{"TZ=UTC", "LC_ALL=C", "HOME=/root", "USER=root", "LOGNAME=root", "PATH=" + rootPath}

// needRoot skips t unless the test runs as root.
func needRoot(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root (chroot, mount and PID namespaces); CI runs as root")
	}
}

// fixture returns Alpine's minirootfs, or skips t.
func fixture(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join(repoRoot, minirootfs))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("Alpine's minirootfs, the reference, is missing (%v): the shared directory must lie beside the repository", err)
	}
	return p
}

var goboxOnce struct {
	sync.Once
	dir, path string
	err       error
}

// gobox returns the gobox binary under test: $SHELLTEST_GOBOX, or one
// built (static) from the tree once per test run.
func gobox(t *testing.T) string {
	if bin := os.Getenv("SHELLTEST_GOBOX"); bin != "" {
		p, err := filepath.Abs(bin)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	goboxOnce.Do(func() {
		dir, err := os.MkdirTemp("", "shelltest-gobox-")
		if err != nil {
			goboxOnce.err = err
			return
		}
		goboxOnce.dir, goboxOnce.path = dir, filepath.Join(dir, "gobox")
		cmd := exec.Command("go", "build", "-trimpath", "-o", goboxOnce.path, "./cmd/gobox")
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			goboxOnce.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if goboxOnce.err != nil {
		t.Fatal(goboxOnce.err)
	}
	return goboxOnce.path
}

// shellUnderTest returns the multicall binary whose sh is under test and
// its name: gobox, or $SHELLTEST_SH when it names a binary. It skips t when
// gobox has no sh applet yet.
func shellUnderTest(t *testing.T) (bin, label string) {
	if sh := os.Getenv("SHELLTEST_SH"); sh != "" && sh != "alpine" {
		p, err := filepath.Abs(sh)
		if err != nil {
			t.Fatal(err)
		}
		return p, filepath.Base(sh)
	}
	bin = gobox(t)
	if !goboxApplets(t, bin)["sh"] {
		t.Skipf("%s offers no sh applet yet", bin)
	}
	return bin, "gobox"
}

// goboxApplets returns what bin --list offers.
func goboxApplets(t *testing.T, bin string) map[string]bool {
	out, err := exec.Command(bin, "--list").Output()
	if err != nil {
		t.Fatalf("%s --list: %v", bin, err)
	}
	m := map[string]bool{}
	for _, a := range strings.Fields(string(out)) {
		m[a] = true
	}
	return m
}

// unpack extracts Alpine's minirootfs into dir.
func unpack(t *testing.T, tarball, dir string) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("tar", "-xzf", tarball, "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpacking %s: %v\n%s", tarball, err, out)
	}
}

// testRoot describes the two roots of the differential test.
type testRoot struct {
	ref, test string // Alpine's root, and the root of the shell under test
	label     string // the shell under test's name in reports
}

// setupRoots unpacks the minirootfs twice under a fresh directory and
// installs the shell under test into the second copy.
func setupRoots(t *testing.T) *testRoot {
	needRoot(t)
	tarball := fixture(t)
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	r := &testRoot{ref: filepath.Join(top, "alpine"), test: filepath.Join(top, "test"), label: "gobox"}
	unpack(t, tarball, r.ref)
	unpack(t, tarball, r.test)
	var bin string
	offered := map[string]bool{"sh": true, "ash": true}
	switch sh := os.Getenv("SHELLTEST_SH"); sh {
	case "alpine":
		r.label = "alpine"
	case "":
		bin = gobox(t)
		applets := goboxApplets(t, bin)
		if !applets["sh"] {
			t.Skipf("%s offers no sh applet yet: nothing to compare", bin)
		}
		if *appletsFlag == "gobox" {
			offered = applets
		} else if *appletsFlag != "alpine" {
			t.Fatalf("-shelltest.applets=%s: want gobox or alpine", *appletsFlag)
		}
	default:
		bin, r.label = sh, filepath.Base(sh)
	}
	if bin != "" {
		if err := copyFile(bin, filepath.Join(r.test, "bin/gobox"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := relink(r.test, offered); err != nil {
			t.Fatal(err)
		}
	}
	for _, root := range []string{r.ref, r.test} {
		if err := os.Mkdir(filepath.Join(root, "c"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// relink points every link to /bin/busybox in root's bin directories whose
// name is offered to /bin/gobox instead.
func relink(root string, offered map[string]bool) error {
	for _, d := range []string{"bin", "sbin", "usr/bin", "usr/sbin"} {
		ents, err := os.ReadDir(filepath.Join(root, d))
		if err != nil {
			return err
		}
		for _, e := range ents {
			p := filepath.Join(root, d, e.Name())
			if target, err := os.Readlink(p); err != nil || target != "/bin/busybox" || !offered[e.Name()] {
				continue
			}
			if err := os.Remove(p); err != nil {
				return err
			}
			if err := os.Symlink("/bin/gobox", p); err != nil {
				return err
			}
		}
	}
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, mode)
}

// selectedBy reports whether -run could select the subtest TOPIC/NAME of
// the test named test, so that a filtered run does not run the whole
// corpus. It reads the pattern as go test does, element by element at '/'.
func selectedBy(test, topic, name string) bool {
	f := flag.Lookup("test.run")
	if f == nil || f.Value.String() == "" {
		return true
	}
	parts := strings.Split(f.Value.String(), "/")
	for i, el := range []string{test, topic, name} {
		if i >= len(parts) {
			break
		}
		re, err := regexp.Compile(parts[i])
		if err != nil {
			return true
		}
		if !re.MatchString(el) {
			return false
		}
	}
	return true
}

// verdict is what one case came to.
type verdict struct {
	c        *shCase
	ref, got outcome
	diff     string // "" when the shells agree
}

func TestDifferential(t *testing.T) {
	all, err := loadCorpus("testdata")
	if err != nil {
		t.Fatal(err)
	}
	known, err := readKnown(knownFile)
	if err != nil {
		t.Fatal(err)
	}
	var cases []*shCase
	for _, c := range all {
		if selectedBy("TestDifferential", c.topic, c.name) {
			cases = append(cases, c)
		}
	}
	r := setupRoots(t)
	jobs := make([]job, len(cases))
	for i, c := range cases {
		jobs[i] = c.job("/c/" + strconv.Itoa(i))
	}
	workers := 2 * runtime.NumCPU()
	var ref, got []outcome
	var refErr, gotErr error
	var wg sync.WaitGroup
	wg.Add(2)
	// A shell that hangs in many cases must not hold the suite up for
	// their timeouts one after another.
	const deadline = 240
	go func() {
		defer wg.Done()
		ref, refErr = runBatch(r.ref, batch{Workers: workers, Deadline: deadline, Jobs: jobs})
	}()
	go func() {
		defer wg.Done()
		got, gotErr = runBatch(r.test, batch{Workers: workers, Deadline: deadline, Jobs: jobs})
	}()
	wg.Wait()
	if refErr != nil || gotErr != nil {
		t.Fatalf("running the corpus: %v %v", refErr, gotErr)
	}
	verdicts := make([]verdict, len(cases))
	for i, c := range cases {
		verdicts[i] = verdict{c: c, ref: ref[i], got: got[i], diff: compare(got[i], ref[i], r.label)}
	}
	byTopic := map[string][]verdict{}
	var topics []string
	for _, v := range verdicts {
		if _, ok := byTopic[v.c.topic]; !ok {
			topics = append(topics, v.c.topic)
		}
		byTopic[v.c.topic] = append(byTopic[v.c.topic], v)
	}
	var nowPassing []string
	unexpected := 0
	for _, topic := range topics {
		t.Run(topic, func(t *testing.T) {
			for _, v := range byTopic[topic] {
				t.Run(v.c.name, func(t *testing.T) {
					c := v.c
					where := fmt.Sprintf("%s:%d", c.file, c.line)
					if strings.HasPrefix(v.ref.Err, notRun) || strings.HasPrefix(v.got.Err, notRun) {
						t.Fatalf("%s: %s%s", where, v.ref.Err, v.got.Err)
					}
					if v.ref.Err != "" {
						t.Fatalf("%s: Alpine's ash could not run the case: %s", where, v.ref.Err)
					}
					reason, isKnown := known[c.id()]
					switch {
					case v.diff != "" && c.expectDiff == "" && !isKnown && *updateFlag:
						t.Logf("%s: now listed in %s:\n%s", where, knownFile, v.diff)
					case v.diff != "" && c.expectDiff == "" && !isKnown:
						// The first failures in full; past that one line
						// each, so that a young shell does not drown the log.
						if unexpected++; unexpected > maxDetailed {
							t.Errorf("%s: %s and Alpine's ash differ (SHELLTEST_LIST=FILE lists every difference)", where, r.label)
						} else {
							t.Errorf("%s: %s and Alpine's ash differ:\n%s\n%s", where, r.label, indent(c.script), v.diff)
						}
					case v.diff == "" && c.expectDiff != "":
						t.Errorf("%s: marked expect-diff (%s) but %s and Alpine's ash agree; drop the mark", where, c.expectDiff, r.label)
					case v.diff == "" && isKnown:
						nowPassing = append(nowPassing, c.id())
					case v.diff != "" && isKnown:
						t.Logf("%s: known failure (%s):\n%s", where, reason, v.diff)
					case v.diff != "":
						t.Logf("%s: expected difference (%s):\n%s", where, c.expectDiff, v.diff)
					}
				})
			}
		})
	}
	t.Log(summary(topics, byTopic, known))
	if len(nowPassing) > 0 {
		t.Logf("%d case(s) listed in %s pass now; -shelltest.update drops them: %s", len(nowPassing), knownFile, strings.Join(nowPassing, " "))
	}
	list := *listFlag
	if list == "" {
		list = os.Getenv("SHELLTEST_LIST")
	}
	if list != "" {
		text := failureList(topics, byTopic, known, r.label)
		if list == "-" {
			t.Log("\n" + text)
		} else if err := os.WriteFile(list, []byte(text), 0o644); err != nil {
			t.Error(err)
		}
	}
	if dump := os.Getenv("SHELLTEST_DUMP"); dump != "" {
		if err := os.WriteFile(dump, []byte(dumpRef(verdicts)), 0o644); err != nil {
			t.Error(err)
		}
	}
	if *updateFlag {
		if len(cases) != len(all) {
			t.Fatalf("-shelltest.update needs the whole corpus: run it without a -run filter below TestDifferential")
		}
		if err := writeKnown(knownFile, verdicts, known); err != nil {
			t.Fatal(err)
		}
	}
}

// compare describes how got differs from ref, or returns "".
func compare(got, ref outcome, label string) string {
	var s strings.Builder
	if got.Err != "" {
		fmt.Fprintf(&s, "%s: %s\n", label, got.Err)
	}
	if got.Status != ref.Status {
		fmt.Fprintf(&s, "status: %s %d, alpine %d\n", label, got.Status, ref.Status)
	}
	if got.Stdout != ref.Stdout {
		fmt.Fprintf(&s, "stdout:\n  %-7s %q\n  alpine: %q\n", label+":", got.Stdout, ref.Stdout)
	}
	if got.Stderr != ref.Stderr {
		fmt.Fprintf(&s, "stderr:\n  %-7s %q\n  alpine: %q\n", label+":", got.Stderr, ref.Stderr)
	}
	return s.String()
}

func indent(s string) string {
	return "  | " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  | ")
}

// summary is the table of passes and failures per topic.
func summary(topics []string, byTopic map[string][]verdict, known map[string]string) string {
	var s strings.Builder
	fmt.Fprintf(&s, "\n%-14s %5s %5s %5s %5s\n", "topic", "cases", "pass", "fail", "known")
	var tc, tp, tf, tk int
	for _, topic := range topics {
		var c, p, f, k int
		for _, v := range byTopic[topic] {
			c++
			switch {
			case v.diff == "" || v.c.expectDiff != "":
				p++
			default:
				f++
				if _, ok := known[v.c.id()]; ok {
					k++
				}
			}
		}
		fmt.Fprintf(&s, "%-14s %5d %5d %5d %5d\n", topic, c, p, f, k)
		tc, tp, tf, tk = tc+c, tp+p, tf+f, tk+k
	}
	fmt.Fprintf(&s, "%-14s %5d %5d %5d %5d\n", "total", tc, tp, tf, tk)
	return s.String()
}

// failureList is every failing case, one line each with what differs,
// grouped by topic: the list to hand to whoever fixes them.
func failureList(topics []string, byTopic map[string][]verdict, known map[string]string, label string) string {
	var s strings.Builder
	s.WriteString(summary(topics, byTopic, known))
	for _, topic := range topics {
		for _, v := range byTopic[topic] {
			if v.diff == "" || v.c.expectDiff != "" {
				continue
			}
			fmt.Fprintf(&s, "\nFAIL %s (%s:%d)\n", v.c.id(), v.c.file, v.c.line)
			s.WriteString(indent(v.c.script) + "\n")
			s.WriteString(v.diff)
		}
	}
	return s.String()
}

// dumpRef shows what Alpine's ash did with each case, for whoever writes
// cases (SHELLTEST_DUMP=FILE).
func dumpRef(verdicts []verdict) string {
	var s strings.Builder
	for _, v := range verdicts {
		fmt.Fprintf(&s, "#### %s (%s:%d)\n%s\n", v.c.id(), v.c.file, v.c.line, indent(v.c.script))
		fmt.Fprintf(&s, "  status %d%s\n", v.ref.Status, v.ref.Err)
		if v.ref.Stdout != "" {
			fmt.Fprintf(&s, "  stdout:\n%s\n", indent(v.ref.Stdout))
		}
		if v.ref.Stderr != "" {
			fmt.Fprintf(&s, "  stderr:\n%s\n", indent(v.ref.Stderr))
		}
	}
	return s.String()
}

// readKnown reads the list of known failures: "TOPIC/NAME  # reason" lines.
func readKnown(path string) (map[string]string, error) {
	m := map[string]string{}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return m, nil
	} else if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, "#")
		m[strings.TrimSpace(id)] = strings.TrimSpace(reason)
	}
	return m, nil
}

// writeKnown rewrites the list from this run: every failing case without
// an expect-diff mark, keeping the reasons already written.
func writeKnown(path string, verdicts []verdict, known map[string]string) error {
	var lines []string
	for _, v := range verdicts {
		if v.diff == "" || v.c.expectDiff != "" {
			continue
		}
		reason := known[v.c.id()]
		if reason == "" {
			var what []string
			if v.got.Err != "" {
				what = append(what, "timeout")
			}
			if v.got.Status != v.ref.Status {
				what = append(what, "status")
			}
			if v.got.Stdout != v.ref.Stdout {
				what = append(what, "stdout")
			}
			if v.got.Stderr != v.ref.Stderr {
				what = append(what, "stderr")
			}
			reason = "defect: " + strings.Join(what, ", ") + " differ"
		}
		lines = append(lines, fmt.Sprintf("%-40s # %s", v.c.id(), reason))
	}
	sort.Strings(lines)
	head := "# Corpus cases where gobox's sh and Alpine's ash differ, not yet fixed: the\n" +
		"# differential test's ratchet (see shelltest_test.go). A case listed here\n" +
		"# may fail; one not listed may not. go test ./shell/shelltest\n" +
		"# -run TestDifferential -shelltest.update rewrites it from a run.\n"
	return os.WriteFile(path, []byte(head+strings.Join(lines, "\n")+"\n"), 0o644)
}
