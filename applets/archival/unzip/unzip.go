// Package unzip is the unzip applet: BusyBox 1.36's options, listings,
// prompt and messages, over internal/zipfmt (the headers) and
// internal/untar (writing beneath the target). As BusyBox with its
// central-directory support, a seekable archive is walked by its central
// directory (so sizes of streamed members, Unix modes and symlinks are
// known) and an archive on a pipe by its local headers.
//
// Beyond BusyBox (docs/compat/unzip.md): zip64 sizes and offsets,
// modification times restored, every member's CRC checked, and a member
// that inflates past its declared size, or members that overlap (zip
// bombs), stop the extraction.
package unzip

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/dirent"
	"gobox/internal/opt"
	"gobox/internal/untar"
	"gobox/internal/zipfmt"
	"gobox/shell/pattern"
)

// Applet is unzip's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "unzip",
	Path:  "/usr/bin",
	Usage: "[-lnojpqK] FILE[.zip] [FILE]... [-x FILE]... [-d DIR]",
	Help: `Extract FILEs from ZIP archive

	-l	List contents (with -q for short form)
	-n	Never overwrite files (default: ask)
	-o	Overwrite
	-j	Do not restore paths
	-p	Write to stdout
	-t	Test
	-q	Quiet
	-K	Do not clear SUID bit
	-x FILE	Exclude FILEs
	-d DIR	Extract into DIR`,
	// Operands before -x are members to extract, after it members to
	// leave out: an order getopt32 cannot keep, so Main reads them as
	// BusyBox's getopt loop does.
	Options: &opt.Spec{Short: "d:lnotpqxjvK", Manual: true, Undocumented: "v"},
	NoFork:  true,
	Main:    run,
}

// overwrite modes.
const (
	askUser = iota
	never
	always
)

// options are the parsed command line.
type options struct {
	list, exclude, junk, keepSUID bool
	verbose                       bool // -v: the long listing
	quiet                         int
	toStdout, test                bool
	overwrite                     int
	src                           string
	accept, reject                []string
	dir                           string
}

// parseArgs reads the arguments as musl's getopt with a leading "-" in
// the option string returns them: in order, operands as they come.
func parseArgs(args []string) (*options, error) {
	o := &options{}
	operand := func(a string) {
		switch {
		case o.src == "":
			o.src = a
		case !o.exclude:
			o.accept = append(o.accept, a)
		default:
			o.reject = append(o.reject, a)
		}
	}
	i := 0
	for ; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			i++
			break
		}
		if len(a) < 2 || a[0] != '-' {
			operand(a)
			continue
		}
		for j := 1; j < len(a); j++ {
			switch c := a[j]; c {
			case 'd':
				switch {
				case j+1 < len(a):
					o.dir = a[j+1:]
				case i+1 < len(args):
					i++
					o.dir = args[i]
				default:
					return nil, &applet.UsageError{Msg: "option requires an argument: d"}
				}
				j = len(a)
			case 'l':
				o.list = true
			case 'n':
				o.overwrite = never
			case 'o':
				o.overwrite = always
			case 't':
				o.test = true
				o.toStdout = true
				o.quiet++
			case 'p':
				o.toStdout = true
				o.quiet++
			case 'q':
				o.quiet++
			case 'v':
				o.verbose = true
				o.list = true
			case 'x':
				o.exclude = true
			case 'j':
				o.junk = true
			case 'K':
				o.keepSUID = true
			default:
				return nil, &applet.UsageError{Msg: "unrecognized option: " + string(c)}
			}
		}
	}
	// After "--" BusyBox's fallback for getopts without "-" takes the
	// rest: the first as the archive (again), the others as members.
	if i < len(args) {
		o.src = args[i]
		o.accept = append(o.accept, args[i+1:]...)
	}
	if o.src == "" {
		return nil, &applet.UsageError{}
	}
	return o, nil
}

