// Package md5sum is the md5sum applet and its siblings sha1sum,
// sha256sum, sha512sum and sha3sum (one BusyBox source,
// md5_sha1_sum.c): each prints "DIGEST  FILE" for its files, or with -c
// checks the lines of such lists ("FILE: OK", "FILE: FAILED", then
// "WARNING: N of M computed checksums did NOT match"); -s is silent and
// -w warns of badly formatted lines; sha3sum -a picks the width.
package md5sum

import (
	"bufio"
	"encoding/hex"
	"io"
	"math"
	"os"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/digest"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is md5sum's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "md5sum",
	Path:  "/usr/bin",
	Usage: "[-c[sw]] [FILE]...",
	Help: `Print or check MD5 checksums

	-c	Check sums against list in FILEs
	-s	Don't output anything, status code shows success
	-w	Warn about improperly formatted checksum lines`,
	Options: &opt.Spec{Short: "scwbt", Undocumented: "b t"},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, "md5") },
}

// SHA1 is sha1sum.
var SHA1 = applet.Applet{
	Name:  "sha1sum",
	Path:  "/usr/bin",
	Usage: "[-c[sw]] [FILE]...",
	Help: `Print or check SHA1 checksums

	-c	Check sums against list in FILEs
	-s	Don't output anything, status code shows success
	-w	Warn about improperly formatted checksum lines`,
	Options: &opt.Spec{Short: "scwbt", Undocumented: "b t"},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, "sha1") },
}

// SHA256 is sha256sum.
var SHA256 = applet.Applet{
	Name:  "sha256sum",
	Path:  "/usr/bin",
	Usage: "[-c[sw]] [FILE]...",
	Help: `Print or check SHA256 checksums

	-c	Check sums against list in FILEs
	-s	Don't output anything, status code shows success
	-w	Warn about improperly formatted checksum lines`,
	Options: &opt.Spec{Short: "scwbt", Undocumented: "b t"},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, "sha256") },
}

// SHA512 is sha512sum.
var SHA512 = applet.Applet{
	Name:  "sha512sum",
	Path:  "/usr/bin",
	Usage: "[-c[sw]] [FILE]...",
	Help: `Print or check SHA512 checksums

	-c	Check sums against list in FILEs
	-s	Don't output anything, status code shows success
	-w	Warn about improperly formatted checksum lines`,
	Options: &opt.Spec{Short: "scwbt", Undocumented: "b t"},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, "sha512") },
}

// SHA3 is sha3sum, with -a BITS.
var SHA3 = applet.Applet{
	Name:  "sha3sum",
	Path:  "/usr/bin",
	Usage: "[-c[sw]] [-a BITS] [FILE]...",
	Help: `Print or check SHA3 checksums

	-c	Check sums against list in FILEs
	-s	Don't output anything, status code shows success
	-w	Warn about improperly formatted checksum lines
	-a BITS	224 (default), 256, 384, 512`,
	Options: &opt.Spec{Short: "scwbta:", Undocumented: "b t"},
	NoFork:  true,
	Main:    func(ctx *applet.Ctx, args []string) error { return run(ctx, args, "sha3") },
}

// newHash returns the digest of algorithm alg, of width bits for sha3.
func newHash(alg string, bits uint64) digest.Hash {
	switch alg {
	case "md5":
		return digest.MD5()
	case "sha1":
		return digest.SHA1()
	case "sha256":
		return digest.SHA256()
	case "sha512":
		return digest.SHA512()
	}
	return digest.SHA3(int(bits))
}

type summer struct {
	ctx  *applet.Ctx
	alg  string
	bits uint64 // sha3sum -a
	w    *bufio.Writer
	buf  []byte
}

