// Package pwd is the pwd applet: print the working directory.
package pwd

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is pwd's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "pwd",
	Path:    "/bin",
	Usage:   "",
	Help:    `Print the full filename of the current working directory`,
	Options: &opt.Spec{Short: "LP", Undocumented: "L P"},
	NoFork:  true,
	Main:    run,
}

// logical returns $PWD if it is absolute, has no "." or ".." components
// and names the working directory, as BusyBox's pwd -L checks.
func logical(ctx *applet.Ctx) (string, bool) {
	wd, ok := ctx.LookupEnv("PWD")
	if !ok || !strings.HasPrefix(wd, "/") {
		return "", false
	}
	for _, c := range strings.Split(wd, "/") {
		if c == "." || c == ".." {
			return "", false
		}
	}
	st1, err := os.Stat(wd)
	if err != nil {
		return "", false
	}
	st2, err := os.Stat(ctx.Path("."))
	if err != nil || !os.SameFile(st1, st2) {
		return "", false
	}
	return wd, true
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	dir, ok := "", false
	if r.Has("L") {
		dir, ok = logical(ctx)
	}
	if !ok {
		// The physical directory: the Ctx's, with every link resolved
		// (getcwd). An applet has no other working directory to ask for.
		dir, err = filepath.EvalSymlinks(ctx.Dir)
		if err == nil && !filepath.IsAbs(dir) {
			err = syscall.ENOENT
		}
		if err != nil {
			return applet.Perror(err, "getcwd")
		}
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(dir)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