// unzipper is one run.
type unzipper struct {
	ctx  *applet.Ctx
	o    *options
	out  *bufio.Writer
	in   *input
	x    *untar.Extractor
	root int // the target directory, for lstat (-1 without one)
	loc  *time.Location
	keys *bufio.Reader // answers to the prompt

	accept, reject []*pattern.Pattern
	buf            []byte // the copy buffer, for every member
	inflate        io.ReadCloser
	// parent is the directory of the last name lstat looked up
	// (a clean path: untar.Clean), and pfd its descriptor (-1: none
	// open): members come by directory, and the next one's parent
	// is the same.
	parent []byte
	pfd    int
	warned bool // "removing leading" said once
	spans  spans
	// errno is the last error of a system call that BusyBox makes and
	// lets pass (an lstat that finds nothing, a mkdir of an existing -d
	// DIR): its message for the end of stdin at a prompt ends with it.
	errno syscall.Errno

	// The member at hand, reused from member to member so that one
	// costs no allocation: its headers (central and local) and what
	// they were read into, its reader and data, the entry made of it,
	// and lstat's clean path and NUL-terminated names.
	ch, lh     zipfmt.Header
	cbuf, lbuf []byte
	m          member
	lim        limited
	e          untar.Entry
	name       []byte // a name given at the prompt ("new name")
	clean      []byte
	cname      dirent.CBuf
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := parseArgs(args)
	if err != nil {
		return err
	}
	u := &unzipper{ctx: ctx, o: o, root: -1, pfd: -1}
	for _, p := range o.accept {
		u.accept = append(u.accept, pattern.Compile(p))
	}
	for _, p := range o.reject {
		u.reject = append(u.reject, pattern.Compile(p))
	}
	if o.test {
		// BusyBox sends stdout to /dev/null.
		u.out = bufio.NewWriterSize(io.Discard, 16)
	} else {
		u.out = ctx.BufWriter(ctx.Stdout, 32<<10)
	}
	err = u.main()
	if ferr := u.out.Flush(); err == nil && ferr != nil {
		err = applet.Perror(ferr, "write error")
	}
	u.close()
	return err
}

func (u *unzipper) close() {
	if u.in != nil {
		u.in.close()
	}
	if u.root >= 0 {
		closeFd(u.root)
	}
	if u.pfd >= 0 {
		closeFd(u.pfd)
	}
}

func (u *unzipper) main() error {
	in, name, err := openInput(u.ctx, u.o.src)
	if err != nil {
		return err
	}
	return u.from(in, name)
}

// from lists, tests or extracts the archive in, which opened as name.
func (u *unzipper) from(in *input, name string) error {
	ctx, o := u.ctx, u.o
	var err error
	if name != o.src {
		u.errno = syscall.ENOENT
	}
	u.in = in
	if o.src == "-" && o.overwrite == askUser {
		// The archive arrives on stdin: there is no one to ask.
		o.overwrite = never
	}
	u.keys = bufio.NewReaderSize(ctx.Stdin, 80)
	u.loc = datetime.Location(ctx.LookupEnv("TZ"))
	dir := ctx.Dir
	if o.dir != "" {
		// BusyBox makes one level, and errors do not matter yet.
		dir = ctx.Path(o.dir)
		var en syscall.Errno
		if err := os.Mkdir(dir, 0o777); errors.As(err, &en) {
			u.errno = en
		}
	}
	extracting := !o.list && !o.toStdout
	if o.dir != "" || extracting {
		if u.root, err = openRoot(dir, o.dir); err != nil {
			return err
		}
	}
	if extracting {
		u.x, err = untar.New(untar.Options{
			Dir: dir,
			// Modes come exactly as BusyBox makes them: run() masks
			// files' with the umask as open(2) would, and directories
			// get theirs as bb_make_directory chmods them.
			Perms:   true,
			Replace: untar.Overwrite,
			Warn:    func(msg string) { u.ctx.Warnf("%s", msg) },
			Context: ctx.Context,
		})
		if err != nil {
			return err
		}
	}
	err = u.walk(name)
	if u.x != nil {
		if err != nil {
			u.x.Abort()
		} else {
			err = u.x.Close()
			if err == nil && u.x.Failed() {
				err = applet.Exit(1)
			}
		}
	}
	return err
}

