# Setup and everyday commands. Every target installs what it needs and is idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pip's errors still show; its warnings about this machine's own index settings do not.
PIP_QUIET ?= --quiet --quiet
HOST ?= 127.0.0.1
PORT ?= 8000
# Material for MkDocs prints an end-of-life banner on every MkDocs run unless this is set
# (material/templates/__init__.py): the notice is known, and it buries the build output.
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test lint typecheck unit bench bench-smoke clean browser-deps wheel-check \
	pdf-deps poppler report

setup: $(STAMP) dot

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Outcomes needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_QUIET) --upgrade pip
	$(BIN)/python -m pip install $(PIP_QUIET) -e ".[dev]"
	@touch $(STAMP)

# $(call require_package,CHECK,PACKAGE,WHAT): when the shell test CHECK fails, install the
# Debian package with apt-get (as root), else stop with a message naming the package.
define require_package
	@$(1) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing $(2) (apt-get install $(2))"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "$(3) is missing: install the '$(2)' package (sudo apt-get install $(2))"; exit 1; \
	  fi; }
endef

# Graphviz's `dot` draws the journey and traceability diagrams.
.PHONY: dot
dot:
	$(call require_package,command -v dot >/dev/null 2>&1,graphviz,Graphviz's dot)

# The SQL tests (tests/sql) start a throwaway server from Debian's PostgreSQL packages.
.PHONY: postgres
postgres:
	$(call require_package,ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1,postgresql,PostgreSQL's server)

# The browser tests (tests/browser) drive Debian's Chromium through Playwright and inject
# axe-core from npm. Playwright never downloads a browser here: it launches $(CHROMIUM).
CHROMIUM ?= /usr/bin/chromium
browser-deps: setup pdf-deps
	@test -f node_modules/axe-core/axe.min.js || { \
	  command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js and npm"; exit 1; }; \
	  echo "Installing axe-core (npm ci)"; npm ci --no-audit --no-fund --loglevel=error; }

# `outcomes report --pdf` prints the review pack with headless Chromium (the reasons are in
# plugins/outcomes/adapters/pdf.py); the tests read the PDF back with poppler's pdftotext.
pdf-deps: setup
	$(call require_package,test -x $(CHROMIUM),chromium,Chromium at $(CHROMIUM))

poppler:
	$(call require_package,command -v pdftotext >/dev/null 2>&1,poppler-utils,Poppler's pdftotext)

# The review pack of an OKR period as PDF: make report PERIOD=2026-Q4 (writes review-2026-Q4.pdf).
PERIOD ?= $(shell date +%Y)-Q$$(( ($$(date +%-m) + 2) / 3 ))
report: pdf-deps
	OUTCOMES_CHROMIUM=$(CHROMIUM) $(BIN)/outcomes report $(PERIOD) --pdf review-$(PERIOD).pdf

# A taken port would end mkdocs serve in a traceback: say so first, with the way out.
define PORT_CHECK
import errno, socket, sys
host, port = sys.argv[1], int(sys.argv[2])
try:
    family = socket.getaddrinfo(host, port)[0][0]
    socket.create_server((host, port), family=family).close()
except OSError as exc:
    if exc.errno == errno.EADDRINUSE:
        sys.exit(f"Port {port} on {host} is taken (is another server running?); "
                 f"pick another one: make serve PORT={port + 1}")
    sys.exit(f"Cannot serve on {host}:{port}: {exc.strerror or exc}; set HOST= and PORT=")
endef
export PORT_CHECK

serve: setup
	@$(BIN)/python -c "$$PORT_CHECK" $(HOST) $(PORT)
	$(BIN)/mkdocs serve --livereload -a $(HOST):$(PORT)

build: setup
	$(BIN)/mkdocs build --strict

lint: setup
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

typecheck: setup
	$(BIN)/mypy

unit: setup browser-deps postgres poppler
	OUTCOMES_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q

test: browser-deps lint typecheck unit bench-smoke

# Builds the sdist and the wheel, installs the wheel into a clean virtual environment and
# runs `outcomes init`, `outcomes validate --strict` and `mkdocs build --strict` there
# (about 30 s; .ci/run runs it after `make test`).
wheel-check: setup
	PYTHON=$(BIN)/python .ci/wheel-check

# Every benchmark case at 1,000 and 10,000 hypotheses, with its goal (docs/performance.md);
# about 25 minutes. Parts: make bench BENCH_ARGS="--cases validate,rebuild" (validate,
# build, scale, rebuild); --check exits 1 when a goal is missed.
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# A tiny run of the benchmark, so CI keeps it working; it never fails on a missed goal.
bench-smoke: setup
	$(BIN)/python bench/run.py --smoke

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache node_modules test-artifacts
