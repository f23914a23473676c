// Package dos2unix is the dos2unix applet and unix2dos: BusyBox's
// dos2unix, which drops every CR (dos2unix, -u) or also writes one before
// every LF (unix2dos, -d), in each FILE in place or from standard input
// to standard output. A file is rewritten through a temporary file in
// its directory that takes its mode and owner and is renamed over it, so
// that it is never left half converted; a symlink is followed to the
// file it names.
package dos2unix

import (
	"bufio"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is dos2unix's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "dos2unix",
	Path:  "/usr/bin",
	Usage: "[-ud] [FILE]",
	Help: `Convert FILE in-place from DOS to Unix format.
When no file is given, use stdin/stdout.

	-u	dos2unix
	-d	unix2dos`,
	Options: &opt.Spec{Short: "du", Conflicts: []string{"u d"}},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, false) },
}

// Unix2dos is unix2dos.
var Unix2dos = applet.Applet{
	Name:  "unix2dos",
	Path:  "/usr/bin",
	Usage: "[-ud] [FILE]",
	Help: `Convert FILE in-place from Unix to DOS format.
When no file is given, use stdin/stdout.

	-u	dos2unix
	-d	unix2dos`,
	Options: &opt.Spec{Short: "du", Conflicts: []string{"u d"}},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, true) },
}

func run(ctx *applet.Ctx, args []string, toDOS bool) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if r.Has("d") {
		toDOS = true
	}
	if r.Has("u") {
		toDOS = false
	}
	if len(r.Args) == 0 {
		w := ctx.BufWriter(ctx.Stdout, 32<<10)
		if err := convert(ctx, ctx.Stdin, w, toDOS); err != nil {
			return err
		}
		if err := w.Flush(); err != nil {
			return applet.Perror(err, "write error")
		}
		return nil
	}
	for _, name := range r.Args {
		if err := inPlace(ctx, name, toDOS); err != nil {
			return err
		}
	}
	return nil
}

// convert copies in to w, dropping CRs and, for DOS, writing CR LF for
// each LF.
func convert(ctx *applet.Ctx, in io.Reader, w *bufio.Writer, toDOS bool) error {
	buf := make([]byte, 64<<10)
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		n, err := in.Read(buf)
		p := buf[:n]
		for len(p) > 0 {
			i := 0
			for i < len(p) && p[i] != '\r' && p[i] != '\n' {
				i++
			}
			w.Write(p[:i])
			if i < len(p) {
				if p[i] == '\n' {
					if toDOS {
						w.WriteByte('\r')
					}
					w.WriteByte('\n')
				}
				i++
			}
			p = p[i:]
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			// fgetc ends at a read error as at the end.
			return nil
		}
	}
}

// maxSymlinks is MAXSYMLINKS: how many links are followed.
const maxSymlinks = 20

// follow is xmalloc_follow_symlinks: name with each symlink it is
// replaced by what it points to (relative targets taken from the link's
// directory), up to maxSymlinks. A name that does not exist is itself.
func follow(ctx *applet.Ctx, name string) (string, error) {
	cur := name
	for looping := maxSymlinks + 1; ; {
		target, err := os.Readlink(ctx.Path(cur))
		if err != nil {
			var errno syscall.Errno
			if pe, ok := err.(*os.PathError); ok {
				errno, _ = pe.Err.(syscall.Errno)
			}
			if errno == syscall.EINVAL || errno == syscall.ENOENT {
				return cur, nil
			}
			return "", applet.Perror(err, "%s", name)
		}
		if looping--; looping == 0 {
			// BusyBox reports it with errno unset: the name alone.
			return "", applet.Errorf("%s", name)
		}
		if strings.HasPrefix(target, "/") {
			cur = target
		} else {
			dir := strings.TrimRight(cur, "/")
			if i := strings.LastIndexByte(dir, '/'); i >= 0 {
				cur = dir[:i+1] + target
			} else {
				cur = target
			}
		}
	}
}

// inPlace converts the file name through a temporary file renamed over
// it.
func inPlace(ctx *applet.Ctx, name string, toDOS bool) error {
	resolved, err := follow(ctx, name)
	if err != nil {
		return err
	}
	fd, err := unix.Open(ctx.Path(resolved), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return applet.Perror(err, "can't open '%s'", resolved)
	}
	in := os.NewFile(uintptr(fd), resolved)
	defer in.Close()
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return applet.Perror(err, "can't stat '%s'", resolved)
	}
	tmp, out, err := tempFile(ctx, resolved)
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			out.Close()
			unix.Unlink(ctx.Path(tmp))
		}
	}()
	if err := unix.Fchmod(int(out.Fd()), st.Mode&07777); err != nil {
		return applet.Perror(err, "%s", tmp)
	}
	unix.Fchown(int(out.Fd()), int(st.Uid), int(st.Gid))
	w := bufio.NewWriterSize(out, 32<<10)
	if err := convert(ctx, in, w, toDOS); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "")
	}
	if err := out.Close(); err != nil {
		return applet.Perror(err, "")
	}
	done = true
	if err := unix.Rename(ctx.Path(tmp), ctx.Path(resolved)); err != nil {
		// BusyBox leaves the temporary file behind; gobox removes it.
		unix.Unlink(ctx.Path(tmp))
		return applet.Perror(err, "can't move '%s' to '%s'", tmp, resolved)
	}
	return nil
}

// tempFile is mkstemp: a new file NAME + six random characters, 0600.
func tempFile(ctx *applet.Ctx, name string) (string, *os.File, error) {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	for tries := 0; ; tries++ {
		var b strings.Builder
		b.WriteString(name)
		for range 6 {
			b.WriteByte(letters[rand.IntN(len(letters))])
		}
		tmp := b.String()
		fd, err := unix.Open(ctx.Path(tmp), unix.O_RDWR|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o600)
		if err == unix.EEXIST && tries < 100 {
			continue
		}
		if err != nil {
			return "", nil, applet.Perror(err, "can't create temp file '%sXXXXXX'", name)
		}
		return tmp, os.NewFile(uintptr(fd), tmp), nil
	}
}
