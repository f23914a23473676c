package find

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/regex"
	"gobox/internal/userdb"
)

// group is a list of actions joined by -a: it holds when all of them do.
type group []*action

// kind is what an action does.
type kind uint8

const (
	aPrint kind = iota
	aPrint0
	aName  // -name, -iname
	aPath  // -path, -ipath, -wholename
	aRegex // -regex
	aType
	aExecutable
	aPerm
	aTime // -mtime, -atime, -ctime, -mmin
	aNewer
	aInum
	aUser
	aGroup
	aSize
	aLinks
	aEmpty
	aPrune
	aQuit
	aDelete
	aExec
	aParen
)

// action is one test or action of the expression.
type action struct {
	kind    kind
	invert  bool   // preceded by ! or -not
	sign    byte   // '+', '-' or 0: greater, less or exactly (-perm: '-', '+', '/' or 0)
	field   byte   // aTime: 'm', 'a' or 'c'
	unit    int64  // aTime: seconds per unit
	n       uint64 // the number to compare with
	pattern string
	match   matcher
	re      *regex.Regexp
	mask    uint32  // -perm's mode, -type's S_IFMT
	sub     []group // aParen
	exec    *execAction
}

// needsStat reports whether the action reads more of an entry than its
// name and type.
func (a *action) needsStat() bool {
	switch a.kind {
	case aPerm, aTime, aNewer, aInum, aUser, aGroup, aSize, aLinks, aEmpty:
		return true
	}
	return false
}

// The words that are options, not actions: they hold wherever they are.
const (
	pFollow   = "-follow"
	pXdev     = "-xdev"
	pDepth    = "-depth"
	pMindepth = "-mindepth"
	pMaxdepth = "-maxdepth"
)

// takesArg reports whether word is one BusyBox knows, and whether an
// argument follows it (the words from -name on in BusyBox's table).
func takesArg(word string) (known, arg bool) {
	switch word {
	case pFollow, pXdev, pDepth, "-a", "-o", "!", "-and", "-or", "-not",
		"-print", "-print0", "-prune", "-quit", "-delete", "-empty", "-exec", "-executable", "(":
		return true, false
	case "-name", "-iname", "-path", "-wholename", "-ipath", "-regex", "-type", "-perm",
		"-mtime", "-atime", "-ctime", "-mmin", "-newer", "-inum", "-user", "-group",
		"-size", "-links", pMindepth, pMaxdepth:
		return true, true
	}
	return false, false
}

