// Package sed is the sed applet: BusyBox 1.36's sed (editors/sed.c) with
// its quirks, plus the GNU extensions gobox's issue asks for that
// Alpine's build lacks (-s, -z, l, q/Q with an exit status, R, W, the M
// flag, first~step, addr,~N, 0,/re/ and the I and M address flags).
//
// The script is parsed as BusyBox parses it (script.go): line by line,
// a line ending in a backslash joined to the next, a/i/c, r/w and s///w
// taking the rest of the line, and BusyBox's error messages. The input
// is read one line ahead (for $) through one bounded buffer (input.go);
// a line ends at a newline or a NUL, as in BusyBox. -i writes a
// temporary file beside each file, with its mode and owner, syncs it and
// renames it over the file; on any error the file is left as it was.
package sed

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/regex"
)

// Applet is sed's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name: "sed",
	Path: "/bin",
	Usage: "[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\n" +
		"or: sed [-i[SFX]] [-nrE] CMD [FILE]...",
	Help: `	-e CMD	Add CMD to sed commands to be executed
	-f FILE	Add FILE contents to sed commands to be executed
	-i[SFX]	Edit files in-place (otherwise write to stdout)
		Optionally back files up, appending SFX
	-n	Suppress automatic printing of pattern space
	-r,-E	Use extended regex syntax

If no -e or -f, the first non-option argument is the sed command string.
Remaining arguments are input files (stdin if none).`,
	Options: &opt.Spec{
		Short: "i::rEne:f:sz",
		Long: "in-place=i regexp-extended=r quiet=n silent=n expression=e file=f " +
			"separate=s null-data=z zero-terminated=z",
		Undocumented: "s z",
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 && args[0] == "--version" {
		// BusyBox's answer to autoconf's probe.
		_, err := io.WriteString(ctx.Stdout, "This is not GNU sed version 4.0\n")
		return err
	}
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	nl := byte('\n')
	if o.Has("z") {
		nl = 0
	}
	outs := &outFiles{ctx: ctx, nl: nl}
	stdout := newOut(ctx.BufWriter, ctx.Stdout, nil, nl, &outs.err)
	outs.stdout = stdout
	prog, prev, files, err := parseScript(ctx, o, outs)
	if err == nil {
		e := &engine{ctx: ctx, prog: prog, prev: prev, nl: nl, out: stdout, outs: outs,
			quiet: o.Has("n") || prog.quiet > 0}
		err = e.process(o, files)
		e.closeR()
	}
	// What was written before an error is still written, as BusyBox's
	// stdio flushes at exit.
	werr := outs.close()
	if ferr := stdout.flush(); werr == nil {
		werr = ferr
	}
	if err == nil && werr != nil {
		err = writeError(werr)
	}
	return err
}

