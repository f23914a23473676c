package main

import (
	"bytes"
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initCost is one package that may run initialisation code at every exec of
// every applet, with what that cost when it was last reviewed and why it is
// there.
type initCost struct {
	pkg    string
	us     int // median clock in microseconds, for the reader; not asserted
	bytes  int // allocated by its init
	allocs int
	why    string
}

// initAllowed is the reviewed start-up budget: the packages whose init runs
// when gobox starts (GODEBUG=inittrace=1 gobox true), in the order they run.
// Measured with Go 1.26.8 on a loaded 2-core machine, median of 500 execs;
// `gobox true` took about 0.9 ms in all, a static hello world 0.8 ms. The
// first group is the floor of any Go program that imports os; the rest is
// what gobox adds to it. Bytes and allocations are asserted (with slack),
// the clock is not. Update an entry only with a fresh measurement and a
// reason that a reviewer can check.
var initAllowed = []initCost{
	// Go's floor: a static hello world that imports os runs all of these.
	{"internal/bytealg", 0, 0, 0, "Go's floor: picks the CPU's string search"},
	{"internal/runtime/gc/scan", 0, 0, 0, "Go's floor: checks for AVX-512 for the garbage collector's scan kernels"},
	{"runtime", 38, 0, 0, "Go's floor: the runtime's own package init"},
	{"errors", 2, 0, 0, "Go's floor: the error interface's type descriptor"},
	{"iter", 7, 16, 1, "Go's floor: a sentinel value for iter.Pull"},
	{"sync", 0, 0, 0, "Go's floor: registers Pool cleanup with the runtime"},
	{"internal/godebug", 46, 312, 7, "Go's floor: reads GODEBUG and registers for its updates"},
	{"syscall", 6, 768, 5, "Go's floor: raises the soft limit of open files (RLIMIT_NOFILE), as every Go program does"},
	{"time", 2, 0, 0, "Go's floor: records the start time"},
	{"internal/poll", 0, 72, 2, "Go's floor: a OnceValue and its error values"},
	{"io/fs", 0, 0, 0, "Go's floor: its error values"},
	{"os", 11, 432, 9, "Go's floor: os.Args, os.Stdin, os.Stdout, os.Stderr"},

	// What gobox adds.
	{"math", 2, 0, 0, "checks for FMA; dd, seq, printf, df, du and internal/cfmt do arithmetic"},
	{"context", 2, 112, 1, "the closed channel behind cancelled contexts; applet.Ctx carries a context for Ctrl-C"},
	{"os/signal", 2, 0, 0, "one assignment; signal handling of the applets that run programs (internal/run, nohup, timeout)"},
	{"unicode", 3, 512, 4, "FoldCategory and FoldScript, two small maps the linker keeps in any program that uses strings (a hello world with strings.ToUpper runs the same); its category and script maps (11 KB) stay pruned while nothing reaches them, as Go's regexp/syntax did for \\p{...}: gobox links no regexp (internal/regex)"},
	{"reflect", 0, 0, 0, "type descriptors for []byte and uint8; fmt needs reflect (applet messages)"},
	{"golang.org/x/sys/unix", 2, 48, 1, "package variables; the system calls the standard library lacks (statx, getdents64, ...)"},
	{"path/filepath", 2, 0, 0, "error values taken from io/fs; applets resolve paths against Ctx.Dir"},
	{"hash/crc32", 14, 1152, 5, "the IEEE table (1 KB) gzip's trailer needs; tar, gzip, gunzip, zcat and later apk read and write gzip with the standard library's codec, the cheapest at init of the field's choices (klauspost's builds 41 KB of tables: ../shared/docs/dependencies.md section 0)"},

	// The standard library's crypto: apk (issue 9) verifies RSA PKCS#1 v1.5
	// signatures of packages and indexes over SHA-1/SHA-256/SHA-512 (keys
	// parsed with encoding/asn1), and zstd's encoder imports crypto/rand.
	// Medians of 300 execs of `gobox true`; the whole group about 30 us.
	{"crypto", 0, 160, 1, "the crypto.Hash registry"},
	{"crypto/internal/fips140deps/cpu", 2, 0, 0, "CPU feature flags for the FIPS 140 module"},
	{"crypto/internal/fips140deps/time", 0, 0, 0, "the FIPS 140 module's clock"},
	{"crypto/internal/fips140", 3, 320, 8, "reads GODEBUG=fips140 (off)"},
	{"crypto/internal/fips140/sha3", 0, 0, 0, "package variables"},
	{"crypto/internal/fips140/sha256", 0, 144, 2, "package variables"},
	{"crypto/internal/fips140/sha512", 5, 192, 1, "package variables"},
	{"crypto/internal/fips140/hmac", 0, 0, 0, "package variables"},
	{"crypto/internal/fips140/check", 0, 0, 0, "the module's integrity check (off unless fips140=on)"},
	{"crypto/fips140", 0, 48, 1, "package variables"},
	{"crypto/internal/fips140/aes", 0, 0, 0, "package variables"},
	{"crypto/internal/fips140/bigmod", 3, 384, 1, "package variables"},
	{"crypto/internal/fips140/drbg", 0, 0, 0, "the random generator behind crypto/rand"},
	{"crypto/internal/fips140/aes/gcm", 2, 48, 2, "package variables"},
	{"crypto/internal/fips140/rsa", 6, 3264, 24, "RSA's error values and self-test registration (the test itself runs on first use)"},
	{"crypto/sha1", 0, 0, 0, "registers SHA-1 with crypto"},
	{"crypto/sha256", 0, 0, 0, "registers SHA-224/256 with crypto"},
	{"crypto/sha3", 0, 0, 0, "package variables"},
	{"crypto/sha512", 0, 0, 0, "registers SHA-384/512 with crypto"},
	{"math/big", 0, 0, 0, "package variables"},
	{"crypto/rand", 0, 0, 0, "the Reader (apk's key loading; zstd's padding filler)"},
	{"crypto/rsa", 0, 32, 2, "error values"},
	{"encoding/asn1", 0, 48, 2, "type descriptors for parsing apk's PEM keys"},
	{"encoding/base64", 8, 1408, 4, "the standard encodings (apk's identities and signatures)"},

	// zstd, unzstd, zstdcat and tar --zstd (issue 8): github.com/klauspost/compress/zstd, the
	// only serious pure-Go zstd (../shared/docs/dependencies.md). Medians of 300 execs of
	// `gobox true`; together about +0.2 ms of init per exec, nearly all snapref's table.
	{"github.com/klauspost/compress/internal/cpuinfo", 16, 0, 0, "zstd: reads the CPU's features (BMI2) for its assembly decoders"},
	{"github.com/klauspost/compress/internal/snapref", 160, 9216, 3, "zstd: crc32.MakeTable(Castagnoli) at package level for its snappy converter, which builds the stdlib's SSE4.2 shift tables; it cannot be made lazy without forking the library"},
	{"github.com/klauspost/compress/zstd", 3, 0, 0, "zstd: the same Castagnoli table (already built) and its package variables"},
	{"log", 3, 64, 2, "zstd imports log for its debug printing (off)"},

	// xz, unxz, xzcat, lzma, unlzma, lzcat and tar -J/--lzma (issue 8): the LZMA and LZMA2
	// coders of github.com/ulikunitz/xz/lzma, the only pure-Go xz/lzma reader and writer.
	// Its xz package (the +289 us of dependencies.md: a CRC-64 table built at package level)
	// is not linked: internal/xzio frames .xz itself and builds that table on first use.
	// Medians of 300 execs of `gobox true`; together under 10 us per exec.
	{"hash/crc64", 0, 64, 2, "xz: the standard library's CRC-64 (the .xz check), whose tables are built on first use; its package init is two small variables"},
	{"github.com/ulikunitz/xz/internal/xlog", 4, 0, 0, "xz: the library's debug logger (off), one log.Logger variable"},
	{"github.com/ulikunitz/xz/lzma", 0, 256, 2, "xz: the library's error values and the names of its match finders (a two-entry map)"},

	// apk's remote repositories (issue 9): internal/httpclient links crypto/tls and net
	// (https repositories; net/http is avoided). Medians of 300 execs of `gobox true`;
	// together about +0.12 ms of init per exec, reviewed: the issue asks for TLS over crypto/tls, and net/http would cost 0.8 ms more.
	{"crypto/internal/fips140/edwards25519/field", 4, 144, 3, tlsReason},
	{"crypto/internal/fips140/edwards25519", 12, 528, 7, tlsReason},
	{"crypto/internal/fips140/ed25519", 0, 64, 2, tlsReason},
	{"crypto/internal/fips140/hkdf", 0, 0, 0, tlsReason},
	{"crypto/internal/fips140/mlkem", 0, 64, 2, tlsReason},
	{"crypto/internal/fips140/nistec", 2, 0, 0, tlsReason},
	{"crypto/internal/fips140/ecdh", 2, 256, 6, tlsReason},
	{"crypto/internal/fips140/ecdsa", 0, 608, 16, tlsReason},
	{"crypto/internal/fips140/tls12", 1, 0, 0, tlsReason},
	{"crypto/internal/fips140/tls13", 0, 0, 0, tlsReason},
	{"crypto/md5", 2, 0, 0, tlsReason},
	{"crypto/tls/internal/fips140tls", 2, 0, 0, tlsReason},
	{"crypto/x509/pkix", 2, 664, 4, tlsReason},
	{"vendor/golang.org/x/crypto/cryptobyte", 2, 32, 2, tlsReason},
	{"vendor/golang.org/x/net/dns/dnsmessage", 3, 768, 6, tlsReason},
	{"vendor/golang.org/x/sys/cpu", 47, 5000, 10, tlsReason},
	{"vendor/golang.org/x/crypto/chacha20poly1305", 0, 0, 0, tlsReason},
	{"crypto/hpke", 2, 0, 0, tlsReason},
	{"crypto/ecdsa", 0, 48, 2, tlsReason},
	{"net/netip", 15, 728, 18, tlsReason},
	{"net", 5, 1768, 23, tlsReason},
	{"crypto/x509", 6, 48, 2, tlsReason},
	{"crypto/tls", 5, 2312, 13, tlsReason},
}

// tlsReason is the reason of the packages internal/httpclient links.
const tlsReason = "apk: https repositories through internal/httpclient (crypto/tls, net)"

// initLine is one line of GODEBUG=inittrace=1's output.
var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, (\S+) ms clock, (\d+) bytes, (\d+) allocs$`)

// TestStartupBudget fails when a package outside initAllowed runs init
// code at start-up, when one of them allocates far more than it did when it
// was reviewed, or when the list names a package that no longer runs any.
// Every linked package runs its init at every exec of every applet, even
// when nothing calls it, so one careless import (net/http: +0.8 ms) would
// slow every `ls` in every script. It judges by package names and counts,
// not times, so it is stable.
func TestStartupBudget(t *testing.T) {
	cmd := exec.Command(gobox, "true")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("GODEBUG=inittrace=1 gobox true: %v\n%s", err, stderr.String())
	}
	allowed := map[string]initCost{}
	for _, c := range initAllowed {
		allowed[c.pkg] = c
	}
	seen := map[string]bool{}
	chains := importChains()
	for _, line := range strings.Split(stderr.String(), "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		pkg, clock := m[1], m[2]
		nbytes, _ := strconv.Atoi(m[3])
		allocs, _ := strconv.Atoi(m[4])
		seen[pkg] = true
		look := fmt.Sprintf("`go build -o /tmp/g ./cmd/gobox && go tool objdump -s '^%s\\.init' /tmp/g` shows what it runs.",
			regexp.QuoteMeta(pkg))
		c, ok := allowed[pkg]
		switch {
		case strings.HasPrefix(pkg, "gobox/"):
			t.Errorf("%s runs init code at every exec of every applet (%s ms, %d bytes, %d allocs).\n"+
				"gobox's own packages must run none: no init(), and nothing at package level that needs code to\n"+
				"build (a regexp, a map, a table, fmt.Errorf): build it on first use with sync.OnceValue.\n%s",
				pkg, clock, nbytes, allocs, look)
		case !ok:
			t.Errorf("%s runs init code at every exec of every applet (%s ms, %d bytes, %d allocs here),\n"+
				"and it is not on the reviewed list initAllowed in cmd/gobox/startup_test.go.\n"+
				"It is linked through: %s\n"+
				"If the import can be avoided or deferred, do that: ../shared/docs/dependencies.md section 0 lists\n"+
				"cheaper choices (no net/http, no text/template, libraries without init-time tables).\n"+
				"If it must stay, measure it (GODEBUG=inittrace=1 ./gobox true, many runs; make bench) and add\n"+
				"an entry with its median clock, bytes, allocations and the reason, for review.\n%s",
				pkg, clock, nbytes, allocs, chains(pkg), look)
		case nbytes > 2*c.bytes+4096 || allocs > 2*c.allocs+16:
			t.Errorf("the init of %s now allocates %d bytes in %d allocations; it was reviewed at %d bytes in %d.\n"+
				"It is linked through: %s\n"+
				"Find what grew (a new package-level table, a dependency upgrade, a newly reached map); make it lazy,\n"+
				"or re-measure and update its entry in initAllowed with the reason.\n%s",
				pkg, nbytes, allocs, c.bytes, c.allocs, chains(pkg), look)
		}
	}
	if !seen["runtime"] || !seen["os"] {
		t.Fatalf("GODEBUG=inittrace=1 gobox true printed no init lines for runtime and os; has the format changed?\n%s", stderr.String())
	}
	for _, c := range initAllowed {
		if !seen[c.pkg] {
			t.Errorf("%s is on initAllowed but runs no init code in `gobox true`: delete its entry,\n"+
				"so that the list keeps saying what start-up costs today", c.pkg)
		}
	}
}

// importChains returns a function that names the shortest import chain from
// gobox's main package to a package, so that a failure says which import to
// look at. It runs go list only when first asked.
func importChains() func(string) string {
	var imports map[string][]string
	var listErr error
	return func(pkg string) string {
		if imports == nil && listErr == nil {
			cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", ".")
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
			out, err := cmd.Output()
			if err != nil {
				listErr = fmt.Errorf("go list: %v", err)
			} else {
				imports = map[string][]string{}
				for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
					f := strings.Fields(line)
					imports[f[0]] = f[1:]
				}
			}
		}
		if listErr != nil {
			return "(" + listErr.Error() + ")"
		}
		// Breadth first from the main package.
		const root = "gobox/cmd/gobox"
		prev := map[string]string{root: ""}
		queue := []string{root}
		for len(queue) > 0 {
			if _, ok := prev[pkg]; ok {
				break
			}
			p := queue[0]
			queue = queue[1:]
			for _, q := range imports[p] {
				if _, ok := prev[q]; !ok {
					prev[q] = p
					queue = append(queue, q)
				}
			}
		}
		if _, ok := prev[pkg]; !ok {
			return "(not found in go list -deps ./cmd/gobox)"
		}
		chain := []string{pkg}
		for p := prev[pkg]; p != ""; p = prev[p] {
			chain = append([]string{p}, chain...)
		}
		return strings.Join(chain, " -> ")
	}
}

// TestMemoryProfilingLinkedOut: the linker turns Go's heap profiler off when
// nothing in the binary can read the profile (runtime.MemProfile and so
// runtime/pprof are unreachable); the runtime then sets MemProfileRate to 0
// before main and never samples an allocation or allocates the profiler's
// 1.4 MB bucket hash table. That is why scripts/build.sh needs no
// -X runtime.godebugDefault=memprofilerate=0 (measured: with it, the same
// private memory and exec time). This keeps the condition true: the
// profile's reader, runtime.memProfileInternal, must not be linked in.
func TestMemoryProfilingLinkedOut(t *testing.T) {
	f, err := elf.Open(gobox)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	text, pcln := f.Section(".text"), f.Section(".gopclntab")
	if text == nil || pcln == nil {
		t.Fatalf("%s has no .text or .gopclntab section", gobox)
	}
	data, err := pcln.Data()
	if err != nil {
		t.Fatal(err)
	}
	table, err := gosym.NewTable(nil, gosym.NewLineTable(data, text.Addr))
	if err != nil {
		t.Fatal(err)
	}
	if table.LookupFunc("main.main") == nil || table.LookupFunc("runtime.mallocgc") == nil {
		t.Fatalf("the function table of %s lacks main.main or runtime.mallocgc; cannot judge", gobox)
	}
	if table.LookupFunc("runtime.memProfileInternal") != nil {
		t.Errorf("runtime.memProfileInternal is linked in: something reaches runtime.MemProfile (runtime/pprof,\n" +
			"net/http/pprof, testing), so the linker leaves the heap profiler on: every exec samples allocations\n" +
			"and may allocate its 1.4 MB bucket table. `go build -ldflags=-dumpdep ./cmd/gobox 2>&1 | grep -i memprofile`\n" +
			"shows what reaches it; drop that import from the binary. If it must stay, add\n" +
			"-X runtime.godebugDefault=memprofilerate=0 to the flags in scripts/build.sh and extend this test.")
	}
}
