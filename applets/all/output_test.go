package all

// What every applet does when its standard output fails. BusyBox reports
// a failed write ("NAME: write error: STRERROR" and the like) with status
// 1, and dies of SIGPIPE (status 141, silently) when its pipe is closed;
// gobox must do the same, and report the writes Alpine loses.
//
// TestOutputErrors runs every applet of the table as a process with its
// standard output on /dev/full and on a pipe whose reader is gone, beside
// Alpine 3.20's BusyBox run the same way in a chroot of Alpine's
// minirootfs, and compares what each printed on stderr and its status;
// expectDiffs lists where gobox deliberately differs, and why.
// TestOutputErrorsInProcess runs them in-process, as the shell will, where
// no SIGPIPE kills anyone and the runtime must turn EPIPE into 141.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gobox/internal/applet"
)

// alpineRootfs is Alpine's minirootfs, relative to this package: the
// shared directory lies beside the repository.
const alpineRootfs = "../../../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz"

// outCase is how one applet is run: arguments that make it write to its
// standard output ("{BIN}" is a directory of applet links, for applets
// that run another), its standard input, and what it must print on
// stderr and return when that output fails.
type outCase struct {
	args  []string
	stdin string
	// quiet marks an applet that writes nothing on stdout whatever it
	// is given: the case checks that both agree on status and stderr.
	quiet bool
	// full is gobox's result with stdout on /dev/full; nil means
	// "NAME: write error: No space left on device", status 1, or for a
	// quiet applet nothing and status 0.
	full *outResult
	// pipe is gobox's result with stdout on a closed pipe; nil means
	// killed by SIGPIPE (141), or for a quiet applet as full. xargs
	// reports its child's death by the signal instead (status 125).
	pipe *outResult
	// child marks an applet that runs another program ({BIN}/echo):
	// it is run as a process only.
	child bool
	// root marks an applet that needs root (chown): in-process, it is
	// skipped for other users.
	root bool
	// noRef is why Alpine's BusyBox has no such applet.
	noRef string
}

