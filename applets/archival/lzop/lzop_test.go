package lzop

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// helloLzo is "hello hello hello hello\n" as Alpine's BusyBox lzop
// writes it (od of `busybox lzop -c a`).
const helloLzo = "\x89LZO\x00\r\n\x1a\n\x10\x10 0\t@\x01\x05\x03\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x10\x94\x00\xc4\x00\x00\x00\x18\x00\x00\x00\x12\x70\xbe\x08\xbb" +
	"\x07hello hell\x2b\x15\x00\x0a\x11\x00\x00\x00\x00\x00\x00"

const hello = "hello hello hello hello\n"

// TestAlpine: outputs, messages and statuses as Alpine's BusyBox gives
// them (run in its chroot with the same files).
func TestAlpine(t *testing.T) {
	files := map[string]string{"a": hello, "a.lzo": helloLzo, "e.lzo": "", "bad.lzo": "not an lzop file\n", "b": helloLzo}
	dirs := []string{"d"}
	applettest.RunAlpineCases(t, &Applet, nil, files, dirs, []applettest.AlpineCase{
		{Args: []string{"-c", "a"}, Stdout: helloLzo},
		{Args: []string{"-c"}, Stdin: hello, Stdout: helloLzo},
		{Args: []string{"-c", "-"}, Stdin: hello, Stdout: helloLzo},
		{Args: []string{"a"}, Stderr: "lzop: can't open 'a.lzo': File exists\n", Code: 1},
		{Args: []string{"-9", "-c", "a"}, Stderr: "lzop: high compression not compiled in\n", Code: 1},
		{Args: []string{"-1", "-7", "-c", "a"}, Stderr: "lzop: high compression not compiled in\n", Code: 1},
		{Args: []string{"-dc", "a.lzo"}, Stdout: hello},
		{Args: []string{"-dc", "a.lzo", "a.lzo"}, Stdout: hello + hello},
		{Args: []string{"-dc", "nope", "a.lzo"}, Stdout: hello, Stderr: "lzop: nope: No such file or directory\n", Code: 1},
		{Args: []string{"-dc", "e.lzo", "a.lzo"}, Stderr: "lzop: short read\n", Code: 1},
		{Args: []string{"-dc", "bad.lzo"}, Stderr: "lzop: bad magic number\n", Code: 1},
		{Args: []string{"-t", "a.lzo"}},
		{Args: []string{"-dt", "a.lzo"}},
		{Args: []string{"-x"}, Stderr: "lzop: unrecognized option: x\n", Code: 1, Usage: true},
	})
	applettest.RunAlpineCases(t, &Unlzop, nil, files, dirs, []applettest.AlpineCase{
		{Args: []string{"-c", "a.lzo"}, Stdout: hello},
		{Args: []string{"-c"}, Stdin: helloLzo, Stdout: hello},
		{Stdin: "xyz", Stderr: "unlzop: short read\n", Code: 1},
		{Args: []string{"a.lzo"}, Stderr: "unlzop: can't open 'a': File exists\n", Code: 1},
		{Args: []string{"-t", "a.lzo"}},
		{Args: []string{"-t", "-v", "a.lzo"}},
		{Args: []string{"-tF", "a.lzo"}},
	})
	applettest.RunAlpineCases(t, &Lzopcat, nil, files, dirs, []applettest.AlpineCase{
		{Args: []string{"a.lzo"}, Stdout: hello},
		{Stdin: helloLzo, Stdout: hello},
		{Args: []string{"-U", "a.lzo"}, Stdout: hello},
		{Args: []string{"a"}, Stderr: "lzopcat: bad magic number\n", Code: 1},
		{Args: []string{"-9", "a.lzo"}, Stdout: hello},
	})
}

func write(t *testing.T, dir, name, data string, mode os.FileMode) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

