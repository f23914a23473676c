package sort

import (
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	stdsort "sort"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// withRuns is sort with runs of at most size bytes.
func withRuns(size int) *applet.Applet {
	a := Applet
	a.Main = func(ctx *applet.Ctx, args []string) error { return sortMain(ctx, args, size) }
	return &a
}

// testInput is n lines of three fields (a number, a word, a month) and
// some duplicates, the same every time.
func testInput(n int) string {
	rng := rand.New(rand.NewSource(1))
	words := []string{"apple", "Banana", "cherry", "date", "Elder", "fig", "grape", " kiwi", "lemon"}
	months := []string{"jan", "Feb", "MAR", "apr", "xyz", "dec"}
	var b strings.Builder
	for i := range n {
		if i%17 == 0 && i > 0 {
			b.WriteString("dup line\n")
			continue
		}
		fmt.Fprintf(&b, "%d %s %s %d.%d%s\n", rng.Intn(1000)-500, words[rng.Intn(len(words))],
			months[rng.Intn(len(months))], rng.Intn(20), rng.Intn(20), []string{"", "K", "M", "k"}[rng.Intn(4)])
	}
	return b.String()
}

// TestRuns sorts inputs larger than the run size, so that they go
// through temporary runs and merges (more runs than one merge reads, for
// the smallest size), and checks that the output is what sorting in
// memory gives, for the options that matter to runs and merges: order,
// stability, duplicates, keys, NUL-terminated lines. Nothing is left in
// TMPDIR.
func TestRuns(t *testing.T) {
	input := testInput(1500)
	zinput := strings.ReplaceAll(input, "\n", "\x00")
	for _, args := range [][]string{
		nil, {"-r"}, {"-n"}, {"-u"}, {"-ru"}, {"-s", "-k2,2"}, {"-s", "-r", "-k2,2"},
		{"-k3,3M", "-k1,1nr"}, {"-u", "-k2,2f"}, {"-s", "-u", "-k2,2"}, {"-g", "-k4"}, {"-h", "-k4"},
		{"-V", "-k4"}, {"-b", "-k2,2", "-k1,1n"}, {"-t", " ", "-k2.2,2.4"}, {"-z"}, {"-zu", "-k2,2"},
	} {
		in := input
		if len(args) > 0 && strings.HasPrefix(args[0], "-z") {
			in = zinput
		}
		want := applettest.Cmd{Args: args, Stdin: in, Env: []string{"TMPDIR=/nonexistent"}}.Run(t, withRuns(1<<30))
		if want.Code != 0 || want.Stderr != "" {
			t.Fatalf("sort %q in memory: %d %q", args, want.Code, want.Stderr)
		}
		for _, size := range []int{200, 5000} {
			tmp := t.TempDir()
			got := applettest.Cmd{Args: args, Stdin: in, Env: []string{"TMPDIR=" + tmp}}.Run(t, withRuns(size))
			if got.Code != 0 || got.Stderr != "" || got.Stdout != want.Stdout {
				t.Errorf("sort %q with runs of %d bytes: status %d, stderr %q, output differs: %v",
					args, size, got.Code, got.Stderr, got.Stdout != want.Stdout)
			}
			if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
				t.Errorf("sort %q with runs of %d bytes left %d files in TMPDIR", args, size, len(ents))
			}
		}
	}
}

// TestRunsAreWritten shows that the runs of TestRuns really go to
// TMPDIR (-T DIR when given): where it cannot create files, sort fails
// with runs and not without.
func TestRunsAreWritten(t *testing.T) {
	input := testInput(500)
	for _, tc := range []struct {
		size   int
		args   []string
		env    string
		stderr string
		code   int
	}{
		{1 << 30, nil, "TMPDIR=/nonexistent", "", 0},
		{1000, nil, "TMPDIR=/nonexistent", "sort: can't create temporary file: No such file or directory\n", 2},
		{1000, []string{"-T", "/nonexistent"}, "TMPDIR=" + t.TempDir(), "sort: can't create temporary file: No such file or directory\n", 2},
		{1000, []string{"-T", t.TempDir()}, "TMPDIR=/nonexistent", "", 0},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: input, Env: []string{tc.env}}.Run(t, withRuns(tc.size))
		if r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("sort %q, runs of %d, %s: %q %d, want %q %d", tc.args, tc.size, tc.env, r.Stderr, r.Code, tc.stderr, tc.code)
		}
	}
}