// outCases gives every applet of the table arguments that make it write,
// two lines or more where it can: Alpine's BusyBox (musl's stdio) loses
// the error of a first line written at once, and reports only what its
// last flush finds. The working directory holds a file f ("hello\n"),
// empty directories d and e, and a symlink l -> f.
var outCases = map[string]outCase{
	"[":        {args: []string{"-n", "x", "]"}, quiet: true},
	"[[":       {args: []string{"-n", "x", "]]"}, quiet: true},
	"arch":     {},
	"basename": {args: []string{"-a", "/a/b", "/c/d"}},
	"cat":      {args: []string{"f", "f"}},
	"chgrp":    {args: []string{"-v", "root", "f", "d"}, root: true},
	"chmod":    {args: []string{"-v", "644", "f", "d"}},
	"chown":    {args: []string{"-v", "root", "f", "d"}, root: true},
	"chroot": {args: []string{"/", "{BIN}/echo", "hi"}, child: true,
		full: &outResult{"echo: write error: No space left on device\n", 1}},
	"cp":   {args: []string{"-v", "f", "l", "d"}},
	"date": {},
	"dd": {args: []string{"if=f", "status=none"},
		full: &outResult{"dd: error writing 'standard output': No space left on device\n", 1}},
	"df":      {args: []string{"/", "/"}},
	"dirname": {args: []string{"/a/b"}},
	"du": {args: []string{"f", "d"},
		full: &outResult{"du: standard output: No space left on device\n", 1}},
	"echo": {args: []string{"hi"}},
	"env": {
		full: &outResult{"env: standard output: No space left on device\n", 1}},
	"false":  {quiet: true, full: &outResult{"", 1}},
	"groups": {args: []string{"root"}},
	"head": {args: []string{"f", "f"},
		// BusyBox's die_if_ferror_stdout (docs/compat/head.md).
		full: &outResult{"head: standard output: I/O error\n", 1}},
	"hostname": {},
	"id":       {},
	"install":  {args: []string{"-v", "f", "l", "d"}},
	"link":     {args: []string{"f", "g"}, quiet: true},
	"ln":       {args: []string{"-sv", "f", "l", "d"}},
	"logname": {quiet: true,
		noRef: "Alpine's BusyBox is built without logname (CONFIG_LOGNAME is not set)",
		full:  &outResult{"logname: getlogin: No such device or address\n", 1}},
	"ls":     {args: []string{"-a"}},
	"mkdir":  {args: []string{"-v", "x", "y"}},
	"mkfifo": {args: []string{"p"}, quiet: true},
	"mknod":  {args: []string{"p", "p"}, quiet: true},
	"mktemp": {},
	"mv":     {args: []string{"-v", "f", "l", "d"}},
	"nice":   {},
	"nohup": {args: []string{"{BIN}/echo", "hi"}, child: true,
		full: &outResult{"echo: write error: No space left on device\n", 1}},
	"nproc": {},
	"printenv": {
		// BusyBox's fflush_stdout_and_exit.
		full: &outResult{"printenv: standard output: No space left on device\n", 1}},
	"printf":   {args: []string{`hi\nho\n`}},
	"pwd":      {},
	"readlink": {args: []string{"l"}},
	"realpath": {args: []string{"f", "l"},
		full: &outResult{"realpath: standard output: No space left on device\n", 1}},
	"rm":    {args: []string{"-v", "f", "l"}},
	"rmdir": {args: []string{"-v", "d", "e"}},
	"seq":   {args: []string{"1", "100000000"}},
	"sleep": {args: []string{"0"}, quiet: true},
	"stat":  {args: []string{"f"}},
	"sync":  {quiet: true},
	"tail": {args: []string{"f", "f"},
		full: &outResult{"tail: No space left on device\n", 1}},
	"tee": {stdin: "hi\nho\n",
		// BusyBox's die_if_ferror for stdout, which its tee skips.
		full: &outResult{"tee: standard output: I/O error\n", 1}},
	"test": {args: []string{"-n", "x"}, quiet: true},
	"timeout": {args: []string{"5", "{BIN}/echo", "hi"}, child: true,
		full: &outResult{"echo: write error: No space left on device\n", 1}},
	"touch":    {args: []string{"g"}, quiet: true},
	"true":     {quiet: true},
	"truncate": {args: []string{"-s", "0", "f"}, quiet: true},
	"tty":      {},
	"uname":    {args: []string{"-a"}},
	"unlink":   {args: []string{"f"}, quiet: true},
	"uptime":   {},
	"usleep":   {args: []string{"0"}, quiet: true},
	"wc": {args: []string{"f", "f"},
		full: &outResult{"wc: standard output: No space left on device\n", 1}},
	"which":  {args: []string{"echo", "ls"}},
	"sh":     {args: []string{"-c", "echo a; echo b"}, full: &outResult{"sh: write error: No space left on device\nsh: write error: No space left on device\n", 1}},
	"ash":    {args: []string{"-c", "echo a; echo b"}, full: &outResult{"ash: write error: No space left on device\nash: write error: No space left on device\n", 1}},
	"sed":    {args: []string{"p", "f"}, full: &outResult{"sed: write error\n", 4}},
	"grep":   {args: []string{"l", "f", "f"}},
	"egrep":  {args: []string{"l", "f", "f"}},
	"fgrep":  {args: []string{"l", "f", "f"}},
	"find":   {args: []string{"f", "d", "e"}},
	"xargs":  {args: []string{"{BIN}/echo"}, stdin: "a b\n", child: true, full: &outResult{"echo: write error: No space left on device\n", 123}, pipe: &outResult{"xargs: '{BIN}/echo' terminated by signal 13\n", 125}},
	"whoami": {},
	"yes": {
		// BusyBox's bb_perror_nomsg_and_die.
		full: &outResult{"yes: No space left on device\n", 1}},

	// The text applets of issue 7 (sort and its neighbours): most end
	// with BusyBox's fflush_stdout_and_exit, "standard output: ...".
	"cksum":  {args: []string{"f", "f"}, full: stdoutFull("cksum", 1)},
	"comm":   {args: []string{"-", "f"}, stdin: "a\nhello\n"},
	"cut":    {args: []string{"-c1-", "f", "f"}, full: stdoutFull("cut", 1)},
	"expand": {args: []string{"f", "f"}, full: stdoutFull("expand", 1)},
	"fold":   {args: []string{"f", "f"}, full: stdoutFull("fold", 1)},
	"nl":     {args: []string{"f", "f"}, full: stdoutFull("nl", 1)},
	"paste":  {args: []string{"-s", "f", "f"}, full: stdoutFull("paste", 1)},
	"rev":    {args: []string{"f", "f"}, full: stdoutFull("rev", 1)},
	// sort's errors exit 2.
	"sort":     {args: []string{"f", "f"}, full: stdoutFull("sort", 2)},
	"sum":      {args: []string{"f", "f"}},
	"tac":      {args: []string{"f", "f"}},
	"tr":       {args: []string{"a", "b"}, stdin: "hi\nho\n"},
	"unexpand": {args: []string{"f", "f"}, full: stdoutFull("unexpand", 1)},
	"uniq":     {stdin: "a\nb\n", full: stdoutFull("uniq", 1)},
	// diff, cmp and patch (issue 7): cmp's fflush_stdout_and_exit
	// exits 2, its status for trouble.
	"diff": {args: []string{"f", "-"}, stdin: "x\ny\n"},
	"cmp":  {args: []string{"-l", "f", "-"}, stdin: "xxxxx\n", full: stdoutFull("cmp", 2)},
	"patch": {args: []string{"-i", "-", "f"}, stdin: "--- f\n+++ f\n@@ -1 +1 @@\n-hello\n+bye\n",
		noRef: "Alpine's BusyBox is built without patch (CONFIG_PATCH is not set)"},
	// od, hexdump, xxd, strings, the sums, base64, split, shuf, expr,
	// factor, dos2unix (issue 7).
	"od":        {args: []string{"-c", "f", "f"}},
	"hexdump":   {args: []string{"-C", "f", "f"}},
	"hd":        {args: []string{"f", "f"}},
	"xxd":       {args: []string{"-c", "4", "f"}},
	"strings":   {args: []string{"-n", "1", "f", "f"}, full: stdoutFull("strings", 1)},
	"md5sum":    {args: []string{"f", "f"}},
	"sha1sum":   {args: []string{"f", "f"}},
	"sha256sum": {args: []string{"f", "f"}},
	"sha512sum": {args: []string{"f", "f"}},
	"sha3sum":   {args: []string{"f", "f"}},
	"base64":    {args: []string{"-w", "4", "f"}, full: stdoutFull("base64", 1)},
	// base32, tsort and vi (issue 7): vi dies at the end of its input.
	"base32": {args: []string{"-w", "4", "f"}, full: stdoutFull("base32", 1),
		noRef: "Alpine's BusyBox is built without base32 (CONFIG_BASE32 is not set)"},
	"tsort":    {stdin: "a b\nb c\n", noRef: "Alpine's BusyBox is built without tsort (CONFIG_TSORT is not set)"},
	"vi":       {args: []string{"f"}, full: &outResult{"vi: can't read user input\n", 1}},
	"split":    {args: []string{"f"}, quiet: true},
	"shuf":     {args: []string{"-e", "a", "b"}, full: stdoutFull("shuf", 1)},
	"expr":     {args: []string{"1", "+", "1"}, full: stdoutFull("expr", 2)}, // its errors exit 2
	"factor":   {args: []string{"4", "6"}},
	"dos2unix": {stdin: "a\r\nb\r\n"},
	"unix2dos": {stdin: "a\nb\n"},

	// join (issue 7): GNU's words for a failed write, as the runtime's.
	"join": {args: []string{"-a1", "-", "f"}, stdin: "a\nb\n", noRef: "BusyBox 1.36 has no join (Alpine's is GNU coreutils')"},

	"awk":  {args: []string{"{print}", "f", "f"}},
	"less": {args: []string{"f"}},
	"more": {args: []string{"f"}},

	// apk (issue 9): apk-tools is no BusyBox applet.
	"apk": {args: []string{"--version"}, noRef: "BusyBox has no apk (apk-tools is its own program)"},

	// The archivers (issue 8); the gzip input is BusyBox's "HELLO\n".
	"tar":  {args: []string{"cf", "-", "f"}},
	"gzip": {args: []string{"-c", "f", "f"}},
	"gunzip": {args: []string{"-c"}, stdin: helloGz,
		// BusyBox's transformer_write: bb_simple_perror_msg("write").
		full: &outResult{"gunzip: write: No space left on device\n", 1}},
	"zcat": {stdin: helloGz},

	// lzop, unlzop, lzopcat (issue 8): BusyBox dies of the first failed
	// write; the input is "hello\n" as BusyBox's lzop writes it.
	"lzop":    {args: []string{"-c", "f", "f"}},
	"unlzop":  {args: []string{"-c"}, stdin: helloLzo},
	"lzopcat": {stdin: helloLzo},

	// unzip (issue 8): -p of a stored "hello\n" on stdin.
	"unzip": {args: []string{"-p", "-"}, stdin: helloZip},

	// bzip2, bunzip2, bzcat (issue 8): BusyBox reports each failed
	// write and goes on with the next file; the input is "hello\n" as
	// bzip2 1.0.8 writes it.
	"bzip2": {args: []string{"-c", "f", "f"},
		full: &outResult{"bzip2: write error: No space left on device\nbzip2: write error: No space left on device\n", 1}},
	"bunzip2": {args: []string{"-c"}, stdin: helloBz2, full: &outResult{"bunzip2: write: No space left on device\n", 1}},
	"bzcat":   {stdin: helloBz2 + helloBz2, full: &outResult{"bzcat: write: No space left on device\n", 1}},

	// zstd, unzstd, zstdcat (issue 8): the Zstandard CLI's words for a
	// failed write to stdout; the input is "HELLO\n" as zstd -3 writes it.
	"zstd": {args: []string{"-c", "f", "f"}, noRef: "BusyBox 1.36 has no zstd",
		full: &outResult{"zstd: /*stdout*\\: No space left on device\n", 1}},
	"unzstd": {args: []string{"-c"}, stdin: "\x28\xb5\x2f\xfd\x04\x58\x31\x00\x00HELLO\n\x11\xa0\xcc\xac",
		noRef: "BusyBox 1.36 has no unzstd",
		full:  &outResult{"unzstd: /*stdout*\\: No space left on device\n", 1}},
	"zstdcat": {stdin: "\x28\xb5\x2f\xfd\x04\x58\x31\x00\x00HELLO\n\x11\xa0\xcc\xac",
		noRef: "BusyBox 1.36 has no zstdcat",
		full:  &outResult{"zstdcat: /*stdout*\\: No space left on device\n", 1}},

	// cpio (issue 8): an archive of f on stdout.
	"cpio": {args: []string{"-o", "-H", "newc"}, stdin: "f\n"},

	// xz, unxz, xzcat, lzma, unlzma, lzcat (issue 8): BusyBox's
	// transformer_write says "write: STRERROR"; its unlzma then also
	// says "corrupted data".
	"xz": {args: []string{"-c", "f"}, full: &outResult{"xz: write error: No space left on device\n", 1},
		noRef: "Alpine's BusyBox is built without xz (CONFIG_XZ is not set)"},
	"unxz":   {args: []string{"-c"}, stdin: helloXz, full: &outResult{"unxz: write: No space left on device\n", 1}},
	"xzcat":  {stdin: helloXz, full: &outResult{"xzcat: write: No space left on device\n", 1}},
	"lzma":   {args: []string{"-dc"}, stdin: helloLzma, full: &outResult{"lzma: write: No space left on device\nlzma: corrupted data\n", 1}},
	"unlzma": {args: []string{"-c"}, stdin: helloLzma, full: &outResult{"unlzma: write: No space left on device\nunlzma: corrupted data\n", 1}},
	"lzcat":  {stdin: helloLzma, full: &outResult{"lzcat: write: No space left on device\nlzcat: corrupted data\n", 1}},
}

