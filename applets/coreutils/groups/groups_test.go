package groups

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
	"gobox/internal/userdb"
)

func TestGroups(t *testing.T) {
	db := userdb.DB{}
	root := db.UserByID(0)
	if root == nil {
		t.Skip("no root user in /etc/passwd")
	}
	var names []string
	for _, gid := range db.GroupsOf(root.Name, root.GID) {
		if g := db.GroupByID(gid); g != nil {
			names = append(names, g.Name)
		}
	}
	want := strings.Join(names, " ") + "\n"
	applettest.Run(t, &Applet, root.Name).Expect(t, want, 0)
	applettest.Run(t, &Applet, root.Name, "ignored").Expect(t, want, 0)
	r := applettest.Run(t, &Applet, "nosuch-user-x")
	r.Expect(t, "", 1)
	if r.Stderr != "groups: unknown user nosuch-user-x\n" {
		t.Errorf("stderr %q", r.Stderr)
	}
	applettest.Run(t, &Applet, "-x").Expect(t, "", 1)
	if r := applettest.Run(t, &Applet); r.Code != 0 && r.Stderr == "" || r.Stdout == "" {
		t.Errorf("groups: %+v", r)
	}
}
