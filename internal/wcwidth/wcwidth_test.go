package wcwidth

import "testing"

func TestWidth(t *testing.T) {
	cases := []struct {
		r    rune
		want int
	}{
		{0, 0}, {'a', 1}, {'~', 1}, {0x01, -1}, {0x1f, -1}, {0x7f, -1},
		{0x80, -1}, {0x9f, -1}, {0xa0, 1}, {0xad, 1}, {0xe9, 1}, {0xff, 1},
		{0x0300, 0}, {0x036f, 0}, {0x0488, 0}, {0x200b, 0}, {0x200d, 0}, {0xfeff, 0},
		{0x0370, 1}, {0x1100, 2}, {0x115f, 2}, {0x1160, 1},
		{0x2603, 1}, {0x231a, 2}, {0x2e80, 2}, {0x3000, 2}, {0x3099, 0},
		{0x4e00, 2}, {0x9fff, 2}, {0xac00, 2}, {0xd7a3, 2}, {0xd7a4, 1},
		{0xf900, 2}, {0xfe10, 2}, {0xff01, 2}, {0xff60, 2}, {0xff61, 1}, {0xffe0, 2},
		{0xfffd, 1}, {0xfffe, -1}, {0xffff, -1},
		{0x1f300, 2}, {0x1f321, 1}, {0x1f600, 2}, {0x1f64f, 2}, {0x1f900, 1}, {0x1f90c, 2}, {0x1f92f, 2}, {0x1f9ff, 2},
		{0x1fa75, 2}, {0x1d167, 0}, {0x1fffe, -1}, {0x1ffff, -1},
		{0x20000, 2}, {0x2fffd, 2}, {0x3fffd, 2}, {0x2fffe, -1},
		{0x40000, 1}, {0xe0001, 0}, {0xe0020, 0}, {0xe007f, 1}, {0xe0100, 0}, {0xe01ef, 1},
		{0xf0000, 1}, {0x10fffd, 1}, {0x10ffff, -1},
	}
	for _, c := range cases {
		if got := Width(c.r); got != c.want {
			t.Errorf("Width(%U) = %d, want %d", c.r, got, c.want)
		}
	}
}

func TestIsPrint(t *testing.T) {
	cases := []struct {
		r    rune
		want bool
	}{
		{0, false}, {'\t', false}, {' ', true}, {'a', true}, {0x7f, false},
		{0x80, false}, {0x9f, false}, {0xa0, true}, {0xfe, true}, {0xff, true},
		{0x0300, true}, {0x2027, true}, {0x2028, false}, {0x2029, false}, {0x202a, true},
		{0xd7ff, true}, {0xd800, false}, {0xdfff, false}, {0xe000, true},
		{0xfff8, true}, {0xfff9, false}, {0xfffb, false}, {0xfffc, true}, {0xfffd, true},
		{0xfffe, false}, {0xffff, false}, {0x10000, true}, {0x1fffe, false},
		{0x10fffd, true}, {0x10ffff, false}, {0x110000, false}, {-1, false},
	}
	for _, c := range cases {
		if got := IsPrint(c.r); got != c.want {
			t.Errorf("IsPrint(%U) = %v, want %v", c.r, got, c.want)
		}
	}
}

func TestUTF8(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"LANG": "C"}, false},
		{map[string]string{"LANG": "POSIX"}, false},
		{map[string]string{"LANG": "C.UTF-8"}, true},
		{map[string]string{"LANG": "en_US.ISO-8859-1"}, true},
		{map[string]string{"LANG": ""}, true},
		{map[string]string{"LC_ALL": "C", "LANG": "C.UTF-8"}, false},
		{map[string]string{"LC_ALL": "", "LC_CTYPE": "C", "LANG": "C.UTF-8"}, false},
		{map[string]string{"LC_CTYPE": "de_DE.UTF-8", "LANG": "C"}, true},
		{map[string]string{"LC_ALL": "POSIX", "LC_CTYPE": "C.UTF-8"}, false},
		{map[string]string{"LC_ALL": "c"}, true},
	}
	for _, c := range cases {
		lookup := func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }
		if got := UTF8(lookup); got != c.want {
			t.Errorf("UTF8(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

func TestWideSorted(t *testing.T) {
	for i, s := range wide {
		if s.lo > s.hi || i > 0 && s.lo <= wide[i-1].hi+1 {
			t.Fatalf("wide[%d] = %U..%U out of order or adjacent", i, s.lo, s.hi)
		}
	}
}
