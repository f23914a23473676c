package xz

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
	"gobox/internal/xzio"
)

// helloXz and helloLzma are "hello\n" as xz-utils 5.4 writes it.
const (
	helloXz   = "\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46\x02\x00\x21\x01\x16\x00\x00\x00\x74\x2f\xe5\xa3\x01\x00\x05hello\n\x00\x00\x00\xa5\x60\x97\xf1\x94\xf6\xfd\xe0\x00\x01\x1e\x06\xc1\x2f\xa4\x1d\x1f\xb6\xf3\x7d\x01\x00\x00\x00\x00\x04YZ"
	helloLzma = "\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00\x34\x19\x49\xee\x8d\xdd\x3d\x3a\xdf\xff\xff\xdd\x12\x00\x00"
)

func files(t *testing.T, dir string) string {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestCases runs each case in a directory holding h.xz, h.lzma, h.txz
// (all "hello\n"), bad.xz (not xz), cut.xz (truncated) and plain.
func TestCases(t *testing.T) {
	for _, tc := range []struct {
		a      *applet.Applet
		args   []string
		stdin  string
		out    string
		errout string
		code   int
		files  string // the directory afterwards
	}{
		{&Unxz, []string{"h.xz"}, "", "", "", 0, "bad.xz cut.xz h h.lzma h.txz plain"},
		{&Unxz, []string{"-k", "h.xz"}, "", "", "", 0, "bad.xz cut.xz h h.lzma h.txz h.xz plain"},
		{&Unxz, []string{"-c", "h.xz"}, "", "hello\n", "", 0, "bad.xz cut.xz h.lzma h.txz h.xz plain"},
		{&Unxz, []string{"-t", "h.xz"}, "", "", "", 0, "bad.xz cut.xz h.lzma h.txz h.xz plain"},
		{&Unxz, []string{"h.txz"}, "", "", "", 0, "bad.xz cut.xz h.lzma h.tar h.xz plain"},
		{&Unxz, []string{"plain"}, "", "", "unxz: plain: unknown suffix - ignored\n", 1, "bad.xz cut.xz h.lzma h.txz h.xz plain"},
		{&Unxz, []string{"nosuch.xz", "h.xz"}, "", "", "unxz: nosuch.xz: No such file or directory\n", 1, "bad.xz cut.xz h h.lzma h.txz plain"},
		// A failure leaves the input and no output.
		{&Unxz, []string{"cut.xz"}, "", "", "unxz: corrupted data\n", 1, "bad.xz cut.xz h.lzma h.txz h.xz plain"},
		{&Unxz, []string{"bad.xz"}, "", "", "unxz: invalid magic\n", 1, "bad.xz cut.xz h.lzma h.txz h.xz plain"},
		{&Unxz, []string{"-v", "h.xz"}, "", "", "h.xz: 4294966330% - replaced with h\n", 0, "bad.xz cut.xz h h.lzma h.txz plain"},
		{&Unxz, nil, helloXz + helloXz, "hello\nhello\n", "", 0, ""},
		{&Unxz, []string{"-"}, helloXz + "trailing", "hello\n", "", 0, ""},
		{&Xzcat, []string{"h.xz", "h.txz"}, "", "hello\nhello\n", "", 0, "bad.xz cut.xz h.lzma h.txz h.xz plain"},
		{&Xzcat, []string{"cut.xz"}, "", "hel", "xzcat: corrupted data\n", 1, ""},
		// BusyBox: empty input is empty data; a directory is a read error.
		{&Xzcat, []string{"-"}, "", "", "", 0, ""},
		{&Unxz, []string{"-c", "."}, "", "", "unxz: read error\n", 1, ""},
		{&Unlzma, []string{"h.lzma"}, "", "", "", 0, "bad.xz cut.xz h h.txz h.xz plain"},
		{&Unlzma, []string{"-c", "h.xz"}, "", "", "unlzma: bad lzma header\n", 1, ""},
		{&Lzcat, nil, helloLzma, "hello\n", "", 0, ""},
		{&Lzma, []string{"-dc", "h.lzma"}, "", "hello\n", "", 0, ""},
		{&Lzma, []string{"-t", "h.lzma"}, "", "", "", 0, ""},
		{&Applet, []string{"-dk", "h.xz"}, "", "", "", 0, "bad.xz cut.xz h h.lzma h.txz h.xz plain"},
		{&Applet, []string{"h.xz"}, "", "", "xz: h.xz: already has '.xz' suffix, skipping\n", 2, ""},
		{&Applet, []string{"-C", "md5"}, "", "", "xz: unsupported integrity check type 'md5'\n", 1, ""},
		{&Applet, []string{"-T", "x"}, "", "", "xz: invalid number 'x'\n", 1, ""},
	} {
		name := tc.a.Name + " " + strings.Join(tc.args, " ")
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for n, data := range map[string]string{"h.xz": helloXz, "h.txz": helloXz, "h.lzma": helloLzma,
				"bad.xz": "not xz data", "cut.xz": helloXz[:30], "plain": "hello\n"} {
				os.WriteFile(filepath.Join(dir, n), []byte(data), 0o644)
			}
			r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, tc.a)
			if r.Stdout != tc.out || r.Stderr != tc.errout || r.Code != tc.code {
				t.Errorf("got %q, %q, %d; want %q, %q, %d", r.Stdout, r.Stderr, r.Code, tc.out, tc.errout, tc.code)
			}
			if tc.files != "" {
				if got := files(t, dir); got != tc.files {
					t.Errorf("files %q, want %q", got, tc.files)
				}
				for _, out := range []string{"h", "h.tar"} {
					if b, err := os.ReadFile(filepath.Join(dir, out)); err == nil && string(b) != "hello\n" {
						t.Errorf("%s holds %q", out, b)
					}
				}
			}
		})
	}
}

