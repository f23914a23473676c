// Package cksum is the cksum applet: BusyBox's cksum, which prints the
// POSIX CRC-32 of each FILE (or of standard input), its size in bytes
// and its name.
package cksum

import (
	"encoding/binary"
	"io"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/crc32msb"
	"gobox/internal/opt"
)

// Applet is cksum's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "cksum",
	Path:    "/usr/bin",
	Usage:   "FILE...",
	Help:    "Calculate CRC32 checksum of FILEs",
	Options: &opt.Spec{},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	t := newTable()
	buf := ctx.Buf(64 << 10)
	status := 0
	files := r.Args
	named := len(files) > 0
	if !named {
		files = []string{"-"}
	}
	for _, name := range files {
		in, closer, err := open(ctx, name)
		if err != nil {
			ctx.Perror(err, "can't open '%s'", name)
			status = 1
			continue
		}
		crc, size, err := t.sum(ctx, in, buf)
		closer()
		if err != nil {
			if ctx.Cancelled() {
				return applet.Exit(130)
			}
			// BusyBox dies at a read error.
			return applet.Perror(err, "%s", name)
		}
		line := strconv.FormatUint(uint64(crc), 10) + " " + strconv.FormatInt(size, 10)
		if named {
			line += " " + name
		}
		if _, err := io.WriteString(ctx.Stdout, line+"\n"); err != nil {
			return applet.Perror(err, "standard output")
		}
	}
	return applet.Exit(status)
}

// open opens name ("-" is standard input); the function closes it.
func open(ctx *applet.Ctx, name string) (io.Reader, func(), error) {
	if name == "-" {
		return ctx.Stdin, func() {}, nil
	}
	for {
		fd, err := unix.Open(ctx.Path(name), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		// A bare descriptor: os.Open would start Go's poller for a
		// file that cannot be polled.
		f := os.NewFile(uintptr(fd), name)
		return f, func() { f.Close() }, nil
	}
}

// table is the CRC-32 of POSIX cksum (polynomial 0x04C11DB7, most
// significant bit first), sliced by 8: t[k][b] is the CRC of byte b
// followed by k zero bytes. It is built per run: applets keep no
// package-level state, and it takes microseconds.
type table [8][256]uint32

func newTable() *table {
	t := new(table)
	crc32msb.Fill(&t[0])
	for k := 1; k < 8; k++ {
		for i := range 256 {
			p := t[k-1][i]
			t[k][i] = p<<8 ^ t[0][p>>24]
		}
	}
	return t
}

// update adds p to the running CRC crc.
func (t *table) update(crc uint32, p []byte) uint32 {
	for len(p) >= 8 {
		a := crc ^ binary.BigEndian.Uint32(p)
		crc = t[7][a>>24] ^ t[6][a>>16&0xff] ^ t[5][a>>8&0xff] ^ t[4][a&0xff] ^
			t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]
		p = p[8:]
	}
	for _, b := range p {
		crc = crc<<8 ^ t[0][byte(crc>>24)^b]
	}
	return crc
}

// sum reads in to its end through buf and returns its cksum and size:
// the CRC of the data followed by its length, least significant byte
// first, without leading zero bytes, complemented.
func (t *table) sum(ctx *applet.Ctx, in io.Reader, buf []byte) (uint32, int64, error) {
	var crc uint32
	var size int64
	for {
		if ctx.Cancelled() {
			return 0, 0, ctx.Err()
		}
		n, err := in.Read(buf)
		crc = t.update(crc, buf[:n])
		size += int64(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, err
		}
	}
	var lenBytes [8]byte
	n := 0
	for l := uint64(size); l != 0; l >>= 8 {
		lenBytes[n] = byte(l)
		n++
	}
	return ^t.update(crc, lenBytes[:n]), size, nil
}
