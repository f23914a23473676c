// Package touch is the touch applet: BusyBox's touch, which updates file
// times (to now, a parsed date or a reference file's) and creates missing
// files.
package touch

import (
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/opt"
)

// Applet is touch's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "touch",
	Path:  "/bin",
	Usage: "[-cham] [-d DATE] [-t DATE] [-r FILE] FILE...",
	Help: `Update mtime of FILEs

	-c	Don't create files
	-h	Don't follow links
	-a	Change only atime
	-m	Change only mtime
	-d DT	Date/time to use
	-t DT	Date/time to use
	-r FILE	Use FILE's date/time`,
	Options: &opt.Spec{
		Short:        "chr:d:t:amf",
		Long:         "no-create=c no-dereference=h reference=r date=d",
		Conflicts:    []string{"r t"},
		MinArgs:      1,
		Undocumented: "f",
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	ts := []unix.Timespec{{Nsec: unix.UTIME_NOW}, {Nsec: unix.UTIME_NOW}}
	if o.Has("r") {
		name := o.Str("r")
		var st unix.Stat_t
		if err := unix.Stat(ctx.Path(name), &st); err != nil {
			return applet.Perror(err, "can't stat '%s'", name)
		}
		ts[0], ts[1] = st.Atim, st.Mtim
	}
	if o.Has("d") || o.Has("t") {
		// -d and -t share one argument slot in BusyBox: the last given wins.
		s := lastDate(o)
		loc := datetime.Location(ctx.LookupEnv("TZ"))
		t, err := datetime.ParseDate(s, datetime.FromTime(time.Now().In(loc)), loc)
		if err != nil {
			return applet.Errorf("%v", err)
		}
		ts[0] = unix.Timespec{Sec: t.Unix()}
		ts[1] = ts[0]
	}
	a, m := o.Has("a"), o.Has("m")
	if a && !m {
		ts[1].Nsec = unix.UTIME_OMIT
	}
	if m && !a {
		ts[0].Nsec = unix.UTIME_OMIT
	}
	flags := 0
	if o.Has("h") {
		flags = unix.AT_SYMLINK_NOFOLLOW
	}
	setTimes := o.Has("r") || o.Has("d") || o.Has("t")
	status := 0
	for _, name := range o.Args {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		path := ctx.Path(name)
		err := unix.UtimesNanoAt(unix.AT_FDCWD, path, ts, flags)
		if err == nil {
			continue
		}
		if err == unix.ENOENT {
			if o.Has("c") {
				continue
			}
			fd, oerr := unix.Open(path, unix.O_RDWR|unix.O_CREAT|unix.O_CLOEXEC, 0o666)
			if oerr == nil {
				unix.Close(fd)
				if setTimes {
					unix.UtimesNanoAt(unix.AT_FDCWD, path, ts, 0)
				}
				continue
			}
			err = oerr
		}
		ctx.Perror(err, "%s", name)
		status = 1
	}
	return applet.Exit(status)
}

// lastDate returns the argument of the last -d or -t given.
func lastDate(o *opt.Result) string {
	d, t := o.List("d"), o.List("t")
	di, ti := 0, 0
	s := ""
	for _, k := range o.Order() {
		switch k {
		case "d":
			s = d[di]
			di++
		case "t":
			s = t[ti]
			ti++
		}
	}
	return s
}