// TestExisting: BusyBox refuses to overwrite without -f.
func TestExisting(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "h.xz"), []byte(helloXz), 0o644)
	os.WriteFile(filepath.Join(dir, "h"), []byte("old"), 0o644)
	applettest.RunIn(t, dir, &Unxz, "h.xz").Expect(t, "", 1)
	if b, _ := os.ReadFile(filepath.Join(dir, "h")); string(b) != "old" {
		t.Errorf("h overwritten without -f: %q", b)
	}
	applettest.RunIn(t, dir, &Unxz, "-f", "h.xz").Expect(t, "", 0)
	if b, _ := os.ReadFile(filepath.Join(dir, "h")); string(b) != "hello\n" {
		t.Errorf("h after -f: %q", b)
	}
}

// TestMode: the output has the input's mode less the umask (BusyBox
// opens it with the input's st_mode).
func TestMode(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "h.xz")
	os.WriteFile(p, []byte(helloXz), 0o666)
	os.Chmod(p, 0o666)
	applettest.RunIn(t, dir, &Unxz, "h.xz").Expect(t, "", 0)
	if fi, err := os.Stat(filepath.Join(dir, "h")); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode: %v, %v", fi.Mode(), err)
	}
}

// TestCompress: xz and lzma compress files and stdin; what they write
// reads back, and the input goes only after success.
func TestCompress(t *testing.T) {
	data := strings.Repeat("compress me\n", 10000)
	for _, tc := range []struct {
		a    *applet.Applet
		args []string
		out  string
	}{
		{&Applet, []string{"f"}, "f.xz"},
		{&Applet, []string{"-9e", "-C", "sha256", "f"}, "f.xz"},
		{&Applet, []string{"-T2", "-0", "f"}, "f.xz"},
		{&Applet, []string{"-C", "none", "-1", "f"}, "f.xz"},
		{&Lzma, []string{"f"}, "f.lzma"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "f"), []byte(data), 0o640)
		os.Chmod(filepath.Join(dir, "f"), 0o640)
		applettest.RunIn(t, dir, tc.a, tc.args...).Expect(t, "", 0)
		if got := files(t, dir); got != tc.out {
			t.Errorf("%s %v: files %q", tc.a.Name, tc.args, got)
			continue
		}
		fi, _ := os.Stat(filepath.Join(dir, tc.out))
		if fi.Mode().Perm() != 0o640 {
			t.Errorf("%s %v: mode %v", tc.a.Name, tc.args, fi.Mode())
		}
		un := &Unxz
		if tc.a == &Lzma {
			un = &Unlzma
		}
		applettest.RunIn(t, dir, un, tc.out).Expect(t, "", 0)
		if b, _ := os.ReadFile(filepath.Join(dir, "f")); string(b) != data {
			t.Errorf("%s %v: round trip gave %d bytes", tc.a.Name, tc.args, len(b))
		}
	}
	r := applettest.Cmd{Stdin: data}.Run(t, &Applet)
	x, err := xzio.NewReader(strings.NewReader(r.Stdout))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := io.ReadAll(x); string(b) != data || err != nil {
		t.Errorf("xz < stdin: %d bytes, %v", len(b), err)
	}
}

