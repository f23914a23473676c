// Package owner is the shared body of chown and chgrp: parsing of
// BusyBox's USER[:[GROUP]] (also USER.GROUP and :GROUP) and the
// recursive ownership change with -R/-h/-H/-L/-P/-c/-v/-f.
package owner

import (
	"bufio"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/opt"
	"gobox/internal/userdb"
)

// HelpOptions is the option list of chown's and chgrp's help text.
const HelpOptions = `	-h	Affect symlinks instead of symlink targets
	-L	Traverse all symlinks to directories
	-H	Traverse symlinks on command line only
	-P	Don't traverse symlinks (default)
	-R	Recurse
	-c	List changed files
	-v	Verbose
	-f	Hide errors`

// Unchanged is the id value that leaves a uid or gid as it is.
const Unchanged = -1

func number(s string) (int, bool) {
	n, err := strconv.ParseUint(s, 10, 32)
	return int(n), err == nil
}

// Parse resolves a chown owner argument the way BusyBox's
// parse_chown_usergroup_or_die does: "user" sets the uid only, ":group"
// the gid only, "user:" the uid and the user's primary gid, "user:group"
// both; '.' is accepted in place of ':'. Names are looked up in db,
// numbers are taken as they are. Ids not set are Unchanged.
func Parse(spec string, db userdb.DB) (uid, gid int, err error) {
	uid, gid = Unchanged, Unchanged
	sep := strings.IndexByte(spec, '.')
	if sep >= 0 {
		spec = spec[:sep] + ":" + spec[sep+1:]
	} else {
		sep = strings.IndexByte(spec, ':')
	}
	switch {
	case sep < 0:
		if n, ok := number(spec); ok {
			return n, gid, nil
		}
		u := db.UserByName(spec)
		if u == nil {
			return 0, 0, applet.Errorf("unknown user %s", spec)
		}
		return u.UID, gid, nil
	case sep == 0:
		grp := spec[1:]
		if n, ok := number(grp); ok {
			return uid, n, nil
		}
		g := db.GroupByName(grp)
		if g == nil {
			return 0, 0, applet.Errorf("unknown group %s", grp)
		}
		return uid, g.GID, nil
	}
	if sep == len(spec)-1 {
		spec = spec[:sep]
	}
	uid, gid, ok := uidgid(spec, db)
	if !ok {
		return 0, 0, applet.Errorf("unknown user/group %s", spec)
	}
	return uid, gid, nil
}

// uidgid is BusyBox's get_uidgid: "user[:group]", always setting both.
func uidgid(spec string, db userdb.DB) (uid, gid int, ok bool) {
	user, group, hasGroup := strings.Cut(spec, ":")
	if n, isNum := number(user); isNum {
		uid, gid = n, n
		if u := db.UserByID(n); u != nil {
			gid = u.GID
		}
	} else {
		u := db.UserByName(user)
		if u == nil {
			return 0, 0, false
		}
		uid, gid = u.UID, u.GID
	}
	if hasGroup {
		if n, isNum := number(group); isNum {
			return uid, n, true
		}
		g := db.GroupByName(group)
		if g == nil {
			return 0, 0, false
		}
		gid = g.GID
	}
	return uid, gid, true
}

type walker struct {
	ctx      *applet.Ctx
	w        *bufio.Writer
	uid, gid int
	lchown   bool
	recurse  bool
	followL0 bool // -H or -L: follow a symlink named on the command line
	follow   bool // -L: follow every symlink
	verbose  bool
	changes  bool
	quiet    bool
	err      error // the first write error: the walk stops there
	walk     dirent.Walk
	line     []byte // a -v line, reused
}

func (wk *walker) warn(err error) {
	wk.w.Flush()
	wk.ctx.Perror(err, "%s", wk.walk.Path())
}

// action changes the walk's current entry; st is its (l)stat.
func (wk *walker) action(st *unix.Stat_t) error {
	u, g := wk.uid, wk.gid
	if u == Unchanged {
		u = int(st.Uid)
	}
	if g == Unchanged {
		g = int(st.Gid)
	}
	flags := 0
	if wk.lchown {
		flags = unix.AT_SYMLINK_NOFOLLOW
	}
	dirfd, name := wk.walk.At()
	err := dirent.Fchownat(dirfd, name, u, g, flags)
	if err == nil {
		if wk.verbose || wk.changes && (int(st.Uid) != u || int(st.Gid) != g) {
			// Built without allocating: -v may print a line per file
			// of a large tree.
			b := append(wk.line[:0], "changed ownership of '"...)
			b = append(b, wk.walk.Path()...)
			b = append(b, "' to "...)
			b = strconv.AppendUint(b, uint64(uint32(u)), 10)
			b = append(b, ':')
			b = strconv.AppendUint(b, uint64(uint32(g)), 10)
			b = append(b, '\n')
			if _, err := wk.w.Write(b); err != nil && wk.err == nil {
				wk.err = err
			}
			wk.line = b
		}
		return nil
	}
	if !wk.quiet {
		wk.warn(err)
	}
	return err
}

// visit is BusyBox's recursive_action with ACTION_DEPTHFIRST on the
// walk's current entry. Entries are reached relative to their directory
// (dirent.Walk), so the walk allocates nothing per file.
func (wk *walker) visit() bool {
	if wk.ctx.Cancelled() || wk.err != nil {
		return false
	}
	w := &wk.walk
	var st unix.Stat_t
	if err := w.Stat(&st, wk.follow || w.Depth() == 0 && wk.followL0); err != nil {
		wk.warn(err)
		return false
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR || !wk.recurse {
		return wk.action(&st) == nil
	}
	if err := w.Open(); err != nil {
		wk.warn(err)
		return false
	}
	ok := true
	// Reading errors end the loop silently, as readdir's do in BusyBox.
	for w.Next() {
		if !wk.visit() {
			ok = false
			if wk.ctx.Cancelled() || wk.err != nil {
				break
			}
		}
	}
	w.Close()
	if wk.err != nil {
		return false
	}
	if err := wk.action(&st); err != nil {
		// BusyBox reports a failed directory twice, the second time
		// even with -f.
		wk.warn(err)
		return false
	}
	return ok
}

// Main runs chown with args, parsed by the options the running applet
// declares (chown's and chgrp's Applet values). For chgrp, call it with
// the first operand prefixed by ':' (BusyBox implements chgrp that way).
func Main(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	uid, gid, err := Parse(r.Args[0], userdb.DB{})
	if err != nil {
		return err
	}
	wk := &walker{
		ctx:      ctx,
		w:        bufio.NewWriter(ctx.Stdout),
		uid:      uid,
		gid:      gid,
		recurse:  r.Has("R"),
		followL0: r.Has("H") || r.Has("L"),
		follow:   r.Has("L"),
		verbose:  r.Has("v"),
		changes:  r.Has("c"),
		quiet:    r.Has("f"),
	}
	wk.lchown = r.Has("h") || wk.recurse && !wk.followL0
	defer wk.walk.CloseAll()
	status := 0
	for _, name := range r.Args[1:] {
		wk.walk.Start(name, ctx.Path(name))
		if !wk.visit() {
			status = 1
		}
	}
	if wk.err != nil {
		return applet.Perror(wk.err, "write error")
	}
	if err := wk.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}
