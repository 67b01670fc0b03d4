# Zhibiao: `make demo` runs the main job on Corpus/, `make test` runs every test.
# Both first install the Debian packages that are missing (apt-get, as root or with sudo).

SWIFT ?= swift
APT_PACKAGES := libicu-dev libxml2-dev zlib1g-dev pkg-config
BIN := .build/release/zhibiao

.PHONY: deps build demo test bench clean

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

clean:
	rm -rf .build

bench: deps
	Benchmarks/run.sh normalize
	Benchmarks/run.sh outline
	Benchmarks/run.sh extract
