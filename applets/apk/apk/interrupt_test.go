package apk

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/apk/index"
	"gobox/internal/apk/installeddb"
	"gobox/internal/applet"
)

// TestMain lets the interruption test run apk as a child process of
// the test binary, which it can SIGKILL at any point.
func TestMain(m *testing.M) {
	if args := os.Getenv("GOBOX_APK_CHILD"); args != "" {
		os.Exit(applet.Main(applet.Table{&Applet}, append([]string{"apk"}, strings.Split(args, "\x1f")...)))
	}
	os.Exit(m.Run())
}

// bulkRepo builds a signed repository of n packages with files files
// each, with the fixtures' generator.
func bulkRepo(t *testing.T, n, files int) string {
	fx := apktest.Fixtures(t)
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 needed by make-test-repo")
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl needed by make-test-repo")
	}
	dir := t.TempDir()
	var spec strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&spec, "package bulk%03d\npkgver = 1.0-r0\npkgdesc = bulk\nurl = https://example.org\nlicense = MIT\n", i)
		if i > 0 {
			fmt.Fprintf(&spec, "depend = bulk%03d\n", i-1)
		}
		fmt.Fprintf(&spec, "dir usr 0755\ndir usr/share 0755\ndir usr/share/bulk%03d 0755\n", i)
		for j := 0; j < files; j++ {
			fmt.Fprintf(&spec, "file usr/share/bulk%03d/f%03d 0644 \"package %d file %d %s\\n\"\n", i, j, i, j, strings.Repeat("x", 200*j))
		}
		spec.WriteString("\n")
	}
	specFile := filepath.Join(dir, "bulk.spec")
	os.WriteFile(specFile, []byte(spec.String()), 0o644)
	out := filepath.Join(dir, "repo")
	cmd := exec.Command(filepath.Join(fx, "make-test-repo"), "build", "--key", filepath.Join(fx, "keys/test/gobox-test@example.org-00000001.rsa"), "--description", "bulk", specFile, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make-test-repo: %v\n%s", err, b)
	}
	return out
}

// runChild runs apk in a child process; kill, if set, is polled while
// it runs and SIGKILLs it once it returns true.
func runChild(t *testing.T, args []string, kill func() bool) (string, bool) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GOBOX_APK_CHILD="+strings.Join(args, "\x1f"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	if kill != nil {
		done := make(chan struct{})
		go func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if kill() {
					cmd.Process.Kill()
					return
				}
			}
		}()
		cmd.Wait()
		close(done)
		killed = cmd.ProcessState.String() == "signal: killed"
	} else {
		cmd.Wait()
	}
	return out.String(), killed
}

// checkConsistent asserts that every file the database names is on
// disk with its recorded checksum, and that no temporary file is left.
func checkConsistent(t *testing.T, root string) int {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "lib/apk/db/installed"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := installeddb.Parse(f, false)
	f.Close()
	if err != nil {
		t.Fatalf("installed database unreadable after interruption: %v", err)
	}
	for _, p := range db.Packages {
		if p.Broken != "" {
			t.Errorf("%s still flagged %q", p.NameVersion(), p.Broken)
		}
		for _, d := range p.Dirs {
			for _, fl := range d.Files {
				b, err := os.ReadFile(filepath.Join(root, d.Path(fl)))
				if err != nil {
					t.Errorf("%s: %v", d.Path(fl), err)
					continue
				}
				sum := sha1.Sum(b)
				if index.EncodeChecksum(sum[:]) != fl.Checksum {
					t.Errorf("%s: checksum differs from the database", d.Path(fl))
				}
			}
		}
	}
	filepath.WalkDir(root, func(p string, de fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(de.Name(), ".apk.") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
	return len(db.Packages)
}

// TestInterrupted kills apk (SIGKILL) at random points of a large
// install and checks that the database stays readable and, after the
// same command and "apk fix", matches the files on disk.
func TestInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("large install")
	}
	const n, files = 20, 15
	repoDir := bulkRepo(t, n, files)
	fx := apktest.Fixtures(t)
	for round := 0; round < 4; round++ {
		root := filepath.Join(t.TempDir(), "root")
		os.MkdirAll(root, 0o755)
		trustTestKey(t, fx, root)
		base := []string{"--root", root, "-X", repoDir, "--no-scripts"}
		add := append(append([]string(nil), base...), "--initdb", "add", fmt.Sprintf("bulk%03d", n-1))
		// Kill once a random number of the package files exist.
		limit := 1 + rand.IntN(n*files-1)
		out, killed := runChild(t, add, func() bool {
			count := 0
			filepath.WalkDir(filepath.Join(root, "usr/share"), func(p string, de fs.DirEntry, err error) error {
				if err == nil && !de.IsDir() {
					count++
				}
				return nil
			})
			return count >= limit
		})
		if !killed {
			t.Logf("round %d: finished before the kill at %d files: %s", round, limit, out)
		}
		// The database is never torn: it parses.
		if b, err := os.ReadFile(filepath.Join(root, "lib/apk/db/installed")); err == nil {
			if _, err := installeddb.Parse(bytes.NewReader(b), false); err != nil {
				t.Fatalf("round %d: torn database: %v", round, err)
			}
		}
		// Recovery: the same command again, then fix.
		out, _ = runChild(t, add, nil)
		out2, _ := runChild(t, append(append([]string(nil), base...), "fix"), nil)
		if got := checkConsistent(t, root); got != n {
			t.Errorf("round %d: %d packages installed, want %d\n%s\n%s", round, got, n, out, out2)
		}
		if !strings.HasSuffix(out2, fmt.Sprintf("MiB in %d packages\n", n)) || !strings.Contains(out2, "OK: ") {
			t.Errorf("round %d: fix said %q", round, out2)
		}
	}
}
