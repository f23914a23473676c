// Package apk is Alpine's package manager, compatible with apk-tools 2.14
// (../shared/docs/apk.md): global options, a table of commands (one file
// each), and a database handle (db.go) over internal/apk's formats.
// This part has the read-only commands info, list and policy; the
// commands that change the system plug into the same table.
package apk

import (
	"bufio"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"gobox/internal/apk/repo"
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is apk.
var Applet = applet.Applet{
	Name:  "apk",
	Path:  "/sbin",
	Usage: "[<OPTIONS>...] COMMAND [<ARGUMENTS>...]",
	Help: "Alpine package manager (apk-tools 2.14 compatible)\n\n" +
		"Commands: info list policy\n\n" +
		"\t-p, --root DIR\t\tOperate on DIR\n" +
		"\t-X, --repository REPO\tAdd a repository\n" +
		"\t--keys-dir DIR\t\tTrusted keys directory\n" +
		"\t--allow-untrusted\tAccept untrusted signatures\n" +
		"\t-q, --quiet\t\tLess output\n" +
		"\t-v, --verbose\t\tMore output",
	Options: &opt.Spec{Manual: true, Short: globalShort, Long: globalLong,
		Undocumented: "i U f V h repositories-file arch cache-dir cache-max-age no-cache no-network no-interactive progress no-progress progress-fd purge wait timeout no-check-certificate force-overwrite force-old-apk force-broken-world force-non-repository force-refresh force-binary-stdout force-missing-repositories print-arch from simulate clean-protected no-scripts no-commit-hooks initramfs-diskless-boot overlay-from-stdin"},
	Main: run,
}

// The global options of apk.md 9.2, in opt's syntax.
const (
	globalShort = "p:X:qviUfVh"
	globalLong  = "root=p repository=X quiet=q verbose=v interactive=i update-cache=U force=f version=V help=h " +
		"repositories-file: keys-dir: allow-untrusted arch: cache-dir: cache-max-age: no-cache no-network " +
		"no-interactive progress no-progress progress-fd: purge wait: timeout: no-check-certificate " +
		"force-overwrite force-old-apk force-broken-world force-non-repository force-refresh " +
		"force-binary-stdout force-missing-repositories print-arch from: " +
		// Commit options, accepted by every command as apk's getopt does
		// for the commands that take them.
		"simulate clean-protected no-scripts no-commit-hooks initramfs-diskless-boot overlay-from-stdin"
)

// command is one apk command.
type command struct {
	name  string
	short string // its own options, added to the global ones
	long  string
	// repos says whether it reads the repositories (info without
	// names does not).
	run func(e *env, o *opt.Result, args []string) error
}

// commands is the command table.
func commands() []command {
	return []command{
		{name: "info", short: "LWRrdswaePt", long: "contents=L who-owns=W depends=R rdepends=r description=d size=s webpage=w all=a installed=e provides=P triggers=t install-if rinstall-if replaces license", run: runInfo},
		{name: "list", short: "IauOodP", long: "installed=I available=a upgradable=u upgradeable=u orphaned=O origin=o depends=d providers=P", run: runList},
		{name: "policy", run: runPolicy},
		// The other read-only commands (search.go, version.go, verify.go,
		// manifest.go, stats.go, dot.go, audit.go).
		{name: "search", short: "adexor", long: "all=a description=d exact=e origin=o rdepends=r has-origin", run: runSearch},
		{name: "version", short: "acIl:t", long: "all=a check=c indexes=I limit=l test=t", run: runVersion},
		{name: "verify", run: runVerify},
		{name: "manifest", run: runManifest},
		{name: "stats", run: runStats},
		{name: "dot", long: "errors installed", run: runDot},
		// The commands that change the system (add.go, update.go).
		{name: "add", short: "ult:s", long: "upgrade=u latest=l virtual=t initdb no-chown", run: runAdd},
		{name: "del", short: "rs", long: "rdepends=r", run: runDel},
		{name: "fix", short: "dreuxs", long: "depends=d reinstall=r upgrade=u xattr=x directory-permissions", run: runFix},
		{name: "upgrade", short: "als", long: "available=a latest=l ignore prune no-self-upgrade self-upgrade-only", run: runUpgrade},
		{name: "update", run: runUpdate},
		// Building repositories, the cache, fetching (mkindex.go,
		// cache.go, fetch.go).
		{name: "index", short: indexShort, long: indexLong, run: runIndex},
		{name: "fetch", short: fetchShort, long: fetchLong, run: runFetch},
		{name: "cache", short: cacheShort, long: cacheLong, run: runCache},
	}
}

// env is what a command runs with: the options, the streams and the
// verbosity.
type env struct {
	ctx     *applet.Ctx
	out     *bufio.Writer
	o       *opt.Result
	verbose int // 1 by default; -q subtracts, -v adds
	width   int
	// fetchIndex, set by the writing commands, loads a remote
	// repository's index, downloading it when stale (write.go).
	fetchIndex func(d *db, r *repo.Repository, cache string) (data []byte, what string, err error)
}

// errorf prints "ERROR: ..." on stderr after flushing stdout, as apk
// keeps the interleaving.
func (e *env) errorf(format string, args ...any) {
	e.out.Flush()
	fmt.Fprintf(e.ctx.Stderr, "ERROR: "+format+"\n", args...)
}

// warnf prints "WARNING: ..." unless quiet.
func (e *env) warnf(format string, args ...any) {
	if e.verbose < 1 {
		return
	}
	e.out.Flush()
	fmt.Fprintf(e.ctx.Stderr, "WARNING: "+format+"\n", args...)
}

// findCommand returns the first argument that names a command, as
// apk-tools does before parsing options (it ignores option arguments).
func findCommand(args []string) (command, int, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			continue
		}
		for _, c := range commands() {
			if c.name == a {
				return c, i, true
			}
		}
	}
	return command{}, -1, false
}