// helloXz and helloLzma are "hello\n" as xz-utils 5.4 writes it (xz,
// lzma).
const (
	helloXz   = "\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46\x02\x00\x21\x01\x16\x00\x00\x00\x74\x2f\xe5\xa3\x01\x00\x05hello\n\x00\x00\x00\xa5\x60\x97\xf1\x94\xf6\xfd\xe0\x00\x01\x1e\x06\xc1\x2f\xa4\x1d\x1f\xb6\xf3\x7d\x01\x00\x00\x00\x00\x04YZ"
	helloLzma = "\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00\x34\x19\x49\xee\x8d\xdd\x3d\x3a\xdf\xff\xff\xdd\x12\x00\x00"
)

// helloBz2 is "hello\n" as bzip2 1.0.8 writes it (bzip2, bunzip2, bzcat).
const helloBz2 = "BZh91AY&SY\xc1\xc0\x80\xe2\x00\x00\x01\x41\x00\x00\x10\x02\x44\xa0\x00\x30\xcd\x00\xc3\x46\x29\x97\x17\x72\x45\x38\x50\x90\xc1\xc0\x80\xe2"

// helloLzo is "hello\n" as Alpine's BusyBox lzop -c writes it.
const helloLzo = "\x89LZO\x00\r\n\x1a\n\x10\x10 0\t@\x01\x05\x03\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x10\x94\x00\xc4\x00\x00\x00\x06\x00\x00\x00\x06\x08K\x02\x1fhello\n\x00\x00\x00\x00"