// TestDecompressThreads: -T applies to decompression (-T1 one block at
// a time, -T0 one per CPU): the same data, blocks of xz -T's output
// decoded ahead or not; a bad count is refused.
func TestDecompressThreads(t *testing.T) {
	data := strings.Repeat("multi-block data for -T\n", 300000) // 3 blocks at -1
	packed := applettest.Cmd{Args: []string{"-1", "-T3"}, Stdin: data}.Run(t, &Applet)
	for _, threads := range []string{"1", "2", "0"} {
		r := applettest.Cmd{Args: []string{"-dc", "-T", threads}, Stdin: packed.Stdout}.Run(t, &Applet)
		if r.Stdout != data || r.Code != 0 {
			t.Errorf("xz -dc -T%s: %d bytes, status %d", threads, len(r.Stdout), r.Code)
		}
	}
	applettest.Cmd{Args: []string{"-dc", "-T", "x"}, Stdin: packed.Stdout}.Run(t, &Applet).Expect(t, "", 1)
}

// TestWriteErrors: a full disk ends the run with BusyBox's words.
func TestWriteErrors(t *testing.T) {
	for _, tc := range []struct {
		a      *applet.Applet
		args   []string
		stdin  string
		errout string
	}{
		{&Unxz, []string{"-c"}, helloXz, "unxz: write: No space left on device\n"},
		{&Unlzma, []string{"-c"}, helloLzma, "unlzma: write: No space left on device\nunlzma: corrupted data\n"},
		{&Applet, []string{"-c"}, "hello\n", "xz: write error: No space left on device\n"},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: tc.stdin, Stdout: applettest.Full()}.Run(t, tc.a)
		if r.Stderr != tc.errout || r.Code != 1 {
			t.Errorf("%s: %q, %d", tc.a.Name, r.Stderr, r.Code)
		}
	}
}

// TestInterop: files xz-utils makes decompress, and ours decompress with
// xz-utils.
func TestInterop(t *testing.T) {
	if _, err := exec.LookPath("xz"); err != nil {
		t.Skip("xz-utils not installed (scripts/ci-deps.sh)")
	}
	data := bytes.Repeat([]byte("interop 0123456789\n"), 5000)
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	for _, tc := range []struct {
		theirs []string // compress with xz-utils: args
		ours   *applet.Applet
		suffix string
	}{
		{[]string{"xz"}, &Unxz, ".xz"},
		{[]string{"xz", "-T2", "--block-size=10000", "-C", "sha256"}, &Unxz, ".xz"},
		{[]string{"lzma"}, &Unlzma, ".lzma"},
	} {
		os.WriteFile(f, data, 0o644)
		if out, err := exec.Command(tc.theirs[0], append(tc.theirs[1:], f)...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v %s", tc.theirs, err, out)
		}
		applettest.RunIn(t, dir, tc.ours, "f"+tc.suffix).Expect(t, "", 0)
		if b, _ := os.ReadFile(f); !bytes.Equal(b, data) {
			t.Errorf("%v then %s: %d bytes", tc.theirs, tc.ours.Name, len(b))
		}
	}
	for _, tc := range []struct {
		ours   *applet.Applet
		args   []string
		theirs string
		suffix string
	}{
		{&Applet, []string{"f"}, "unxz", ".xz"},
		{&Applet, []string{"-T3", "f"}, "unxz", ".xz"},
		{&Lzma, []string{"f"}, "unlzma", ".lzma"},
	} {
		os.WriteFile(f, data, 0o644)
		applettest.RunIn(t, dir, tc.ours, tc.args...).Expect(t, "", 0)
		if out, err := exec.Command(tc.theirs, f+tc.suffix).CombinedOutput(); err != nil {
			t.Fatalf("%s %v then %s: %v %s", tc.ours.Name, tc.args, tc.theirs, err, out)
		}
		if b, _ := os.ReadFile(f); !bytes.Equal(b, data) {
			t.Errorf("%s %v then %s: %d bytes", tc.ours.Name, tc.args, tc.theirs, len(b))
		}
	}
}
