package mode

import "golang.org/x/sys/unix"

// NodeMode is the mode mkfifo and mknod give the nodes they create
// (BusyBox's getopt_mk_fifo_nod): 0666 less the umask by default, or
// exactly the -m MODE.
type NodeMode struct {
	Perm  uint32 // permission bits, the umask already cleared
	Exact bool   // -m given: set Perm regardless of the umask
	Bad   bool   // -m MODE was invalid: creation fails with EINVAL
}

// ParseNodeMode reads the -m option: spec is its value, given whether
// it was used; umask is the caller's (applet.Ctx.Umask). MODE is applied
// to a=rw, with umask masking its who-less clauses ("+x").
func ParseNodeMode(spec string, given bool, umask uint32) NodeMode {
	if !given {
		return NodeMode{Perm: 0o666 &^ umask}
	}
	m, ok := Parse(spec, 0o666, umask)
	return NodeMode{Perm: m, Exact: true, Bad: !ok}
}

// Mknod creates path as a node of type kind (unix.S_IFIFO, S_IFCHR or
// S_IFBLK) with device number dev, then sets an exact -m mode (BusyBox
// sets umask 0 instead, which a shared process cannot). The kernel also
// clears the process umask's bits from Perm (see the package doc).
func (n NodeMode) Mknod(path string, kind uint32, dev int) error {
	if n.Bad {
		// BusyBox passes (mode_t)-1 on, which the kernel refuses.
		return unix.EINVAL
	}
	if err := unix.Mknod(path, kind|n.Perm, dev); err != nil {
		return err
	}
	if n.Exact {
		unix.Chmod(path, n.Perm)
	}
	return nil
}
