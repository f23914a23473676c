// Package zstd is the zstd, unzstd and zstdcat applets (one package, as
// gzip's are). BusyBox 1.36 has none of them, so they follow the
// Zstandard CLI (zstd 1.5): its options that matter (-1..-19, --ultra,
// -d -z -t -c -f -k --rm -q -v -o FILE -T# -M#, --[no-]check), its
// messages and summary lines, and its rules: input files are kept unless
// --rm, "-o FILE" with several inputs concatenates their frames. Output
// files are written to a temporary file and renamed into place with the
// input's mode, owner and times. The codec is internal/codec's zstd
// (klauspost/compress): bounded decoder memory, every frame of the
// input, skippable frames skipped, checksums verified.
package zstd

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// help is the option list the three applets share.
const help = `
	-#	Compression level 1..19 (default 3), up to 22 with --ultra
	-d	Decompress
	-z	Compress
	-t	Test integrity
	-c	Write to stdout
	-o FILE	Write output to FILE (several inputs: their frames, one after another)
	-f	Force: overwrite, read from or write to a terminal, pass non-zstd data through with -dc
	-k	Keep input files (default)
	--rm	Remove input files after success
	-q	Quieter (-qq: no errors either)
	-v	More verbose
	-T#	Compress with # threads (0: one per CPU)
	-M#	Largest window to decode (default 128M)
	-C	Write a checksum (default); --no-check: none
	-V	Version`

// The three applets' options: the Zstandard CLI's grammar (levels as
// -#, -T# and -M# attached, -o taking the next argument while its bundle
// goes on), which getopt cannot parse, so Main reads them itself
// (args.go).
const (
	shortOpts = "0123456789dztcfkqvCVhHo:T:M:"
	longOpts  = "ultra fast:: decompress uncompress compress test stdout force keep rm quiet verbose " +
		"check no-check threads: memory: version help no-progress progress format:"
	undocumented = "h H help fast decompress uncompress compress test stdout force keep quiet verbose " +
		"check threads memory version no-progress progress format 0 1 2 3 4 5 6 7 8 9"
	usage = "[-#dztcfkqvCV] [-T#] [-M#] [--rm] [--ultra] [--no-check] [FILE]... [-o FILE]"
)

// Applet is zstd's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "zstd",
	Path:    "/usr/bin",
	Usage:   usage,
	Help:    "Compress or decompress FILEs (or stdin) in the Zstandard format\n" + help,
	Options: &opt.Spec{Manual: true, Short: shortOpts, Long: longOpts, Undocumented: undocumented},
	NoFork:  true,
	// Compression and decompression run in goroutines beside the
	// reads and writes.
	Parallel: true,
	Main:     runZstd,
}

// Unzstd is unzstd's entry: zstd -d.
var Unzstd = applet.Applet{
	Name:     "unzstd",
	Path:     "/usr/bin",
	Usage:    usage,
	Help:     "Decompress FILEs (or stdin) in the Zstandard format\n" + help,
	Options:  &opt.Spec{Manual: true, Short: shortOpts, Long: longOpts, Undocumented: undocumented},
	NoFork:   true,
	Parallel: true,
	Main:     runUnzstd,
}

// Zstdcat is zstdcat's entry: zstd -dcf.
var Zstdcat = applet.Applet{
	Name:     "zstdcat",
	Path:     "/usr/bin",
	Usage:    usage,
	Help:     "Decompress FILEs (or stdin) in the Zstandard format to stdout\n" + help,
	Options:  &opt.Spec{Manual: true, Short: shortOpts, Long: longOpts, Undocumented: undocumented},
	NoFork:   true,
	Parallel: true,
	Main:     runZstdcat,
}

func runZstd(ctx *applet.Ctx, args []string) error   { return run(ctx, args, compress) }
func runUnzstd(ctx *applet.Ctx, args []string) error { return run(ctx, args, decompress) }
func runZstdcat(ctx *applet.Ctx, args []string) error {
	return run(ctx, append([]string{"-dcf"}, args...), decompress)
}
