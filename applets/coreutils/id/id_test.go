package id

import (
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
	"gobox/internal/userdb"
)

func TestID(t *testing.T) {
	db := userdb.DB{}
	uid, gid := unix.Geteuid(), unix.Getegid()
	uname, gname := strconv.Itoa(uid), strconv.Itoa(gid)
	if u := db.UserByID(uid); u != nil {
		uname = u.Name
	}
	if g := db.GroupByID(gid); g != nil {
		gname = g.Name
	}
	root := db.UserByID(0)
	if root == nil {
		t.Skip("no root user in /etc/passwd")
	}
	tests := []struct {
		args   []string
		out    string
		errout string
		code   int
	}{
		{[]string{"-u"}, strconv.Itoa(uid) + "\n", "", 0},
		{[]string{"-ur"}, strconv.Itoa(unix.Getuid()) + "\n", "", 0},
		{[]string{"-g"}, strconv.Itoa(gid) + "\n", "", 0},
		{[]string{"-un"}, uname + "\n", "", 0},
		{[]string{"-gn"}, gname + "\n", "", 0},
		{[]string{"-u", root.Name}, "0\n", "", 0},
		{[]string{"-un", root.Name}, root.Name + "\n", "", 0},
		{[]string{"-g", root.Name}, strconv.Itoa(root.GID) + "\n", "", 0},
		{[]string{"-u", "-g"}, "", "", 1},
		{[]string{"-gG"}, "", "", 1},
		{[]string{"-n"}, "", "", 1},
		{[]string{"-r"}, "", "", 1},
		{[]string{"a", "b"}, "", "", 1},
		{[]string{"nosuch-user-x"}, "", "id: unknown user nosuch-user-x\n", 1},
	}
	for _, tc := range tests {
		r := applettest.Run(t, &Applet, tc.args...)
		r.Expect(t, tc.out, tc.code)
		if tc.errout != "" && r.Stderr != tc.errout {
			t.Errorf("id %q: stderr %q, want %q", tc.args, r.Stderr, tc.errout)
		}
	}
}

func TestIDDefault(t *testing.T) {
	db := userdb.DB{}
	root := db.UserByID(0)
	if root == nil {
		t.Skip("no root user in /etc/passwd")
	}
	want := "uid=0(" + root.Name + ") gid=" + strconv.Itoa(root.GID)
	if g := db.GroupByID(root.GID); g != nil {
		want += "(" + g.Name + ")"
	}
	for i, gid := range db.GroupsOf(root.Name, root.GID) {
		if i == 0 {
			want += " groups="
		} else {
			want += ","
		}
		want += strconv.Itoa(gid)
		if g := db.GroupByID(gid); g != nil {
			want += "(" + g.Name + ")"
		}
	}
	applettest.Run(t, &Applet, root.Name).Expect(t, want+"\n", 0)
}

func TestPrinter(t *testing.T) {
	// Unknown ids: plain mode prints the number alone and succeeds; -n
	// complains and fails.
	r := applettest.Run(t, &Applet, "-G")
	if r.Code != 0 && r.Stderr == "" {
		t.Errorf("id -G: status %d without message", r.Code)
	}
}
