package vi

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applet"
)

// The differential test: each script of keys runs through a pty in
// gobox's vi and in Alpine's BusyBox vi (chrooted in Alpine's
// minirootfs), and the file written, the exit status and the final
// screen (less its status line, which vi clears on exit) must agree.
// What Alpine gave is kept in testdata/alpine.txt, so that the scripts
// still check gobox where the minirootfs or root is missing;
// -vi.update rewrites it from Alpine; -vi.live compares with Alpine live.

var update = flag.Bool("vi.update", false, "rewrite testdata/alpine.txt from Alpine's BusyBox vi")

var live = flag.Bool("vi.live", false, "run Alpine's BusyBox vi beside gobox's and check testdata/alpine.txt against it")

const minirootfs = "../../../../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz"

const noFile = "\x00none"

// script is one editing session: the file before, the keys typed (which
// must end vi), and whether to compare the screen (not when the text
// scrolls: BusyBox skips redraws while input is pending, so where it
// scrolls to depends on timing).
type script struct {
	name     string
	file     string
	keys     string
	noScreen bool
	// status: the keys leave vi running; once it has settled the whole
	// screen, status line included, is compared, then :q! ends it.
	status bool
}

// outcome is what a session left: the file, the status, the screen.
type outcome struct {
	File   string
	Status int
	Screen []string
}

func (o outcome) String() string {
	return fmt.Sprintf("status %d\nfile %q\nscreen:\n%s", o.Status, o.File, strings.Join(o.Screen, "\n"))
}

func readResult(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "file"))
	if err != nil {
		return noFile
	}
	return string(b)
}

