package dd

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestDD(t *testing.T) {
	const text = "hello world, this is a test file\n" // 33 bytes
	usage := func() string {
		var b strings.Builder
		applet.WriteUsage(&b, &Applet)
		return b.String()
	}()
	tests := []struct {
		name   string
		args   []string
		stdin  string
		stdout string
		stderr string
		code   int
	}{
		{"default", []string{"status=noxfer"}, text, text, "0+1 records in\n0+1 records out\n", 0},
		{"bs", []string{"bs=3", "count=2", "status=noxfer"}, text, "hello ", "2+0 records in\n2+0 records out\n", 0},
		{"bs all", []string{"bs=10", "status=noxfer"}, text, text, "3+1 records in\n3+1 records out\n", 0},
		{"ibs obs", []string{"ibs=3", "obs=5", "count=4", "status=noxfer"}, text, "hello world,", "4+0 records in\n2+1 records out\n", 0},
		{"ibs>obs", []string{"ibs=5", "obs=3", "count=3", "status=noxfer"}, text, "hello world, th", "3+0 records in\n5+0 records out\n", 0},
		{"sync", []string{"bs=4", "conv=sync", "status=noxfer"}, "abcdef", "abcdef\x00\x00", "1+1 records in\n2+0 records out\n", 0},
		{"swab even", []string{"conv=swab", "status=noxfer"}, "abcd", "badc", "0+1 records in\n0+1 records out\n", 0},
		{"swab odd", []string{"conv=swab", "status=noxfer"}, "qwe", "wqe", "0+1 records in\n0+1 records out\n", 0},
		{"swab odd then more", []string{"bs=3", "conv=swab", "status=noxfer"}, "qwerty", "wqe", "dd: can't swab 3 byte buffer\n", 1},
		{"count bytes", []string{"count=3", "iflag=count_bytes", "status=noxfer"}, "I WANT\n", "I W", "0+1 records in\n0+1 records out\n", 0},
		{"count bytes blocks", []string{"bs=4", "count=7", "iflag=count_bytes", "status=noxfer"}, text, "hello w", "1+1 records in\n1+1 records out\n", 0},
		{"skip", []string{"skip=3", "bs=2", "status=noxfer"}, "0123456789", "6789", "2+0 records in\n2+0 records out\n", 0},
		{"skip bytes", []string{"skip=3", "iflag=skip_bytes", "status=noxfer"}, "0123456789", "3456789", "0+1 records in\n0+1 records out\n", 0},
		{"skip past end", []string{"skip=100", "status=noxfer"}, "0123", "", "0+0 records in\n0+0 records out\n", 0},
		{"count zero", []string{"count=0", "status=noxfer"}, "abc", "", "0+0 records in\n0+0 records out\n", 0},
		{"fullblock", []string{"bs=4", "iflag=fullblock", "status=noxfer"}, "abcdefghij", "abcdefghij", "2+1 records in\n2+1 records out\n", 0},
		{"dashdash", []string{"--", "bs=2", "status=noxfer"}, "abc", "abc", "1+1 records in\n1+1 records out\n", 0},
		{"status none", []string{"status=none"}, "abc", "abc", "", 0},
		{"suffix", []string{"bs=1kB", "status=noxfer"}, text, text, "0+1 records in\n0+1 records out\n", 0},
		{"seek stdout", []string{"seek=1", "status=noxfer"}, "abc", "", "dd: standard output: Invalid seek\n", 1},
		{"missing input", []string{"if=nonexistent"}, "", "", "dd: can't open 'nonexistent': No such file or directory\n", 1},
		{"bad operand", []string{"foo"}, "", "", usage, 1},
		{"bad key", []string{"foo=bar"}, "", "", usage, 1},
		{"bs zero", []string{"bs=0"}, "", "", "dd: number 0 is not in 1..9223372036854775807 range\n", 1},
		{"bs bad", []string{"bs=2x3"}, "", "", "dd: invalid number '2x3'\n", 1},
		{"bs sign", []string{"bs=+5"}, "", "", "dd: invalid number '+5'\n", 1},
		{"bs space", []string{"bs= 5"}, "", "", "dd: invalid number ' 5'\n", 1},
		{"bs unknown suffix", []string{"bs=1T"}, "", "", "dd: invalid number '1T'\n", 1},
		{"bs overflow", []string{"bs=18446744073709551616"}, "", "", "dd: invalid number '18446744073709551616'\n", 1},
		{"bs range", []string{"bs=9999999999999999999k"}, "", "", "dd: number 9999999999999999999k is not in 1..9223372036854775807 range\n", 1},
		{"count negative", []string{"count=-1"}, "", "", "dd: invalid number '-1'\n", 1},
		{"conv bad", []string{"conv=sync,bogus"}, "", "", "dd: invalid argument 'bogus' to 'conv'\n", 1},
		{"iflag bad", []string{"iflag=nope"}, "", "", "dd: invalid argument 'nope' to 'iflag'\n", 1},
		{"oflag bad", []string{"oflag=nope"}, "", "", "dd: invalid argument 'nope' to 'oflag'\n", 1},
		{"status bad", []string{"status=bad"}, "", "", "dd: invalid argument 'bad' to 'status'\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := applettest.Cmd{Args: tt.args, Stdin: tt.stdin}.Run(t, &Applet)
			if r.Stdout != tt.stdout || r.Stderr != tt.stderr || r.Code != tt.code {
				t.Errorf("dd %q:\n got stdout %q stderr %q status %d\nwant stdout %q stderr %q status %d",
					tt.args, r.Stdout, r.Stderr, r.Code, tt.stdout, tt.stderr, tt.code)
			}
		})
	}
}