// helloGz is "HELLO\n" gzipped, as BusyBox's gunzip tests have it.
const helloGz = "\x1f\x8b\x08\x00\x85\x1d\xef\x45\x02\x03\xf3\x70\xf5\xf1\xf1\xe7\x02\x00\x6e\xd7\xac\xfd\x06\x00\x00\x00"

// helloZip is a zip of one stored file, f, holding "hello\n" (unzip's
// case, made by Info-ZIP's zip -0X).
const helloZip = "PK\x03\x04\x0a\x00\x00\x00\x00\x00\xa3\x20\x43\x52\x20\x30\x3a\x36\x06\x00\x00\x00\x06\x00\x00\x00\x01\x00\x00\x00fhello\n" +
	"PK\x01\x02\x1e\x03\x0a\x00\x00\x00\x00\x00\xa3\x20\x43\x52\x20\x30\x3a\x36\x06\x00\x00\x00\x06\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xa4\x81\x00\x00\x00\x00f" +
	"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x2f\x00\x00\x00\x25\x00\x00\x00\x00\x00"

// stdoutFull is BusyBox's fflush_stdout_and_exit on a full disk.
func stdoutFull(name string, status int) *outResult {
	return &outResult{name + ": standard output: No space left on device\n", status}
}

// wantFull is gobox's expected result for applet name with stdout on
// /dev/full.
func (c outCase) wantFull(name string) outResult {
	switch {
	case c.full != nil:
		return *c.full
	case c.quiet:
		return outResult{}
	}
	return outResult{name + ": write error: No space left on device\n", 1}
}

