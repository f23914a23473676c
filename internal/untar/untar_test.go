package untar

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

var fixed = time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)

func TestStripUnsafe(t *testing.T) {
	for _, tt := range []struct{ in, rest, removed string }{
		{"a/b", "a/b", ""},
		{"/etc/passwd", "etc/passwd", "/"},
		{"///x", "x", "///"},
		{"../x", "x", "../"},
		{"../../x", "x", "../../"},
		{"a/../b", "b", "a/../"},
		{"./../tar.tempdir/input_dir/../input_dir", "input_dir", "./../tar.tempdir/input_dir/../"},
		{"a/..", "a/..", ""}, // no "/../": Split refuses it
		{"..", "..", ""},
		{"/", "", "/"},
	} {
		rest, removed := StripUnsafe(tt.in)
		if rest != tt.rest || removed != tt.removed {
			t.Errorf("StripUnsafe(%q) = %q, %q; want %q, %q", tt.in, rest, removed, tt.rest, tt.removed)
		}
	}
}

func TestClean(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"a/b/c", "a/b/c", true},
		{"./a//b/", "a/b", true},
		{"a/./b/.", "a/b", true},
		{".", "", true},
		{"", "", true},
		{"a/..", "", false},
		{"..", "", false},
		{"/a", "", false},
		{"a/../b", "", false},
		{"a/..b/c..", "a/..b/c..", true},
	} {
		got, ok := Clean([]byte("junk"), []byte(tt.in))
		if ok != tt.ok || ok && string(got) != tt.want {
			t.Errorf("Clean(%q) = %q, %v", tt.in, got, ok)
		}
	}
}

// env is a target directory with a sibling "outside" that nothing may
// touch, and a file in it to aim at.
type env struct {
	t       *testing.T
	root    string // holds target and outside
	target  string
	outside string
	warns   []string
}

func newEnv(t *testing.T) *env {
	root := t.TempDir()
	e := &env{t: t, root: root, target: filepath.Join(root, "target"), outside: filepath.Join(root, "outside")}
	os.Mkdir(e.target, 0o755)
	os.Mkdir(e.outside, 0o755)
	os.WriteFile(filepath.Join(e.outside, "victim"), []byte("safe\n"), 0o644)
	return e
}

func (e *env) extractor(o Options) *Extractor {
	o.Dir = e.target
	o.Warn = func(m string) { e.warns = append(e.warns, m) }
	x, err := New(o)
	if err != nil {
		e.t.Fatal(err)
	}
	return x
}

// run extracts entries (a regular file's body is its Linkname field
// turned into data when Kind is Regular) and returns the first error.
func (e *env) run(o Options, entries ...Entry) error {
	x := e.extractor(o)
	var err error
	for i := range entries {
		en := entries[i]
		var body io.Reader = strings.NewReader("")
		if en.Kind == Regular {
			body = strings.NewReader(string(en.Linkname))
			en.Size = int64(len(en.Linkname))
			en.Linkname = nil
		}
		if en.ModTime.IsZero() {
			en.ModTime = fixed
		}
		if en.Mode == 0 {
			en.Mode = 0o644
		}
		if err = x.Extract(&en, body); err != nil {
			break
		}
	}
	if cerr := x.Close(); err == nil {
		err = cerr
	}
	return err
}

// outsideUntouched fails the test if anything changed outside the
// target.
func (e *env) outsideUntouched() {
	e.t.Helper()
	var names []string
	filepath.Walk(e.root, func(p string, fi os.FileInfo, err error) error {
		rel, _ := filepath.Rel(e.root, p)
		if rel == "." || rel == "target" || strings.HasPrefix(rel, "target/") {
			return nil
		}
		names = append(names, rel)
		return nil
	})
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "outside outside/victim" {
		e.t.Errorf("outside the target: %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(e.outside, "victim")); string(b) != "safe\n" {
		e.t.Errorf("victim now holds %q", b)
	}
}

// tree lists the target: "name type [-> target]".
func (e *env) tree() string {
	var out []string
	filepath.Walk(e.target, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == e.target {
			return nil
		}
		rel, _ := filepath.Rel(e.target, p)
		s := rel
		switch {
		case fi.Mode()&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			s += " -> " + l
		case fi.IsDir():
			s += "/"
		default:
			b, _ := os.ReadFile(p)
			s += "=" + strings.TrimSpace(string(b))
		}
		out = append(out, s)
		return nil
	})
	return strings.Join(out, " ")
}

