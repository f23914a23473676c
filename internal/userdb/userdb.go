// Package userdb looks up users and groups in the passwd and group files
// of the system it runs on (BusyBox reads them directly too: there is no
// NSS in a static binary). Every lookup reads the file afresh, so nothing
// is loaded at start-up; callers that resolve many ids use a Cache.
package userdb

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// Files read by the lookups; tests may point them elsewhere through a
// DB value instead of changing these.
const (
	PasswdFile = "/etc/passwd"
	GroupFile  = "/etc/group"
)

// User is one passwd entry.
type User struct {
	Name  string
	UID   int
	GID   int
	Gecos string
	Home  string
	Shell string
}

// Group is one group entry.
type Group struct {
	Name    string
	GID     int
	Members []string
}

// DB names the files to read; the zero DB reads /etc/passwd and /etc/group.
type DB struct {
	Passwd, Group string
}

func (d DB) passwdFile() string {
	if d.Passwd != "" {
		return d.Passwd
	}
	return PasswdFile
}

func (d DB) groupFile() string {
	if d.Group != "" {
		return d.Group
	}
	return GroupFile
}

// each calls fn with the colon-separated fields of each line of file
// until fn returns true.
func each(file string, fn func(f []string) bool) {
	fh, err := os.Open(file)
	if err != nil {
		return
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if fn(strings.Split(line, ":")) {
			return
		}
	}
}

func parseUser(f []string) (*User, bool) {
	if len(f) < 7 {
		return nil, false
	}
	uid, err1 := strconv.Atoi(f[2])
	gid, err2 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil {
		return nil, false
	}
	return &User{Name: f[0], UID: uid, GID: gid, Gecos: f[4], Home: f[5], Shell: f[6]}, true
}

func parseGroup(f []string) (*Group, bool) {
	if len(f) < 3 {
		return nil, false
	}
	gid, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, false
	}
	g := &Group{Name: f[0], GID: gid}
	if len(f) > 3 && f[3] != "" {
		g.Members = strings.Split(f[3], ",")
	}
	return g, true
}

// UserByID returns the first user with uid, or nil.
func (d DB) UserByID(uid int) *User {
	var u *User
	each(d.passwdFile(), func(f []string) bool {
		if x, ok := parseUser(f); ok && x.UID == uid {
			u = x
			return true
		}
		return false
	})
	return u
}

// UserByName returns the user called name, or nil.
func (d DB) UserByName(name string) *User {
	var u *User
	each(d.passwdFile(), func(f []string) bool {
		if f[0] != name {
			return false
		}
		x, ok := parseUser(f)
		u = x
		return ok
	})
	return u
}

// GroupByID returns the first group with gid, or nil.
func (d DB) GroupByID(gid int) *Group {
	var g *Group
	each(d.groupFile(), func(f []string) bool {
		if x, ok := parseGroup(f); ok && x.GID == gid {
			g = x
			return true
		}
		return false
	})
	return g
}

// GroupByName returns the group called name, or nil.
func (d DB) GroupByName(name string) *Group {
	var g *Group
	each(d.groupFile(), func(f []string) bool {
		if f[0] != name {
			return false
		}
		x, ok := parseGroup(f)
		g = x
		return ok
	})
	return g
}

// GroupsOf returns the gids of the groups that list user as a member, in
// file order (the supplementary groups initgroups would set), with
// primary first if it is not negative. As musl's getgrouplist, it keeps
// primary a second time when its group lists user too (Alpine's "id root"
// shows "groups=0(root),0(root),..."); glibc's drops the repeat.
func (d DB) GroupsOf(user string, primary int) []int {
	var out []int
	if primary >= 0 {
		out = append(out, primary)
	}
	each(d.groupFile(), func(f []string) bool {
		g, ok := parseGroup(f)
		if !ok {
			return false
		}
		for _, m := range g.Members {
			if m == user {
				out = append(out, g.GID)
				break
			}
		}
		return false
	})
	return out
}

// Cache memoises id-to-name lookups for applets that print many (ls -l).
type Cache struct {
	DB     DB
	users  map[int]string
	groups map[int]string
}

// UserName returns the name of uid, or its number as text.
func (c *Cache) UserName(uid int) string {
	if c.users == nil {
		c.users = map[int]string{}
	}
	if n, ok := c.users[uid]; ok {
		return n
	}
	n := strconv.Itoa(uid)
	if u := c.DB.UserByID(uid); u != nil {
		n = u.Name
	}
	c.users[uid] = n
	return n
}

// GroupName returns the name of gid, or its number as text.
func (c *Cache) GroupName(gid int) string {
	if c.groups == nil {
		c.groups = map[int]string{}
	}
	if n, ok := c.groups[gid]; ok {
		return n
	}
	n := strconv.Itoa(gid)
	if g := c.DB.GroupByID(gid); g != nil {
		n = g.Name
	}
	c.groups[gid] = n
	return n
}

// LookupUID resolves a user name or a number; ok is false if neither.
func (d DB) LookupUID(s string) (int, bool) {
	if u := d.UserByName(s); u != nil {
		return u.UID, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// LookupGID resolves a group name or a number; ok is false if neither.
func (d DB) LookupGID(s string) (int, bool) {
	if g := d.GroupByName(s); g != nil {
		return g.GID, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}
