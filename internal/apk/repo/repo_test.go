package repo

import "testing"

func TestParse(t *testing.T) {
	var l List
	l.Add("/cmdline", "")
	l.Parse([]byte("# comment\n/srv/basic\n\n@v2 /srv/v2\n@feat\t/srv/feat\nfile:///srv/x\n@v3 /srv/basic\nhttps://u:pw@h/alpine/\n"))
	want := []struct{ loc, tags string }{{"/cmdline", ""}, {"/srv/basic", "v3"}, {"/srv/v2", "v2"}, {"/srv/feat", "feat"}, {"///srv/x", ""}, {"https://u:pw@h/alpine/", ""}}
	if len(l.Repos) != len(want) {
		t.Fatalf("%d repos", len(l.Repos))
	}
	for i, w := range want {
		r := l.Repos[i]
		tags := ""
		if len(r.Tags) > 0 {
			tags = r.Tags[0]
		}
		if r.Location != w.loc || tags != w.tags {
			t.Errorf("repo %d = %q %v, want %q %q", i, r.Location, r.Tags, w.loc, w.tags)
		}
	}
	r := &Repository{Location: "http://127.0.0.1:8765/basic"}
	if got := r.CacheName("x86_64"); got != "APKINDEX.a9112bd4.tar.gz" {
		t.Errorf("CacheName = %s (apk.md 4.4)", got)
	}
	if got := l.Repos[5].IndexURL("x86_64"); got != "https://u:pw@h/alpine/x86_64/APKINDEX.tar.gz" {
		t.Errorf("IndexURL = %s", got)
	}
	if got := Display("https://u:pw@h/alpine/"); got != "https://u:*@h/alpine/" {
		t.Errorf("Display = %s", got)
	}
}
