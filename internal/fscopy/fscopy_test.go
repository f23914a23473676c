package fscopy

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// tree describes files to make, in order: "d" ends in "/", a symlink is
// "name -> target", a hard link "name => existing", a fifo "name|", a
// character device "name%". Others are regular files holding their name.
type tree []string

func (tr tree) make(t *testing.T, dir string) {
	t.Helper()
	for _, e := range tr {
		p := func(s string) string { return filepath.Join(dir, s) }
		var err error
		switch {
		case strings.HasSuffix(e, "/"):
			err = os.MkdirAll(p(e), 0o755)
		case strings.Contains(e, " -> "):
			n, target, _ := strings.Cut(e, " -> ")
			err = os.Symlink(target, p(n))
		case strings.Contains(e, " => "):
			n, old, _ := strings.Cut(e, " => ")
			err = os.Link(p(old), p(n))
		case strings.HasSuffix(e, "|"):
			err = unix.Mkfifo(p(strings.TrimSuffix(e, "|")), 0o644)
		case strings.HasSuffix(e, "%"):
			err = unix.Mknod(p(strings.TrimSuffix(e, "%")), unix.S_IFCHR|0o644, int(unix.Mkdev(1, 3)))
		default:
			err = os.WriteFile(p(e), []byte(e), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// describe lists what is under dir, sorted, one line per file: its name,
// type and what defines it (contents, link target, or the first name of
// the same inode).
func describe(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	inodes := map[uint64]string{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		ino := fi.Sys().(*syscall.Stat_t).Ino
		switch m := fi.Mode(); {
		case m.IsDir():
			out = append(out, rel+"/")
		case m&os.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			out = append(out, rel+" -> "+l)
		case m&os.ModeNamedPipe != 0:
			out = append(out, rel+"|")
		case m&os.ModeCharDevice != 0:
			out = append(out, rel+"%")
		case inodes[ino] != "":
			out = append(out, rel+" => "+inodes[ino])
		default:
			b, _ := os.ReadFile(p)
			out = append(out, rel+" = "+string(b))
		}
		if inodes[ino] == "" {
			inodes[ino] = rel
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// run is one Copier run in a fresh directory: what it printed, prompted
// and returned.
type run struct {
	ok       bool
	warnings []string
	prompts  []string
	stdout   string
	dir      string
}

func copyIn(t *testing.T, tr tree, flags Flags, answer bool, umask os.FileMode, pairs ...string) run {
	t.Helper()
	dir := t.TempDir()
	tr.make(t, dir)
	var r run
	var out bytes.Buffer
	c := &Copier{
		Flags:   flags,
		Name:    "cp",
		Resolve: func(p string) string { return filepath.Join(dir, p) },
		Warnf:   func(f string, a ...any) { r.warnings = append(r.warnings, fmt.Sprintf(f, a...)) },
		Stdout:  &out,
		Prompt:  func(p string) bool { r.prompts = append(r.prompts, p); return answer },
		Umask:   umask,
	}
	r.ok = true
	for i := 0; i < len(pairs); i += 2 {
		if !c.Copy(pairs[i], pairs[i+1]) {
			r.ok = false
		}
	}
	r.stdout, r.dir = out.String(), dir
	return r
}

const cpR = Recursive // cp -R: symlinks are copied as symlinks
const cpA = Recursive | Preserve

func TestCopy(t *testing.T) {
	src := tree{"s/", "s/f", "s/d/", "s/d/g", "s/l -> f", "s/dl -> d", "s/dang -> nowhere"}
	for _, tt := range []struct {
		name     string
		tree     tree
		flags    Flags
		answer   bool // to prompts
		pairs    []string
		ok       bool
		warnings []string
		prompts  []string
		stdout   string
		want     []string // describe(dir) after, for names starting with the first dest's first component
	}{
		{name: "file", tree: tree{"f"}, flags: Deref, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g = f"}},
		{name: "file verbose", tree: tree{"f"}, flags: Deref | Verbose, pairs: []string{"f", "g"}, ok: true,
			stdout: "'f' -> 'g'\n", want: []string{"g = f"}},
		{name: "over a file", tree: tree{"f", "g"}, flags: Deref, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g = f"}},
		{name: "over a symlink replaces it", tree: tree{"f", "t", "g -> t"}, flags: Deref, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g = f"}},
		{name: "symlink followed", tree: tree{"f", "l -> f"}, flags: Deref, pairs: []string{"l", "g"}, ok: true,
			want: []string{"g = f"}},
		{name: "symlink kept (-d)", tree: tree{"f", "l -> f"}, pairs: []string{"l", "g"}, ok: true,
			want: []string{"g -> f"}},
		{name: "dangling symlink kept", tree: tree{"l -> nowhere"}, pairs: []string{"l", "g"}, ok: true,
			want: []string{"g -> nowhere"}},
		{name: "dangling symlink followed", tree: tree{"l -> nowhere"}, flags: Deref, pairs: []string{"l", "g"},
			warnings: []string{"can't stat 'l': No such file or directory"}},
		{name: "symlink loop", tree: tree{"l -> l"}, flags: Deref, pairs: []string{"l", "g"},
			warnings: []string{"can't stat 'l': Symbolic link loop"}},
		{name: "missing", pairs: []string{"nope", "g"},
			warnings: []string{"can't stat 'nope': No such file or directory"}},
		{name: "into a missing directory", tree: tree{"f"}, pairs: []string{"f", "no/g"},
			warnings: []string{"can't create 'no/g': No such file or directory"}},
		{name: "through a file", tree: tree{"f"}, pairs: []string{"f", "f/g"},
			warnings: []string{"can't stat 'f/g': Not a directory"}},
		{name: "same file", tree: tree{"f", "h => f"}, pairs: []string{"f", "h"},
			warnings: []string{"'f' and 'h' are the same file"}},
		{name: "same file through a symlink", tree: tree{"f", "l -> f"}, flags: Deref, pairs: []string{"l", "f"},
			warnings: []string{"'l' and 'f' are the same file"}},
		{name: "no-clobber", tree: tree{"f", "g"}, flags: Deref | NoClobber, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g = g"}},
		{name: "interactive no", tree: tree{"f", "g"}, flags: Deref | Interactive, pairs: []string{"f", "g"}, ok: true,
			prompts: []string{"cp: overwrite 'g'? "}, want: []string{"g = g"}},
		{name: "interactive yes", tree: tree{"f", "g"}, flags: Deref | Interactive, answer: true, pairs: []string{"f", "g"}, ok: true,
			prompts: []string{"cp: overwrite 'g'? "}, want: []string{"g = f"}},
		{name: "interactive missing dest asks nothing", tree: tree{"f"}, flags: Deref | Interactive, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g = f"}},
		{name: "force over a directory", tree: tree{"f", "g/"}, flags: Deref | Force, pairs: []string{"f", "g"},
			warnings: []string{"can't create 'g': File exists"}, want: []string{"g/"}},
		{name: "remove destination", tree: tree{"f", "g"}, flags: Deref | RemoveDest | Verbose, pairs: []string{"f", "g"}, ok: true,
			stdout: "'f' -> 'g'\n", want: []string{"g = f"}},
		{name: "hard link (-l)", tree: tree{"f"}, flags: Deref | HardLink, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g => f"}},
		{name: "symlink (-s)", tree: tree{"f"}, flags: Deref | SymLink, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g -> f"}},
		{name: "symlink (-s) of nothing", flags: SymLink, pairs: []string{"nowhere", "g"}, ok: true,
			want: []string{"g -> nowhere"}},
		{name: "symlink (-s) over a file", tree: tree{"f", "g"}, flags: Deref | SymLink, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g -> f"}},
		{name: "directory without -R", tree: src, flags: Deref, pairs: []string{"s", "t"},
			warnings: []string{"omitting directory 's'"}},
		{name: "tree (-R)", tree: src, flags: cpR, pairs: []string{"s", "t"}, ok: true,
			want: []string{"t/", "t/d/", "t/d/g = s/d/g", "t/dang -> nowhere", "t/dl -> d", "t/f = s/f", "t/l -> f"}},
		{name: "tree (-R -L)", tree: tree{"s/", "s/f", "s/d/", "s/d/g", "s/l -> f", "s/dl -> d"}, flags: cpR | Deref, pairs: []string{"s", "t"}, ok: true,
			want: []string{"t/", "t/d/", "t/d/g = s/d/g", "t/dl/", "t/dl/g = s/d/g", "t/f = s/f", "t/l = s/f"}},
		{name: "tree (-R -L) with a dangling link", tree: src, flags: cpR | Deref, pairs: []string{"s", "t"},
			warnings: []string{"can't stat 's/dang': No such file or directory"},
			want:     []string{"t/", "t/d/", "t/d/g = s/d/g", "t/dl/", "t/dl/g = s/d/g", "t/f = s/f", "t/l = s/f"}},
		{name: "tree (-R -H) follows the top only", tree: tree{"s/", "s/f", "s/l -> f", "top -> s"}, flags: cpR | DerefTop, pairs: []string{"top", "t"}, ok: true,
			want: []string{"t/", "t/f = s/f", "t/l -> f"}},
		{name: "tree into an existing directory", tree: tree{"s/", "s/f", "t/", "t/old"}, flags: cpR, pairs: []string{"s", "t"}, ok: true,
			want: []string{"t/", "t/f = s/f", "t/old = t/old"}},
		{name: "tree onto a file", tree: tree{"s/", "s/f", "t"}, flags: cpR, pairs: []string{"s", "t"},
			warnings: []string{"target 't' is not a directory"}, want: []string{"t = t"}},
		{name: "error mid-tree", tree: tree{"s/", "s/a", "s/b", "s/c", "t/", "t/b/"}, flags: cpR, pairs: []string{"s", "t"},
			warnings: []string{"can't create 't/b': File exists"},
			want:     []string{"t/", "t/a = s/a", "t/b/", "t/c = s/c"}},
		{name: "tree verbose", tree: tree{"s/", "s/f", "s/l -> f"}, flags: cpR | Verbose, pairs: []string{"s", "t"}, ok: true,
			stdout: "'s/f' -> 't/f'\n's/l' -> 't/l'\n's' -> 't'\n"},
		{name: "into itself", tree: tree{"s/", "s/f"}, flags: cpR, pairs: []string{"s", "s/sub"},
			warnings: []string{"recursion detected, omitting directory 's/sub'"},
			want:     []string{"s/", "s/f = s/f", "s/sub/", "s/sub/f = s/f"}},
		{name: "hard links kept (-a)", tree: tree{"s/", "s/f", "s/h => s/f", "s/d/", "s/d/h2 => s/f"}, flags: cpA, pairs: []string{"s", "t"}, ok: true,
			want: []string{"t/", "t/d/", "t/d/h2 = s/f", "t/f => t/d/h2", "t/h => t/d/h2"}},
		{name: "hard links across operands", tree: tree{"f", "h => f", "t/"}, flags: cpA, pairs: []string{"f", "t/f", "h", "t/h"}, ok: true,
			want: []string{"t/", "t/f = f", "t/h => t/f"}},
		{name: "hard links not kept when following (-L)", tree: tree{"s/", "s/f", "s/h => s/f"}, flags: cpR | Deref, pairs: []string{"s", "t"}, ok: true,
			want: []string{"t/", "t/f = s/f", "t/h = s/f"}},
		{name: "fifo and device (-R)", tree: tree{"s/", "s/p|", "s/n%"}, flags: cpA, pairs: []string{"s", "t"}, ok: true,
			want: []string{"t/", "t/n%", "t/p|"}},
		{name: "device read without -R", tree: tree{"n%"}, flags: Deref, pairs: []string{"n", "t"}, ok: true,
			want: []string{"t = "}},
		{name: "update skips the same second", tree: tree{"f", "g"}, flags: Deref | Update, pairs: []string{"f", "g"}, ok: true,
			want: []string{"g = g"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := copyIn(t, tt.tree, tt.flags, tt.answer, 0o022, tt.pairs...)
			if r.ok != tt.ok {
				t.Errorf("ok = %v, want %v", r.ok, tt.ok)
			}
			if fmt.Sprint(r.warnings) != fmt.Sprint(tt.warnings) {
				t.Errorf("warnings %q, want %q", r.warnings, tt.warnings)
			}
			if fmt.Sprint(r.prompts) != fmt.Sprint(tt.prompts) {
				t.Errorf("prompts %q, want %q", r.prompts, tt.prompts)
			}
			if r.stdout != tt.stdout {
				t.Errorf("stdout %q, want %q", r.stdout, tt.stdout)
			}
			if tt.want != nil {
				top := strings.SplitN(tt.pairs[1], "/", 2)[0]
				var got []string
				for _, l := range describe(t, r.dir) {
					if l == top+"/" || strings.HasPrefix(l, top+"/") || strings.HasPrefix(l, top+" ") {
						got = append(got, l)
					}
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.want) {
					t.Errorf("got\n\t%q\nwant\n\t%q", got, tt.want)
				}
			}
		})
	}
}

// stat returns name's stat under dir.
func lstat(t *testing.T, p string) unix.Stat_t {
	t.Helper()
	var st unix.Stat_t
	if err := unix.Lstat(p, &st); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestUpdate(t *testing.T) {
	for _, tt := range []struct {
		name     string
		srcAge   time.Duration // how much older the source is than the destination
		wantCopy bool
	}{
		{"older source", time.Hour, false},
		{"newer source", -time.Hour, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tree{"f", "g"}.make(t, dir)
			now := time.Now()
			os.Chtimes(filepath.Join(dir, "f"), now, now.Add(-tt.srcAge))
			os.Chtimes(filepath.Join(dir, "g"), now, now)
			c := &Copier{Flags: Deref | Update, Resolve: func(p string) string { return filepath.Join(dir, p) }}
			if !c.Copy("f", "g") {
				t.Fatal("copy failed")
			}
			b, _ := os.ReadFile(filepath.Join(dir, "g"))
			if got := string(b) == "f"; got != tt.wantCopy {
				t.Errorf("g holds %q", b)
			}
		})
	}
}

// TestAttributes checks modes, owners and times, with and without -p,
// under two umasks (BusyBox: a copy gets the source's mode less the
// umask, set-id bits included; -p keeps mode, owner and times).
func TestAttributes(t *testing.T) {
	root := os.Geteuid() == 0
	mt := time.Date(2001, 2, 3, 4, 5, 6, 123456789, time.UTC)
	at := time.Date(2002, 3, 4, 5, 6, 7, 987654321, time.UTC)
	for _, tt := range []struct {
		name     string
		flags    Flags
		umask    os.FileMode
		src      uint32 // mode of the file s/f (0 for no file) and of directory s
		dirMode  uint32
		wantFile uint32
		wantDir  uint32
		keep     bool // owner and times kept
	}{
		{"plain", cpR, 0o022, 0o640, 0o750, 0o640, 0o750, false},
		{"plain umask 077", cpR, 0o077, 0o644, 0o755, 0o600, 0o700, false},
		{"set-id bits without -p", cpR, 0o022, 0o6755, 0o755, 0o6755, 0o755, false},
		{"read-only directory", cpR, 0o022, 0o644, 0o500, 0o644, 0o500, false},
		{"-p", cpA, 0o077, 0o6750, 0o751, 0o6750, 0o751, true},
		{"-p read-only directory", cpA, 0o022, 0o400, 0o555, 0o400, 0o555, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.keep && !root {
				t.Skip("needs root to give files away")
			}
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			tree{"s/", "s/f"}.make(t, dir)
			if root {
				os.Lchown(p("s/f"), 1234, 5678)
				os.Lchown(p("s"), 4321, 8765)
			}
			os.Chmod(p("s/f"), os.FileMode(tt.src&0o777))
			unix.Chmod(p("s/f"), tt.src)
			unix.Chmod(p("s"), tt.dirMode)
			os.Chtimes(p("s/f"), at, mt)
			var warnings []string
			c := &Copier{Flags: tt.flags, Umask: tt.umask,
				Resolve: func(s string) string { return p(s) },
				Warnf:   func(f string, a ...any) { warnings = append(warnings, fmt.Sprintf(f, a...)) }}
			ok := c.Copy("s", "t")
			os.Chtimes(p("s/f"), at, mt) // reading it may have changed its atime
			if !ok || warnings != nil {
				t.Fatalf("copy: %v %q", ok, warnings)
			}
			f, d := lstat(t, p("t/f")), lstat(t, p("t"))
			if f.Mode&0o7777 != tt.wantFile || d.Mode&0o7777 != tt.wantDir {
				t.Errorf("modes %o %o, want %o %o", f.Mode&0o7777, d.Mode&0o7777, tt.wantFile, tt.wantDir)
			}
			owner := [4]uint32{f.Uid, f.Gid, d.Uid, d.Gid}
			kept := owner == [4]uint32{1234, 5678, 4321, 8765}
			if root && kept != tt.keep {
				t.Errorf("owners %v", owner)
			}
			times := time.Unix(f.Mtim.Unix()).Equal(mt) && time.Unix(f.Atim.Unix()).Equal(at)
			if times != tt.keep {
				t.Errorf("times kept %v: atime %v mtime %v", times, time.Unix(f.Atim.Unix()), time.Unix(f.Mtim.Unix()))
			}
		})
	}
}

// TestPreserveSymlink checks that -a keeps a symlink's owner.
func TestPreserveSymlink(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	dir := t.TempDir()
	tree{"l -> nowhere"}.make(t, dir)
	os.Lchown(filepath.Join(dir, "l"), 1234, 5678)
	c := &Copier{Flags: cpA, Resolve: func(s string) string { return filepath.Join(dir, s) }}
	if !c.Copy("l", "m") {
		t.Fatal("copy failed")
	}
	if st := lstat(t, filepath.Join(dir, "m")); st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d", st.Uid, st.Gid)
	}
}

func TestCancelled(t *testing.T) {
	dir := t.TempDir()
	tree{"s/", "s/a", "s/b"}.make(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c := &Copier{Flags: cpR, Context: ctx, Resolve: func(s string) string { return filepath.Join(dir, s) }}
	if c.Copy("s", "t") {
		t.Error("a cancelled copy succeeded")
	}
	if got := describe(t, filepath.Join(dir, "t")); len(got) != 0 {
		t.Errorf("copied %q", got)
	}
}

func TestStat(t *testing.T) {
	dir := t.TempDir()
	tree{"f", "d/", "ld -> d", "dang -> nowhere"}.make(t, dir)
	ctx := &applet.Ctx{Dir: dir}
	for _, tt := range []struct {
		name   string
		follow bool
		want   Kind
		err    string
	}{
		{"f", true, NonDir, ""},
		{"d", true, Dir, ""},
		{"ld", true, Dir, ""},
		{"ld", false, NonDir, ""},
		{"dang", true, Missing, ""},
		{"nope", false, Missing, ""},
		{"f/x", true, Missing, "can't stat 'f/x': Not a directory"},
	} {
		k, err := Stat(ctx, tt.name, tt.follow)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if k != tt.want || msg != tt.err {
			t.Errorf("Stat(%q, %v) = %v, %q; want %v, %q", tt.name, tt.follow, k, msg, tt.want, tt.err)
		}
	}
}

func TestOperands(t *testing.T) {
	for _, tt := range []struct {
		args              []string
		target            string
		hasTarget, noTarg bool
		srcs              []string
		dest              string
		many, usage       bool
	}{
		{args: []string{"a", "b"}, srcs: []string{"a"}, dest: "b"},
		{args: []string{"a", "b", "c"}, srcs: []string{"a", "b"}, dest: "c", many: true},
		{args: []string{"a"}, usage: true},
		{args: []string{"a", "b", "c"}, noTarg: true, usage: true},
		{args: []string{"a", "b"}, noTarg: true, srcs: []string{"a"}, dest: "b"},
		{args: []string{"a"}, target: "d", hasTarget: true, srcs: []string{"a"}, dest: "d", many: true},
	} {
		srcs, dest, many, err := Operands(tt.args, tt.target, tt.hasTarget, tt.noTarg)
		if (err != nil) != tt.usage || fmt.Sprint(srcs) != fmt.Sprint(tt.srcs) || dest != tt.dest || many != tt.many {
			t.Errorf("Operands(%q, %q, %v, %v) = %q %q %v %v", tt.args, tt.target, tt.hasTarget, tt.noTarg, srcs, dest, many, err)
		}
	}
}

// TestReflink: --reflink=auto clones where the filesystem can and copies
// otherwise; --reflink=always clones or fails as BusyBox does, leaving the
// empty destination. Which of the two the test directory's filesystem
// allows is asked of the kernel first, so the test checks the right one.
func TestReflink(t *testing.T) {
	probe := t.TempDir()
	tree{"a"}.make(t, probe)
	in, _ := os.Open(filepath.Join(probe, "a"))
	out, _ := os.Create(filepath.Join(probe, "b"))
	cloneErr := unix.IoctlFileClone(int(out.Fd()), int(in.Fd()))
	in.Close()
	out.Close()

	r := copyIn(t, tree{"f"}, Deref|Reflink, false, 0o022, "f", "auto")
	if !r.ok || len(r.warnings) != 0 {
		t.Errorf("--reflink=auto: ok %v warnings %q", r.ok, r.warnings)
	}
	r2 := copyIn(t, tree{"f"}, Deref|ReflinkAlways, false, 0o022, "f", "always")
	got := describe(t, r2.dir)
	if cloneErr == nil {
		if !r2.ok || len(r2.warnings) != 0 || got[0] != "always = f" {
			t.Errorf("--reflink=always where cloning works: ok %v warnings %q files %q", r2.ok, r2.warnings, got)
		}
		return
	}
	want := fmt.Sprintf("failed to clone 'always' from 'f': %s", applet.ErrText(cloneErr))
	if r2.ok || len(r2.warnings) != 1 || r2.warnings[0] != want || got[0] != "always = " {
		t.Errorf("--reflink=always without cloning: ok %v warnings %q (want %q) files %q", r2.ok, r2.warnings, want, got)
	}
	if b, _ := os.ReadFile(filepath.Join(r.dir, "auto")); string(b) != "f" {
		t.Errorf("--reflink=auto copied %q", b)
	}
}

// TestContents copies files whose data takes each way: the kernel's
// copy_file_range, one read(2) for an empty file, and a file that says
// it is empty but is not (/proc), which read(2) and fastcopy finish.
func TestContents(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 3<<20+17)
	for i := range big {
		big[i] = byte(i * 7 / 13)
	}
	os.WriteFile(filepath.Join(dir, "big"), big, 0o644)
	os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "small"), []byte("hello\n"), 0o644)
	for _, src := range []string{"big", "empty", "small", "/proc/version", "/proc/self/stat"} {
		want, err := os.ReadFile(filepath.Join(dir, src))
		if strings.HasPrefix(src, "/") {
			want, err = os.ReadFile(src)
		}
		if err != nil {
			t.Skip(err)
		}
		c := &Copier{Resolve: func(s string) string {
			if strings.HasPrefix(s, "/") {
				return s
			}
			return filepath.Join(dir, s)
		}}
		if !c.Copy(src, "copy") {
			t.Fatalf("%s: copy failed", src)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "copy"))
		if src == "/proc/self/stat" {
			// Its numbers move: compare the shape.
			got, want = got[:bytes.IndexByte(got, ')')], want[:bytes.IndexByte(want, ')')]
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: copied %d bytes, want %d", src, len(got), len(want))
		}
		os.Remove(filepath.Join(dir, "copy"))
	}
}

// TestDeep copies and walks a tree deeper than PATH_MAX: entries are
// named relative to their directory, so no path name is that long.
func TestDeep(t *testing.T) {
	dir := t.TempDir()
	name := strings.Repeat("n", 250)
	p := filepath.Join(dir, "s")
	os.Mkdir(p, 0o755)
	fd, err := unix.Open(p, unix.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	const depth = 20 // 20 * 251 bytes > 4096
	for range depth {
		unix.Mkdirat(fd, name, 0o755)
		next, err := unix.Openat(fd, name, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		unix.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
	}
	f, _ := unix.Openat(fd, "f", unix.O_WRONLY|unix.O_CREAT, 0o644)
	unix.Write(f, []byte("deep"))
	unix.Close(f)
	unix.Close(fd)
	r := func() run {
		var r run
		c := &Copier{Flags: cpA, Resolve: func(s string) string { return filepath.Join(dir, s) },
			Warnf: func(f string, a ...any) { r.warnings = append(r.warnings, fmt.Sprintf(f, a...)) }}
		r.ok = c.Copy("s", "t")
		return r
	}()
	if !r.ok || len(r.warnings) != 0 {
		t.Fatalf("copy failed: %q", r.warnings)
	}
	// Go down the copy by descriptors (filepath.Walk stops at PATH_MAX).
	fd, err = unix.Open(filepath.Join(dir, "t"), unix.O_RDONLY|unix.O_DIRECTORY, 0)
	for i := 0; err == nil && i < depth; i++ {
		var next int
		next, err = unix.Openat(fd, name, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		unix.Close(fd)
		fd = next
	}
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	f, err = unix.Openat(fd, "f", unix.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(f)
	buf := make([]byte, 10)
	if n, _ := unix.Read(f, buf); string(buf[:n]) != "deep" {
		t.Errorf("the deepest file holds %q", buf[:n])
	}
}
