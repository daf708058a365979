# The two commands of the README: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test screenshots lint bench dist check-dist translations ui check-office clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(BIN)/gcm-collect

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check gcm_collect tests bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

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
$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
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

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
