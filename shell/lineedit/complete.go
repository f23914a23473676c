package lineedit

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"gobox/internal/userdb"
)

// Kind is what a word being completed names, by where it stands.
type Kind int

const (
	// Command is the first word of a command: a command name.
	Command Kind = iota
	// Dir is the argument of cd: directories only.
	Dir
	// File is any other word: a file name.
	File
)

// ParseWord finds the word that Tab completes in line with the cursor
// at byte offset pos, as BusyBox's build_match_prefix does: quotes and
// backslashes are removed, the text before the last ; & | ( { or an
// unclosed backquote is dropped, and the word is the text after the last
// unquoted space, <, >, |, & or =. It returns the word without its
// quoting, the byte offset in line where it starts (its opening quote or
// backslash included), and what it names: the first word of a command,
// the first argument of cd, or a file.
func ParseWord(line string, pos int) (word string, start int, kind Kind) {
	if pos > len(line) {
		pos = len(line)
	}
	type elem struct {
		c      byte
		quoted bool
		at     int // where the character's raw text starts in line
	}
	var b []elem
	for i := 0; i < pos; i++ {
		b = append(b, elem{c: line[i], at: i})
	}
	cut := func(from, to int) { b = append(b[:from], b[to:]...) }
	// unwrap drops the quoting character at i; the character after it
	// starts where the quoting did.
	unwrap := func(i int) {
		if i+1 < len(b) {
			b[i+1].at = b[i].at
		}
		cut(i, i+1)
	}
	is := func(i int, c byte) bool { return !b[i].quoted && b[i].c == c }

	for i := 0; i < len(b); i++ {
		if is(i, '\\') {
			if i+1 == len(b) {
				cut(i, i+1)
				break
			}
			unwrap(i)
			b[i].quoted = true
		}
	}
	var inQuote byte
	for i := 0; i < len(b); {
		if c := b[i].c; !b[i].quoted && (c == '\'' || c == '"') && (inQuote == 0 || inQuote == c) {
			inQuote ^= c
			unwrap(i)
			continue
		}
		if inQuote != 0 {
			b[i].quoted = true
		}
		i++
	}
	for i := 0; i < len(b); i++ {
		if is(i, ';') || is(i, '&') || is(i, '|') {
			c := b[i].c
			if i > 0 && (c == '&' && (is(i-1, '>') || is(i-1, '<')) || c == '|' && is(i-1, '>')) {
				continue
			}
			n := i + 1
			if n < len(b) && is(n, c) {
				n++
			}
			cut(0, n)
			i = -1
		}
	}
	for i := 0; i < len(b); i++ {
		if !is(i, '`') {
			continue
		}
		j := i + 1
		for j < len(b) && !is(j, '`') {
			j++
		}
		if j == len(b) {
			// An unclosed `: what follows is a command.
			cut(0, i+1)
			break
		}
		// `cmd` counts as a word: keep one ` in its place.
		cut(i, j)
	}
	for i := 0; i < len(b); i++ {
		if is(i, '(') || is(i, '{') {
			cut(0, i+1)
			i = -1
		}
	}
	i := 0
	for i < len(b) && is(i, ' ') {
		i++
	}
	cut(0, i)

	kind = Command
	for i := range b {
		if is(i, ' ') || is(i, '<') || is(i, '>') {
			if is(i, ' ') && kind == Command && i == 2 && b[0].c == 'c' && b[1].c == 'd' {
				kind = Dir
				continue
			}
			kind = File
			break
		}
	}
	for i := len(b) - 1; i >= 0; i-- {
		if is(i, ' ') || is(i, '<') || is(i, '>') || is(i, '|') || is(i, '&') || is(i, '=') {
			cut(0, i+1)
			break
		}
	}
	if len(b) == 0 {
		return "", pos, kind
	}
	w := make([]byte, len(b))
	for i, e := range b {
		w[i] = e.c
	}
	return string(w), b[0].at, kind
}

// Matches lists the completions of word as BusyBox does: "~user/" for a
// word that starts with ~ and has no slash; else the entries of the
// word's directory (relative to dir, the shell's working directory; ~ and
// ~user expanded from the passwd file) whose names start with the rest of
// the word, directories with a trailing slash, dot files only when the
// rest of the word is not empty but "." and ".." never then. For Command
// and a word without a slash, the entries are the non-directories of each
// directory of path ($PATH, empty entries meaning the working directory)
// and the subdirectories of the working directory; for Dir, directories
// only. Each completion is the whole word: the directory part as typed,
// then the name. Builtins, functions and applets are the caller's to add.
func Matches(word string, kind Kind, dir, path string) []string {
	if strings.HasPrefix(word, "~") && !strings.Contains(word, "/") {
		return userMatches(word[1:])
	}
	var out []string
	slash := strings.LastIndexByte(word, '/')
	base := word[slash+1:]
	if slash < 0 && kind == Command {
		dirs := []string{"."}
		if path != "" && path != ":" {
			dirs = append(strings.Split(path, ":"), "")
		}
		for i, d := range dirs {
			k := Command
			if i == len(dirs)-1 && len(dirs) > 1 {
				// After $PATH, the subdirectories of the working directory.
				k, d = Dir, "."
			}
			if d == "" {
				d = "."
			}
			out = append(out, dirMatches(resolve(dir, d), "", base, k, false)...)
		}
		return out
	}
	prefix := word[:slash+1]
	lookIn := prefix
	if prefix == "" {
		lookIn = "."
	} else if strings.HasPrefix(prefix, "~") {
		lookIn = expandTilde(prefix)
	}
	return dirMatches(resolve(dir, lookIn), prefix, base, kind, slash >= 0)
}

