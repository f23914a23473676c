package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	status := "Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t    1400 kB\nVmRSS:\t    1380 kB\n"
	rollup := "00400000-7ffe29b9d000 ---p 00000000 00:00 0   [rollup]\nRss:  1380 kB\nPrivate_Clean:  0 kB\nPrivate_Dirty:  52 kB\nAnonymous:  48 kB\n"
	tests := []struct {
		name           string
		status, rollup string
		want           mem
		err            string
	}{
		{"ok", status, rollup, mem{hwm: 1400, privateDirty: 52, anon: 48}, ""},
		{"no VmHWM", "VmRSS:\t1 kB\n", rollup, mem{}, "status: missing fields"},
		{"no Anonymous", status, "Private_Dirty: 52 kB\n", mem{}, "smaps_rollup: missing fields"},
		{"bad number", status, "Private_Dirty: x kB\nAnonymous: 1 kB\n", mem{}, `smaps_rollup: bad line "Private_Dirty: x kB\n"`},
		{"bad unit", "VmHWM: 1 MB\n", rollup, mem{}, `status: bad line "VmHWM: 1 MB\n"`},
	}
	for _, tt := range tests {
		got, err := parse([]byte(tt.status), []byte(tt.rollup))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestMax(t *testing.T) {
	m := mem{hwm: 10, privateDirty: 1, anon: 5}
	m.max(mem{hwm: 3, privateDirty: 7, anon: 5})
	if want := (mem{hwm: 10, privateDirty: 7, anon: 5}); m != want {
		t.Errorf("got %+v, want %+v", m, want)
	}
}

// TestMeasure runs real commands: the status, the ends (-until,
// -timeout) and a reading of memory.
func TestMeasure(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.WriteFile(in, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	tests := []struct {
		name    string
		j       job
		status  int
		wantOut string
	}{
		{"exit status", job{argv: []string{"sh", "-c", "exit 3"}}, 3, ""},
		{"killed", job{argv: []string{"sh", "-c", "kill -9 $$"}}, 128 + 9, ""},
		{"stdin and stdout", job{argv: []string{"cat"}, in: in, out: out}, 0, "hello\n"},
		{"until", job{argv: []string{"sh", "-c", "echo a; echo END; exec sleep 600"}, until: "END", timeout: time.Minute}, 0, ""},
		{"timeout", job{argv: []string{"sleep", "600"}, timeout: 10 * time.Millisecond}, 124, ""},
		{"dir", job{argv: []string{"sh", "-c", "pwd"}, dir: dir, out: out}, 0, dir + "\n"},
	}
	for _, tt := range tests {
		tt.j.every, tt.j.trace = time.Millisecond, true
		if tt.j.out == "" {
			tt.j.out = os.DevNull
		}
		r, err := measure(tt.j)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if r.status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, r.status, tt.status)
		}
		if tt.wantOut != "" {
			b, _ := os.ReadFile(out)
			if string(b) != tt.wantOut {
				t.Errorf("%s: output %q, want %q", tt.name, b, tt.wantOut)
			}
		}
		// The exit stop gives a reading even of a run too short to sample.
		if r.traced && (r.mem.hwm == 0 || r.mem.anon == 0) {
			t.Errorf("%s: traced, but no reading: %+v", tt.name, r.mem)
		}
	}
}

func TestMeasureTraced(t *testing.T) {
	r, err := measure(job{argv: []string{"true"}, out: os.DevNull, every: time.Hour, trace: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.traced {
		t.Skip("ptrace refused here: memrun only samples")
	}
	// A sampling interval of an hour takes no sample: the reading is the
	// exit stop's.
	if r.samples != 1 || r.mem.hwm == 0 || r.status != 0 {
		t.Errorf("got %+v", r)
	}
	if s := r.String(); !strings.HasPrefix(s, "status=0 hwm=") || !strings.Contains(s, " traced=true") {
		t.Errorf("String() = %q", s)
	}
}

func TestMeasureMissing(t *testing.T) {
	_, err := measure(job{argv: []string{"/nonexistent/x"}, out: os.DevNull, every: time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/x") {
		t.Errorf("error %v", err)
	}
}
