// Package mktemp is the mktemp applet: create a temporary file or
// directory with a unique name and print the name.
package mktemp

import (
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/pathname"
)

// Applet is mktemp's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "mktemp",
	Path:  "/bin",
	Usage: "[-dt] [-p DIR] [TEMPLATE]",
	Help: `Create a temporary file with name based on TEMPLATE and print its name.
TEMPLATE must end with XXXXXX (e.g. [/dir/]nameXXXXXX).
Without TEMPLATE, -t tmp.XXXXXX is assumed.

	-d	Make directory, not file
	-q	Fail silently on errors
	-t	Prepend base directory name to TEMPLATE
	-p DIR	Use DIR as a base directory (implies -t)
	-u	Do not create anything; print a name

Base directory is: -p DIR, else $TMPDIR, else /tmp`,
	Options: &opt.Spec{
		Short:        "dqtp:u",
		Long:         "directory=d quiet=q dry-run=u tmpdir::",
		MaxArgs:      1,
		Undocumented: "tmpdir",
	},
	NoFork: true,
	Main:   run,
}

// fill replaces the trailing XXXXXX of tmpl with random letters and digits.
func fill(tmpl string) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	var b [6]byte
	// getrandom(2) directly: crypto/rand would link the FIPS module, whose
	// initialisation every gobox start would pay for.
	unix.Getrandom(b[:], 0)
	out := []byte(tmpl)
	for i := range 6 {
		out[len(out)-6+i] = chars[int(b[i])%len(chars)]
	}
	return string(out)
}

// create makes a unique name from tmpl (which must end in XXXXXX) and,
// unless dryRun, creates it as a file (0600) or directory (0700).
func create(ctx *applet.Ctx, tmpl string, dir, dryRun bool) (string, error) {
	if !strings.HasSuffix(tmpl, "XXXXXX") {
		return "", unix.EINVAL
	}
	for range 100 {
		name := fill(tmpl)
		p := ctx.Path(name)
		var err error
		switch {
		case dryRun:
			_, err = os.Lstat(p)
			if os.IsNotExist(err) {
				return name, nil
			}
			if err == nil {
				continue
			}
		case dir:
			err = unix.Mkdir(p, 0700)
		default:
			var fd int
			fd, err = unix.Open(p, unix.O_RDWR|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0600)
			if err == nil {
				unix.Close(fd)
			}
		}
		if err == nil {
			return name, nil
		}
		if err != unix.EEXIST {
			return "", err
		}
	}
	return "", unix.EEXIST
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	path := ctx.Getenv("TMPDIR")
	if path == "" {
		path = "/tmp"
	}
	// -p DIR and --tmpdir=DIR both set the directory; the last one wins.
	pv, tv := r.List("p"), r.List("tmpdir")
	for _, k := range r.Order() {
		switch {
		case k == "p" && len(pv) > 0:
			path, pv = pv[0], pv[1:]
		case k == "tmpdir" && len(tv) > 0:
			path, tv = tv[0], tv[1:]
		}
	}
	prefix := r.Has("t") || r.Has("p") || r.Has("tmpdir")
	tmpl := "tmp.XXXXXX"
	if len(r.Args) == 1 {
		tmpl = r.Args[0]
	} else {
		prefix = true
	}
	if prefix {
		tmpl = pathname.Join(path, tmpl)
	}
	name, err := create(ctx, tmpl, r.Has("d"), r.Has("u"))
	if err != nil {
		if r.Has("q") {
			return applet.Exit(1)
		}
		// BusyBox's bb_perror_msg_and_die(NULL): musl prints no
		// "(null): " prefix, as glibc would.
		return applet.Perror(err, "")
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(name)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
