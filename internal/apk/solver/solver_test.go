package solver

import (
	"strings"
	"testing"

	"gobox/internal/apk/dep"
	"gobox/internal/apk/version"
)

// The test repositories of ../shared/fixtures/apk/repos/*.spec, as the
// solver sees them, with a base system providing /bin/sh.
const (
	base = `
busybox=1.36.1-r29 r:
busybox-binsh=1.36.1-r29 D:busybox=1.36.1-r29 p:/bin/sh,cmd:sh=1.36.1-r29 k:100 r:
`
	baseInst  = "busybox=1.36.1-r29 busybox-binsh=1.36.1-r29"
	baseWorld = "busybox busybox-binsh "
	basic     = `
hello=1.0-r0 D:libhello,/bin/sh p:cmd:hello=1.0-r0
libhello=1.0-r0 p:so:libhello.so.1=1.0.0
hello-doc=1.0-r0 i:docs,hello=1.0-r0
docs=1.0-r0
trigwatch=1.0-r0
trigfeed=1.0-r0
noarchpkg=1.0-r0
`
	basicV2 = `
hello=1.1-r0 D:libhello>=1.1,/bin/sh p:cmd:hello=1.1-r0 r:1
libhello=1.1-r0 p:so:libhello.so.1=1.1.0 r:1
`
	features = `
postfix-lite=1.0-r0 p:mta k:10
exim-lite=1.0-r0 p:mta k:20
mailer=1.0-r0 D:mta
vi-a=1.0-r0 p:editor
vi-b=2.0-r0 p:editor
tool-one=1.0-r0 p:cmd:tool=1.0-r0
tool-two=2.0-r0 p:cmd:tool=2.0-r0
conflicter=1.0-r0 D:!postfix-lite
needs-missing=1.0-r0 D:does-not-exist
needs-newer=1.0-r0 D:libver>=2.0
libver=1.5-r0
libver=1.0-r0
wants-fuzzy=1.0-r0 D:libver~1.0
only=1.0-r0 p:solo
`
)

type solverCase struct {
	name      string
	pkgs      string
	installed string
	world     string
	tags      []string
	flags     Flags
	nameFlags map[string]Flags
	want      string
}

func runCases(t *testing.T, cases []solverCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := setup(t, c.pkgs, c.installed, c.world, c.tags...)
			req.Flags, req.NameFlags = c.flags, c.nameFlags
			got := output(Solve(req))
			want := strings.TrimPrefix(c.want, "\n")
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			// Deterministic: the same input gives the same answer.
			req2 := setup(t, c.pkgs, c.installed, c.world, c.tags...)
			req2.Flags, req2.NameFlags = c.flags, c.nameFlags
			if again := output(Solve(req2)); again != got {
				t.Errorf("second run differs:\n%s", again)
			}
		})
	}
}

