// Package id is the id applet: print user and group ids.
package id

import (
	"bufio"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/userdb"
)

// Applet is id's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "id",
	Path:  "/usr/bin",
	Usage: "[-ugGnr] [USER]",
	Help: `Print information about USER or the current user

	-u	User ID
	-g	Group ID
	-G	Supplementary group IDs
	-n	Print names instead of numbers
	-r	Print real ID instead of effective ID`,
	Options: &opt.Spec{
		Short:     "rnugG",
		Conflicts: []string{"u g", "u G", "g G"},
		MaxArgs:   1,
	},
	NoFork: true,
	Main:   main,
}

type printer struct {
	ctx    *applet.Ctx
	w      *bufio.Writer
	db     userdb.DB
	plain  bool // no options: "uid=0(root)" style
	names  bool // -n
	status int
}

// print writes id (and/or its name) after prefix, as BusyBox's
// print_common does.
func (p *printer) print(id int, name string, found bool, prefix string) {
	p.w.WriteString(prefix)
	if !p.names || !found {
		p.w.WriteString(strconv.Itoa(id))
	}
	if p.plain || p.names {
		if found {
			if p.plain {
				p.w.WriteString("(" + name + ")")
			} else {
				p.w.WriteString(name)
			}
		} else if !p.plain {
			p.w.Flush()
			p.ctx.Warnf("unknown ID %d", id)
			p.status = 1
		}
	}
}

func (p *printer) user(uid int, prefix string) {
	u := p.db.UserByID(uid)
	if u == nil {
		p.print(uid, "", false, prefix)
		return
	}
	p.print(uid, u.Name, true, prefix)
}

func (p *printer) group(gid int, prefix string) {
	g := p.db.GroupByID(gid)
	if g == nil {
		p.print(gid, "", false, prefix)
		return
	}
	p.print(gid, g.Name, true, prefix)
}

func main(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	justUser, justGroup, allGroups := o.Has("u"), o.Has("g"), o.Has("G")
	if (o.Has("r") || o.Has("n")) && !justUser && !justGroup && !allGroups {
		return applet.Usage("")
	}
	p := &printer{ctx: ctx, w: ctx.BufWriter(ctx.Stdout, 0), names: o.Has("n")}
	p.plain = len(o.Order()) == 0
	user := ""
	if len(o.Args) == 1 {
		user = o.Args[0]
	}
	id, err := p.db.Ident(user, p.plain || allGroups)
	if err != nil {
		return err // BusyBox's words: "unknown user NAME"
	}
	ruid, euid, rgid, egid := id.RUID, id.EUID, id.RGID, id.EGID
	switch {
	case p.plain:
		p.user(ruid, "uid=")
		p.group(rgid, " gid=")
		if euid != ruid {
			p.user(euid, " euid=")
		}
		if egid != rgid {
			p.group(egid, " egid=")
		}
		prefix := " groups="
		for _, g := range id.Groups {
			p.group(g, prefix)
			prefix = ","
		}
	case allGroups:
		// -G lists the real and effective groups first, -r or not.
		prefix := ""
		for _, g := range id.GroupList() {
			p.group(g, prefix)
			prefix = " "
		}
	case justUser:
		if o.Has("r") {
			euid = ruid
		}
		p.user(euid, "")
	case justGroup:
		if o.Has("r") {
			egid = rgid
		}
		p.group(egid, "")
	}
	p.w.WriteByte('\n')
	if err := p.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(p.status)
}
