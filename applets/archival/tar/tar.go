// Package tar is the tar applet: BusyBox 1.36's tar as Alpine builds it
// (create, extract, list; -f -C -v -O -m -o -k -h -T -X --exclude
// --strip-components --no-recursion --numeric-owner --overwrite, gzip
// compression in-process and detected on input, old-style "tar cvf"
// arguments, the same listing and messages), with more from GNU tar: -r
// (append to an uncompressed archive), -P, -p, --owner, --group, --mode,
// --mtime, --sort=name, --format=gnu|ustar|pax, --same-owner, sparse
// files and pax headers on input.
//
// Archives are read and written by internal/tarfmt, extracted by
// internal/untar (which never writes outside the target), and
// compressed by internal/gzipio; trees are walked with dirent.Walk.
// Streams of any size go through in constant memory.
package tar

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is tar's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "tar",
	Path:  "/bin",
	Usage: "c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...",
	Help: `Create, extract, or list files from a tar file

	c	Create
	x	Extract
	t	List
	-f FILE	Name of TARFILE ('-' for stdin/out)
	-C DIR	Change to DIR before operation
	-v	Verbose
	-O	Extract to stdout
	-m	Don't restore mtime
	-o	Don't restore user:group
	-k	Don't replace existing files
	-Z	(De)compress using compress
	-z	(De)compress using gzip
	-J	(De)compress using xz
	-j	(De)compress using bzip2
	--lzma	(De)compress using lzma
	-a	(De)compress based on extension
	-h	Follow symlinks
	-T FILE	File with names to include
	-X FILE	File with glob patterns to exclude
	--exclude PATTERN	Glob pattern to exclude
	--overwrite		Replace existing files
	--strip-components NUM	NUM of leading components to strip
	--no-recursion		Don't descend in directories
	--numeric-owner		Use numeric user:group
	--no-same-permissions	Don't restore access permissions`,
	Options: &opt.Spec{
		Short: "txC:f:OopvkchjT:X:zJZamrPS",
		Long: "list=t extract=x directory=C file=f to-stdout=O no-same-owner=o same-permissions=p " +
			"preserve-permissions=p verbose=v keep-old=k keep-old-files=k create=c dereference=h " +
			"bzip2=j files-from=T exclude-from=X gzip=z gunzip=z xz=J compress=Z auto-compress=a " +
			"touch=m strip-components: lzma no-recursion numeric-owner no-same-permissions overwrite " +
			"exclude: append=r absolute-names=P same-owner owner: group: mode: mtime: sort: format: zstd " +
			"xattrs no-xattrs sparse=S",
		Conflicts:    []string{"c t", "c x", "t x", "r c", "r t", "r x"},
		Undocumented: "t x c p r P same-owner owner group mode mtime sort format zstd xattrs no-xattrs S",
	},
	NoFork: true,
	// Decompression runs a few buffers ahead of the writes in a
	// goroutine of its own (readahead.ReadAhead).
	Parallel: true,
	Main:     run,
}

// oldStyle rewrites a first argument without a dash ("cvf", BusyBox's
// and GNU's old style) as options: the 'f' moves to the end so that it
// takes the next argument, whatever follows it in the bundle.
func oldStyle(args []string) []string {
	if len(args) == 0 || args[0] == "" || args[0][0] == '-' {
		return args
	}
	a := args[0]
	if i := strings.IndexByte(a, 'f'); i >= 0 {
		a = a[:i] + a[i+1:] + "f"
	}
	out := append([]string{"-" + a}, args[1:]...)
	return out
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 && args[0] == "--version" {
		_, err := ctx.Stdout.Write([]byte("tar (gobox) " + applet.Version + "\n"))
		return err
	}
	o, err := opt.Parse(ctx.Options(), oldStyle(args))
	if err != nil {
		return err
	}
	t, err := newTar(ctx, o)
	if err != nil {
		return err
	}
	switch {
	case o.Has("c"):
		return t.create()
	case o.Has("r"):
		return t.appendTo()
	case o.Has("x"), o.Has("t"):
		return t.read()
	}
	return applet.Usage("")
}