// parse reads an expression (BusyBox's parse_params): the actions in
// groups split at -o, each action taking a pending ! or -not. Errors come
// in the order BusyBox meets them, as it dies at the first.
func (f *finder) parse(args []string) ([]group, error) {
	groups := []group{nil}
	invert := false
	add := func(a *action) *action {
		a.invert, invert = invert, false
		if a.needsStat() {
			f.needStat = true
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], a)
		return a
	}
	for i := 0; i < len(args); i++ {
		word := args[i]
		known, hasArg := takesArg(word)
		if !known {
			return nil, applet.Usage("unrecognized: %s", word)
		}
		arg := ""
		if hasArg {
			if i+1 >= len(args) {
				return nil, applet.Errorf("%s requires an argument", word)
			}
			i++
			arg = args[i]
		}
		switch word {
		case pFollow:
			f.follow = followAll
		case pXdev:
			f.xdev = true
		case pDepth:
			f.depthFirst = true
		case pMindepth, pMaxdepth:
			n, err := opt.AtoiPositive(arg) // its errors are BusyBox's words
			if err != nil {
				return nil, err
			}
			if word == pMindepth {
				f.minDepth = n
			} else {
				f.maxDepth = n
			}
		case "-a", "-and":
		case "-o", "-or":
			groups = append(groups, nil)
		case "!", "-not":
			invert = !invert
		case "-print":
			f.needPrint = false
			add(&action{kind: aPrint})
		case "-print0":
			f.needPrint = false
			add(&action{kind: aPrint0})
		case "-prune":
			add(&action{kind: aPrune})
		case "-quit":
			add(&action{kind: aQuit})
		case "-delete":
			f.needPrint = false
			f.depthFirst = true
			add(&action{kind: aDelete})
		case "-empty":
			add(&action{kind: aEmpty})
		case "-executable":
			add(&action{kind: aExecutable})
		case "-exec":
			f.needPrint = false
			end := i + 1
			for end < len(args) && args[end] != ";" && args[end] != "+" {
				end++
			}
			if end == len(args) || end == i+1 {
				return nil, applet.Errorf("-exec requires an argument")
			}
			x, err := newExec(args[i+1:end], args[end] == "+")
			if err != nil {
				return nil, err
			}
			if x.plus {
				f.plus = append(f.plus, x)
			}
			x.invert = add(&action{kind: aExec, exec: x}).invert
			i = end
		case "(":
			end, nested := i, 1
			for nested > 0 {
				end++
				if end == len(args) {
					return nil, applet.Errorf("unpaired '('")
				}
				switch args[end] {
				case "(":
					nested++
				case ")":
					nested--
				}
			}
			a := add(&action{kind: aParen})
			sub, err := f.parse(args[i+1 : end])
			if err != nil {
				return nil, err
			}
			a.sub = sub
			i = end
		case "-name", "-iname":
			add(&action{kind: aName, pattern: arg, match: matcher{utf8: f.utf8, fold: word == "-iname"}})
		case "-path", "-wholename", "-ipath":
			add(&action{kind: aPath, pattern: arg, match: matcher{utf8: f.utf8, fold: word == "-ipath"}})
		case "-regex":
			re, err := regex.Compile(arg, regex.NoSub)
			if err != nil {
				return nil, applet.Errorf("bad regex '%s': %s", arg, applet.ErrText(err))
			}
			add(&action{kind: aRegex, re: re})
		case "-type":
			t, ok := fileType(arg)
			if !ok {
				return nil, applet.Errorf("invalid argument '%s' to '-type'", arg)
			}
			add(&action{kind: aType, mask: t})
		case "-perm":
			a := &action{kind: aPerm}
			if arg != "" && (arg[0] == '-' || arg[0] == '+' || arg[0] == '/') {
				a.sign, arg = arg[0], arg[1:]
			}
			m, ok := mode.Parse(arg, 0, uint32(f.ctx.Umask))
			if !ok {
				return nil, applet.Errorf("invalid mode '%s'", arg)
			}
			a.mask = m
			add(a)
		case "-mtime", "-atime", "-ctime", "-mmin":
			a := &action{kind: aTime, field: word[1], unit: 24 * 60 * 60}
			if word == "-mmin" {
				a.field, a.unit = 'm', 60
			}
			n, err := a.signedNumber(arg)
			if err != nil {
				return nil, err
			}
			a.n = uint64(uint32(n)) // BusyBox keeps an unsigned int
			add(a)
		case "-newer":
			var st unix.Stat_t
			if err := dirent.Fstatat(unix.AT_FDCWD, dirent.CString(f.ctx.Path(arg)), &st, 0); err != nil {
				return nil, applet.Perror(err, "can't stat '%s'", arg)
			}
			add(&action{kind: aNewer, n: uint64(st.Mtim.Sec)})
		case "-inum":
			n, err := number(arg)
			if err != nil {
				return nil, err
			}
			add(&action{kind: aInum, n: n})
		case "-user":
			id, ok := numericID(arg)
			if !ok {
				u := userdb.DB{}.UserByName(arg)
				if u == nil {
					return nil, applet.Errorf("unknown user %s", arg)
				}
				id = uint32(u.UID)
			}
			add(&action{kind: aUser, n: uint64(id)})
		case "-group":
			id, ok := numericID(arg)
			if !ok {
				g := userdb.DB{}.GroupByName(arg)
				if g == nil {
					return nil, applet.Errorf("unknown group %s", arg)
				}
				id = uint32(g.GID)
			}
			add(&action{kind: aGroup, n: uint64(id)})
		case "-size":
			a := &action{kind: aSize}
			if arg != "" && (arg[0] == '+' || arg[0] == '-') {
				a.sign, arg = arg[0], arg[1:]
			}
			n, err := sizeNumber(arg)
			if err != nil {
				return nil, err
			}
			a.n = n
			add(a)
		case "-links":
			a := &action{kind: aLinks}
			n, err := a.signedNumber(arg)
			if err != nil {
				return nil, err
			}
			// BusyBox keeps an int, compared with st_nlink as unsigned.
			a.n = uint64(int64(int32(uint32(n))))
			add(a)
		}
	}
	return groups, nil
}

// signedNumber reads a [+-]N argument (BusyBox's plus_minus_num and
// xatoul), setting the action's sign.
func (a *action) signedNumber(arg string) (uint64, error) {
	if arg != "" && (arg[0] == '+' || arg[0] == '-') {
		a.sign, arg = arg[0], arg[1:]
	}
	return number(arg)
}

// number is BusyBox's xatoul: decimal digits, nothing else.
func number(s string) (uint64, error) {
	return numberTimes(s, s, 1)
}

// numberTimes parses the digits s, multiplies them by mult, and words
// errors with the whole argument arg, as xatoull_sfx does: too many
// digits are an invalid number, a product past 64 bits out of range.
func numberTimes(s, arg string, mult uint64) (uint64, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, applet.Errorf("invalid number '%s'", arg)
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, applet.Errorf("invalid number '%s'", arg)
	}
	if n > math.MaxUint64/mult {
		return 0, applet.Errorf("number %s is not in 0..%d range", arg, uint64(math.MaxUint64))
	}
	return n * mult, nil
}

// sizeNumber reads -size's N[cwbk]: bytes, 2-byte words, 512-byte blocks
// (the default) or kilobytes.
func sizeNumber(arg string) (uint64, error) {
	digits, mult := arg, uint64(512)
	if n := len(arg); n > 0 {
		switch arg[n-1] {
		case 'c':
			digits, mult = arg[:n-1], 1
		case 'w':
			digits, mult = arg[:n-1], 2
		case 'b':
			digits = arg[:n-1]
		case 'k':
			digits, mult = arg[:n-1], 1024
		}
	}
	return numberTimes(digits, arg, mult)
}

// numericID is BusyBox's bb_strtou for -user and -group: digits that fit
// 32 bits; anything else is a name.
func numericID(s string) (uint32, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 32)
	return uint32(n), err == nil
}

// fileType is -type's letter as S_IFMT bits.
func fileType(s string) (uint32, bool) {
	if len(s) != 1 {
		return 0, false
	}
	switch s[0] {
	case 'b':
		return unix.S_IFBLK, true
	case 'c':
		return unix.S_IFCHR, true
	case 'd':
		return unix.S_IFDIR, true
	case 'p':
		return unix.S_IFIFO, true
	case 'f':
		return unix.S_IFREG, true
	case 'l':
		return unix.S_IFLNK, true
	case 's':
		return unix.S_IFSOCK, true
	}
	return 0, false
}
