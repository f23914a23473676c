// Package diff is the diff applet: BusyBox 1.36's diff (editors/diff.c)
// as Alpine builds it, with FEATURE_DIFF_LONG_OPTIONS and
// FEATURE_DIFF_DIR. Like BusyBox it writes unified diffs only, with
// BusyBox's headers ("--- NAME" without a time stamp), its choice of
// hunks (internal/diffalgo), and its directory comparison messages
// ("Only in", "Common subdirectories", "Files X and Y differ").
//
// Each file is read three times, as BusyBox reads it: once to find
// whether the files differ at all and whether they are binary (a NUL
// byte), once to hash every line, and once more for the lines that are
// checked or printed. Only each line's hash is kept (and where every
// 128th line starts), so memory grows with the number of lines, not
// their length. Input that cannot be read twice (a pipe, standard
// input) is first copied to an unlinked temporary file, as BusyBox
// does.
package diff

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is diff's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "diff",
	Path:  "/usr/bin",
	Usage: "[-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2",
	Help: `Compare files line by line and output the differences between them.
This implementation supports unified diffs only.

	-a	Treat all files as text
	-b	Ignore changes in the amount of whitespace
	-B	Ignore changes whose lines are all blank
	-d	Try hard to find a smaller set of changes
	-i	Ignore case differences
	-L	Use LABEL instead of the filename in the unified header
	-N	Treat absent files as empty
	-q	Output only whether files differ
	-r	Recurse
	--no-dereference Don't follow symlinks
	-S	Start with FILE when comparing directories
	-T	Make tabs line up by prefixing a tab when necessary
	-s	Report when two files are the same
	-t	Expand tabs to spaces in output
	-U	Output LINES lines of context
	-w	Ignore all whitespace`,
	Options: &opt.Spec{
		Short: "abdiL:NqrsS:tTU:wupBE",
		Long: "ignore-case=i ignore-tab-expansion=E ignore-space-change=b ignore-all-space=w " +
			"ignore-blank-lines=B text=a unified=U label=L show-c-function=p brief=q " +
			"expand-tabs=t initial-tab=T recursive=r new-file=N report-identical-files=s " +
			"starting-file=S minimal=d no-dereference",
		MinArgs: 2, MaxArgs: 2,
		// -u is the only format there is; -p and -E are accepted and
		// ignored, as BusyBox does.
		Undocumented: "u p E",
	},
	NoFork: true,
	Main:   run,
}

// Results of comparing two files (BusyBox's print_status values).
const (
	statusSame = iota
	statusDiffer
	statusBinary
)

// differ is one run of diff: its options and what it has found.
type differ struct {
	ctx     *applet.Ctx
	out     *bufio.Writer
	context int
	label   [2]string
	hasL    [2]bool
	// Options as flags.
	text, spaceChange, allSpace, icase, blank, minimal bool
	brief, same, expandTabs, initialTab, newFile       bool
	recursive, noDeref                                 bool
	start                                              string
	exit                                               int
	// tmpDir is where standard input or a pipe is copied to.
	tmpDir string
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	d := &differ{ctx: ctx, context: 3,
		text: o.Has("a"), spaceChange: o.Has("b"), allSpace: o.Has("w"), icase: o.Has("i"),
		blank: o.Has("B"), minimal: o.Has("d"), brief: o.Has("q"), same: o.Has("s"),
		expandTabs: o.Has("t"), initialTab: o.Has("T"), newFile: o.Has("N"),
		recursive: o.Has("r"), noDeref: o.Has("no-dereference"), start: o.Str("S"),
	}
	if o.Has("U") {
		n, err := opt.AtoiPositive(o.Str("U"))
		if err != nil {
			return err
		}
		d.context = n
	}
	// The first -L labels the old file, every later one the new file.
	for _, l := range o.List("L") {
		k := 0
		if d.hasL[0] {
			k = 1
		}
		d.label[k], d.hasL[k] = l, true
	}
	d.tmpDir = ctx.Getenv("TMPDIR")
	if d.tmpDir == "" {
		d.tmpDir = "/tmp"
	}
	d.out = ctx.BufWriter(ctx.Stdout, 64<<10)
	err = d.main(o.Args[0], o.Args[1])
	if ferr := d.out.Flush(); err == nil && ferr != nil {
		err = applet.Perror(ferr, "write error")
	}
	if err != nil {
		return err
	}
	return applet.Exit(d.exit)
}

// warn prints a message on stderr after what stdout holds so far, as
// BusyBox's messages flush stdio first.
func (d *differ) warn(err error, format string, args ...any) {
	d.out.Flush()
	d.ctx.Perror(err, format, args...)
}

