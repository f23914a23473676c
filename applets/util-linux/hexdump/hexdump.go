// Package hexdump is the hexdump applet and its alias hd (hexdump -C):
// BusyBox's hexdump, which dumps files by format strings in hexdump's
// language (internal/dump): -b -c -d -o -x and -C add predefined ones,
// -e and -f the user's, in the order given (so "-C -C" dumps each line
// twice); -n limits and -s skips the input; -v shows repeated lines.
package hexdump

import (
	"io"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/dump"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is hexdump's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "hexdump",
	Path:  "/usr/bin",
	Usage: "[-bcdoxCv] [-e FMT] [-f FMT_FILE] [-n LEN] [-s OFS] [FILE]...",
	Help: `Display FILEs (or stdin) in a user specified format

	-b		1-byte octal display
	-c		1-byte character display
	-d		2-byte decimal display
	-o		2-byte octal display
	-x		2-byte hex display
	-C		hex+ASCII 16 bytes per line
	-v		Show all (no dup folding)
	-e FORMAT_STR	Example: '16/1 "%02x|""\n"'
	-f FORMAT_FILE
	-n LENGTH	Show only first LENGTH bytes
	-s OFFSET	Skip OFFSET bytes`,
	Options: &opt.Spec{Short: "bcdoxCe:f:n:s:v", Plain: true},
	NoFork:  true,
	Main:    run,
}

// HD is hd, hexdump with -C before its arguments.
var HD = applet.Applet{
	Name:    "hd",
	Path:    "/usr/bin",
	Usage:   "FILE...",
	Help:    "hd is an alias for hexdump -C",
	Options: &opt.Spec{Short: "bcdoxCe:f:n:s:v", Plain: true, Undocumented: "b c d o x e f n s v"},
	NoFork:  true,
	Main:    runHD,
}

// optFormat is the format of -b -c -d -o or -x, added after firstFormat.
func optFormat(k string) string {
	switch k {
	case "b":
		return `"%07.7_ax "16/1 "%03o ""\n"`
	case "c":
		return `"%07.7_ax "16/1 "%3_c ""\n"`
	case "d":
		return `"%07.7_ax "8/2 "  %05u ""\n"`
	case "o":
		return `"%07.7_ax "8/2 " %06o ""\n"`
	}
	return `"%07.7_ax "8/2 "   %04x ""\n"`
}

// firstFormat prints the end address.
const firstFormat = `"%07.7_Ax` + "\n" + `"`

// canonical is -C: address, 16 bytes in hex in two groups, |text|.
func canonical(d *dump.Dumper) {
	d.Add(`"%08.8_Ax` + "\n" + `"`)
	d.Add(`"%08.8_ax  "8/1 "%02x ""  "8/1 "%02x "`)
	d.Add(`"  |"16/1 "%_p""|` + "\n" + `"`)
}

func runHD(ctx *applet.Ctx, args []string) error {
	return hexdump(ctx, args, true)
}

func run(ctx *applet.Ctx, args []string) error {
	return hexdump(ctx, args, false)
}

func hexdump(ctx *applet.Ctx, args []string, hd bool) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	d := dump.New()
	add := func(f string) error { return d.Add(f) }
	if hd {
		canonical(d)
	}
	idx := map[string]int{}
	for _, k := range r.Order() {
		var val string
		if l := r.List(k); idx[k] < len(l) {
			val = l[idx[k]]
		}
		idx[k]++
		switch k {
		case "b", "c", "d", "o", "x":
			add(firstFormat)
			if err := add(optFormat(k)); err != nil {
				return err
			}
		case "C":
			canonical(d)
		case "e":
			if err := add(val); err != nil {
				return err
			}
		case "f":
			if err := addFile(ctx, d, val); err != nil {
				return err
			}
		case "n":
			n, err := bbnum.XRange32(val, 10, 0, 1<<31-1, suffix.None)
			if err != nil {
				return err
			}
			d.Length = int64(n)
		case "s":
			n, err := bbnum.XRange(val, 0, 0, 1<<63-1, suffix.BKM)
			if err != nil {
				return err
			}
			d.Skip = int64(n)
		case "v":
			d.VFlag = dump.All
		}
	}
	if !r.Has("b") && !r.Has("c") && !r.Has("d") && !r.Has("o") && !r.Has("x") &&
		!r.Has("C") && !r.Has("e") && !r.Has("f") && !hd {
		add(firstFormat)
		add(`"%07.7_ax "8/2 "%04x ""` + "\n" + `"`)
	}
	w := ctx.BufWriter(ctx.Stdout, 32<<10)
	status, err := d.Dump(ctx, w, r.Args)
	if err != nil {
		w.Flush()
		return err
	}
	return applet.Exit(status)
}

// addFile adds each line of a -f file that is not blank or a comment.
func addFile(ctx *applet.Ctx, d *dump.Dumper, name string) error {
	data, err := readFile(ctx.Path(name))
	if err != nil {
		return applet.Perror(err, "can't open '%s'", name)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		line = strings.TrimLeft(line, " \t\n\v\f\r")
		if line != "" && line[0] != '#' {
			if err := d.Add(line); err != nil {
				return err
			}
		}
	}
	return nil
}

// readFile reads a format file (a small one) without Go's poller.
func readFile(path string) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), path)
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<20))
}
