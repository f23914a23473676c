// Package groups is the groups applet: print the names of the groups a
// user is in (id -Gn).
package groups

import (
	"bufio"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/passwd"
)

// Applet is groups's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:   "groups",
	Path:   "/usr/bin",
	Usage:  "[USER]",
	Help:   "Print the groups USER is in",
	NoFork: true,
	Main:   main,
}

// main follows BusyBox: only the first USER is looked at.
func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{}, args)
	if err != nil {
		return err
	}
	db := passwd.DB{}
	var rgid, egid int
	var list []int
	if len(o.Args) > 0 {
		u := db.UserByName(o.Args[0])
		if u == nil {
			return applet.Errorf("unknown user %s", o.Args[0])
		}
		rgid, egid = u.GID, u.GID
		list = db.GroupsOf(u.Name, u.GID)
	} else {
		rgid, egid = unix.Getgid(), unix.Getegid()
		if list, err = unix.Getgroups(); err != nil {
			return applet.Errorf("can't get groups")
		}
	}
	w := bufio.NewWriter(ctx.Stdout)
	status := 0
	print := func(gid int, prefix string) {
		w.WriteString(prefix)
		if g := db.GroupByID(gid); g != nil {
			w.WriteString(g.Name)
			return
		}
		w.WriteString(strconv.Itoa(gid))
		w.Flush()
		ctx.Warnf("unknown ID %d", gid)
		status = 1
	}
	print(rgid, "")
	if egid != rgid {
		print(egid, " ")
	}
	for _, g := range list {
		if g != rgid && g != egid {
			print(g, " ")
		}
	}
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return err
	}
	return applet.Exit(status)
}
