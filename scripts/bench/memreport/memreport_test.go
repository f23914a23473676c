package main

import (
	"strconv"
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	in := strings.Join([]string{
		"true\tgobox\tstatus=0 hwm=3336 private=3328 anon=632 rumaxrss=3152 wall=0.0030 user=0.0015 sys=0.0000 samples=1 traced=true",
		"true\talpine\tstatus=0 hwm=796 private=792 anon=48 wall=0.0008 user=0.0004 sys=0.0000",
		"true\tdebian\tstatus=0 hwm=1400 private=1388 anon=52 wall=0.0015 user=0.0001 sys=0.0007",
		"true\tbase\tstatus=0 hwm=3400 private=1 anon=700 wall=0.0040 user=0.0020 sys=0.0000",
		"",
		"ls -lR /x\tgobox\tstatus=0 hwm=15760 private=1 anon=12736 wall=0.2556 user=0.0361 sys=0.1050",
		"ls -lR /x\talpine\tstatus=1 hwm=4652 private=1 anon=3756 wall=0.3839 user=0.2422 sys=0.0946",
		// A second run: the peak of the memory, the best of the times.
		"ls -lR /x\tgobox\tstatus=0 hwm=15000 private=1 anon=12800 wall=0.2000 user=0.0400 sys=0.1000",
		"ls -lR /x\tbase\tstatus=0 hwm=15000 private=1 anon=12000 wall=0.4000 user=0.1000 sys=0.1000",
	}, "\n")
	rs, err := read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := write(&b, rs); err != nil {
		t.Fatal(err)
	}
	want := `### Peak resident memory (VmHWM)

| workload | gobox | gobox before | Alpine BusyBox | Debian busybox | gobox − Alpine | within +2 MB |
| --- | --- | --- | --- | --- | --- | --- |
` + "| `true` | 3.3 MB | 3.3 MB | 0.8 MB | 1.4 MB | +2.5 MB | no |\n" +
		"| `ls -lR /x` | 15.4 MB | 14.6 MB | 4.5 MB (exit 1) | - | +10.8 MB | no |\n" + `
### Private memory (peak Anonymous, KB)

| workload | gobox | gobox before | Alpine BusyBox | Debian busybox | gobox − Alpine | within +2 MB (private) |
| --- | --- | --- | --- | --- | --- | --- |
` + "| `true` | 632 | 700 | 48 | 52 | +584 | yes |\n" +
		"| `ls -lR /x` | 12800 | 12000 | 3756 (exit 1) | - | +9044 | no |\n" + `
### Time (seconds: wall, user+sys)

| workload | gobox | gobox before | Alpine BusyBox | Debian busybox | gobox / before (wall, user+sys) |
| --- | --- | --- | --- | --- | --- |
` + "| `true` | 0.003, 0.002 | 0.004, 0.002 | 0.001, 0.000 | 0.002, 0.001 | x0.75, x0.75 |\n" +
		"| `ls -lR /x` | 0.200, 0.140 | 0.400, 0.200 | 0.384, 0.337 (exit 1) | - | x0.50, x0.70 |\n"
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWithin(t *testing.T) {
	for _, tt := range []struct {
		gobox, alpine int64
		want          string
	}{
		{3096, 1048, "| +2.0 MB | yes |"}, // exactly 2 MB more
		{3100, 1048, "| +2.0 MB | no |"},
		{1000, 2000, "| -1.0 MB | yes |"},
		// The same bound on private memory, in KB.
		{3096, 1048, "| +2048 | yes |"},
		{3100, 1048, "| +2052 | no |"},
		{1000, 2000, "| -1000 | yes |"},
	} {
		// Peak and private memory alike, so that each table has a row.
		g, a := strconv.FormatInt(tt.gobox, 10), strconv.FormatInt(tt.alpine, 10)
		in := "w\tgobox\tstatus=0 hwm=" + g + " anon=" + g + " wall=1 user=1 sys=1\n" +
			"w\talpine\tstatus=0 hwm=" + a + " anon=" + a + " wall=1 user=1 sys=1\n"
		rs, err := read(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := write(&b, rs); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tt.want) {
			t.Errorf("%d vs %d: no %q in\n%s", tt.gobox, tt.alpine, tt.want, b.String())
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{"w\tgobox\n", "line 1: want 3 fields, got 2"},
		{"w\tgobox\tstatus=0 hwm=1 wall=1 user=1 sys=1\n", "line 1: bad or missing anon"},
		{"\nw\tgobox\tstatus=0 hwm=x anon=1 wall=1 user=1 sys=1\n", "line 2: bad or missing hwm"},
	} {
		_, err := read(strings.NewReader(tt.in))
		if err == nil || err.Error() != tt.err {
			t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
		}
	}
}
