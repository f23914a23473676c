package install

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"

	"golang.org/x/sys/unix"
)

func TestInstall(t *testing.T) {
	me, us := strconv.Itoa(os.Getuid()), strconv.Itoa(os.Getgid())
	tests := []struct {
		name   string
		args   []string
		out    string
		errOut string
		code   int
		modes  map[string]uint32 // files (or dirs) that must exist with this mode
	}{
		{name: "copy", args: []string{"f", "g"}, modes: map[string]uint32{"g": 0o755}},
		{name: "mode", args: []string{"-m", "600", "f", "g"}, modes: map[string]uint32{"g": 0o600}},
		{name: "symbolic mode", args: []string{"-m", "go-rx", "f", "g"}, modes: map[string]uint32{"g": 0o700}},
		{name: "into dir", args: []string{"f", "d"}, modes: map[string]uint32{"d/f": 0o755}},
		{name: "-t", args: []string{"-t", "d", "f", "d2/h"}, code: 1, errOut: "install: can't stat 'd2/h': No such file or directory\n",
			modes: map[string]uint32{"d/f": 0o755}},
		{name: "-d", args: []string{"-d", "a/b", "c"}, modes: map[string]uint32{"a": 0o755, "a/b": 0o755, "c": 0o755}},
		{name: "-d mode", args: []string{"-d", "-m", "700", "a/b"}, modes: map[string]uint32{"a": 0o755, "a/b": 0o700}},
		{name: "-D", args: []string{"-D", "f", "x/y/z"}, modes: map[string]uint32{"x/y": 0o755, "x/y/z": 0o755}},
		{name: "-D -t", args: []string{"-D", "-t", "x/y", "f"}, modes: map[string]uint32{"x/y/f": 0o755}},
		{name: "verbose", args: []string{"-v", "f", "g"}, out: "'f' -> 'g'\n"},
		{name: "missing", args: []string{"nope", "g"}, errOut: "install: can't stat 'nope': No such file or directory\n", code: 1},
		{name: "owner", args: []string{"-o", "0", "-g", "0", "f", "g"}, modes: map[string]uint32{"g": 0o755}},
		{name: "unknown user", args: []string{"-o", "no-such-user-xyz", "f", "g"}, errOut: "install: unknown user no-such-user-xyz\n", code: 1},
		{name: "-d -t", args: []string{"-d", "-t", "x", "f"}, code: 1},
		// chown clears setuid and setgid: the mode must be set after
		// the owner, or a setuid program loses its bits silently.
		{name: "setuid", args: []string{"-o", me, "-g", us, "-m", "4755", "f", "g"}, modes: map[string]uint32{"g": 0o4755}},
		{name: "setgid", args: []string{"-o", me, "-g", us, "-m", "2755", "f", "g"}, modes: map[string]uint32{"g": 0o2755}},
		{name: "setuid setgid", args: []string{"-o", me, "-g", us, "-m", "6755", "f", "g"}, modes: map[string]uint32{"g": 0o6755}},
		{name: "setuid owner only", args: []string{"-o", me, "-m", "u+s", "f", "g"}, modes: map[string]uint32{"g": 0o4755}},
		{name: "setgid group only", args: []string{"-g", us, "-m", "g+s", "f", "g"}, modes: map[string]uint32{"g": 0o2755}},
		{name: "setuid -D", args: []string{"-D", "-o", me, "-g", us, "-m", "6755", "f", "x/y/g"},
			modes: map[string]uint32{"x/y": 0o755, "x/y/g": 0o6755}},
		{name: "setuid into dir", args: []string{"-o", me, "-m", "4711", "f", "d"}, modes: map[string]uint32{"d/f": 0o4711}},
		{name: "setgid -d", args: []string{"-d", "-o", me, "-g", us, "-m", "2755", "a/b"}, modes: map[string]uint32{"a": 0o755, "a/b": 0o2755}},
		{name: "usage", args: []string{"f"}, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			os.WriteFile(p("f"), []byte("data"), 0o644)
			os.Mkdir(p("d"), 0o755)
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for f, m := range tt.modes {
				var st unix.Stat_t
				if err := unix.Stat(p(f), &st); err != nil || st.Mode&0o7777 != m {
					t.Errorf("%s: mode %#o (%v), want %#o", f, st.Mode&0o7777, err, m)
				}
			}
		})
	}
}

