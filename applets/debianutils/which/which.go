// Package which is the which applet: find commands in PATH.
package which

import (
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/pathname"
)

// Applet is which's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "which",
	Path:  "/usr/bin",
	Usage: "[-a] COMMAND...",
	Help: `Locate COMMAND

	-a	Show all matches`,
	Options: &opt.Spec{Short: "a", MinArgs: 1},
	NoFork:  true,
	Main:    main,
}

// defaultPath is BusyBox's root path, used when PATH is unset.
const defaultPath = "/sbin:/usr/sbin:/bin:/usr/bin"

func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	path, ok := ctx.LookupEnv("PATH")
	if !ok {
		path = defaultPath
	}
	executable := func(name string) bool {
		p := ctx.Path(name)
		if unix.Access(p, unix.X_OK) != nil {
			return false
		}
		fi, err := os.Stat(p)
		return err == nil && fi.Mode().IsRegular()
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	status := 0
	for _, name := range o.Args {
		missing := true
		if strings.Contains(name, "/") {
			if executable(name) {
				missing = false
				w.WriteString(name + "\n")
			}
		} else {
			for _, dir := range strings.Split(path, ":") {
				if dir == "" {
					dir = "."
				}
				cand := pathname.Join(dir, name)
				if executable(cand) {
					missing = false
					w.WriteString(cand + "\n")
					if !o.Has("a") {
						break
					}
				}
			}
		}
		if missing {
			status = 1
		}
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}
