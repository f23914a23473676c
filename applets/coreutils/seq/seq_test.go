package seq

import (
	"testing"

	"gobox/internal/applettest"
)

func TestSeq(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdout string
		code   int
	}{
		{[]string{"3"}, "1\n2\n3\n", 0},
		{[]string{"5", "7"}, "5\n6\n7\n", 0},
		{[]string{"7", "5"}, "", 0},
		{[]string{"1", "-15", "1"}, "1\n", 0},
		{[]string{"8", "-2", "4"}, "8\n6\n4\n", 0},
		{[]string{"3", ".30", "4"}, "3.00\n3.30\n3.60\n3.90\n", 0},
		{[]string{".7", "-.9", "-2.2"}, "0.7\n-0.2\n-1.1\n-2.0\n", 0},
		{[]string{"-w", "003"}, "001\n002\n003\n", 0},
		{[]string{"-w", "8", "-3", "04"}, "08\n05\n", 0},
		{[]string{"-w", "09", ".3", "11"}, "09.0\n09.3\n09.6\n09.9\n10.2\n10.5\n10.8\n", 0},
		{[]string{"-w", "--", "-5", "-4"}, "-5\n-4\n", 0},
		{[]string{"-s", ",", "1", "3"}, "1,2,3\n", 0},
		{[]string{"1.5", "3"}, "1.5\n2.5\n", 0},
		{[]string{"0x10", "0x11"}, "16\n17\n", 0},
		{[]string{"x"}, "", 1},
		{[]string{}, "", 1},
		{[]string{"1", "2", "3", "4"}, "", 1},
	} {
		r := applettest.Run(t, &Applet, tc.args...)
		r.Expect(t, tc.stdout, tc.code)
	}
}
