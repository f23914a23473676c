// Package stat is the stat applet: display file or file system status,
// with BusyBox's default layouts, -t terse output and -c formats.
package stat

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/cfmt"
	"gobox/internal/datetime"
	"gobox/internal/mode"
	"gobox/internal/opt"
	"gobox/internal/userdb"
)

// Applet is stat's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "stat",
	Path:  "/bin",
	Usage: "[-ltf] [-c FMT] FILE...",
	Help: `Display file (default) or filesystem status

	-c FMT	Use the specified format
	-f	Display filesystem status
	-L	Follow links
	-t	Terse display

FMT sequences for files:
 %a	Access rights in octal
 %A	Access rights in human readable form
 %b	Number of blocks allocated (see %B)
 %B	Size in bytes of each block reported by %b
 %d	Device number in decimal
 %D	Device number in hex
 %f	Raw mode in hex
 %F	File type
 %g	Group ID
 %G	Group name
 %h	Number of hard links
 %i	Inode number
 %n	File name
 %N	File name, with -> TARGET if symlink
 %o	I/O block size
 %s	Total size in bytes
 %t	Major device type in hex
 %T	Minor device type in hex
 %u	User ID
 %U	User name
 %x	Time of last access
 %X	Time of last access as seconds since Epoch
 %y	Time of last modification
 %Y	Time of last modification as seconds since Epoch
 %z	Time of last change
 %Z	Time of last change as seconds since Epoch

FMT sequences for file systems:
 %a	Free blocks available to non-superuser
 %b	Total data blocks
 %c	Total file nodes
 %d	Free file nodes
 %f	Free blocks
 %i	File System ID in hex
 %l	Maximum length of filenames
 %n	File name
 %s	Block size (for faster transfer)
 %S	Fundamental block size (for block counts)
 %t	Type in hex
 %T	Type in human readable form`,
	Options: &opt.Spec{Short: "tLfc:", Long: "format=c", MinArgs: 1},
	NoFork:  true,
	Main:    run,
}

type idKey struct {
	group bool
	id    uint32
}

type statter struct {
	ctx    *applet.Ctx
	w      *bufio.Writer
	loc    *time.Location
	db     userdb.DB
	names  map[idKey]string
	custom bool  // -c given
	err    error // the first write error: stat stops there
}

func fileType(st *unix.Stat_t) string {
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG:
		if st.Size == 0 {
			return "regular empty file"
		}
		return "regular file"
	case unix.S_IFDIR:
		return "directory"
	case unix.S_IFBLK:
		return "block special file"
	case unix.S_IFCHR:
		return "character special file"
	case unix.S_IFIFO:
		return "fifo"
	case unix.S_IFLNK:
		return "symbolic link"
	case unix.S_IFSOCK:
		return "socket"
	}
	return "weird file"
}

func (s *statter) humanTime(ts unix.Timespec) string {
	t := time.Unix(ts.Sec, ts.Nsec).In(s.loc)
	return fmt.Sprintf("%s.%09d %s", t.Format("2006-01-02 15:04:05"), ts.Nsec, t.Format("-0700"))
}

// idName is the user (or group) name of id, or "UNKNOWN", memoised.
func (s *statter) idName(group bool, id uint32) string {
	key := idKey{group, id}
	if n, ok := s.names[key]; ok {
		return n
	}
	n := "UNKNOWN"
	if group {
		if g := s.db.GroupByID(int(id)); g != nil {
			n = g.Name
		}
	} else if u := s.db.UserByID(int(id)); u != nil {
		n = u.Name
	}
	s.names[key] = n
	return n
}

func (s *statter) doStat(name, format string, terse, follow bool) bool {
	st, err := s.statFile(name, follow)
	if err != nil {
		s.w.Flush()
		s.ctx.Perror(err, "can't stat '%s'", name)
		return false
	}
	if !s.custom {
		format = fileFormat(&st, terse)
	}
	s.write(render(format, func(b *strings.Builder, sp cfmt.Spec, c byte) {
		s.fileField(b, sp, c, name, &st)
	}))
	return true
}

// statFile is lstat(2) of name, or stat(2) with -L.
func (s *statter) statFile(name string, follow bool) (st unix.Stat_t, err error) {
	if follow {
		err = unix.Stat(s.ctx.Path(name), &st)
	} else {
		err = unix.Lstat(s.ctx.Path(name), &st)
	}
	return st, err
}

