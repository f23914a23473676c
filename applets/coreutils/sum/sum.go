// Package sum is the sum applet: BusyBox's sum, which prints the BSD
// (default, -r) or System V (-s) checksum of each FILE and its size in
// blocks (1 KiB for BSD, 512 bytes for System V).
package sum

import (
	"fmt"
	"io"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/rofile"
)

// Applet is sum's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "sum",
	Path:  "/usr/bin",
	Usage: "[-rs] [FILE]...",
	Help: `Checksum and count the blocks in a file

	-r	Use BSD sum algorithm (1K blocks)
	-s	Use System V sum algorithm (512byte blocks)`,
	Options: &opt.Spec{Short: "sr"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	// -r wins over -s, whatever their order, as in BusyBox.
	sysv := r.Has("s") && !r.Has("r")
	files := r.Args
	// The name is printed with System V sums, or for more than one
	// file; not for standard input unnamed but with System V, as "-".
	printName := sysv || len(files) > 1
	if len(files) == 0 {
		files = []string{"-"}
	}
	buf := ctx.Buf(64 << 10)
	status := 0
	for _, name := range files {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		line, ok := sumFile(ctx, name, sysv, buf)
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		if !ok {
			status = 1
			continue
		}
		if !printName {
			name = ""
		}
		if _, err := io.WriteString(ctx.Stdout, line+name+"\n"); err != nil {
			// BusyBox's sum never checks its output; gobox says it failed.
			return applet.Perror(err, "write error")
		}
	}
	return applet.Exit(status)
}

// sumFile reads name ("-" is standard input) through buf and returns its
// sum and size, formatted up to the name. A file that cannot be opened
// or read is reported, and ok is false.
func sumFile(ctx *applet.Ctx, name string, sysv bool, buf []byte) (line string, ok bool) {
	var in io.Reader = ctx.Stdin
	if name != "-" {
		f, err := rofile.Open(ctx.Path(name))
		if err != nil {
			ctx.Perror(err, "can't open '%s'", name)
			return "", false
		}
		defer f.Close()
		in = f
	}
	var s uint32
	var total uint64
	for !ctx.Cancelled() {
		n, err := in.Read(buf)
		total += uint64(n)
		if sysv {
			for _, b := range buf[:n] {
				s += uint32(b)
			}
		} else {
			for _, b := range buf[:n] {
				s = (s>>1 + (s&1)<<15 + uint32(b)) & 0xffff
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			ctx.Perror(err, "%s", name)
			return "", false
		}
	}
	if sysv {
		r := s&0xffff + s>>16
		s = r&0xffff + r>>16
		return fmt.Sprintf("%d %d ", s, (total+511)/512), true
	}
	return fmt.Sprintf("%05d %5d ", s, (total+1023)/1024), true
}
