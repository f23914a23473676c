// Package apk is Alpine's package manager, compatible with apk-tools 2.14
// (../shared/docs/apk.md): global options, a table of commands (one file
// each), and a database handle (db.go) over internal/apk's formats.
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
	// The commands and global options as apk-tools 2.14's "apk --help"
	// lists them (its groups, order and words).
	Help: "Alpine package manager (apk-tools 2.14 compatible)\n\n" +
		"Package installation and removal:\n" +
		"\tadd        Add packages to WORLD and commit changes\n" +
		"\tdel        Remove packages from WORLD and commit changes\n\n" +
		"System maintenance:\n" +
		"\tfix        Fix, reinstall or upgrade packages without modifying WORLD\n" +
		"\tupdate     Update repository indexes\n" +
		"\tupgrade    Install upgrades available from repositories\n" +
		"\tcache      Manage the local package cache\n\n" +
		"Querying package information:\n" +
		"\tinfo       Give detailed information about packages or repositories\n" +
		"\tlist       List packages matching a pattern or other criteria\n" +
		"\tdot        Render dependencies as graphviz graphs\n" +
		"\tpolicy     Show repository policy for packages\n" +
		"\tsearch     Search for packages by name or description\n\n" +
		"Repository maintenance:\n" +
		"\tindex      Create repository index file from packages\n" +
		"\tfetch      Download packages from repositories to a local directory\n" +
		"\tmanifest   Show checksums of package contents\n" +
		"\tverify     Verify package integrity and signature\n\n" +
		"Miscellaneous:\n" +
		"\taudit      Audit system for changes\n" +
		"\tstats      Show statistics about repositories and installations\n" +
		"\tversion    Compare package versions or perform tests on version strings\n\n" +
		"Global options:\n" +
		"\t-f, --force\t\tEnable selected --force-* options (deprecated)\n" +
		"\t-i, --interactive\tAsk confirmation before performing certain operations\n" +
		"\t-p, --root ROOT\t\tManage file system at ROOT\n" +
		"\t-q, --quiet\t\tPrint less information\n" +
		"\t-U, --update-cache\tAlias for '--cache-max-age 1'\n" +
		"\t-v, --verbose\t\tPrint more information (can be specified twice)\n" +
		"\t-V, --version\t\tPrint program version and exit\n" +
		"\t-X, --repository REPO\tSpecify additional package repository\n" +
		"\t--allow-untrusted\tInstall packages with untrusted signature or no signature\n" +
		"\t--arch ARCH\t\tTemporarily override architecture\n" +
		"\t--cache-dir CACHEDIR\tTemporarily override the cache directory\n" +
		"\t--cache-max-age AGE\tMaximum AGE (in minutes) for index in cache before it's refreshed\n" +
		"\t--force-binary-stdout\tContinue even if binary data will be printed to the terminal\n" +
		"\t--force-broken-world\tDANGEROUS: Delete world constraints until a solution without conflicts is found\n" +
		"\t--force-missing-repositories\tContinue even if some of the repository indexes are not available\n" +
		"\t--force-non-repository\tContinue even if packages may be lost on reboot\n" +
		"\t--force-old-apk\t\tContinue even if packages use unsupported features\n" +
		"\t--force-overwrite\tOverwrite files in other packages\n" +
		"\t--force-refresh\t\tDo not use cached files (local or from proxy)\n" +
		"\t--keys-dir KEYSDIR\tOverride directory of trusted keys\n" +
		"\t--no-cache\t\tDo not use any local cache path\n" +
		"\t--no-check-certificate\tDo not validate the HTTPS server certificates\n" +
		"\t--no-interactive\tDisable interactive mode\n" +
		"\t--no-network\t\tDo not use the network\n" +
		"\t--no-progress\t\tDisable progress bar even for TTYs\n" +
		"\t--print-arch\t\tPrint default arch and exit\n" +
		"\t--progress\t\tShow progress\n" +
		"\t--progress-fd FD\tWrite progress to the specified file descriptor\n" +
		"\t--purge\t\t\tPurge modified configuration and cached packages\n" +
		"\t--repositories-file REPOFILE\tOverride system repositories, see repositories\n" +
		"\t--timeout TIME\t\tTimeout network connections if no progress is made in TIME seconds\n" +
		"\t--wait TIME\t\tWait for TIME seconds to get an exclusive repository lock before failing\n\n" +
		"This apk has coffee making abilities.",
	Options: &opt.Spec{Manual: true, Short: globalShort, Long: globalLong,
		// Not global options of apk's help: -h, and the commit options
		// the commands that change the system take.
		Undocumented: "h from simulate clean-protected no-scripts no-commit-hooks initramfs-diskless-boot overlay-from-stdin"},
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
		{name: "audit", short: "r", long: "backup check-permissions details full ignore-busybox-symlinks packages protected-paths: recursive=r system", run: runAudit},
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

// root is the root directory (--root) on the host.
func (e *env) root() string {
	r := e.o.StrOr("p", "/")
	return filepath.Clean(e.ctx.Path(r))
}

// rootPath returns the path of rel (relative to the root) on the host.
func (e *env) rootPath(rel string) string { return filepath.Join(e.root(), rel) }

// keysDir is the trusted keys directory: --keys-dir relative to the root,
// or as given when absolute (apk-tools opens it with openat on the
// root's descriptor, which an absolute path ignores).
func (e *env) keysDir() string {
	dir := e.o.StrOr("keys-dir", "etc/apk/keys")
	if filepath.IsAbs(dir) {
		return e.ctx.Path(dir)
	}
	return e.rootPath(dir)
}