func resolve(dir, p string) string {
	if filepath.IsAbs(p) || dir == "" {
		return p
	}
	return filepath.Join(dir, p)
}

// dirMatches lists the names in d that start with base, as prefix+name.
// inDir says the word had a directory part (then Command takes
// directories too, as BusyBox's complete_cmd_dir_file does).
func dirMatches(d, prefix, base string, kind Kind, inDir bool) []string {
	f, err := os.Open(d)
	if err != nil {
		return nil
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	var out []string
	for _, name := range names {
		if base == "" && (name == "." || name == "..") {
			continue
		}
		if !strings.HasPrefix(name, base) {
			continue
		}
		full := filepath.Join(d, name)
		st, err := os.Stat(full)
		if err != nil {
			// A dangling link still matches.
			if st, err = os.Lstat(full); err != nil {
				continue
			}
		}
		if st.IsDir() {
			if kind == Command && !inDir {
				continue
			}
			out = append(out, prefix+name+"/")
			continue
		}
		if kind == Dir {
			continue
		}
		out = append(out, prefix+name)
	}
	return out
}

// userMatches is complete_username: every user whose name starts with
// prefix, as "~name/".
func userMatches(prefix string) []string {
	f, err := os.Open(userdb.PasswdFile)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, _, _ := strings.Cut(sc.Text(), ":")
		if name != "" && strings.HasPrefix(name, prefix) {
			out = append(out, "~"+name+"/")
		}
	}
	return out
}

// expandTilde turns "~/..." and "~user/..." into the home directory's
// path (BusyBox takes ~ from the passwd entry of the effective user, not
// from $HOME); a user that does not exist leaves it as it is.
func expandTilde(p string) string {
	name, rest, _ := strings.Cut(p[1:], "/")
	var u *userdb.User
	if name == "" {
		u = userdb.DB{}.UserByID(os.Geteuid())
	} else {
		u = userdb.DB{}.UserByName(name)
	}
	if u == nil {
		return p
	}
	return filepath.Join(u.Home, rest) + "/"
}

// isSpecial is BusyBox's is_special_char: what a completed name has
// quoted with a backslash.
func isSpecial(c byte) bool {
	return strings.IndexByte(" `'\"\\#$~?*[{()&;|<>", c) >= 0
}

// quoteWord puts a backslash before each special character of w, except
// a ~ that starts it (which stays a tilde to expand).
func quoteWord(w string) string {
	var b strings.Builder
	for i := 0; i < len(w); i++ {
		if isSpecial(w[i]) && !(i == 0 && w[i] == '~') {
			b.WriteByte('\\')
		}
		b.WriteByte(w[i])
	}
	return b.String()
}

// displayName is the part of a completion that is listed: its last path
// component (with a directory's slash).
func displayName(c string) string {
	t := strings.TrimSuffix(c, "/")
	if i := strings.LastIndexByte(t, '/'); i >= 0 {
		return c[i+1:]
	}
	return c
}

