package expand

import "testing"

func TestUnexpandAlpine(t *testing.T) {
	runAlpineCases(t, &Unexpand, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{}, "        a       b\n", "\ta       b\n", "", 0, false},
		{[]string{"-a"}, "        a       b\n", "\ta\tb\n", "", 0, false},
		{[]string{"-t", "4"}, "        a       b\n", "\t\ta\t\tb\n", "", 0, false},
		{[]string{"-f", "-t", "4"}, "        a       b\n", "\t\ta       b\n", "", 0, false},
		{[]string{"-a"}, "  \t  a  \t b   c        \n", "\t  a\t b   c\t      \n", "", 0, false},
		{[]string{}, "  \t  a  \t b   c        \n", "\t  a  \t b   c        \n", "", 0, false},
		{[]string{}, "         \n", "\t \n", "", 0, false},
		{[]string{"--all"}, "abc     def     g\n", "abc\tdef\tg\n", "", 0, false},
		{[]string{"--first-only", "--tabs", "3"}, "abc     def     g\n", "abc\t  def     g\n", "", 0, false},
		{[]string{"-a"}, "ab\x00    c\n", "ab    c\n", "", 0, false},
		{[]string{"nope", "f", "d"}, "", "b\na\n", "unexpand: nope: No such file or directory\nunexpand: d: I/O error\n", 1, false},
		{[]string{"-t", "0"}, "", "", "unexpand: number 0 is not in 1..4294967295 range\n", 1, false},
		{[]string{"-t", "2"}, "    x", "\t\tx", "", 0, false},
		{[]string{"-x"}, "", "", "unexpand: unrecognized option: x\n", 1, true},
	})
}

// TestUnexpandAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestUnexpandAlpineUTF8(t *testing.T) {
	runAlpineCases(t, &Unexpand, []string{}, []alpineCase{
		{[]string{"-a"}, "h\xc3\xa9      b  x\n\xe4\xb8\xad      x\n", "h\xc3\xa9\tb  x\n\xe4\xb8\xad\tx\n", "", 0, false},
	})
}
