package shelltest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// TestRootfs builds the root filesystem "make rootfs" builds
// (scripts/mkrootfs.sh) around the gobox under test and runs gobox's sh in
// a chroot of it the three ways a system does: a login shell reading
// /etc/profile (and /etc/profile.d, ~/.profile), a script started through
// its #! line, and sh -c.
func TestRootfs(t *testing.T) {
	needRoot(t)
	sh, label := shellUnderTest(t)
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(top, "rootfs")
	mk := exec.Command("scripts/mkrootfs.sh", gobox(t), root)
	mk.Dir = repoRoot
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("mkrootfs.sh: %v\n%s", err, out)
	}
	if label != "gobox" {
		// Another multicall binary stands in for gobox (SHELLTEST_SH).
		if err := copyFile(sh, filepath.Join(root, "bin/gobox"), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(filepath.Join(root, "bin/sh")); err != nil {
			if err := os.Symlink("gobox", filepath.Join(root, "bin/sh")); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, text := range map[string]string{
		"etc/profile.d/zz-shelltest.sh": "PROFILE_D=yes\n",
		"root/.profile":                 "echo \"home profile: $PROFILE_D\"\n",
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(root, "c"), 0o755); err != nil {
		t.Fatal(err)
	}
	login := "echo \"$PATH\"; echo \"${PROFILE_D-unset} $0\"\n"
	loginEnv := []string{"PATH=/nowhere", "HOME=/root", "TZ=UTC", "LC_ALL=C"}
	const profilePath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	tests := []struct {
		name   string
		j      job
		stdout string
	}{
		{"login-dash-argv0", job{Argv: []string{"-sh"}, Stdin: &login, Env: loginEnv},
			"home profile: yes\n" + profilePath + "\nyes -sh\n"},
		{"login-l", job{Argv: []string{"sh", "-l"}, Stdin: &login, Env: loginEnv},
			"home profile: yes\n" + profilePath + "\nyes sh\n"},
		{"shebang", job{Direct: true, Argv: []string{"/c/2/s", "a", "b"}, Env: baseEnv,
			Script: "#!/bin/sh\necho \"shebang $0 $#\"\ncd /etc && cat hostname\n[ /bin/sh -ef /bin/gobox ] && echo sh-is-gobox\n"},
			"shebang /c/2/s 2\ngobox\nsh-is-gobox\n"},
		{"sh-c", job{Argv: []string{"sh", "-c", "echo $((6*7)) | cat; basename /a/b/c; command -v ls"}, Env: baseEnv},
			"42\nc\n/bin/ls\n"},
	}
	jobs := make([]job, len(tests))
	for i, tc := range tests {
		jobs[i] = tc.j
		jobs[i].Dir = "/c/" + strconv.Itoa(i)
		jobs[i].Timeout = 10
		if jobs[i].Script == "" {
			jobs[i].Script = ":\n"
		}
	}
	out, err := runBatch(root, batch{Workers: 2, Jobs: jobs})
	if err != nil {
		t.Fatal(err)
	}
	for i, tc := range tests {
		if o := out[i]; o.Stdout != tc.stdout || o.Stderr != "" || o.Status != 0 || o.Err != "" {
			t.Errorf("%s: %s's sh: got stdout %q stderr %q status %d %s; want stdout %q", tc.name, label, o.Stdout, o.Stderr, o.Status, o.Err, tc.stdout)
		}
	}
}
