// Package uptime is the uptime applet: the time, how long the system has
// been up, the number of users and the load averages.
package uptime

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/opt"
)

// Applet is uptime's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "uptime",
	Path:  "/usr/bin",
	Usage: "",
	// BusyBox's usage text leaves -s (boot time as YYYY-MM-DD HH:MM:SS) out.
	Help:    "Display the time since the last boot",
	Options: &opt.Spec{Short: "s", Undocumented: "s"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	var info unix.Sysinfo_t
	if err := unix.Sysinfo(&info); err != nil {
		return applet.Perror(err, "sysinfo")
	}
	loc := datetime.Location(ctx.LookupEnv("TZ"))
	now := time.Now().Truncate(time.Second).In(loc)
	w := ctx.BufWriter(ctx.Stdout, 0)
	if o.Has("s") {
		boot := now.Add(-time.Duration(info.Uptime) * time.Second)
		fmt.Fprintf(w, "%s\n", boot.Format("2006-01-02 15:04:05"))
		return flush(w)
	}
	up := uint64(info.Uptime)
	fmt.Fprintf(w, " %02d:%02d:%02d up ", now.Hour(), now.Minute(), now.Second())
	if days := up / 86400; days != 0 {
		s := "s"
		if days == 1 {
			s = ""
		}
		fmt.Fprintf(w, "%d day%s, ", days, s)
	}
	mins := up / 60
	hours := mins / 60 % 24
	mins %= 60
	if hours != 0 {
		fmt.Fprintf(w, "%2d:%02d", hours, mins)
	} else {
		fmt.Fprintf(w, "%d min", mins)
	}
	fmt.Fprintf(w, ",  %d users", users())
	const fshift = 16
	load := func(x uint64) (uint64, uint64) {
		return x >> fshift, ((x & (1<<fshift - 1)) * 100) >> fshift
	}
	a, b := load(uint64(info.Loads[0]))
	c, d := load(uint64(info.Loads[1]))
	e, f := load(uint64(info.Loads[2]))
	fmt.Fprintf(w, ",  load average: %d.%02d, %d.%02d, %d.%02d\n", a, b, c, d, e, f)
	return flush(w)
}

func flush(w *bufio.Writer) error {
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// users counts USER_PROCESS entries with a user name in /var/run/utmp
// (Linux's struct utmp: 384 bytes, type at 0, user name at 44).
func users() int {
	data, err := os.ReadFile("/var/run/utmp")
	if err != nil {
		return 0
	}
	const size, userProcess = 384, 7
	n := 0
	for ; len(data) >= size; data = data[size:] {
		if int16(binary.LittleEndian.Uint16(data)) == userProcess && data[44] != 0 {
			n++
		}
	}
	return n
}
