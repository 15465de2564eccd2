# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BENCH ?=

.PHONY: demo test test-sqlite test-postgres lint bench install dev clean

FRONTEND := src/upheld/site/static/upheld/upheld.css

# The stylesheet is built from GOV.UK Frontend (npm) into the package.
$(FRONTEND): package.json package-lock.json $(wildcard src/upheld/site/scss/*.scss) src/upheld/site/scss/init.mjs scripts/build-frontend.mjs
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	@# pa11y's Puppeteer drives Debian's Chromium (tests/browser/pa11y.json): it must never download a browser.
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

$(BIN)/upheld: pyproject.toml $(FRONTEND)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(BIN)/upheld
	$(BIN)/pip install --quiet -e '.[dev]'
	command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null)
	touch $@

install: $(BIN)/upheld
dev: $(VENV)/.dev
	@# The browser tests drive Debian's Chromium (Playwright never downloads one).
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null)
	@# The PostgreSQL run of the suite keeps the cache in a throwaway Redis (scripts/with-redis).
	command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server >/dev/null)

demo: install
	$(BIN)/upheld demo --port $(PORT)

lint: dev
	$(BIN)/ruff check src tests benchmarks
	@# High-severity findings fail; ruff's S rules (bandit's checks) already gate the rest line by line.
	$(BIN)/bandit --quiet --recursive src --severity-level high

test-sqlite: dev
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest

test-postgres: dev
	scripts/with-postgres scripts/with-redis $(BIN)/pytest

test: lint dev
	scripts/test-all

bench: dev
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) var