func run(ctx *applet.Ctx, args []string, alg string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	s := &summer{ctx: ctx, alg: alg, bits: 224, w: ctx.BufWriter(ctx.Stdout, 16<<10)}
	if r.Has("a") {
		if s.bits, err = bbnum.XRange32(r.Str("a"), 10, 0, math.MaxInt32, suffix.None); err != nil {
			return err
		}
	}
	// -s and -w need -c.
	if (r.Has("s") || r.Has("w")) && !r.Has("c") {
		return applet.Usage("")
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := 0
	for _, name := range files {
		var st int
		var err error
		if r.Has("c") {
			st, err = s.check(name, r.Has("s"), r.Has("w"))
		} else {
			var sum string
			sum, st, err = s.sum(name)
			if st == 0 && err == nil {
				s.w.WriteString(sum + "  " + name + "\n")
			}
		}
		if err == nil {
			if werr := s.ctx.StdoutErr(); werr != nil {
				err = applet.Perror(werr, "write error")
			}
		}
		if err != nil {
			s.w.Flush()
			return err
		}
		status |= st
	}
	if err := s.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}

// sum returns the digest of the file name ("-" is standard input) in
// hex, or a status of 1 when it cannot be read (after saying why). A bad
// sha3sum width is an error, found once the file is open, as in BusyBox.
func (s *summer) sum(name string) (string, int, error) {
	in := s.ctx.Stdin
	if name != "-" {
		fd, err := unix.Open(s.ctx.Path(name), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			s.w.Flush()
			s.ctx.Perror(err, "can't open '%s'", name)
			return "", 1, nil
		}
		f := os.NewFile(uintptr(fd), name)
		defer f.Close()
		in = f
	}
	if s.alg == "sha3" && (s.bits >= 800 || s.bits == 0 || s.bits&0x1f != 0) {
		s.w.Flush()
		return "", 1, applet.Errorf("bad -a%d", s.bits)
	}
	h := newHash(s.alg, s.bits)
	// BusyBox reads 64 KiB at a time into the buffer it then writes the
	// digest over: sha3sum -a wider than 512 prints what is left there
	// of the data past the state's 64 bytes.
	if s.buf == nil {
		s.buf = s.ctx.Buf(64 << 10)
		clear(s.buf) // a fresh buffer, as that leftover shows
	}
	for {
		if s.ctx.Cancelled() {
			return "", 1, applet.Exit(130)
		}
		n, err := in.Read(s.buf)
		h.Write(s.buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			s.w.Flush()
			s.ctx.Perror(err, "can't read '%s'", name)
			return "", 1, nil
		}
	}
	out := h.Sum(s.buf[:0])
	if h.Size() > len(out) {
		out = s.buf[:h.Size()]
	}
	return hex.EncodeToString(out[:h.Size()]), 0, nil
}

// check is -c: each line of the list in name is "DIGEST  FILE" (or
// "DIGEST *FILE"), and each FILE is summed and compared.
func (s *summer) check(name string, silent, warn bool) (int, error) {
	in := s.ctx.Stdin
	if name != "-" {
		fd, err := unix.Open(s.ctx.Path(name), unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			s.w.Flush()
			return 1, applet.Perror(err, "%s", name)
		}
		f := os.NewFile(uintptr(fd), name)
		defer f.Close()
		in = f
	}
	br := bufio.NewReader(in)
	status, total, failed := 0, 0, 0
	for {
		line, err := br.ReadString('\n')
		if line == "" && err != nil {
			break
		}
		line = strings.TrimSuffix(line, "\n")
		if i := strings.IndexByte(line, 0); i >= 0 {
			line = line[:i] // a C string ends at a NUL
		}
		total++
		i := strings.Index(line, "  ")
		if i < 0 {
			i = strings.Index(line, " *")
		}
		if i < 0 {
			if warn {
				s.w.Flush()
				s.ctx.Warnf("invalid format")
			}
			failed++
			status = 1
			continue
		}
		want, file := line[:i], line[i+2:]
		got, st, err := s.sum(file)
		if err != nil {
			return 1, err
		}
		if st == 0 && got == want {
			if !silent {
				s.w.WriteString(file + ": OK\n")
			}
		} else {
			if !silent {
				s.w.WriteString(file + ": FAILED\n")
			}
			failed++
			status = 1
		}
	}
	s.w.Flush()
	if failed > 0 && !silent {
		s.ctx.Warnf("WARNING: %d of %d computed checksums did NOT match", failed, total)
	}
	if total == 0 {
		status = 1
		s.ctx.Warnf("%s: no checksum lines found", name)
	}
	return status, nil
}
