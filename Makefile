# Everything runs inside .venv, created on first use. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup chromium validate build serve test lint schema clean bench

help:
	@echo "make serve     set up, build and serve the site on http://$(HOST)"
	@echo "make test      set up (virtualenv, packages, chromium) and run every test"
	@echo "make validate  check every file in catalog/ and list all problems"
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

validate: setup
	$(BIN)/credential-catalog validate catalog

build: validate
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/mkdocs serve --dev-addr $(HOST)

lint: setup
	$(BIN)/ruff check plugins tests bench

schema: setup
	$(BIN)/credential-catalog schema --output catalog/schemas

test: setup chromium lint
	$(BIN)/python -m pytest

# Not part of `make test`; rewrites the measured part of docs/performance.md.
bench: setup chromium
	$(BIN)/python -m bench --profile 1000 --report docs/performance.md

clean:
	rm -rf site .pytest_cache