// TestRelativeTempDir: -T DIR (like TMPDIR) is relative to the Ctx's
// directory, not the process's.
func TestRelativeTempDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "tmp"), 0o755); err != nil {
		t.Fatal(err)
	}
	input := testInput(500)
	want := applettest.Cmd{Stdin: input}.Run(t, &Applet).Stdout
	for _, c := range []applettest.Cmd{
		{Args: []string{"-T", "tmp"}, Dir: dir, Stdin: input, Env: []string{"TMPDIR=/nonexistent"}},
		{Dir: dir, Stdin: input, Env: []string{"TMPDIR=tmp"}},
	} {
		if r := c.Run(t, withRuns(1000)); r.Stdout != want || r.Code != 0 {
			t.Errorf("sort %q, %q, in %s: status %d %q", c.Args, c.Env, dir, r.Code, r.Stderr)
		}
	}
}

// TestSortIndependent checks sort against sorting done another way: Go's
// sort of the lines, and of their numbers.
func TestSortIndependent(t *testing.T) {
	input := testInput(2000)
	lines := strings.Split(strings.TrimSuffix(input, "\n"), "\n")
	plain := append([]string(nil), lines...)
	stdsort.Strings(plain)
	numeric := append([]string(nil), lines...)
	num := func(s string) float64 {
		f, _, _ := strings.Cut(s, " ")
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return 0 // "dup line": atof gives 0
		}
		return v
	}
	stdsort.SliceStable(numeric, func(i, j int) bool { return numeric[i] < numeric[j] })
	stdsort.SliceStable(numeric, func(i, j int) bool { return num(numeric[i]) < num(numeric[j]) })
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, plain},
		{[]string{"-n"}, numeric},
	} {
		for _, size := range []int{1 << 30, 3000} {
			tmp := t.TempDir()
			r := applettest.Cmd{Args: tc.args, Stdin: input, Env: []string{"TMPDIR=" + tmp}}.Run(t, withRuns(size))
			if want := strings.Join(tc.want, "\n") + "\n"; r.Stdout != want || r.Code != 0 {
				t.Errorf("sort %q (runs of %d): wrong output, status %d", tc.args, size, r.Code)
			}
		}
	}
}

// TestBoundedMemory sorts 8 MB through runs of 256 KB: what sort
// allocates in all stays well below the input's size, since the batch,
// the recs and the readers are reused from run to run.
func TestBoundedMemory(t *testing.T) {
	input := testInput(450000)
	if len(input) < 8<<20 {
		t.Fatalf("input of %d bytes, want 8 MB", len(input))
	}
	tmp := t.TempDir()
	a := withRuns(256 << 10)
	ctx := &applet.Ctx{Stdin: strings.NewReader(input), Stdout: io.Discard, Stderr: io.Discard, Env: []string{"TMPDIR=" + tmp}}
	var code int
	_, bytes := applettest.Allocated(func() { code = applet.Run(ctx, a, nil) })
	if code != 0 {
		t.Fatalf("status %d", code)
	}
	if bytes > uint64(len(input))/2 {
		t.Errorf("allocated %d bytes sorting %d bytes through runs of 256 KB", bytes, len(input))
	}
	if testing.Verbose() {
		t.Logf("allocated %d bytes sorting %d bytes through runs of 256 KB", bytes, len(input))
	}
}

// TestOutputFile covers -o: the output may be an input (also when the
// input went through runs), is created with the Ctx's umask, and a
// failure to open it is reported with sort's status 2.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	input := testInput(1000)
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	want := applettest.Cmd{Args: []string{"in"}, Dir: dir}.Run(t, &Applet).Stdout
	r := applettest.Cmd{Args: []string{"-o", "in", "in"}, Dir: dir, Env: []string{"TMPDIR=" + t.TempDir()}}.Run(t, withRuns(2000))
	got, _ := os.ReadFile(in)
	if r.Code != 0 || string(got) != want {
		t.Errorf("sort -o in in through runs: status %d %q, output right: %v", r.Code, r.Stderr, string(got) == want)
	}
	mask := uint32(0o027)
	r = applettest.Cmd{Args: []string{"-o", "new", "in"}, Dir: dir, Umask: &mask}.Run(t, &Applet)
	if st, err := os.Stat(filepath.Join(dir, "new")); err != nil || st.Mode().Perm() != 0o640 || r.Code != 0 {
		t.Errorf("sort -o new with umask 027: %v %v, status %d", st.Mode(), err, r.Code)
	}
	r = applettest.Cmd{Args: []string{"-o", ".", "in"}, Dir: dir}.Run(t, &Applet)
	if r.Stderr != "sort: can't open '.': Is a directory\n" || r.Code != 2 {
		t.Errorf("sort -o .: %q %d", r.Stderr, r.Code)
	}
}