// Transcripts 01, 03, 04, 05 (repository basic and basic-v2).
func TestBasic(t *testing.T) {
	b := base + basic
	b2 := base + basic + basicV2
	runCases(t, []solverCase{
		{name: "add hello", pkgs: b, installed: baseInst, world: baseWorld + "hello", want: `
(1/2) Installing libhello (1.0-r0)
(2/2) Installing hello (1.0-r0)
`},
		{name: "add already installed", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello", want: ``},
		{name: "add keeps installed older", pkgs: b2, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello", want: ``},
		{name: "add -u upgrades with deps", pkgs: b2, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello",
			nameFlags: map[string]Flags{"hello": Upgrade}, want: `
(1/2) Upgrading libhello (1.0-r0 -> 1.1-r0)
(2/2) Upgrading hello (1.0-r0 -> 1.1-r0)
`},
		{name: "upgrade all", pkgs: b2, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello", flags: Upgrade, want: `
(1/2) Upgrading libhello (1.0-r0 -> 1.1-r0)
(2/2) Upgrading hello (1.0-r0 -> 1.1-r0)
`},
		{name: "constraint downgrades", pkgs: b2, installed: baseInst + " hello=1.1-r0 libhello=1.1-r0", world: baseWorld + "hello<1.1", want: `
(1/1) Downgrading hello (1.1-r0 -> 1.0-r0)
`},
		{name: "fuzzy upgrades", pkgs: b2, installed: baseInst + " hello=1.0-r0 libhello=1.1-r0", world: baseWorld + "hello~1.1", want: `
(1/1) Upgrading hello (1.0-r0 -> 1.1-r0)
`},
		{name: "satisfied ge", pkgs: b2, installed: baseInst + " hello=1.1-r0 libhello=1.1-r0", world: baseWorld + "hello>=1.1 libhello", want: ``},
		{name: "hello<1.1 libhello>=1.1", pkgs: b2, installed: baseInst, world: baseWorld + "hello<1.1 libhello>=1.1", want: `
(1/2) Installing libhello (1.1-r0)
(2/2) Installing hello (1.0-r0)
`},
		{name: "exact version", pkgs: b, installed: baseInst, world: baseWorld + "hello=1.0-r0", want: `
(1/2) Installing libhello (1.0-r0)
(2/2) Installing hello (1.0-r0)
`},
		{name: "exact version newer lib", pkgs: b2, installed: baseInst, world: baseWorld + "hello=1.0-r0", want: `
(1/2) Installing libhello (1.1-r0)
(2/2) Installing hello (1.0-r0)
`},
		{name: "newest when nothing installed", pkgs: b2, installed: baseInst, world: baseWorld + "hello", want: `
(1/2) Installing libhello (1.1-r0)
(2/2) Installing hello (1.1-r0)
`},
		{name: "del removes dependents first", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld, want: `
(1/2) Purging hello (1.0-r0)
(2/2) Purging libhello (1.0-r0)
`},
		{name: "del libhello kept by hello", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello", want: ``},
		{name: "del several sorted", pkgs: b, installed: baseInst + " trigfeed=1.0-r0 trigwatch=1.0-r0 docs=1.0-r0", world: baseWorld, want: `
(1/3) Purging docs (1.0-r0)
(2/3) Purging trigfeed (1.0-r0)
(3/3) Purging trigwatch (1.0-r0)
`},
		{name: "install_if added", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "docs hello", want: `
(1/2) Installing docs (1.0-r0)
(2/2) Installing hello-doc (1.0-r0)
`},
		{name: "install_if not without trigger", pkgs: b, installed: baseInst, world: baseWorld + "docs", want: `
(1/1) Installing docs (1.0-r0)
`},
		{name: "install_if purged on upgrade", pkgs: b2, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0 docs=1.0-r0 hello-doc=1.0-r0", world: baseWorld + "docs hello", flags: Upgrade, want: `
(1/3) Purging hello-doc (1.0-r0)
(2/3) Upgrading libhello (1.0-r0 -> 1.1-r0)
(3/3) Upgrading hello (1.0-r0 -> 1.1-r0)
`},
		{name: "install_if purged when trigger removed", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0 docs=1.0-r0 hello-doc=1.0-r0", world: baseWorld + "hello", want: `
(1/2) Purging hello-doc (1.0-r0)
(2/2) Purging docs (1.0-r0)
`},
		{name: "no such package", pkgs: b, installed: baseInst, world: baseWorld + "nothere", want: `
ERROR: unable to select packages:
  nothere (no such package):
    required by: world[nothere]
[exit 1]
`},
		{name: "two missing", pkgs: b, installed: baseInst, world: baseWorld + "hello nothere other", want: `
ERROR: unable to select packages:
  nothere (no such package):
    required by: world[nothere]
  other (no such package):
    required by: world[other]
[exit 2]
`},
		{name: "breaks world", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello>5", want: `
ERROR: unable to select packages:
  hello-1.0-r0:
    breaks: world[hello>5]
[exit 1]
`},
		{name: "breaks world and satisfies", pkgs: b, installed: baseInst, world: baseWorld + "hello libhello>5", want: `
ERROR: unable to select packages:
  libhello-1.0-r0:
    breaks: world[libhello>5]
    satisfies: hello-1.0-r0[libhello]
[exit 2]
`},
		{name: "missing /bin/sh", pkgs: basic, world: "hello", want: `
ERROR: unable to select packages:
  /bin/sh (no such package):
    required by: hello-1.0-r0[/bin/sh]
[exit 2]
`},
		{name: "checksum pin missing", pkgs: b, installed: baseInst, world: baseWorld + "corrupt><Q1AoXvtKFM0OiUdsNUHE2X/O0oQhs=", want: `
ERROR: unable to select packages:
  corrupt (no such package):
    required by: world[corrupt><Q1AoXvtKFM0OiUdsNUHE2X/O0oQhs=]
[exit 1]
`},
		{name: "checksum pin", pkgs: b, installed: baseInst, world: baseWorld + "trigfeed><Q1trigfeed-1.0-r0=", want: `
(1/1) Installing trigfeed (1.0-r0)
`},
		{name: "checksum pin mismatch", pkgs: b, installed: baseInst, world: baseWorld + "trigfeed><Q1other=", want: `
ERROR: unable to select packages:
  trigfeed-1.0-r0:
    breaks: world[trigfeed><Q1other=]
[exit 1]
`},
		{name: "provides cmd", pkgs: b, installed: baseInst, world: baseWorld + "cmd:hello", want: `
(1/2) Installing libhello (1.0-r0)
(2/2) Installing hello (1.0-r0)
`},
		{name: "provides so", pkgs: b2, installed: baseInst, world: baseWorld + "so:libhello.so.1", want: `
(1/1) Installing libhello (1.1-r0)
`},
		{name: "versioned so dep", pkgs: b2, installed: baseInst, world: baseWorld + "so:libhello.so.1<1.1", want: `
(1/1) Installing libhello (1.0-r0)
`},
		{name: "conflict with installed", pkgs: b, installed: baseInst, world: "busybox-binsh !busybox", want: `
ERROR: unable to select packages:
  busybox-1.36.1-r29:
    breaks: world[!busybox]
    satisfies: busybox-binsh-1.36.1-r29[busybox=1.36.1-r29]
[exit 2]
`},
		{name: "conflict with absent", pkgs: b, installed: baseInst, world: baseWorld + "!hello", want: ``},
		{name: "virtual -t package", pkgs: b + ".build-deps=20240101.000000 D:hello,libhello r:", installed: baseInst, world: baseWorld + ".build-deps", want: `
(1/3) Installing libhello (1.0-r0)
(2/3) Installing hello (1.0-r0)
(3/3) Installing .build-deps (20240101.000000)
`},
		{name: "del virtual -t package", pkgs: b + ".build-deps=20240101.000000 D:hello,libhello r:\nvirt2=1.5 D:noarchpkg r:\n.empty=20240101.000001 r:",
			installed: baseInst + " libhello=1.0-r0 hello=1.0-r0 .build-deps=20240101.000000 noarchpkg=1.0-r0 virt2=1.5 .empty=20240101.000001", world: baseWorld, want: `
(1/6) Purging .build-deps (20240101.000000)
(2/6) Purging hello (1.0-r0)
(3/6) Purging libhello (1.0-r0)
(4/6) Purging .empty (20240101.000001)
(5/6) Purging virt2 (1.5)
(6/6) Purging noarchpkg (1.0-r0)
`},
		{name: "reinstall", pkgs: b, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello",
			nameFlags: map[string]Flags{"hello": Reinstall}, want: `
(1/1) Reinstalling hello (1.0-r0)
`},
		// fix -d: the dependencies, through provided names, and the
		// install_if packages they trigger (transcript 03's ssl_client,
		// libssl3 and libcrypto3); noarchpkg, not pulled in, stays.
		{name: "reinstall inherited", pkgs: b + "sslc=1.0-r0 i:busybox,libhello D:so:libssl.so.3\nlibssl=1.0-r0 p:so:libssl.so.3=3.0",
			installed: baseInst + " hello=1.0-r0 libhello=1.0-r0 noarchpkg=1.0-r0 sslc=1.0-r0 libssl=1.0-r0", world: baseWorld + "hello noarchpkg",
			nameFlags: map[string]Flags{"hello": Reinstall | Inherit}, want: `
(1/6) Reinstalling busybox (1.36.1-r29)
(2/6) Reinstalling busybox-binsh (1.36.1-r29)
(3/6) Reinstalling libhello (1.0-r0)
(4/6) Reinstalling libssl (1.0-r0)
(5/6) Reinstalling sslc (1.0-r0)
(6/6) Reinstalling hello (1.0-r0)
`},
	})
}

// Transcript 06 (repository features).
func TestFeatures(t *testing.T) {
	f := base + features
	runCases(t, []solverCase{
		{name: "priority picks exim", pkgs: f, installed: baseInst, world: baseWorld + "mailer", want: `
(1/2) Installing exim-lite (1.0-r0)
(2/2) Installing mailer (1.0-r0)
`},
		{name: "del mailer", pkgs: f, installed: baseInst + " exim-lite=1.0-r0 mailer=1.0-r0", world: baseWorld, want: `
(1/2) Purging mailer (1.0-r0)
(2/2) Purging exim-lite (1.0-r0)
`},
		{name: "virtual with priority", pkgs: f, installed: baseInst, world: baseWorld + "mta", want: `
(1/1) Installing exim-lite (1.0-r0)
`},
		{name: "world names the provider", pkgs: f, installed: baseInst + " exim-lite=1.0-r0", world: baseWorld + "mta mailer postfix-lite", want: `
(1/3) Purging exim-lite (1.0-r0)
(2/3) Installing postfix-lite (1.0-r0)
(3/3) Installing mailer (1.0-r0)
`},
		{name: "provider kept by virtual name", pkgs: f, installed: baseInst + " postfix-lite=1.0-r0 mailer=1.0-r0", world: baseWorld + "mta", want: `
(1/1) Purging mailer (1.0-r0)
`},
		{name: "virtual without priority", pkgs: f, installed: baseInst, world: baseWorld + "editor", want: `
ERROR: unable to select packages:
  editor (virtual):
    note: please select one of the 'provided by'
          packages explicitly
    provided by: vi-a vi-b
    required by: world[editor]
[exit 1]
`},
		{name: "single virtual provider", pkgs: f, installed: baseInst, world: baseWorld + "solo", want: `
ERROR: unable to select packages:
  solo (virtual):
    note: please select one of the 'provided by'
          packages explicitly
    provided by: only
    required by: world[solo]
[exit 1]
`},
		{name: "two virtual providers together", pkgs: f, installed: baseInst, world: baseWorld + "vi-a vi-b", want: `
(1/2) Installing vi-a (1.0-r0)
(2/2) Installing vi-b (2.0-r0)
`},
		{name: "virtual satisfied by named provider", pkgs: f, installed: baseInst, world: baseWorld + "editor vi-b", want: `
(1/1) Installing vi-b (2.0-r0)
`},
		{name: "versioned provide picks newest", pkgs: f, installed: baseInst, world: baseWorld + "cmd:tool", want: `
(1/1) Installing tool-two (2.0-r0)
`},
		{name: "versioned provides conflict", pkgs: f, installed: baseInst + " tool-two=2.0-r0", world: baseWorld + "cmd:tool tool-one tool-two", want: `
ERROR: unable to select packages:
  tool-two-2.0-r0:
    conflicts: tool-one-1.0-r0[cmd:tool=2.0-r0]
    satisfies: world[cmd:tool] world[tool-two]
  tool-one-1.0-r0:
    conflicts: tool-two-2.0-r0[cmd:tool=1.0-r0]
    satisfies: world[cmd:tool] world[tool-one]
[exit 2]
`},
		{name: "versioned provide takeover", pkgs: f, installed: baseInst + " tool-two=2.0-r0", world: baseWorld + "cmd:tool tool-one", want: `
(1/2) Purging tool-two (2.0-r0)
(2/2) Installing tool-one (1.0-r0)
`},
		{name: "explicit conflict", pkgs: f, installed: baseInst + " postfix-lite=1.0-r0", world: baseWorld + "conflicter mta postfix-lite", want: `
ERROR: unable to select packages:
  postfix-lite-1.0-r0:
    breaks: conflicter-1.0-r0[!postfix-lite]
    satisfies: world[mta] world[postfix-lite]
[exit 2]
`},
		{name: "conflict steers provider", pkgs: f, installed: baseInst, world: baseWorld + "conflicter mailer", want: `
(1/3) Installing conflicter (1.0-r0)
(2/3) Installing exim-lite (1.0-r0)
(3/3) Installing mailer (1.0-r0)
`},
		{name: "dependency missing", pkgs: f, installed: baseInst, world: baseWorld + "needs-missing", want: `
ERROR: unable to select packages:
  does-not-exist (no such package):
    required by: needs-missing-1.0-r0[does-not-exist]
[exit 2]
`},
		{name: "dependency too old", pkgs: f, installed: baseInst, world: baseWorld + "needs-newer", want: `
ERROR: unable to select packages:
  libver-1.5-r0:
    breaks: needs-newer-1.0-r0[libver>=2.0]
[exit 2]
`},
		{name: "fuzzy dependency", pkgs: f, installed: baseInst, world: baseWorld + "wants-fuzzy", want: `
(1/2) Installing libver (1.0-r0)
(2/2) Installing wants-fuzzy (1.0-r0)
`},
		{name: "fuzzy keeps installed", pkgs: f, installed: baseInst + " libver=1.0-r0", world: baseWorld + "libver~1", want: ``},
		{name: "gt keeps installed", pkgs: f, installed: baseInst + " libver=1.0-r0", world: baseWorld + "libver>1.0", want: ``},
		{name: "latest breaks", pkgs: f, installed: baseInst + " libver=1.0-r0", world: baseWorld + "libver<1.5",
			nameFlags: map[string]Flags{"libver": Latest}, want: `
ERROR: unable to select packages:
  libver-1.5-r0:
    breaks: world[libver<1.5]
[exit 1]
`},
		{name: "without latest lt picks older", pkgs: f, installed: baseInst, world: baseWorld + "libver<1.5", want: `
(1/1) Installing libver (1.0-r0)
`},
		{name: "latest upgrades", pkgs: f, installed: baseInst + " libver=1.0-r0", world: baseWorld + "libver",
			nameFlags: map[string]Flags{"libver": Latest}, want: `
(1/1) Upgrading libver (1.0-r0 -> 1.5-r0)
`},
		{name: "so provided by installed", pkgs: f, installed: baseInst, world: baseWorld + "/bin/sh", want: ``},
		{name: "two constraints same name", pkgs: base + basic, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello=2", want: `
ERROR: unable to select packages:
  hello-1.0-r0:
    breaks: world[hello=2]
[exit 1]
`},
	})
}

// Transcript 09: tags.
func TestTags(t *testing.T) {
	p := base + basic + basicV2 + `
postfix-lite=1.0-r0 p:mta k:10 r:2
exim-lite=1.0-r0 p:mta k:20 r:2
mailer=1.0-r0 D:mta r:2
`
	tags := []string{"", "v2", "feat"}
	runCases(t, []solverCase{
		{name: "untagged ignores tagged newer", pkgs: p, tags: tags, installed: baseInst, world: baseWorld + "hello", want: `
(1/2) Installing libhello (1.0-r0)
(2/2) Installing hello (1.0-r0)
`},
		{name: "tag upgrades the tree", pkgs: p, tags: tags, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0", world: baseWorld + "hello@v2", want: `
(1/2) Upgrading libhello@v2 (1.0-r0 -> 1.1-r0)
(2/2) Upgrading hello@v2 (1.0-r0 -> 1.1-r0)
`},
		{name: "untagging downgrades", pkgs: p, tags: tags, installed: baseInst + " hello=1.1-r0@v2 libhello=1.1-r0@v2", world: baseWorld + "hello", want: `
(1/2) Downgrading libhello (1.1-r0 -> 1.0-r0)
(2/2) Downgrading hello (1.1-r0 -> 1.0-r0)
`},
		{name: "masked", pkgs: p, tags: tags, installed: baseInst, world: baseWorld + "mailer", want: `
ERROR: unable to select packages:
  exim-lite-1.0-r0:
    masked in: @feat
    satisfies: mailer-1.0-r0[mta]
  mailer-1.0-r0:
    masked in: @feat
    satisfies: world[mailer]
[exit 2]
`},
		{name: "tagged tree", pkgs: p, tags: tags, installed: baseInst, world: baseWorld + "mailer@feat", want: `
(1/2) Installing exim-lite@feat (1.0-r0)
(2/2) Installing mailer@feat (1.0-r0)
`},
		{name: "tagged lib only", pkgs: p, tags: tags, installed: baseInst + " hello=1.0-r0 libhello=1.0-r0 exim-lite=1.0-r0@feat mailer=1.0-r0@feat", world: baseWorld + "hello libhello@v2>=1.1 mailer@feat", want: `
(1/1) Upgrading libhello@v2 (1.0-r0 -> 1.1-r0)
`},
		{name: "tagged installed kept", pkgs: p, tags: tags, installed: baseInst + " exim-lite=1.0-r0@feat mailer=1.0-r0@feat", world: baseWorld + "mailer@feat", want: ``},
		{name: "del tagged", pkgs: p, tags: tags, installed: baseInst + " hello=1.0-r0 libhello=1.1-r0@v2 exim-lite=1.0-r0@feat mailer=1.0-r0@feat", world: baseWorld, want: `
(1/4) Purging mailer (1.0-r0)
(2/4) Purging exim-lite (1.0-r0)
(3/4) Purging hello (1.0-r0)
(4/4) Purging libhello (1.1-r0)
`},
		{name: "tag preferred over newer untagged", pkgs: base + `
a=1.0 r:1
a=2.0 r:0
`, tags: tags, installed: baseInst, world: baseWorld + "a@v2", want: `
(1/1) Installing a@v2 (1.0)
`},
	})
}

// A virtual name met before the package providing it is required: apk
// takes the provider (as busybox gives /bin/sh to a world holding
// alpine-base), whatever the order the names are met in. Recorded with
// apk-tools 2.14.4 against a repository of these four packages.
func TestVirtualRequiredLater(t *testing.T) {
	p := `
base=1.0-r0 D:aaa,shprov
aaa=1.0-r0 D:vsh
shprov=1.0-r0 p:vsh
other=1.0-r0 D:vsh
`
	runCases(t, []solverCase{
		{name: "provider required after", pkgs: p, world: "base", want: `
(1/3) Installing shprov (1.0-r0)
(2/3) Installing aaa (1.0-r0)
(3/3) Installing base (1.0-r0)
`},
		{name: "provider in the world", pkgs: p, world: "aaa shprov", want: `
(1/2) Installing shprov (1.0-r0)
(2/2) Installing aaa (1.0-r0)
`},
		{name: "provider required by another world entry", pkgs: p, world: "other base", want: `
(1/4) Installing shprov (1.0-r0)
(2/4) Installing aaa (1.0-r0)
(3/4) Installing base (1.0-r0)
(4/4) Installing other (1.0-r0)
`},
		{name: "provider not required", pkgs: p, world: "other", want: `
ERROR: unable to select packages:
  vsh (virtual):
    note: please select one of the 'provided by'
          packages explicitly
    provided by: shprov
    required by: other-1.0-r0[vsh]
[exit 2]
`},
	})
}

// With Alpine's real index, a world holding alpine-base solves: its
// packages need /bin/sh before the walk reaches busybox, which provides
// it without a version or priority.
func TestAlpineBase(t *testing.T) {
	pkgs := readIndex(t, realIndex)
	sol := Solve(&Request{World: []dep.Dep{{Name: "alpine-base", Op: version.Any}}, Packages: pkgs, Repos: []Repository{{}}, Width: 50})
	if sol.Errors != 0 {
		t.Fatalf("errors %d:\n%s", sol.Errors, sol.Report)
	}
	var got []string
	for _, p := range sol.Packages {
		got = append(got, p.Name)
	}
	if !strings.Contains(" "+strings.Join(got, " ")+" ", " busybox ") {
		t.Errorf("busybox not chosen: %v", got)
	}
}

// An installed busybox that no repository has (Alpine 3.20's 1.36.1
// against the v3.16 index's 1.35.0, which provides /bin/sh itself) is
// kept with busybox-binsh, which provides /bin/sh and depends on its
// exact version, and ssl_client, installed through install_if on it.
// gobox gave /bin/sh to the repository's busybox because the world names
// busybox, and so downgraded busybox and purged the other two on every
// command. Each case mirrors one run of apk-tools 2.14.4 on Alpine
// 3.20.3's installed database with the v3.16 index (also
// TestAlpine's r316 cases).
func TestInstalledNewerThanRepository(t *testing.T) {
	p := `
busybox=1.36.1-r29 p:cmd:busybox=1.36.1-r29 r:
busybox-binsh=1.36.1-r29 D:busybox=1.36.1-r29 p:/bin/sh,cmd:sh=1.36.1-r29 k:100 r:
ssl_client=1.36.1-r29 D:libssl3 p:cmd:ssl_client=1.36.1-r29 i:busybox=1.36.1-r29,libssl3 r:
libssl3=3.3.2-r0 r:
baselayout=3.6.5-r0 D:/bin/sh r:
baselayout=3.2.0-r23 D:/bin/sh
busybox=1.35.0-r17 p:/bin/sh,cmd:busybox=1.35.0-r17,cmd:sh=1.35.0-r17
ssl_client=1.35.0-r17 D:libssl1.1 p:cmd:ssl_client=1.35.0-r17 i:busybox=1.35.0-r17,libssl1.1
libssl1.1=1.1.1s-r0
busybox-extras=1.35.0-r17 D:busybox
zlib=1.2.12-r3
`
	inst := "busybox=1.36.1-r29 busybox-binsh=1.36.1-r29 ssl_client=1.36.1-r29 libssl3=3.3.2-r0 baselayout=3.6.5-r0"
	world := "baselayout busybox libssl3 "
	downgrade := `
(1/3) Purging busybox-binsh (1.36.1-r29)
(2/3) Purging ssl_client (1.36.1-r29)
(3/3) Downgrading busybox (1.36.1-r29 -> 1.35.0-r17)
`
	runCases(t, []solverCase{
		{name: "add", pkgs: p, installed: inst, world: world, want: ``},
		{name: "add other", pkgs: p, installed: inst, world: world + "zlib", want: `
(1/1) Installing zlib (1.2.12-r3)
`},
		{name: "upgrade", pkgs: p, installed: inst, world: world, flags: Upgrade, want: ``},
		{name: "add -u busybox", pkgs: p, installed: inst, world: world, nameFlags: map[string]Flags{"busybox": Upgrade}, want: ``},
		{name: "latest busybox", pkgs: p, installed: inst, world: world, nameFlags: map[string]Flags{"busybox": Latest}, want: ``},
		{name: "dependent of the name", pkgs: p, installed: inst, world: world + "busybox-extras", want: `
(1/1) Installing busybox-extras (1.35.0-r17)
`},
		{name: "world asks the older", pkgs: p, installed: inst, world: "baselayout busybox<1.36 libssl3", want: downgrade},
		{name: "world asks the installed", pkgs: p, installed: inst, world: world + "busybox=1.36.1-r29", want: ``},
		{name: "virtual asked", pkgs: p, installed: inst, world: world + "/bin/sh", want: ``},
	})
	// upgrade -a --ignore busybox: busybox and busybox-binsh stay (the
	// name's Installed flag counts wherever its packages are candidates,
	// /bin/sh included); ssl_client, whose install_if no repository
	// version meets, goes. The order of the changes is not checked here:
	// apk-tools puts the real case's purge of ssl_client first.
	req := setup(t, p, inst, world)
	req.Flags, req.NameFlags = Upgrade|Available, map[string]Flags{"busybox": Installed}
	var got []string
	for _, c := range Solve(req).Changes {
		got = append(got, c.String())
	}
	if want := []string{"Downgrading baselayout (3.6.5-r0 -> 3.2.0-r23)", "Purging ssl_client (1.36.1-r29)"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("upgrade -a --ignore busybox: got %q, want %q", got, want)
	}
}
