package cpio

import (
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/userdb"
)

// unchanged is the id value that leaves a uid or gid as it is.
const unchanged = -1

// parseOwner resolves -R's USER[:GROUP] as BusyBox's
// parse_chown_usergroup_or_die: "user" sets the uid only, ":group" the
// gid only, "user:" the uid and the user's login group, "user:group"
// both; '.' may stand for ':'. (internal/owner has the same rules, but
// importing it would make chown's options cpio's in the option tests.)
func parseOwner(spec string, db userdb.DB) (uid, gid int, err error) {
	number := func(s string) (int, bool) {
		n, err := strconv.ParseUint(s, 10, 32)
		return int(n), err == nil
	}
	if i := strings.IndexByte(spec, '.'); i >= 0 {
		spec = spec[:i] + ":" + spec[i+1:]
	}
	user, group, hasSep := strings.Cut(spec, ":")
	switch {
	case !hasSep:
		if n, ok := number(user); ok {
			return n, unchanged, nil
		}
		if u := db.UserByName(user); u != nil {
			return u.UID, unchanged, nil
		}
		return 0, 0, applet.Errorf("unknown user %s", user)
	case user == "":
		if n, ok := number(group); ok {
			return unchanged, n, nil
		}
		if g := db.GroupByName(group); g != nil {
			return unchanged, g.GID, nil
		}
		return 0, 0, applet.Errorf("unknown group %s", group)
	}
	bad := applet.Errorf("unknown user/group %s", strings.TrimSuffix(spec, ":"))
	if n, ok := number(user); ok {
		uid, gid = n, n
		if u := db.UserByID(n); u != nil {
			gid = u.GID
		}
	} else if u := db.UserByName(user); u != nil {
		uid, gid = u.UID, u.GID
	} else {
		return 0, 0, bad
	}
	if group == "" {
		return uid, gid, nil
	}
	if n, ok := number(group); ok {
		return uid, n, nil
	}
	if g := db.GroupByName(group); g != nil {
		return uid, g.GID, nil
	}
	return 0, 0, bad
}
