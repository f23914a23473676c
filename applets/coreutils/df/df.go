// Package df is the df applet: report file system space usage.
package df

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/human"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is df's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "df",
	Path:  "/bin",
	Usage: "[-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...",
	Help: `Print filesystem usage statistics

	-P	POSIX output format
	-k	1024-byte blocks (default)
	-m	1M-byte blocks
	-h	Human readable (e.g. 1K 243M 2G)
	-T	Print filesystem type
	-t TYPE	Print only mounts of this type
	-a	Show all filesystems
	-i	Inodes
	-B SIZE	Blocksize`,
	Options: &opt.Spec{
		Short:        "kPTt:aiB:hHm",
		Exclusive:    []string{"kmB"},
		Undocumented: "H",
	},
	NoFork: true,
	Main:   run,
}

const mountsFile = "/proc/mounts"

type mount struct{ fsname, dir, typ string }

// unescape decodes the octal escapes (\040 for a space) of /proc/mounts.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func readMounts() ([]mount, error) {
	data, err := os.ReadFile(mountsFile)
	if err != nil {
		return nil, err
	}
	var ms []mount
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || strings.HasPrefix(f[0], "#") {
			continue
		}
		ms = append(ms, mount{unescape(f[0]), unescape(f[1]), unescape(f[2])})
	}
	return ms, nil
}

// findMountPoint is BusyBox's find_mount_point(name, subdir_too=1): the
// first mount whose directory or device is name, whose device is name's
// device, or whose directory is on name's device.
func findMountPoint(ctx *applet.Ctx, ms []mount, name string) *mount {
	var st unix.Stat_t
	if unix.Stat(ctx.Path(name), &st) != nil {
		return nil
	}
	dev := st.Dev
	if t := st.Mode & unix.S_IFMT; t == unix.S_IFBLK || t == unix.S_IFCHR {
		dev = st.Rdev
	}
	for i := range ms {
		m := &ms[i]
		if m.fsname == "rootfs" {
			continue
		}
		if name == m.dir || name == m.fsname {
			return m
		}
		if strings.HasPrefix(m.fsname, "/") && unix.Stat(m.fsname, &st) == nil && st.Rdev == dev {
			return m
		}
		if unix.Stat(m.dir, &st) == nil && st.Dev == dev {
			return m
		}
	}
	return nil
}

// parseBlockSize parses -B like BusyBox: a lone kmg_i suffix ("K",
// "MiB"), or a number with one, at least 1.
func parseBlockSize(s string) (uint64, error) {
	if n, ok := suffix.KMGI.Mult(s); ok {
		return n, nil
	}
	// suffix's errors are in BusyBox's words: "invalid number 'X'".
	return suffix.Range(s, suffix.KMGI, 1, math.MaxUint64)
}

// printable replaces control characters by '?' and returns the string
// and its width in columns (runes), as BusyBox's unicode_conv_to_printable.
func printable(s string) (string, int) {
	var b strings.Builder
	w := 0
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			r = '?'
		}
		b.WriteRune(r)
		w++
	}
	return b.String(), w
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	d, err := newReport(ctx, r)
	if err != nil {
		return err
	}
	d.header()
	ms, err := readMounts()
	if err != nil {
		d.w.Flush()
		return applet.Perror(err, "%s", mountsFile)
	}
	if len(r.Args) == 0 {
		err = d.showTable(ms)
	} else {
		err = d.showNamed(ms, r.Args)
	}
	if err != nil {
		return err
	}
	if err := d.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(d.status)
}

// report is one run of df: what its options ask for, where it prints,
// and the exit status so far.
type report struct {
	ctx      *applet.Ctx
	w        *bufio.Writer
	posix    bool   // -P: POSIX headings, no line breaks after long names
	showType bool   // -T
	onlyType bool   // -t TYPE
	typ      string // -t's TYPE
	all      bool   // -a
	inodes   bool   // -i
	unit     uint64 // the size columns' unit in bytes; 0 for -h
	sizeHdr  string // the size column's heading
	status   int
}

func newReport(ctx *applet.Ctx, r *opt.Result) (*report, error) {
	unit, err := blockSize(ctx, r)
	if err != nil {
		return nil, err
	}
	d := &report{
		ctx:      ctx,
		w:        ctx.BufWriter(ctx.Stdout, 0),
		posix:    r.Has("P"),
		showType: r.Has("T"),
		onlyType: r.Has("t"),
		typ:      r.Str("t"),
		all:      r.Has("a"),
		inodes:   r.Has("i"),
		unit:     unit,
	}
	d.sizeHdr = d.sizeHeader(r.Has("h") || r.Has("H"))
	return d, nil
}

// blockSize is the unit of the size columns: 1024 bytes (512 with
// POSIXLY_CORRECT set), 1 MiB with -m, -B's SIZE, or 0 for -h's human
// readable sizes. A bad -B is an error even with -h, as in BusyBox.
func blockSize(ctx *applet.Ctx, r *opt.Result) (uint64, error) {
	unit := uint64(1024)
	if _, ok := ctx.LookupEnv("POSIXLY_CORRECT"); ok {
		unit = 512
	}
	if r.Has("m") {
		unit = 1024 * 1024
	}
	if r.Has("B") {
		var err error
		if unit, err = parseBlockSize(r.Str("B")); err != nil {
			return 0, err
		}
	}
	if r.Has("h") || r.Has("H") {
		unit = 0
	}
	return unit, nil
}

