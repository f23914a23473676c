package od

import (
	"io"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineFiles are what each run of od against Alpine's BusyBox 1.36.1
// found in its fresh working directory, besides an empty directory d:
// g (the alphabet), f (floats and small integers), z31 (31 NULs) and s
// (strings among control bytes).
var alpineFiles = map[string]string{
	"g":   "abcdefghijklmnopqrstuvwxyz",
	"f":   "\x00\x00\x80\x3f\x00\x00\x00\x00\x00\x00\xf0\x3f\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
	"z31": strings.Repeat("\x00", 31),
	"s":   "ab\x00abc\x00abcd\x00\a\b\f\n\r\t\vXY\x00hello\x01world\x00\x80abcdef\x00tail",
}

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, alpineFiles, []string{"d"}, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{}, Stdin: "abcdefghijklmnopqrstuvwxyz", Stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157\n0000020 071161 072163 073165 074167 075171\n0000032\n"},
	{Args: []string{"g"}, Stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157\n0000020 071161 072163 073165 074167 075171\n0000032\n"},
	{Args: []string{"-b"}, Stdin: "HELLO", Stdout: "0000000 110 105 114 114 117\n0000005\n"},
	{Args: []string{"-f"}, Stdin: "\x00\x00\x00\x00\x00\x00\x00\x00", Stdout: "0000000   0.0000000e+00   0.0000000e+00\n0000010\n"},
	{Args: []string{"-b", "--traditional"}, Stdin: "HELLO", Stdout: "0000000 110 105 114 114 117\n0000005\n"},
	{Args: []string{"-f", "f"}, Stdout: "0000000   1.0000000e+00   0.0000000e+00   1.8750000e+00   1.5399896e-36\n0000020   4.0632161e-34   1.0711190e-31   2.8212602e-29\n0000034\n"},
	{Args: []string{"-tfD", "f"}, Stdout: "0000000  5.263544247120890e-315  2.438073255967665e-289\n0000020  1.180177861578836e-250  1.331122003819454e-315\n0000034\n"},
	{Args: []string{"-tfL", "f"}, Stdout: "0000000 3.883425044252689e-4942\n0000020                     nan\n0000034\n"},
	{Args: []string{"-tf4", "-tf8", "f"}, Stdout: "0000000   1.0000000e+00   0.0000000e+00   1.8750000e+00   1.5399896e-36\n         5.263544247120890e-315  2.438073255967665e-289\n0000020   4.0632161e-34   1.0711190e-31   2.8212602e-29   0.0000000e+00\n         1.180177861578836e-250  1.331122003819454e-315\n0000034\n"},
	{Args: []string{"-tf10", "f"}, Stderr: "od: invalid type string 'f10'; 10-byte floating point type is not supported\n", Code: 1},
	{Args: []string{"-tdC", "f"}, Stdout: "0000000    0    0 -128   63    0    0    0    0    0    0  -16   63    1    2    3    4\n0000020    5    6    7    8    9   10   11   12   13   14   15   16\n0000034\n"},
	{Args: []string{"-td2", "-to2", "-tu2", "-tx2", "f"}, Stdout: "0000000      0  16256      0      0      0  16368    513   1027\n        000000 037600 000000 000000 000000 037760 001001 002003\n            0 16256     0     0     0 16368   513  1027\n        0000 3f80 0000 0000 0000 3ff0 0201 0403\n0000020   1541   2055   2569   3083   3597   4111\n        003005 004007 005011 006013 007015 010017\n         1541  2055  2569  3083  3597  4111\n        0605 0807 0a09 0c0b 0e0d 100f\n0000034\n"},
	{Args: []string{"-tdL", "-toL", "-tuL", "-txL", "f"}, Stdout: "0000000           1065353216   289077005472759808\n        0000000000007740000000 0020030040047774000000\n                  1065353216   289077005472759808\n        000000003f800000 040302013ff00000\n0000020   867798387104613893            269422093\n        0060130240441001603005 0000000000002003607015\n          867798387104613893            269422093\n        0c0b0a0908070605 00000000100f0e0d\n0000034\n"},
	{Args: []string{"-td4", "-to4", "-tu4", "-tx4", "f"}, Stdout: "0000000  1065353216           0  1072693248    67305985\n        07740000000 00000000000 07774000000 00400601001\n        1065353216          0 1072693248   67305985\n        3f800000 00000000 3ff00000 04030201\n0000020   134678021   202050057   269422093\n        01001603005 01402605011 02003607015\n         134678021  202050057  269422093\n        08070605 0c0b0a09 100f0e0d\n0000034\n"},
	{Args: []string{"-a", "f"}, Stdout: "0000000 nul nul nul   ? nul nul nul nul nul nul   p   ? soh stx etx eot\n0000020 enq ack bel  bs  ht  nl  vt  ff  cr  so  si dle\n0000034\n"},
	{Args: []string{"-c", "f"}, Stdout: "0000000  \\0  \\0 200   ?  \\0  \\0  \\0  \\0  \\0  \\0 360   ? 001 002 003 004\n0000020 005 006  \\a  \\b  \\t  \\n  \\v  \\f  \\r 016 017 020\n0000034\n"},
	{Args: []string{"-tx1c", "f"}, Stderr: "od: invalid type string 'x1c'; 4294967295-byte integral type is not supported\n", Code: 1},
	{Args: []string{"-tx1", "-tc", "f"}, Stdout: "0000000 00 00 80 3f 00 00 00 00 00 00 f0 3f 01 02 03 04\n         \\0  \\0 200   ?  \\0  \\0  \\0  \\0  \\0  \\0 360   ? 001 002 003 004\n0000020 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10\n        005 006  \\a  \\b  \\t  \\n  \\v  \\f  \\r 016 017 020\n0000034\n"},
	{Args: []string{"-tcx1", "g"}, Stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n        61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n0000020   q   r   s   t   u   v   w   x   y   z\n        71 72 73 74 75 76 77 78 79 7a\n0000032\n"},
	{Args: []string{"-txCz", "g"}, Stdout: "0000000 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70  >abcdefghijklmnop<\n0000020 71 72 73 74 75 76 77 78 79 7a                    >qrstuvwxyz<\n0000032\n"},
	{Args: []string{"-tdz", "g"}, Stdout: "0000000  1684234849  1751606885  1818978921  1886350957  >abcdefghijklmnop<\n0000020  1953722993  2021095029       31353              >qrstuvwxyz..<\n0000032\n"},
	{Args: []string{"-taz", "g"}, Stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p  >abcdefghijklmnop<\n0000020   q   r   s   t   u   v   w   x   y   z                          >qrstuvwxyz<\n0000032\n"},
	{Args: []string{"-tx2z", "g"}, Stderr: "od: invalid type string 'x2z'; 4294967295-byte integral type is not supported\n", Code: 1},
	{Args: []string{"-t", "x", "-b", "-c", "-s", "-x", "-i", "-l", "-h", "-d", "-o", "-f", "-a", "g"}, Stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n        141 142 143 144 145 146 147 150 151 152 153 154 155 156 157 160\n          a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n        25185 25699 26213 26727 27241 27755 28269 28783\n          1.6777999e+22   4.3710220e+24   1.1384003e+27   2.9640166e+29\n        6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n         25185  25699  26213  26727  27241  27755  28269  28783\n         1684234849  1751606885  1818978921  1886350957\n        061141 062143 063145 064147 065151 066153 067155 070157\n        64636261 68676665 6c6b6a69 706f6e6d\n        6261 6463 6665 6867 6a69 6c6b 6e6d 706f\n         25185  25699  26213  26727  27241  27755  28269  28783\n0000020   q   r   s   t   u   v   w   x   y   z nul nul\n        161 162 163 164 165 166 167 170 171 172 000 000\n          q   r   s   t   u   v   w   x   y   z  \\0  \\0\n        29297 29811 30325 30839 31353     0\n          7.7151446e+31   2.0076561e+34   4.3934911e-41\n        7271 7473 7675 7877 7a79 0000\n         29297  29811  30325  30839  31353      0\n         1953722993  2021095029       31353\n        071161 072163 073165 074167 075171 000000\n        74737271 78777675 00007a79\n        7271 7473 7675 7877 7a79 0000\n         29297  29811  30325  30839  31353      0\n0000032\n"},
	{Args: []string{"-An", "-c", "-tx1", "g"}, Stdout: "   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n                                                                      61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n   q   r   s   t   u   v   w   x   y   z\n                                                                      71 72 73 74 75 76 77 78 79 7a\n"},
	{Args: []string{"-A", "", "-c", "-tx1", "g"}, Stdout: "0lo   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n                                                                61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70\n20lo   q   r   s   t   u   v   w   x   y   z\n                                                                71 72 73 74 75 76 77 78 79 7a\n32lo\n"},
	{Args: []string{"-Ad", "z31"}, Stdout: "0000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n0000031\n"},
	{Args: []string{"-Ax", "z31"}, Stdout: "000000 000000 000000 000000 000000 000000 000000 000000 000000\n*\n00001f\n"},
	{Args: []string{"-An", "z31"}, Stdout: " 000000 000000 000000 000000 000000 000000 000000 000000\n*\n"},
	{Args: []string{"-v", "z31"}, Stdout: "0000000 000000 000000 000000 000000 000000 000000 000000 000000\n0000020 000000 000000 000000 000000 000000 000000 000000 000000\n0000037\n"},
	{Args: []string{"-tx1", "z31"}, Stdout: "0000000 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n0000020 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n0000037\n"},
	{Args: []string{"-Az", "g"}, Stderr: "od: bad output address radix 'z' (must be [doxn])\n", Code: 1},
	{Args: []string{"-w", "g"}, Stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157 071161 072163 073165 074167 075171\n0000032\n"},
	{Args: []string{"-w4", "g"}, Stdout: "0000000 061141 062143\n0000004 063145 064147\n0000010 065151 066153\n0000014 067155 070157\n0000020 071161 072163\n0000024 073165 074167\n0000030 075171\n0000032\n"},
	{Args: []string{"-w3", "g"}, Stdout: "0000000 061141\n0000002 062143\n0000004 063145\n0000006 064147\n0000010 065151\n0000012 066153\n0000014 067155\n0000016 070157\n0000020 071161\n0000022 072163\n0000024 073165\n0000026 074167\n0000030 075171\n0000032\n", Stderr: "od: warning: invalid width 3; using 2 instead\n"},
	{Args: []string{"-w", "4", "g"}, Stdout: "0000000 061141 062143 063145 064147 065151 066153 067155 070157 071161 072163 073165 074167 075171\n0000032\n", Stderr: "od: 4: No such file or directory\n", Code: 1},
	{Args: []string{"-wx", "g"}, Stderr: "od: invalid number 'x'\n", Code: 1},
	{Args: []string{"-w3000000000", "g"}, Stderr: "od: number 3000000000 is not in 0..2147483647 range\n", Code: 1},
	{Args: []string{"--width=5", "-c", "g"}, Stdout: "0000000   a   b   c   d   e\n0000005   f   g   h   i   j\n0000012   k   l   m   n   o\n0000017   p   q   r   s   t\n0000024   u   v   w   x   y\n0000031   z\n0000032\n"},
	{Args: []string{"-j", "3", "-N", "5", "-c", "g"}, Stdout: "0000003   d   e   f   g   h\n0000010\n"},
	{Args: []string{"-j", "30", "g"}, Stderr: "od: can't skip past end of combined input\n", Code: 1},
	{Args: []string{"-j", "26", "g"}, Stdout: "0000032\n"},
	{Args: []string{"-N", "0", "g"}, Stdout: "0000000\n"},
	{Args: []string{"-j", "0x10", "-c", "g"}, Stdout: "0000020   q   r   s   t   u   v   w   x   y   z\n0000032\n"},
	{Args: []string{"-j", "010", "-c", "g"}, Stdout: "0000010   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x\n0000030   y   z\n0000032\n"},
	{Args: []string{"-N", "1x", "g"}, Stderr: "od: invalid number '1x'\n", Code: 1},
	{Args: []string{"-N", "2b", "-c", "g"}, Stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z\n0000032\n"},
	{Args: []string{"-j", "5", "g", "g", "-c"}, Stdout: "0000005   f   g   h   i   j   k   l   m   n   o   p   q   r   s   t   u\n0000025   v   w   x   y   z   a   b   c   d   e   f   g   h   i   j   k\n0000045   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000064\n"},
	{Args: []string{"-j", "20", "-c"}, Stdin: "abcdefghijklmnopqrstuvwxyz", Stdout: "0000024   u   v   w   x   y   z\n0000032\n"},
	{Args: []string{"-j", "30"}, Stdin: "abcdefghijklmnopqrstuvwxyz", Stderr: "od: can't skip past end of combined input\n", Code: 1},
	{Args: []string{"-c", "-", "-"}, Stdin: "abc", Stdout: "0000000   a   b   c\n0000003\n"},
	{Args: []string{"-c", "nonexist", "g"}, Stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z\n0000032\n", Stderr: "od: nonexist: No such file or directory\n", Code: 1},
	{Args: []string{"-c", "g", "d", "g"}, Stdout: "0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p\n0000020   q   r   s   t   u   v   w   x   y   z   a   b   c   d   e   f\n0000040   g   h   i   j   k   l   m   n   o   p   q   r   s   t   u   v\n0000060   w   x   y   z\n0000064\n", Stderr: "od: d: read error\n", Code: 1},
	{Args: []string{"-t", "q", "g"}, Stderr: "od: invalid character 'q' in type string 'q'\n", Code: 1},
	{Args: []string{"-t", "d3", "g"}, Stderr: "od: invalid type string 'd3'; 3-byte integral type is not supported\n", Code: 1},
	{Args: []string{"-t", "f0", "g"}, Stderr: "od: invalid type string 'f0'; 0-byte floating point type is not supported\n", Code: 1},
	{Args: []string{"-t", "x0", "g"}, Stderr: "od: invalid type string 'x0'; 0-byte integral type is not supported\n", Code: 1},
	{Args: []string{"-tx1z", "g"}, Stderr: "od: invalid type string 'x1z'; 4294967295-byte integral type is not supported\n", Code: 1},
	{Args: []string{"-S", "3", "s"}, Stdout: "0000003 abc\n0000007 abcd\n0000034 world\n0000043 abcdef\n"},
	{Args: []string{"-S", "4", "-Ax", "s"}, Stdout: "000007 abcd\n00001c world\n000023 abcdef\n"},
	{Args: []string{"-S0", "-An", "s"}, Stdout: "ab\nabc\nabcd\nXY\nworld\nabcdef\n"},
	{Args: []string{"--strings", "s"}, Stdout: "0000003 abc\n0000007 abcd\n0000034 world\n0000043 abcdef\n"},
	{Args: []string{"--strings=5", "s"}, Stdout: "0000034 world\n0000043 abcdef\n"},
	{Args: []string{"-S", "3", "-N", "10", "s"}, Stdout: "0000003 abc\n"},
	{Args: []string{"-S", "3", "-N", "5"}, Stdin: "abcdefgh", Stdout: "1777777777777777777777 abcde\n"},
	{Args: []string{"-S", "3", "-j", "3", "s"}, Stdout: "0000003 abc\n0000007 abcd\n0000034 world\n0000043 abcdef\n"},
	{Args: []string{"--traditional", "-c", "g", "10", "20"}, Stdout: "0000010 (0000020)   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x\n0000030 (0000040)   y   z\n0000032 (0000042)\n"},
	{Args: []string{"--traditional", "-c", "g", "10.", "20."}, Stdout: "0000012 (0000024)   k   l   m   n   o   p   q   r   s   t   u   v   w   x   y   z\n0000032 (0000044)\n"},
	{Args: []string{"--traditional", "-c", "10", "20"}, Stdin: "abcdefghijklmnopqrstuvwxyz", Stdout: "0000010 (0000020)   i   j   k   l   m   n   o   p   q   r   s   t   u   v   w   x\n0000030 (0000040)   y   z\n0000032 (0000042)\n"},
	{Args: []string{"--traditional", "-c", "+0x3"}, Stdin: "abcdefghijklmnopqrstuvwxyz", Stdout: "0000003   d   e   f   g   h   i   j   k   l   m   n   o   p   q   r   s\n0000023   t   u   v   w   x   y   z\n0000032\n"},
	{Args: []string{"--traditional", "-c", "g", "g"}, Stderr: "od: invalid second argument 'g'\n", Code: 1},
	{Args: []string{"--traditional", "-c", "g", "g", "g"}, Stderr: "od: the last two arguments must be offsets\n", Code: 1},
	{Args: []string{"--traditional", "-c", "g", "g", "g", "g"}, Stderr: "od: too many arguments\n", Code: 1},
	{Args: []string{"--traditional", "-An", "-c", "g", "1", "2"}, Stdout: "(0000001)   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p   q\n(0000021)   r   s   t   u   v   w   x   y   z\n(0000032)\n"},
	{Args: []string{"--traditional", "9"}, Stdin: "abc", Stderr: "od: invalid number '9'\n", Code: 1},
	{Args: []string{"--traditional", "10.b"}, Stdin: "abcdefghijklmnopqrstuvwxyz", Stdout: "0000012 066153 067155 070157 071161 072163 073165 074167 075171\n0000032\n"},
	{Args: []string{"-N", "18446744073709551615", "g"}, Stderr: "od: SKIP + SIZE is too large\n", Code: 1},
	{Args: []string{"-j", "18446744073709551615", "g"}, Stdout: "1777777777777777777777 061141 062143 063145 064147 065151 066153 067155 070157\n0000017 071161 072163 073165 074167 075171\n0000031\n", Code: 1},
	{Args: []string{"--format=c", "--read-bytes=5", "--skip-bytes=2", "--address-radix=x", "g"}, Stdout: "000002   c   d   e   f   g\n000007\n"},
	{Args: []string{"-q"}, Stderr: "od: unrecognized option: q\n", Code: 1, Usage: true},
	{Args: []string{"-t"}, Stderr: "od: option requires an argument: t\n", Code: 1, Usage: true},
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