// wantPipe is gobox's expected result with stdout on a pipe nobody
// reads: death by SIGPIPE, silent, for an applet that writes.
func (c outCase) wantPipe(name string) outResult {
	if c.pipe != nil {
		return *c.pipe
	}
	if c.quiet {
		return c.wantFull(name)
	}
	return outResult{"", 128 + int(syscall.SIGPIPE)}
}

// outResult is what a run left: its standard error and exit status (128
// plus the signal for a death by signal, as a shell reports it).
type outResult struct {
	stderr string
	status int
}

func (r outResult) String() string { return fmt.Sprintf("status %d, stderr %q", r.status, r.stderr) }

// expectDiff is where Alpine's BusyBox deliberately gets a different
// result with stdout on /dev/full: what it gives, and why gobox does not.
type expectDiff struct {
	alpine outResult
	why    string
}

// Reasons for the differences (docs/compat/busybox.md).
const (
	// lost: the applet never checks its output for errors.
	lost = "Alpine's BusyBox never checks this output for errors: it exits 0 with the output lost; " +
		"gobox reports every failed write"
	// lostLine: whether or not the applet checks its last flush, musl
	// wrote the one line at once (stdout starts line-buffered) and kept
	// no error for the flush.
	lostLine = "a one-line output: musl writes it at once and keeps no error for BusyBox's final " +
		"flush, so Alpine exits with the output lost; gobox reports every failed write"
)

var (
	alpineLost = outResult{"", 0}
	// tty's own status for "not a tty".
	alpineLost1 = outResult{"", 1}
)

