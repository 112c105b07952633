# Everything runs inside .venv, created on first use. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
NODE_STAMP := node_modules/.package-lock.json
HOST ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
# uv installs into this project's .venv, with the Python that made it, never one it downloads.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: help setup lock chromium java node validate diff build serve test lint schema clean bench quality screenshots

help:
	@echo "make serve     set up, build and serve the site on http://$(HOST)"
	@echo "make test      set up (virtualenv, packages, chromium, java) and run every test"
	@echo "make validate  check every file in catalog/ and list all problems"
	@echo "               (BASE=origin/main also checks versions against that git revision)"
	@echo "make diff      print what changed in the catalog since BASE (default origin/main)"
	@echo "make build     validate, then build the site into site/ with --strict"
	@echo "make schema    regenerate catalog/schemas/ from the models"
	@echo "make lock      refresh uv.lock, requirements/uv.txt and package-lock.json to the newest"
	@echo "               releases pyproject.toml and package.json allow"
	@echo "make bench     benchmark builds and search at N = 40, 1,000, 10,000 (slow)"
	@echo "make quality   search relevance and Lighthouse on the browse page (part of make bench)"
	@echo "make screenshots  the README's screenshots, 1280 and 390 px, light and dark"

# Everything comes from the locks: uv (pinned and hashed in requirements/uv.txt), then every
# Python package at the version and hash uv.lock records (--locked: refuse a stale lock), compiled
# to bytecode once, so that no build pays for it where Python may not write it (PYTHONDONTWRITEBYTECODE).
$(STAMP): pyproject.toml uv.lock requirements/uv.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/uv.txt
	$(BIN)/uv sync --quiet --locked --inexact --extra test --compile-bytecode
	touch $(STAMP)

setup: $(STAMP)

lock: setup
	$(BIN)/uv lock --upgrade
	$(BIN)/uv pip compile --quiet --upgrade --generate-hashes --universal --python-version 3.11 \
	  requirements/uv.in -o requirements/uv.txt
	npm install --package-lock-only --no-audit --no-fund

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi

java:
	@if ! command -v java >/dev/null; then \
	  echo "Installing Debian's Java runtime for the Nu HTML Checker"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; \
	fi

# The test tools from package-lock.json (axe-core, the VC context, vnu-jar, lighthouse), into ./node_modules (git-ignored); needs Debian's npm.
node: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund

validate: setup
	$(BIN)/credential-catalog validate catalog $(if $(BASE),--base "$(BASE)")

diff: setup
	@$(BIN)/credential-catalog diff "$(or $(BASE),origin/main)"

build: validate
	$(BIN)/mkdocs build --strict

serve: validate
	$(BIN)/mkdocs serve --dev-addr $(HOST)

lint: setup
	$(BIN)/ruff check plugins tests bench

schema: setup
	$(BIN)/credential-catalog schema --output catalog/schemas

test: setup chromium java node lint
	$(BIN)/python -m pytest

# Not part of `make test`; rewrite the measured parts of docs/performance.md. Lighthouse comes
# from package-lock.json (`make node`).
LIGHTHOUSE := node_modules/.bin/lighthouse

bench: setup chromium node
	$(BIN)/python -m bench --profile 1000 --report docs/performance.md --lighthouse $(LIGHTHOUSE)

quality: setup chromium node
	$(BIN)/python -m bench.quality --report docs/performance.md --lighthouse $(LIGHTHOUSE)

screenshots: setup chromium
	$(BIN)/python -m bench.screenshots

clean:
	rm -rf site .pytest_cache
