package difftest

// The chroot both implementations run in, and the two helper modes of this
// test binary that put a case's commands into it.
//
// Layout under the test's temporary directory T (a path without symlinks):
//
//	T/root/                      Alpine's minirootfs, plus /bin/gobox (the
//	                             binary under test) and /bin/busybox-debian
//	                             (Debian's busybox-static, when installed)
//	T/root/T/bin-IMPL/APPLET  -> /bin/busybox, /bin/gobox or /bin/busybox-debian
//	T/root/T/cases/              mount point for T/cases
//	T/bin-IMPL/APPLET         -> T/wrap-IMPL
//	T/wrap-IMPL                  a copy of this test binary: the wrapper
//	T/cases/cN/{w,home,bin}      one case; bin -> T/bin-IMPL
//
// A case's bash is started by "difftest-start" (this binary again) in a
// mount and UTS namespace of its own: it makes every mount private, binds
// /dev, /proc, /sys and T/cases into T/root, and execs bash. When the case
// ends, the namespace and its mounts go with it, so nothing is ever mounted
// in the host's namespace and a killed test leaves no mount behind.
//
// bash finds APPLET in PATH as T/cases/cN/bin/APPLET, that is the wrapper
// wrap-IMPL. The wrapper chroots to T/root, changes to the same directory
// (the case directories have the same path inside the root and out) and
// execs the implementation with argv unchanged, so the applet has the
// wrapper's PID and stdin, stdout, stderr, exit status and death by signal
// reach bash as they would without it. Inside the root the same PATH entry
// leads to the implementation itself (T/root/T/bin-IMPL), so an applet that
// runs another (env, nice, timeout, xargs...) gets the same implementation
// without a wrapper. Both implementations see Alpine's /etc (users, groups).
//
// One thing the wrapper cannot pass on: a signal ignored by bash for the
// applet other than SIGHUP and SIGINT (a Go program installs its handlers,
// and exec resets them to the default). No case relies on one.

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// startArg0 is argv[0] of this binary run as a case's starter.
const startArg0 = "difftest-start"

// impls maps an implementation's name to its path inside the root.
var impls = map[string]string{
	"gobox":  "/bin/gobox",
	"alpine": "/bin/busybox",
	"debian": "/bin/busybox-debian",
}

// debianBusybox is Debian's busybox-static, the second reference.
const debianBusybox = "/usr/bin/busybox"

// minirootfs is Alpine's minirootfs, relative to the repository root: the
// shared directory lies beside the repository.
const minirootfs = "../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz"

func TestMain(m *testing.M) {
	if len(os.Args) > 3 && os.Args[0] == startArg0 {
		startMain()
	}
	if exe, err := os.Executable(); err == nil && strings.HasPrefix(filepath.Base(exe), "wrap-") {
		wrapMain(exe)
	}
	os.Exit(m.Run())
}

// startMain runs as "difftest-start ROOT CASES CMD ARG...", in a mount
// namespace of its own: it mounts what the root needs and execs CMD.
func startMain() {
	root, cases, argv := os.Args[1], os.Args[2], os.Args[3:]
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "difftest-start: %s: %v\n", what, err)
		os.Exit(125)
	}
	// Refuse to mount anything in the parent's namespace.
	self, err1 := os.Readlink("/proc/self/ns/mnt")
	parent, err2 := os.Readlink(fmt.Sprintf("/proc/%d/ns/mnt", os.Getppid()))
	if err1 != nil || err2 != nil || self == parent {
		fail("mount namespace", fmt.Errorf("not a namespace of its own (%s, %v, %v)", self, err1, err2))
	}
	// Private first, so that no mount below propagates to the host.
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		fail("make / private", err)
	}
	for _, m := range []struct {
		src, dst string
		flags    uintptr
	}{
		{"/dev", root + "/dev", unix.MS_BIND | unix.MS_REC},
		{"/proc", root + "/proc", unix.MS_BIND | unix.MS_REC},
		{"/sys", root + "/sys", unix.MS_BIND | unix.MS_REC},
		{cases, root + cases, unix.MS_BIND},
	} {
		if err := unix.Mount(m.src, m.dst, "", m.flags, ""); err != nil {
			fail("mount "+m.src, err)
		}
	}
	err := syscall.Exec(argv[0], argv, os.Environ())
	fail("exec "+argv[0], err)
}