// sizeHeader is the size column's heading: inodes, human readable
// sizes (hr), or the unit, as "1K-blocks" (-P: "1024-blocks").
func (d *report) sizeHeader(hr bool) string {
	switch {
	case d.inodes:
		return "   Inodes"
	case hr:
		return "     Size"
	}
	// make_human_readable_str(df_disp_hr, 0, !!(opt & OPT_POSIX))
	unit := uint64(0)
	if d.posix {
		unit = 1
	}
	return human.Size(d.unit, 0, unit) + "-blocks"
}

func (d *report) header() {
	typeHdr, capHdr := "", "Use%"
	if d.showType {
		typeHdr = "Type       "
	}
	if d.posix {
		capHdr = "Capacity"
	}
	fmt.Fprintf(d.w, "Filesystem           %s%-15sUsed Available %s Mounted on\n", typeHdr, d.sizeHdr, capHdr)
}

// showTable reports every mount of the table. It returns only a write
// error.
func (d *report) showTable(ms []mount) error {
	for i := range ms {
		if d.ctx.Cancelled() {
			break
		}
		if err := d.show(&ms[i], false); err != nil {
			return err
		}
	}
	return nil
}

// showNamed reports the mount each name is on. It returns only a write
// error.
func (d *report) showNamed(ms []mount, names []string) error {
	for _, name := range names {
		if d.ctx.Cancelled() {
			break
		}
		m := findMountPoint(d.ctx, ms, name)
		if m == nil {
			d.w.Flush()
			d.ctx.Warnf("%s: can't find mount point", name)
			d.status = 1
			continue
		}
		if err := d.show(m, true); err != nil {
			return err
		}
	}
	return nil
}

// show prints m's line, unless it is left out: the "rootfs" entry (the
// initial root, listed beside the real one), a type other than -t's, or
// a filesystem with no blocks (/proc, /sys...) that was neither named
// nor asked for with -a. A filesystem that cannot be queried is
// reported and skipped; the error returned is a write error.
func (d *report) show(m *mount, named bool) error {
	if m.fsname == "rootfs" || d.onlyType && m.typ != d.typ {
		return nil
	}
	var s unix.Statfs_t
	if err := unix.Statfs(m.dir, &s); err != nil {
		d.w.Flush()
		d.ctx.Perror(err, "%s", m.dir)
		d.status = 1
		return nil
	}
	if s.Blocks == 0 && !named && !d.all {
		return nil
	}
	return d.printRow(m, d.usage(&s))
}

// usage is a filesystem's numbers as df's columns show them: counts of
// size-byte blocks (or of inodes), printed in units of unit bytes.
type usage struct {
	total, free, avail uint64
	size, unit         uint64
}

func (d *report) usage(s *unix.Statfs_t) usage {
	u := usage{total: s.Blocks, free: s.Bfree, avail: s.Bavail, size: uint64(s.Frsize), unit: d.unit}
	if u.size == 0 {
		u.size = uint64(s.Bsize)
	}
	if d.inodes {
		u.total, u.free, u.avail = s.Files, s.Ffree, s.Ffree
		u.size = 1
		if u.unit != 0 {
			u.unit = 1
		}
	}
	return u
}

// percent is the share of the space a user may have that is used,
// rounded, in BusyBox's 32-bit arithmetic (both numbers halved until
// used*100 fits); 0 for a filesystem without any.
func percent(used, avail uint64) uint64 {
	total := used + avail
	if total == 0 {
		return 0
	}
	for total >= math.MaxInt32/101 {
		total >>= 1
		used >>= 1
	}
	return (uint64(uint32(used)*100) + total/2) / total
}

// printRow prints m's line. The writer keeps its first error, so the
// last write's error is any write's.
func (d *report) printRow(m *mount, u usage) error {
	d.cell(m.fsname, 20, 20)
	if d.showType {
		d.w.WriteByte(' ')
		d.cell(m.typ, 10, 31)
	}
	used := u.total - u.free
	fmt.Fprintf(d.w, " %9s ", human.Size(u.total, u.size, u.unit))
	fmt.Fprintf(d.w, "%9s ", human.Size(used, u.size, u.unit))
	if _, err := fmt.Fprintf(d.w, "%9s %3d%% %s\n", human.Size(u.avail, u.size, u.unit), percent(used, u.avail), m.dir); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// cell prints s (made printable) padded to width columns. A longer s
// ends the line, and the next starts indented to the following column,
// as BusyBox does except with -P.
func (d *report) cell(s string, width, indent int) {
	text, n := printable(s)
	if n > width && !d.posix {
		fmt.Fprintf(d.w, "%s\n%*s", text, indent, "")
		return
	}
	d.w.WriteString(text)
	d.w.WriteString(strings.Repeat(" ", abs(width-n)))
}

// abs mirrors printf's "%*s" with a negative width: left-justified
// padding of the absolute width.
func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
