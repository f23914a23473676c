package df

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestDfHeader(t *testing.T) {
	const none = "-tno_such_fs_type"
	tests := []struct {
		args []string
		env  []string
		out  string
	}{
		{nil, nil, "Filesystem           1K-blocks      Used Available Use% Mounted on\n"},
		{[]string{"-P"}, nil, "Filesystem           1024-blocks    Used Available Capacity Mounted on\n"},
		{[]string{"-T"}, nil, "Filesystem           Type       1K-blocks      Used Available Use% Mounted on\n"},
		{[]string{"-m"}, nil, "Filesystem           1M-blocks      Used Available Use% Mounted on\n"},
		{[]string{"-h"}, nil, "Filesystem                Size      Used Available Use% Mounted on\n"},
		{[]string{"-i"}, nil, "Filesystem              Inodes      Used Available Use% Mounted on\n"},
		{[]string{"-B", "1536"}, nil, "Filesystem           2K-blocks      Used Available Use% Mounted on\n"},
		{[]string{"-B", "512"}, nil, "Filesystem           512-blocks     Used Available Use% Mounted on\n"},
		{[]string{"-PB", "1MiB"}, nil, "Filesystem           1048576-blocks Used Available Capacity Mounted on\n"},
		{[]string{"-m", "-k"}, nil, "Filesystem           1K-blocks      Used Available Use% Mounted on\n"},
		{nil, []string{"POSIXLY_CORRECT=1"}, "Filesystem           512-blocks     Used Available Use% Mounted on\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			applettest.Cmd{Args: append(tt.args, none), Env: tt.env}.Run(t, &Applet).Expect(t, tt.out, 0)
		})
	}
}

func TestDfErrors(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"-B", "0"}, "df: number 0 is not in 1..18446744073709551615 range\n"},
		{[]string{"-B", "x"}, "df: invalid number 'x'\n"},
		{[]string{"-B", "2X"}, "df: invalid number '2X'\n"},
		{[]string{"/no/such/path"}, "df: /no/such/path: can't find mount point\n"},
	}
	for _, tt := range tests {
		r := applettest.Run(t, &Applet, tt.args...)
		if r.Code != 1 || r.Stderr != tt.stderr {
			t.Errorf("%v: status %d stderr %q, want 1 %q", tt.args, r.Code, r.Stderr, tt.stderr)
		}
	}
}

func TestDfRoot(t *testing.T) {
	r := applettest.Run(t, &Applet, "-P", "/")
	lines := strings.Split(strings.TrimSuffix(r.Stdout, "\n"), "\n")
	if r.Code != 0 || len(lines) != 2 || !strings.HasSuffix(lines[1], "% /") {
		t.Errorf("df -P /: %q status %d %q", r.Stdout, r.Code, r.Stderr)
	}
}

func TestHelpers(t *testing.T) {
	sizes := map[string]uint64{"K": 1024, "MiB": 1 << 20, "2k": 2048, "3GB": 3000000000, "7": 7}
	for s, want := range sizes {
		if got, err := parseBlockSize(s); err != nil || got != want {
			t.Errorf("parseBlockSize(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	if got := unescape(`/mnt/a\040b\\`); got != `/mnt/a b\\` {
		t.Errorf("unescape: %q", got)
	}
	if s, w := printable("dev\x01é"); s != "dev?é" || w != 5 {
		t.Errorf("printable: %q %d", s, w)
	}
}
