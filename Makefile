# Everything runs inside .venv, created on first use. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js
HOST ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
# Absolute ids in the exports come from site_url; a deployment sets its own address here.
export CATALOG_SITE_URL ?= http://127.0.0.1:8000/

.PHONY: help setup chromium axe validate diff build serve test lint schema clean bench

help:
	@echo "make serve     set up, build and serve the site on http://$(HOST)"
	@echo "make test      set up (virtualenv, packages, chromium) and run every test"
	@echo "make validate  check every file in catalog/ and list all problems"
	@echo "               (BASE=origin/main also checks versions against that git revision)"
	@echo "make diff      print what changed in the catalog since BASE (default origin/main)"
	@echo "make build     validate, then build the site into site/ with --strict"
	@echo "make schema    regenerate catalog/schemas/ from the models"
	@echo "make bench     benchmark builds and search at N = 40, 1,000, 10,000 (slow)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; \
	fi

# axe-core for the accessibility tests, into ./node_modules (git-ignored); needs Debian's npm.
axe: $(AXE)

$(AXE):
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }
	npm install --no-save --no-audit --no-fund --prefix . axe-core@4

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

test: setup chromium axe lint
	$(BIN)/python -m pytest

# Not part of `make test`; rewrites the measured part of docs/performance.md.
bench: setup chromium
	$(BIN)/python -m bench --profile 1000 --report docs/performance.md

clean:
	rm -rf site .pytest_cache
