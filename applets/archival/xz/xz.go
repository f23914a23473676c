// Package xz is the xz and lzma family: unxz, xzcat, unlzma, lzcat and
// lzma as Alpine's BusyBox has them (its bbunpack: -c -f -k -t -v, the
// suffix rule, "unknown suffix - ignored", output created with the
// input's mode less the umask), plus compression, which BusyBox lacks:
// xz and lzma without -d compress, with -0..-9, -e, -T and (xz) -C.
// Output files are written to a temporary file renamed into place, and
// the input is removed only after that.
package xz

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is xz's entry: compression by default, -d to decompress.
var Applet = applet.Applet{
	Name:  "xz",
	Path:  "/usr/bin",
	Usage: "[-cdfkt0123456789e] [-T N] [-C CHECK] [FILE]...",
	Help: `Compress FILEs (or stdin) to .xz

	-d	Decompress
	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity
	-0..9	Compression level
	-e	Slower, sometimes smaller
	-T N	Use N threads (0: one per CPU)
	-C CHECK	none, crc32, crc64 (default) or sha256`,
	Options: &opt.Spec{
		Short: "cfkvqdtzeT:C:0123456789",
		Long: "stdout=c to-stdout=c force=f keep=k verbose=v quiet=q decompress=d uncompress=d " +
			"test=t compress=z extreme=e threads=T check=C fast=0 best=9",
		Exclusive:    []string{"0123456789", "vq", "dz"},
		Undocumented: "v q z",
	},
	NoFork: true,
	// Decompression runs ahead of the writes in a goroutine of its
	// own; -T compresses blocks in several, and with -d decodes
	// blocks ahead on other cores.
	Parallel: true,
	Main:     func(ctx *applet.Ctx, args []string) error { return run(ctx, args, xzFormat, compress) },
}

// Unxz is unxz's entry.
var Unxz = applet.Applet{
	Name:    "unxz",
	Path:    "/usr/bin",
	Usage:   "[-cfk] [FILE]...",
	Help:    unHelp,
	Options: &opt.Spec{Short: "cfkvqdt", Undocumented: "v q d"},
	NoFork:  true,
	// Decompression runs ahead of the writes in a goroutine of its own.
	Parallel: true,
	Main:     func(ctx *applet.Ctx, args []string) error { return run(ctx, args, xzFormat, decompress) },
}

// Xzcat is xzcat's entry: unxz -c.
var Xzcat = applet.Applet{
	Name:    "xzcat",
	Path:    "/usr/bin",
	Usage:   "[FILE]...",
	Help:    "Decompress to stdout",
	Options: &opt.Spec{Short: "cfkvqdt", Undocumented: "c f k v q d t"},
	NoFork:  true,
	// Decompression runs ahead of the writes in a goroutine of its own.
	Parallel: true,
	Main:     func(ctx *applet.Ctx, args []string) error { return run(ctx, args, xzFormat, cat) },
}

// Lzma is lzma's entry: BusyBox's only decompresses (-d, -t, else
// usage); gobox's compresses without them, as xz-utils' lzma does.
var Lzma = applet.Applet{
	Name:  "lzma",
	Path:  "/usr/bin",
	Usage: "[-cdfkt0123456789e] [FILE]...",
	Help: `Compress FILEs (or stdin) to .lzma, or decompress them (-d)

	-d	Decompress
	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity
	-0..9	Compression level
	-e	Slower, sometimes smaller`,
	Options: &opt.Spec{
		Short: "cfkvqdtze0123456789",
		Long: "stdout=c to-stdout=c force=f keep=k verbose=v quiet=q decompress=d uncompress=d " +
			"test=t compress=z extreme=e fast=0 best=9",
		Exclusive:    []string{"0123456789", "vq", "dz"},
		Undocumented: "v q z",
	},
	NoFork: true,
	// Decompression runs ahead of the writes in a goroutine of its own.
	Parallel: true,
	Main:     func(ctx *applet.Ctx, args []string) error { return run(ctx, args, lzmaFormat, compress) },
}

// Unlzma is unlzma's entry.
var Unlzma = applet.Applet{
	Name:    "unlzma",
	Path:    "/usr/bin",
	Usage:   "[-cfk] [FILE]...",
	Help:    unHelp,
	Options: &opt.Spec{Short: "cfkvqdt", Undocumented: "v q d"},
	NoFork:  true,
	// Decompression runs ahead of the writes in a goroutine of its own.
	Parallel: true,
	Main:     func(ctx *applet.Ctx, args []string) error { return run(ctx, args, lzmaFormat, decompress) },
}

// Lzcat is lzcat's entry: unlzma -c.
var Lzcat = applet.Applet{
	Name:    "lzcat",
	Path:    "/usr/bin",
	Usage:   "[FILE]...",
	Help:    "Decompress to stdout",
	Options: &opt.Spec{Short: "cfkvqdt", Undocumented: "c f k v q d t"},
	NoFork:  true,
	// Decompression runs ahead of the writes in a goroutine of its own.
	Parallel: true,
	Main:     func(ctx *applet.Ctx, args []string) error { return run(ctx, args, lzmaFormat, cat) },
}

// unHelp is unxz's and unlzma's help; their options are bbunpack's
// (getopt32 "cfkvqdt").
const unHelp = `Decompress FILEs (or stdin)

	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity`
