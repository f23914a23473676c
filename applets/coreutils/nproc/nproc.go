// Package nproc is the nproc applet: print the number of usable CPUs.
package nproc

import (
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is nproc's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "nproc",
	Path:  "/usr/bin",
	Usage: "[--all] [--ignore=N]",
	Help: `Print number of available CPUs

	--all		Number of installed CPUs
	--ignore=N	Exclude N CPUs`,
	Options: &opt.Spec{Long: "ignore: all"},
	NoFork:  true,
	Main:    main,
}

func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	ignore := 0
	if o.Has("ignore") {
		n, err := opt.AtoiPositive(o.Str("ignore"))
		if err != nil {
			return err
		}
		ignore = n
	}
	count := 0
	if o.Has("all") {
		ents, _ := os.ReadDir("/sys/devices/system/cpu")
		for _, e := range ents {
			name := e.Name()
			if i := strings.Index(name, "cpu"); i >= 0 {
				if c := name[len(name)-1]; c >= '0' && c <= '9' {
					count++
				}
			}
		}
	} else {
		var set unix.CPUSet
		if unix.SchedGetaffinity(0, &set) == nil {
			count = set.Count()
		}
	}
	count -= ignore
	if count <= 0 {
		count = 1
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(strconv.Itoa(count))
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
