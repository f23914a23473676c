package datetime

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestLocationMusl(t *testing.T) {
	dir := t.TempDir()
	zone := filepath.Join(dir, "zone")
	if err := os.WriteFile(zone, tzif("ABC", 3*3600, "ABC-3"), 0o644); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk")
	if err := os.WriteFile(junk, []byte("not a zoneinfo file, but long enough to be mapped"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		tz   string
		set  bool
		want string // zone name and offset at the epoch
	}{
		{"", true, "UTC +0000"},
		{zone, true, "ABC +0300"},
		{":" + zone, true, "ABC +0300"},
		{junk, true, "UTC +0000"},
		{dir + "/missing", true, "UTC +0000"},
		{"nosuchzone", true, "UTC +0000"},
		{"no-such-zone", true, "no +0000"}, // musl: a name and an offset
		{"not.a.zone", true, "UTC +0000"},
		{"GMT", true, "GMT +0000"},
		{"UTC", true, "UTC +0000"},
		{"EST5", true, "EST -0500"},
		{"<-03>3", true, "-03 -0300"},
		{"XYZ+1:30", true, "XYZ -0130"},
		{":UTC0", true, "UTC +0000"}, // ':' forces a file name; none: UTC
	}
	for _, tt := range tests {
		got := time.Unix(0, 0).In(Location(tt.tz, tt.set)).Format("MST -0700")
		if got != tt.want {
			t.Errorf("Location(%q, %v) at the epoch: %q, want %q", tt.tz, tt.set, got, tt.want)
		}
	}
}

func TestLocationZoneinfo(t *testing.T) {
	if _, err := os.Stat("/usr/share/zoneinfo/Asia/Tokyo"); err != nil {
		t.Skip("no zoneinfo")
	}
	for _, tz := range []string{"Asia/Tokyo", ":Asia/Tokyo", "/usr/share/zoneinfo/Asia/Tokyo"} {
		got := time.Unix(0, 0).In(Location(tz, true)).Format("MST -0700")
		if got != "JST +0900" {
			t.Errorf("Location(%q): %q, want JST +0900", tz, got)
		}
	}
	// A name alone, with no offset, is a file name for musl.
	if _, err := os.Stat("/usr/share/zoneinfo/EST"); err == nil {
		got := time.Unix(0, 0).In(Location("EST", true)).Format("MST -0700")
		if got != "EST -0500" {
			t.Errorf("Location(\"EST\"): %q, want EST -0500", got)
		}
	}
}

func TestLocationUnset(t *testing.T) {
	want := time.UTC
	if data, err := os.ReadFile("/etc/localtime"); err == nil {
		if loc, err := time.LoadLocationFromTZData("/etc/localtime", data); err == nil {
			want = loc
		}
	}
	now := time.Now()
	g, w := now.In(Location("", false)), now.In(want)
	if g.Format("MST -0700") != w.Format("MST -0700") {
		t.Errorf("Location unset: %s, want %s", g.Format("MST -0700"), w.Format("MST -0700"))
	}
}
