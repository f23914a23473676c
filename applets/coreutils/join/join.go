// Package join is the join applet: for each pair of lines of two sorted
// files with the same join field, it prints one line made of the join
// field and the other fields of both.
//
// BusyBox 1.36 has no join (Alpine's is GNU's), so this one follows
// POSIX and GNU coreutils 9: its options (-a -v -e -o with "auto" -t -1
// -2 -j -i -z --header --check-order --nocheck-order), its field
// splitting (blanks, -t CHAR, or an empty CHAR for the whole line), its order
// checking ("FILE:LINE: is not sorted: LINE") and its messages. Fields
// are compared byte by byte, as in the C locale (gobox has no other).
//
// Input is streamed: each file is read line by line, and only the lines
// of the current run of equal keys are kept, so memory is bounded by the
// largest such run.
package join

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is join's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "join",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] FILE1 FILE2",
	Help: `Join lines of FILE1 and FILE2 that have identical join fields

	-a N	Also print unpairable lines from file N (1 or 2)
	-v N	Print only unpairable lines from file N
	-e STR	Replace missing fields with STR
	-o LIST	Output fields: 0 (join field), N.FIELD, ... or auto
	-t CHAR	Field separator (default: blanks)
	-1 FIELD	Join on FIELD of FILE1
	-2 FIELD	Join on FIELD of FILE2
	-j FIELD	Join on FIELD of both files
	-i,--ignore-case	Ignore case when comparing fields
	-z,--zero-terminated	Lines end with NUL, not newline
	--header	Print the first lines of both files unpaired
	--check-order	Fail if the input is not sorted
	--nocheck-order	Don't check that the input is sorted`,
	Options: &opt.Spec{
		Short: "a:e:i1:2:j:o:t:v:z",
		Long:  "ignore-case=i zero-terminated=z header check-order nocheck-order",
	},
	NoFork: true,
	Main:   run,
}

// Order checking, as GNU's: by default a warning once an unpairable
// line was seen, --check-order makes it fatal, --nocheck-order turns
// it off.
const (
	checkDefault = iota
	checkOn
	checkOff
)

// config is what the command line asks for.
type config struct {
	unpaired [2]bool // -a/-v: print the unpairable lines of file 1, 2
	paired   bool    // print joined lines (false with -v)
	empty    string  // -e
	hasEmpty bool
	outList  []outField // -o LIST
	auto     bool       // -o auto
	tab      int        // -t: the separator byte; -1 for blanks; '\n' for whole lines
	field    [2]int     // join field of each file, from 0; -1 until set
	icase    bool       // -i
	eol      byte       // '\n', or 0 with -z
	header   bool
	check    int
}

// outField is one item of -o: file 0 is the join field.
type outField struct {
	file  int
	field int
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	c, err := parseOptions(r)
	if err != nil {
		return err
	}
	switch len(r.Args) {
	case 0:
		return &applet.UsageError{Msg: "missing operand"}
	case 1:
		// GNU names the last argument, whatever it was.
		return &applet.UsageError{Msg: "missing operand after " + quote(args[len(args)-1])}
	case 2:
	default:
		return &applet.UsageError{Msg: "extra operand " + quote(r.Args[2])}
	}
	return join(ctx, c, r.Args[0], r.Args[1])
}

