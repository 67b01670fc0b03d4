# Zhibiao: `make demo` runs the main job on Corpus/, `make test` runs every test.
# Both first install the Debian packages that are missing (apt-get, as root or with sudo).

SWIFT ?= swift
# libssl-dev: SHA-256 from libcrypto; libsqlite3-dev: the catalog's SQLite (GRDB); postgresql: the throwaway server the catalog tests start.
APT_PACKAGES := libicu-dev libxml2-dev zlib1g-dev libssl-dev pkg-config libsqlite3-dev postgresql
# Test dependencies: the diff's HTML report is rendered in a headless Chromium with a CJK font.
TEST_APT_PACKAGES := chromium chromium-driver fonts-wqy-zenhei
BIN := .build/release/zhibiao

.PHONY: deps build demo test test-python example install install-files install-man fuzz bench bench-catalog bench-web clean

# Seconds per fuzz target: `make fuzz` (override with FUZZ_SECONDS=600); `make test` runs each
# target briefly (7 targets x 8 s, under a minute in all).
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 8

deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "make: installing$$missing" >&2; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import openpyxl" 2>/dev/null || pip install -q openpyxl 2>/dev/null || \
		echo "make: cannot install openpyxl (pip): the workbook test will say so" >&2

# Build logs go to stderr: `make demo > out.md` keeps only the demo's output.
build: deps
	@$(SWIFT) build -c release --product zhibiao >&2

SEEDS := Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt

demo: build
	@echo "== checklists of the seeds (Corpus/) ==" >&2
	@$(BIN) checklist $(SEEDS)
	@echo "== diff of the seeds: the district plan against the provincial opinion ==" >&2
	@$(BIN) diff $(SEEDS)
	@mkdir -p .build/demo
	@$(BIN) diff --format html --output .build/demo/seed-diff.html $(SEEDS)
	@echo "make: the seed diff as one HTML page: $$(pwd)/.build/demo/seed-diff.html" >&2

test: APT_PACKAGES += $(TEST_APT_PACKAGES)
test: deps test-python
	$(SWIFT) test --disable-xctest
	$(MAKE) --no-print-directory example
	Fuzz/run.sh --seconds $(FUZZ_SMOKE_SECONDS)

# pandas for the test that reads the CSV and JSON Lines outputs with it (skipped without it).
test-python:
	@python3 -c 'import pandas' 2>/dev/null || python3 -m pip install -q pandas >/dev/null 2>&1 || \
		echo "make: pandas could not be installed: its test is skipped" >&2

# The example package (Examples/ZhibiaoExample) uses Zhibiao as a library: built, then run from
# another directory with no environment, so the grammar set must come from the package's resources.
EXAMPLE := Examples/ZhibiaoExample
example: deps
	$(SWIFT) build --package-path $(EXAMPLE)
	@bin=$$($(SWIFT) build --package-path $(EXAMPLE) --show-bin-path) && \
	out=$$(cd / && env -u ZHIBIAO_GRAMMARS "$$bin/zhibiao-example" "$(CURDIR)/Corpus/000_cd4c2e10bd593054.txt") && \
	echo "$$out" && echo "$$out" | grep -q '^grammar set: bundle' || \
	{ echo "make: the example did not run on the bundled grammar set" >&2; exit 1; }

# make install [PREFIX=/usr/local] [DESTDIR=…]: the binary in PREFIX/bin, the grammar set in
# PREFIX/share/zhibiao/Grammars (found from the binary's place, no environment needed), shell
# completions for bash, zsh and fish, and the man page.
PREFIX ?= /usr/local
SHARE = $(DESTDIR)$(PREFIX)/share
install: build
	$(MAKE) --no-print-directory install-files BIN=$(BIN)
	$(MAKE) --no-print-directory install-man || echo "make: the man page could not be generated; the rest is installed" >&2

# Copies a built binary (BIN) and the grammar set; writes the completions with the binary.
install-files:
	@test -x "$(BIN)" || { echo "make: $(BIN) is not built (make install builds it)" >&2; exit 1; }
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(SHARE)/zhibiao" "$(SHARE)/bash-completion/completions" \
		"$(SHARE)/zsh/site-functions" "$(SHARE)/fish/vendor_completions.d"
	install -m 755 "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/zhibiao"
	rm -rf "$(SHARE)/zhibiao/Grammars"
	cp -R Grammars "$(SHARE)/zhibiao/Grammars"
	"$(BIN)" --generate-completion-script bash > "$(SHARE)/bash-completion/completions/zhibiao"
	"$(BIN)" --generate-completion-script zsh > "$(SHARE)/zsh/site-functions/_zhibiao"
	"$(BIN)" --generate-completion-script fish > "$(SHARE)/fish/vendor_completions.d/zhibiao.fish"

# The man page, from swift-argument-parser's generate-manual plugin (builds its tool once).
install-man:
	$(SWIFT) package plugin generate-manual > /dev/null
	install -d "$(SHARE)/man/man1"
	install -m 644 .build/plugins/GenerateManual/outputs/zhibiao/zhibiao.1 "$(SHARE)/man/man1/zhibiao.1"

fuzz: deps
	Fuzz/run.sh --seconds $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-bench .build-fuzz

bench: deps
	Benchmarks/run.sh normalize
	Benchmarks/run.sh outline
	Benchmarks/run.sh extract
	Benchmarks/jobs.sh
	Benchmarks/run.sh diff
	Benchmarks/run.sh complexity

# The catalog: ingest throughput, query and search latency at 10,000 documents, SQLite and
# PostgreSQL (a throwaway server); about 15 minutes on 2 cores.
bench-catalog: deps
	Benchmarks/catalog.sh

# The web view (`zhibiao serve`): page latency for a 1 MB plan with about 5,000 indicators and
# for the library at 10,000 documents (built as bench-catalog builds them); about 5 minutes.
bench-web: deps
	Benchmarks/web.sh