// expectDiffs lists where gobox deliberately differs from Alpine with
// stdout on /dev/full. An entry that no longer differs fails the test,
// so the list stays true.
var expectDiffs = map[string]expectDiff{
	"awk":      {alpineLost, lost},
	"grep":     {alpineLost, lost},
	"egrep":    {alpineLost, lost},
	"fgrep":    {alpineLost, lost},
	"find":     {alpineLost, lost},
	"arch":     {alpineLost, lostLine},
	"date":     {alpineLost, lostLine},
	"dirname":  {alpineLost, lostLine},
	"groups":   {alpineLost, lostLine},
	"hostname": {alpineLost, lostLine},
	"id":       {alpineLost, lostLine},
	"mktemp":   {alpineLost, lostLine},
	"nice":     {alpineLost, lostLine},
	"nproc":    {alpineLost, lostLine},
	"pwd":      {alpineLost, lostLine},
	"readlink": {alpineLost, lostLine},
	"tty":      {alpineLost1, lostLine},
	"uname":    {alpineLost, lostLine},
	"uptime":   {alpineLost, lostLine},
	"whoami":   {alpineLost, lostLine},

	"chgrp":   {alpineLost, lost},
	"chmod":   {alpineLost, lost},
	"chown":   {alpineLost, lost},
	"cp":      {alpineLost, lost},
	"df":      {alpineLost, lost},
	"install": {alpineLost, lost},
	"ln":      {alpineLost, lost},
	"ls":      {alpineLost, lost},
	"mkdir":   {alpineLost, lost},
	"mv":      {alpineLost, lost},
	"printf":  {alpineLost, lost},
	"rm":      {alpineLost, lost},
	"rmdir":   {alpineLost, lost},
	"stat":    {alpineLost, lost},
	"tee":     {alpineLost, lost},
	"which":   {alpineLost, lost},
	"comm":    {alpineLost, lost},
	"diff":    {alpineLost1, lost},
	"sum":     {alpineLost, lost},

	"od":        {alpineLost, lost},
	"hexdump":   {alpineLost, lost},
	"hd":        {alpineLost, lost},
	"xxd":       {alpineLost, lost},
	"md5sum":    {alpineLost, lost},
	"sha1sum":   {alpineLost, lost},
	"sha256sum": {alpineLost, lost},
	"sha512sum": {alpineLost, lost},
	"sha3sum":   {alpineLost, lost},
	"factor":    {alpineLost, lost},
	"dos2unix":  {alpineLost, lost},
	"unix2dos":  {alpineLost, lost},
	"expr":      {alpineLost, lostLine},

	"basename": {outResult{"", 1}, "Alpine's basename writes with one write(2) and exits 1 without a word; " +
		"gobox says why"},
	"cat": {outResult{"cat: write error: No space left on device\ncat: write error: No space left on device\n", 1},
		"Alpine's cat goes on to the next FILE after a failed write and reports each; " +
			"gobox stops at the first failed write"},
	"seq": {outResult{"", 255}, "Alpine's seq returns fflush's EOF as its status (255) without a word; " +
		"gobox reports the write error with status 1"},
}

// TestOutputCases checks that the cases and the table agree.
func TestOutputCases(t *testing.T) {
	for _, a := range List {
		if _, ok := outCases[a.Name]; !ok {
			t.Errorf("%s: no case in outCases: give it arguments that make it write", a.Name)
		}
	}
	for name := range outCases {
		if List.Lookup(name) == nil {
			t.Errorf("%s: in outCases but not in the table", name)
		}
	}
	for name := range expectDiffs {
		if _, ok := outCases[name]; !ok {
			t.Errorf("%s: in expectDiffs but not in outCases", name)
		}
	}
}

// TestOutputErrorsInProcess runs every applet in-process, as the shell
// will, with a standard output that fails every write with ENOSPC, then
// with EPIPE (a pipeline stage whose reader went away), and checks the
// message and status: BusyBox's words for the first, a silent 141 for the
// second, as a BusyBox killed by SIGPIPE.
func TestOutputErrorsInProcess(t *testing.T) {
	for _, a := range List {
		c, ok := outCases[a.Name]
		if !ok || c.child {
			continue // TestOutputCases; a child writes to its own stdout
		}
		t.Run(a.Name, func(t *testing.T) {
			if c.root && os.Geteuid() != 0 {
				t.Skip("needs root")
			}
			t.Parallel()
			for _, w := range []struct {
				mode string
				err  error
				want outResult
			}{
				{"ENOSPC", &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}, c.wantFull(a.Name)},
				{"EPIPE", &os.PathError{Op: "write", Path: "|1", Err: syscall.EPIPE}, c.wantPipe(a.Name)},
			} {
				if got := runInProcess(t, a, c, w.err); got != w.want {
					t.Errorf("%s %q, stdout failing with %s: %v, want %v", a.Name, c.args, w.mode, got, w.want)
				}
			}
		})
	}
}

