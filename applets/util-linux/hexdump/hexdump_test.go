package hexdump

import (
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineFiles are what each run against Alpine's BusyBox 1.36.1 found in
// its fresh working directory, besides an empty directory d: g (the
// alphabet, NUL, 1, 255), m (ints), all (every byte), z (100 NULs), f
// (floats) and fmt (a -f file).
var alpineFiles = map[string]string{
	"g":   "abcdefghijklmnopqrstuvwxyz\x00\x01\xff",
	"m":   strings.Repeat("\xff\xfe\xfd\xfc\x01\x00\x00\x00", 4),
	"all": allBytes(),
	"z":   strings.Repeat("\x00", 100),
	"f":   "\x00\x00\x80\x3f\x00\x00\x00\x00\x00\x00\xf0\x3f\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
	"fmt": "\"%08.8_ax \" 4/1 \"%02x \"\n# comment\n\n   \"\\n\"\n",
}

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, alpineFiles, []string{"d"}, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"g"}, Stdout: "0000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n0000010 7271 7473 7675 7877 7a79 0100 00ff     \n000001d\n"},
	{Args: []string{"-C", "g"}, Stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n"},
	{Args: []string{"-b", "-c", "g"}, Stdout: "0000000 141 142 143 144 145 146 147 150 151 152 153 154 155 156 157 160\n0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000010 161 162 163 164 165 166 167 170 171 172 000 001 377            \n0000010   q   r   s   t   u   v   w   x   y   z  \\0 001 377            \n000001d\n"},
	{Args: []string{"-d", "-o", "-x", "g"}, Stdout: "0000000   25185   25699   26213   26727   27241   27755   28269   28783\n0000000  061141  062143  063145  064147  065151  066153  067155  070157\n0000000    6261    6463    6665    6867    6a69    6c6b    6e6d    706f\n0000010   29297   29811   30325   30839   31353   00256   00255        \n0000010  071161  072163  073165  074167  075171  000400  000377        \n0000010    7271    7473    7675    7877    7a79    0100    00ff        \n000001d\n"},
	{Args: []string{"-C", "-C", "g"}, Stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n"},
	{Args: []string{"z"}, Stdout: "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n0000060 0000 0000                              \n0000064\n"},
	{Args: []string{"-v", "z"}, Stdout: "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n0000010 0000 0000 0000 0000 0000 0000 0000 0000\n0000020 0000 0000 0000 0000 0000 0000 0000 0000\n0000030 0000 0000 0000 0000 0000 0000 0000 0000\n0000040 0000 0000 0000 0000 0000 0000 0000 0000\n0000050 0000 0000 0000 0000 0000 0000 0000 0000\n0000060 0000 0000                              \n0000064\n"},
	{Args: []string{"-C", "-n", "5", "-s", "3", "g"}, Stdout: "00000003  64 65 66 67 68                                    |defgh|\n00000008\n"},
	{Args: []string{"-s", "0x10", "-n", "010", "-C", "g"}, Stdout: "00000010  71 72 73 74 75 76 77 78  79 7a                    |qrstuvwxyz|\n0000001a\n"},
	{Args: []string{"-s", "29", "g"}, Stdout: "000001d 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n0000010 7271 7473 7675 7877 7a79 0100 00ff     \n000001d\n"},
	{Args: []string{"-s", "100", "g"}, Stdout: "000001d\n"},
	{Args: []string{"-e", "%_u", "g"}, Stderr: "hexdump: bad format {%_u}\n", Code: 1},
	{Args: []string{"-e", "4/1 %d\\  \\n", "g"}, Stderr: "hexdump: bad format {4/1 %d\\  \\n}\n", Code: 1},
	{Args: []string{"-e", "1/1 %_Ad", "g"}, Stderr: "hexdump: bad format {1/1 %_Ad}\n", Code: 1},
	{Args: []string{"-e", "%_ad", "g"}, Stderr: "hexdump: bad format {%_ad}\n", Code: 1},
	{Args: []string{"-e", "16/1 %_u\\  \\n", "all"}, Stderr: "hexdump: bad format {16/1 %_u\\  \\n}\n", Code: 1},
	{Args: []string{"-e", "%07.7_ax\\  16/1 %_p \\n", "all"}, Stderr: "hexdump: bad format {%07.7_ax\\  16/1 %_p \\n}\n", Code: 1},
	{Args: []string{"-e", "4/1 %3_c| \\n", "all"}, Stderr: "hexdump: bad format {4/1 %3_c| \\n}\n", Code: 1},
	{Args: []string{"-e", "1/4 %08x\\  1/4 %d \\n", "all"}, Stderr: "hexdump: bad format {1/4 %08x\\  1/4 %d \\n}\n", Code: 1},
	{Args: []string{"-e", "%_Ax\\n", "-e", "8/1 %3u \\n", "g"}, Stderr: "hexdump: bad format {%_Ax\\n}\n", Code: 1},
	{Args: []string{"-e", "[%02x]\\ [%02x]\\n", "g"}, Stderr: "hexdump: bad format {[%02x]\\ [%02x]\\n}\n", Code: 1},
	{Args: []string{"-e", "%x", "-e", "%c", "m"}, Stderr: "hexdump: bad format {%x}\n", Code: 1},
	{Args: []string{"-e", "1/1 %02x| 1/1 %02x!\\n", "z"}, Stderr: "hexdump: bad format {1/1 %02x| 1/1 %02x!\\n}\n", Code: 1},
	{Args: []string{"-e", "4/4 %.2s| \\n", "g"}, Stderr: "hexdump: bad format {4/4 %.2s| \\n}\n", Code: 1},
	{Args: []string{"-e", "%5-3x\\n", "g"}, Stderr: "hexdump: bad format {%5-3x\\n}\n", Code: 1},
	{Args: []string{"-e", "%s", "g"}, Stderr: "hexdump: bad format {%s}\n", Code: 1},
	{Args: []string{"-e", "/3 %x", "g"}, Stderr: "hexdump: bad format {/3 %x}\n", Code: 1},
	{Args: []string{"-e", "%_z", "g"}, Stderr: "hexdump: bad format {%_z}\n", Code: 1},
	{Args: []string{"-e", "x", "g"}, Stderr: "hexdump: bad format {x}\n", Code: 1},
	{Args: []string{"-e", "1/1", "g"}, Stderr: "hexdump: bad format {1/1}\n", Code: 1},
	{Args: []string{"-e", "%_aq", "g"}, Stderr: "hexdump: bad format {%_aq}\n", Code: 1},
	{Args: []string{"-e", "/1 %x\\ %x", "g"}, Stderr: "hexdump: bad format {/1 %x\\ %x}\n", Code: 1},
	{Args: []string{"-e", "%%", "g"}, Stderr: "hexdump: bad format {%%}\n", Code: 1},
	{Args: []string{"-e", "%*d", "g"}, Stderr: "hexdump: bad format {%*d}\n", Code: 1},
	{Args: []string{"-e", "4/4 %x %d", "g"}, Stderr: "hexdump: bad format {4/4 %x %d}\n", Code: 1},
	{Args: []string{"-e", "3/1 %x", "g"}, Stderr: "hexdump: bad format {3/1 %x}\n", Code: 1},
	{Args: []string{"-e", "%ld|%lu|%lx|%d\\n", "m"}, Stderr: "hexdump: bad format {%ld|%lu|%lx|%d\\n}\n", Code: 1},
	{Args: []string{"-e", "1/4 %ld| \\n", "m"}, Stderr: "hexdump: bad format {1/4 %ld| \\n}\n", Code: 1},
	{Args: []string{"-e", "%05c|%-3c|\\n", "m"}, Stderr: "hexdump: bad format {%05c|%-3c|\\n}\n", Code: 1},
	{Args: []string{"-e", "%#o|%#x|\\n", "m"}, Stderr: "hexdump: bad format {%#o|%#x|\\n}\n", Code: 1},
	{Args: []string{"-e", "%-8.2f|%#.0o|\\n", "m"}, Stderr: "hexdump: bad format {%-8.2f|%#.0o|\\n}\n", Code: 1},
	{Args: []string{"-e", "%#.0x|%+.0d|%5.0d|\\n", "m"}, Stderr: "hexdump: bad format {%#.0x|%+.0d|%5.0d|\\n}\n", Code: 1},
	{Args: []string{"-e", "%+d|%\\ d|\\n", "m"}, Stderr: "hexdump: bad format {%+d|%\\ d|\\n}\n", Code: 1},
	{Args: []string{"-e", "%05_p|%05_u|%05_c|%-5_c|%_c|%.1_c|%#5_c|", "m"}, Stderr: "hexdump: bad format {%05_p|%05_u|%05_c|%-5_c|%_c|%.1_c|%#5_c|}\n", Code: 1},
	{Args: []string{"-e", "1/8 %e\\n", "f"}, Stderr: "hexdump: bad format {1/8 %e\\n}\n", Code: 1},
	{Args: []string{"-e", "1/4 %.3f\\n", "f"}, Stderr: "hexdump: bad format {1/4 %.3f\\n}\n", Code: 1},
	{Args: []string{"-e", "1/8 %g|%G|%E\\n", "f"}, Stderr: "hexdump: bad format {1/8 %g|%G|%E\\n}\n", Code: 1},
	{Args: []string{"-f", "fmt", "g"}, Stdout: "00000000 61 62 63 64\n00000004 65 66 67 68\n00000008 69 6a 6b 6c\n0000000c 6d 6e 6f 70\n00000010 71 72 73 74\n00000014 75 76 77 78\n00000018 79 7a 00 01\n0000001c ff         \n"},
	{Args: []string{"-f", "nofile", "g"}, Stderr: "hexdump: can't open 'nofile': No such file or directory\n", Code: 1},
	{Args: []string{"d", "g"}, Stdout: "0000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n0000010 7271 7473 7675 7877 7a79 0100 00ff     \n000001d\n", Stderr: "hexdump: d: Is a directory\n"},
	{Args: []string{"-n", "3", "g", "nonexist", "g"}, Stdout: "0000000 6261 0063                              \n0000003\n"},
	{Args: []string{"-s", "1"}, Stdin: "abc", Stderr: "hexdump: stdin: Invalid seek\n", Code: 1},
	{Args: []string{"-n", "2"}, Stdin: "abcdef", Stdout: "0000000 6261                                   \n0000002\n"},
	{Args: []string{}},
	{Args: []string{"-q"}, Stderr: "hexdump: unrecognized option: q\n", Code: 1, Usage: true},
	{Args: []string{"-e"}, Stderr: "hexdump: option requires an argument: e\n", Code: 1, Usage: true},
	{Args: []string{"-n", "-1", "g"}, Stderr: "hexdump: invalid number '-1'\n", Code: 1},
	{Args: []string{"-s", "x", "g"}, Stderr: "hexdump: invalid number 'x'\n", Code: 1},
}

func allBytes() string {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}

func TestHD(t *testing.T) {
	applettest.RunAlpineCases(t, &HD, nil, alpineFiles, []string{"d"}, hdCases)
}

// hdCases were taken from Alpine's BusyBox 1.36.1.
var hdCases = []applettest.AlpineCase{
	{Args: []string{"g"}, Stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n"},
	{Args: []string{"-v", "z"}, Stdout: "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000020  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000030  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000040  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000050  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n00000060  00 00 00 00                                       |....|\n00000064\n"},
	{Args: []string{"-n", "5", "-s", "3", "g"}, Stdout: "00000003  64 65 66 67 68                                    |defgh|\n00000008\n"},
	{Args: []string{"-C", "g"}, Stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000001d\n"},
	{Args: []string{"-x", "g"}, Stdout: "00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|\n0000000    6261    6463    6665    6867    6a69    6c6b    6e6d    706f\n00000010  71 72 73 74 75 76 77 78  79 7a 00 01 ff           |qrstuvwxyz...|\n0000010    7271    7473    7675    7877    7a79    0100    00ff        \n000001d\n"},
	{Args: []string{}, Stdin: "abc", Stdout: "00000000  61 62 63                                          |abc|\n00000003\n"},
}

func TestWriteError(t *testing.T) {
	for _, a := range []*applet.Applet{&Applet, &HD} {
		r := applettest.Cmd{Args: []string{"-C"}, Stdin: "abc", Stdout: applettest.Full()}.Run(t, a)
		if r.Code != 1 || r.Stderr != a.Name+": write error: No space left on device\n" {
			t.Errorf("%s to a full disk: status %d, stderr %q", a.Name, r.Code, r.Stderr)
		}
	}
}
