package mode

import "golang.org/x/sys/unix"

// AppendString appends BusyBox's bb_mode_string of m to buf: the type
// letter ('-', 'd', 'l', 'c', 'b', 'p', 's', or '?') and the nine
// permission letters, with s/S and t/T for setuid, setgid and sticky
// ("drwxr-sr-t"). ls, stat and chmod print it.
func AppendString(buf []byte, m uint32) []byte {
	const types = "?pc?d?b?-?l?s???"
	buf = append(buf, types[(m>>12)&0xf])
	const rwx = "rwxrwxrwx"
	for i := 0; i < 9; i++ {
		c := byte('-')
		if m&(1<<(8-i)) != 0 {
			c = rwx[i]
		}
		buf = append(buf, c)
	}
	x := len(buf) - 9
	special := func(bit uint32, pos int, set, unset byte) {
		if m&bit != 0 {
			if buf[x+pos] == '-' {
				buf[x+pos] = unset
			} else {
				buf[x+pos] = set
			}
		}
	}
	special(unix.S_ISUID, 2, 's', 'S')
	special(unix.S_ISGID, 5, 's', 'S')
	special(unix.S_ISVTX, 8, 't', 'T')
	return buf
}