// failWriter fails every write with err.
type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// runInProcess runs applet a with c's arguments in a fresh working
// directory, stdout failing with err.
func runInProcess(t *testing.T, a *applet.Applet, c outCase, err error) outResult {
	t.Helper()
	work := t.TempDir()
	populate(t, work)
	bin := filepath.Join(work, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"echo", "ls"} {
		if err := os.WriteFile(filepath.Join(bin, name), nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var args []string
	for _, s := range c.args {
		args = append(args, strings.ReplaceAll(s, "{BIN}", bin))
	}
	// A guard against a writer that never stops, not a timed
	// assertion: running into it fails the case.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var stderr bytes.Buffer
	actx := &applet.Ctx{
		Context: ctx,
		Stdin:   strings.NewReader(c.stdin),
		Stdout:  failWriter{err},
		Stderr:  &stderr,
		Dir:     work,
		Env:     []string{"PATH=" + bin, "HOME=/root", "TZ=UTC", "TMPDIR=" + work},
		Umask:   0o022,
	}
	done := make(chan int, 1)
	go func() { done <- applet.Run(actx, a, args) }()
	select {
	case status := <-done:
		return outResult{stderr.String(), status}
	case <-ctx.Done():
		t.Fatalf("%s %q: still running a minute after its output failed", a.Name, c.args)
	}
	return outResult{}
}

// populate makes the files the cases name in dir.
func populate(t *testing.T, dir string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"d", "e"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("f", filepath.Join(dir, "l")); err != nil {
		t.Fatal(err)
	}
}

// TestOutputErrors runs every applet as a process in a chroot of Alpine's
// minirootfs, beside Alpine's BusyBox, with stdout on /dev/full and on a
// closed pipe, and compares.
func TestOutputErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds gobox and unpacks Alpine's minirootfs; skipped in -short mode")
	}
	if _, err := os.Stat(alpineRootfs); err != nil {
		t.Skipf("Alpine's minirootfs is absent (%s): no reference to compare with", alpineRootfs)
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to chroot into Alpine's minirootfs")
	}
	root := outRoot(t)
	for _, a := range List {
		c, ok := outCases[a.Name]
		if !ok {
			continue // TestOutputCases
		}
		t.Run(a.Name, func(t *testing.T) {
			t.Parallel()
			checkOutputCase(t, root, a.Name, c)
		})
	}
}

// outRoot unpacks the minirootfs into a temporary directory and adds
// gobox as /bin/gobox with a link per applet in /gobox-bin.
func outRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	if err := untar(alpineRootfs, root); err != nil {
		t.Fatalf("unpacking %s: %v", alpineRootfs, err)
	}
	cmd := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(root, "bin/gobox"), "gobox/cmd/gobox")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building gobox: %v\n%s", err, out)
	}
	if err := os.Mkdir(filepath.Join(root, "gobox-bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, a := range List {
		if err := os.Symlink("/bin/gobox", filepath.Join(root, "gobox-bin", a.Name)); err != nil {
			t.Fatal(err)
		}
	}
	// df reads the mount table; the chroot has no /proc mounted, so it
	// gets a file naming the root alone, the same for both.
	if err := os.WriteFile(filepath.Join(root, "proc/mounts"), []byte("/dev/root / ext4 rw 0 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// untar unpacks the gzipped tar file into dir: directories, regular files,
// symlinks and hard links, with their modes and owners.
func untar(file, dir string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.Clean("/"+h.Name))
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(name, 0o755)
		case tar.TypeReg:
			var w *os.File
			if w, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600); err == nil {
				_, err = io.Copy(w, tr)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
			}
		case tar.TypeSymlink:
			err = os.Symlink(h.Linkname, name)
		case tar.TypeLink:
			err = os.Link(filepath.Join(dir, filepath.Clean("/"+h.Linkname)), name)
		default:
			continue
		}
		if err == nil && h.Typeflag != tar.TypeLink {
			err = os.Lchown(name, h.Uid, h.Gid)
			if err == nil && h.Typeflag != tar.TypeSymlink {
				err = os.Chmod(name, os.FileMode(h.Mode&0o777)|modeBits(h.Mode))
			}
		}
		if err != nil {
			return err
		}
	}
}

// modeBits turns a tar header's setuid, setgid and sticky bits into Go's.
func modeBits(m int64) os.FileMode {
	var b os.FileMode
	if m&0o4000 != 0 {
		b |= os.ModeSetuid
	}
	if m&0o2000 != 0 {
		b |= os.ModeSetgid
	}
	if m&0o1000 != 0 {
		b |= os.ModeSticky
	}
	return b
}

