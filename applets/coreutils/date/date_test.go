package date

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

const usagePrefix = "Usage: date "

func TestDate(t *testing.T) {
	tests := []struct {
		name   string
		env    []string
		args   []string
		stdout string
		stderr string
		code   int
	}{
		{"at", nil, []string{"-d", "@0"}, "Thu Jan  1 00:00:00 UTC 1970\n", "", 0},
		{"format", nil, []string{"-d", "1999.01.01-11:22:33", "+%d/%m/%y"}, "01/01/99\n", "", 0},
		{"iso date", nil, []string{"-d", "@5", "-I"}, "1970-01-01\n", "", 0},
		{"iso hours", nil, []string{"-d", "@5", "-Ihours"}, "1970-01-01T00+00:00\n", "", 0},
		{"iso minutes", nil, []string{"-d", "@5", "-Iminutes"}, "1970-01-01T00:00+00:00\n", "", 0},
		{"iso seconds", []string{"TZ=EST5"}, []string{"-d", "@5", "-Iseconds"}, "1969-12-31T19:00:05-05:00\n", "", 0},
		{"iso ns", nil, []string{"-d", "@5", "-Ins"}, "1970-01-01T00:00:05,000000000+00:00\n", "", 0},
		{"rfc2822", []string{"TZ=EST5EDT"}, []string{"-R", "-d", "2010-07-04 12:00"}, "Sun, 04 Jul 2010 12:00:00 -0400\n", "", 0},
		{"long rfc", nil, []string{"--rfc-2822", "--date=@0"}, "Thu, 01 Jan 1970 00:00:00 +0000\n", "", 0},
		{"utc", []string{"TZ=CET-1CEST-2"}, []string{"-u", "-d", "2000.01.01-11:22:33"}, "Sat Jan  1 11:22:33 UTC 2000\n", "", 0},
		{"dst before", []string{"TZ=EET-2EEST,M3.5.0/3,M10.5.0/4"}, []string{"-d", "@1288486799"}, "Sun Oct 31 03:59:59 EEST 2010\n", "", 0},
		{"dst after", []string{"TZ=EET-2EEST,M3.5.0/3,M10.5.0/4"}, []string{"-d", "@1288486801"}, "Sun Oct 31 03:00:01 EET 2010\n", "", 0},
		{"zone Z", []string{"TZ=UTC0"}, []string{"-d", "1999-1-2 3:4:5Z"}, "Sat Jan  2 03:04:05 UTC 1999\n", "", 0},
		{"zone offset", []string{"TZ=GMT0BST,M3.5.0/1,M10.5.0/2"}, []string{"-d", "2021-03-28 01:00:01 +0000"}, "Sun Mar 28 02:00:01 BST 2021\n", "", 0},
		{"percent c", nil, []string{"-d", "200001231133.30", "+%c"}, "Sun Jan 23 11:33:30 2000\n", "", 0},
		{"strptime", nil, []string{"-D", "%d/%m/%Y %H", "-d", "03/02/2001 04", "+%F %T"}, "2001-02-03 04:00:00\n", "", 0},
		{"strptime bad", nil, []string{"-D", "%d/%m/%Y", "-d", "x"}, "", "date: invalid date 'x'\n", 1},
		{"nanos", nil, []string{"-d", "@1", "+%s.%N %3N"}, "1.000000000 000\n", "", 0},
		{"empty format", nil, []string{"-d", "@1", "+"}, "\n", "", 0},
		{"unknown conversion", nil, []string{"-d", "@1", "+ab%Qcd"}, "ab\n", "", 0},
		{"invalid", nil, []string{"-d", "x"}, "", "date: invalid date 'x'\n", 1},
		{"mktime error value", nil, []string{"-u", "-d", "@-1"}, "", "date: invalid date '@-1'\n", 1},
		{"before epoch", nil, []string{"-u", "-d", "@-2"}, "Wed Dec 31 23:59:58 UTC 1969\n", "", 0},
		// localtime fails for a year beyond C's int tm_year.
		{"epoch too late", nil, []string{"-d", "@9223372036854775807"}, "", "date: invalid date '@9223372036854775807'\n", 1},
		{"epoch last", nil, []string{"-d", "@67768036191676799"}, "Wed Dec 31 23:59:59 UTC +2147485547\n", "", 0},
		{"epoch after last", nil, []string{"-d", "@67768036191676800"}, "", "date: invalid date '@67768036191676800'\n", 1},
		{"epoch first", nil, []string{"-d", "@-67768040609740800"}, "Thu Jan  1 00:00:00 UTC -2147481748\n", "", 0},
		{"epoch before first", nil, []string{"-d", "@-67768040609740801"}, "", "date: invalid date '@-67768040609740801'\n", 1},
		{"epoch zone", []string{"TZ=XXX-1"}, []string{"-d", "@67768036191676799"}, "", "date: invalid date '@67768036191676799'\n", 1},
		{"epoch plus", nil, []string{"-d", "@+5"}, "", "date: invalid date '@+5'\n", 1},
		{"invalid set form", nil, []string{"0123113"}, "", "date: invalid date '0123113'\n", 1},
		{"no file", nil, []string{"-r", "nofile"}, "", "date: can't stat 'nofile': No such file or directory\n", 1},
		{"bad iso", nil, []string{"-Ifoo"}, "", usagePrefix, 1},
		{"d and s", nil, []string{"-d", "1:2", "-s", "1:3"}, "", usagePrefix, 1},
		{"R and I", nil, []string{"-R", "-I"}, "", usagePrefix, 1},
		{"extra arg", nil, []string{"-d", "012311332000.30", "%+c"}, "", usagePrefix, 1},
		{"bad option", nil, []string{"-x"}, "", "date: unrecognized option: x\n" + usagePrefix, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := append([]string{"TZ=UTC"}, tt.env...)
			r := applettest.Cmd{Args: tt.args, Env: env}.Run(t, &Applet)
			r.Expect(t, tt.stdout, tt.code)
			if strings.HasSuffix(tt.stderr, usagePrefix) {
				msg := strings.TrimSuffix(tt.stderr, usagePrefix)
				if !strings.HasPrefix(r.Stderr, msg) || !strings.Contains(r.Stderr, usagePrefix) {
					t.Errorf("stderr %q, want usage", r.Stderr)
				}
			} else if r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
		})
	}
}