func setupDir(t *testing.T, dir string, sc script) {
	t.Helper()
	if sc.file != noFile {
		if err := os.WriteFile(filepath.Join(dir, "file"), []byte(sc.file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "other"), []byte("other 1\nother 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runGobox runs the script in gobox's vi, in-process, on a pty.
func runGobox(t *testing.T, sc script) outcome {
	t.Helper()
	dir := t.TempDir()
	setupDir(t, dir, sc)
	pt := newPtyTerm(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	c := &applet.Ctx{Context: ctx, Stdin: pt.slave, Stdout: pt.slave, Stderr: &stderr, Dir: dir,
		Env: []string{"HOME=" + dir, "PATH=/bin:/usr/bin"}, Umask: 0o22}
	status := make(chan int, 1)
	go func() { status <- applet.Run(c, &Applet, []string{"file"}) }()
	pt.waitReady()
	pt.sendKeys(sc.keys)
	var settled []string
	if sc.status {
		settled = pt.settle()
		pt.sendKeys(esc + ":q!\r")
	}
	var st int
	select {
	case st = <-status:
	case <-time.After(watchdog):
		t.Fatalf("vi did not exit; screen:\n%s", strings.Join(pt.scr.text(), "\n"))
	}
	scr := pt.snapshot()[:termRows-1]
	if sc.status {
		scr = settled
	}
	return outcome{File: readResult(dir), Status: st, Screen: scr}
}

// runAlpine runs the script in Alpine's BusyBox vi in root.
func runAlpine(t *testing.T, root string, sc script) outcome {
	t.Helper()
	dir, err := os.MkdirTemp(filepath.Join(root, "tmp"), "vi")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	setupDir(t, dir, sc)
	pt := newPtyTerm(t)
	cmd := exec.Command("chroot", root, "/bin/sh", "-c", "cd /tmp/"+filepath.Base(dir)+" && exec /bin/busybox vi file")
	cmd.Env = []string{"HOME=/tmp/" + filepath.Base(dir), "PATH=/bin:/usr/bin", "TERM=vt100"}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = pt.slave, pt.slave, pt.slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pt.waitReady()
	pt.sendKeys(sc.keys)
	var settled []string
	if sc.status {
		settled = pt.settle()
		pt.sendKeys(esc + ":q!\r")
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(watchdog):
		cmd.Process.Kill()
		t.Fatalf("busybox vi did not exit; screen:\n%s", strings.Join(pt.scr.text(), "\n"))
	}
	scr := pt.snapshot()[:termRows-1]
	if sc.status {
		scr = settled
	}
	return outcome{File: readResult(dir), Status: cmd.ProcessState.ExitCode(), Screen: scr}
}

// alpineRoot unpacks Alpine's minirootfs, or returns "" when it or the
// privileges to chroot are missing.
func alpineRoot(t *testing.T) string {
	if os.Geteuid() != 0 {
		return ""
	}
	if _, err := os.Stat(minirootfs); err != nil {
		return ""
	}
	root := t.TempDir()
	if out, err := exec.Command("tar", "-xzf", minirootfs, "-C", root).CombinedOutput(); err != nil {
		t.Fatalf("unpacking the minirootfs: %v\n%s", err, out)
	}
	return root
}

// golden reads testdata/alpine.txt: per script name, Alpine's outcome.
func golden(t *testing.T) map[string]outcome {
	b, err := os.ReadFile("testdata/alpine.txt")
	if err != nil {
		return nil
	}
	m := map[string]outcome{}
	for _, rec := range strings.Split(string(b), "\n=== ")[1:] {
		name, body, _ := strings.Cut(rec, "\n")
		var o outcome
		if _, err := fmt.Sscanf(body, "status %d\n", &o.Status); err != nil {
			t.Fatalf("testdata/alpine.txt: %s: %v", name, err)
		}
		_, body, _ = strings.Cut(body, "\nfile ")
		q, body, _ := strings.Cut(body, "\nscreen:\n")
		if _, err := fmt.Sscanf(q, "%q", &o.File); err != nil {
			t.Fatalf("testdata/alpine.txt: %s: file: %v", name, err)
		}
		o.Screen = strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		m[name] = o
	}
	return m
}

func TestAlpine(t *testing.T) {
	// Alpine's vi runs live only to record (-vi.update) or on request
	// (-vi.live): it drops keys that come within 50 ms of an ESC, so on
	// a loaded machine a script can leave it running; the recording is
	// the reference otherwise.
	root := ""
	if *update || *live {
		root = alpineRoot(t)
	}
	want := golden(t)
	if root == "" && want == nil {
		t.Skip("neither Alpine's minirootfs (with root) nor testdata/alpine.txt")
	}
	if *update && root == "" {
		t.Fatal("-vi.update needs Alpine's minirootfs and root")
	}
	var rec strings.Builder
	rec.WriteString("Alpine's BusyBox vi, per script of alpine_test.go (go test -vi.update rewrites it)\n")
	seen := map[string]bool{}
	for _, sc := range scripts() {
		if seen[sc.name] {
			t.Fatalf("two scripts named %s", sc.name)
		}
		seen[sc.name] = true
		t.Run(sc.name, func(t *testing.T) {
			var ref outcome
			if root != "" {
				ref = runAlpine(t, root, sc)
				if w, ok := want[sc.name]; ok && !*update && w.String() != ref.String() {
					t.Errorf("testdata/alpine.txt is stale for %s:\n%s\nAlpine now:\n%s", sc.name, w, ref)
				}
			} else {
				w, ok := want[sc.name]
				if !ok {
					t.Fatal("not in testdata/alpine.txt: record it with go test -vi.update (as root, with ../shared)")
				}
				ref = w
			}
			if *update {
				rec.WriteString("\n=== " + sc.name + "\n" + ref.String() + "\n")
			}
			got := runGobox(t, sc)
			if got.File != ref.File || got.Status != ref.Status {
				t.Errorf("keys %q on %q:\ngot  status %d file %q\nwant status %d file %q", sc.keys, sc.file, got.Status, got.File, ref.Status, ref.File)
			}
			if !sc.noScreen {
				for i := range ref.Screen {
					if i >= len(got.Screen) || got.Screen[i] != ref.Screen[i] {
						t.Errorf("keys %q: screen differs:\ngot:\n%s\nwant:\n%s", sc.keys, strings.Join(got.Screen, "\n"), strings.Join(ref.Screen, "\n"))
						break
					}
				}
			}
		})
	}
	if *update {
		if err := os.WriteFile("testdata/alpine.txt", []byte(rec.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