// parseOptions reads the options in the order given, so that the first
// bad one is the one reported, as GNU's does.
func parseOptions(r *opt.Result) (*config, error) {
	c := &config{paired: true, tab: -1, field: [2]int{-1, -1}, eol: '\n'}
	seen := map[string]int{}
	for _, key := range r.Order() {
		var val string
		if vals := r.List(key); len(vals) > 0 {
			val = vals[seen[key]]
		}
		seen[key]++
		switch key {
		case "a", "v":
			if key == "v" {
				c.paired = false
			}
			n, ok := parseLong(val)
			if !ok || (n != 1 && n != 2) {
				return nil, applet.Errorf("invalid field number: %s", quote(val))
			}
			c.unpaired[n-1] = true
		case "e":
			if c.hasEmpty && c.empty != val {
				return nil, applet.Errorf("conflicting empty-field replacement strings")
			}
			c.empty, c.hasEmpty = val, true
		case "i":
			c.icase = true
		case "1", "2", "j":
			f, err := fieldNumber(val)
			if err != nil {
				return nil, err
			}
			for i, k := range []string{"1", "2"} {
				if key != k && key != "j" {
					continue
				}
				if c.field[i] >= 0 && c.field[i] != f {
					return nil, applet.Errorf("incompatible join fields %d, %d", c.field[i]+1, f+1)
				}
				c.field[i] = f
			}
		case "o":
			if val == "auto" {
				c.auto = true
				break
			}
			if err := c.addFieldList(val); err != nil {
				return nil, err
			}
		case "t":
			tab := '\n' // -t '': the whole line is the field
			if val != "" {
				tab = rune(val[0])
			}
			if len(val) > 1 {
				if val != `\0` {
					return nil, applet.Errorf("multi-character tab %s", quote(val))
				}
				tab = 0
			}
			if c.tab >= 0 && c.tab != int(tab) {
				return nil, applet.Errorf("incompatible tabs")
			}
			c.tab = int(tab)
		case "z":
			c.eol = 0
		case "header":
			c.header = true
		case "check-order":
			c.check = checkOn
		case "nocheck-order":
			c.check = checkOff
		}
	}
	for i := range c.field {
		c.field[i] = max(c.field[i], 0)
	}
	return c, nil
}

// addFieldList adds the items of an -o LIST, separated by commas or
// blanks (each separator ends an item: two in a row make an empty one).
func (c *config) addFieldList(list string) error {
	for {
		i := strings.IndexAny(list, ", \t")
		item := list
		if i >= 0 {
			item = list[:i]
		}
		f, err := fieldSpec(item)
		if err != nil {
			return err
		}
		c.outList = append(c.outList, f)
		if i < 0 {
			return nil
		}
		list = list[i+1:]
	}
}

// fieldSpec decodes one -o item: "0" or FILE.FIELD.
func fieldSpec(s string) (outField, error) {
	switch {
	case s == "0":
		return outField{}, nil
	case s != "" && s[0] == '0':
		return outField{}, applet.Errorf("invalid field specifier: %s", quote(s))
	case s != "" && (s[0] == '1' || s[0] == '2'):
		if len(s) < 2 || s[1] != '.' {
			return outField{}, applet.Errorf("invalid field specifier: %s", quote(s))
		}
		f, err := fieldNumber(s[2:])
		return outField{file: int(s[0] - '0'), field: f}, err
	}
	return outField{}, applet.Errorf("invalid file number in field spec: %s", quote(s))
}

// maxField stands for a field number too large to count: no line has it.
const maxField = int(^uint(0)>>1) - 1

// fieldNumber parses a field number counted from 1 (as strtoumax: blanks
// and a '+' may lead, no sign '-') and returns it counted from 0; one
// too large for a size_t means a field no line has.
func fieldNumber(s string) (int, error) {
	digits := strings.TrimPrefix(strings.TrimLeft(s, " \t\n\v\f\r"), "+")
	if !allDigits(digits) {
		return 0, applet.Errorf("invalid field number: %s", quote(s))
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		d := int(digits[i] - '0')
		if n > (maxField-d)/10 {
			return maxField, nil
		}
		n = n*10 + d
	}
	if n == 0 {
		return 0, applet.Errorf("invalid field number: %s", quote(s))
	}
	return n - 1, nil
}

// parseLong parses -a's FILENUM as strtol would, whole: blanks, a sign,
// digits. ok is false for anything else or an overflow.
func parseLong(s string) (n int, ok bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg, t = t[0] == '-', t[1:]
	}
	if !allDigits(t) {
		return 0, false
	}
	t = strings.TrimLeft(t, "0")
	if len(t) > 18 {
		return 0, false
	}
	for i := 0; i < len(t); i++ {
		n = n*10 + int(t[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// quote quotes s as GNU's quote() does in the C locale: 'x', with C's
// backslash escapes for quotes, backslashes and bytes that are not
// printable ASCII.
func quote(s string) string {
	b := []byte{'\''}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '\\':
			b = append(b, '\\', c)
		case c >= 0x07 && c <= 0x0d:
			b = append(b, '\\', "abtnvfr"[c-0x07])
		case c < ' ' || c >= 0x7f:
			b = append(b, '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
		default:
			b = append(b, c)
		}
	}
	return string(append(b, '\''))
}

// quoteFile quotes a file name as GNU's quotef(): bare when the shell
// would take it as one word, else in single quotes.
func quoteFile(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:,+@%=-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
