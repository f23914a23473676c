package apk

import "testing"

// TestAuditProtection: how the protected-path rules reach directories
// and files, as apk_db_dir_get and audit's determine_file_protect_mode
// pass them down (the default rules plus a list's).
func TestAuditProtection(t *testing.T) {
	a := &auditor{dirs: map[string]*auditDir{}, known: map[string]bool{},
		rules: parseProtRules([]string{"+etc", "@etc/init.d", "!etc/apk", "# comment", "", "-/usr/share/doc/", "usr/lib/*.conf", "!var/lib/*/state"})}
	cases := []struct {
		dir, file string
		dirMode   int
		fileMode  int
		protKids  bool
	}{
		{"", "x", protNone, protNone, true},
		{"etc", "passwd", protChanged, protChanged, true},
		{"etc/init.d", "svc", protSymlinks, protSymlinks, true},
		{"etc/apk", "world", protAll, protAll, true},
		{"etc/apk/keys", "k.pub", protAll, protAll, true},
		{"etc/ssl", "cert", protChanged, protChanged, true},
		{"usr", "x", protNone, protNone, true},
		{"usr/share", "x", protNone, protNone, false}, // only an ignore rule below
		{"usr/share/doc", "README", protIgnore, protIgnore, false},
		{"usr/share/doc/hello", "README", protIgnore, protIgnore, false},
		{"usr/lib", "a.conf", protNone, protChanged, true},
		{"usr/lib", "a.so", protNone, protNone, true},
		{"var/lib/foo", "state", protNone, protAll, true},
		{"var/lib/foo", "other", protNone, protNone, true},
		{"lib", "x", protNone, protNone, false},
	}
	for _, c := range cases {
		d := a.dir(c.dir)
		if d.mode != c.dirMode || d.protKids != c.protKids {
			t.Errorf("%s: mode %d, protected children %v; want %d, %v", c.dir, d.mode, d.protKids, c.dirMode, c.protKids)
		}
		if got := a.fileMode(d, c.file); got != c.fileMode {
			t.Errorf("%s/%s: file mode %d, want %d", c.dir, c.file, got, c.fileMode)
		}
	}
}
