// Package groups is the groups applet: print the names of the groups a
// user is in (id -Gn).
package groups

import (
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/userdb"
)

// Applet is groups's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "groups",
	Path:    "/usr/bin",
	Usage:   "[USER]",
	Help:    "Print the groups USER is in",
	Options: &opt.Spec{},
	NoFork:  true,
	Main:    main,
}

// main follows BusyBox: only the first USER is looked at.
func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	db := userdb.DB{}
	user := ""
	if len(o.Args) > 0 {
		user = o.Args[0]
	}
	id, err := db.Ident(user, true)
	if err != nil {
		return err // BusyBox's words: "unknown user NAME"
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	status := 0
	prefix := ""
	for _, gid := range id.GroupList() {
		w.WriteString(prefix)
		prefix = " "
		if g := db.GroupByID(gid); g != nil {
			w.WriteString(g.Name)
			continue
		}
		w.WriteString(strconv.Itoa(gid))
		w.Flush()
		ctx.Warnf("unknown ID %d", gid)
		status = 1
	}
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}
