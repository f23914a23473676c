package userdb

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// Ident is the identity id(1) and groups(1) report: real and effective
// user and group ids and the supplementary groups.
type Ident struct {
	RUID, EUID, RGID, EGID int
	Groups                 []int // supplementary groups; nil unless asked for
}

// Ident returns the identity of user (that of the running process if
// user is ""), with the supplementary groups if groups is set: for a
// named user those initgroups would set (primary group first), for the
// process getgroups(2). Errors carry BusyBox's messages ("unknown user
// NAME", "can't get groups").
func (d DB) Ident(user string, groups bool) (Ident, error) {
	var id Ident
	if user != "" {
		u := d.UserByName(user)
		if u == nil {
			return id, fmt.Errorf("unknown user %s", user)
		}
		id = Ident{RUID: u.UID, EUID: u.UID, RGID: u.GID, EGID: u.GID}
		if groups {
			id.Groups = d.GroupsOf(u.Name, u.GID)
		}
		return id, nil
	}
	id = Ident{RUID: unix.Getuid(), EUID: unix.Geteuid(), RGID: unix.Getgid(), EGID: unix.Getegid()}
	if groups {
		list, err := unix.Getgroups()
		if err != nil {
			return id, fmt.Errorf("can't get groups")
		}
		id.Groups = list
	}
	return id, nil
}

// GroupList is the list "id -G" and groups print: the real group, the
// effective group if it differs, then the supplementary groups that are
// neither.
func (id Ident) GroupList() []int {
	out := []int{id.RGID}
	if id.EGID != id.RGID {
		out = append(out, id.EGID)
	}
	for _, g := range id.Groups {
		if g != id.RGID && g != id.EGID {
			out = append(out, g)
		}
	}
	return out
}