// parseScript reads the script from -e (all of them first, as BusyBox
// does), then -f, or else the first operand, and returns it with the
// operands left.
func parseScript(ctx *applet.Ctx, o *opt.Result, outs *outFiles) (*program, *regex.Regexp, []string, error) {
	p := &parser{extended: o.Has("r") || o.Has("E"), open: outs.open}
	for _, s := range o.List("e") {
		if err := p.addBlock(s); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, name := range o.List("f") {
		if err := addFile(ctx, p, name); err != nil {
			return nil, nil, nil, err
		}
	}
	files := o.Args
	if !o.Has("e") && !o.Has("f") {
		if len(files) == 0 {
			return nil, nil, nil, applet.Usage("")
		}
		if err := p.addBlock(files[0]); err != nil {
			return nil, nil, nil, err
		}
		files = files[1:]
	}
	prog, err := p.finish()
	if err != nil {
		return nil, nil, nil, err
	}
	return prog, p.prev, files, nil
}

// addFile adds the lines of the script file name ("-" is standard input).
func addFile(ctx *applet.Ctx, p *parser, name string) error {
	var r io.Reader = ctx.Stdin
	if name != "-" {
		f, err := os.Open(ctx.Path(name))
		if err != nil {
			return applet.Perror(err, "%s", name)
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			line = strings.TrimSuffix(line, "\n")
			// BusyBox's lines are C strings: a NUL ends them.
			if i := strings.IndexByte(line, 0); i >= 0 {
				line = line[:i]
			}
			if perr := p.addLine(line); perr != nil {
				return perr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return applet.Perror(err, "%s", name)
		}
	}
}

// process runs the program over the files: as one stream, or one file
// at a time with -s, or editing each in place with -i.
func (e *engine) process(o *opt.Result, files []string) error {
	inPlace := o.Has("i")
	separate := inPlace || o.Has("s")
	flush := func() {
		// Output waiting while sed blocks on input goes out now.
		e.outs.stdout.flush()
		e.outs.flush()
	}
	if inPlace && len(files) == 0 {
		return applet.Errorf("-i requires an argument")
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	failed := false
	var err error
	if !separate {
		e.in = newInput(e.ctx, files, e.nl == 0, flush)
		err = e.run()
		e.in.close()
		failed = e.in.failed
	} else {
		for _, name := range files {
			if e.quit {
				break
			}
			if inPlace {
				var skipped bool
				skipped, err = e.editInPlace(name, o.Str("i"), flush)
				failed = failed || skipped
			} else {
				e.in = newInput(e.ctx, []string{name}, e.nl == 0, flush)
				err = e.run()
				e.in.close()
				failed = failed || e.in.failed
			}
			if err != nil {
				break
			}
			e.reset()
		}
	}
	if err == nil && e.outs.err != nil {
		err = writeError(e.outs.err)
	}
	switch {
	case err != nil:
		return err
	case e.exitCode != 0:
		return applet.Exit(e.exitCode)
	case failed:
		return applet.Exit(1)
	}
	return nil
}

// editInPlace runs the program over the file name, writing a temporary
// file in the same directory that replaces it at the end (after its
// old self is linked to name+suffix, with a suffix). skipped reports a
// file that could not be read, which is left alone.
func (e *engine) editInPlace(name, suffix string, flush func()) (skipped bool, err error) {
	path := e.ctx.Path(name)
	st, err := os.Stat(path)
	if err != nil {
		e.ctx.Perror(err, "%s", name)
		return true, nil
	}
	if !st.Mode().IsRegular() {
		// BusyBox would rename its output over a device or a fifo
		// (and fail on a directory, after the files before it).
		e.ctx.Warnf("can't edit '%s': not a regular file", name)
		return true, nil
	}
	in, err := os.Open(path)
	if err != nil {
		e.ctx.Perror(err, "%s", name)
		return true, nil
	}
	defer in.Close()
	tmp, tmpName, err := createTemp(e.ctx, name)
	if err != nil {
		return false, err
	}
	tmpPath := e.ctx.Path(tmpName)
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmpPath)
		}
	}()
	// BusyBox sets the mode, then the owner (which drops set-id bits),
	// as GNU sed 4.2 does.
	tmp.Chmod(st.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky))
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		tmp.Chown(int(sys.Uid), int(sys.Gid))
	}
	out := newOut(bufio.NewWriterSize, tmp, tmp, e.nl, &e.outs.err)
	e.out = out
	defer func() { e.out = e.outs.stdout }()
	e.in = newInput(e.ctx, nil, e.nl == 0, flush)
	e.in.r, e.in.name, e.in.inPlace = in, name, true
	if err := e.run(); err != nil {
		return false, err
	}
	if err := out.flush(); err != nil {
		return false, writeError(err)
	}
	if err := tmp.Sync(); err != nil {
		return false, writeError(err)
	}
	if err := tmp.Close(); err != nil {
		return false, writeError(err)
	}
	done = true
	if suffix != "" {
		if err := backup(path, path+suffix); err != nil {
			os.Remove(tmpPath)
			return false, applet.Perror(err, "can't move '%s' to '%s'", name, name+suffix)
		}
	}
	if err := os.Rename(tmpPath, path); err != nil {
		os.Remove(tmpPath)
		return false, applet.Perror(err, "can't move '%s' to '%s'", tmpName, name)
	}
	return false, nil
}

// backup makes old a second name of path (the file about to be
// replaced), so that path never goes missing; where the file system
// has no hard links it renames, as BusyBox does.
func backup(path, old string) error {
	err := os.Link(path, old)
	if errors.Is(err, os.ErrExist) {
		// An old backup goes (not a directory: unlink fails there,
		// and rename below reports it).
		syscall.Unlink(old)
		err = os.Link(path, old)
	}
	if err != nil {
		err = os.Rename(path, old)
	}
	return err
}

// createTemp creates name+6 random letters and digits (mkstemp's
// pattern, as BusyBox names it), mode 0600, and returns it with its
// name.
func createTemp(ctx *applet.Ctx, name string) (*os.File, string, error) {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var err error
	for range 100 {
		var b [6]byte
		// getrandom(2) directly: crypto/rand would link the FIPS
		// module, whose initialisation every gobox start would pay for.
		unix.Getrandom(b[:], 0)
		suffix := make([]byte, 6)
		for i := range b {
			suffix[i] = chars[int(b[i])%len(chars)]
		}
		tmpName := name + string(suffix)
		var f *os.File
		f, err = os.OpenFile(ctx.Path(tmpName), os.O_RDWR|os.O_CREATE|os.O_EXCL|syscall.O_CLOEXEC, 0o600)
		if err == nil {
			return f, tmpName, nil
		}
		if !errors.Is(err, os.ErrExist) {
			break
		}
	}
	return nil, "", applet.Perror(err, "can't create temp file '%sXXXXXX'", name)
}