// TestFiles: files made and kept or removed, with BusyBox's names and
// modes, and -v's line (BusyBox's meaningless percentage included).
func TestFiles(t *testing.T) {
	for _, tc := range []struct {
		a      *applet.Applet
		args   []string
		stderr string
		code   int
		want   map[string]string // name -> content; "" entry absent
		mode   os.FileMode       // of the output
	}{
		{&Applet, []string{"a"}, "", 0, map[string]string{"a": hello, "a.lzo": helloLzo}, 0o640},
		{&Applet, []string{"-U", "a"}, "", 0, map[string]string{"a": "", "a.lzo": helloLzo}, 0o640},
		{&Applet, []string{"-U", "-k", "a"}, "", 0, map[string]string{"a": hello, "a.lzo": helloLzo}, 0o640},
		{&Applet, []string{"-v", "a"}, "a: 4294964996% - replaced with a.lzo\n", 0, map[string]string{"a.lzo": helloLzo}, 0o640},
		{&Applet, []string{"-d", "x.lzo"}, "", 0, map[string]string{"x": hello, "x.lzo": helloLzo}, 0o604},
		{&Unlzop, []string{"-U", "x.lzo"}, "", 0, map[string]string{"x": hello, "x.lzo": ""}, 0o604},
		{&Unlzop, []string{"y"}, "", 0, map[string]string{"y.out": hello, "y": helloLzo}, 0o600},
		{&Unlzop, []string{"-v", "y"}, "y: 4294960196% - replaced with y.out\n", 0, map[string]string{"y.out": hello}, 0o600},
		{&Unlzop, []string{"-f", "z.lzo"}, "", 0, map[string]string{"z": hello}, 0o644},
		{&Unlzop, []string{"z.lzo"}, "unlzop: can't open 'z': File exists\n", 1, map[string]string{"z": "old"}, 0},
		{&Unlzop, []string{"-f", "d.lzo"}, "unlzop: can't open 'd': File exists\n", 1, nil, 0},
		// Damaged input dies and leaves no output (BusyBox leaves what it
		// wrote).
		{&Unlzop, []string{"e.lzo", "x.lzo"}, "unlzop: short read\n", 1, map[string]string{"e": "", "x": ""}, 0},
		{&Applet, []string{"-9", "a"}, "lzop: high compression not compiled in\n", 1, map[string]string{"a.lzo": ""}, 0},
	} {
		dir := t.TempDir()
		write(t, dir, "a", hello, 0o640)
		write(t, dir, "x.lzo", helloLzo, 0o604)
		write(t, dir, "y", helloLzo, 0o600)
		write(t, dir, "z.lzo", helloLzo, 0o644)
		write(t, dir, "z", "old", 0o644)
		write(t, dir, "e.lzo", "", 0o644)
		os.Mkdir(filepath.Join(dir, "d"), 0o755)
		write(t, dir, "d.lzo", helloLzo, 0o644)
		r := applettest.Cmd{Args: tc.args, Dir: dir}.Run(t, tc.a)
		if r.Stdout != "" || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q: %q %q %d", tc.a.Name, tc.args, r.Stdout, r.Stderr, r.Code)
		}
		for name, want := range tc.want {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if want == "" {
				if err == nil {
					t.Errorf("%s %q: %s is there", tc.a.Name, tc.args, name)
				}
				continue
			}
			if string(got) != want {
				t.Errorf("%s %q: %s holds %q", tc.a.Name, tc.args, name, got)
			}
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if e.Name()[0] == '.' {
				t.Errorf("%s %q: temporary %s left", tc.a.Name, tc.args, e.Name())
			}
		}
		if tc.mode != 0 {
			for name, want := range tc.want {
				if want == "" || name == "a" || name == "x.lzo" || name == "y" {
					continue
				}
				if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Mode().Perm() != tc.mode {
					t.Errorf("%s %q: %s mode %v", tc.a.Name, tc.args, name, fi.Mode())
				}
			}
		}
	}
}

// TestUmask: the output gets the input's mode less the umask, set-id
// bits included, as BusyBox's open(O_CREAT, st_mode) gives.
func TestUmask(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.lzo", helloLzo, 0o755|os.ModeSetuid)
	umask := uint32(0o027)
	r := applettest.Cmd{Args: []string{"a.lzo"}, Dir: dir, Umask: &umask}.Run(t, &Unlzop)
	r.Expect(t, "", 0)
	fi, err := os.Stat(filepath.Join(dir, "a"))
	if err != nil || fi.Mode() != 0o750|os.ModeSetuid {
		t.Errorf("mode %v, %v", fi.Mode(), err)
	}
}

// TestWriteErrors: a failed write to stdout ends the run with
// BusyBox's words.
func TestWriteErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a", hello, 0o644)
	write(t, dir, "a.lzo", helloLzo, 0o644)
	for _, tc := range []struct {
		a    *applet.Applet
		args []string
		want string
	}{
		{&Applet, []string{"-c", "a", "a"}, "lzop: write error: No space left on device\n"},
		{&Lzopcat, []string{"a.lzo", "a.lzo"}, "lzopcat: write error: No space left on device\n"},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdout: applettest.Full()}.Run(t, tc.a)
		if r.Stderr != tc.want || r.Code != 1 {
			t.Errorf("%s %q: %q %d", tc.a.Name, tc.args, r.Stderr, r.Code)
		}
	}
}

// TestTerminal: no reading compressed data from a terminal without -f,
// whichever way (BusyBox checks only the input).
func TestTerminal(t *testing.T) {
	_, tty, _ := applettest.Pty(t)
	for _, a := range []*applet.Applet{&Applet, &Unlzop, &Lzopcat} {
		var out, errb bytes.Buffer
		ctx := &applet.Ctx{Stdin: tty, Stdout: &out, Stderr: &errb, Dir: t.TempDir()}
		code := applet.Run(ctx, a, nil)
		want := a.Name + ": compressed data not read from terminal, use -f to force it\n"
		if code != 1 || errb.String() != want || out.Len() != 0 {
			t.Errorf("%s: %d %q", a.Name, code, errb.String())
		}
	}
}

// TestBigRoundTrip: several blocks through the applets both ways.
func TestBigRoundTrip(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789 lzop block boundary test\n"), 30000)
	c := applettest.Cmd{Args: []string{"-c"}, Stdin: string(data)}.Run(t, &Applet)
	if c.Code != 0 || len(c.Stdout) >= len(data)/4 {
		t.Fatalf("%d bytes, %d %q", len(c.Stdout), c.Code, c.Stderr)
	}
	applettest.Cmd{Stdin: c.Stdout}.Run(t, &Lzopcat).Expect(t, string(data), 0)
}
