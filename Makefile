# Partner Atlas — build, run, test and package on a Debian/Ubuntu machine with Go.
#
#   make run        install missing system packages, build the app, start it
#   make test       install missing test tools, vet, test, then build the real binary once
#   make dist       build the Linux and Windows packages into dist/ (dist-linux, dist-windows: one)
#   make install    install the Linux package: into ~/.local, or /usr/local as root
#   make uninstall  remove what make install put there
#
# The version and build number are FyneApp.toml's ([Details] Version, Build); every build
# gets them with -ldflags, and `partneratlas --version` prints them.

BINARY     := partneratlas
CMD        := ./cmd/partneratlas
BUILD_TAGS := migrated_fynedo
TEST_TAGS  := ci,migrated_fynedo
NPM_DIR    := $(CURDIR)/.cache/npm

APP_VERSION := $(shell scripts/fyneapp.sh Version)
APP_BUILD   := $(shell scripts/fyneapp.sh Build)
LDFLAGS     := -X main.version=$(APP_VERSION) -X main.build=$(APP_BUILD)

# What make dist needs on top of the build dependencies: the Windows cross compiler, the
# desktop entry's validator and the archivers.
DIST_PACKAGES := gcc-mingw-w64-x86-64 desktop-file-utils file xz-utils zip unzip
LINUX_ARCHIVE := dist/$(BINARY)-$(APP_VERSION)-linux-amd64.tar.xz

# Packages the tests use on top of the build dependencies.
TEST_PACKAGES := libreoffice-calc-nogui poppler-utils
ifeq ($(shell command -v node 2>/dev/null),)
TEST_PACKAGES += nodejs npm
endif

.PHONY: all deps test-deps dist-deps build run test bench dist dist-linux dist-windows install uninstall clean

all: build

deps:
	scripts/install-deps.sh

test-deps:
	scripts/install-deps.sh $(TEST_PACKAGES)
	@if command -v npm >/dev/null 2>&1; then \
		if [ -d "$(NPM_DIR)/node_modules/xlsx" ] && [ -d "$(NPM_DIR)/node_modules/exceljs" ]; then \
			echo "test-deps: npm packages already in $(NPM_DIR)"; \
		else \
			mkdir -p "$(NPM_DIR)" && \
			npm install --prefix "$(NPM_DIR)" --no-audit --no-fund --save-exact xlsx exceljs@4.4.0; \
		fi; \
	else \
		echo "test-deps: npm not found; skipping xlsx/exceljs"; \
	fi

dist-deps:
	scripts/install-deps.sh $(DIST_PACKAGES)

build: deps
	CGO_ENABLED=1 go build -tags $(BUILD_TAGS) -ldflags "$(LDFLAGS)" -o $(BINARY) $(CMD)

run: build
	LANG=$${LANG:-en_US.UTF-8} ./$(BINARY)

test: export NODE_PATH := $(NPM_DIR)/node_modules
test: test-deps
	CGO_ENABLED=0 go vet -tags $(TEST_TAGS) ./...
	CGO_ENABLED=0 go test -timeout 30m -tags $(TEST_TAGS) -count=1 ./...
	# The private overlap's portable arithmetic (machines without AVX2, ARM Macs) gives the same bytes.
	CGO_ENABLED=0 go test -tags $(TEST_TAGS),purego -count=1 -run 'PrivateGroup|PrivateOverlap' ./core
	CGO_ENABLED=1 go build -tags $(BUILD_TAGS) -ldflags "$(LDFLAGS)" -o /dev/null $(CMD)
	CGO_ENABLED=1 go test -race -timeout 30m -tags $(TEST_TAGS) ./ui
	# The work core and importers spread over every core, under the race detector.
	CGO_ENABLED=1 go test -race -tags $(TEST_TAGS) -run 'PartnerBatches|EvaluateOnEveryCore|Private|MatchListsAsOneByOne' ./core ./importers

bench:
	CGO_ENABLED=0 go test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem ./...

# The packages, built from a copy of the tree (scripts/dist.sh says why); prints what it wrote.
dist: dist-deps
	scripts/dist.sh linux windows

dist-linux: dist-deps
	scripts/dist.sh linux

dist-windows: dist-deps
	scripts/dist.sh windows

$(LINUX_ARCHIVE):
	$(MAKE) --no-print-directory dist-linux

# Installs from the Linux archive, the way a user does with the Makefile inside it; PREFIX=DIR
# installs elsewhere.
install: $(LINUX_ARCHIVE)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	tar -xJf $(LINUX_ARCHIVE) -C "$$tmp" && \
	$(MAKE) --no-print-directory -C "$$tmp/$(BINARY)-$(APP_VERSION)-linux-amd64" install

uninstall:
	@$(MAKE) --no-print-directory -f packaging/linux/Makefile uninstall

clean:
	rm -f $(BINARY) *.test *.prof
	rm -rf dist
	find . -type d -path '*/testdata/failed' -prune -exec rm -rf {} +
