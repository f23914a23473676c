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
	posix := r.Has("P")
	dispHR := uint64(1024)
	if _, ok := ctx.LookupEnv("POSIXLY_CORRECT"); ok {
		dispHR = 512
	}
	if r.Has("m") {
		dispHR = 1024 * 1024
	}
	if r.Has("B") {
		if dispHR, err = parseBlockSize(r.Str("B")); err != nil {
			return err
		}
	}
	unitsHdr := ""
	if r.Has("h") || r.Has("H") {
		dispHR = 0
		unitsHdr = "     Size"
	}
	if r.Has("i") {
		unitsHdr = "   Inodes"
	}
	if unitsHdr == "" {
		// make_human_readable_str(df_disp_hr, 0, !!(opt & OPT_POSIX))
		unit := uint64(0)
		if posix {
			unit = 1
		}
		unitsHdr = human.Size(dispHR, 0, unit) + "-blocks"
	}
	w := bufio.NewWriter(ctx.Stdout)
	typeHdr, capHdr := "", "Use%"
	if r.Has("T") {
		typeHdr = "Type       "
	}
	if posix {
		capHdr = "Capacity"
	}
	fmt.Fprintf(w, "Filesystem           %s%-15sUsed Available %s Mounted on\n", typeHdr, unitsHdr, capHdr)

	ms, err := readMounts()
	if err != nil {
		w.Flush()
		return applet.Perror(err, "%s", mountsFile)
	}
	fromTable := len(r.Args) == 0
	status := 0
	var list []*mount
	if fromTable {
		for i := range ms {
			list = append(list, &ms[i])
		}
	} else {
		list = make([]*mount, len(r.Args))
	}
	for i, m := range list {
		if ctx.Cancelled() {
			break
		}
		if !fromTable {
			name := r.Args[i]
			if m = findMountPoint(ctx, ms, name); m == nil {
				w.Flush()
				ctx.Warnf("%s: can't find mount point", name)
				status = 1
				continue
			}
		}
		if m.fsname == "rootfs" {
			continue
		}
		if r.Has("t") && m.typ != r.Str("t") {
			continue
		}
		var s unix.Statfs_t
		if err := unix.Statfs(m.dir, &s); err != nil {
			w.Flush()
			ctx.Perror(err, "%s", m.dir)
			status = 1
			continue
		}
		frsize := uint64(s.Frsize)
		if frsize == 0 {
			frsize = uint64(s.Bsize)
		}
		blocks, bfree, bavail := s.Blocks, s.Bfree, s.Bavail
		if !(blocks > 0 || !fromTable || r.Has("a")) {
			continue
		}
		unit := dispHR
		if r.Has("i") {
			blocks = s.Files
			bfree, bavail = s.Ffree, s.Ffree
			frsize = 1
			if unit != 0 {
				unit = 1
			}
		}
		used := blocks - bfree
		total := used + bavail
		pct := total
		if total != 0 {
			u, t := used, total
			for t >= math.MaxInt32/101 {
				t >>= 1
				u >>= 1
			}
			pct = (uint64(uint32(u)*100) + t/2) / t
		}
		dev, dw := printable(m.fsname)
		if dw > 20 && !posix {
			fmt.Fprintf(w, "%s\n%20s", dev, "")
		} else {
			w.WriteString(dev)
			w.WriteString(strings.Repeat(" ", abs(20-dw)))
		}
		if r.Has("T") {
			typ, tw := printable(m.typ)
			if tw > 10 && !posix {
				fmt.Fprintf(w, " %s\n%31s", typ, "")
			} else {
				fmt.Fprintf(w, " %s%s", typ, strings.Repeat(" ", abs(10-tw)))
			}
		}
		fmt.Fprintf(w, " %9s ", human.Size(blocks, frsize, unit))
		fmt.Fprintf(w, "%9s ", human.Size(blocks-bfree, frsize, unit))
		if _, err := fmt.Fprintf(w, "%9s %3d%% %s\n", human.Size(bavail, frsize, unit), pct, m.dir); err != nil {
			return applet.Perror(err, "write error")
		}
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}

// abs mirrors printf's "%*s" with a negative width: left-justified
// padding of the absolute width.
func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