// walk prints the headings, goes through the members and prints the
// totals.
func (u *unzipper) walk(name string) error {
	o := u.o
	if o.quiet <= 1 {
		if o.quiet == 0 {
			fmt.Fprintf(u.out, "Archive:  %s\n", printable(name))
		}
		if o.list {
			if o.verbose {
				u.out.WriteString(" Length   Method    Size  Cmpr    Date    Time   CRC-32   Name\n" +
					"--------  ------  ------- ---- ---------- ----- --------  ----\n")
			} else {
				u.out.WriteString("  Length      Date    Time    Name\n" +
					"---------  ---------- -----   ----\n")
			}
		}
	}
	var t totals
	var err error
	if u.in.ra != nil {
		err = u.walkCentral(&t)
	} else {
		err = u.walkLocal(&t)
	}
	if err != nil {
		return u.fail(err)
	}
	if o.list && o.quiet <= 1 {
		if !o.verbose {
			fmt.Fprintf(u.out, " --------%21s-------\n%9d%21s%d files\n", "", t.usize, "", t.entries)
		} else {
			fmt.Fprintf(u.out, "--------          ------- ----%28s----\n%8d%17d%4d%%%28s%d files\n",
				"", t.usize, t.csize, ratio(t.usize, t.csize), "", t.entries)
		}
	}
	return nil
}

// fail words an error as BusyBox dies of it.
func (u *unzipper) fail(err error) error {
	var ze zipfmt.Error
	if errors.As(err, &ze) {
		return applet.Errorf("%s", ze)
	}
	var ce *corruptError
	if errors.As(err, &ce) {
		u.ctx.Warnf("%s", ce.msg)
		return applet.Errorf("inflate error")
	}
	return err
}

// totals are the listing's last line.
type totals struct {
	usize, csize uint64
	entries      int
}

// ratio is the listing's "Cmpr" percentage: what compression saved.
func ratio(usize, csize uint64) uint64 {
	if usize <= csize {
		return 0
	}
	return (usize - csize) * 100 / usize
}

// walkCentral goes through the members by the central directory.
func (u *unzipper) walkCentral(t *totals) error {
	f := u.in.ra
	off, ok := zipfmt.FindCentral(f, u.in.size)
	if !ok {
		// BusyBox goes on reading where its search left the file: at
		// the end.
		return zipfmt.ErrShort
	}
	dir := &window{r: f, buf: make([]byte, 0, 64<<10)}
	data := &members{r: f, size: u.in.size}
	c, h := &u.ch, &u.lh
	for {
		var next int64
		var end bool
		var err error
		u.cbuf, next, end, err = zipfmt.ReadCentralInto(dir, off, c, u.cbuf)
		if err != nil {
			return err
		}
		if end {
			return nil
		}
		off = next
		// As in BusyBox, the local header's signature is not
		// checked: the central directory said a member is there.
		start := int64(c.Offset)
		lr := data.at(start + 4)
		if u.lbuf, err = zipfmt.ReadLocalInto(lr, h, u.lbuf); err != nil {
			return err
		}
		if h.Encrypted() {
			return applet.Errorf("zip flag 1 (encryption) is not supported")
		}
		if h.Flags&zipfmt.FlagDataDesc != 0 || h.Size == zipfmt.Unknown || h.CompSize == zipfmt.Unknown {
			// Sizes of a streamed member are only in the central
			// directory.
			h.CRC32, h.CompSize, h.Size = c.CRC32, c.CompSize, c.Size
			h.CompSize32, h.Size32 = c.CompSize32, c.Size32
		}
		if !h.HasMtime {
			h.Mtime, h.HasMtime = c.Mtime, c.HasMtime
		}
		mode, unix := c.UnixMode()
		if !u.o.list {
			end := start + 30 + int64(h.NameLen+h.ExtraLen) + int64(h.CompSize)
			if err := u.spans.add(start, end); err != nil {
				return err
			}
		}
		// The data follows the local header, where lr now is.
		n := h.CompSize
		if h.Method == zipfmt.Store {
			n = h.Size
		}
		u.lim = limited{r: lr, n: int64(n)}
		u.m = member{u: u, h: h, unixMode: unix, mode: mode, src: &u.lim}
		if err := u.member(&u.m, u.lbuf[:h.NameLen], t); err != nil {
			return err
		}
	}
}