func TestDDSuffixes(t *testing.T) {
	tests := map[string]uint64{
		"7": 7, "010": 10, "1c": 1, "1w": 2, "1b": 512, "1kB": 1000, "1kD": 1000, "1k": 1024,
		"1KB": 1000, "1KD": 1000, "1K": 1024, "1MB": 1000000, "1MD": 1000000, "1M": 1 << 20,
		"1GB": 1000000000, "1GD": 1000000000, "2G": 2 << 30,
	}
	for in, want := range tests {
		got, err := parseNum(in, 0, 1<<62)
		if err != nil || got != want {
			t.Errorf("parseNum(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

// TestDDStatsLines: Alpine's build has FEATURE_DD_THIRD_STATUS_LINE on:
// "N bytes (H) copied, S seconds, R/s" follows the records, unless
// status=noxfer.
func TestDDStatsLines(t *testing.T) {
	third := regexp.MustCompile(`^2\+0 records in\n2\+0 records out\n2048 bytes \(2\.0KB\) copied, [0-9]+\.[0-9]{6} seconds, [0-9.]+[KMGT]?B/s\n$`)
	r := applettest.Cmd{Args: []string{"bs=1024"}, Stdin: strings.Repeat("x", 2048)}.Run(t, &Applet)
	if !third.MatchString(r.Stderr) || r.Code != 0 {
		t.Errorf("dd bs=1024: stderr %q status %d", r.Stderr, r.Code)
	}
	r = applettest.Cmd{Args: []string{"bs=1024", "status=noxfer"}, Stdin: strings.Repeat("x", 2048)}.Run(t, &Applet)
	if r.Stderr != "2+0 records in\n2+0 records out\n" || r.Code != 0 {
		t.Errorf("dd status=noxfer: stderr %q status %d", r.Stderr, r.Code)
	}
	r = applettest.Cmd{Args: []string{}, Stdin: ""}.Run(t, &Applet)
	if !strings.HasPrefix(r.Stderr, "0+0 records in\n0+0 records out\n0 bytes (0B) copied, ") {
		t.Errorf("stderr %q", r.Stderr)
	}
}

func TestDDFiles(t *testing.T) {
	data := make([]byte, 5000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	tests := []struct {
		name   string
		old    string // existing output content, "" for none
		args   []string
		want   []byte
		stderr string
	}{
		{"copy", "", []string{"bs=1000"}, data, "5+0 records in\n5+0 records out\n"},
		{"count", "", []string{"bs=1000", "count=2"}, data[:2000], "2+0 records in\n2+0 records out\n"},
		{"truncates", strings.Repeat("z", 9000), []string{"bs=1000", "count=1"}, data[:1000], "1+0 records in\n1+0 records out\n"},
		{"notrunc", strings.Repeat("z", 1500), []string{"bs=1000", "count=1", "conv=notrunc,fsync"},
			append(append([]byte{}, data[:1000]...), strings.Repeat("z", 500)...), "1+0 records in\n1+0 records out\n"},
		{"seek truncates at seek", strings.Repeat("z", 9000), []string{"bs=1000", "count=1", "seek=2"},
			append([]byte(strings.Repeat("z", 2000)), data[:1000]...), "1+0 records in\n1+0 records out\n"},
		{"seek extends", "", []string{"bs=10", "count=1", "seek=1"},
			append(make([]byte, 10), data[:10]...), "1+0 records in\n1+0 records out\n"},
		{"seek bytes", "abcdef", []string{"bs=10", "count=1", "seek=3", "oflag=seek_bytes"},
			append([]byte("abc"), data[:10]...), "1+0 records in\n1+0 records out\n"},
		{"skip seeks input", "", []string{"bs=1000", "skip=4"}, data[4000:], "1+0 records in\n1+0 records out\n"},
		{"append", "abc", []string{"oflag=append", "conv=notrunc", "bs=100", "count=1"},
			append([]byte("abc"), data[:100]...), "1+0 records in\n1+0 records out\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "in"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.old != "" {
				if err := os.WriteFile(filepath.Join(dir, "out"), []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := append([]string{"if=in", "of=out", "status=noxfer"}, tt.args...)
			r := applettest.Cmd{Args: args, Dir: dir}.Run(t, &Applet)
			if r.Stderr != tt.stderr || r.Code != 0 || r.Stdout != "" {
				t.Errorf("dd %q: stdout %q stderr %q status %d; want stderr %q", args, r.Stdout, r.Stderr, r.Code, tt.stderr)
			}
			got, err := os.ReadFile(filepath.Join(dir, "out"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(tt.want) {
				t.Errorf("out: got %d bytes %q..., want %d bytes", len(got), got[:min(len(got), 16)], len(tt.want))
			}
		})
	}
}

func TestDDErrors(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "in"), []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		stdout string
		stderr string
		code   int
	}{
		{"write error", []string{"if=in", "of=/dev/full", "status=noxfer"}, "",
			"dd: error writing '/dev/full': No space left on device\n0+1 records in\n0+0 records out\n", 1},
		{"read error", []string{"if=.", "status=noxfer"}, "", "dd: .: Is a directory\n", 1},
		{"noerror", []string{"if=.", "conv=noerror", "count=2", "status=noxfer"}, "",
			"dd: .: Is a directory\ndd: .: Is a directory\n0+2 records in\n0+2 records out\n", 0},
		{"noerror sync", []string{"if=.", "conv=noerror,sync", "count=1", "bs=4", "status=noxfer"}, "\x00\x00\x00\x00",
			"dd: .: Is a directory\n0+1 records in\n1+0 records out\n", 0},
		{"output dir", []string{"if=in", "of=."}, "", "dd: can't open '.': Is a directory\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			if r.Stdout != tt.stdout || r.Stderr != tt.stderr || r.Code != tt.code {
				t.Errorf("dd %q:\n got stdout %q stderr %q status %d\nwant stdout %q stderr %q status %d",
					tt.args, r.Stdout, r.Stderr, r.Code, tt.stdout, tt.stderr, tt.code)
			}
		})
	}
}

// TestDDKernel runs dd between real files, where the kernel moves each
// block (fastcopy): the output and the records must be what read(2) and
// write(2) give, also when the output fails; a closed pipe ends dd
// silently with status 141, as SIGPIPE ends BusyBox.
func TestDDKernel(t *testing.T) {
	dir := t.TempDir()
	data := make([]byte, 5000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	os.WriteFile(filepath.Join(dir, "in"), data, 0o644)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, tt := range []struct {
		name   string
		args   []string
		out    string // "file", "pipe", "full" or "closed"
		want   []byte
		stderr string
		code   int
	}{
		{"blocks", []string{"bs=1000"}, "file", data, "5+0 records in\n5+0 records out\n", 0},
		{"last block short", []string{"bs=1024"}, "file", data, "4+1 records in\n4+1 records out\n", 0},
		{"count", []string{"bs=1000", "count=2"}, "file", data[:2000], "2+0 records in\n2+0 records out\n", 0},
		{"count bytes", []string{"bs=1000", "count=1500", "iflag=count_bytes"}, "file", data[:1500], "1+1 records in\n1+1 records out\n", 0},
		{"skip", []string{"bs=1000", "skip=3"}, "pipe", data[3000:], "2+0 records in\n2+0 records out\n", 0},
		{"to a pipe", []string{"bs=4096"}, "pipe", data, "1+1 records in\n1+1 records out\n", 0},
		{"full", []string{}, "full", nil,
			"dd: error writing 'standard output': No space left on device\n1+0 records in\n0+0 records out\n", 1},
		{"full big block", []string{"bs=8192"}, "full", nil,
			"dd: error writing 'standard output': No space left on device\n0+1 records in\n0+0 records out\n", 1},
		{"full block", []string{"bs=4000"}, "full", nil,
			"dd: error writing 'standard output': No space left on device\n1+0 records in\n0+0 records out\n", 1},
		{"closed pipe", []string{}, "closed", nil, "", 141},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errb bytes.Buffer
			ctx := &applet.Ctx{Context: context.Background(), Name: "dd", Stderr: &errb, Dir: dir}
			var got func() []byte
			switch tt.out {
			case "file":
				f, _ := os.Create(filepath.Join(t.TempDir(), "out"))
				defer f.Close()
				ctx.Stdout = f
				got = func() []byte { b, _ := os.ReadFile(f.Name()); return b }
			case "pipe", "closed":
				r, w, _ := os.Pipe()
				defer w.Close()
				ctx.Stdout = w
				ch := make(chan []byte)
				if tt.out == "closed" {
					r.Close()
				} else {
					go func() { b, _ := io.ReadAll(r); ch <- b }()
				}
				got = func() []byte {
					w.Close()
					if tt.out == "closed" {
						return nil
					}
					return <-ch
				}
			case "full":
				ctx.Stdout = full
				got = func() []byte { return nil }
			}
			args := append([]string{"if=in", "status=noxfer"}, tt.args...)
			code := applet.Run(ctx, &Applet, args)
			if b := got(); !bytes.Equal(b, tt.want) || code != tt.code || errb.String() != tt.stderr {
				t.Errorf("dd %q: %d bytes, status %d, stderr %q; want %d bytes, %d, %q",
					args, len(b), code, errb.String(), len(tt.want), tt.code, tt.stderr)
			}
		})
	}
}

// TestKernelCopyBlocksMemory: dd moving small blocks between two files
// with the kernel's copy allocates nothing per block (before, each block
// allocated its copy state and asked the kernel twice what the files
// were: dd bs=512 took twice BusyBox's CPU time and 1 MB more memory).
func TestKernelCopyBlocksMemory(t *testing.T) {
	dir := t.TempDir()
	const size = 5 << 20 // 10240 blocks of 512
	if err := os.WriteFile(filepath.Join(dir, "in"), bytes.Repeat([]byte("0123456789abcdef"), size/16), 0o644); err != nil {
		t.Fatal(err)
	}
	var errb bytes.Buffer
	ctx := &applet.Ctx{Context: context.Background(), Stdout: io.Discard, Stderr: &errb, Dir: dir}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code := applet.Run(ctx, &Applet, []string{"if=in", "of=out", "status=noxfer"})
	runtime.ReadMemStats(&after)
	if code != 0 || errb.String() != "10240+0 records in\n10240+0 records out\n" {
		t.Fatalf("dd: status %d, stderr %q", code, errb.String())
	}
	if fi, err := os.Stat(filepath.Join(dir, "out")); err != nil || fi.Size() != size {
		t.Fatalf("out: %v, %v", fi, err)
	}
	if got := after.Mallocs - before.Mallocs; got > 200 {
		t.Errorf("dd of 10240 blocks: %d allocations, want at most 200 (none per block)", got)
	}
}