func file(name, data string) Entry {
	return Entry{Name: []byte(name), Kind: Regular, Linkname: []byte(data)}
}
func dir(name string) Entry { return Entry{Name: []byte(name), Kind: Dir, Mode: 0o755} }
func symlink(name, target string) Entry {
	return Entry{Name: []byte(name), Kind: Symlink, Linkname: []byte(target), Mode: 0o777}
}
func hardlink(name, target string) Entry {
	return Entry{Name: []byte(name), Kind: Hardlink, Linkname: []byte(target)}
}

// TestHostile is the hostile-archive corpus: each case must be refused
// (or neutralised) and leave everything outside the target as it was.
func TestHostile(t *testing.T) {
	tests := []struct {
		name    string
		pre     func(e *env) // what is in the target before
		o       Options
		entries []Entry
		err     string // the error that stops extraction, if any
		warn    string // a warning that must be given
		tree    string // the target afterwards
	}{
		{name: "dot-dot name", entries: []Entry{file("../outside/victim", "pwned")},
			warn: "member name contains '..'", tree: ""},
		{name: "dot-dot inside a name", entries: []Entry{file("a/../../outside/victim", "pwned")},
			warn: "member name contains '..'", tree: ""},
		{name: "absolute name", entries: []Entry{file("/outside/victim", "pwned")},
			warn: "member name contains '..'", tree: ""},
		{name: "name that is the target", entries: []Entry{file(".", "x")},
			warn: "can't replace the target directory", tree: ""},
		{name: "symlink out, then a file through it (BusyBox's attack)",
			entries: []Entry{file("anything.txt", ""), symlink("symlink", "../outside"), file("symlink/victim", "pwned")},
			err:     "can't create symlink 'symlink' to '../outside'",
			tree:    "anything.txt= symlink/ symlink/victim=pwned"},
		{name: "absolute symlink, then a file of its name",
			entries: []Entry{symlink("passwd", "/outside/victim"), file("passwd", "pwned")},
			err:     "can't create symlink 'passwd' to '/outside/victim'", tree: "passwd=pwned"},
		{name: "symlink inside, then a file through it",
			entries: []Entry{dir("sub"), symlink("s", "sub"), file("s/evil", "x")},
			warn:    "s/evil: path goes through a symlink from the archive", tree: "s -> sub sub/"},
		{name: "symlink inside, then a directory through it",
			entries: []Entry{dir("sub"), symlink("s", "sub"), dir("s/d")},
			warn:    "s/d: path goes through a symlink from the archive", tree: "s -> sub sub/"},
		{name: "symlink, then a directory of its name",
			entries: []Entry{symlink("s", "elsewhere"), dir("s")},
			warn:    "s: path goes through a symlink from the archive", tree: "s -> elsewhere"},
		{name: "hard link out", entries: []Entry{hardlink("h", "../outside/victim")},
			warn: "hard link target '../outside/victim' is outside the target directory", tree: ""},
		{name: "hard link to an absolute name", entries: []Entry{hardlink("h", "/outside/victim")},
			warn: "hard link target '/outside/victim' is outside the target directory", tree: ""},
		{name: "hard link through a planted symlink",
			entries: []Entry{dir("sub"), file("sub/f", "data"), symlink("s", "sub"), hardlink("h", "s/f")},
			warn:    "h: path goes through a symlink from the archive", tree: "s -> sub sub/ sub/f=data"},
		{name: "hard link to a symlink links the symlink",
			entries: []Entry{symlink("s", "../outside/victim"), hardlink("h", "s"), file("h2", "x")},
			tree:    "h -> ../outside/victim h2=x s -> ../outside/victim"},
		{name: "pre-existing absolute symlink is resolved in the target",
			pre:     func(e *env) { os.Symlink(e.outside, filepath.Join(e.target, "pre")) },
			entries: []Entry{file("pre/victim", "pwned")},
			err:     "can't create directory 'pre': No such file or directory", tree: "pre -> OUTSIDE"},
		{name: "pre-existing absolute symlink to a directory in the target",
			pre: func(e *env) {
				os.MkdirAll(filepath.Join(e.target, "run"), 0o755)
				os.MkdirAll(filepath.Join(e.target, "var"), 0o755)
				os.Symlink("/run", filepath.Join(e.target, "var/run"))
			},
			entries: []Entry{file("var/run/pid", "1")}, tree: "run/ run/pid=1 var/ var/run -> /run"},
		{name: "pre-existing symlink up and out is resolved in the target",
			pre: func(e *env) {
				os.Mkdir(filepath.Join(e.target, "outside"), 0o755)
				os.Symlink("../outside", filepath.Join(e.target, "up"))
			},
			entries: []Entry{file("up/victim", "pwned")},
			tree:    "outside/ outside/victim=pwned up -> ../outside"},
		{name: "--overwrite replaces a symlink rather than writing through it",
			pre:     func(e *env) { os.Symlink(filepath.Join(e.outside, "victim"), filepath.Join(e.target, "f")) },
			o:       Options{Replace: Overwrite},
			entries: []Entry{file("f", "new")}, tree: "f=new"},
		{name: "--overwrite replaces a fifo rather than blocking on it",
			o:       Options{Replace: Overwrite},
			entries: []Entry{{Name: []byte("s"), Kind: Fifo, Mode: 0o644}, file("s", "x")}, tree: "s=x"},
		{name: "-k keeps a symlink and fails",
			pre:     func(e *env) { os.Symlink(filepath.Join(e.outside, "victim"), filepath.Join(e.target, "f")) },
			o:       Options{Replace: KeepOld},
			entries: []Entry{file("f", "new")}, err: "can't open 'f': File exists", tree: "f -> OUTSIDE/victim"},
		{name: "a directory where a file goes is not removed",
			entries: []Entry{dir("d"), file("d/x", "1"), file("d", "file")},
			err:     "can't remove old file d: Is a directory", tree: "d/ d/x=1"},
		{name: "a file in the way of a directory",
			entries: []Entry{file("f", "1"), file("f/x", "2")},
			err:     "can't create directory 'f': Not a directory", tree: "f=1"},
		{name: "-P takes absolute names as they are",
			o:       Options{Absolute: true},
			entries: []Entry{file("ABS/outside/created", "ok")}, tree: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.pre != nil {
				tt.pre(e)
			}
			for i := range tt.entries {
				tt.entries[i].Name = bytes.ReplaceAll(tt.entries[i].Name, []byte("ABS"), []byte(e.root))
			}
			err := e.run(tt.o, tt.entries...)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Errorf("error %v, want %q", err, tt.err)
			}
			if tt.warn != "" && !strings.Contains(strings.Join(e.warns, "\n"), tt.warn) {
				t.Errorf("warnings %q, want one with %q", e.warns, tt.warn)
			}
			want := strings.ReplaceAll(tt.tree, "OUTSIDE", e.outside)
			if got := e.tree(); got != want {
				t.Errorf("target:\n got %s\nwant %s", got, want)
			}
			if tt.o.Absolute {
				if b, _ := os.ReadFile(filepath.Join(e.outside, "created")); string(b) != "ok" {
					t.Errorf("-P did not write %s/created", e.outside)
				}
				return
			}
			e.outsideUntouched()
		})
	}
}

