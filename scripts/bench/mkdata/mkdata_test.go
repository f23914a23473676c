package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestLogLine(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "Jan  1 00:00:00 host daemon[1000]: request 0 served in 0 us from 10.0.0.0\n"},
		{90061, "Jan  2 01:01:01 host daemon[1177]: request 90061 served in 93059 us from 10.0.95.205\n"},
	} {
		if got := string(logLine(nil, tt.n)); got != tt.want {
			t.Errorf("logLine(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestLines(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int64{1, 100, 4096, 1 << 20} {
		name := filepath.Join(dir, "f")
		if err := run([]string{"lines", name, strconv.FormatInt(size, 10)}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(b)) != size || b[len(b)-1] != '\n' {
			t.Errorf("size %d: got %d bytes, last %q", size, len(b), b[len(b)-1])
		}
		if size > 100 && !bytes.HasPrefix(b, logLine(nil, 0)) {
			t.Errorf("size %d: starts %q", size, b[:80])
		}
	}
}

func TestTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "t")
	if err := run([]string{"tree", dir, "102", "3"}); err != nil {
		t.Fatal(err)
	}
	var files, dirs, links int
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			dirs++
		case d.Type()&os.ModeSymlink != 0:
			links++
		default:
			files++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 102 leaves, in 2 groups, under the top.
	if files != 306 || links != 102 || dirs != 1+2+102 {
		t.Errorf("files %d, links %d, dirs %d", files, links, dirs)
	}
	b, err := os.ReadFile(filepath.Join(dir, "g001", "d00101", "f0002"))
	if err != nil || string(b) != string(logLine(nil, 101*3+2)) {
		t.Errorf("f0002: %q, %v", b, err)
	}
}

func TestAppend(t *testing.T) {
	name := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(name, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"append", name, "250"}); err != nil {
		t.Fatal(err)
	}
	want := []byte("old\n")
	for n := range int64(250) {
		want = logLine(want, n)
	}
	want = append(want, "END\n"...)
	if b, _ := os.ReadFile(name); !bytes.Equal(b, want) {
		t.Errorf("got %d bytes, want %d", len(b), len(want))
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"tree", "d", "1"}, {"lines", "f"}, {"other", "a", "1"}, {"lines", "f", "x"}} {
		if err := run(args); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}
