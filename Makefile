# Zhibiao: `make demo` runs the main job on Corpus/, `make test` runs every test.
# Both first install the Debian packages that are missing (apt-get, as root or with sudo).

SWIFT ?= swift
APT_PACKAGES := libicu-dev libxml2-dev zlib1g-dev libssl-dev pkg-config
BIN := .build/release/zhibiao

.PHONY: deps build demo test fuzz bench clean

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
	Benchmarks/run.sh complexity
