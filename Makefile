# gobox: one static binary, many applets. See README.md.
#   make                       build ./gobox with every applet
#   make APPLETS="ls cat echo" build ./gobox with only those applets
#   make test                  unit tests, contract checks, conformance ratchet
#   make check                 gofmt and go vet
#   make rootfs                rootfs directory and tarball under _build/
#   make conformance           run BusyBox's test suites, update the results

GO      ?= go
BINARY  ?= gobox
APPLETS ?=
export APPLETS APPLETS_FILE

.PHONY: all gobox test check rootfs conformance compat clean bench

all: gobox

gobox:
	scripts/build.sh $(BINARY)

check:
	@out=$$(gofmt -l $$(find . -name '*.go' -not -path './_build/*')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: check
	APPLETS= scripts/build.sh _build/gobox
	$(GO) test ./...
	scripts/conformance.sh --check _build/gobox

rootfs:
	APPLETS= scripts/build.sh _build/gobox
	scripts/mkrootfs.sh _build/gobox _build/rootfs _build/rootfs.tar.gz

conformance:
	APPLETS= scripts/build.sh _build/gobox
	scripts/conformance.sh --update _build/gobox
	$(GO) run ./scripts/compat -write

compat:
	$(GO) run ./scripts/compat -write

bench:
	scripts/bench/run.sh

clean:
	rm -rf _build $(BINARY)
