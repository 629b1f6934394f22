# One-command set-up and build: `make site`; checks: `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve check test test-fast lint typecheck golden browser-deps clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/lft check
	NO_MKDOCS_2_WARNING=1 $(BIN)/lft build

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/lft serve

check: $(STAMP)
	$(BIN)/lft check

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard scripts/*.py)
	$(BIN)/ruff format --check src tests $(wildcard scripts/*.py)

typecheck: $(STAMP)
	$(BIN)/mypy

# Debian's Chromium and Java for the browser tests (never a downloaded browser), and the Nu Html
# Checker pinned in package-lock.json (its install script, which would fetch a Java, is skipped).
browser-deps:
	@test -x /usr/bin/chromium && command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium default-jre-headless; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium default-jre-headless; fi; }
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --ignore-scripts --no-audit --no-fund

test: $(STAMP) browser-deps lint typecheck
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -q

# The inner loop: no site builds (tests marked e2e, see tests/conftest.py), no browser.
test-fast: $(STAMP) lint typecheck
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -q -m "not e2e and not browser"

golden: $(STAMP)
	$(BIN)/pytest -q tests/test_golden.py tests/test_schema_examples.py --update-golden

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