// status maps apk's result count to an exit status: capped at 99.
func status(n int) error {
	if n > 99 {
		n = 99
	}
	return applet.Exit(n)
}

func run(ctx *applet.Ctx, args []string) error {
	cmd, at, found := findCommand(args)
	spec := &opt.Spec{Short: globalShort + cmd.short, Long: globalLong}
	if cmd.long != "" {
		spec.Long += " " + cmd.long
	}
	rest := args
	if found {
		rest = append(append([]string(nil), args[:at]...), args[at+1:]...)
	}
	o, err := opt.Parse(spec, rest)
	if err != nil {
		return err
	}
	e := &env{ctx: ctx, out: bufio.NewWriterSize(ctx.Stdout, 32<<10), o: o, width: 50}
	defer e.out.Flush()
	e.verbose = 1 + o.Count("v") - o.Count("q")
	switch {
	case o.Has("V"):
		fmt.Fprintf(e.out, "apk-tools 2.14.4 (gobox), compiled for %s.\n", compiledArch())
		return nil
	case o.Has("print-arch"):
		fmt.Fprintln(e.out, compiledArch())
		return nil
	case !found && len(o.Args) > 0:
		e.errorf("'%s' is not an apk command. See 'apk --help'.", o.Args[0])
		return applet.Exit(1)
	case !found || o.Has("h"):
		return applet.Usage("")
	}
	err = cmd.run(e, o, o.Args)
	e.out.Flush()
	return err
}

// compiledArch is apk's name for the architecture gobox was built for.
func compiledArch() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x86_64"
	case "386":
		return "x86"
	case "arm64":
		return "aarch64"
	case "arm":
		return "armv7"
	case "loong64":
		return "loongarch64"
	}
	return runtime.GOARCH
}

// rootPath returns the path of rel (relative to the root) on the host.
func (e *env) root() string {
	r := e.o.StrOr("p", "/")
	return filepath.Clean(e.ctx.Path(r))
}

func (e *env) rootPath(rel string) string { return filepath.Join(e.root(), rel) }