// TestDirectoryMetadata: a directory gets its mode and time once its
// contents are in, so a read-only directory can be filled and keeps the
// archive's time.
func TestDirectoryMetadata(t *testing.T) {
	e := newEnv(t)
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	err := e.run(Options{Perms: true},
		Entry{Name: []byte("ro"), Kind: Dir, Mode: 0o555, ModTime: old},
		file("ro/f", "data"),
		Entry{Name: []byte("ro/sub"), Kind: Dir, Mode: 0o500, ModTime: old},
		file("ro/sub/g", "more"),
		file("other", "x"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		name string
		mode os.FileMode
	}{{"ro", 0o555}, {"ro/sub", 0o500}} {
		fi, err := os.Stat(filepath.Join(e.target, d.name))
		if err != nil || fi.Mode().Perm() != d.mode || !fi.ModTime().Equal(old) {
			t.Errorf("%s: %v %v %v", d.name, fi.Mode(), fi.ModTime(), err)
		}
	}
	os.Chmod(filepath.Join(e.target, "ro/sub"), 0o755)
	os.Chmod(filepath.Join(e.target, "ro"), 0o755)
}

// TestUmask: without Perms, modes lose the umask, and set-id bits go.
func TestUmask(t *testing.T) {
	e := newEnv(t)
	err := e.run(Options{Umask: 0o027},
		Entry{Name: []byte("d"), Kind: Dir, Mode: 0o777},
		Entry{Name: []byte("d/f"), Kind: Regular, Mode: 0o4777, Linkname: []byte("x")})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]os.FileMode{"d": os.ModeDir | 0o750, "d/f": 0o750} {
		fi, _ := os.Lstat(filepath.Join(e.target, name))
		if fi.Mode() != want {
			t.Errorf("%s: %v, want %v", name, fi.Mode(), want)
		}
	}
}