// walkLocal goes through the members by their local headers, for an
// archive that cannot be seeked.
func (u *unzipper) walkLocal(t *totals) error {
	br := u.in.br
	h := &u.lh
	for {
		magic, err := br.Peek(4)
		if err != nil {
			return zipfmt.ErrShort
		}
		m := le32(magic)
		br.Discard(4)
		switch m {
		case zipfmt.SigCentral:
			return nil
		case zipfmt.SigDataDesc:
			if _, err := br.Discard(12); err != nil {
				return zipfmt.ErrShort
			}
			continue
		case zipfmt.SigLocal:
		default:
			return zipfmt.MagicError(m)
		}
		if u.lbuf, err = zipfmt.ReadLocalInto(br, h, u.lbuf); err != nil {
			return err
		}
		if h.Flags&zipfmt.FlagDataDesc != 0 {
			return applet.Errorf("zip flag 8 (streaming) is not supported")
		}
		if h.Encrypted() {
			return applet.Errorf("zip flag 1 (encryption) is not supported")
		}
		n := h.CompSize
		if h.Method == zipfmt.Store {
			n = h.Size
		}
		u.lim = limited{r: br, n: int64(n)}
		lim := &u.lim
		u.m = member{u: u, h: h, src: lim}
		if err := u.member(&u.m, u.lbuf[:h.NameLen], t); err != nil {
			return err
		}
		// What the decompressor left of the member's bytes.
		if _, err := io.Copy(io.Discard, lim); err != nil || lim.n > 0 {
			return zipfmt.ErrShort
		}
	}
}

// member lists, tests or extracts one member named raw (in the buffer
// its header was read into).
func (u *unzipper) member(m *member, raw []byte, t *totals) error {
	// One goroutine that runs for 10 ms without being
	// rescheduled has its P taken by sysmon if it is then in a
	// system call, and sysmon, having taken one, polls again
	// every 20 us: with file creations slowed by the kernel
	// (ext4 without a journal skips the inodes deleted in the
	// last half minute, one by one), that was a P handed off
	// and taken back every 10 ms and 5,000 wake-ups a second,
	// about 6% of the CPU time of an extraction. Yielding once
	// a member starts a new time slice, for about 0.2 us.
	runtime.Gosched()
	o, h := u.o, m.h
	t.entries++
	fileMode, dirMode := uint32(0o666), uint32(0o777)
	if m.unixMode {
		fileMode = m.mode
		if !o.keepSUID {
			fileMode &^= 0o6000
		}
		dirMode = fileMode
	}
	name, removed := untar.StripUnsafe(raw)
	if len(removed) > 0 && !u.warned {
		u.warned = true
		u.ctx.Warnf("removing leading '%s' from member names", removed)
	}
	if len(u.reject) > 0 || len(u.accept) > 0 {
		if s := string(name); matchAny(u.reject, s) || len(u.accept) > 0 && !matchAny(u.accept, s) {
			return nil
		}
	}
	if o.list {
		u.listLine(h, string(name))
		t.usize += h.Size
		t.csize += h.CompSize
		return nil
	}
	isLink := fileMode&0o170000 == 0o120000
	if o.toStdout {
		if isLink {
			return nil
		}
		return m.extract(u.out)
	}
	if o.junk {
		if i := bytes.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		}
	}
	if len(name) == 0 {
		return nil
	}
	if name[len(name)-1] == '/' {
		return u.dir(name, h, dirMode)
	}
	return u.file(name, m, fileMode, isLink)
}

// listLine prints one member of a listing.
func (u *unzipper) listLine(h *zipfmt.Header, name string) {
	date := fmt.Sprintf("%02d-%02d-%04d %02d:%02d", h.DOSDate>>5&0xf, h.DOSDate&0x1f,
		int(h.DOSDate>>9)+1980, h.DOSTime>>11, h.DOSTime>>5&0x3f)
	if !u.o.verbose {
		fmt.Fprintf(u.out, "%9d  %s   %s\n", h.Size, date, printable(name))
		return
	}
	method := fmt.Sprintf("%6d", h.Method)
	switch h.Method {
	case zipfmt.Store:
		method = "Stored"
	case zipfmt.Deflate:
		method = "Defl:" + string("NXFS"[h.Flags>>1&3])
	}
	fmt.Fprintf(u.out, "%8d  %s%9d%4d%% %s %08x  %s\n", h.Size, method, h.CompSize,
		ratio(h.Size, h.CompSize), date, h.CRC32, printable(name))
}

// dir makes a directory member, unless something is there already.
func (u *unzipper) dir(name []byte, h *zipfmt.Header, mode uint32) error {
	st, there, err := u.lstat(name)
	if err != nil {
		return applet.Perror(err, "can't stat '%s'", name)
	}
	if there {
		if !st.isDir() {
			return applet.Errorf("'%s' exists but is not a directory", printable(string(name)))
		}
		return nil
	}
	if u.o.quiet == 0 {
		fmt.Fprintf(u.out, "   creating: %s\n", printable(string(name)))
	}
	u.e = untar.Entry{Name: name, Kind: untar.Dir, Mode: mode & 0o7777, ModTime: h.ModTime(u.loc)}
	return u.x.Extract(&u.e, nil)
}

