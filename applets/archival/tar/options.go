package tar

import (
	"gobox/internal/codec"

	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/datetime"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/tarfmt"
	"gobox/internal/untar"
	"gobox/internal/userdb"
)

// tar is one run: what the options ask for, and its state.
type tar struct {
	ctx     *applet.Ctx
	file    string // -f, "-" for standard input or output
	dir     string // -C, as given ("" for none)
	verbose int    // -v count (plus -t's, as BusyBox counts them together)
	listing bool   // t
	stdout  bool   // -O

	codec *codec.Codec // -z -j -J -Z --lzma, or -a's pick by suffix; nil: none
	auto  bool         // -a

	deref     bool // -h
	recursive bool // not --no-recursion
	absolute  bool // -P

	accept []pattern // operands and -T names
	reject []string  // --exclude and -X patterns
	strip  int       // --strip-components

	keepOld, overwrite, noTimes bool
	noOwner, sameOwner          bool
	perms, noPerms              bool
	numericOwner                bool

	// Creation.
	owner, group *idName
	mode         string
	mtime        *time.Time
	sortNames    bool
	format       tarfmt.Format
	xattrs       bool // --xattrs: store and restore extended attributes
	root         bool // run by root: security.* attributes too
	sparse       bool // -S: store files with holes as sparse

	warned bool // "removing leading ..." was said
	failed bool // an error that ends in status 1
}

// pattern is a name or glob of the accept list, and whether an entry
// matched it.
type pattern struct {
	pat     string
	matched bool
}

// idName is an --owner or --group value: the name stored and the id.
type idName struct {
	name string
	id   int
}

func newTar(ctx *applet.Ctx, o *opt.Result) (*tar, error) {
	if !o.Has("c") && !o.Has("t") && !o.Has("x") && !o.Has("r") {
		// One operation is needed, as BusyBox's getopt32 says.
		return nil, applet.Usage("")
	}
	t := &tar{
		ctx:       ctx,
		file:      o.StrOr("f", "-"),
		dir:       o.Str("C"),
		verbose:   o.Count("v"),
		listing:   o.Has("t"),
		stdout:    o.Has("O"),
		auto:      o.Has("a"),
		deref:     o.Has("h"),
		recursive: !o.Has("no-recursion"),
		absolute:  o.Has("P"),
		keepOld:   o.Has("k"),
		overwrite: o.Has("overwrite"),
		noTimes:   o.Has("m"),
		noOwner:   o.Has("o"),
		sameOwner: o.Has("same-owner"),
		perms:     o.Has("p"),
		noPerms:   o.Has("no-same-permissions"),

		numericOwner: o.Has("numeric-owner"),
		format:       tarfmt.FormatGNU,
		root:         unix.Geteuid() == 0,
		sparse:       o.Has("S"),
	}
	if t.listing {
		// BusyBox counts -t and -v together: "tv" lists verbosely.
		t.verbose += o.Count("t")
	}
	switch {
	case o.Has("z"):
		t.codec = codec.ByName("gzip")
	case o.Has("j"):
		t.codec = codec.ByName("bzip2")
	case o.Has("J"):
		t.codec = codec.ByName("xz")
	case o.Has("Z"):
		t.codec = codec.ByName("compress")
	case o.Has("lzma"):
		t.codec = codec.ByName("lzma")
	case o.Has("zstd"):
		t.codec = codec.ByName("zstd")
	}
	if s, ok := lastOf(o, "strip-components"); ok {
		n, err := strconv.ParseUint(s, 10, 32)
		switch {
		case err != nil || s[0] < '0' || s[0] > '9':
			return nil, applet.Errorf("invalid number '%s'", s)
		case n > 1<<31-1:
			return nil, applet.Errorf("number %s is not in 0..2147483647 range", s)
		}
		t.strip = int(n)
	}
	if err := t.createOptions(o); err != nil {
		return nil, err
	}
	// -T and -X files are read before -C changes directory, as
	// BusyBox reads them; the operands come after the -T names.
	for _, f := range o.List("X") {
		lines, err := t.readList(f)
		if err != nil {
			return nil, err
		}
		t.reject = append(t.reject, lines...)
	}
	t.reject = append(t.reject, o.List("exclude")...)
	for _, f := range o.List("T") {
		lines, err := t.readList(f)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			t.accept = append(t.accept, pattern{pat: l})
		}
	}
	for _, a := range o.Args {
		t.accept = append(t.accept, pattern{pat: trimSlash(a)})
	}
	return t, nil
}

// lastOf returns the last value of a long option.
func lastOf(o *opt.Result, key string) (string, bool) {
	if !o.Has(key) {
		return "", false
	}
	return o.Str(key), true
}

// trimSlash drops a trailing "/" of a name, unless the name is "/".
func trimSlash(s string) string {
	if len(s) > 1 && strings.HasSuffix(s, "/") {
		return s[:len(s)-1]
	}
	return s
}

