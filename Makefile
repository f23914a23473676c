# gobox: one static binary, many applets. See README.md.
#   make                       build ./gobox with every applet
#   make APPLETS="ls cat echo" build ./gobox with only those applets
#   make test                  test dependencies, check, unit tests, conformance ratchet
#   make check                 gofmt, go vet, staticcheck, go mod tidy
#   make rootfs                rootfs directory and tarball under _build/
#   make apk                   gobox as a signed apk package and index under _build/apk/
#   make conformance           run BusyBox's test suites, update the results
#   make shell-diff            the shell's corpus against Alpine's ash, failures listed

GO      ?= go
BINARY  ?= gobox
APPLETS ?=
export APPLETS APPLETS_FILE

.PHONY: all gobox test deps check rootfs apk conformance compat clean bench bench-shell shell-diff

all: gobox

gobox:
	scripts/build.sh $(BINARY)

check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './_build/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	scripts/staticcheck.sh ./...
	@$(GO) mod tidy -diff || { echo "go.mod or go.sum is not tidy: run 'go mod tidy'"; exit 1; }

# What the tests need on a fresh Debian machine (busybox-static, the
# conformance harness's tools); installs only what is missing.
deps:
	scripts/ci-deps.sh

test: deps check
	APPLETS= scripts/build.sh _build/gobox
	$(GO) test ./...
	scripts/conformance.sh --check _build/gobox

rootfs:
	APPLETS= scripts/build.sh _build/gobox
	scripts/mkrootfs.sh _build/gobox _build/rootfs _build/rootfs.tar.gz

# APK_KEY=KEY.rsa signs with that key (default: a local key made once
# under _build/apk-keys); APK_VERSION sets the version.
apk:
	APPLETS= scripts/build.sh _build/gobox
	scripts/mkapk.sh _build/gobox _build/apk

conformance:
	APPLETS= scripts/build.sh _build/gobox
	scripts/conformance.sh --update _build/gobox
	$(GO) run ./scripts/compat -write

compat:
	$(GO) run ./scripts/compat -write

# BASELINE=BIN: also measure an earlier gobox in the memory benchmark,
# with time ratios.
bench:
	scripts/bench/run.sh
	scripts/bench/mem.sh $(if $(BASELINE),--baseline $(BASELINE))
	scripts/bench/shell.sh
	scripts/bench/archive.sh
	scripts/bench/apk.sh

# The shell's differential corpus (shell/shelltest) against Alpine's ash:
# every failing case, grouped by topic, in _build/shell-failures.txt.
shell-diff:
	@mkdir -p _build
	SHELLTEST_LIST=$(CURDIR)/_build/shell-failures.txt $(GO) test -count=1 -run TestDifferential ./shell/shelltest; \
	status=$$?; [ -f _build/shell-failures.txt ] && sed -n '1,/^total/p' _build/shell-failures.txt; \
	echo "failing cases: _build/shell-failures.txt"; exit $$status

# The shell alone: run-shell-bench's scripts under dash, bash, BusyBox ash
# and gobox sh, and sh -c : start-up time and memory.
bench-shell:
	scripts/bench/shell.sh

clean:
	rm -rf _build $(BINARY)
