# The two commands a new user needs: `make run` and `make test`.
# Both first make sure the system libraries are present (installing them with apt-get when
# run as root on Debian/Ubuntu), then build with SwiftPM.

SWIFT        ?= swift
CONFIG       ?= release
APT_PACKAGES := pkg-config libopenblas-dev liblapacke-dev
EMIS          = .build/$(CONFIG)/emis

.PHONY: all deps build run test lint format fuzz bench clean

all: build

# Install what is missing; never touch a machine we may not administer.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ] && pkg-config --exists openblas lapacke 2>/dev/null; then exit 0; fi; \
	if [ -z "$$missing" ]; then missing="$(APT_PACKAGES)"; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "emis: installing system packages:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	else \
	  echo "emis: missing system packages; please install:$$missing (e.g. sudo apt-get install$$missing)"; exit 1; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG) --product emis

# The Datong report: the baseline, the plan, the enhanced scenario and the least-cost
# portfolio (optimize-2025.yaml, reported at the levels `emis optimize` finds), with
# 2,000 Monte Carlo draws of the demonstration uncertainty ranges (P(met), fan charts).
REPORT_SCENARIOS = Scenarios/baseline.yaml Scenarios/plan.yaml Scenarios/enhanced.yaml Scenarios/optimize-2025.yaml
REPORT_DRAWS     = 2000

run: build
	$(EMIS) report $(REPORT_SCENARIOS) --draws $(REPORT_DRAWS) --out report

# The release build is part of the test: `make run` uses it, and the optimiser can fail
# where a debug build does not (Swift 6.3.1 crashed once on ReportBuilder in -O only).
test: deps lint
	$(SWIFT) build -c release --product emis
	OPENBLAS_NUM_THREADS=1 $(SWIFT) test

# House style: the toolchain's own swift-format with the checked-in .swift-format.
# `make format` rewrites the files; `make lint` (run by `make test`) fails on any difference.
FORMATTED = Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift

lint:
	$(SWIFT) format lint --strict --recursive $(FORMATTED)

format:
	$(SWIFT) format --in-place --recursive $(FORMATTED)

# libFuzzer targets (Fuzz/, Docs/testing.md): each runs for FUZZ_SECONDS on a corpus seeded
# from Inventories/ and Scenarios/ (copied under .build; the inputs are never touched). A
# crash, leak or timeout leaves its input in .build/fuzz-findings and fails the target.
FUZZ_TARGETS  ?= csv yaml inventory scenario
FUZZ_SECONDS  ?= 60
FUZZ_OPTIONS  ?= -max_len=4096 -rss_limit_mb=2048 -timeout=10
FUZZ_CORPUS    = .build/fuzz-corpus

fuzz: deps
	$(SWIFT) build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address
	Fuzz/seed-corpus $(FUZZ_CORPUS)
	mkdir -p .build/fuzz-findings
	for t in $(FUZZ_TARGETS); do \
	  Fuzz/.build/release/fuzz-$$t $(FUZZ_CORPUS)/$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_OPTIONS) \
	    -artifact_prefix=.build/fuzz-findings/$$t- -print_final_stats=1 || exit 1; \
	done

clean:
	rm -rf .build
