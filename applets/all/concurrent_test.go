package all

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestConcurrentCtx runs applets side by side in-process, as the shell
// will, each with its own working directory, environment and umask, and
// checks that each saw and applied only its own: a relative path, a
// variable, the mode of what it created. The process's umask is 0 here
// (a shell's may be), so a mode that depends on it would show. Run it
// under -race too.
func TestConcurrentCtx(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	type world struct {
		dir   string
		val   string
		umask os.FileMode
	}
	worlds := []world{
		{t.TempDir(), "one", 0o077},
		{t.TempDir(), "two", 0o022},
		{t.TempDir(), "three", 0o002},
	}
	const rounds = 20
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for _, w := range worlds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				for _, msg := range oneRound(w.dir, w.val, w.umask, i) {
					select {
					case errs <- msg:
					default:
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// oneRound runs one applet after another in dir and returns what went
// wrong.
func oneRound(dir, val string, umask os.FileMode, i int) []string {
	var bad []string
	run := func(stdin string, args ...string) string {
		a := List.Lookup(args[0])
		if a == nil {
			bad = append(bad, "no applet "+args[0])
			return ""
		}
		var out, errb bytes.Buffer
		ctx := &applet.Ctx{
			Context: context.Background(),
			Stdin:   strings.NewReader(stdin),
			Stdout:  &out,
			Stderr:  &errb,
			Dir:     dir,
			Env:     []string{"PATH=/usr/bin:/bin", "WORLD=" + val},
			Umask:   umask,
		}
		if code := applet.Run(ctx, a, args[1:]); code != 0 {
			bad = append(bad, fmt.Sprintf("%s %q in %s: status %d, stderr %q", args[0], args[1:], dir, code, errb.String()))
		}
		return out.String()
	}
	mode := func(name string, want os.FileMode) {
		fi, err := os.Lstat(filepath.Join(dir, name))
		if err != nil {
			bad = append(bad, err.Error())
		} else if fi.Mode().Perm() != want {
			bad = append(bad, fmt.Sprintf("%s/%s: mode %v, want %v (umask %03o)", dir, name, fi.Mode().Perm(), want, umask))
		}
	}
	n := fmt.Sprint(i)
	if got := run("", "pwd"); got != dir+"\n" {
		bad = append(bad, fmt.Sprintf("pwd in %s: %q", dir, got))
	}
	if got := run("", "printenv", "WORLD"); got != val+"\n" {
		bad = append(bad, fmt.Sprintf("printenv WORLD in %s: %q, want %q", dir, got, val))
	}
	run(val+n, "tee", "t"+n)
	mode("t"+n, 0o666&^umask)
	if got := run("", "cat", "t"+n); got != val+n {
		bad = append(bad, fmt.Sprintf("cat t%s in %s: %q, want %q", n, dir, got, val+n))
	}
	run("", "mkfifo", "p"+n)
	mode("p"+n, 0o666&^umask)
	run("", "truncate", "-s", "1", "s"+n)
	mode("s"+n, 0o666&^umask)
	run("", "mkdir", "-m", "=rwx", "d"+n)
	mode("d"+n, 0o777&^umask)
	run("", "mkdir", "-p", "e"+n+"/f")
	mode("e"+n, 0o777&^umask)
	mode("e"+n+"/f", 0o777&^umask)
	run("", "chmod", "=r", "s"+n)
	mode("s"+n, 0o444&^umask)
	return bad
}