// TestStrip: -s runs "strip -p FILE" found in the PATH of the applet's
// environment (not the process's), in the applet's directory; a strip
// that cannot run or fails is BusyBox's "strip: No such file or
// directory" (its stale errno), and the mode is still set.
func TestStrip(t *testing.T) {
	bin := t.TempDir()
	script := "#!/bin/sh\necho \"$* in $PWD\" >>" + filepath.Join(bin, "log") + "\nexit ${STRIP_STATUS:-0}\n"
	if err := os.WriteFile(filepath.Join(bin, "strip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	tests := []struct {
		name   string
		env    []string
		args   []string
		log    string
		stderr string
		code   int
	}{
		{"found in ctx PATH", []string{"PATH=" + empty + ":" + bin}, []string{"-s", "-m", "700", "f", "g"}, "-p g in DIR\n", "", 0},
		{"into a directory", []string{"PATH=" + bin}, []string{"-s", "f", "d"}, "-p d/f in DIR\n", "", 0},
		{"strip fails", []string{"PATH=" + bin, "STRIP_STATUS=3"}, []string{"-s", "-m", "700", "f", "g"},
			"-p g in DIR\n", "install: strip: No such file or directory\n", 1},
		{"not in PATH", []string{"PATH=" + empty}, []string{"-s", "-m", "700", "f", "g"}, "", "install: strip: No such file or directory\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(filepath.Join(bin, "log"))
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "f"), []byte("data"), 0o644)
			os.Mkdir(filepath.Join(dir, "d"), 0o755)
			r := applettest.Cmd{Args: tt.args, Dir: dir, Env: tt.env}.Run(t, &Applet)
			if r.Stderr != tt.stderr || r.Code != tt.code {
				t.Errorf("install %q: stderr %q status %d, want %q %d", tt.args, r.Stderr, r.Code, tt.stderr, tt.code)
			}
			log, _ := os.ReadFile(filepath.Join(bin, "log"))
			if want := strings.ReplaceAll(tt.log, "DIR", dir); string(log) != want {
				t.Errorf("install %q: strip ran as %q, want %q", tt.args, log, want)
			}
			if fi, err := os.Stat(filepath.Join(dir, "g")); err == nil && fi.Mode().Perm() != 0o700 {
				t.Errorf("install %q: g has mode %v, want 0700", tt.args, fi.Mode())
			}
		})
	}
}

// TestVerboseWriteError: once -v's output fails, install stops rather
// than go on installing with its report lost.
func TestVerboseWriteError(t *testing.T) {
	dir := t.TempDir()
	args := []string{"-v"}
	for i := range 1000 {
		name := "f" + strconv.Itoa(i)
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
		args = append(args, name)
	}
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	args = append(args, "d")
	var errb bytes.Buffer
	ctx := &applet.Ctx{Context: context.Background(), Dir: dir, Stderr: &errb, Umask: 0o22,
		Stdout: applettest.WriterFunc(func([]byte) (int, error) { return 0, syscall.ENOSPC })}
	code := applet.Run(ctx, &Applet, args)
	done, _ := os.ReadDir(filepath.Join(dir, "d"))
	if code != 1 || errb.String() != "install: write error: No space left on device\n" || len(done) == 0 || len(done) >= 1000 {
		t.Errorf("install -v >full: status %d, stderr %q, %d of 1000 installed; want a stop at the write error", code, errb.String(), len(done))
	}
}
