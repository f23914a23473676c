package od

import (
	"io"
	"math/big"
	"math/rand/v2"

	"gobox/internal/applet"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// alpineCase is one run of od and what Alpine's BusyBox 1.36.1 gave for
// it, in its chroot, in a directory prepared as setup does: standard
// output, standard error (up to the usage text when usage is set) and
// the exit status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: g (the alphabet), f (floats and
// small integers), z31 (31 NULs), s (strings among control bytes) and
// an empty directory d.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"g":   "abcdefghijklmnopqrstuvwxyz",
		"f":   "\x00\x00\x80\x3f\x00\x00\x00\x00\x00\x00\xf0\x3f\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
		"z31": strings.Repeat("\x00", 31),
		"s":   "ab\x00abc\x00abcd\x00\a\b\f\n\r\t\vXY\x00hello\x01world\x00\x80abcdef\x00tail",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAlpine(t *testing.T) {
	for _, tc := range alpineCases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, &Applet)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("od %q: no usage in stderr %q", tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("od %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{}, stdin: "abcdefghijklmnopqrstuvwxyz", stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157\n0000020 071161 072163 073165 074167 075171\n0000032\n", stderr: "", code: 0},
	{args: []string{"g"}, stdin: "", stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157\n0000020 071161 072163 073165 074167 075171\n0000032\n", stderr: "", code: 0},
	{args: []string{"-b"}, stdin: "HELLO", stdout: "0000000 110 105 114 114 117\n0000005\n", stderr: "", code: 0},
	{args: []string{"-f"}, stdin: "\x00\x00\x00\x00\x00\x00\x00\x00", stdout: "0000000   0.0000000e+00   0.0000000e+00\n0000010\n", stderr: "", code: 0},
	{args: []string{"-b", "--traditional"}, stdin: "HELLO", stdout: "0000000 110 105 114 114 117\n0000005\n", stderr: "", code: 0},
	{args: []string{"-f", "f"}, stdin: "", stdout: "0000000   1.0000000e+00   0.0000000e+00   1.8750000e+00   1.5399896e-36\n0000020   4.0632161e-34   1.0711190e-31   2.8212602e-29\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tfD", "f"}, stdin: "", stdout: "0000000  5.263544247120890e-315  2.438073255967665e-289\n0000020  1.180177861578836e-250  1.331122003819454e-315\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tfL", "f"}, stdin: "", stdout: "0000000 3.883425044252689e-4942\n0000020                     nan\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tf4", "-tf8", "f"}, stdin: "", stdout: "0000000   1.0000000e+00   0.0000000e+00   1.8750000e+00   1.5399896e-36\n         5.263544247120890e-315  2.438073255967665e-289\n0000020   4.0632161e-34   1.0711190e-31   2.8212602e-29   0.0000000e+00\n         1.180177861578836e-250  1.331122003819454e-315\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tf10", "f"}, stdin: "", stdout: "", stderr: "od: invalid type string 'f10'; 10-byte floating point type is not supported\n", code: 1},
	{args: []string{"-tdC", "f"}, stdin: "", stdout: "0000000    0    0 -128   63    0    0    0    0    0    0  -16   63    1    2    3    4\n0000020    5    6    7    8    9   10   11   12   13   14   15   16\n0000034\n", stderr: "", code: 0},
	{args: []string{"-td2", "-to2", "-tu2", "-tx2", "f"}, stdin: "", stdout: "0000000      0  16256      0      0      0  16368    513   1027\n        000000 037600 000000 000000 000000 037760 001001 002003\n            0 16256     0     0     0 16368   513  1027\n        0000 3f80 0000 0000 0000 3ff0 0201 0403\n0000020   1541   2055   2569   3083   3597   4111\n        003005 004007 005011 006013 007015 010017\n         1541  2055  2569  3083  3597  4111\n        0605 0807 0a09 0c0b 0e0d 100f\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tdL", "-toL", "-tuL", "-txL", "f"}, stdin: "", stdout: "0000000           1065353216   289077005472759808\n        0000000000007740000000 0020030040047774000000\n                  1065353216   289077005472759808\n        000000003f800000 040302013ff00000\n0000020   867798387104613893            269422093\n        0060130240441001603005 0000000000002003607015\n          867798387104613893            269422093\n        0c0b0a0908070605 00000000100f0e0d\n0000034\n", stderr: "", code: 0},
	{args: []string{"-td4", "-to4", "-tu4", "-tx4", "f"}, stdin: "", stdout: "0000000  1065353216           0  1072693248    67305985\n        07740000000 00000000000 07774000000 00400601001\n        1065353216          0 1072693248   67305985\n        3f800000 00000000 3ff00000 04030201\n0000020   134678021   202050057   269422093\n        01001603005 01402605011 02003607015\n         134678021  202050057  269422093\n        08070605 0c0b0a09 100f0e0d\n0000034\n", stderr: "", code: 0},
	{args: []string{"-a", "f"}, stdin: "", stdout: "0000000 nul nul nul   ? nul nul nul nul nul nul   p   ? soh stx etx eot\n0000020 enq ack bel  bs  ht  nl  vt  ff  cr  so  si dle\n0000034\n", stderr: "", code: 0},
	{args: []string{"-c", "f"}, stdin: "", stdout: "0000000  \\0  \\0 200   ?  \\0  \\0  \\0  \\0  \\0  \\0 360   ? 001 002 003 004\n0000020 005 006  \\a  \\b  \\t  \\n  \\v  \\f  \\r 016 017 020\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tx1c", "f"}, stdin: "", stdout: "", stderr: "od: invalid type string 'x1c'; 4294967295-byte integral type is not supported\n", code: 1},
	{args: []string{"-tx1", "-tc", "f"}, stdin: "", stdout: "0000000 00 00 80 3f 00 00 00 00 00 00 f0 3f 01 02 03 04\n         \\0  \\0 200   ?  \\0  \\0  \\0  \\0  \\0  \\0 360   ? 001 002 003 004\n0000020 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10\n        005 006  \\a  \\b  \\t  \\n  \\v  \\f  \\r 016 017 020\n0000034\n", stderr: "", code: 0},
	{args: []string{"-tcx1", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n        61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n0000020   q   r   s   t   u   v   w   x   y   z\n        71 72 73 74 75 76 77 78 79 7a\n0000032\n", stderr: "", code: 0},
	{args: []string{"-txCz", "g"}, stdin: "", stdout: "0000000 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70  >abcdefghijklmnop<\n0000020 71 72 73 74 75 76 77 78 79 7a                    >qrstuvwxyz<\n0000032\n", stderr: "", code: 0},
	{args: []string{"-tdz", "g"}, stdin: "", stdout: "0000000  1684234849  1751606885  1818978921  1886350957  >abcdefghijklmnop<\n0000020  1953722993  2021095029       31353              >qrstuvwxyz..<\n0000032\n", stderr: "", code: 0},
	{args: []string{"-taz", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p  >abcdefghijklmnop<\n0000020   q   r   s   t   u   v   w   x   y   z                          >qrstuvwxyz<\n0000032\n", stderr: "", code: 0},
	{args: []string{"-tx2z", "g"}, stdin: "", stdout: "", stderr: "od: invalid type string 'x2z'; 4294967295-byte integral type is not supported\n", code: 1},
	{args: []string{"-t", "x", "-b", "-c", "-s", "-x", "-i", "-l", "-h", "-d", "-o", "-f", "-a", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n        141 142 143 144 145 146 147 150 151 152 153 154 155 156 157 160\n          a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n        25185 25699 26213 26727 27241 27755 28269 28783\n          1.6777999e+22   4.3710220e+24   1.1384003e+27   2.9640166e+29\n        6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n         25185  25699  26213  26727  27241  27755  28269  28783\n         1684234849  1751606885  1818978921  1886350957\n        061141 062143 063145 064147 065151 066153 067155 070157\n        64636261 68676665 6c6b6a69 706f6e6d\n        6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n         25185  25699  26213  26727  27241  27755  28269  28783\n0000020   q   r   s   t   u   v   w   x   y   z nul nul\n        161 162 163 164 165 166 167 170 171 172 000 000\n          q   r   s   t   u   v   w   x   y   z  \\0  \\0\n        29297 29811 30325 30839 31353     0\n          7.7151446e+31   2.0076561e+34   4.3934911e-41\n        7271 7473 7675 7877 7a79 0000\n         29297  29811  30325  30839  31353      0\n         1953722993  2021095029       31353\n        071161 072163 073165 074167 075171 000000\n        74737271 78777675 00007a79\n        7271 7473 7675 7877 7a79 0000\n         29297  29811  30325  30839  31353      0\n0000032\n", stderr: "", code: 0},
	{args: []string{"-An", "-c", "-tx1", "g"}, stdin: "", stdout: "   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n                                                                      61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n   q   r   s   t   u   v   w   x   y   z\n                                                                      71 72 73 74 75 76 77 78 79 7a\n", stderr: "", code: 0},
	{args: []string{"-A", "", "-c", "-tx1", "g"}, stdin: "", stdout: "0lo   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n                                                                61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n20lo   q   r   s   t   u   v   w   x   y   z\n                                                                71 72 73 74 75 76 77 78 79 7a\n32lo\n", stderr: "", code: 0},
	{args: []string{"-Ad", "z31"}, stdin: "", stdout: "0000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n0000031\n", stderr: "", code: 0},
	{args: []string{"-Ax", "z31"}, stdin: "", stdout: "000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n00001f\n", stderr: "", code: 0},
	{args: []string{"-An", "z31"}, stdin: "", stdout: " 000000 000000 000000 000000 000000 000000 000000 000000\n*\n", stderr: "", code: 0},
	{args: []string{"-v", "z31"}, stdin: "", stdout: "0000000 000000 000000 000000 000000 000000 000000 000000 000000\n0000020 000000 000000 000000 000000 000000 000000 000000 000000\n0000037\n", stderr: "", code: 0},
	{args: []string{"-tx1", "z31"}, stdin: "", stdout: "0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n0000020 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n0000037\n", stderr: "", code: 0},
	{args: []string{"-Az", "g"}, stdin: "", stdout: "", stderr: "od: bad output address radix 'z' (must be [doxn])\n", code: 1},
	{args: []string{"-w", "g"}, stdin: "", stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157 071161 072163 073165 074167 075171\n0000032\n", stderr: "", code: 0},
	{args: []string{"-w4", "g"}, stdin: "", stdout: "0000000 061141 062143\n0000004 063145 064147\n0000010 065151 066153\n0000014 067155 070157\n0000020 071161 072163\n0000024 073165 074167\n0000030 075171\n0000032\n", stderr: "", code: 0},
	{args: []string{"-w3", "g"}, stdin: "", stdout: "0000000 061141\n0000002 062143\n0000004 063145\n0000006 064147\n0000010 065151\n0000012 066153\n0000014 067155\n0000016 070157\n0000020 071161\n0000022 072163\n0000024 073165\n0000026 074167\n0000030 075171\n0000032\n", stderr: "od: warning: invalid width 3; using 2 instead\n", code: 0},
	{args: []string{"-w", "4", "g"}, stdin: "", stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157 071161 072163 073165 074167 075171\n0000032\n", stderr: "od: 4: No such file or directory\n", code: 1},
	{args: []string{"-wx", "g"}, stdin: "", stdout: "", stderr: "od: invalid number 'x'\n", code: 1},
	{args: []string{"-w3000000000", "g"}, stdin: "", stdout: "", stderr: "od: number 3000000000 is not in 0..2147483647 range\n", code: 1},
	{args: []string{"--width=5", "-c", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e\n0000005   f   g   h   i   j\n0000012   k   l   m   n   o\n0000017   p   q   r   s   t\n0000024   u   v   w   x   y\n0000031   z\n0000032\n", stderr: "", code: 0},
	{args: []string{"-j", "3", "-N", "5", "-c", "g"}, stdin: "", stdout: "0000003   d   e   f   g   h\n0000010\n", stderr: "", code: 0},
	{args: []string{"-j", "30", "g"}, stdin: "", stdout: "", stderr: "od: can't skip past end of combined input\n", code: 1},
	{args: []string{"-j", "26", "g"}, stdin: "", stdout: "0000032\n", stderr: "", code: 0},
	{args: []string{"-N", "0", "g"}, stdin: "", stdout: "0000000\n", stderr: "", code: 0},
	{args: []string{"-j", "0x10", "-c", "g"}, stdin: "", stdout: "0000020   q   r   s   t   u   v   w   x   y   z\n0000032\n", stderr: "", code: 0},
	{args: []string{"-j", "010", "-c", "g"}, stdin: "", stdout: "0000010   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x\n0000030   y   z\n0000032\n", stderr: "", code: 0},
	{args: []string{"-N", "1x", "g"}, stdin: "", stdout: "", stderr: "od: invalid number '1x'\n", code: 1},
	{args: []string{"-N", "2b", "-c", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z\n0000032\n", stderr: "", code: 0},
	{args: []string{"-j", "5", "g", "g", "-c"}, stdin: "", stdout: "0000005   f   g   h   i   j   k   l   m   n   o   p   q   r   s   t   u\n0000025   v   w   x   y   z   a   b   c   d   e   f   g   h   i   j   k\n0000045   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000064\n", stderr: "", code: 0},
	{args: []string{"-j", "20", "-c"}, stdin: "abcdefghijklmnopqrstuvwxyz", stdout: "0000024   u   v   w   x   y   z\n0000032\n", stderr: "", code: 0},
	{args: []string{"-j", "30"}, stdin: "abcdefghijklmnopqrstuvwxyz", stdout: "", stderr: "od: can't skip past end of combined input\n", code: 1},
	{args: []string{"-c", "-", "-"}, stdin: "abc", stdout: "0000000   a   b   c\n0000003\n", stderr: "", code: 0},
	{args: []string{"-c", "nonexist", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z\n0000032\n", stderr: "od: nonexist: No such file or directory\n", code: 1},
	{args: []string{"-c", "g", "d", "g"}, stdin: "", stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z   a   b   c   d   e   f\n0000040   g   h   i   j   k   l   m   n   o   p   q   r   s   t   u   v\n0000060   w   x   y   z\n0000064\n", stderr: "od: d: read error\n", code: 1},
	{args: []string{"-t", "q", "g"}, stdin: "", stdout: "", stderr: "od: invalid character 'q' in type string 'q'\n", code: 1},
	{args: []string{"-t", "d3", "g"}, stdin: "", stdout: "", stderr: "od: invalid type string 'd3'; 3-byte integral type is not supported\n", code: 1},
	{args: []string{"-t", "f0", "g"}, stdin: "", stdout: "", stderr: "od: invalid type string 'f0'; 0-byte floating point type is not supported\n", code: 1},
	{args: []string{"-t", "x0", "g"}, stdin: "", stdout: "", stderr: "od: invalid type string 'x0'; 0-byte integral type is not supported\n", code: 1},
	{args: []string{"-tx1z", "g"}, stdin: "", stdout: "", stderr: "od: invalid type string 'x1z'; 4294967295-byte integral type is not supported\n", code: 1},
	{args: []string{"-S", "3", "s"}, stdin: "", stdout: "0000003 abc\n0000007 abcd\n0000034 world\n0000043 abcdef\n", stderr: "", code: 0},
	{args: []string{"-S", "4", "-Ax", "s"}, stdin: "", stdout: "000007 abcd\n00001c world\n000023 abcdef\n", stderr: "", code: 0},
	{args: []string{"-S0", "-An", "s"}, stdin: "", stdout: "ab\nabc\nabcd\nXY\nworld\nabcdef\n", stderr: "", code: 0},
	{args: []string{"--strings", "s"}, stdin: "", stdout: "0000003 abc\n0000007 abcd\n0000034 world\n0000043 abcdef\n", stderr: "", code: 0},
	{args: []string{"--strings=5", "s"}, stdin: "", stdout: "0000034 world\n0000043 abcdef\n", stderr: "", code: 0},
	{args: []string{"-S", "3", "-N", "10", "s"}, stdin: "", stdout: "0000003 abc\n", stderr: "", code: 0},
	{args: []string{"-S", "3", "-N", "5"}, stdin: "abcdefgh", stdout: "1777777777777777777777 abcde\n", stderr: "", code: 0},
	{args: []string{"-S", "3", "-j", "3", "s"}, stdin: "", stdout: "0000003 abc\n0000007 abcd\n0000034 world\n0000043 abcdef\n", stderr: "", code: 0},
	{args: []string{"--traditional", "-c", "g", "10", "20"}, stdin: "", stdout: "0000010 (0000020)   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x\n0000030 (0000040)   y   z\n0000032 (0000042)\n", stderr: "", code: 0},
	{args: []string{"--traditional", "-c", "g", "10.", "20."}, stdin: "", stdout: "0000012 (0000024)   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000032 (0000044)\n", stderr: "", code: 0},
	{args: []string{"--traditional", "-c", "10", "20"}, stdin: "abcdefghijklmnopqrstuvwxyz", stdout: "0000010 (0000020)   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x\n0000030 (0000040)   y   z\n0000032 (0000042)\n", stderr: "", code: 0},
	{args: []string{"--traditional", "-c", "+0x3"}, stdin: "abcdefghijklmnopqrstuvwxyz", stdout: "0000003   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r   s\n0000023   t   u   v   w   x   y   z\n0000032\n", stderr: "", code: 0},
	{args: []string{"--traditional", "-c", "g", "g"}, stdin: "", stdout: "", stderr: "od: invalid second argument 'g'\n", code: 1},
	{args: []string{"--traditional", "-c", "g", "g", "g"}, stdin: "", stdout: "", stderr: "od: the last two arguments must be offsets\n", code: 1},
	{args: []string{"--traditional", "-c", "g", "g", "g", "g"}, stdin: "", stdout: "", stderr: "od: too many arguments\n", code: 1},
	{args: []string{"--traditional", "-An", "-c", "g", "1", "2"}, stdin: "", stdout: "(0000001)   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q\n(0000021)   r   s   t   u   v   w   x   y   z\n(0000032)\n", stderr: "", code: 0},
	{args: []string{"--traditional", "9"}, stdin: "abc", stdout: "", stderr: "od: invalid number '9'\n", code: 1},
	{args: []string{"--traditional", "10.b"}, stdin: "abcdefghijklmnopqrstuvwxyz", stdout: "0000012 066153 067155 070157 071161 072163 073165 074167 075171\n0000032\n", stderr: "", code: 0},
	{args: []string{"-N", "18446744073709551615", "g"}, stdin: "", stdout: "", stderr: "od: SKIP + SIZE is too large\n", code: 1},
	{args: []string{"-j", "18446744073709551615", "g"}, stdin: "", stdout: "1777777777777777777777 061141 062143 063145 064147 065151 066153 067155 070157\n0000017 071161 072163 073165 074167 075171\n0000031\n", stderr: "", code: 1},
	{args: []string{"--format=c", "--read-bytes=5", "--skip-bytes=2", "--address-radix=x", "g"}, stdin: "", stdout: "000002   c   d   e   f   g\n000007\n", stderr: "", code: 0},
	{args: []string{"-q"}, stdin: "", stdout: "", stderr: "od: unrecognized option: q\n", code: 1, usage: true},
	{args: []string{"-t"}, stdin: "", stdout: "", stderr: "od: option requires an argument: t\n", code: 1, usage: true},
}

// TestReadsNoMoreThanN: with -N, od leaves the rest of standard input to
// whoever reads it next ({ od -N 3; cat; } < file), as BusyBox does by
// reading it unbuffered.
func TestReadsNoMoreThanN(t *testing.T) {
	for _, args := range [][]string{{"-N", "3", "-c"}, {"-j", "2", "-N", "3"}, {"-S", "1", "-N", "3"}} {
		in := strings.NewReader("abcdefghijklmnopqrstuvwxyz")
		ctx := &applet.Ctx{Stdin: in, Stdout: io.Discard, Stderr: io.Discard}
		if code := applet.Run(ctx, &Applet, args); code != 0 {
			t.Errorf("od %q: status %d", args, code)
		}
		want := 26 - 3
		if args[0] == "-j" {
			want = 26 - 5
		}
		if in.Len() != want {
			t.Errorf("od %q left %d bytes of input, want %d", args, in.Len(), want)
		}
	}
}

func TestWriteError(t *testing.T) {
	r := applettest.Cmd{Args: []string{"-c"}, Stdin: "abc", Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Code != 1 || r.Stderr != "od: write error: No space left on device\n" {
		t.Errorf("od to a full disk: status %d, stderr %q", r.Code, r.Stderr)
	}
}

// TestRepeatedLines: a long run of equal lines is one "*", however long,
// and the last line, padded with zeros, may join it.
func TestRepeatedLines(t *testing.T) {
	zeros := strings.Repeat("\x00", 1<<20-1)
	r := applettest.Cmd{Args: []string{"-tx1"}, Stdin: zeros}.Run(t, &Applet)
	r.Expect(t, "0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n*\n3777760 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n3777777\n", 0)
	r = applettest.Cmd{Args: []string{"-tx2"}, Stdin: zeros}.Run(t, &Applet)
	r.Expect(t, "0000000 0000 0000 0000 0000 0000 0000 0000 0000\n*\n3777777\n", 0)
}

// TestExpDigits holds the exact "%.Ne" of an 80-bit float to big.Float's
// decimal conversion, over the whole exponent range.
func TestExpDigits(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 400; i++ {
		mant := rnd.Uint64() | 1<<63
		if i%3 == 0 {
			mant >>= 11 // the float64 fast path
		}
		if i%7 == 0 {
			mant >>= rnd.UintN(64) // denormal-like mantissas too
			if mant == 0 {
				mant = 1
			}
		}
		exp2 := int(rnd.UintN(32767)) - 16383 - 63
		prec := []int{0, 1, 7, 15, 18}[i%5]
		f := new(big.Float).SetPrec(64).SetUint64(mant)
		f.SetMantExp(f, exp2)
		want := f.Text('e', prec)
		if got := string(expDigits(mant, exp2, prec)); got != want {
			t.Fatalf("expDigits(%#x, %d, %d) = %s, want %s", mant, exp2, prec, got, want)
		}
	}
	if got := string(expDigits(0, 5, 3)); got != "0.000e+00" {
		t.Errorf("expDigits(0) = %s", got)
	}
}
