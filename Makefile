# One-command set-up and build: `make site`; checks: `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
# The installer, uv, pinned with its hashes in tools.lock (from tools.in): it installs the lock in
# a tenth of pip's time (about 8 s instead of 40 s here, most of a fresh clone's set-up).
TOOLS_LOCK := tools.lock
UV_DIR := build/uv
UV := $(UV_DIR)/bin/uv
# uv uses the Python that `make` names, never one it would download.
export UV_PYTHON_DOWNLOADS := never
# The lock's tool, pinned: `make lock` is the one command that changes what is installed.
PIP_TOOLS := pip-tools==7.7.0

.PHONY: site serve check test test-fast lint typecheck golden browser-deps lock clean

$(UV): $(TOOLS_LOCK)
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 2; }
	$(PYTHON) -m pip install --quiet --root-user-action=ignore --disable-pip-version-check \
	  --require-hashes --no-deps --upgrade --target $(UV_DIR) -r $(TOOLS_LOCK)
	touch $(UV)

# Exactly what the lock names and nothing else (`uv pip sync`), each file checked against its
# hash and compiled; then the project itself, without dependencies of its own choosing.
# `uv pip check` fails when the lock misses one. The project's own modules are compiled too:
# where Python may not write bytecode (PYTHONDONTWRITEBYTECODE, as on CI), every process would
# compile them again (each test's `lft` process, the preview). A hash, not a time, tells a
# changed file.
$(STAMP): pyproject.toml $(LOCK) $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q --invalidation-mode checked-hash src
	$(UV) pip check --quiet --python $(BIN)/python
	touch $(STAMP)

# Refresh the locks on purpose, after changing a dependency in pyproject.toml or the installer's
# version in tools.in (or to take new releases: add --upgrade or --upgrade-package NAME to
# PIP_COMPILE_ARGS). Review the diff.
lock:
	$(PYTHON) -m venv build/lock-tools
	build/lock-tools/bin/pip install --quiet $(PIP_TOOLS)
	build/lock-tools/bin/pip-compile --quiet --extra test --generate-hashes --allow-unsafe \
	  --strip-extras --no-emit-index-url --no-emit-find-links --build-deps-for=editable \
	  $(PIP_COMPILE_ARGS) --output-file $(LOCK) pyproject.toml
	build/lock-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links $(PIP_COMPILE_ARGS) --output-file $(TOOLS_LOCK) tools.in

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

# Both cores: pytest-xdist workers, the tests of one file on one worker (they share its
# fixtures); the sites several files read are built once per run (tests/conftest.py).
test: $(STAMP) browser-deps lint typecheck
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -q -n 2 --dist loadfile

# The inner loop: no site builds (tests marked e2e, see tests/conftest.py), no browser.
test-fast: $(STAMP) lint typecheck
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest -q -n 2 -m "not e2e and not browser"

golden: $(STAMP)
	$(BIN)/pytest -q tests/test_golden.py tests/test_schema_examples.py --update-golden

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