// checkOutputCase runs one applet under both implementations, with
// stdout on /dev/full and on a closed pipe, and compares.
func checkOutputCase(t *testing.T, root, name string, c outCase) {
	if !c.quiet {
		// The case must make the applet write, or it tests nothing.
		if r := runInRoot(t, root, "gobox", name, c, "read"); r.wrote == 0 {
			t.Errorf("gobox %s %q writes nothing on stdout (%v): pick arguments that make it write", name, c.args, r.outResult)
		}
	}
	for _, mode := range []string{"full", "pipe"} {
		want := c.wantFull(name)
		if mode == "pipe" {
			want = c.wantPipe(name)
		}
		if got := runInRoot(t, root, "gobox", name, c, mode).outResult; got != want {
			t.Errorf("gobox %s %q, stdout %s: %v, want %v", name, c.args, mode, got, want)
		}
		if c.noRef != "" {
			continue
		}
		ref := runInRoot(t, root, "alpine", name, c, mode).outResult
		d, expected := expectDiffs[name]
		if mode == "pipe" || !expected {
			if ref != want {
				t.Errorf("Alpine's %s %q, stdout %s: %v; gobox wants %v", name, c.args, mode, ref, want)
			}
			continue
		}
		switch {
		case ref == want:
			t.Errorf("Alpine's %s %q, stdout %s: %v, as gobox: drop the entry in expectDiffs", name, c.args, mode, ref)
		case ref != d.alpine:
			t.Errorf("Alpine's %s %q, stdout %s: %v; expectDiffs says %v (%s)", name, c.args, mode, ref, d.alpine, d.why)
		}
	}
}

// startMu serialises starting the children of TestOutputErrors (see
// runInRoot).
var startMu sync.Mutex

// runResult is a run's outResult and how many bytes of stdout were read.
type runResult struct {
	outResult
	wrote int
}

// runInRoot runs applet name of impl ("gobox" or "alpine") in the chroot,
// in a fresh working directory, with stdout on /dev/full ("full"), on a
// pipe nobody reads ("pipe"), or on a pipe read until its first write
// ("read"), so that a producer like yes is stopped by SIGPIPE.
func runInRoot(t *testing.T, root, impl, name string, c outCase, mode string) runResult {
	t.Helper()
	bin, argv0 := "/gobox-bin", "/bin/gobox"
	if impl == "alpine" {
		bin, argv0 = "/bin", "/bin/busybox"
	}
	work, err := os.MkdirTemp(filepath.Join(root, "tmp"), "out-")
	if err != nil {
		t.Fatal(err)
	}
	populate(t, work)
	args := []string{argv0, name}
	for _, a := range c.args {
		args = append(args, strings.ReplaceAll(a, "{BIN}", bin))
	}
	// A guard against a writer that never stops, not a timed assertion:
	// running into it fails the case.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv0)
	cmd.Args = args
	cmd.Dir = strings.TrimPrefix(work, root)
	cmd.Env = []string{"PATH=" + bin, "HOME=/root", "TZ=UTC"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root}
	if c.stdin != "" {
		cmd.Stdin = strings.NewReader(c.stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	var pr, pw *os.File
	if mode == "full" {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer full.Close()
		cmd.Stdout = full
	}
	// A child forked by another run holds every descriptor of this
	// process until it execs; if it held a closed pipe's read end,
	// the write would succeed. So pipes are made and children started
	// one at a time (Start returns once the child has exec'd).
	startMu.Lock()
	if mode != "full" {
		if pr, pw, err = os.Pipe(); err != nil {
			startMu.Unlock()
			t.Fatal(err)
		}
		if mode == "pipe" {
			pr.Close()
		} else {
			defer pr.Close()
		}
		cmd.Stdout = pw
	}
	err = cmd.Start()
	startMu.Unlock()
	if pw != nil {
		pw.Close()
	}
	if err != nil {
		t.Fatalf("%s %s: %v", impl, name, err)
	}
	wrote := 0
	if mode == "read" {
		// One read, then the reader goes away.
		wrote, _ = pr.Read(make([]byte, 4096))
		pr.Close()
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		t.Errorf("%s %s %q, stdout %s: still running after a minute, killed", impl, name, c.args, mode)
	}
	status := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		status = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
	} else if err != nil {
		t.Fatalf("%s %s: %v", impl, name, err)
	}
	// Messages that name the program run write "{BIN}" for the
	// directory of links, as the case does, so both implementations
	// compare.
	msg := strings.ReplaceAll(stderr.String(), "'"+bin+"/", "'{BIN}/")
	return runResult{outResult{msg, status}, wrote}
}