// wrapMain runs as T/wrap-IMPL, invoked as an applet: it chroots to T/root,
// changes to the directory it was started in and execs IMPL with the same
// argv and environment. A failure is appended to T/wrap-errors (checked at
// the end of the test) as well as reported on stderr: a case whose command
// never reached an implementation must not pass because both runs failed
// alike.
func wrapMain(exe string) {
	dir := filepath.Dir(exe)
	impl := strings.TrimPrefix(filepath.Base(exe), "wrap-")
	errs, _ := os.OpenFile(filepath.Join(dir, "wrap-errors"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	fail := func(what string, err error) {
		msg := fmt.Sprintf("difftest wrapper %s %q: %s: %v\n", impl, os.Args, what, err)
		os.Stderr.WriteString(msg)
		if errs != nil {
			errs.WriteString(msg)
		}
		os.Exit(126)
	}
	target, ok := impls[impl]
	if !ok {
		fail("unknown implementation", fmt.Errorf("%s", impl))
	}
	cwd, err := syscall.Getwd()
	if err != nil {
		fail("getwd", err)
	}
	if err := syscall.Chroot(filepath.Join(dir, "root")); err != nil {
		fail("chroot", err)
	}
	if err := syscall.Chdir(cwd); err != nil {
		fail("chdir", err)
	}
	if errs != nil {
		errs.Close()
	}
	err = syscall.Exec(target, os.Args, os.Environ())
	fail("exec "+target, err)
}

// chrootEnv is the prepared root: the directory T and what runs a case.
type chrootEnv struct {
	top   string            // T
	root  string            // T/root
	cases string            // T/cases
	bins  map[string]string // implementation -> T/bin-IMPL
	bash  string            // bash's path
}

// setupRoot prepares T (see the top of this file) for gobox (the binary
// under test) and the references: alpine, and debian when debianBusybox
// exists. It skips the test when the minirootfs or a tool is missing.
func setupRoot(t *testing.T, gobox string) *chrootEnv {
	fixture, err := filepath.Abs(filepath.Join("..", "..", minirootfs))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fixture); err != nil {
		t.Skipf("Alpine's minirootfs, the reference, is missing (%v): the shared directory must lie beside the repository", err)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is missing")
	}
	if _, err := exec.LookPath("tar"); err != nil {
		t.Skip("tar is missing")
	}
	top, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := &chrootEnv{top: top, root: filepath.Join(top, "root"), cases: filepath.Join(top, "cases"), bins: map[string]string{}, bash: bash}
	// Nothing may stay mounted under T when it is removed (the mounts live
	// in the cases' namespaces; this checks that they did).
	t.Cleanup(func() { checkNoMounts(t, top) })
	for _, d := range []string{e.root, e.cases} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("tar", "-xzf", fixture, "-C", e.root).CombinedOutput(); err != nil {
		t.Fatalf("unpacking %s: %v\n%s", fixture, err, out)
	}
	bins := map[string]string{"gobox": gobox, "alpine": ""}
	if _, err := os.Stat(debianBusybox); err == nil {
		bins["debian"] = debianBusybox
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gobox, "--list").Output()
	if err != nil {
		t.Fatalf("gobox --list: %v", err)
	}
	applets := strings.Fields(string(out))
	for impl, src := range bins {
		if src != "" {
			if err := copyExe(src, filepath.Join(e.root, impls[impl])); err != nil {
				t.Fatal(err)
			}
		}
		wrap := filepath.Join(top, "wrap-"+impl)
		if err := copyExe(self, wrap); err != nil {
			t.Fatal(err)
		}
		outside, inside := filepath.Join(top, "bin-"+impl), filepath.Join(e.root, top, "bin-"+impl)
		for _, d := range []string{outside, inside} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range applets {
			if err := os.Symlink(wrap, filepath.Join(outside, a)); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(impls[impl], filepath.Join(inside, a)); err != nil {
				t.Fatal(err)
			}
		}
		e.bins[impl] = outside
	}
	if err := os.MkdirAll(filepath.Join(e.root, e.cases), 0o755); err != nil {
		t.Fatal(err)
	}
	// Can this machine give a case its namespaces and mounts?
	cmd := e.command([]string{"/bin/true"})
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("cannot run a case in a mount namespace of its own with the root mounted (%v: %s); the test needs root", err, out)
	}
	return e
}

// command returns the command that runs argv in a new mount and UTS
// namespace with the root's mounts in place.
func (e *chrootEnv) command(argv []string) *exec.Cmd {
	self, _ := os.Executable()
	cmd := &exec.Cmd{Path: self, Args: append([]string{startArg0, e.root, e.cases}, argv...)}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWUTS}
	return cmd
}

// wrapErrors returns what wrappers could not do (see wrapMain).
func (e *chrootEnv) wrapErrors() string {
	b, _ := os.ReadFile(filepath.Join(e.top, "wrap-errors"))
	return string(b)
}

func copyExe(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// checkNoMounts fails the test when something is mounted under dir in this
// namespace, and detaches it so that removing dir cannot reach into /dev or
// /proc.
func checkNoMounts(t *testing.T, dir string) {
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Errorf("reading mountinfo: %v", err)
		return
	}
	var found []string
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 4 && (f[4] == dir || strings.HasPrefix(f[4], dir+"/")) {
			found = append(found, f[4])
		}
	}
	for i := len(found) - 1; i >= 0; i-- {
		unix.Unmount(found[i], unix.MNT_DETACH)
	}
	if len(found) > 0 {
		t.Errorf("mounted under the test's directory in the host's namespace (detached now): %v", found)
	}
}
