# Zhibiao: `make demo` runs the main job on Corpus/, `make test` runs every test.
# Both first install the Debian packages that are missing (apt-get, as root or with sudo).

SWIFT ?= swift
# libsqlite3-dev: the catalog's SQLite (GRDB); postgresql: the throwaway server the catalog tests start.
APT_PACKAGES := libicu-dev libxml2-dev zlib1g-dev pkg-config libsqlite3-dev postgresql
BIN := .build/release/zhibiao

.PHONY: deps build demo test fuzz bench bench-catalog clean

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

build: deps
	$(SWIFT) build -c release --product zhibiao

SEEDS := Corpus/000_cd4c2e10bd593054.txt Corpus/002_113670edcd97c76e.txt

demo: build
	@echo "== checklists of the seeds (Corpus/) ==" >&2
	$(BIN) checklist $(SEEDS)

test: deps
	$(SWIFT) test
	Fuzz/run.sh --seconds $(FUZZ_SMOKE_SECONDS)

fuzz: deps
	Fuzz/run.sh --seconds $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-bench .build-fuzz

bench: deps
	Benchmarks/run.sh normalize
	Benchmarks/run.sh outline
	Benchmarks/run.sh extract

# The catalog: ingest throughput, query and search latency at 10,000 documents, SQLite and
# PostgreSQL (a throwaway server); about 15 minutes on 2 cores.
bench-catalog: deps
	Benchmarks/catalog.sh