// TestLinks: hard links made now or at the end, symlinks with ".." at
// the end, and times on files with nanoseconds.
func TestLinks(t *testing.T) {
	e := newEnv(t)
	ns := time.Date(2021, 2, 3, 4, 5, 6, 789, time.UTC)
	err := e.run(Options{},
		hardlink("early", "later"), // its target comes after it
		Entry{Name: []byte("later"), Kind: Regular, Linkname: []byte("data"), ModTime: ns},
		hardlink("d/h", "later"),
		symlink("d/up", "../later"),
		symlink("plain", "later"),
		hardlink("self", "self"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.tree(), "d/ d/h=data d/up -> ../later early=data later=data plain -> later"; got != want {
		t.Errorf("tree %s\nwant %s", got, want)
	}
	var a, b unix.Stat_t
	unix.Stat(filepath.Join(e.target, "early"), &a)
	unix.Stat(filepath.Join(e.target, "later"), &b)
	if a.Ino != b.Ino || a.Nlink != 3 {
		t.Errorf("early and later are not one file: %d/%d, %d links", a.Ino, b.Ino, a.Nlink)
	}
	if fi, _ := os.Stat(filepath.Join(e.target, "later")); !fi.ModTime().Equal(ns) {
		t.Errorf("mtime %v, want %v", fi.ModTime(), ns)
	}
	if err := e.run(Options{}, hardlink("x", "missing")); err == nil || err.Error() != "can't create hardlink 'x' to 'missing'" {
		t.Errorf("link to nothing: %v", err)
	}
}

// TestSparse: holes stay holes.
func TestSparse(t *testing.T) {
	e := newEnv(t)
	x := e.extractor(Options{})
	en := &Entry{Name: []byte("sparse"), Kind: Regular, Mode: 0o644, ModTime: fixed, Size: 64 << 20,
		Sparse: []Segment{{0, 3}, {32 << 20, 3}}}
	if err := x.Extract(en, strings.NewReader("abcxyz")); err != nil {
		t.Fatal(err)
	}
	x.Close()
	var st unix.Stat_t
	p := filepath.Join(e.target, "sparse")
	unix.Stat(p, &st)
	b, _ := os.ReadFile(p)
	if st.Size != 64<<20 || st.Blocks*512 > 1<<20 || string(b[:3]) != "abc" || string(b[32<<20:32<<20+3]) != "xyz" || b[100] != 0 {
		t.Errorf("size %d, %d blocks", st.Size, st.Blocks)
	}
}

// TestTruncatedBody: a body that ends early is an error, not a short
// file passed off as whole.
func TestTruncatedBody(t *testing.T) {
	e := newEnv(t)
	x := e.extractor(Options{})
	defer x.Close()
	err := x.Extract(&Entry{Name: []byte("f"), Kind: Regular, Mode: 0o644, Size: 100}, strings.NewReader("short"))
	if err == nil {
		t.Error("a short body was accepted")
	}
}

// TestOwner: as root, owners come by name where the name resolves, by
// number otherwise, and by number with NumericOwner.
func TestOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	e := newEnv(t)
	err := e.run(Options{Owner: true},
		Entry{Name: []byte("byname"), Kind: Regular, UID: 4321, GID: 4321, Uname: "root", Gname: "root"},
		Entry{Name: []byte("bynumber"), Kind: Regular, UID: 4321, GID: 4322, Uname: "no-such-user-here"},
		Entry{Name: []byte("node"), Kind: CharDev, Major: 1, Minor: 3, UID: 7, GID: 8})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, uid, gid uint32) {
		var st unix.Stat_t
		unix.Lstat(filepath.Join(e.target, name), &st)
		if st.Uid != uid || st.Gid != gid {
			t.Errorf("%s: %d:%d, want %d:%d", name, st.Uid, st.Gid, uid, gid)
		}
	}
	check("byname", 0, 0)
	check("bynumber", 4321, 4322)
	check("node", 7, 8)
	e2 := newEnv(t)
	e2.run(Options{Owner: true, NumericOwner: true}, Entry{Name: []byte("f"), Kind: Regular, UID: 4321, GID: 4321, Uname: "root", Gname: "root"})
	var st unix.Stat_t
	unix.Stat(filepath.Join(e2.target, "f"), &st)
	if st.Uid != 4321 {
		t.Errorf("numeric owner: uid %d", st.Uid)
	}
}