// tab completes the word before the cursor, or on a second Tab lists
// what it may complete to.
func (s *session) tab() {
	if s.e.Complete == nil {
		return
	}
	if s.lastWasTab {
		if len(s.cands) > 0 {
			sav := s.cursor
			s.gotoNewLine()
			s.showFiles()
			s.drawFull(len(s.buf) - sav)
		}
		return
	}
	s.lastWasTab = true
	s.cands = nil
	line := s.line()
	pos := len(s.e.encode(s.buf[:s.cursor]))
	got, start := s.e.Complete(line, pos)
	if start < 0 || start > pos {
		start = pos
	}
	var cands []string
	for _, c := range got {
		// Names with control characters could drive the terminal: drop
		// them (BusyBox's "ESC attack fix").
		if strings.IndexFunc(c, func(r rune) bool { return r < ' ' || r == 0x7f }) < 0 {
			cands = append(cands, c)
		}
	}
	sort.Strings(cands)
	cands = dedup(cands)
	s.cands = cands

	unique := len(cands) == 1
	want := cands[0]
	if !unique {
		s.beep()
		want = commonPrefix(cands)
		if want == "" {
			return
		}
	} else {
		// The next Tab completes again rather than listing.
		s.lastWasTab = false
	}
	// Extend the word as typed, in its own quoting (BusyBox only ever
	// appends, leaving a quote open after a unique match); a word that
	// does not read as a prefix of the completion is replaced.
	typed := line[start:pos]
	var head string
	if more, q, ok := extendWord(typed, want); ok {
		head = line[:pos] + more
		if unique && !strings.HasSuffix(want, "/") {
			if q != 0 {
				head += string(q)
			}
			head += " "
		}
	} else {
		head = line[:start] + quoteWord(want)
		if unique && !strings.HasSuffix(want, "/") {
			head += " "
		}
	}
	newBuf := s.e.decode(head + line[pos:])
	if len(newBuf) >= MaxLineLen-1 {
		return
	}
	s.buf = newBuf
	s.cursor = len(s.e.decode(head))
	s.redraw(s.y, len(s.buf)-s.cursor)
}

// extendWord returns what to append to typed, a word as typed with its
// quoting, for it to read as want, quoted the way typed ends (inside
// single quotes, double quotes or none); q is the quote left open. ok is
// false when typed does not read as a prefix of want.
func extendWord(typed, want string) (more string, q byte, ok bool) {
	var unq strings.Builder
	for i := 0; i < len(typed); i++ {
		c := typed[i]
		switch {
		case q == '\'':
			if c == '\'' {
				q = 0
			} else {
				unq.WriteByte(c)
			}
		case c == '\\':
			if i+1 < len(typed) {
				i++
				unq.WriteByte(typed[i])
			}
		case q == '"':
			if c == '"' {
				q = 0
			} else {
				unq.WriteByte(c)
			}
		case c == '\'' || c == '"':
			q = c
		default:
			unq.WriteByte(c)
		}
	}
	u := unq.String()
	if !strings.HasPrefix(want, u) {
		return "", 0, false
	}
	rest := want[len(u):]
	switch q {
	case '\'':
		if strings.Contains(rest, "'") {
			return "", 0, false
		}
		return rest, q, true
	case '"':
		var b strings.Builder
		for i := 0; i < len(rest); i++ {
			if strings.IndexByte("$`\"\\", rest[i]) >= 0 {
				b.WriteByte('\\')
			}
			b.WriteByte(rest[i])
		}
		return b.String(), q, true
	}
	if u == "" {
		return quoteWord(rest), 0, true
	}
	var b strings.Builder
	for i := 0; i < len(rest); i++ {
		if isSpecial(rest[i]) {
			b.WriteByte('\\')
		}
		b.WriteByte(rest[i])
	}
	return b.String(), 0, true
}

func dedup(a []string) []string {
	out := a[:0]
	for i, c := range a {
		if i == 0 || c != a[i-1] {
			out = append(out, c)
		}
	}
	return out
}

// commonPrefix is the longest prefix of all of a, cut back to a whole
// UTF-8 character.
func commonPrefix(a []string) string {
	p := a[0]
	for _, c := range a[1:] {
		n := 0
		for n < len(p) && n < len(c) && p[n] == c[n] {
			n++
		}
		p = p[:n]
	}
	for len(p) > 0 && len(p) < len(a[0]) && !utf8.RuneStart(a[0][len(p)]) {
		p = p[:len(p)-1]
	}
	return p
}

// showFiles lists the completions in columns, down then across, as
// BusyBox's showfiles: each column as wide as the widest name plus two.
func (s *session) showFiles() {
	names := make([]string, len(s.cands))
	widths := make([]int, len(s.cands))
	colw := 0
	for i, c := range s.cands {
		names[i] = s.printable(displayName(c))
		widths[i] = s.strWidth(names[i])
		colw = max(colw, widths[i])
	}
	colw += 2
	nfiles := len(names)
	ncols := s.termw / colw
	nrows := nfiles
	if ncols > 1 {
		nrows = nfiles / ncols
		if nfiles%ncols != 0 {
			nrows++
		}
	} else {
		ncols = 1
	}
	for row := 0; row < nrows; row++ {
		n := row
		for nc := 1; nc < ncols && n+nrows < nfiles; nc++ {
			s.w.WriteString(names[n])
			s.w.WriteString(strings.Repeat(" ", colw-widths[n]))
			n += nrows
		}
		s.w.WriteString(names[n])
		s.w.WriteByte('\n')
	}
}

// printable replaces what cannot be shown with '?'.
func (s *session) printable(name string) string {
	if s.e.Bytes {
		return name
	}
	var b strings.Builder
	for _, r := range s.e.decode(name) {
		g, _ := s.glyph(r)
		b.WriteRune(g)
	}
	return b.String()
}
