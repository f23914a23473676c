// Package patch is the patch applet: BusyBox 1.36's patch (editors/patch.c,
// adapted from toybox), which applies unified diffs only. Alpine builds
// BusyBox without patch (it ships GNU patch), so the reference is
// BusyBox's own source and tests, and Debian's BusyBox build, which has it.
//
// As in BusyBox, a hunk is found by its content, not its line numbers:
// its context and deleted lines are searched for from where the previous
// hunk ended, so hunks apply at any offset, but in order and without
// fuzz. The file patched is the one the "+++" line names (the "---" one
// with -R), stripped of all its directories unless -p says how many. A
// hunk that does not apply is printed on stderr after "Hunk N FAILED
// OLD/NEW.", and the rest of that file's hunks are dropped, leaving the
// file as it was; the status is then 1.
//
// Each file is written to a temporary file beside it, synced and renamed
// over it once all its hunks applied, so an error or interruption leaves
// the old file or the new one, never a mix. Unlike BusyBox, "\ No newline
// at end of file" markers are understood (BusyBox fails the hunk), and
// lines keep or lack their final newline as the diff says, so that a
// diff's output always patches back exactly. Added from GNU patch: -o
// FILE, -b, -s, -t.
package patch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/makedir"
	"gobox/internal/opt"
)

// Applet is patch's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "patch",
	Path:  "/usr/bin",
	Usage: "[-RNE] [-p N] [-i DIFF] [ORIGFILE [PATCHFILE]]",
	Help: `	-p N	Strip N leading components from file names
	-i DIFF	Read DIFF instead of stdin
	-R	Reverse patch
	-N	Ignore already applied patches
	-E	Remove output files if they become empty
	--dry-run	Don't actually change files`,
	Options: &opt.Spec{
		Short: "Rup:i:NEfgbo:st",
		Long: "reverse=R unified=u strip=p input=i forward=N remove-empty-files=E force=f " +
			"get: dry-run backup-if-mismatch no-backup-if-mismatch " +
			"backup=b output=o silent=s quiet=s batch=t",
		Undocumented: "u f g get backup-if-mismatch no-backup-if-mismatch b o s t",
	},
	NoFork: true,
	Main:   run,
}

// hline is one line of a hunk: its kind (' ', '+' or '-'), its text
// without the kind, and whether a "\ No newline at end of file" marker
// followed it.
type hline struct {
	kind byte
	text string
	noNL bool
}

// iline is one line of the file being patched.
type iline struct {
	text string
	nl   bool
}

// patcher is one run of patch and the state of the file being patched.
type patcher struct {
	ctx                            *applet.Ctx
	stdout                         *bufio.Writer
	reverse, forward, rmEmpty, dry bool
	backup, silent                 bool
	hasP                           bool
	prefix                         int
	file                           string // ORIGFILE, overriding the names in the patch
	output                         string // -o FILE
	exit                           int

	// The file being patched: open is BusyBox's filein != -1.
	open     bool
	name     string // as the patch (or ORIGFILE) names it
	creating bool   // the file did not exist: the patch creates it
	in       *bufio.Reader
	inFile   *os.File
	out      *bufio.Writer
	tmp      *os.File // the temporary file, renamed over name at the end
	tmpPath  string
	mode     os.FileMode
	linenum  int
	hunknum  int
	inOff    int64 // bytes of the file read by readInput
	pos      int   // lines of the file written out or replaced so far
	delta    int   // where the last hunk applied, less where it said

	oldline, oldlen, newline, newlen int
	context                          int
	hunk                             []hline

	// -o: every file's result goes to one temporary file beside the
	// output, renamed over it at the end; start is where the current
	// file's result begins in it.
	oTmp     *os.File
	oTmpPath string
	oStart   int64
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	p := &patcher{ctx: ctx, reverse: o.Has("R"), forward: o.Has("N"), rmEmpty: o.Has("E"),
		dry: o.Has("dry-run"), backup: o.Has("b"), silent: o.Has("s"), output: o.Str("o")}
	p.stdout = bufio.NewWriter(ctx.Stdout)
	if o.Has("p") {
		// BusyBox's xatoi: a sign is allowed, and -p -1 strips all.
		n, err := strconv.Atoi(o.Str("p"))
		if err != nil {
			return applet.Errorf("invalid number '%s'", o.Str("p"))
		}
		p.hasP, p.prefix = true, n
	}
	var src io.Reader = ctx.Stdin
	name := ""
	switch {
	case o.Has("i"):
		name = o.Str("i")
	case len(o.Args) >= 2:
		name = o.Args[1]
	}
	if name != "" && name != "-" {
		f, err := os.Open(ctx.Path(name))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", name)
		}
		defer f.Close()
		src = f
	}
	if len(o.Args) > 0 {
		p.file = o.Args[0]
	}
	err = p.run(bufio.NewReaderSize(src, 64<<10))
	if err != nil {
		p.abort()
	} else {
		err = p.finishOutput()
	}
	if ferr := p.stdout.Flush(); err == nil && ferr != nil {
		err = applet.Perror(ferr, "write error")
	}
	if err != nil {
		return err
	}
	return applet.Exit(p.exit)
}

