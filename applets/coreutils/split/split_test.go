package split

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// splitCase is one run of split and what Alpine's BusyBox 1.36.1 left:
// the files it made (beside the inputs n, abc and b), its standard error
// (up to the usage text) and its exit status.
type splitCase struct {
	args   []string
	stdin  string
	files  map[string]string
	stderr string
	code   int
}

func TestAlpine(t *testing.T) {
	for _, tc := range alpineCases {
		dir := t.TempDir()
		var n strings.Builder
		for i := 1; i <= 25; i++ {
			n.WriteString(strconv.Itoa(i) + "\n")
		}
		inputs := map[string]string{"n": n.String(), "abc": "a\nb\nc", "b": "abcdefghij"}
		for name, data := range inputs {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
		stderr, _, _ := strings.Cut(r.Stderr, "gobox ")
		if stderr != tc.stderr || r.Code != tc.code || r.Stdout != "" {
			t.Errorf("split %q: stdout %q, stderr %q, status %d; want stderr %q, status %d", tc.args, r.Stdout, stderr, r.Code, tc.stderr, tc.code)
		}
		entries, _ := os.ReadDir(dir)
		var names, want []string
		for _, e := range entries {
			if _, in := inputs[e.Name()]; in {
				continue
			}
			names = append(names, e.Name())
			data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			if string(data) != tc.files[e.Name()] {
				t.Errorf("split %q: %s holds %q, want %q", tc.args, e.Name(), data, tc.files[e.Name()])
			}
		}
		for name := range tc.files {
			want = append(want, name)
		}
		slices.Sort(want)
		if !slices.Equal(names, want) {
			t.Errorf("split %q made %q, want %q", tc.args, names, want)
		}
	}
}

// TestUmask: the files are made 0666 less the Ctx's umask.
func TestUmask(t *testing.T) {
	dir := t.TempDir()
	mask := uint32(0o027)
	r := applettest.Cmd{Dir: dir, Stdin: "x\n", Umask: &mask}.Run(t, &Applet)
	st, err := os.Stat(filepath.Join(dir, "xaa"))
	if err != nil || r.Code != 0 || st.Mode().Perm() != 0o640 {
		t.Errorf("split with umask 027: status %d, %v, mode %v", r.Code, err, st.Mode())
	}
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []splitCase{
	{args: []string{"n"}, stdin: "", files: map[string]string{"xaa": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n21\n22\n23\n24\n25\n"}, stderr: "", code: 0},
	{args: []string{"-l", "7", "n", "p_"}, stdin: "", files: map[string]string{"p_aa": "1\n2\n3\n4\n5\n6\n7\n", "p_ab": "8\n9\n10\n11\n12\n13\n14\n", "p_ac": "15\n16\n17\n18\n19\n20\n21\n", "p_ad": "22\n23\n24\n25\n"}, stderr: "", code: 0},
	{args: []string{"-b", "4", "b"}, stdin: "", files: map[string]string{"xaa": "abcd", "xab": "efgh", "xac": "ij"}, stderr: "", code: 0},
	{args: []string{"-b", "1k", "b", "q"}, stdin: "", files: map[string]string{"qaa": "abcdefghij"}, stderr: "", code: 0},
	{args: []string{"-a", "1", "-l", "10", "n"}, stdin: "", files: map[string]string{"xa": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", "xb": "11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n", "xc": "21\n22\n23\n24\n25\n"}, stderr: "", code: 0},
	{args: []string{"-a", "0", "-l", "10", "n", "z"}, stdin: "", files: map[string]string{"z": "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"}, stderr: "split: suffixes exhausted\n", code: 1},
	{args: []string{"-a", "0", "-l", "2", "n", "z"}, stdin: "", files: map[string]string{"z": "1\n2\n"}, stderr: "split: suffixes exhausted\n", code: 1},
	{args: []string{"-a", "1", "-l", "1", "n"}, stdin: "", files: map[string]string{"xa": "1\n", "xb": "2\n", "xc": "3\n", "xd": "4\n", "xe": "5\n", "xf": "6\n", "xg": "7\n", "xh": "8\n", "xi": "9\n", "xj": "10\n", "xk": "11\n", "xl": "12\n", "xm": "13\n", "xn": "14\n", "xo": "15\n", "xp": "16\n", "xq": "17\n", "xr": "18\n", "xs": "19\n", "xt": "20\n", "xu": "21\n", "xv": "22\n", "xw": "23\n", "xx": "24\n", "xy": "25\n"}, stderr: "", code: 0},
	{args: []string{"-l", "1", "abc"}, stdin: "", files: map[string]string{"xaa": "a\n", "xab": "b\n", "xac": "c"}, stderr: "", code: 0},
	{args: []string{"-l", "0", "abc"}, stdin: "", files: map[string]string{"xaa": "a\nb\nc"}, stderr: "", code: 0},
	{args: []string{"-l", "5", "-b", "3", "abc"}, stdin: "", files: map[string]string{"xaa": "a\nb", "xab": "\nc"}, stderr: "", code: 0},
	{args: []string{"-b", "3", "-l", "5", "abc"}, stdin: "", files: map[string]string{"xaa": "a\nb\nc"}, stderr: "", code: 0},
	{args: []string{"-", "pre"}, stdin: "x\ny\n", files: map[string]string{"preaa": "x\ny\n"}, stderr: "", code: 0},
	{args: []string{}, stdin: "x\ny\n", files: map[string]string{"xaa": "x\ny\n"}, stderr: "", code: 0},
	{args: []string{}, stdin: "", files: map[string]string{}, stderr: "", code: 0},
	{args: []string{"-l", "x", "n"}, stdin: "", files: map[string]string{}, stderr: "split: invalid number 'x'\n", code: 1},
	{args: []string{"-b", "1K", "n"}, stdin: "", files: map[string]string{}, stderr: "split: invalid number '1K'\n", code: 1},
	{args: []string{"-b", "1x", "n"}, stdin: "", files: map[string]string{}, stderr: "split: invalid number '1x'\n", code: 1},
	{args: []string{"-a", "-1", "n"}, stdin: "", files: map[string]string{}, stderr: "split: invalid number '-1'\n", code: 1},
	{args: []string{"n", "a", "b"}, stdin: "", files: map[string]string{}, stderr: "", code: 1},
	{args: []string{"nofile"}, stdin: "", files: map[string]string{}, stderr: "split: can't open 'nofile': No such file or directory\n", code: 1},
}