// fileFormat is BusyBox's format when there is no -c: -t's one line, or
// the long layout, which gives device files their device type.
func fileFormat(st *unix.Stat_t, terse bool) string {
	switch {
	case terse:
		return "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o"
	case st.Mode&unix.S_IFMT == unix.S_IFBLK || st.Mode&unix.S_IFMT == unix.S_IFCHR:
		return "  File: %N\n" +
			"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" +
			"Device: %Dh/%dd\tInode: %-10i  Links: %-5h" +
			" Device type: %t,%T\n" +
			"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" +
			"Access: %x\n" + "Modify: %y\n" + "Change: %z"
	}
	return "  File: %N\n" +
		"  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n" +
		"Device: %Dh/%dd\tInode: %-10i  Links: %h\n" +
		"Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n" +
		"Access: %x\n" + "Modify: %y\n" + "Change: %z"
}

// fileField writes the file format's %c for name, whose status is st,
// with the modifiers sp.
func (s *statter) fileField(b *strings.Builder, sp cfmt.Spec, c byte, name string, st *unix.Stat_t) {
	switch c {
	case 'n':
		sp.String(b, name)
	case 'N':
		s.nameAndTarget(b, sp, name, st)
	case 'd':
		sp.Uint(b, st.Dev, 'u')
	case 'D':
		sp.Uint(b, st.Dev, 'x')
	case 'i':
		sp.Uint(b, st.Ino, 'u')
	case 'a':
		sp.Uint(b, uint64(st.Mode&07777), 'o')
	case 'A':
		sp.String(b, string(mode.AppendString(nil, st.Mode)))
	case 'f':
		sp.Uint(b, uint64(st.Mode), 'x')
	case 'F':
		sp.String(b, fileType(st))
	case 'h':
		sp.Uint(b, uint64(st.Nlink), 'u')
	case 'u':
		sp.Uint(b, uint64(st.Uid), 'u')
	case 'U':
		sp.String(b, s.idName(false, st.Uid))
	case 'g':
		sp.Uint(b, uint64(st.Gid), 'u')
	case 'G':
		sp.String(b, s.idName(true, st.Gid))
	case 't':
		sp.Uint(b, uint64(unix.Major(st.Rdev)), 'x')
	case 'T':
		sp.Uint(b, uint64(unix.Minor(st.Rdev)), 'x')
	case 's':
		sp.Uint(b, uint64(st.Size), 'u')
	case 'B':
		sp.Uint(b, 512, 'u')
	case 'b':
		sp.Uint(b, uint64(st.Blocks), 'u')
	case 'o':
		sp.Uint(b, uint64(st.Blksize), 'u')
	case 'x':
		sp.String(b, s.humanTime(st.Atim))
	case 'X':
		sp.Int(b, st.Atim.Sec)
	case 'y':
		sp.String(b, s.humanTime(st.Mtim))
	case 'Y':
		sp.Int(b, st.Mtim.Sec)
	case 'z':
		sp.String(b, s.humanTime(st.Ctim))
	case 'Z':
		sp.Int(b, st.Ctim.Sec)
	default:
		sp.Char(b, c)
	}
}

// nameAndTarget is %N: the name, or for a symlink "'NAME' -> 'TARGET'",
// which BusyBox prints without the modifiers; an unreadable link is
// reported and prints nothing.
func (s *statter) nameAndTarget(b *strings.Builder, sp cfmt.Spec, name string, st *unix.Stat_t) {
	if st.Mode&unix.S_IFMT != unix.S_IFLNK {
		sp.String(b, name)
		return
	}
	target, err := os.Readlink(s.ctx.Path(name))
	if err != nil {
		s.ctx.Perror(err, "%s: cannot read link", name)
		return
	}
	fmt.Fprintf(b, "'%s' -> '%s'", name, target)
}