// file extracts a file or symlink member, asking first when something
// is in the way.
func (u *unzipper) file(name []byte, m *member, mode uint32, isLink bool) error {
	want := mode & 0o7777 &^ uint32(u.ctx.Umask)
	for {
		mode := want
		st, there, err := u.lstat(name)
		if err != nil {
			return applet.Perror(err, "can't stat '%s'", name)
		}
		key := byte('y')
		if there {
			if u.o.overwrite == never {
				return nil
			}
			if !st.isReg() {
				return applet.Errorf("'%s' exists but is not a regular file", printable(string(name)))
			}
			if u.o.overwrite == askUser {
				fmt.Fprintf(u.out, "replace %s? [y]es, [n]o, [A]ll, [N]one, [r]ename: ", printable(string(name)))
				line, err := u.ask()
				if err != nil {
					return err
				}
				// The answer may have taken long: is it still a file?
				if st, there, err = u.lstat(name); err != nil || !there || !st.isReg() {
					return applet.Errorf("'%s' exists but is not a regular file", printable(string(name)))
				}
				key = line[0]
			}
			// A file rewritten in place keeps its mode, as with
			// BusyBox's O_TRUNC.
			mode = st.mode & 0o7777
		}
		switch key {
		case 'A':
			u.o.overwrite = always
			fallthrough
		case 'y':
			return u.write(name, m, mode, isLink)
		case 'N':
			u.o.overwrite = never
			fallthrough
		case 'n':
			return nil
		case 'r':
			u.out.WriteString("new name: ")
			line, err := u.ask()
			if err != nil {
				return err
			}
			u.name = append(u.name[:0], strings.TrimRight(line, "\n")...)
			name = u.name
		default:
			fmt.Fprintf(u.out, "error: invalid response [%c]\n", key)
		}
	}
}

// ask reads an answer from stdin, as BusyBox's fgets of 80 bytes.
func (u *unzipper) ask() (string, error) {
	if err := u.out.Flush(); err != nil {
		return "", applet.Perror(err, "write error")
	}
	line, err := u.keys.ReadSlice('\n')
	// The answer may have taken long: names are looked up afresh.
	if u.pfd >= 0 {
		closeFd(u.pfd)
		u.pfd = -1
	}
	if err == bufio.ErrBufferFull {
		err = nil
	}
	if len(line) == 0 {
		if err == nil || err == io.EOF {
			if u.errno != 0 {
				return "", applet.Perror(u.errno, "can't read standard input")
			}
			return "", applet.Errorf("can't read standard input")
		}
		return "", applet.Perror(err, "can't read standard input")
	}
	return string(line), nil
}

// write creates the file or symlink.
func (u *unzipper) write(name []byte, m *member, mode uint32, isLink bool) error {
	h := m.h
	e := &u.e
	*e = untar.Entry{Name: name, Kind: untar.Regular, Mode: mode, ModTime: h.ModTime(u.loc), Size: int64(h.Size)}
	if isLink {
		if u.o.quiet == 0 {
			fmt.Fprintf(u.out, "  inflating: %s\n", printable(string(name)))
		}
		target, err := m.linkTarget()
		if err != nil {
			return err
		}
		e.Kind, e.Linkname = untar.Symlink, []byte(target)
		return u.x.Extract(e, nil)
	}
	// The line comes once the file is open, as in BusyBox (nothing to
	// say, and no closure to allocate, with -q).
	if u.o.quiet == 0 {
		m.opened = func() {
			fmt.Fprintf(u.out, "  inflating: %s\n", printable(string(name)))
		}
	}
	return u.x.Extract(e, m)
}

func matchAny(ps []*pattern.Pattern, name string) bool {
	for _, p := range ps {
		if p.Match(name) {
			return true
		}
	}
	return false
}

// printable replaces control characters by '?', as BusyBox's
// printable_string.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] < ' ' || b[j] == 0x7f {
					b[j] = '?'
				}
			}
			return string(b)
		}
	}
	return s
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}