// warnf prints on stderr after what stdout holds, so that the two stay
// in order on one terminal or file.
func (p *patcher) warnf(format string, args ...any) {
	p.stdout.Flush()
	fmt.Fprintf(p.ctx.Stderr, format, args...)
}

// say prints one of patch's progress lines ("patching file X").
func (p *patcher) say(format string, args ...any) {
	if !p.silent {
		fmt.Fprintf(p.stdout, format, args...)
	}
}

// readLine reads one line of the patch without its newline; ok is false
// at the end.
func readLine(r *bufio.Reader) (string, bool, error) {
	s, err := r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", false, applet.Perror(err, "read error")
	}
	if s == "" && err == io.EOF {
		return "", false, nil
	}
	return strings.TrimSuffix(s, "\n"), true, nil
}

// Parser states (BusyBox's): looking for "+++", for "@@", counting a
// hunk's leading context, in a hunk's body.
const (
	stateNone = iota
	stateFile
	stateContext
	stateBody
)

// run reads the patch and applies each hunk as soon as it is complete.
func (p *patcher) run(r *bufio.Reader) error {
	state := stateNone
	var minus, plus string
	var haveMinus, havePlus bool
	oldlen, newlen := 0, 0
	var pending string // a line read ahead, after a complete hunk
	havePending := false
	for {
		if err := p.ctx.Err(); err != nil {
			return err
		}
		var line string
		if havePending {
			line, havePending = pending, false
		} else {
			var ok bool
			var err error
			line, ok, err = readLine(r)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
		}
		// Damaged patches lose the blank of empty context lines.
		if line == "" {
			line = " "
		}
		if state >= stateContext {
			switch {
			case line[0] == ' ' || line[0] == '+' || line[0] == '-':
				p.hunk = append(p.hunk, hline{kind: line[0], text: line[1:]})
				if line[0] != '+' {
					oldlen--
				}
				if line[0] != '-' {
					newlen--
				}
				if line[0] == ' ' && state == stateContext {
					p.context++
				} else {
					state = stateBody
				}
				if oldlen == 0 && newlen == 0 {
					// A marker may follow the hunk's last line.
					next, ok, err := readLine(r)
					if err != nil {
						return err
					}
					if ok && strings.HasPrefix(next, `\`) {
						p.hunk[len(p.hunk)-1].noNL = true
					} else if ok {
						pending, havePending = next, true
					}
					var err2 error
					state, err2 = p.applyHunk()
					if err2 != nil {
						return err2
					}
				}
				continue
			case line[0] == '\\' && len(p.hunk) > 0:
				// "\ No newline at end of file" after a line within
				// the hunk (BusyBox fails the hunk here).
				p.hunk[len(p.hunk)-1].noNL = true
				continue
			}
			if err := p.failHunk(); err != nil {
				return err
			}
			state = stateNone
			continue
		}
		switch {
		case strings.HasPrefix(line, "--- ") || strings.HasPrefix(line, "+++ "):
			if line[0] == '+' {
				state = stateFile
			}
			if err := p.finishFile(); err != nil {
				return err
			}
			if p.file == "" {
				name := fileName(line[4:])
				if line[0] == '+' {
					plus, havePlus = name, true
				} else {
					minus, haveMinus = name, true
				}
			}
		case state == stateFile && strings.HasPrefix(line, "@@ -"):
			p.oldlen, p.newlen = 1, 1
			s := line[4:]
			p.oldline, s = strtol(s)
			if strings.HasPrefix(s, ",") {
				p.oldlen, s = strtol(s[1:])
			}
			if len(s) >= 2 {
				s = s[2:]
			} else {
				s = ""
			}
			p.newline, s = strtol(s)
			if strings.HasPrefix(s, ",") {
				p.newlen, _ = strtol(s[1:])
			}
			oldlen, newlen = p.oldlen, p.newlen
			if oldlen < 1 && newlen < 1 {
				return applet.Errorf("Really? %s", line)
			}
			p.context = 0
			p.hunk = p.hunk[:0]
			state = stateContext
			if !haveMinus {
				minus, haveMinus = "MISSING_FILENAME", true
			}
			if !havePlus {
				plus, havePlus = "MISSING_FILENAME", true
			}
			if !p.open {
				var err error
				if state, err = p.openFile(minus, plus); err != nil {
					return err
				}
			}
			p.hunknum++
		}
	}
	return p.finishFile()
}

// fileName takes the name from a "---" or "+++" line: up to a tab (a
// backslash escapes the next character, and stays), or /dev/null when
// the time stamp after the tab is in 1901..1970, as diff -N writes it.
func fileName(s string) string {
	k := 0
	for k < len(s) && s[k] != '\t' {
		if s[k] == '\\' && k+1 < len(s) {
			k++
		}
		k++
	}
	if y := atoi(s[k:]); y > 1900 && y <= 1970 {
		return "/dev/null"
	}
	return s[:k]
}

// atoi is C's atoi: leading white space, a sign, digits, the rest
// ignored.
func atoi(s string) int {
	n, _ := strtol(s)
	return n
}

// strtol is C's strtol in base 10: the number at the start of s (after
// white space and a sign; 0 if none) and what follows it.
func strtol(s string) (int, string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	j := i
	if j < len(s) && (s[j] == '+' || s[j] == '-') {
		neg = s[j] == '-'
		j++
	}
	k := j
	n := 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		if n < 1<<40 {
			n = n*10 + int(s[k]-'0')
		}
		k++
	}
	if k == j {
		return 0, s
	}
	if neg {
		n = -n
	}
	return n, s[k:]
}

// strip removes the leading directories of name that -p asks for (all of
// them without -p), as BusyBox counts them: a run of slashes is one.
func (p *patcher) strip(name string) string {
	i := 0
	for s := 0; s < len(name); {
		if p.hasP && p.prefix == i {
			break
		}
		c := name[s]
		s++
		if c != '/' {
			continue
		}
		for s < len(name) && name[s] == '/' {
			s++
		}
		i++
		name, s = name[s:], 0
	}
	return name
}

// openFile starts patching the file that the first hunk of a file's
// patch is for (minus and plus are the names of its "---" and "+++"
// lines), and returns the parser's next state.
//
// The file is the one the "+++" line names, or the "---" one when that
// is /dev/null. It is created when the side patched from is /dev/null or
// starts at line 0 with no lines (unless it exists and is empty, or the
// patch adds lines at its top); when the side patched to is empty, the
// file is "removed" (-E) or "patched" as BusyBox words it, and its hunks
// are still checked. BusyBox empties or removes such a file without
// looking at it, and gets the names wrong under -R; here -R swaps the
// sides and nothing else.
func (p *patcher) openFile(minus, plus string) (int, error) {
	from, to := minus, plus
	fromSum, toSum := p.oldline+p.oldlen, p.newline+p.newlen
	if p.reverse {
		from, to = to, from
		fromSum, toSum = toSum, fromSum
	}
	name := plus
	if name == "/dev/null" {
		name = minus
	}
	name = p.strip(name)
	if p.file != "" {
		name = p.file
	}
	defer p.stdout.Flush()
	p.name = name
	p.linenum, p.hunknum = 0, 0
	p.inOff, p.pos, p.delta = 0, 0, 0
	p.creating = from == "/dev/null" || fromSum == 0
	if fi, err := os.Lstat(p.ctx.Path(name)); p.creating && err == nil && fi.Mode().IsRegular() &&
		(fi.Size() == 0 || from != "/dev/null") {
		// "@@ -0,0" adds lines at the top of a file (diff -U0), or to
		// an empty one: BusyBox takes it for a file to create and
		// fails, as the file exists; this patches it, as GNU patch
		// does.
		p.creating = false
	}
	switch {
	case (to == "/dev/null" || toSum == 0) && p.rmEmpty:
		p.say("removing %s\n", name)
	case p.creating:
		p.say("creating %s\n", name)
	default:
		p.say("patching file %s\n", name)
	}
	if p.creating {
		if _, err := os.Lstat(p.ctx.Path(name)); err == nil && !p.dry && p.output == "" {
			return stateNone, applet.Perror(syscall.EEXIST, "can't open '%s'", name)
		}
		p.in = bufio.NewReader(strings.NewReader(""))
		p.mode = 0o666 &^ p.ctx.Umask
	} else {
		f, err := os.Open(p.ctx.Path(name))
		if err != nil {
			return stateNone, applet.Perror(err, "can't open '%s'", name)
		}
		p.inFile = f
		p.in = bufio.NewReaderSize(f, 64<<10)
		if fi, err := f.Stat(); err == nil {
			p.mode = fi.Mode()
		}
	}
	if err := p.startOutput(); err != nil {
		p.closeInput()
		return stateNone, err
	}
	p.open = true
	return stateContext, nil
}

// closeInput closes the file being patched.
func (p *patcher) closeInput() {
	if p.inFile != nil {
		p.inFile.Close()
		p.inFile = nil
	}
	p.in = nil
}

// readInput reads the next line of the file being patched.
func (p *patcher) readInput() (iline, bool, error) {
	s, err := p.in.ReadString('\n')
	if err != nil && err != io.EOF {
		return iline{}, false, applet.Perror(err, "read error")
	}
	if s == "" {
		return iline{}, false, nil
	}
	p.inOff += int64(len(s))
	if strings.HasSuffix(s, "\n") {
		return iline{text: s[:len(s)-1], nl: true}, true, nil
	}
	return iline{text: s}, true, nil
}

// writeLine writes one line of the result.
func (p *patcher) writeLine(text string, nl bool) {
	p.out.WriteString(text)
	if nl {
		p.out.WriteByte('\n')
	}
}

// applyHunk finds the hunk in the file, copying the lines before it, and
// writes its new lines in place of its old ones; it returns the parser's
// next state (none when the hunk failed).
func (p *patcher) applyHunk() (int, error) {
	hunk := p.hunk
	reverse, dummyRevert := p.reverse, false
	backwarn := 0
	added := func() byte { return "+-"[b2i(reverse)] }
	// Match the end of file when the hunk has fewer trailing context
	// lines than leading ones (or none).
	trailing := 0
	for _, l := range hunk {
		if l.kind == ' ' {
			trailing++
		} else {
			trailing = 0
		}
	}
	matchEOF := trailing == 0 || trailing < p.context
	pl := 0
	var buf []iline
	want := p.newlen
	if reverse {
		want = p.oldlen
	}
	if ok, err := p.direct(reverse, matchEOF); err != nil || ok {
		if ok {
			return stateFile, nil
		}
		return stateNone, err
	}
	// BusyBox does not look for a hunk whose new side is empty (a
	// deletion without context): it deletes nothing.
	if want != 0 {
	search:
		for {
			line, ok, err := p.readInput()
			if err != nil {
				return stateNone, err
			}
			p.linenum++
			// Skip the hunk's lines that are to be added; one that is
			// already there may mean the patch was applied before.
			for pl < len(hunk) && hunk[pl].kind == added() {
				if ok && line.text == hunk[pl].text && backwarn == 0 {
					backwarn = p.linenum
					if p.forward {
						dummyRevert = true
						reverse = !reverse
						continue
					}
				}
				pl++
			}
			if !ok {
				if pl == len(hunk) && matchEOF {
					break search
				}
				if backwarn != 0 {
					p.warnf("Possibly reversed hunk %d at %d\n", p.hunknum, p.linenum)
				}
				return stateNone, p.failHunk()
			}
			buf = append(buf, line)
			check := len(buf) - 1
			for {
				for pl < len(hunk) && hunk[pl].kind == added() {
					if buf[check].text == hunk[pl].text && backwarn == 0 {
						backwarn = p.linenum
						if p.forward {
							dummyRevert = true
							reverse = !reverse
						}
					}
					pl++
				}
				if pl == len(hunk) || buf[check].text != hunk[pl].text {
					// No match here: the first buffered line stays as
					// it is, and the rest are tried again.
					p.writeLine(buf[0].text, buf[0].nl)
					p.pos++
					buf = buf[1:]
					pl = 0
					if len(buf) == 0 {
						break
					}
					check = 0
					continue
				}
				pl++
				if pl == len(hunk) && !matchEOF {
					break search
				}
				check++
				if check == len(buf) {
					break
				}
			}
		}
	}
	// Found: write the hunk's lines for the new side (the old one when
	// reversed; as they were when -N found the hunk applied already).
	p.applied(p.pos+1, reverse)
	p.pos += len(buf)
	p.emit(reverse != dummyRevert)
	return stateFile, nil
}

// emit writes the current hunk's lines for the new side (the old side
// when reversed).
func (p *patcher) emit(reverse bool) {
	drop := "-+"[b2i(reverse)]
	for _, l := range p.hunk {
		if l.kind != drop {
			p.writeLine(l.text, !l.noNL)
		}
	}
	p.hunk = p.hunk[:0]
}

// applied records that the hunk applied at line start, for the offset
// expected of the next one.
func (p *patcher) applied(start int, reverse bool) {
	stated, n := p.oldline, p.oldlen
	if reverse {
		stated, n = p.newline, p.newlen
	}
	if n == 0 {
		stated++
	}
	p.delta = start - stated
}

// direct applies the hunk where its header says (moved by the offset
// at which the previous hunk applied) when its lines are there. BusyBox
// only searches forward from the previous hunk and applies a hunk at the
// first place its lines match, which in a file of repeated lines can be
// the wrong place; trying the stated place first makes a diff always
// patch back exactly. When the lines are not there, the file is read
// again from where it was and BusyBox's search decides.
func (p *patcher) direct(reverse, matchEOF bool) (bool, error) {
	stated, n := p.oldline, p.oldlen
	if reverse {
		stated, n = p.newline, p.newlen
	}
	start := stated + p.delta
	if n == 0 {
		start++
	}
	need := start - (p.pos + 1)
	if need < 0 {
		return false, nil
	}
	old := byte('-')
	if reverse {
		old = '+'
	}
	var match []string
	context := false
	for _, l := range p.hunk {
		switch l.kind {
		case ' ':
			context = true
			match = append(match, l.text)
		case old:
			match = append(match, l.text)
		}
	}
	// Without context a hunk says nothing of the end of the file.
	checkEOF := matchEOF && context
	if need > 0 || len(match) > 0 || checkEOF {
		if p.inFile == nil {
			return false, nil
		}
		off := p.inOff
		ok, err := p.matchAhead(need, match, checkEOF)
		if err != nil {
			return false, err
		}
		if _, err := p.inFile.Seek(off, io.SeekStart); err != nil {
			return false, applet.Perror(err, "read error")
		}
		p.in.Reset(p.inFile)
		p.inOff = off
		if !ok {
			return false, nil
		}
	}
	for range need {
		line, _, err := p.readInput()
		if err != nil {
			return false, err
		}
		p.writeLine(line.text, line.nl)
	}
	for range match {
		if _, _, err := p.readInput(); err != nil {
			return false, err
		}
	}
	p.linenum += need + len(match)
	p.pos += need
	p.applied(p.pos+1, reverse)
	p.pos += len(match)
	p.emit(reverse)
	return true, nil
}

// matchAhead reads need lines, then reports whether the next ones are
// match (and the file ends there, with checkEOF).
func (p *patcher) matchAhead(need int, match []string, checkEOF bool) (bool, error) {
	if p.inFile != nil {
		// The bufio reader's position is the file's minus what it holds:
		// seek so that reading again starts where readInput stopped.
		if _, err := p.inFile.Seek(p.inOff, io.SeekStart); err != nil {
			return false, nil
		}
		p.in.Reset(p.inFile)
	}
	for range need {
		if _, ok, err := p.readInput(); !ok || err != nil {
			return false, err
		}
	}
	for _, m := range match {
		line, ok, err := p.readInput()
		if !ok || err != nil || line.text != m {
			return false, err
		}
	}
	if checkEOF {
		_, ok, err := p.readInput()
		return !ok, err
	}
	return true, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// failHunk reports the current hunk as failed, prints it, and drops
// this file's changes.
func (p *patcher) failHunk() error {
	if len(p.hunk) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Hunk %d FAILED %d/%d.\n", p.hunknum, p.oldline, p.newline)
	for _, l := range p.hunk {
		b.WriteByte(l.kind)
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	p.warnf("%s", b.String())
	p.exit = 1
	p.hunk = p.hunk[:0]
	p.abortFile()
	return nil
}

// startOutput opens where the patched file is written: a temporary file
// beside it (beside -o's file), or nowhere for --dry-run.
func (p *patcher) startOutput() error {
	switch {
	case p.dry:
		p.out = bufio.NewWriter(io.Discard)
		return nil
	case p.output != "":
		if p.oTmp == nil {
			f, path, err := createTemp(p.ctx, p.output)
			if err != nil {
				return err
			}
			p.oTmp, p.oTmpPath = f, path
		}
		off, err := p.oTmp.Seek(0, io.SeekEnd)
		if err != nil {
			return applet.Perror(err, "write error")
		}
		p.oStart = off
		p.out = bufio.NewWriterSize(p.oTmp, 64<<10)
		return nil
	}
	if p.creating {
		if i := strings.LastIndexByte(p.name, '/'); i > 0 {
			m := &makedir.MakeDir{Mode: -1, Parents: true, Resolve: p.ctx.Path, Umask: p.ctx.Umask,
				Warnf: func(format string, args ...any) { p.warnf(p.ctx.Name+": "+format+"\n", args...) }}
			if !m.Make(p.name[:i]) {
				return applet.Exit(1)
			}
		}
	}
	f, path, err := createTemp(p.ctx, p.name)
	if err != nil {
		return err
	}
	p.tmp, p.tmpPath = f, path
	// The result keeps the file's mode (the owner is the patcher's, as
	// in BusyBox).
	f.Chmod(p.mode & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky))
	p.out = bufio.NewWriterSize(f, 64<<10)
	return nil
}

// createTemp creates an empty file named name plus random characters,
// mode 0600, in name's directory (mkstemp's NAMEXXXXXX, as BusyBox
// names it), and returns it with its path.
func createTemp(ctx *applet.Ctx, name string) (*os.File, string, error) {
	dir, base := ".", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir, base = name[:i+1], name[i+1:]
	}
	f, err := os.CreateTemp(ctx.Path(dir), base+"*")
	if err != nil {
		return nil, "", applet.Perror(unwrapPath(err), "can't create temp file '%sXXXXXX'", name)
	}
	return f, f.Name(), nil
}

// unwrapPath returns the system error inside a *PathError.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// finishFile copies the rest of the file being patched after its last
// hunk and puts the result in place.
func (p *patcher) finishFile() error {
	if !p.open {
		return nil
	}
	p.open = false
	defer p.closeInput()
	_, err := p.out.ReadFrom(p.in)
	if err == nil {
		err = p.out.Flush()
	}
	if err != nil {
		p.abortFile()
		return applet.Perror(unwrapPath(err), "write error")
	}
	if p.dry || p.output != "" {
		return nil
	}
	tmp, path := p.tmp, p.tmpPath
	p.tmp = nil
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(path)
		return applet.Perror(err, "write error")
	}
	if err := tmp.Close(); err != nil {
		os.Remove(path)
		return applet.Perror(err, "write error")
	}
	target := p.ctx.Path(p.name)
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 && p.rmEmpty {
		// -E: a file left empty goes.
		os.Remove(path)
		if p.creating {
			return nil
		}
		if p.backup {
			if err := backup(target, target+".orig"); err != nil {
				return applet.Perror(unwrapPath(err), "can't back up '%s'", p.name)
			}
		}
		if err := syscall.Unlink(target); err != nil {
			return applet.Perror(err, "can't remove file '%s'", p.name)
		}
		return nil
	}
	if p.creating {
		// A new file: never over one that appeared meanwhile.
		err := os.Link(path, target)
		os.Remove(path)
		if err != nil {
			return applet.Perror(unwrapPath(err), "can't create '%s'", p.name)
		}
		return nil
	}
	if p.backup {
		if err := backup(target, target+".orig"); err != nil {
			os.Remove(path)
			return applet.Perror(unwrapPath(err), "can't back up '%s'", p.name)
		}
	}
	if err := os.Rename(path, target); err != nil {
		os.Remove(path)
		return applet.Perror(unwrapPath(err), "can't rename '%s'", p.name)
	}
	return nil
}

// backup makes old a second name of path, the file about to be
// replaced (-b), so that path never goes missing.
func backup(path, old string) error {
	err := os.Link(path, old)
	if errors.Is(err, os.ErrExist) {
		syscall.Unlink(old)
		err = os.Link(path, old)
	}
	return err
}

// abortFile drops the result for the file being patched: its temporary
// file goes, the file stays as it was.
func (p *patcher) abortFile() {
	p.closeInput()
	p.open = false
	if p.tmp != nil {
		p.tmp.Close()
		os.Remove(p.tmpPath)
		p.tmp = nil
	}
	if p.oTmp != nil {
		// -o: the result so far loses this file's part.
		p.oTmp.Truncate(p.oStart)
	}
}

// abort drops everything not yet in place, after an error.
func (p *patcher) abort() {
	p.abortFile()
	if p.oTmp != nil {
		p.oTmp.Close()
		os.Remove(p.oTmpPath)
		p.oTmp = nil
	}
}

// finishOutput puts -o's file in place.
func (p *patcher) finishOutput() error {
	if p.oTmp == nil {
		return nil
	}
	f, path := p.oTmp, p.oTmpPath
	p.oTmp = nil
	f.Chmod(0o666 &^ p.ctx.Umask)
	err := f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(path, p.ctx.Path(p.output))
	}
	if err != nil {
		os.Remove(path)
		return applet.Perror(unwrapPath(err), "can't write '%s'", p.output)
	}
	return nil
}