// fsTypeName is BusyBox's human_fstype table.
func fsTypeName(t int64) string {
	switch uint32(t) {
	case 0xADFF:
		return "affs"
	case 0x1CD1:
		return "devpts"
	case 0x137D:
		return "ext"
	case 0xEF51:
		return "ext2"
	case 0xEF53:
		return "ext2/ext3"
	case 0x3153464a:
		return "jfs"
	case 0x58465342:
		return "xfs"
	case 0xF995E849:
		return "hpfs"
	case 0x9660, 0x4000, 0x4004:
		return "isofs"
	case 0x137F:
		return "minix"
	case 0x138F:
		return "minix (30 char.)"
	case 0x2468:
		return "minix v2"
	case 0x2478:
		return "minix v2 (30 char.)"
	case 0x4d44:
		return "msdos"
	case 0x4006:
		return "fat"
	case 0x564c:
		return "novell"
	case 0x6969:
		return "nfs"
	case 0x9fa0:
		return "proc"
	case 0x517B:
		return "smb"
	case 0x012FF7B4:
		return "xenix"
	case 0x012FF7B5:
		return "sysv4"
	case 0x012FF7B6:
		return "sysv2"
	case 0x012FF7B7:
		return "coh"
	case 0x00011954:
		return "ufs"
	case 0x012FD16D:
		return "xia"
	case 0x5346544e:
		return "ntfs"
	case 0x1021994:
		return "tmpfs"
	case 0x52654973:
		return "reiserfs"
	case 0x28cd3d45:
		return "cramfs"
	case 0x7275:
		return "romfs"
	case 0x858458f6:
		return "ramfs"
	case 0x73717368:
		return "squashfs"
	case 0x62656572:
		return "sysfs"
	}
	return "UNKNOWN"
}

func (s *statter) doStatfs(name, format string, terse bool) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(s.ctx.Path(name), &st); err != nil {
		s.w.Flush()
		s.ctx.Perror(err, "can't read file system information for '%s'", name)
		return false
	}
	if !s.custom {
		if terse {
			format = "%n %i %l %t %s %b %f %a %c %d"
		} else {
			format = "  File: \"%n\"\n" +
				"    ID: %-8i Namelen: %-7l Type: %T\n" +
				"Block size: %-10s\n" +
				"Blocks: Total: %-10b Free: %-10f Available: %a\n" +
				"Inodes: Total: %-10c Free: %d"
		}
	}
	out := render(format, func(b *strings.Builder, sp cfmt.Spec, c byte) {
		switch c {
		case 'n':
			sp.String(b, name)
		case 'i':
			fsid := uint64(uint32(st.Fsid.Val[0]))<<32 | uint64(uint32(st.Fsid.Val[1]))
			sp.Uint(b, fsid, 'x')
		case 'l':
			sp.Uint(b, uint64(st.Namelen), 'u')
		case 't':
			sp.Uint(b, uint64(st.Type), 'x')
		case 'T':
			sp.String(b, fsTypeName(int64(st.Type)))
		case 'b':
			sp.Uint(b, st.Blocks, 'u')
		case 'f':
			sp.Uint(b, st.Bfree, 'u')
		case 'a':
			sp.Uint(b, st.Bavail, 'u')
		case 's', 'S':
			sp.Uint(b, uint64(st.Bsize), 'u')
		case 'c':
			sp.Uint(b, st.Files, 'u')
		case 'd':
			sp.Uint(b, st.Ffree, 'u')
		default:
			sp.Char(b, c)
		}
	})
	s.write(out)
	return true
}

// write writes out, remembering the first write error.
func (s *statter) write(out string) {
	if _, err := s.w.WriteString(out); err != nil && s.err == nil {
		s.err = err
	}
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	s := &statter{
		ctx:    ctx,
		w:      ctx.BufWriter(ctx.Stdout, 0),
		loc:    datetime.Location(ctx.LookupEnv("TZ")),
		names:  map[idKey]string{},
		custom: r.Has("c"),
	}
	format := r.Str("c")
	ok := true
	for _, name := range r.Args {
		if ctx.Cancelled() || s.err != nil {
			break
		}
		if r.Has("f") {
			ok = s.doStatfs(name, format, r.Has("t")) && ok
		} else {
			ok = s.doStat(name, format, r.Has("t"), r.Has("L")) && ok
		}
	}
	if s.err != nil {
		return applet.Perror(s.err, "write error")
	}
	if err := s.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	if !ok {
		return applet.Exit(1)
	}
	return nil
}
