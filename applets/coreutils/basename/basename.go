// Package basename is the basename applet: strip the directory and an
// optional suffix from file names.
package basename

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is basename's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "basename",
	Path:  "/usr/bin",
	Usage: "FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...",
	Help: `Strip directory path and SUFFIX from FILE

	-a		All arguments are FILEs
	-s SUFFIX	Remove SUFFIX (implies -a)`,
	Options: &opt.Spec{Short: "as:", StopAtOperand: true, MinArgs: 1},
	NoFork:  true,
	Main:    run,
}

// Base returns the last component of name with trailing slashes removed;
// "/" stays "/" and "" stays "".
func Base(name string) string {
	i := len(name) - 1
	for i > 0 && name[i] == '/' {
		i--
	}
	name = name[:i+1]
	if name == "/" {
		return name
	}
	if j := strings.LastIndexByte(name, '/'); j >= 0 {
		return name[j+1:]
	}
	return name
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	multi := r.Has("a") || r.Has("s")
	suffix := r.Str("s")
	files := r.Args
	if !multi {
		if len(files) > 2 {
			return applet.Usage("")
		}
		if len(files) == 2 {
			suffix = files[1]
		}
		files = files[:1]
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	for _, f := range files {
		s := Base(f)
		if suffix != "" && len(s) > len(suffix) && strings.HasSuffix(s, suffix) {
			s = s[:len(s)-len(suffix)]
		}
		w.WriteString(s)
		if err := w.WriteByte('\n'); err != nil {
			return applet.Perror(err, "write error")
		}
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
