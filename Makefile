# Setup and everyday commands. Every target installs what it needs and is idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve build test lint typecheck unit bench bench-smoke clean browser-deps

setup: $(STAMP) dot

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Outcomes needs Python 3.11 or newer (found $$($(PYTHON) --version))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# Graphviz's `dot` draws the journey and traceability diagrams.
.PHONY: dot
dot:
	@command -v dot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Graphviz (apt-get install graphviz)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; \
	  else \
	    echo "Graphviz's dot is missing: install the 'graphviz' package (sudo apt-get install graphviz)"; exit 1; \
	  fi; }

# The browser tests (tests/browser) drive Debian's Chromium through Playwright and inject
# axe-core from npm. Playwright never downloads a browser here: it launches $(CHROMIUM).
CHROMIUM ?= /usr/bin/chromium
browser-deps: setup
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium (apt-get install chromium)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing at $(CHROMIUM): install the 'chromium' package (sudo apt-get install chromium)"; exit 1; \
	  fi; }
	@test -f node_modules/axe-core/axe.min.js || { \
	  command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js and npm"; exit 1; }; \
	  echo "Installing axe-core (npm ci)"; npm ci --no-audit --no-fund --loglevel=error; }

serve: setup
	$(BIN)/mkdocs serve --livereload -a $(HOST):$(PORT)

build: setup
	$(BIN)/mkdocs build --strict

lint: setup
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

typecheck: setup
	$(BIN)/mypy

unit: setup browser-deps
	OUTCOMES_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q

test: browser-deps lint typecheck unit bench-smoke

bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# A tiny run of the benchmark, so CI keeps it working; it never fails on a missed goal.
bench-smoke: setup
	$(BIN)/python bench/run.py --smoke

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache node_modules test-artifacts
