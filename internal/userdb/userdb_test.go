package userdb

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func testDB(t *testing.T) DB {
	t.Helper()
	dir := t.TempDir()
	pw := "# comment\n" +
		"root:x:0:0:root:/root:/bin/sh\n" +
		"\n" +
		"alice:x:1000:100:Alice A:/home/alice:/bin/ash\n" +
		"broken:x:notanumber:1:::\n" +
		"short:x:7\n" +
		"bob:x:1001:1001::/home/bob:/bin/sh\n" +
		"alias:x:1000:100::/:/bin/false\n"
	gr := "root:x:0:\n" +
		"users:x:100:bob\n" +
		"bob:x:1001:\n" +
		"wheel:x:10:alice,bob\n" +
		"bad:x:zz:alice\n" +
		"audio:x:29:alice\n" +
		"dup:x:10:\n"
	db := DB{Passwd: filepath.Join(dir, "passwd"), Group: filepath.Join(dir, "group")}
	if err := os.WriteFile(db.Passwd, []byte(pw), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db.Group, []byte(gr), 0o644); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestUsers(t *testing.T) {
	db := testDB(t)
	alice := &User{Name: "alice", UID: 1000, GID: 100, Gecos: "Alice A", Home: "/home/alice", Shell: "/bin/ash"}
	tests := []struct {
		name string
		got  *User
		want *User
	}{
		{"by id", db.UserByID(1000), alice}, // the first entry with the id
		{"by name", db.UserByName("alice"), alice},
		{"root", db.UserByID(0), &User{Name: "root", Home: "/root", Shell: "/bin/sh", Gecos: "root"}},
		{"missing id", db.UserByID(4242), nil},
		{"missing name", db.UserByName("nobody"), nil},
		{"bad uid", db.UserByName("broken"), nil},
		{"short line", db.UserByName("short"), nil},
		{"comment", db.UserByName("# comment"), nil},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
}

func TestGroups(t *testing.T) {
	db := testDB(t)
	if g := db.GroupByID(10); g == nil || g.Name != "wheel" || !reflect.DeepEqual(g.Members, []string{"alice", "bob"}) {
		t.Errorf("GroupByID(10) = %+v", g)
	}
	if g := db.GroupByName("bob"); g == nil || g.GID != 1001 || g.Members != nil {
		t.Errorf("GroupByName(bob) = %+v", g)
	}
	if g := db.GroupByName("bad"); g != nil {
		t.Errorf("GroupByName(bad) = %+v, want nil", g)
	}
	if g := db.GroupByID(4242); g != nil {
		t.Errorf("GroupByID(4242) = %+v, want nil", g)
	}
	tests := []struct {
		user    string
		primary int
		want    []int
	}{
		{"alice", 100, []int{100, 10, 29}},
		{"bob", 1001, []int{1001, 100, 10}},
		{"bob", 100, []int{100, 100, 10}}, // repeated, as musl's getgrouplist does
		{"bob", -1, []int{100, 10}},
		{"carol", 5, []int{5}},
	}
	for _, tt := range tests {
		if got := db.GroupsOf(tt.user, tt.primary); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("GroupsOf(%q, %d) = %v, want %v", tt.user, tt.primary, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	db := testDB(t)
	tests := []struct {
		s        string
		uid, gid int
		uok, gok bool
	}{
		{"alice", 1000, 0, true, false},
		{"bob", 1001, 1001, true, true},
		{"wheel", 0, 10, false, true},
		{"42", 42, 42, true, true},
		{"-1", -1, -1, false, false},
		{"nobody", 0, 0, false, false},
	}
	for _, tt := range tests {
		uid, uok := db.LookupUID(tt.s)
		if uok != tt.uok || uok && uid != tt.uid {
			t.Errorf("LookupUID(%q) = %d, %v; want %d, %v", tt.s, uid, uok, tt.uid, tt.uok)
		}
		gid, gok := db.LookupGID(tt.s)
		if gok != tt.gok || gok && gid != tt.gid {
			t.Errorf("LookupGID(%q) = %d, %v; want %d, %v", tt.s, gid, gok, tt.gid, tt.gok)
		}
	}
}

func TestCache(t *testing.T) {
	db := testDB(t)
	c := &Cache{DB: db}
	for i := 0; i < 2; i++ { // the second round is served from the cache
		if got := c.UserName(1001); got != "bob" {
			t.Errorf("UserName(1001) = %q", got)
		}
		if got := c.UserName(77); got != "77" {
			t.Errorf("UserName(77) = %q", got)
		}
		if got := c.GroupName(29); got != "audio" {
			t.Errorf("GroupName(29) = %q", got)
		}
		if got := c.GroupName(77); got != "77" {
			t.Errorf("GroupName(77) = %q", got)
		}
	}
}

func TestIdent(t *testing.T) {
	db := testDB(t)
	id, err := db.Ident("bob", true)
	want := Ident{RUID: 1001, EUID: 1001, RGID: 1001, EGID: 1001, Groups: []int{1001, 100, 10}}
	if err != nil || !reflect.DeepEqual(id, want) {
		t.Errorf("Ident(bob) = %+v, %v; want %+v", id, err, want)
	}
	if got := id.GroupList(); !reflect.DeepEqual(got, []int{1001, 100, 10}) {
		t.Errorf("GroupList = %v", got)
	}
	if id, err := db.Ident("alice", false); err != nil || id.Groups != nil || id.RUID != 1000 {
		t.Errorf("Ident(alice, false) = %+v, %v", id, err)
	}
	if _, err := db.Ident("nobody", true); err == nil || err.Error() != "unknown user nobody" {
		t.Errorf("Ident(nobody): %v", err)
	}
	if id, err := db.Ident("", true); err != nil || id.RUID != os.Getuid() || id.EGID != os.Getegid() {
		t.Errorf("Ident(\"\") = %+v, %v", id, err)
	}
	mixed := Ident{RGID: 5, EGID: 6, Groups: []int{6, 7, 5, 8}}
	if got := mixed.GroupList(); !reflect.DeepEqual(got, []int{5, 6, 7, 8}) {
		t.Errorf("GroupList with egid != rgid = %v", got)
	}
}
