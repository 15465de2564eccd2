# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BENCH ?=

.PHONY: demo test test-sqlite test-postgres lint bench install dev clean

$(BIN)/upheld: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(BIN)/upheld
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/upheld
dev: $(VENV)/.dev

demo: install
	$(BIN)/upheld demo --port $(PORT)

lint: dev
	$(BIN)/ruff check src tests benchmarks

test-sqlite: dev
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: dev
	scripts/with-postgres $(BIN)/pytest

test: lint test-sqlite test-postgres

bench: dev
	$(BIN)/python -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) var
