# Two commands set everything up on a fresh machine:
#   make sample   -> venv + install + ingest the bundled sample corpus into ./delib.duckdb
#   make test     -> venv + install + ruff + mypy + pytest   (what .ci/run calls)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml corpus/pyproject.toml | sha256sum | cut -c1-12)
# the tests run on every core (pytest-xdist): 7 min instead of 13 on 2 cores
PYTEST_ARGS ?= -n auto

.PHONY: install sample test lint typecheck pytest bench bench-fuzz schema clean

# delib itself, and delib-corpus (corpus/pyproject.toml: the fixture generator the tests render with)
$(STAMP): pyproject.toml corpus/pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip "setuptools>=68" wheel
	$(BIN)/python -m pip install -q -e ".[dev,ocr]" -e ./corpus
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

sample: install
	$(BIN)/delib ingest corpus/samples

lint: install
	$(BIN)/ruff check delib models extract corpus warehouse tests bench
	$(BIN)/ruff format --check delib models extract corpus warehouse tests bench

# mypy does not follow setuptools' editable import hook, so type-check the
# package as it installs: a throw-away tree where delib/ holds links to the
# delib/ files and to models/, extract/, corpus/, warehouse/ (the same
# package-dir mapping as pyproject.toml).
typecheck: install
	@d=$$(mktemp -d) && mkdir $$d/delib && \
	for f in delib/*; do ln -s "$(CURDIR)/$$f" $$d/delib/; done && \
	for p in models extract corpus warehouse; do ln -s "$(CURDIR)/$$p" $$d/delib/$$p; done && \
	cd $$d && "$(CURDIR)/$(BIN)/mypy" --config-file "$(CURDIR)/pyproject.toml" --cache-dir "$(CURDIR)/.mypy_cache" -p delib; \
	rc=$$?; rm -rf $$d; exit $$rc

pytest: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test: lint typecheck pytest

bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# 1,000 damaged PDFs through `delib extract`: 0 tracebacks, 0 hangs (bench/fuzz.py)
bench-fuzz: install
	$(BIN)/python -m bench.fuzz $(FUZZ_ARGS)

clean:
	rm -rf .typecheck build *.egg-info .pytest_cache .mypy_cache .ruff_cache