// TestWriteError: a failed write is BusyBox's fflush_stdout_and_exit,
// with sort's status 2, in memory and after a merge.
func TestWriteError(t *testing.T) {
	input := testInput(1000)
	for _, size := range []int{1 << 30, 2000} {
		r := applettest.Cmd{Stdin: input, Stdout: applettest.Full(), Env: []string{"TMPDIR=" + t.TempDir()}}.Run(t, withRuns(size))
		if r.Stderr != "sort: standard output: No space left on device\n" || r.Code != 2 {
			t.Errorf("sort (runs of %d) to a full disk: %q %d", size, r.Stderr, r.Code)
		}
	}
}

// TestStrtod checks the number reader of -n and -g against what musl's
// strtod reads.
func TestStrtod(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		in string
		v  float64
		n  int
	}{
		{"12", 12, 2}, {"  -3.5e2x", -350, 8}, {"+.5", 0.5, 3}, {"5.", 5, 2}, {"1e", 1, 1}, {"1e+", 1, 1},
		{"0x1A", 26, 4}, {"0x1p3", 8, 5}, {"0x.8", 0.5, 4}, {"0xg", 0, 1}, {"-0x", 0, 2}, {"abc", 0, 0},
		{"-", 0, 0}, {".", 0, 0}, {"", 0, 0}, {"INF", inf, 3}, {"-Infinity!", -inf, 9},
		{"infin", inf, 3}, {"1e999", inf, 5}, {"123456789012345678", 123456789012345678, 18},
	} {
		v, n := strtod([]byte(tc.in))
		if v != tc.v || n != tc.n {
			t.Errorf("strtod(%q) = %v, %d; want %v, %d", tc.in, v, n, tc.v, tc.n)
		}
	}
	for _, tc := range []struct {
		in string
		n  int
	}{{"nan", 3}, {"-NaN(12)x", 8}, {"nan(", 3}, {"nan(a b)", 3}} {
		if v, n := strtod([]byte(tc.in)); v == v || n != tc.n {
			t.Errorf("strtod(%q) = %v, %d; want NaN, %d", tc.in, v, n, tc.n)
		}
	}
}

// TestStrverscmp checks -V's comparison with cases worked out from
// musl's strverscmp.
func TestStrverscmp(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		sign int
	}{
		{"a9", "a10", -1}, {"a1.2", "a1.10", -1}, {"001", "01", -1}, {"01", "1", -1}, {"1.0", "1", 1},
		{"x0a", "x00", 1}, {"abc", "abc", 0}, {"a", "b", -1}, {"10", "9", 1}, {"09", "9", -1},
	} {
		c := strverscmp([]byte(tc.a), []byte(tc.b))
		if c > 0 {
			c = 1
		} else if c < 0 {
			c = -1
		}
		if c != tc.sign {
			t.Errorf("strverscmp(%q, %q) = %d, want sign %d", tc.a, tc.b, c, tc.sign)
		}
	}
}

// BenchmarkSort sorts a million lines (about 15 MB) of random numbers
// and words, in memory and through the default runs, plainly and with
// -n and a key.
func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var sb strings.Builder
	for range 1000000 {
		fmt.Fprintf(&sb, "%d w%d %d\n", rng.Intn(1000000), rng.Intn(100), rng.Intn(1000))
	}
	input := sb.String()
	for _, args := range [][]string{nil, {"-n"}, {"-k2,2", "-k3,3n"}} {
		b.Run(strings.Join(append([]string{"sort"}, args...), " "), func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			for b.Loop() {
				ctx := &applet.Ctx{Stdin: strings.NewReader(input), Stdout: io.Discard, Stderr: io.Discard,
					Env: []string{"TMPDIR=" + b.TempDir()}}
				if code := applet.Run(ctx, &Applet, args); code != 0 {
					b.Fatalf("status %d", code)
				}
			}
		})
	}
}

// TestRecSize keeps the run size's accounting true to the struct.
func TestRecSize(t *testing.T) {
	if n := unsafe.Sizeof(rec{}); n != recSize {
		t.Errorf("a rec takes %d bytes, recSize says %d", n, recSize)
	}
}
