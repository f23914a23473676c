package lineedit

import (
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/userdb"
)

// ExpandPrompt turns the backslash escapes of PS1 (after the shell's own
// parameter expansion of it) into text, as BusyBox's FEATURE_EDITING_
// FANCY_PROMPT does:
//
//	\u  user name (of the effective uid, from the passwd file)
//	\h  host name up to the first dot; \H the whole host name
//	\w  working directory, the home directory shown as ~; \W its last part
//	\$  # for root, $ for others
//	\t \T \@ \A  the time as HH:MM (BusyBox shows all four alike)
//	\a \e \n \r \f \v \b \\  BEL, ESC, newline, CR, FF, VT, BS, backslash
//	\NNN \xHH  the byte with that octal or hex value (\x with no digit: ?)
//	\[ \]  start and end text that takes no room on the screen (colours)
//
// Any other escaped character stands for itself without the backslash
// (so \d, \j and \! give d, j and !: BusyBox supports none of them). The
// result marks the \[...\] parts with \001 and \002, which ReadLine leaves
// out of what it writes and of its cursor arithmetic. get is asked for
// "PWD", the shell's working directory; the home directory is the
// effective user's from the passwd file, as in BusyBox.
func ExpandPrompt(ps string, get func(name string) string) string {
	env := &promptEnv{
		cwd: func() string {
			if get == nil {
				return ""
			}
			return get("PWD")
		},
		user:     currentUser,
		hostname: hostname,
		now:      time.Now,
		euid:     os.Geteuid,
	}
	return expandPrompt(ps, env)
}

// promptEnv is what the prompt escapes read, as functions so that a
// prompt without escapes reads nothing.
type promptEnv struct {
	cwd      func() string
	user     func() (name, home string)
	hostname func() string
	now      func() time.Time
	euid     func() int
}

func currentUser() (string, string) {
	u := userdb.DB{}.UserByID(os.Geteuid())
	if u == nil {
		return "", ""
	}
	return u.Name, u.Home
}

func hostname() string {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return "?"
	}
	return unix.ByteSliceToString(u.Nodename[:])
}

func expandPrompt(ps string, env *promptEnv) string {
	var b strings.Builder
	hidden := false
	cwd, cwdDone := "", false
	for i := 0; i < len(ps); {
		c := ps[i]
		i++
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i == len(ps) {
			break
		}
		if ps[i] != 't' {
			if v, n, ok := escapeValue(ps[i:]); ok {
				i += n
				if v != 0 {
					b.WriteByte(v)
				}
				continue
			}
		}
		c = ps[i]
		i++
		switch c {
		case 'u':
			name, _ := env.user()
			b.WriteString(name)
		case 'h', 'H':
			h := env.hostname()
			if c == 'h' {
				h, _, _ = strings.Cut(h, ".")
			}
			b.WriteString(h)
		case '$':
			if env.euid() == 0 {
				b.WriteByte('#')
			} else {
				b.WriteByte('$')
			}
		case 't', 'T', '@', 'A':
			b.WriteString(env.now().Format("15:04"))
		case 'w', 'W':
			if !cwdDone {
				cwd, cwdDone = promptCwd(env), true
			}
			if c == 'w' {
				b.WriteString(cwd)
			} else if j := strings.LastIndexByte(cwd, '/'); j >= 0 {
				b.WriteString(cwd[j+1:])
			} else {
				b.WriteString(cwd)
			}
		case 'x', 'X':
			// \x without a hex digit, or \X: up to three hex digits
			// while the value fits a byte; none (or NUL) gives '?'.
			v := 0
			for n := 0; n < 3 && i < len(ps); n++ {
				d := digitValue(ps[i])
				if d >= 16 || v*16+d > 0xff {
					break
				}
				v = v*16 + d
				i++
			}
			if v == 0 {
				v = '?'
			}
			b.WriteByte(byte(v))
		case '[':
			if !hidden {
				hidden = true
				b.WriteByte(promptIgnoreStart)
			} else {
				b.WriteByte('[')
			}
		case ']':
			if hidden {
				hidden = false
				b.WriteByte(promptIgnoreEnd)
			} else {
				b.WriteByte(']')
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// promptCwd is \w: the working directory with the home directory turned
// into ~, "(unknown)" when there is none.
func promptCwd(env *promptEnv) string {
	cwd := env.cwd()
	if cwd == "" {
		return "(unknown)"
	}
	_, home := env.user()
	if home != "" && strings.HasPrefix(cwd, home) {
		if rest := cwd[len(home):]; rest == "" || rest[0] == '/' {
			return "~" + rest
		}
	}
	return cwd
}

// escapeValue is bb_process_escape_sequence for the text after a
// backslash: an octal number of up to three digits, \x and up to two hex
// digits, or one of a b e f n r t v \. It returns the byte, how many
// bytes of s it used, and false when s starts with none of these (or with
// \x and no hex digit).
func escapeValue(s string) (byte, int, bool) {
	i, n, digits := 0, 0, 0
	base := 8
	if s[0] == 'x' {
		i, base, digits = 1, 16, 1
	}
	for digits < 3 && i < len(s) {
		d := digitValue(s[i])
		if d >= base {
			if base == 16 {
				digits--
				if digits == 0 {
					return 0, 0, false
				}
			}
			break
		}
		if n*base+d > 0xff {
			break
		}
		n = n*base + d
		i++
		digits++
	}
	if base == 16 && i == 1 {
		// "\x" at the end of the prompt.
		return 0, 0, false
	}
	if digits > 0 {
		return byte(n), i, true
	}
	if j := strings.IndexByte("abefnrtv\\", s[0]); j >= 0 {
		return "\a\b\x1b\f\n\r\t\v\\"[j], 1, true
	}
	return 0, 0, false
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}