// main compares the two operands: files, a file and a directory (the
// file of the same name in it), or two directories.
func (d *differ) main(name0, name1 string) error {
	file := [2]string{name0, name1}
	var st [2]syscall.Stat_t
	stdin := 0
	for i, name := range file {
		switch {
		case name == "-":
			stdin++
			if f := d.ctx.File(0); f != nil {
				syscall.Fstat(int(f.Fd()), &st[i])
			} else {
				// A stream: no file of its own.
				st[i].Mode = syscall.S_IFIFO
			}
		case d.newFile:
			if syscall.Stat(d.ctx.Path(name), &st[i]) != nil {
				syscall.Stat("/dev/null", &st[i])
			}
		default:
			if err := syscall.Stat(d.ctx.Path(name), &st[i]); err != nil {
				// "diff file missing" exits 2, as GNU diff does.
				return applet.PerrorCode(2, err, "can't stat '%s'", name)
			}
		}
	}
	isDir := func(s *syscall.Stat_t) bool { return s.Mode&syscall.S_IFMT == syscall.S_IFDIR }
	if stdin > 0 && (isDir(&st[0]) || isDir(&st[1])) {
		return applet.Errorf("can't compare stdin to a directory")
	}
	if sameFile(&st[0], &st[1]) {
		return nil
	}
	if isDir(&st[0]) && isDir(&st[1]) {
		return d.diffDir(file, st)
	}
	if dirfile := isDir(&st[0]) || isDir(&st[1]); dirfile {
		// "diff FILE DIR" compares FILE with DIR/FILE's last component.
		k := 0
		if isDir(&st[1]) {
			k = 1
		}
		base := file[1-k]
		if i := strings.LastIndexByte(base, '/'); i >= 0 {
			base = base[i+1:]
		}
		file[k] = concatPath(file[k], base)
		if err := syscall.Stat(d.ctx.Path(file[k]), &st[k]); err != nil {
			return applet.Perror(err, "can't stat '%s'", file[k])
		}
	}
	status := statusSame
	if stdin < 2 {
		var err error
		if status, err = d.diffFiles(file, file); err != nil {
			return err
		}
	}
	d.printStatus(status, file)
	return nil
}

// sameFile reports whether two stat results are the same file, unchanged
// (BusyBox compares these fields before reading anything).
func sameFile(a, b *syscall.Stat_t) bool {
	return a.Ino == b.Ino && a.Dev == b.Dev && a.Size == b.Size &&
		a.Mtim.Sec == b.Mtim.Sec && a.Ctim.Sec == b.Ctim.Sec && a.Mode == b.Mode &&
		a.Nlink == b.Nlink && a.Uid == b.Uid && a.Gid == b.Gid
}

// concatPath is libbb's concat_path_file: dir and name joined by one
// slash, unless dir ends in one; leading slashes of name dropped.
func concatPath(dir, name string) string {
	name = strings.TrimLeft(name, "/")
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

// printStatus prints the one-line verdict on a pair of files, when one
// is due.
func (d *differ) printStatus(status int, path [2]string) {
	switch status {
	case statusBinary, statusDiffer:
		if d.brief || status == statusBinary {
			d.out.WriteString("Files " + path[0] + " and " + path[1] + " differ\n")
		}
	case statusSame:
		if d.same {
			d.out.WriteString("Files " + path[0] + " and " + path[1] + " are identical\n")
		}
	}
}

// diffFiles compares two files (or /dev/null for a missing one under -N,
// or "-" for standard input) and prints their diff, unless -q; path are
// the names the headers use. A file that cannot be opened is reported
// and counts as the same, as in BusyBox.
func (d *differ) diffFiles(file, path [2]string) (int, error) {
	var in [2]*input
	defer func() {
		for _, f := range in {
			if f != nil {
				f.close()
			}
		}
	}()
	for i, name := range file {
		f, err := d.open(name)
		if err != nil {
			var ee *applet.ExitError
			if errors.As(err, &ee) {
				return statusSame, err
			}
			d.warn(err, "can't open '%s'", name)
			return statusSame, nil
		}
		in[i] = f
	}
	differ, binary, err := compareBytes(in)
	if err != nil {
		return statusSame, err
	}
	status := statusSame
	if differ {
		if binary && !d.text {
			status = statusBinary
		} else {
			changed, err := d.diff(in, path)
			if err != nil {
				return statusSame, err
			}
			if changed {
				status = statusDiffer
			}
		}
	}
	if status != statusSame {
		d.exit |= 1
	}
	return status, nil
}

// open opens one side of a comparison so that it can be read from its
// start as often as needed.
func (d *differ) open(name string) (*input, error) {
	if name == "-" {
		if f := d.ctx.File(0); f != nil {
			return d.seekable(f, false)
		}
		return d.spool(d.ctx.Stdin, nil)
	}
	f, err := os.Open(d.ctx.Path(name))
	if err != nil {
		if !d.newFile {
			return nil, err
		}
		if f, err = os.Open("/dev/null"); err != nil {
			return nil, applet.Perror(err, "can't open '%s'", "/dev/null")
		}
	}
	return d.seekable(f, true)
}

// seekable returns f as an input if it can be read from its start again
// (BusyBox tries lseek), or a copy of what is left in it.
func (d *differ) seekable(f *os.File, owned bool) (*input, error) {
	if _, err := f.Seek(0, io.SeekStart); errors.Is(err, syscall.ESPIPE) {
		var closer *os.File
		if owned {
			closer = f
		}
		return d.spool(f, closer)
	}
	in := &input{r: f}
	if owned {
		in.file = f
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		in.size = fi.Size()
	} else {
		in.size = -1
	}
	return in, nil
}

// spool copies r to an unlinked temporary file and returns that.
func (d *differ) spool(r io.Reader, src *os.File) (*input, error) {
	if src != nil {
		defer src.Close()
	}
	tmp, err := os.CreateTemp(d.tmpDir, "dif")
	if err != nil {
		return nil, applet.Perror(err, "can't create temp file '%s/difXXXXXX'", d.tmpDir)
	}
	os.Remove(tmp.Name())
	n, err := io.Copy(tmp, r)
	if err != nil {
		tmp.Close()
		return nil, applet.Perror(err, "read error")
	}
	return &input{r: tmp, file: tmp, size: n}, nil
}
