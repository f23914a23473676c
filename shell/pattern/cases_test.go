package pattern

// matchCases were checked against Alpine's ash: case "$s" in $p) ...
// (an unquoted $p, so backslashes in it escape as in our patterns).
var matchCases = []struct {
	pat, s string
	want   bool
}{
	{"*.c", "foo.c", true},
	{"*.c", "foo.h", false},
	{"*.c", ".c", true},
	{"*", "", true},
	{"?", "", false},
	{"?", "é", true},
	{"??", "é", false},
	{"a?c", "abc", true},
	{"a?c", "ac", false},
	{"[abc]", "b", true},
	{"[!abc]", "b", false},
	{"[^abc]", "d", true},
	{"[a-c]x", "bx", true},
	{"[a-]", "-", true},
	{"[]]", "]", true},
	{"[]a]", "a", true},
	{"[!]]", "]", false},
	{"[!]]", "x", true},
	{"[\\\\]", "\\", true},
	{"a[", "a[", true},
	{"a[b", "a[b", true},
	{"[[:alpha:]]", "é", true},
	{"[[:alpha:]]", "1", false},
	{"[[:digit:][:upper:]]", "Q", true},
	{"[[:digit:][:upper:]]", "q", false},
	{"[[:foo:]]", "f", false},
	{"[[.a.]]", "a", false},
	{"[z-a]", "x", false},
	{"[a-c-e]", "d", true},
	{"\\*", "*", true},
	{"\\*", "a", false},
	{"a\\", "a\\", true},
	{"*a*b*c*", "xxaxxbxxcxx", true},
	{"*a*b*c*", "xxaxxcxxbxx", false},
	{"a*b", "ab", true},
	{"a*b", "a/b", true},
	{"*/", "d/", true},
	{"a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	{"*[0-9]", "abc7", true},
	{"*[13579]", "12345", true},
	{"*000", "19000", true},
	{"[1-4]*2", "3992", true},
	{"x?|x??", "x1", false},
	{"x???", "x123", true},
	{"é*", "éa", true},
	{"*é", "aé", true},
	{"[é]", "é", true},
	{"[!é]", "é", false},
	{"[à-ê]", "é", true},
	{"\\[a]", "[a]", true},
	{"[", "[", true},
	{"]", "]", true},
	{"*[", "a[", true},
	{"[[]", "[", true},
	{"[!", "[!", true},
	{"[\\!a]", "b", false},
	{"[z-a]", "z", true},
	{"[z-a]", "a", true},
	{"[a-c-e]", "d", true},
}

// posixCases were checked against dash, bash --posix and Debian's
// BusyBox ash (glibc's fnmatch), which agree with POSIX: a backslash
// inside a bracket quotes the next character, and a byte that is not
// valid UTF-8 is a character that "?" and [!x] match. Alpine's ash (musl)
// gives the opposite answer in each row marked musl.
var posixCases = []struct {
	pat, s string
	want   bool
	musl   bool // Alpine differs
}{
	{"[\\]]", "]", true, true},
	{"[\\]]", "\\]", false, true},
	{"[0\\-9]", "9", true, false},
	{"[0\\-9]", "1", false, false},
	{"[0\\-9]", "-", true, true},
	{"[0\\-9]", "\\", false, true},
	{"[a\\]]", "]", true, true},
	{"[a\\]]", "a]", false, true},
	{"[a\\-c]", "-", true, true},
	{"[a\\-c]", "b", false, true},
	{"[a\\-c]", "\\", false, true},
	{"[\\!a]", "!", true, false},
	{"[\\\\]", "\\", true, false},
	{"[\\a-c]", "b", true, false},
	{"[a-\\c]", "b", true, true},
	{"[\\[]", "[", true, false},
	{"[!\\]]", "]", false, false},
	{"[!\\]]", "x", true, true},
	{"[\\]-a]", "^", true, true},
	{"uni?code", "uni\x81code", true, true},
	{"uni*", "uni\x81code", true, false},
	{"[!a]", "\x81", true, true},
	{"?", "\x81", true, true},
	{"\x81", "\x81", true, true},
	{"\x81*", "\x81x", true, true},
	{"?\x81?", "é\x81é", true, true},
	{"[[:print:]]", "\x81", false, false},
	{"[[:alpha:]]", "\x81", false, false},
}

// trimCases were checked against Alpine's ash: ${s#$p} ${s##$p} ${s%$p}
// ${s%%$p} ${s/$p/<>} ${s//$p/<>}. One row differs on purpose: ash with
// musl matches "?" against "h" plus half of "é" in ${s##?} and ${s//?/x},
// leaving a broken UTF-8 sequence; gobox keeps characters whole.
var trimCases = []struct {
	s, pat                                  string
	pre, longPre, suf, longSuf, rep, repAll string
}{
	{"/usr/local/lib/libfoo.so.1.2.3", "*/", "usr/local/lib/libfoo.so.1.2.3", "libfoo.so.1.2.3", "/usr/local/lib/libfoo.so.1.2.3", "/usr/local/lib/libfoo.so.1.2.3", "<>libfoo.so.1.2.3", "<>libfoo.so.1.2.3"},
	{"/usr/local/lib/libfoo.so.1.2.3", "/*", "usr/local/lib/libfoo.so.1.2.3", "", "/usr/local/lib", "", "<>", "<>"},
	{"libfoo.so.1.2.3", "*.", "so.1.2.3", "3", "libfoo.so.1.2.3", "libfoo.so.1.2.3", "<>3", "<>3"},
	{"libfoo.so.1.2.3", ".*", "libfoo.so.1.2.3", "libfoo.so.1.2.3", "libfoo.so.1.2", "libfoo", "libfoo<>", "libfoo<>"},
	{"/usr/local/lib/libfoo-7.so.1.2.3", "/usr/", "local/lib/libfoo-7.so.1.2.3", "local/lib/libfoo-7.so.1.2.3", "/usr/local/lib/libfoo-7.so.1.2.3", "/usr/local/lib/libfoo-7.so.1.2.3", "<>local/lib/libfoo-7.so.1.2.3", "<>local/lib/libfoo-7.so.1.2.3"},
	{"local/lib/libfoo-7.so.1.2.3", ".[0-9]", "local/lib/libfoo-7.so.1.2.3", "local/lib/libfoo-7.so.1.2.3", "local/lib/libfoo-7.so.1.2", "local/lib/libfoo-7.so.1.2", "local/lib/libfoo-7.so<>.2.3", "local/lib/libfoo-7.so<><><>"},
	{"abcabc", "*b", "cabc", "c", "abcabc", "abcabc", "<>c", "<>c"},
	{"abcabc", "b*", "abcabc", "abcabc", "abca", "a", "a<>", "a<>"},
	{"abcabc", "a*c", "abc", "", "abc", "", "<>", "<>"},
	{"abcabc", "?", "bcabc", "bcabc", "abcab", "abcab", "<>bcabc", "<><><><><><>"},
	{"abcabc", "", "abcabc", "abcabc", "abcabc", "abcabc", "abcabc", "abcabc"},
	{"abcabc", "x", "abcabc", "abcabc", "abcabc", "abcabc", "abcabc", "abcabc"},
	{"abcabc", "[ab]", "bcabc", "bcabc", "abcabc", "abcabc", "<>bcabc", "<><>c<><>c"},
	{"héllo", "?", "éllo", "éllo", "héll", "héll", "<>éllo", "<><><><><>"},
	{"héllo", "h?", "llo", "llo", "héllo", "héllo", "<>llo", "<>llo"},
	{"héllo", "*l", "lo", "o", "héllo", "héllo", "<>o", "<>o"},
	{"aaa", "a*", "aa", "", "aa", "", "<>", "<>"},
	{"aaa", "*a", "aa", "", "aa", "", "<>", "<>"},
	{"a*b", "\\*", "a*b", "a*b", "a*b", "a*b", "a<>b", "a<>b"},
	{"a*b", "*\\*", "b", "b", "a*b", "a*b", "<>b", "<>b"},
	{"x.tar.gz", "*.*", "tar.gz", "", "x.tar", "", "<>", "<>"},
	{"x.tar.gz", ".*.*", "x.tar.gz", "x.tar.gz", "x", "x", "x<>", "x<>"},
}

// byteCases were checked against Alpine's ash run with LC_ALL=C.
var byteCases = []struct {
	pat, s string
	want   bool
}{
	{"?", "é", false},
	{"??", "é", true},
	{"[é]", "é", false},
	{"[!é]", "é", false},
	{"*é", "aé", true},
	{"é*", "éa", true},
	{"[[:alpha:]]", "é", false},
	{"[[:alpha:]]é", "aé", true},
	{"?é", "aé", true},
	{"a?", "aé", false},
	{"[à-ê]", "é", false},
	{"[[:print:]]", "\xe9", false},
	{"[[:graph:]]", "\xe9", false},
	{"[[:punct:]]", "\xe9", false},
	{"[!a]", "\xe9", true},
}