// readList reads a -T or -X file ("-" is standard input): one name a
// line, trailing "/" dropped, empty lines skipped.
func (t *tar) readList(name string) ([]string, error) {
	var r io.Reader = t.ctx.Stdin
	if name != "-" {
		f, err := os.Open(t.ctx.Path(name))
		if err != nil {
			return nil, applet.Perror(err, "can't open '%s'", name)
		}
		defer f.Close()
		r = f
	}
	var out []string
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		line = strings.TrimSuffix(line, "\n")
		if line != "" {
			out = append(out, trimSlash(line))
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, applet.Perror(err, "read error")
		}
	}
}

// createOptions reads the options that only creation uses.
func (t *tar) createOptions(o *opt.Result) error {
	users := userdb.DB{}
	if s, ok := lastOf(o, "owner"); ok {
		id, err := parseIDName(s, func(n string) (int, string, bool) {
			if u := users.UserByName(n); u != nil {
				return u.UID, u.Name, true
			}
			return 0, "", false
		}, func(id int) string {
			if u := users.UserByID(id); u != nil {
				return u.Name
			}
			return ""
		})
		if err != nil {
			return applet.Errorf("invalid owner '%s'", s)
		}
		t.owner = id
	}
	if s, ok := lastOf(o, "group"); ok {
		id, err := parseIDName(s, func(n string) (int, string, bool) {
			if g := users.GroupByName(n); g != nil {
				return g.GID, g.Name, true
			}
			return 0, "", false
		}, func(id int) string {
			if g := users.GroupByID(id); g != nil {
				return g.Name
			}
			return ""
		})
		if err != nil {
			return applet.Errorf("invalid group '%s'", s)
		}
		t.group = id
	}
	if s, ok := lastOf(o, "mode"); ok {
		if _, ok := mode.Parse(s, 0, 0); !ok {
			return applet.Errorf("invalid mode '%s'", s)
		}
		t.mode = s
	}
	if s, ok := lastOf(o, "mtime"); ok {
		m, err := t.parseMtime(s)
		if err != nil {
			return err
		}
		t.mtime = &m
	}
	if s, ok := lastOf(o, "sort"); ok {
		switch s {
		case "name":
			t.sortNames = true
		case "none":
		default:
			return applet.Errorf("invalid sort order '%s'", s)
		}
	}
	if s, ok := lastOf(o, "format"); ok {
		f, ok := tarfmt.ParseFormat(s)
		if !ok {
			return applet.Errorf("invalid archive format '%s'", s)
		}
		t.format = f
	}
	t.xattrs = o.Has("xattrs") && !o.Has("no-xattrs")
	if t.xattrs && (o.Has("c") || o.Has("r")) {
		// Extended attributes live in pax records: GNU tar picks pax
		// for --xattrs, and refuses another format asked for.
		if o.Has("format") && t.format != tarfmt.FormatPAX {
			return applet.Errorf("--xattrs can be used only on POSIX archives")
		}
		t.format = tarfmt.FormatPAX
	}
	return nil
}

// parseIDName reads GNU tar's NAME, ID or NAME:ID.
func parseIDName(s string, byName func(string) (int, string, bool), byID func(int) string) (*idName, error) {
	name, num, hasNum := strings.Cut(s, ":")
	if hasNum {
		id, err := strconv.Atoi(num)
		if err != nil || id < 0 {
			return nil, err
		}
		return &idName{name: name, id: id}, nil
	}
	if id, n, ok := byName(name); ok {
		return &idName{name: n, id: id}, nil
	}
	id, err := strconv.Atoi(strings.TrimPrefix(name, "+"))
	if err != nil || id < 0 {
		return nil, strconv.ErrSyntax
	}
	return &idName{name: byID(id), id: id}, nil
}

// parseMtime reads --mtime: a file whose time to take (a name that
// starts with "/" or ".", as GNU tar has it), or a date.
func (t *tar) parseMtime(s string) (time.Time, error) {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, ".") {
		var st unix.Stat_t
		if err := unix.Stat(t.ctx.Path(s), &st); err != nil {
			return time.Time{}, applet.Perror(err, "can't stat '%s'", s)
		}
		return time.Unix(st.Mtim.Unix()), nil
	}
	loc := datetime.Location(t.ctx.LookupEnv("TZ"))
	m, err := datetime.ParseDate(s, datetime.FromTime(time.Now().In(loc)), loc)
	if err != nil {
		return time.Time{}, applet.Errorf("invalid date '%s'", s)
	}
	return m, nil
}

// path resolves a name taken relative to -C's directory.
func (t *tar) path(name string) string {
	if t.dir == "" || strings.HasPrefix(name, "/") {
		return t.ctx.Path(name)
	}
	return t.ctx.Path(strings.TrimSuffix(t.dir, "/") + "/" + name)
}

// dirPath is -C's directory (or the working directory) for system calls.
func (t *tar) dirPath() string {
	if t.dir == "" {
		return t.ctx.Dir
	}
	return t.ctx.Path(t.dir)
}

// stripName applies BusyBox's strip_unsafe_prefix to a member name
// (unless -P), saying once what it removed.
func stripName[S ~string | ~[]byte](t *tar, name S) S {
	if t.absolute {
		return name
	}
	rest, removed := untar.StripUnsafe(name)
	if len(removed) > 0 && !t.warned {
		t.warned = true
		t.ctx.Warnf("removing leading '%s' from member names", removed)
	}
	return rest
}
