// Package xxd is the xxd applet: BusyBox's xxd, a hex dump in vim's xxd
// style made with hexdump's engine (internal/dump): -c bytes per line,
// -g per group, -p plain hex, -i a C array, -l -s -o; and -r, which
// turns a dump (or with -p plain hex) back into bytes, seeking in its
// output (or filling a pipe with zeros) to the addresses of the lines.
package xxd

import (
	"bufio"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/dump"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is xxd's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "xxd",
	Path:  "/usr/bin",
	Usage: "[-pri] [-g N] [-c N] [-l LEN] [-s OFS] [-o OFS] [FILE]",
	Help: `Hex dump FILE (or stdin)

	-g N		Bytes per group
	-c N		Bytes per line
	-p		Show only hex bytes, assumes -c30
	-i		C include file style
	-l LENGTH	Show only first LENGTH bytes
	-s OFFSET	Skip OFFSET bytes
	-o OFFSET	Add OFFSET to displayed offset
	-r		Reverse (with -p, assumes no offsets in input)`,
	Options: &opt.Spec{Short: "l:s:apirg:c:o:", MaxArgs: 1, Undocumented: "a"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	d := dump.New()
	d.VFlag = dump.All
	// -g and -c are getopt32's numbers, read as they come.
	bytes, cols := uint64(2), uint64(0)
	idx := map[string]int{}
	for _, k := range r.Order() {
		if k != "g" && k != "c" {
			continue
		}
		n, err := bbnum.XRange32(r.List(k)[idx[k]], 10, 0, math.MaxInt32, suffix.None)
		if err != nil {
			return err
		}
		idx[k]++
		if k == "g" {
			bytes = n
		} else {
			cols = n
		}
	}
	if r.Has("l") {
		n, err := bbnum.XRange32(r.Str("l"), 0, 0, math.MaxInt32, suffix.None)
		if err != nil {
			return err
		}
		d.Length = int64(n)
	}
	if r.Has("s") {
		n, err := bbnum.XRange(r.Str("s"), 0, 0, math.MaxInt64, suffix.None)
		if err != nil {
			return err
		}
		d.Skip = int64(n)
	}
	file := ""
	if len(r.Args) > 0 {
		file = r.Args[0]
	}
	if r.Has("r") {
		return reverse(ctx, r.Has("p"), file, r.Has("s"), r.Str("s"))
	}
	if r.Has("o") {
		n, err := bbnum.XRangeSigned(r.Str("o"), 0, math.MinInt64, math.MaxInt64, suffix.None)
		if err != nil {
			return err
		}
		d.DisplayOff = n
	}
	plain, cstyle := r.Has("p"), r.Has("i")
	if plain {
		if cols == 0 {
			cols = 30
		}
		bytes = cols // -p ignores -g
	} else {
		if cols == 0 {
			cols = 16
			if cstyle {
				cols = 12
			}
		}
		if cstyle {
			bytes = 1 // -i ignores -g
			d.Add(`" "`)
		} else {
			d.Add(`"%08_ax: "`)
		}
	}
	n := strconv.FormatUint(cols, 10)
	switch {
	case bytes < 1 || bytes >= cols:
		d.Add(n + `/1 "%02x"`)
	case bytes == 1 && cstyle:
		d.Add(n + `/1 " 0x%02x,"`)
	case bytes == 1:
		d.Add(n + `/1 "%02x "`)
	default:
		var b strings.Builder
		for i := uint64(1); i <= cols; i++ {
			if i == cols || i%bytes != 0 {
				b.WriteString(`/1 "%02x"`)
			} else {
				b.WriteString(`/1 "%02x "`)
			}
		}
		d.Add(b.String())
	}
	if !plain && !cstyle {
		d.Add(`"  "` + n + `/1 "%_p""` + "\n" + `"`)
	} else {
		d.Add(`"` + "\n" + `"`)
		eof := "\n"
		d.EOFString = &eof
	}
	w := ctx.BufWriter(ctx.Stdout, 32<<10)
	if cstyle && file != "" {
		w.WriteString("unsigned char " + cName(file) + "[] = {\n")
	}
	var files []string
	if file != "" {
		files = []string{file}
	}
	status, err := d.Dump(ctx, w, files)
	if err != nil {
		w.Flush()
		return err
	}
	if status == 0 && cstyle && file != "" {
		w.WriteString("};\nunsigned int " + cName(file) + "_len = " + strconv.FormatUint(uint64(d.Address), 10) + ";\n")
		if err := w.Flush(); err != nil {
			return applet.Perror(err, "write error")
		}
	}
	return applet.Exit(status)
}

// cName is print_C_style's identifier for a file name: "__" before a
// leading digit, "_" for each character that is not a letter or digit.
func cName(name string) string {
	var b strings.Builder
	if name[0] >= '0' && name[0] <= '9' {
		b.WriteString("__")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isAlnum(c) {
			c = '_'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return c | 0x20 - 'a' + 10, true
	}
	return 0, false
}

// output is -r's standard output, which it seeks in when it can.
type output struct {
	w    *bufio.Writer
	file *os.File // nil when standard output is no file
	cur  int64    // the offset of the next byte, counted from the start
}

// seek moves to ofs: by seeking when the output is a file, else by
// writing zeros, which cannot go backwards.
func (o *output) seek(ofs int64) error {
	if err := o.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	var err error = syscall.ESPIPE
	if o.file != nil {
		_, err = o.file.Seek(ofs, io.SeekStart)
	}
	if err != nil {
		if ofs < o.cur {
			return applet.Perror(err, "cannot seek")
		}
		var zeros [4096]byte
		for n := ofs - o.cur; n > 0; {
			k := min(n, int64(len(zeros)))
			if _, err := o.w.Write(zeros[:k]); err != nil {
				return applet.Perror(err, "write error")
			}
			n -= k
		}
	}
	o.cur = ofs
	return nil
}

// reverse is xxd -r: hex digits back into bytes. Without -p each line
// starts with its address (hex, the colon optional), to which -s adds;
// bytes stop at two blanks (the text column), a bad character is
// skipped once, and a digit pair may be split across lines.
func reverse(ctx *applet.Ctx, plain bool, file string, hasSkip bool, skipArg string) error {
	var skip int64
	if hasSkip {
		v, _, errno := bbnum.Bb(skipArg, 0)
		if errno != 0 || int64(v) < 0 {
			return applet.Errorf("invalid number '%s'", skipArg)
		}
		skip = int64(v)
	}
	in := ctx.Stdin
	if file != "" {
		fd, err := unix.Open(ctx.Path(file), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			return applet.Perror(err, "can't open '%s'", file)
		}
		f := os.NewFile(uintptr(fd), file)
		defer f.Close()
		in = f
	}
	out := &output{w: ctx.BufWriter(ctx.Stdout, 32<<10), file: ctx.File(1)}
	br := bufio.NewReaderSize(in, 64<<10)
	nextLine := func() (string, bool) {
		line, err := br.ReadString('\n')
		if line == "" && err != nil {
			return "", false
		}
		line = strings.TrimSuffix(line, "\n")
		if i := strings.IndexByte(line, 0); i >= 0 {
			line = line[:i] // a C string ends at a NUL
		}
		return line, true
	}
	skipSpace := func(s string, p int) int {
		for p < len(s) && isSpace(s[p]) {
			p++
		}
		return p
	}
	at := func(s string, p int) byte {
		if p < len(s) {
			return s[p]
		}
		return 0
	}
	for lines := 0; ; lines++ {
		if lines&1023 == 0 && ctx.Cancelled() {
			out.w.Flush()
			return applet.Exit(130)
		}
		line, ok := nextLine()
		if !ok {
			break
		}
		p := 0
	address:
		if !plain {
			p = skipSpace(line, p)
			v, n, errno := bbnum.Bb(line[p:], 16)
			ofs := int64(v)
			if errno != 0 && errno != syscall.EINVAL || ofs < 0 || ofs+skip < 0 {
				out.w.Flush()
				return applet.Errorf("invalid number '%s'", line[p:])
			}
			ofs += skip
			if ofs != out.cur {
				if err := out.seek(ofs); err != nil {
					return err
				}
			}
			p += n
			if at(line, p) == ':' {
				p++
			}
		}
	bytes:
		for {
			badchar := false
			var val byte
		nibble1:
			if plain {
				p = skipSpace(line, p)
			}
			c := at(line, p)
			p++
			h, ok := hexVal(c)
			if !ok {
				if c == 0 || badchar {
					break
				}
				badchar = true
				goto nibble1
			}
			val = h << 4
		nibble2:
			if plain {
				p = skipSpace(line, p)
			}
			c = at(line, p)
			p++
			h, ok = hexVal(c)
			if !ok {
				if c != 0 {
					// A lone digit: skip to the next digit or the
					// line's end.
					for {
						if _, ok := hexVal(at(line, p)); ok {
							break
						}
						if at(line, p) == 0 {
							break bytes
						}
						p++
					}
					goto nibble1
				}
				// The pair goes on on the next line.
				if line, ok = nextLine(); !ok {
					break bytes
				}
				p = 0
				if !plain {
					goto address
				}
				goto nibble2
			}
			if err := out.w.WriteByte(val | h); err != nil {
				return applet.Perror(err, "write error")
			}
			out.cur++
		}
	}
	if err := out.w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return nil
}