// TestDeepTree: the directory cache stays bounded on a deep path.
func TestDeepTree(t *testing.T) {
	e := newEnv(t)
	name := strings.Repeat("d/", 300) + "f"
	if err := e.run(Options{}, file(name, "deep")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(e.target, name)); err != nil || string(b) != "deep" {
		t.Errorf("%q, %v", b, err)
	}
}

// TestNULInName: a name is made NUL-terminated for the system calls in
// a buffer of the Extractor's: one holding a NUL is EINVAL, as unix's
// string wrappers make it, never cut short at the NUL (which would make
// "a\x00b" the file a, and "..\x00" the parent directory).
func TestNULInName(t *testing.T) {
	for _, tt := range []struct {
		en  Entry
		err string
	}{
		{file("evil\x00.txt", "x"), "can't open 'evil\x00.txt': Invalid argument"},
		{file("d\x00x/f", "x"), "can't create directory 'd\x00x': Invalid argument"},
		{file("..\x00/f", "x"), "can't create directory '..\x00': Invalid argument"},
		{symlink("l", "victim\x00"), "can't create symlink 'l' to 'victim\x00'"},
	} {
		e := newEnv(t)
		err := e.run(Options{}, tt.en)
		if err == nil || err.Error() != tt.err {
			t.Errorf("%q: error %v, want %q", tt.en.Name, err, tt.err)
		}
		if got := e.tree(); got != "" {
			t.Errorf("%q: made %s", tt.en.Name, got)
		}
		e.outsideUntouched()
	}
}
