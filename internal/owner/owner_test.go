package owner

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/userdb"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	pw := filepath.Join(dir, "passwd")
	gr := filepath.Join(dir, "group")
	os.WriteFile(pw, []byte("root:x:0:0:root:/root:/bin/sh\nalice:x:1000:100:Alice:/home/alice:/bin/sh\n7:x:700:701::/:/bin/sh\n"), 0644)
	os.WriteFile(gr, []byte("root:x:0:\nusers:x:100:alice\nstaff:x:50:\n"), 0644)
	db := userdb.DB{Passwd: pw, Group: gr}
	tests := []struct {
		spec     string
		uid, gid int
		err      string
	}{
		{"alice", 1000, Unchanged, ""},
		{"42", 42, Unchanged, ""},
		{"7", 7, Unchanged, ""}, // numbers win over names
		{":staff", Unchanged, 50, ""},
		{":77", Unchanged, 77, ""},
		{"alice:", 1000, 100, ""},
		{"alice:staff", 1000, 50, ""},
		{"alice.staff", 1000, 50, ""},
		{"alice:9", 1000, 9, ""},
		{"1000:", 1000, 100, ""},
		{"555:", 555, 555, ""},
		{"555:staff", 555, 50, ""},
		{"bob", 0, 0, "unknown user bob"},
		{":nogroup", 0, 0, "unknown group nogroup"},
		{"bob:staff", 0, 0, "unknown user/group bob:staff"},
		{"alice:nogroup", 0, 0, "unknown user/group alice:nogroup"},
		{"bob:", 0, 0, "unknown user/group bob"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			uid, gid, err := Parse(tt.spec, db)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || uid != tt.uid || gid != tt.gid {
				t.Fatalf("got %d:%d %v, want %d:%d", uid, gid, err, tt.uid, tt.gid)
			}
		})
	}
}