func TestDateNow(t *testing.T) {
	r := applettest.Run(t, &Applet)
	re := regexp.MustCompile(`^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 123][0-9] [012][0-9]:[0-5][0-9]:[0-6][0-9] UTC [0-9]{4}\n$`)
	if r.Code != 0 || !re.MatchString(r.Stdout) {
		t.Errorf("date: %q status %d", r.Stdout, r.Code)
	}
	before := time.Now().Unix()
	r = applettest.Run(t, &Applet, "+%s")
	n, err := strconv.ParseInt(strings.TrimSpace(r.Stdout), 10, 64)
	if err != nil || r.Code != 0 || n < before || n > before+5 {
		t.Errorf("date +%%s = %q (now %d)", r.Stdout, before)
	}
}

func TestDateReference(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mt := time.Date(2003, 4, 5, 6, 7, 8, 123456789, time.UTC)
	if err := os.Chtimes(f, mt, mt); err != nil {
		t.Fatal(err)
	}
	applettest.RunIn(t, dir, &Applet, "-r", "f", "+%F %T %N").Expect(t, "2003-04-05 06:07:08 123456789\n", 0)
	applettest.RunIn(t, dir, &Applet, "-u", "-r", "f").Expect(t, "Sat Apr  5 06:07:08 UTC 2003\n", 0)
}

func TestCompat(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"01231133", "01231133", true},
		{"0123113300", "0001231133", true},
		{"012311332000", "200001231133", true},
		{"012311332000.30", "200001231133.30", true},
		{"0123113", "", false},
		{"01231133200", "", false},
		{"1:2", "1:2", true},
		{"1234.5", "1234.5", true},
	}
	for _, tt := range tests {
		got, ok := compat(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("compat(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestDateWriteError: a failed write is BusyBox's "write error", never
// the bare error text.
func TestDateWriteError(t *testing.T) {
	var errb bytes.Buffer
	ctx := &applet.Ctx{Context: context.Background(), Env: []string{"TZ=UTC"}, Stderr: &errb,
		Stdout: applettest.WriterFunc(func([]byte) (int, error) { return 0, syscall.ENOSPC })}
	if code := applet.Run(ctx, &Applet, []string{"-d", "@0"}); code != 1 || errb.String() != "date: write error: No space left on device\n" {
		t.Errorf("date >full: status %d stderr %q", code, errb.String())
	}
}
