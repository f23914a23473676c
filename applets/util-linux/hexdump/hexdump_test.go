package hexdump

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run and what Alpine's BusyBox 1.36.1 gave for it, in
// its chroot, in a directory that setup prepared: standard output,
// standard error (up to the usage text when usage is set) and the exit
// status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: g (the alphabet, NUL, 1, 255), m (ints), all (every byte), z (100 NULs), f (floats), fmt (a -f file) and a directory d.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"g":   "abcdefghijklmnopqrstuvwxyz\x00\x01\xff",
		"m":   strings.Repeat("\xff\xfe\xfd\xfc\x01\x00\x00\x00", 4),
		"all": allBytes(),
		"z":   strings.Repeat("\x00", 100),
		"f":   "\x00\x00\x80\x3f\x00\x00\x00\x00\x00\x00\xf0\x3f\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
		"fmt": "\"%08.8_ax \" 4/1 \"%02x \"\n# comment\n\n   \"\\n\"\n",
	})
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runAlpine(t *testing.T, a *applet.Applet, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", a.Name, tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestAlpine(t *testing.T) { runAlpine(t, &Applet, alpineCases) }

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{"g"}, stdin: "", stdout: "0000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n0000010 7271 7473 7675 7877 7a79 0100 00ff     \n000001d\n", stderr: "", code: 0},
	{args: []string{"-C", "g"}, stdin: "", stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n", stderr: "", code: 0},
	{args: []string{"-b", "-c", "g"}, stdin: "", stdout: "0000000 141 142 143 144 145 146 147 150 151 152 153 154 155 156 157 160\n0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000010 161 162 163 164 165 166 167 170 171 172 000 001 377            \n0000010   q   r   s   t   u   v   w   x   y   z  \\0 001 377            \n000001d\n", stderr: "", code: 0},
	{args: []string{"-d", "-o", "-x", "g"}, stdin: "", stdout: "0000000   25185   25699   26213   26727   27241   27755   28269   28783\n0000000  061141  062143  063145  064147  065151  066153  067155  070157\n0000000    6261    6463    6665    6867    6a69    6c6b    6e6d    706f\n0000010   29297   29811   30325   30839   31353   00256   00255        \n0000010  071161  072163  073165  074167  075171  000400  000377        \n0000010    7271    7473    7675    7877    7a79    0100    00ff        \n000001d\n", stderr: "", code: 0},
	{args: []string{"-C", "-C", "g"}, stdin: "", stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n", stderr: "", code: 0},
	{args: []string{"z"}, stdin: "", stdout: "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n0000060 0000 0000                              \n0000064\n", stderr: "", code: 0},
	{args: []string{"-v", "z"}, stdin: "", stdout: "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n0000010 0000 0000 0000 0000 0000 0000 0000 0000\n0000020 0000 0000 0000 0000 0000 0000 0000 0000\n0000030 0000 0000 0000 0000 0000 0000 0000 0000\n0000040 0000 0000 0000 0000 0000 0000 0000 0000\n0000050 0000 0000 0000 0000 0000 0000 0000 0000\n0000060 0000 0000                              \n0000064\n", stderr: "", code: 0},
	{args: []string{"-C", "-n", "5", "-s", "3", "g"}, stdin: "", stdout: "00000003  64 65 66 67 68                                    |defgh|\n00000008\n", stderr: "", code: 0},
	{args: []string{"-s", "0x10", "-n", "010", "-C", "g"}, stdin: "", stdout: "00000010  71 72 73 74 75 76 77 78  79 7a                    |qrstuvwxyz|\n0000001a\n", stderr: "", code: 0},
	{args: []string{"-s", "29", "g"}, stdin: "", stdout: "000001d 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n0000010 7271 7473 7675 7877 7a79 0100 00ff     \n000001d\n", stderr: "", code: 0},
	{args: []string{"-s", "100", "g"}, stdin: "", stdout: "000001d\n", stderr: "", code: 0},
	{args: []string{"-e", "%_u", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%_u}\n", code: 1},
	{args: []string{"-e", "4/1 %d\\  \\n", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {4/1 %d\\  \\n}\n", code: 1},
	{args: []string{"-e", "1/1 %_Ad", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/1 %_Ad}\n", code: 1},
	{args: []string{"-e", "%_ad", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%_ad}\n", code: 1},
	{args: []string{"-e", "16/1 %_u\\  \\n", "all"}, stdin: "", stdout: "", stderr: "hexdump: bad format {16/1 %_u\\  \\n}\n", code: 1},
	{args: []string{"-e", "%07.7_ax\\  16/1 %_p \\n", "all"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%07.7_ax\\  16/1 %_p \\n}\n", code: 1},
	{args: []string{"-e", "4/1 %3_c| \\n", "all"}, stdin: "", stdout: "", stderr: "hexdump: bad format {4/1 %3_c| \\n}\n", code: 1},
	{args: []string{"-e", "1/4 %08x\\  1/4 %d \\n", "all"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/4 %08x\\  1/4 %d \\n}\n", code: 1},
	{args: []string{"-e", "%_Ax\\n", "-e", "8/1 %3u \\n", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%_Ax\\n}\n", code: 1},
	{args: []string{"-e", "[%02x]\\ [%02x]\\n", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {[%02x]\\ [%02x]\\n}\n", code: 1},
	{args: []string{"-e", "%x", "-e", "%c", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%x}\n", code: 1},
	{args: []string{"-e", "1/1 %02x| 1/1 %02x!\\n", "z"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/1 %02x| 1/1 %02x!\\n}\n", code: 1},
	{args: []string{"-e", "4/4 %.2s| \\n", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {4/4 %.2s| \\n}\n", code: 1},
	{args: []string{"-e", "%5-3x\\n", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%5-3x\\n}\n", code: 1},
	{args: []string{"-e", "%s", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%s}\n", code: 1},
	{args: []string{"-e", "/3 %x", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {/3 %x}\n", code: 1},
	{args: []string{"-e", "%_z", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%_z}\n", code: 1},
	{args: []string{"-e", "x", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {x}\n", code: 1},
	{args: []string{"-e", "1/1", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/1}\n", code: 1},
	{args: []string{"-e", "%_aq", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%_aq}\n", code: 1},
	{args: []string{"-e", "/1 %x\\ %x", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {/1 %x\\ %x}\n", code: 1},
	{args: []string{"-e", "%%", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%%}\n", code: 1},
	{args: []string{"-e", "%*d", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%*d}\n", code: 1},
	{args: []string{"-e", "4/4 %x %d", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {4/4 %x %d}\n", code: 1},
	{args: []string{"-e", "3/1 %x", "g"}, stdin: "", stdout: "", stderr: "hexdump: bad format {3/1 %x}\n", code: 1},
	{args: []string{"-e", "%ld|%lu|%lx|%d\\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%ld|%lu|%lx|%d\\n}\n", code: 1},
	{args: []string{"-e", "1/4 %ld| \\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/4 %ld| \\n}\n", code: 1},
	{args: []string{"-e", "%05c|%-3c|\\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%05c|%-3c|\\n}\n", code: 1},
	{args: []string{"-e", "%#o|%#x|\\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%#o|%#x|\\n}\n", code: 1},
	{args: []string{"-e", "%-8.2f|%#.0o|\\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%-8.2f|%#.0o|\\n}\n", code: 1},
	{args: []string{"-e", "%#.0x|%+.0d|%5.0d|\\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%#.0x|%+.0d|%5.0d|\\n}\n", code: 1},
	{args: []string{"-e", "%+d|%\\ d|\\n", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%+d|%\\ d|\\n}\n", code: 1},
	{args: []string{"-e", "%05_p|%05_u|%05_c|%-5_c|%_c|%.1_c|%#5_c|", "m"}, stdin: "", stdout: "", stderr: "hexdump: bad format {%05_p|%05_u|%05_c|%-5_c|%_c|%.1_c|%#5_c|}\n", code: 1},
	{args: []string{"-e", "1/8 %e\\n", "f"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/8 %e\\n}\n", code: 1},
	{args: []string{"-e", "1/4 %.3f\\n", "f"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/4 %.3f\\n}\n", code: 1},
	{args: []string{"-e", "1/8 %g|%G|%E\\n", "f"}, stdin: "", stdout: "", stderr: "hexdump: bad format {1/8 %g|%G|%E\\n}\n", code: 1},
	{args: []string{"-f", "fmt", "g"}, stdin: "", stdout: "00000000 61 62 63 64\n00000004 65 66 67 68\n00000008 69 6a 6b 6c\n0000000c 6d 6e 6f 70\n00000010 71 72 73 74\n00000014 75 76 77 78\n00000018 79 7a 00 01\n0000001c ff         \n", stderr: "", code: 0},
	{args: []string{"-f", "nofile", "g"}, stdin: "", stdout: "", stderr: "hexdump: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"d", "g"}, stdin: "", stdout: "0000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n0000010 7271 7473 7675 7877 7a79 0100 00ff     \n000001d\n", stderr: "hexdump: d: Is a directory\n", code: 0},
	{args: []string{"-n", "3", "g", "nonexist", "g"}, stdin: "", stdout: "0000000 6261 0063                              \n0000003\n", stderr: "", code: 0},
	{args: []string{"-s", "1"}, stdin: "abc", stdout: "", stderr: "hexdump: stdin: Invalid seek\n", code: 1},
	{args: []string{"-n", "2"}, stdin: "abcdef", stdout: "0000000 6261                                   \n0000002\n", stderr: "", code: 0},
	{args: []string{}, stdin: "", stdout: "", stderr: "", code: 0},
	{args: []string{"-q"}, stdin: "", stdout: "", stderr: "hexdump: unrecognized option: q\n", code: 1, usage: true},
	{args: []string{"-e"}, stdin: "", stdout: "", stderr: "hexdump: option requires an argument: e\n", code: 1, usage: true},
	{args: []string{"-n", "-1", "g"}, stdin: "", stdout: "", stderr: "hexdump: invalid number '-1'\n", code: 1},
	{args: []string{"-s", "x", "g"}, stdin: "", stdout: "", stderr: "hexdump: invalid number 'x'\n", code: 1},
}

func allBytes() string {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}

func TestHD(t *testing.T) { runAlpine(t, &HD, hdCases) }

// hdCases were taken from Alpine's BusyBox 1.36.1.
var hdCases = []alpineCase{
	{args: []string{"g"}, stdin: "", stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n", stderr: "", code: 0},
	{args: []string{"-v", "z"}, stdin: "", stdout: "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000020  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000030  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000040  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000050  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000060  00 00 00 00                                       |....|\n00000064\n", stderr: "", code: 0},
	{args: []string{"-n", "5", "-s", "3", "g"}, stdin: "", stdout: "00000003  64 65 66 67 68                                    |defgh|\n00000008\n", stderr: "", code: 0},
	{args: []string{"-C", "g"}, stdin: "", stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n", stderr: "", code: 0},
	{args: []string{"-x", "g"}, stdin: "", stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n0000000    6261    6463    6665    6867    6a69    6c6b    6e6d    706f\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000010    7271    7473    7675    7877    7a79    0100    00ff        \n000001d\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "00000000  61 62 63                                          |abc|\n00000003\n", stderr: "", code: 0},
}

func TestWriteError(t *testing.T) {
	for _, a := range []*applet.Applet{&Applet, &HD} {
		r := applettest.Cmd{Args: []string{"-C"}, Stdin: "abc", Stdout: applettest.Full()}.Run(t, a)
		if r.Code != 1 || r.Stderr != a.Name+": write error: No space left on device\n" {
			t.Errorf("%s to a full disk: status %d, stderr %q", a.Name, r.Code, r.Stderr)
		}
	}
}
