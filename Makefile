# Partner Atlas — build, run and test on a Debian/Ubuntu machine with Go.
#
#   make run    install missing system packages, build the app, start it
#   make test   install missing test tools, vet, test, then build the real binary once

BINARY     := partneratlas
CMD        := ./cmd/partneratlas
BUILD_TAGS := migrated_fynedo
TEST_TAGS  := ci,migrated_fynedo
NPM_DIR    := $(CURDIR)/.cache/npm

# Packages the tests use on top of the build dependencies.
TEST_PACKAGES := libreoffice-calc-nogui poppler-utils
ifeq ($(shell command -v node 2>/dev/null),)
TEST_PACKAGES += nodejs npm
endif

.PHONY: all deps test-deps build run test bench clean

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

build: deps
	CGO_ENABLED=1 go build -tags $(BUILD_TAGS) -o $(BINARY) $(CMD)

run: build
	LANG=$${LANG:-en_US.UTF-8} ./$(BINARY)

test: export NODE_PATH := $(NPM_DIR)/node_modules
test: test-deps
	CGO_ENABLED=0 go vet -tags $(TEST_TAGS) ./...
	CGO_ENABLED=0 go test -tags $(TEST_TAGS) -count=1 ./...
	CGO_ENABLED=1 go build -tags $(BUILD_TAGS) -o /dev/null $(CMD)

bench:
	CGO_ENABLED=0 go test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -f $(BINARY) *.test *.prof
	rm -rf dist
	find . -type d -path '*/testdata/failed' -prune -exec rm -rf {} +
