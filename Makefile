# The two commands of the README: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Exact versions, with hashes, of everything installed: the app, the test tools (LOCK), and
# PyInstaller for the bundle (DIST_LOCK). `make lock` refreshes them from pyproject.toml.
LOCK := requirements/lock.txt
DIST_LOCK := requirements/dist.txt

.PHONY: run test test-fast screenshots lint bench dist check-dist translations ui check-office clean lock a11y-deps

# pip check: a dependency added to pyproject.toml but not yet to the lock is named, not missed.
define install_locked
	$(BIN)/python -m pip install --quiet --require-hashes -r $(1)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check || { echo "$(1) misses a dependency of pyproject.toml: run make lock"; exit 1; }
endef

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(call install_locked,$(LOCK))
	touch $@

run: $(STAMP)
	$(BIN)/gcm-collect

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check gcm_collect tests bench buildtools
	$(BIN)/mypy
	$(BIN)/mypy --platform win32  # Windows and macOS semantics, checked without the machines
	$(BIN)/mypy --platform darwin
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# The edit loop: the same checks, and every test but the slow lane (pytest -m slow: real
# workbooks written and read, the command line in a child process, LibreOffice, crash loops).
test-fast: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check gcm_collect tests bench buildtools
	$(BIN)/mypy
	$(BIN)/mypy --platform win32  # Windows and macOS semantics, checked without the machines
	$(BIN)/mypy --platform darwin
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

# Refresh docs/screenshots/ from the real windows (six languages, offscreen).
screenshots: $(STAMP)
	GCM_COLLECT_SCREENSHOTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/app/test_screenshots.py

# Every benchmark in bench/, each printing its ratio table. BENCH_QUICK=1: the short runs
# (--quick, for the scripts that have it).
bench: $(STAMP)
	@for script in bench/[!_]*.py; do \
		echo "== $$script"; \
		quick=; \
		if [ "$(BENCH_QUICK)" = 1 ] && grep -q -- '"--quick"' $$script; then quick=--quick; fi; \
		$(BIN)/python $$script $$quick || exit 1; \
	done

# The one-folder bundle for laptops without Python: dist/gcm-collect/ (see build.spec).
DIST_STAMP := $(VENV)/.installed-dist
$(DIST_STAMP): $(STAMP) $(DIST_LOCK)
	$(call install_locked,$(DIST_LOCK))
	touch $@

dist: $(DIST_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec
	@du -sh dist/gcm-collect

# Build the bundle, then run its selftest, --version and the window offscreen (tests/test_dist.py).
check-dist: dist
	GCM_COLLECT_DIST=dist/gcm-collect QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_dist.py

# Extract app strings, then create or update every language's catalog.
translations: $(STAMP)
	$(BIN)/python -m gcm_collect.i18n.update

# Compile the Designer files of ui/ into gcm_collect/app/designer/ (after editing one).
ui: $(STAMP)
	$(BIN)/python -m gcm_collect.app.compile_ui

# Debian packages for tests/app/test_atspi.py (the accessibility tree over AT-SPI), skipped
# without them, and for a listen with Orca (docs/accessibility.md). Needs root.
a11y-deps:
	apt-get install -y --no-install-recommends xvfb xauth dbus at-spi2-core python3-pyatspi \
		libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 orca espeak-ng xdotool

# Refresh the lock files after changing the dependencies in pyproject.toml: versions already
# pinned stay unless they must move; UPGRADE=1 takes the newest of everything. One resolution
# for every system (Linux, Windows, macOS), with the hashes of every file PyPI serves.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet 'uv>=0.5'
	$(UV_COMPILE) --extra test -o $(LOCK)
	$(UV_COMPILE) --extra test --extra dist --constraint $(LOCK) -o $(DIST_LOCK)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache .hypothesis
